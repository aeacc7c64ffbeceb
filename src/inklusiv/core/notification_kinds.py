"""The mails of core, as notification kinds (found by the notifications app at start-up)."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

ACCESSIBILITY_FEEDBACK = register(
    Kind(
        key="core.accessibility_feedback",
        label=_("New barrier report"),
        audience=_("The accessibility contact and the funder's staff"),
        template="core/email/accessibility_feedback",
        # Staff also find every report on the barrier reports page, so a staff member may
        # choose a digest or no mail; the accessibility contact's address always gets it.
        optional=True,
        receives=lambda user: user.has_perm("core.view_accessibility_feedback"),
    )
)
