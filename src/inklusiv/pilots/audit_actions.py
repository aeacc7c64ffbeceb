"""What the pilots app's audit keys mean; each part of the app keeps its labels in its own
module, imported here so core finds them all."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions

from . import (  # noqa: F401 - each module registers its labels
    audit_actions_concept,
    audit_actions_network,
    audit_actions_structures,
    audit_actions_support,
)
from .models import Phase, RegionMember

_PEOPLE = {
    "expert": Field(_("Programme expert"), model="accounts.User"),
    "coach": Field(_("Process coach"), model="accounts.User"),
}

register_actions(
    {
        "pilot_region_started": Action(
            _("Pilot region started"),
            fields={
                "application": Field(_("Application"), model="applications.Application"),
                "funding_start": _("Start of funding"),
                "funding_end": _("End of funding"),
                "approved_amount": Field(_("Approved amount (EUR)"), decimal=True),
                **_PEOPLE,
            },
        ),
        "pilot_phase_changed": Action(
            _("Phase changed"), fields={"phase": Field(_("Phase"), choices=Phase)}
        ),
        "pilot_region_updated": Action(
            _("Pilot region changed"),
            fields={
                "funding_start": _("Start of funding"),
                "funding_end": _("End of funding"),
                "approved_amount": Field(_("Approved amount (EUR)"), decimal=True),
                "contact_name": _("Contact person"),
                "contact_email": _("Contact e-mail"),
                "contact_phone": _("Contact phone"),
                "summary": _("Summary"),
                "summary_easy": _("Summary in Leichte Sprache"),
                **_PEOPLE,
            },
        ),
        "pilot_member_added": Action(
            _("Member added to the region"),
            fields={
                "member": Field(_("Person"), model="accounts.User"),
                "role": Field(_("Role in the region"), choices=RegionMember.Role),
                "invited": _("Invited"),
            },
        ),
        "pilot_member_removed": Action(
            _("Member removed from the region"),
            fields={
                "member": Field(_("Person"), model="accounts.User"),
                "role": Field(_("Role in the region"), choices=RegionMember.Role),
            },
        ),
    }
)
