"""iCalendar files (RFC 5545, iTIP RFC 5546) for on-site meetings and training sessions.

Invitations, updates and cancellations for e-mail, a single ``.ics`` download and the personal
subscription feed are all rendered here from plain dataclasses, so services, mail tasks and
views share one renderer. The icalendar library does text escaping, line folding at 75 octets
and CRLF line endings; this module only decides what goes into the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vDuration

TIME_ZONE = "Europe/Berlin"
PRODID = "-//Inklusiv//Kalender//DE"
# How often subscribed calendar clients should fetch the personal feed again.
DEFAULT_REFRESH_INTERVAL = timedelta(hours=1)

BERLIN = ZoneInfo(TIME_ZONE)


class Method(StrEnum):
    """iTIP methods (RFC 5546) that the platform sends."""

    PUBLISH = "PUBLISH"
    REQUEST = "REQUEST"
    CANCEL = "CANCEL"


class Role(StrEnum):
    REQUIRED = "REQ-PARTICIPANT"
    OPTIONAL = "OPT-PARTICIPANT"


class Status(StrEnum):
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class Organizer:
    name: str
    email: str


@dataclass(frozen=True)
class Attendee:
    name: str
    email: str
    role: Role = Role.REQUIRED


@dataclass(frozen=True)
class MeetingEvent:
    """One on-site meeting as calendar clients see it.

    ``uid`` stays the same for the meeting's whole life (see :func:`uid_for`); the caller raises
    ``sequence`` with every change that it sends out (new time, place or cancellation).
    ``start`` and ``end`` must be aware; they are written as wall-clock times in Europe/Berlin.
    ``organizer`` and ``attendees`` accept plain tuples ``(name, email[, role])`` too.
    """

    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    organizer: Organizer
    attendees: Sequence[Attendee] = ()
    description: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    status: Status = Status.CONFIRMED
    url: str | None = None
    last_modified: datetime | None = None
    # When this version of the meeting was sent; None means now.
    dtstamp: datetime | None = None
    # Replies to an invitation reach the organizer's mailbox, not the platform (attendance is
    # agreed in the availability poll), so clients are not asked to send them by default.
    rsvp: bool = False

    def __post_init__(self) -> None:
        if not self.uid:
            raise ValueError("A meeting event needs a UID.")
        if self.sequence < 0:
            raise ValueError("SEQUENCE must not be negative.")
        for name in ("start", "end", "last_modified", "dtstamp"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(f"{name} must be an aware datetime, got {value!r}.")
        if self.end <= self.start:
            raise ValueError("A meeting must end after it starts.")
        # Normalise tuples from callers into the typed records.
        object.__setattr__(self, "organizer", _as_organizer(self.organizer))
        object.__setattr__(self, "attendees", tuple(_as_attendee(a) for a in self.attendees))
        object.__setattr__(self, "status", Status(self.status))


def uid_for(kind: str, pk: int | str, domain: str | None = None) -> str:
    """Return the stable UID of an object, e.g. ``visit-12@inklusiv.example``.

    Without ``domain`` the host name of ``settings.SITE_URL`` is used.
    """
    if domain is None:
        domain = site_domain()
    return f"{kind}-{pk}@{domain}"


def site_domain() -> str:
    """The host name of ``settings.SITE_URL``, read lazily so this module works without Django."""
    from django.conf import settings

    return urlsplit(settings.SITE_URL).hostname or "localhost"


def invitation(event: MeetingEvent) -> bytes:
    """A meeting request (METHOD:REQUEST) for e-mail; send it again with a higher SEQUENCE as
    the update when the meeting changes."""
    if event.status == Status.CANCELLED:
        raise ValueError("A cancelled meeting is sent with cancellation(), not invitation().")
    calendar = _calendar(Method.REQUEST)
    calendar.add_component(_event_component(event, with_attendees=True))
    return _render(calendar)


def cancellation(event: MeetingEvent) -> bytes:
    """A cancellation (METHOD:CANCEL, STATUS:CANCELLED) with the meeting's UID.

    The caller passes the event with its SEQUENCE already raised above the last one sent.
    """
    calendar = _calendar(Method.CANCEL)
    calendar.add_component(_event_component(event, with_attendees=True, status=Status.CANCELLED))
    return _render(calendar)


def download(event: MeetingEvent) -> bytes:
    """A single meeting as a plain ``.ics`` file (METHOD:PUBLISH) to save into a calendar."""
    calendar = _calendar(Method.PUBLISH)
    calendar.add_component(_event_component(event, with_attendees=False))
    return _render(calendar)


def feed(
    events: Iterable[MeetingEvent],
    name: str,
    *,
    refresh_interval: timedelta = DEFAULT_REFRESH_INTERVAL,
    now: datetime | None = None,
) -> bytes:
    """A person's subscription calendar (METHOD:PUBLISH) with all the given meetings.

    Cancelled meetings may be included; clients then show them as cancelled.
    ``now`` only fixes the time-zone range of an empty feed (for reproducible output).
    """
    calendar = _calendar(Method.PUBLISH)
    calendar.calendar_name = _one_line(name)  # NAME (RFC 7986) and X-WR-CALNAME
    calendar.add("X-WR-TIMEZONE", TIME_ZONE)
    calendar.refresh_interval = refresh_interval
    # RFC 7986 requires the VALUE parameter on REFRESH-INTERVAL.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("X-PUBLISHED-TTL", vDuration(refresh_interval))  # the same hint for Outlook
    events = list(events)
    for event in events:
        calendar.add_component(_event_component(event, with_attendees=False))
    if not events:
        # Announce the time zone even in an empty feed, so X-WR-TIMEZONE has its VTIMEZONE.
        today = (now or datetime.now(UTC)).astimezone(BERLIN).date()
        calendar.add_component(_berlin_timezone(today, today))
    return _render(calendar)


def mail_part(data: bytes, method: Method, filename: str) -> MIMEBase:
    """The calendar file as a mail attachment that mail programs recognise as an invitation:
    they look for the method parameter on a text/calendar part, which Django's attach() with a
    MIME type string cannot set."""
    part = MIMEBase("text", "calendar", method=method.value, charset="utf-8")
    part.set_payload(data)
    # Base64 keeps the CRLF line ends of the .ics intact through every mail relay.
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


# -- building blocks ----------------------------------------------------------------------------


def _calendar(method: Method) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method.value)
    return calendar


def _event_component(
    event: MeetingEvent, *, with_attendees: bool, status: Status | None = None
) -> Event:
    # RFC 5546 forbids ATTENDEE in PUBLISH; it also keeps other people's addresses out of
    # downloads and feeds.
    component = Event()
    component.add("UID", event.uid)
    component.add("SEQUENCE", event.sequence)
    component.add("DTSTAMP", (event.dtstamp or datetime.now(UTC)).astimezone(UTC))
    if event.last_modified is not None:
        component.add("LAST-MODIFIED", event.last_modified.astimezone(UTC))
    component.add("DTSTART", event.start.astimezone(BERLIN))
    component.add("DTEND", event.end.astimezone(BERLIN))
    component.add("SUMMARY", _one_line(event.summary))
    if event.description:
        # The only multi-line value (a cancellation's reason); icalendar escapes its breaks.
        component.add("DESCRIPTION", event.description)
    if event.location:
        component.add("LOCATION", _one_line(event.location))
    if event.geo is not None:
        component.add("GEO", event.geo)
    if event.url:
        component.add("URL", event.url)
    component.add("STATUS", (status or event.status).value)
    component.add("TRANSP", "OPAQUE")
    component.add("CLASS", "PRIVATE")
    component.add("ORGANIZER", _address(event.organizer.email, cn=event.organizer.name))
    if with_attendees:
        for attendee in event.attendees:
            component.add(
                "ATTENDEE",
                _address(
                    attendee.email,
                    cn=attendee.name,
                    role=attendee.role.value,
                    partstat="NEEDS-ACTION",
                    rsvp=event.rsvp,
                    cutype="INDIVIDUAL",
                ),
            )
    return component


def _one_line(text: str) -> str:
    """Names, titles and places typed by people never carry a line break into the file:
    icalendar would escape it, but calendar programs show an escaped break in a title or a
    name as garbage, and a raw one would start a property of the sender's choosing."""
    return " ".join(str(text).split())


