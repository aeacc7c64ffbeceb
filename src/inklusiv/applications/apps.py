from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "inklusiv.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from . import work  # noqa: F401 - registers its work items for the dashboard
