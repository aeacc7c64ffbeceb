"""What the evaluation's audit keys about impact mean: impact models written, their elements
added, changed and removed, models started from a template, templates downloaded."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions
from inklusiv.pilots.models.region import IMPACT_STEPS

from .models import Level

_MODEL = {
    "title": _("Title"),
    "vision": _("Impact goal"),
    "vision_easy": _("Impact goal in Leichte Sprache"),
}
_ELEMENT = {
    "level": Field(_("Level of the logic model"), choices=Level),
    "step": Field(_("Step of the impact staircase"), choices=dict(IMPACT_STEPS)),
    "title": _("Title"),
    "description": _("Description"),
    "goals": Field(_("Goals of the concept"), model="pilots.Goal"),
}
_IMPORT = {
    "title": _("Title"),
    "elements": _("Number of elements"),
    "indicators": _("Number of indicators"),
}
_EXPORT = {"format": _("File format")}

register_actions(
    {
        "evaluation_impact_model_created": Action(_("Impact model created"), fields=_MODEL),
        "evaluation_impact_model_changed": Action(_("Impact model changed"), fields=_MODEL),
        "evaluation_impact_element_added": Action(
            _("Element added to the impact model"), fields=_ELEMENT
        ),
        "evaluation_impact_element_changed": Action(
            _("Element of the impact model changed"), fields=_ELEMENT
        ),
        "evaluation_impact_element_removed": Action(
            _("Element removed from the impact model"), fields=_ELEMENT
        ),
        "evaluation_impact_model_imported": Action(
            _("Impact model started from a template"), fields=_IMPORT
        ),
        "evaluation_impact_model_exported": Action(
            _("Impact model downloaded as a template"), fields=_EXPORT
        ),
    }
)
