"""What the applications app's audit keys mean, for the readable audit log.

Status changes are labelled by the transition table's states ("Status: Eingereicht →
Formal zulässig"), so the log and the table cannot disagree.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import State
from inklusiv.core.audit import Action, Field, register_actions, register_fields, status_change

from . import workflow
from .content import answer_display
from .models import FieldOfAction, PartnerKind, Sector, SpaceKind, Status

_describe_status = status_change(Status)
_PARTNER = {
    "kind": Field(_("Kind of organisation"), choices=PartnerKind),
    "sector": Field(_("Sector"), choices=Sector),
}

register_actions(
    {
        f"application_{name}": Action(
            format_lazy(_("Status changed to “{}”"), Status(transition.target).label),
            describe=_describe_status,
        )
        for (_state, name), transition in workflow.TRANSITIONS.items()
    }
)

register_actions(
    {
        "application_started": _("Application started as a draft"),
        "application_contact_saved": _("Contact person saved"),
        "application_social_space_saved": Action(
            _("Social space saved"), values_of="applications.SocialSpace"
        ),
        "application_concept_saved": Action(_("Concept saved"), values_of="applications.Concept"),
        "application_partner_saved": Action(
            _("Partner saved"), values_of="applications.Partner", fields=_PARTNER
        ),
        "application_partner_removed": Action(
            _("Partner removed"), values_of="applications.Partner", fields=_PARTNER
        ),
        "application_answers_saved": _("Answers saved"),
        "application_version_frozen": _("Submitted version saved"),
        "application_receipt_stored": _("Receipt (PDF) stored"),
        "application_viewed": _("Application read by the funder's side"),
        "application_file_downloaded": _("File of the application downloaded"),
        "application_receipt_downloaded": _("Receipt (PDF) downloaded"),
        "application_extension_granted": _("Deadline extended"),
        "application_message_sent": _("Message sent to the applicant"),
        "applications_exported": Action(
            _("Applications exported"),
            fields={"filters": Field(_("Filters"), fields_of="applications.Application")},
        ),
    }
)

register_fields(
    {
        "data": Field(
            _("Answers"),
            key_model="calls.Question",
            key_prefix="q",
            key_value=answer_display,
        ),
        "sha256": _("Checksum (SHA-256)"),
        "attachment": Field(_("File"), model="applications.Attachment"),
        "page": Field(
            _("Page"),
            choices={
                "staff_detail": _("Application (staff view)"),
                "overview": _("Overview of the application"),
                "partners": _("Partners"),
                "review": _("Check before submitting"),
            },
        ),
        "q": _("Search"),
        "call": Field(_("Call"), model="calls.Call"),
        "state": Field(_("Bundesland"), choices=State),
        "kind": Field(_("Kind"), choices=SpaceKind),
        "field_of_action": Field(_("Field of action"), choices=FieldOfAction),
        "fields_of_action": Field(_("Fields of action"), choices=FieldOfAction),
        "extended_until": _("Extended until"),
    }
)
