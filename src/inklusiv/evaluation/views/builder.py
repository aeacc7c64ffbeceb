"""The evaluation's builder pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/umfragen/", _todo, name="surveys"),
    path("evaluation/umfragen/neu/", _todo, name="survey_add"),
    path("evaluation/umfragen/<slug:slug>/", _todo, name="survey"),
    path("evaluation/umfragen/<slug:slug>/bearbeiten/", _todo, name="survey_edit"),
    path("evaluation/umfragen/<slug:slug>/status/<str:to>/", _todo, name="survey_transition"),
    path("evaluation/umfragen/<slug:slug>/kopieren/", _todo, name="survey_copy"),
    path("evaluation/umfragen/<slug:slug>/abschnitte/neu/", _todo, name="section_add"),
    path("evaluation/umfragen/abschnitte/<int:pk>/", _todo, name="section_edit"),
    path("evaluation/umfragen/abschnitte/<int:pk>/entfernen/", _todo, name="section_delete"),
    path("evaluation/umfragen/abschnitte/<int:pk>/fragen/neu/", _todo, name="question_add"),
    path("evaluation/umfragen/fragen/<int:pk>/", _todo, name="question_edit"),
    path("evaluation/umfragen/fragen/<int:pk>/entfernen/", _todo, name="question_delete"),
    path("evaluation/umfragen/fragen/<int:pk>/video/", _todo, name="question_video"),
]
