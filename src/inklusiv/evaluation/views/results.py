"""The evaluation's results pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/umfragen/<slug:slug>/ergebnisse/", _todo, name="survey_results"),
    path("evaluation/region/<slug:slug>/umfragen/<slug:survey>/", _todo, name="region_results"),
    path("evaluation/umfragen/<slug:slug>/export/antworten.csv", _todo, name="survey_csv"),
    path("evaluation/umfragen/<slug:slug>/export/codebuch.csv", _todo, name="survey_codebook"),
    path("evaluation/umfragen/<slug:slug>/export/antworten.sav", _todo, name="survey_sav"),
]
