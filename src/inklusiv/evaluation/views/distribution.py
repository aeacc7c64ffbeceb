"""The evaluation's distribution pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/umfragen/<slug:slug>/verteilen/", _todo, name="survey_distribution"),
    path("evaluation/umfragen/<slug:slug>/einladungen/erinnern/", _todo, name="invitations_remind"),
]
