from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "inklusiv.selection"
    verbose_name = _("Selection")

    def ready(self):
        from . import work  # noqa: F401 - registers its work items for the dashboard
