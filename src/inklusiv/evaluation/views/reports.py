"""The evaluation's reports pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/berichte/", _todo, name="reports"),
    path("evaluation/berichte/neu/", _todo, name="report_add"),
    path("evaluation/berichte/<int:pk>/", _todo, name="report"),
    path("evaluation/berichte/<int:pk>/bearbeiten/", _todo, name="report_edit"),
    path("evaluation/berichte/<int:pk>/freigeben/", _todo, name="report_release"),
    path("evaluation/berichte/<int:pk>/bericht.pdf", _todo, name="report_pdf"),
]
