from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "inklusiv.visits"
    label = "visits"
    verbose_name = _("On-site meetings")

    def ready(self):
        from . import work  # noqa: F401 - registers its work items for the dashboard
