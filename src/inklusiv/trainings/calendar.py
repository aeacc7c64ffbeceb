"""A training session as a calendar event (rendered by core.ical for mails and downloads)."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from inklusiv.core import ical

from .models import Registration, TrainingSession


def absolute_url(name: str, *args) -> str:
    """The address of a page in the active language (for mails and calendar files)."""
    return settings.SITE_URL + reverse(name, args=args)


def organizer_for(session: TrainingSession) -> ical.Organizer:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return ical.Organizer(name or "Inklusiv", address)


def location_for(session: TrainingSession, *, with_link: bool) -> str:
    parts = []
    if session.has_venue:
        parts += [part for part in (session.venue, session.address) if part]
    if session.is_online and with_link and session.online_link:
        parts.append(session.online_link)
    elif session.is_online and not parts:
        parts.append(_("Online"))
    return ", ".join(parts)


def event_for(
    session: TrainingSession,
    *,
    registration: Registration | None = None,
    cancelled: bool = False,
    sequence: int | None = None,
) -> ical.MeetingEvent:
    """The session as an event, texts in the active language. With a registration holding a
    seat, the attendee, the online link and their registration page are in it."""
    seat = registration is not None and registration.has_seat
    page = (
        absolute_url("trainings:registration", registration.pk)
        if registration is not None
        else absolute_url("trainings:session", session.pk)
    )
    lines = [session.course.title, "", _("Details: %(url)s") % {"url": page}]
    if seat and session.is_online and session.online_link:
        lines.insert(1, _("Online room: %(url)s") % {"url": session.online_link})
    attendees = []
    if registration is not None and registration.user.email:
        person = registration.user
        attendees.append(ical.Attendee(person.name or person.email, person.email))
    status = (
        ical.Status.CANCELLED
        if cancelled or session.status == TrainingSession.Status.CANCELLED
        else ical.Status.CONFIRMED
    )
    return ical.MeetingEvent(
        uid=ical.uid_for("training-session", session.pk),
        sequence=session.sequence if sequence is None else sequence,
        start=session.starts_at,
        end=session.ends_at,
        summary=_("Training: %(title)s") % {"title": session.course.title},
        organizer=organizer_for(session),
        attendees=attendees,
        description="\n".join(lines),
        location=location_for(session, with_link=seat),
        status=status,
        url=page,
        last_modified=session.updated_at,
    )


def filename(session: TrainingSession) -> str:
    return f"fortbildung-{session.pk}.ics"
