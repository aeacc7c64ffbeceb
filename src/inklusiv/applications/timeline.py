"""An application's timeline: what happened to it, when, by whom and why, from the audit log.

The audit log already holds every transition (the workflow writes one entry per status change)
and every other step worth telling, so the timeline reads it rather than keeping its own
record. Only known actions are shown: edits of draft parts and anything the selection
procedure keeps internal (conflicts of interest, assignments, reviews) never reach it, even
when they are logged against the application.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Membership
from inklusiv.core import audit

from . import workflow
from .models import Status

TRANSITION_ACTIONS = {f"application_{action}" for _state, action in workflow.TRANSITIONS}
OTHER_ACTIONS = {
    "application_started",
    "application_version_frozen",
    "application_extension_granted",
    "application_message_sent",
}
# Applicants learn a decision from its letter, so they see the letter, not the decision itself.
DECISION_ACTIONS = {
    "application_advance",
    "application_decline",
    "application_select",
    "application_reject",
}
# Reasons applicants do not read: the extension form says so to staff.
INTERNAL_REASONS = {"application_extension_granted"}


@dataclass(frozen=True)
class Event:
    at: datetime
    action: str
    # Who did it, as the audience may know it: a name, "Funder", or "" for the system.
    who: str
    what: str
    reason: str
    by_applicant: bool


def _status_label(value) -> str:
    try:
        return str(Status(value).label)
    except ValueError:
        return str(value or "")


def _moment(value) -> str:
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _decision_outcome(entry) -> str:
    from inklusiv.selection.models import Outcome

    value = entry.after.get("outcome", "")
    try:
        return str(Outcome(value).label)
    except ValueError:
        return ""


def _describe(entry) -> str:
    action = entry.action
    if action in TRANSITION_ACTIONS:
        before = _status_label(entry.before.get("status"))
        after = _status_label(entry.after.get("status"))
        if action == "application_submit":
            return _("Submitted")
        return _("Status changed from “%(before)s” to “%(after)s”") % {
            "before": before,
            "after": after,
        }
    if action == "application_started":
        return _("Application started as a draft")
    if action == "application_version_frozen":
        return _("Version %(number)s saved with reference number %(reference)s") % {
            "number": entry.after.get("version", ""),
            "reference": entry.after.get("reference", ""),
        }
    if action == "application_extension_granted":
        return _("Deadline extended until %(until)s") % {
            "until": _moment(entry.after.get("extended_until"))
        }
    if action == "application_message_sent":
        return _("Message sent: %(subject)s") % {"subject": entry.after.get("subject", "")}
    if "letter" in action:
        outcome = _decision_outcome(entry)
        if outcome:
            return _("Decision letter sent: %(outcome)s") % {"outcome": outcome}
        return _("Decision letter sent")
    outcome = _decision_outcome(entry)
    if outcome:
        return _("Decision: %(outcome)s") % {"outcome": outcome}
    return _("Decision recorded")


def _shown_actions() -> Q:
    # Decisions and letters are recorded by the selection procedure; their exact names are
    # that area's, so they are matched by what they are about.
    return (
        Q(action__in=TRANSITION_ACTIONS | OTHER_ACTIONS)
        | Q(action__startswith="decision")
        | Q(action__contains="letter")
    )


def timeline(application, *, for_applicant: bool = False) -> list[Event]:
    """The application's events, oldest first, from one query.

    For applicants (`for_applicant=True`) the funder's people appear as "Funder" and
    internal reasons are left out; members of the applicant organisation keep their names.
    """
    is_member = Membership.objects.filter(
        user=OuterRef("actor"), organisation=application.organisation_id
    )
    entries = (
        audit.history_for(application)
        .filter(_shown_actions())
        .annotate(by_member=Exists(is_member))
        .order_by("created_at", "id")
    )
    events = []
    for entry in entries:
        if for_applicant and (
            entry.action in DECISION_ACTIONS or entry.action.startswith("decision_recorded")
        ):
            continue
        if entry.actor_id is None:
            # The system, or an account deleted since: its label only for the funder.
            who = "" if for_applicant or entry.actor_label == "system" else entry.actor_label
        elif entry.by_member or not for_applicant:
            who = entry.actor.name or entry.actor_label
        else:
            who = _("Funder")
        internal = entry.action in INTERNAL_REASONS
        events.append(
            Event(
                at=entry.created_at,
                action=entry.action,
                who=who,
                what=_describe(entry),
                reason="" if for_applicant and internal else entry.reason,
                by_applicant=entry.by_member,
            )
        )
    return events
