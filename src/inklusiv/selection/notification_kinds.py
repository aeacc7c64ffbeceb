"""The mails of the selection, as notification kinds (found by the notifications app)."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

DECISION = register(
    Kind(
        key="selection.decision",
        label=_("Decision letter"),
        audience=_("Members and the contact person of the applicant organisation"),
        template="selection/email/decision",
        # The decision letter (with its PDF) is a legal notice: it cannot be switched off or wait.
        optional=False,
        digestible=False,
    )
)

REVIEW_REMINDER = register(
    Kind(
        key="selection.review_reminder",
        label=_("Reminder of outstanding reviews"),
        audience=_("Commission members with reviews outstanding in a stage with a due date"),
        template="selection/email/review_reminder",
        receives=lambda user: user.has_perm("selection.my_reviews"),
    )
)
