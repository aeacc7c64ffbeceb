"""The mails of the trainings, as notification kinds (found by the notifications app at
start-up). Confirmations, offers and calendar changes carry a calendar file or a deadline and
cannot be switched off or bundled; reminders and requests for feedback can."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

REGISTERED = register(
    Kind(
        key="trainings.registered",
        label=_("Your registration for a training, with the calendar file"),
        audience=_("People registered for a training session"),
        template="trainings/email/registered",
        optional=False,
        digestible=False,
    )
)

WAITING = register(
    Kind(
        key="trainings.waiting",
        label=_("You are on the waiting list of a training"),
        audience=_("People on the waiting list of a full training session"),
        template="trainings/email/waiting",
        optional=False,
        digestible=False,
    )
)

SEAT_OFFERED = register(
    Kind(
        key="trainings.seat_offered",
        label=_("A seat in a training is free for you (time-limited offer)"),
        audience=_("The next person on a training's waiting list"),
        template="trainings/email/seat_offered",
        optional=False,
        digestible=False,
    )
)

SESSION_CHANGED = register(
    Kind(
        key="trainings.session_changed",
        label=_("A training you registered for was moved or cancelled"),
        audience=_("People registered for the training session"),
        template="trainings/email/session_changed",
        optional=False,
        digestible=False,
    )
)

REGISTRATION_CANCELLED = register(
    Kind(
        key="trainings.registration_cancelled",
        label=_("Your registration for a training was cancelled"),
        audience=_("People whose registration was cancelled"),
        template="trainings/email/registration_cancelled",
        optional=False,
        digestible=False,
    )
)

REMINDER = register(
    Kind(
        key="trainings.reminder",
        label=_("Reminder two days before a training"),
        audience=_("People with a seat in the training session"),
        template="trainings/email/reminder",
    )
)

FEEDBACK_REQUEST = register(
    Kind(
        key="trainings.feedback_request",
        label=_("Request for your anonymous feedback on a training"),
        audience=_("Participants of a training session after it"),
        template="trainings/email/feedback_request",
    )
)

CERTIFICATE_READY = register(
    Kind(
        key="trainings.certificate_ready",
        label=_("Your certificate of attendance is ready"),
        audience=_("Participants who were checked in"),
        template="trainings/email/certificate_ready",
    )
)
