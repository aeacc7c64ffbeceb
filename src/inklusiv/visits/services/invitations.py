"""Invitations, updates and cancellations of on-site meetings, and the personal calendar feeds.

A meeting's calendar identity is its UID (one per visit, for its whole life) and its SEQUENCE
(raised with every change sent), so calendar clients replace the earlier version instead of
showing a second meeting. Each participant gets their own mail in their own language, with
the .ics attached as a real iTIP part (``text/calendar; method=…``), which mail programs turn
into "accept/decline" invitations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusiv.core import audit, ical
from inklusiv.core.exceptions import DomainError
from inklusiv.notifications.services import notify
from inklusiv.selection import conflicts

from ..models import CalendarFeed, Participant, Visit, new_token
from ..selectors import seat_filter
from .lifecycle import ensure_round_open
from .polls import recipient_of

ORGANISE = "visits.organise_visit"
# Meetings that belong into calendars: announced ones, including those held or called off.
CALENDAR_STATUSES = (Visit.Status.CONFIRMED, Visit.Status.HELD, Visit.Status.CANCELLED)

_ROLES = {
    Participant.Kind.EXPERT: ical.Role.REQUIRED,
    Participant.Kind.COMMISSION: ical.Role.OPTIONAL,
    Participant.Kind.CONTACT: ical.Role.REQUIRED,
    Participant.Kind.PARTNER: ical.Role.REQUIRED,
}


# The funder's side first, as the mails introduce who comes to the applicant.
_ORDER = [
    Participant.Kind.EXPERT,
    Participant.Kind.COMMISSION,
    Participant.Kind.CONTACT,
    Participant.Kind.PARTNER,
]


def participants_of(visit: Visit) -> list[Participant]:
    return sorted(visit.participants.all(), key=lambda person: _ORDER.index(person.kind))


# -- the calendar event ---------------------------------------------------------------------


def absolute_url(name: str, *args) -> str:
    """The address of a page on the platform, in the active language (for mails and .ics)."""
    return settings.SITE_URL + reverse(name, args=args)


APPLICANT_SIDE = (Participant.Kind.CONTACT, Participant.Kind.PARTNER)


def agenda_url_for(visit: Visit, participant: Participant | None = None) -> str:
    """The agenda link for one participant: the signed-in page (with the commission's
    research) for an expert or commission member with an account, else the agenda opened by
    the token of their seat, which needs no account and shows nothing internal."""
    if participant is None or (
        participant.user_id is not None and participant.kind not in APPLICANT_SIDE
    ):
        return absolute_url("visits:agenda", visit.pk)
    return absolute_url("visits:poll_agenda", participant.token)


def organizer_for(visit: Visit) -> ical.Organizer:
    """The round's organiser, or the funder's sender address when the round names nobody."""
    organiser = visit.round.organiser
    if organiser is not None:
        return ical.Organizer(organiser.name or organiser.email, organiser.email)
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return ical.Organizer(name or "Inklusiv", address)


def summary_for(visit: Visit) -> str:
    """The calendar title in the active language, e.g. "Vor-Ort-Gespräch Kommune Inklusiv:
    Neuruppin (KI-2016-0001)"."""
    application = visit.application
    space = getattr(application, "social_space", None)
    return _("On-site meeting %(initiative)s: %(place)s (%(reference)s)") % {
        "initiative": application.call.initiative.name,
        "place": space.name if space else application.organisation.name,
        "reference": application.reference,
    }


