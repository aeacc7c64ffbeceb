"""The evaluation's impact pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/wirkungsmodell/", _todo, name="programme_model"),
    path("evaluation/region/<slug:slug>/wirkungsmodell/", _todo, name="region_model"),
    path("evaluation/wirkungsmodell/<int:pk>/bearbeiten/", _todo, name="model_edit"),
    path("evaluation/wirkungsmodell/<int:pk>/elemente/neu/", _todo, name="element_add"),
    path("evaluation/wirkungsmodell/elemente/<int:pk>/", _todo, name="element_edit"),
    path("evaluation/wirkungsmodell/elemente/<int:pk>/entfernen/", _todo, name="element_delete"),
    path("evaluation/wirkungsmodell/<int:pk>/vorlage.json", _todo, name="model_json"),
    path("evaluation/wirkungsmodell/<int:pk>/vorlage.pdf", _todo, name="model_pdf"),
    path(
        "evaluation/region/<slug:slug>/wirkungsmodell/vorlage-uebernehmen/",
        _todo,
        name="model_import",
    ),
]
