"""What the visits app's audit keys mean, for the readable audit log."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions, register_fields, register_names

from .models import Participant, PollAnswer

_PARTICIPANT = "visits.Participant"
_PARTICIPANT_FIELDS = {"kind": Field(_("Taking part as"), choices=Participant.Kind)}
_AVAILABILITY = {"note": _("Note")}

register_actions(
    {
        "poll_slots_generated": Action(
            _("Poll times offered"),
            fields={
                "slots": _("Times offered"),
                "visits": Field(_("Meetings"), model="visits.Visit"),
            },
        ),
        "poll_slots_changed": Action(_("Poll times changed"), fields={"slots": _("Times offered")}),
        "poll_sent": _("Poll sent"),
        "poll_reminders_sent": _("Poll reminders sent"),
        "poll_answered": _("Poll answered"),
        "accessibility_needs_stated": _("Accessibility needs stated"),
        "accessibility_needs_removed": _("Accessibility needs removed"),
        "accessibility_needs_deleted": Action(
            _("Accessibility needs deleted after the meeting"),
            fields={"count": _("Number of participants")},
        ),
        "accessibility_needs_viewed": _("Accessibility needs read"),
        "visit_schedule_run": Action(
            _("Meeting schedule calculated"),
            fields={
                "status": Field(
                    _("Result"),
                    choices={
                        "optimal": _("best possible schedule"),
                        "feasible": _("valid schedule (time limit reached)"),
                        "infeasible": _("no schedule possible"),
                        "unknown": _("no schedule found in time"),
                    },
                ),
            },
        ),
        "visit_pinned": _("Meeting time fixed"),
        "visit_unpinned": _("Fixed meeting time released"),
        "visit_round_created": _("Round of on-site meetings created"),
        "visit_round_changed": _("Round of on-site meetings changed"),
        "visit_created": Action(
            _("On-site meeting created"), fields={"participants": _("Participants invited")}
        ),
        "visit_participant_added": Action(
            _("Participant added"), values_of=_PARTICIPANT, fields=_PARTICIPANT_FIELDS
        ),
        "visit_participant_removed": Action(
            _("Participant removed"), values_of=_PARTICIPANT, fields=_PARTICIPANT_FIELDS
        ),
        "visit_place_changed": _("Meeting place changed"),
        "visit_minutes_saved": _("Minutes saved"),
        "visit_confirmed": _("Meeting confirmed"),
        "visit_rescheduled": _("Meeting moved"),
        "visit_cancelled": _("Meeting cancelled"),
        "visit_invitation_sent": _("Invitation sent"),
        "visit_invitation_withdrawn": _("Invitation withdrawn"),
        "calendar_feed_renewed": _("Calendar subscription renewed"),
        "availability_added": Action(_("Travel availability added"), fields=_AVAILABILITY),
        "availability_removed": Action(_("Travel availability removed"), fields=_AVAILABILITY),
        "travel_base_set": _("Place of departure saved"),
    }
)

register_fields(
    {
        "participant": Field(_("Participant"), model=_PARTICIPANT),
        "participants": Field(_("Participants"), model=_PARTICIPANT),
        "answers": Field(_("Answers"), key_model="visits.PollSlot", choices=PollAnswer.Answer),
        "round": Field(_("Round of on-site meetings"), model="visits.VisitRound"),
        "availability": Field(_("Travel availability"), model="visits.Availability"),
        "answered": Field(_("Open questions answered"), model="selection.OpenQuestion"),
        "objective": _("Objective value"),
        "travel_days": _("Travel days"),
        "if_need_be": _("Meetings at times marked “if need be”"),
        "proposals": _("Proposed times"),
        "explanations": _("Explanations"),
        "pinned_start": _("Fixed start"),
        "start": _("Start"),
        "sequence": _("Version of the invitation"),
        "minutes": _("Minutes"),
        "revision": _("Revision"),
        "starts_at": _("From"),
        "ends_at": _("Until"),
    }
)


def _slot_name(slot) -> str:
    return date_format(timezone.localtime(slot.start), "DATETIME_FORMAT")


def _availability_name(availability) -> str:
    starts = date_format(timezone.localtime(availability.starts_at), "DATETIME_FORMAT")
    ends = date_format(timezone.localtime(availability.ends_at), "TIME_FORMAT")
    return f"{availability.user}: {starts} – {ends}"


register_names(
    {
        "visits.Visit": ("application",),
        "visits.VisitRound": ("stage__call",),
        "visits.Availability": ("user",),
    },
    {"visits.PollSlot": _slot_name, "visits.Availability": _availability_name},
)