def event_for(
    visit: Visit,
    *,
    cancelled: bool = False,
    participant: Participant | None = None,
    attendees: Iterable[Participant] | None = None,
) -> ical.MeetingEvent:
    """The meeting as a calendar event at ``visit.start`` with ``visit.sequence``, texts in
    the active language. With ``participant``, the description links their own poll page
    (where they also state accessibility needs); without, only the agenda. ``attendees``
    replaces the meeting's participants (a cancellation to one removed person names them)."""
    if visit.start is None:
        raise DomainError(
            _("The meeting %(reference)s has no time yet.")
            % {"reference": visit.application.reference}
        )
    agenda_url = agenda_url_for(visit, participant)
    lines = [
        _("On-site meeting with %(organisation)s in the selection procedure.")
        % {"organisation": visit.application.organisation.name},
        "",
        _("Agenda: %(url)s") % {"url": agenda_url},
    ]
    page_url = agenda_url
    if participant is not None:
        page_url = absolute_url("visits:poll", participant.token)
        lines.append(
            _("Your meeting page (also for accessibility needs): %(url)s") % {"url": page_url}
        )
    if cancelled and visit.cancel_reason:
        lines += ["", _("Cancelled: %(reason)s") % {"reason": visit.cancel_reason}]
    return ical.MeetingEvent(
        uid=ical.uid_for("visit", visit.pk),
        sequence=visit.sequence,
        start=visit.start,
        end=visit.end,
        summary=summary_for(visit),
        organizer=organizer_for(visit),
        attendees=[
            ical.Attendee(person.name, person.email, _ROLES[person.kind])
            for person in (participants_of(visit) if attendees is None else attendees)
        ],
        description="\n".join(lines),
        location=visit.address,
        geo=(visit.latitude, visit.longitude) if visit.has_place else None,
        status=ical.Status.CANCELLED
        if cancelled or visit.status == Visit.Status.CANCELLED
        else ical.Status.CONFIRMED,
        url=page_url,
        last_modified=visit.updated_at,
    )


def day(start: datetime) -> str:
    """The meeting's day in Berlin in the active language, e.g. "Dienstag, 8. November 2016"."""
    start = timezone.localtime(start, ical.BERLIN)
    return _("%(weekday)s, %(date)s") % {
        "weekday": date_format(start, "l"),
        "date": date_format(start, "DATE_FORMAT"),
    }


def when(start: datetime, end: datetime) -> str:
    """Date and time in Berlin in the active language, e.g. "Dienstag, 8. November 2016,
    10:00–13:00 Uhr"."""
    start = timezone.localtime(start, ical.BERLIN)
    end = timezone.localtime(end, ical.BERLIN)
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": day(start),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
    }


# -- sending --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mail:
    template: str  # visits/email/<invitation|update|cancellation>
    method: ical.Method
    previous_start: datetime | None = None
    # A cancellation for one person taken off the meeting, which itself goes ahead.
    withdrawn: bool = False


def ics_filename(visit: Visit) -> str:
    return f"vor-ort-gespraech-{visit.application.reference or visit.pk}.ics"


def with_details(visits):
    return visits.select_related(
        "round__organiser",
        "application__organisation",
        "application__call__initiative",
        "application__social_space",
    ).prefetch_related("participants")


def _send(visit_pk: int, mail: _Mail, recipients: list[Participant] | None = None) -> None:
    """One mail per participant (or per given recipient), each in their language, with their
    own .ics and links."""
    visit = with_details(Visit.objects).get(pk=visit_pk)
    participants = participants_of(visit)
    organizer = organizer_for(visit)
    reply_to = [organizer.email] if visit.round.organiser_id else []
    for participant in participants if recipients is None else recipients:
        with translation.override(participant.language):
            event = event_for(
                visit,
                cancelled=mail.method == ical.Method.CANCEL,
                # The seat, and with it the poll page, is gone for someone taken off.
                participant=None if mail.withdrawn else participant,
                attendees=[participant] if mail.withdrawn else None,
            )
            data = (
                ical.cancellation(event)
                if mail.method == ical.Method.CANCEL
                else ical.invitation(event)
            )
            context = {
                "site_url": settings.SITE_URL,
                "visit": visit,
                "participant": participant,
                "participants": participants,
                "organiser": organizer,
                "day": day(visit.start),
                "when": when(visit.start, visit.end),
                "previous_when": when(
                    mail.previous_start,
                    mail.previous_start + (visit.end - visit.start),
                )
                if mail.previous_start
                else "",
                "place": visit.address,
                "summary": event.summary,
                "poll_url": absolute_url("visits:poll", participant.token),
                # Someone taken off the meeting has no seat, and so no agenda, any more.
                "agenda_url": "" if mail.withdrawn else agenda_url_for(visit, participant),
                "reason": visit.cancel_reason,
                "withdrawn": mail.withdrawn,
            }
        notify(
            kind=mail.template.replace("visits/email/", "visits."),
            recipients=[recipient_of(participant)],
            language=participant.language,
            context=context,
            attachments=[ical.mail_part(data, mail.method, ics_filename(visit))],
            extra_headers={"Reply-To": ", ".join(reply_to)} if reply_to else None,
            link=context["agenda_url"] or context["poll_url"],
        )


