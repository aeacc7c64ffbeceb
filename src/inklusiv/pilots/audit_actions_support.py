"""What the support and report audit keys of the pilot regions mean, for the readable audit
log: coaching sessions, tasks, profiles and the yearly reports."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from .models import CoachingSession, Task, YearlyReport

_SESSION = {
    "held_on": _("Date"),
    "format": Field(_("Format"), choices=CoachingSession.Format),
    "participants": _("Participants"),
    "topics": _("Topics"),
    "agreements": _("Agreements"),
    "next_steps": _("Next steps"),
    # Its text is never logged, only that it changed.
    "internal_note": _("Internal note"),
}
_TASK = {
    "title": _("Task"),
    "description": _("Description"),
    "owner": Field(_("Owner"), model="accounts.User"),
    "due_on": _("Due on"),
    "measure": Field(_("Measure"), model="pilots.Measure"),
    "session": Field(_("Coaching session"), model="pilots.CoachingSession"),
    "status": Field(_("Status"), choices=Task.Status),
}
_PROFILE = {
    "taken_on": _("As of"),
    "label": _("Title"),
    "strengths": _("Strengths"),
    "weaknesses": _("Weaknesses"),
    "opportunities": _("Opportunities"),
    "risks": _("Risks"),
}
_REPORT = {
    "period_start": _("Period from"),
    "period_end": _("Period to"),
    "due_on": _("Due on"),
    "status": Field(_("Status"), choices=YearlyReport.Status),
    "version": _("Version"),
    "summary": _("Summary"),
    "highlights": _("Highlights"),
    "difficulties": _("Difficulties"),
    "outlook": _("Outlook"),
    "request": _("Changes requested"),
    "note": _("Note"),
    "sha256": _("Checksum (SHA-256)"),
}

register_actions(
    {
        "pilot_session_logged": Action(_("Coaching session logged"), fields=_SESSION),
        "pilot_session_updated": Action(_("Coaching session changed"), fields=_SESSION),
        "pilot_task_created": Action(_("Task created"), fields=_TASK),
        "pilot_task_updated": Action(_("Task changed"), fields=_TASK),
        "pilot_task_done": Action(_("Task done"), fields=_TASK),
        "pilot_task_reopened": Action(_("Task reopened"), fields=_TASK),
        "pilot_task_cancelled": Action(_("Task cancelled"), fields=_TASK),
        "pilot_task_reminded": Action(_("Task reminder sent"), fields=_TASK),
        "pilot_profile_recorded": Action(
            _("Strengths and weaknesses profile recorded"), fields=_PROFILE
        ),
        "pilot_profile_updated": Action(
            _("Strengths and weaknesses profile changed"), fields=_PROFILE
        ),
        "pilot_report_opened": Action(_("Yearly report started"), fields=_REPORT),
        "pilot_report_text_saved": Action(_("Text of the yearly report saved"), fields=_REPORT),
        "pilot_report_submitted": Action(_("Yearly report submitted"), fields=_REPORT),
        "pilot_report_pdf_stored": Action(_("PDF of the yearly report stored"), fields=_REPORT),
        "pilot_report_acknowledged": Action(_("Yearly report acknowledged"), fields=_REPORT),
        "pilot_report_changes_requested": Action(
            _("Changes to the yearly report requested"), fields=_REPORT
        ),
        "pilot_report_pdf_downloaded": Action(
            _("PDF of the yearly report downloaded"), fields=_REPORT
        ),
    }
)
