"""What the evaluation's audit keys about results, exports and reports mean."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import EvaluationReport

_REPORT = {
    "title": _("Title"),
    "region": Field(_("Pilot region"), model="pilots.PilotRegion"),
    "first_period": _("From"),
    "last_period": _("Until"),
    "summary": _("Summary"),
    "summary_easy": _("Summary in Leichte Sprache"),
    "surveys": Field(_("Surveys"), model="evaluation.Survey"),
    "status": Field(_("Status"), choices=EvaluationReport.Status),
    "released_at": _("Released"),
}
_EXPORT = {
    "format": _("Format"),
    "rows": _("Rows"),
    "withheld": _("Responses withheld (minimum group size)"),
}

register_actions(
    {
        "evaluation_survey_exported": Action(_("Survey answers exported"), fields=_EXPORT),
        "evaluation_report_created": Action(_("Evaluation report created"), fields=_REPORT),
        "evaluation_report_updated": Action(_("Evaluation report changed"), fields=_REPORT),
        "evaluation_report_released": Action(_("Evaluation report released"), fields=_REPORT),
        "evaluation_report_downloaded": Action(
            _("Evaluation report downloaded as PDF"), fields=_EXPORT
        ),
    }
)