def _state(visit: Visit) -> dict:
    return audit.snapshot(visit, ("status", "start", "sequence"))


def _require(actor, visit: Visit) -> None:
    if not (actor and actor.has_perm(ORGANISE, visit)):
        raise PermissionDenied


def confirm(*, actor, visits: Iterable[Visit]) -> int:
    """Send the planned time (pinned, else proposed) of each meeting whose time is new.

    The first time a meeting goes out as an invitation with SEQUENCE 0; a changed time as an
    update with the SEQUENCE raised; an unchanged time sends nothing. Cancelled and held
    meetings are left alone. A meeting without a planned time refuses the whole batch, so
    nobody is half-informed. Returns the number of meetings sent.
    """
    pks = [visit.pk for visit in visits]
    sent = 0
    with transaction.atomic():
        locked = list(Visit.objects.select_for_update().filter(pk__in=pks).order_by("pk"))
        for visit in locked:
            _require(actor, visit)
        for round_ in {visit.round for visit in locked}:
            ensure_round_open(round_)
        changes = []
        for visit in locked:
            if visit.status in (Visit.Status.CANCELLED, Visit.Status.HELD):
                continue
            new_start = visit.pinned_start or visit.proposed_start
            if new_start is None:
                raise DomainError(
                    _(
                        "The meeting %(reference)s has no planned time yet: run the schedule "
                        "or fix a time first."
                    )
                    % {"reference": visit.application.reference}
                )
            if visit.start == new_start:
                continue
            changes.append((visit, new_start))
        now = timezone.now()
        for visit, new_start in changes:
            before = _state(visit)
            previous_start = visit.start
            first = previous_start is None
            if not first:
                visit.sequence += 1
            visit.start = new_start
            visit.status = Visit.Status.CONFIRMED
            fields = ["start", "sequence", "status", "updated_at"]
            if first:
                visit.invited_at = now
                fields.append("invited_at")
            visit.save(update_fields=fields)
            audit.record(
                actor=actor,
                obj=visit,
                action="visit_confirmed" if first else "visit_rescheduled",
                before=before,
                after=_state(visit),
            )
            mail = (
                _Mail("visits/email/invitation", ical.Method.REQUEST)
                if first
                else _Mail("visits/email/update", ical.Method.REQUEST, previous_start)
            )
            transaction.on_commit(lambda pk=visit.pk, mail=mail: _send(pk, mail))
            sent += 1
    return sent


def cancel(*, actor, visit: Visit, reason: str) -> Visit:
    """Call a meeting off. Everyone invited gets a cancellation (same UID, SEQUENCE raised);
    a meeting nobody was invited to yet is just marked cancelled, without mail."""
    reason = reason.strip()
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        _require(actor, locked)
        if not reason:
            raise DomainError(_("Please say why the meeting is cancelled."), field="reason")
        reference = locked.application.reference
        if locked.status == Visit.Status.CANCELLED:
            raise DomainError(
                _("The meeting %(reference)s is already cancelled.") % {"reference": reference}
            )
        if locked.status == Visit.Status.HELD:
            raise DomainError(
                _("The meeting %(reference)s has taken place and cannot be cancelled.")
                % {"reference": reference}
            )
        before = _state(locked)
        invited = locked.start is not None
        if invited:
            locked.sequence += 1
        locked.status = Visit.Status.CANCELLED
        locked.cancel_reason = reason
        locked.save(update_fields=["status", "sequence", "cancel_reason", "updated_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_cancelled",
            before=before,
            after=_state(locked),
            reason=reason,
        )
        if invited:
            mail = _Mail("visits/email/cancellation", ical.Method.CANCEL)
            transaction.on_commit(lambda: _send(locked.pk, mail))
    return locked


def invite_participant(*, actor, participant: Participant) -> bool:
    """Send the current invitation to someone given a seat after the meeting was announced
    (same UID and SEQUENCE as everyone else's). Returns False, sending nothing, while the
    meeting has not been announced (they are invited with everyone then) or is over."""
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=participant.visit_id)
        _require(actor, visit)
        if visit.status != Visit.Status.CONFIRMED or visit.start is None:
            return False
        audit.record(
            actor=actor,
            obj=visit,
            action="visit_invitation_sent",
            after={"participant": participant.pk, "email": participant.email},
        )
        mail = _Mail("visits/email/invitation", ical.Method.REQUEST)
        transaction.on_commit(
            lambda: _send(visit.pk, mail, [Participant.objects.get(pk=participant.pk)])
        )
    return True


