"""The trainings' mails, each a notification kind; confirmations and changes carry the
calendar file (iTIP REQUEST / CANCEL with the session's UID and SEQUENCE), so calendars update
the event instead of adding a second one."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from inklusiv.core import ical
from inklusiv.notifications.services import notify

from .. import calendar
from ..models import Registration, TrainingSession
from ..selectors import HOLDING


def _context(registration: Registration, **extra) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "course": session.course,
        "person": registration.user,
        "session_url": calendar.absolute_url("trainings:session", session.pk),
        "registration_url": calendar.absolute_url("trainings:registration", registration.pk),
        **extra,
    }


def _language(registration: Registration) -> str:
    return registration.user.language or settings.LANGUAGE_CODE


def send(kind: str, registration: Registration, *, attachments=(), **extra) -> None:
    """Mail one of the trainings' kinds to the registered person, in their language."""
    with translation.override(_language(registration)):
        notify(
            kind=kind,
            recipients=[registration.user],
            context=_context(registration, **extra),
            attachments=list(attachments),
            link=calendar.absolute_url("trainings:registration", registration.pk),
            obj=registration,
        )


def _invitation(registration: Registration) -> list:
    with translation.override(_language(registration)):
        event = calendar.event_for(registration.session, registration=registration)
        data = ical.invitation(event)
    return [ical.mail_part(data, ical.Method.REQUEST, calendar.filename(registration.session))]


def _cancellation(registration: Registration, sequence: int) -> list:
    with translation.override(_language(registration)):
        event = calendar.event_for(
            registration.session, registration=registration, cancelled=True, sequence=sequence
        )
        data = ical.cancellation(event)
    return [ical.mail_part(data, ical.Method.CANCEL, calendar.filename(registration.session))]


def _mark_sent(registration: Registration, sequence: int) -> None:
    Registration.objects.filter(pk=registration.pk).update(sequence_sent=sequence)
    registration.sequence_sent = sequence


def send_confirmation(registration: Registration) -> None:
    """The seat is confirmed: the confirmation with the calendar invitation."""
    send("trainings.registered", registration, attachments=_invitation(registration))
    _mark_sent(registration, registration.session.sequence)


def send_waiting(registration: Registration, position: int | None) -> None:
    send("trainings.waiting", registration, position=position)


def send_offer(registration: Registration, offer_url: str) -> None:
    send(
        "trainings.seat_offered",
        registration,
        offer_url=offer_url,
        expires_at=registration.offer_expires_at,
        offer_hours=settings.TRAINING_OFFER_HOURS,
    )


def send_registration_cancelled(registration: Registration, *, by_organiser: bool) -> None:
    """The registration ended; who had a seat gets the calendar cancellation as well."""
    attachments = []
    if registration.confirmed_at is not None:
        sequence = registration.session.sequence + 1
        attachments = _cancellation(registration, sequence)
    send(
        "trainings.registration_cancelled",
        registration,
        attachments=attachments,
        by_organiser=by_organiser,
    )


def send_session_changed(session: TrainingSession, *, cancelled: bool = False, reason: str = ""):
    """Everyone with a seat or an offer gets the new time and place (or the cancellation) as
    an update of the event already in their calendar; people waiting get the mail only."""
    registrations = session.registrations.filter(
        status__in=(*HOLDING, Registration.Status.WAITING)
    ).select_related("user", "session__course")
    for registration in registrations:
        attachments = []
        if registration.status == Registration.Status.CONFIRMED:
            attachments = (
                _cancellation(registration, session.sequence)
                if cancelled
                else _invitation(registration)
            )
        send(
            "trainings.session_changed",
            registration,
            attachments=attachments,
            cancelled=cancelled,
            reason=reason,
        )
        if attachments:
            _mark_sent(registration, session.sequence)


def send_reminder(registration: Registration) -> None:
    send("trainings.reminder", registration)
