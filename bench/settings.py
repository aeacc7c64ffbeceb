"""The project's production settings (DEBUG off), with static files served unhashed so pages
render without `collectstatic`; timings then match production apart from the static URLs."""

from inklusiv.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