def uninvite_participant(*, actor, participant: Participant) -> bool:
    """Tell someone taken off an announced meeting that it is off their calendar: a CANCEL
    naming only them, with the SEQUENCE raised so their calendar accepts it. Call it before
    deleting the seat. Returns False, sending nothing, when they were never invited."""
    removed = Participant(
        pk=participant.pk,
        visit_id=participant.visit_id,
        kind=participant.kind,
        name=participant.name,
        email=participant.email,
        language=participant.language,
        token=participant.token,
    )
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=participant.visit_id)
        _require(actor, visit)
        if visit.status != Visit.Status.CONFIRMED or visit.start is None:
            return False
        before = _state(visit)
        visit.sequence += 1
        visit.save(update_fields=["sequence", "updated_at"])
        audit.record(
            actor=actor,
            obj=visit,
            action="visit_invitation_withdrawn",
            before=before,
            after={**_state(visit), "participant": participant.pk, "email": participant.email},
        )
        mail = _Mail("visits/email/cancellation", ical.Method.CANCEL, withdrawn=True)
        transaction.on_commit(lambda: _send(visit.pk, mail, [removed]))
    return True


# -- personal calendar feeds ----------------------------------------------------------------


def feed_for(user) -> CalendarFeed:
    """The person's feed; its secret address is made the first time it is asked for."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def renew_feed(*, actor) -> CalendarFeed:
    """Give the feed a new secret address; the old one stops working at once (for when the
    address was shared by mistake)."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied
    with transaction.atomic():
        feed_for(actor)
        feed = CalendarFeed.objects.select_for_update().get(user=actor)
        feed.token = new_token()
        feed.save(update_fields=["token"])
        # The token is a secret: the log says that it changed, not what it is.
        audit.record(actor=actor, obj=feed, action="calendar_feed_renewed")
    return feed


def seat_of(visit: Visit, user) -> Participant | None:
    """The person's seat at the meeting, by account or by e-mail address (from the
    prefetched participants)."""
    email = (user.email or "").strip().lower()
    return next(
        (
            person
            for person in visit.participants.all()
            if person.user_id == user.pk or (email and person.email.lower() == email)
        ),
        None,
    )


def meetings_for(user) -> list[Visit]:
    """The announced meetings in which the person has a seat, by account or by e-mail
    address. A seat on the funder's side is left out once the person has a conflict with the
    applicant (declared later); the applicant's own people always count as "conflicted" with
    their application, so their seats stay."""
    seats = Participant.objects.filter(seat_filter(user))
    kinds: dict[int, set[str]] = {}
    for visit_id, kind in seats.values_list("visit_id", "kind"):
        kinds.setdefault(visit_id, set()).add(kind)
    visits = with_details(
        Visit.objects.filter(
            pk__in=kinds, status__in=CALENDAR_STATUSES, start__isnull=False
        ).order_by("start")
    )
    conflicted = set(conflicts.conflicted_application_ids(user).values_list("pk", flat=True))
    return [
        visit
        for visit in visits
        if kinds[visit.pk] & set(APPLICANT_SIDE) or visit.application_id not in conflicted
    ]
