from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "inklusiv.trainings"
    label = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        from inklusiv.pilots import sections

        sections.register(
            sections.Section(key="trainings", label=_("Trainings"), url_name="trainings:region")
        )
        from . import (
            notification_kinds,  # noqa: F401 - registers its mails
            rules,  # noqa: F401 - registers the permissions
            work,  # noqa: F401 - registers its work items for the dashboard
        )
