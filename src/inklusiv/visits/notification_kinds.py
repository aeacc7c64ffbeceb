"""The mails of on-site meetings, as notification kinds (found by the notifications app at
start-up). Participants without an account (partners, contacts) get them by their address."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

POLL = register(
    Kind(
        key="visits.poll",
        label=_("Request to answer the availability poll"),
        audience=_("Participants of an on-site meeting who choose its time"),
        template="visits/email/poll",
        # It carries the personal poll link, the only way in for partners without an account.
        optional=False,
        digestible=False,
    )
)

REMINDER = register(
    Kind(
        key="visits.reminder",
        label=_("Reminder of the availability poll"),
        audience=_("Participants of an on-site meeting who have not answered the poll yet"),
        template="visits/email/reminder",
        # A reminder repeats what the poll request said; whoever does not want it may say so.
        optional=True,
    )
)

INVITATION = register(
    Kind(
        key="visits.invitation",
        label=_("Invitation to an on-site meeting"),
        audience=_("Participants of an on-site meeting"),
        template="visits/email/invitation",
        # An appointment with a calendar entry: it must arrive at once and cannot be refused.
        optional=False,
        digestible=False,
    )
)

UPDATE = register(
    Kind(
        key="visits.update",
        label=_("Changed time of an on-site meeting"),
        audience=_("Participants of an on-site meeting"),
        template="visits/email/update",
        optional=False,
        digestible=False,
    )
)

CANCELLATION = register(
    Kind(
        key="visits.cancellation",
        label=_("Cancellation of an on-site meeting"),
        audience=_("Participants of an on-site meeting, and people taken off it"),
        template="visits/email/cancellation",
        optional=False,
        digestible=False,
    )
)
