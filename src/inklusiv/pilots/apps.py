from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "inklusiv.pilots"
    label = "pilots"
    verbose_name = _("Pilot regions")

    def ready(self):
        from . import (
            rules,  # noqa: F401 - registers the permissions
            work,  # noqa: F401 - registers its work items for the dashboard
        )
