"""What the concept audit keys of the pilot regions mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import Concept, Measure
from .models.concept import LifeArea
from .models.region import IMPACT_STEPS

_FIELD = {
    "field": Field(_("Field of action"), model="pilots.FieldOfAction"),
    "field_name": _("Field of action"),
    "life_area": Field(_("Field of life"), choices=LifeArea),
    "weight": _("Weight"),
    "order": _("Order"),
}
_GOAL = {
    "goal": Field(_("Goal"), model="pilots.Goal"),
    "goal_title": _("Goal"),
    "field": Field(_("Field of action"), model="pilots.FieldOfAction"),
    "step": Field(_("Step of the impact staircase"), choices=IMPACT_STEPS),
    "weight": _("Weight"),
    "order": _("Order"),
}
_MEASURE = {
    "goal": Field(_("Goal"), model="pilots.Goal"),
    "measure": Field(_("Measure"), model="pilots.Measure"),
    "measure_title": _("Measure"),
    "responsible_actor": Field(_("Responsible actor"), model="pilots.Actor"),
    "responsible_group": Field(_("Responsible group"), model="pilots.Group"),
    "status": Field(_("Status"), choices=Measure.Status),
    "progress": _("Progress (%)"),
    "weight": _("Weight"),
    "cost": Field(_("Cost (EUR)"), decimal=True),
}
_MILESTONE = {
    "measure": Field(_("Measure"), model="pilots.Measure"),
    "milestone_title": _("Milestone"),
    "due_on": _("Due on"),
    "done_on": _("Done on"),
}
_APPROVAL = {
    "status": Field(_("Status of the concept"), choices=Concept.Status),
    "version": _("Version"),
}

register_actions(
    {
        "pilot_field_added": Action(_("Field of action added"), fields=_FIELD),
        "pilot_field_changed": Action(_("Field of action changed"), fields=_FIELD),
        "pilot_field_removed": Action(_("Field of action removed"), fields=_FIELD),
        "pilot_goal_added": Action(_("Goal added"), fields=_GOAL),
        "pilot_goal_changed": Action(_("Goal changed"), fields=_GOAL),
        "pilot_goal_removed": Action(_("Goal removed"), fields=_GOAL),
        "pilot_measure_added": Action(_("Measure added"), fields=_MEASURE),
        "pilot_measure_changed": Action(_("Measure changed"), fields=_MEASURE),
        "pilot_measure_removed": Action(_("Measure removed"), fields=_MEASURE),
        "pilot_progress_updated": Action(_("Progress of a measure updated"), fields=_MEASURE),
        "pilot_milestone_added": Action(_("Milestone added"), fields=_MILESTONE),
        "pilot_milestone_changed": Action(_("Milestone changed"), fields=_MILESTONE),
        "pilot_milestone_removed": Action(_("Milestone removed"), fields=_MILESTONE),
        "pilot_milestone_done": Action(_("Milestone reached"), fields=_MILESTONE),
        "pilot_milestone_reopened": Action(_("Milestone reopened"), fields=_MILESTONE),
        "pilot_concept_steering_approved": Action(
            _("Concept approved by the steering group"), fields=_APPROVAL
        ),
        "pilot_concept_approved": Action(_("Concept approved by the funder"), fields=_APPROVAL),
    }
)
