"""What the evaluation's audit keys about indicators mean: definitions written, targets set,
values entered and corrected, values exported."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import Aggregation, Direction, Unit

_INDICATOR = {
    "code": _("Short name"),
    "name": _("Name"),
    "definition": _("Definition"),
    "unit": Field(_("Unit"), choices=Unit),
    "decimals": _("Decimal places"),
    "minimum": Field(_("Smallest possible value"), decimal=True),
    "maximum": Field(_("Largest possible value"), decimal=True),
    "direction": Field(_("Direction of change"), choices=Direction),
    "data_source": _("Data source"),
    "verification": _("Means of verification"),
    "disaggregations": _("Disaggregation"),
    "baseline": Field(_("Baseline"), decimal=True),
    "baseline_date": _("Date of the baseline"),
    "step": _("Step of the impact staircase"),
    "goals": Field(_("Goals"), model="pilots.Goal"),
    "field": Field(_("Field of action"), model="pilots.FieldOfAction"),
    "contributes_to": Field(
        _("Programme indicator it contributes to"), model="evaluation.Indicator"
    ),
    "aggregation": Field(_("Roll-up of the regions"), choices=Aggregation),
    "order": _("Order"),
}
_VALUE = {
    "period": _("Half-year"),
    "category": _("Category"),
    "value": Field(_("Value"), decimal=True),
    "source": _("Source"),
    "comment": _("Comment"),
}
_EXPORT = {
    "format": _("File format"),
    "rows": _("Rows"),
    "region": Field(_("Pilot region"), model="pilots.PilotRegion"),
    "field": Field(_("Field of action"), model="pilots.FieldOfAction"),
    "step": _("Step of the impact staircase"),
}

register_actions(
    {
        "evaluation_indicator_created": Action(_("Indicator created"), fields=_INDICATOR),
        "evaluation_indicator_updated": Action(_("Indicator changed"), fields=_INDICATOR),
        # Keys are half-years ("2017-H1"), values the targets.
        "evaluation_targets_set": Action(
            _("Targets of an indicator set"), fields={"targets": _("Targets per half-year")}
        ),
        "evaluation_value_entered": Action(_("Value of an indicator entered"), fields=_VALUE),
        "evaluation_value_corrected": Action(_("Value of an indicator corrected"), fields=_VALUE),
        "evaluation_indicators_exported": Action(
            _("Values of the indicators exported"), fields=_EXPORT
        ),
    }
)
