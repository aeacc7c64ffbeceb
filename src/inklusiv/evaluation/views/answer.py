"""The evaluation's answer pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("umfrage/<str:token>/", _todo, name="answer_start"),
    path("umfrage/weiter/<str:token>/", _todo, name="answer"),
    path("umfrage/weiter/<str:token>/sprache/", _todo, name="answer_language"),
    path("umfrage/weiter/<str:token>/video/<int:question>/", _todo, name="answer_video"),
    path("umfrage/danke/<slug:slug>/", _todo, name="answer_thanks"),
]
