"""The evaluation's home pages: a placeholder until its helper builds them (names and
paths are the contract; the views replace `_todo`)."""

from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [
    path("evaluation/", _todo, name="home"),
    path("evaluation/region/<slug:slug>/", _todo, name="region"),
]