def _address(email: str, *, cn: str, **params: object) -> vCalAddress:
    if any(char in email for char in '\r\n"<>;:,') or "@" not in email:
        raise ValueError(f"Not a plain e-mail address: {email!r}.")
    # vCalAddress adds "mailto:" and quotes the CN parameter when needed.
    return vCalAddress.new(email, cn=_one_line(cn), **params)


def _berlin_timezone(first: date, last: date) -> Timezone:
    """VTIMEZONE for Europe/Berlin over whole years, so it always has STANDARD and DAYLIGHT
    and stays short (the library's default range from 1970 adds 2 KB to every mail)."""
    return Timezone.from_tzid(
        TIME_ZONE, first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
    )


def _render(calendar: Calendar) -> bytes:
    events = calendar.walk("VEVENT")
    if events:
        first = min(e.decoded("DTSTART") for e in events).date()
        last = max(e.decoded("DTEND") for e in events).date()
        calendar.subcomponents.insert(0, _berlin_timezone(first, last))
    calendar.validate()
    if calendar.get_missing_tzids():  # every TZID needs its VTIMEZONE (RFC 5545 3.2.19)
        raise ValueError(f"No VTIMEZONE for {sorted(calendar.get_missing_tzids())}.")
    return calendar.to_ical()


def _as_organizer(value: Organizer | tuple[str, str]) -> Organizer:
    return value if isinstance(value, Organizer) else Organizer(*value)


def _as_attendee(value: Attendee | tuple[str, str] | tuple[str, str, str]) -> Attendee:
    if isinstance(value, Attendee):
        return value
    name, email, *role = value
    return Attendee(name, email, Role(role[0]) if role else Role.REQUIRED)
