"""The mails of applications, as notification kinds (found by the notifications app)."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

SUBMITTED = register(
    Kind(
        key="applications.submitted",
        label=_("Receipt for a submitted application"),
        audience=_("The person who submits an application, and its contact person"),
        template="applications/email/submitted",
        # The receipt with its PDF is the proof that the application arrived in time.
        optional=False,
        digestible=False,
    )
)

WITHDRAWN = register(
    Kind(
        key="applications.withdrawn",
        label=_("Application withdrawn"),
        audience=_("Members of the applicant organisation"),
        template="applications/email/withdrawn",
        # A withdrawal cannot be undone: every member must learn of it, the same day.
        optional=False,
        digestible=False,
    )
)

MESSAGE = register(
    Kind(
        key="applications.message",
        label=_("Message from the funder about an application"),
        audience=_("Members of the applicant organisation"),
        template="applications/email/message",
        # The funder asks for changes and sets dates this way: it may wait for the digest,
        # but it cannot be switched off.
        optional=False,
        digestible=True,
    )
)

INELIGIBLE = register(
    Kind(
        key="applications.ineligible",
        label=_("Application not formally eligible"),
        audience=_("Members of the applicant organisation"),
        template="applications/email/ineligible",
        # A decision on the application: it starts the time in which one may object.
        optional=False,
        digestible=False,
    )
)
