"""The evaluation's indicators pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/indikatoren/", _todo, name="indicators"),
    path("evaluation/indikatoren/export.csv", _todo, name="indicators_csv"),
    path("evaluation/indikatoren/export.xlsx", _todo, name="indicators_xlsx"),
    path("evaluation/indikatoren/neu/", _todo, name="indicator_add"),
    path("evaluation/region/<slug:slug>/indikatoren/", _todo, name="region_indicators"),
    path("evaluation/region/<slug:slug>/indikatoren/neu/", _todo, name="region_indicator_add"),
    path("evaluation/indikatoren/<int:pk>/", _todo, name="indicator"),
    path("evaluation/indikatoren/<int:pk>/bearbeiten/", _todo, name="indicator_edit"),
    path("evaluation/indikatoren/<int:pk>/ziele/", _todo, name="indicator_targets"),
    path("evaluation/indikatoren/<int:pk>/werte/", _todo, name="indicator_values"),
    path("evaluation/indikatoren/werte/<int:pk>/korrigieren/", _todo, name="value_correct"),
]
