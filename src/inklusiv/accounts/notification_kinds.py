"""The mails of accounts, as notification kinds (found by the notifications app at start-up).

allauth's own mails (confirming an address, resetting a password) stay allauth's: they are
the account's security and go to whoever asks, signed in or not."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

INVITATION = register(
    Kind(
        key="accounts.invitation",
        label=_("Invitation to the platform"),
        audience=_("People whom staff or a member of their organisation invite"),
        template="accounts/email/invitation",
        # The person has no password yet: without this mail the account cannot be used.
        optional=False,
        digestible=False,
    )
)
