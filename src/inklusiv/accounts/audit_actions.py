"""What the accounts app's audit keys mean, for the readable audit log."""

from django.utils.translation import gettext_lazy as _

from inklusiv.core.audit import Action, Field, register_actions, register_fields

from .models import FieldOfWork, Role

register_actions(
    {
        "staff_user_created": _("Staff account created"),
        "profile_updated": _("Profile changed"),
        "user_invited": _("Person invited"),
        "roles_changed": _("Roles changed"),
        "activated": _("Account activated"),
        "deactivated": _("Account deactivated"),
        "organisation_created": _("Organisation created"),
        "organisation_updated": _("Organisation changed"),
        "member_added": Action(_("Member added"), values_of="accounts.Membership"),
        "member_role_changed": Action(_("Member's role changed"), values_of="accounts.Membership"),
        "member_removed": Action(_("Member removed"), values_of="accounts.Membership"),
        "personal_data_exported": _("Personal data exported"),
    }
)

register_fields(
    {
        "roles": Field(_("Roles"), choices=Role),
        "member": _("Member"),
        "invited": _("Invited by e-mail"),
        "second_factor": Field(_("Second factor"), choices={"totp": _("Authenticator app")}),
        "fields_of_work": Field(_("Fields of work"), choices=FieldOfWork),
    }
)
