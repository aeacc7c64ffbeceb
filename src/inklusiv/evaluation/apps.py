from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "inklusiv.evaluation"
    label = "evaluation"
    verbose_name = _("Scientific evaluation")

    def ready(self):
        from inklusiv.pilots import sections

        sections.register(
            sections.Section(key="evaluation", label=_("Evaluation"), url_name="evaluation:region")
        )
        from . import (
            audit_actions,  # noqa: F401 - names its audit keys
            notification_kinds,  # noqa: F401 - registers its mails
            rules,  # noqa: F401 - registers the permissions
            work,  # noqa: F401 - registers its work items for the dashboard
        )
