"""The availability poll of each meeting: which start times are offered, who is asked and
reminded, and the participants' answers together with their accessibility needs.

Accessibility needs are health-related data (Art. 9 GDPR): they are stored only with the
participant's explicit consent, and the audit log records only that needs were stated or
removed, never what they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, formats, timezone, translation
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import berlin_moment
from inklusiv.core.permissions import require as _require
from inklusiv.notifications.services import notify

from .. import schedule_solver
from ..models import (
    AccessibilityNeed,
    Availability,
    Participant,
    PollAnswer,
    PollSlot,
    TravelBase,
    Visit,
    VisitRound,
)
from .lifecycle import ensure_ahead, ensure_round_open

REMINDER_INTERVAL = timedelta(hours=24)
DETAILS_LIMIT = 2000
CLOSED_STATUSES = (Visit.Status.CANCELLED, Visit.Status.HELD)


def slot_label(start: datetime, minutes: int) -> str:
    """ "Tuesday, Nov. 8, 2016, 10:00–13:00" in the active language (German: "Dienstag,
    8. November 2016, 10:00–13:00 Uhr" once translated)."""
    local = timezone.localtime(start)
    end = timezone.localtime(start + timedelta(minutes=minutes))
    return _("%(weekday)s, %(date)s, %(start)s–%(end)s") % {
        "weekday": dateformat.format(local, "l"),
        "date": formats.date_format(local, "DATE_FORMAT"),
        "start": dateformat.format(local, "H:i"),
        "end": dateformat.format(end, "H:i"),
    }


def poll_closed(round_: VisitRound, now: datetime | None = None) -> bool:
    return bool(round_.poll_closes_at and (now or timezone.now()) > round_.poll_closes_at)


# --- Slots -------------------------------------------------------------------------------


def _days(round_: VisitRound):
    day = timezone.localtime(round_.window_start).date()
    last = timezone.localtime(round_.window_end).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def _clock(value: str) -> time | None:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _candidate_starts(round_: VisitRound, minutes: int) -> list[datetime]:
    clocks = [c for c in (_clock(v) for v in round_.slot_times or ()) if c is not None]
    starts = []
    for day in _days(round_):
        if day.weekday() >= 5:
            continue
        for clock in clocks:
            try:
                start = berlin_moment(day, clock)
            except forms.ValidationError:
                # A slot time inside the hour the clocks skip or repeat: no clear moment.
                continue
            end = start + timedelta(minutes=minutes)
            if round_.window_start <= start and end <= round_.window_end:
                starts.append(start)
    return starts


def _expert_fits(intervals, home, visit: Visit, start: datetime, round_: VisitRound) -> bool:
    end = start + timedelta(minutes=visit.duration_minutes)
    if home is not None and visit.has_place:
        trip = timedelta(
            minutes=schedule_solver.travel_minutes(
                home,
                (visit.latitude, visit.longitude),
                schedule_solver.Settings(
                    speed_kmh=round_.speed_kmh, buffer_minutes=round_.buffer_minutes
                ),
            )
        )
        start, end = start - trip, end + trip
    return any(begin <= start and end <= finish for begin, finish in intervals)


def generate_slots(*, actor, round: VisitRound) -> int:  # noqa: A002 - agreed signature
    """Offer every weekday of the window at the round's slot times on which all experts of
    the meeting can travel there and back; only for meetings being planned without slots."""
    _require(actor, "visits.manage_rounds")
    ensure_round_open(round)
    round_ = round
    created = {}
    with transaction.atomic():
        visits = (
            Visit.objects.select_for_update()
            .filter(round=round_, status=Visit.Status.PLANNING)
            .exclude(slots__isnull=False)
        )
        for visit in visits:
            experts = [
                p.user
                for p in visit.participants.filter(kind=Participant.Kind.EXPERT).select_related(
                    "user"
                )
                if p.user_id
            ]
            people = []
            for user in experts:
                intervals = list(
                    Availability.objects.filter(round=round_, user=user).values_list(
                        "starts_at", "ends_at"
                    )
                )
                base = TravelBase.objects.filter(user=user).first()
                people.append((intervals, (base.latitude, base.longitude) if base else None))
            starts = [
                start
                for start in _candidate_starts(round_, visit.duration_minutes)
                if all(_expert_fits(iv, home, visit, start, round_) for iv, home in people)
            ]
            PollSlot.objects.bulk_create(
                [PollSlot(visit=visit, start=start) for start in starts],
                ignore_conflicts=True,
            )
            if starts:
                created[visit.pk] = len(starts)
        total = sum(created.values())
        if total:
            audit.record(
                actor=actor,
                obj=round_,
                action="poll_slots_generated",
                after={"slots": total, "visits": sorted(created)},
            )
    return total


def set_slots(*, actor, visit: Visit, starts: list[datetime]) -> None:
    """Replace the meeting's proposed times; answers to removed times go with them."""
    _require(actor, "visits.organise_visit", visit)
    if visit.status in CLOSED_STATUSES:
        raise DomainError(_("The meeting is cancelled or has taken place; its times are fixed."))
    ensure_round_open(visit.round)
    round_ = visit.round
    wanted = sorted(set(starts))
    for start in wanted:
        if start < round_.window_start or start > round_.window_end:
            raise DomainError(
                _("%(time)s is outside the round's window (%(start)s to %(end)s).")
                % {
                    "time": formats.date_format(timezone.localtime(start), "DATETIME_FORMAT"),
                    "start": formats.date_format(
                        timezone.localtime(round_.window_start), "DATE_FORMAT"
                    ),
                    "end": formats.date_format(
                        timezone.localtime(round_.window_end), "DATE_FORMAT"
                    ),
                },
                field="new",
            )
    offered = {slot.start for slot in visit.slots.all()}
    for start in wanted:
        # Times offered earlier may stay while they pass; a new one must lie ahead.
        if start not in offered:
            ensure_ahead(round_, start, field="new")
    with transaction.atomic():
        Visit.objects.select_for_update().get(pk=visit.pk)
        existing = {slot.start: slot for slot in visit.slots.all()}
        before = sorted(start.isoformat() for start in existing)
        visit.slots.exclude(start__in=wanted).delete()
        PollSlot.objects.bulk_create(
            [PollSlot(visit=visit, start=start) for start in wanted if start not in existing]
        )
        after = [start.isoformat() for start in wanted]
        if before != after:
            audit.record(
                actor=actor,
                obj=visit,
                action="poll_slots_changed",
                before={"slots": before},
                after={"slots": after},
            )


# --- Asking and reminding ----------------------------------------------------------------


def poll_url(participant: Participant) -> str:
    """The personal, absolute poll address under the participant's language prefix."""
    with translation.override(participant.language):
        return settings.SITE_URL + reverse("visits:poll", args=[participant.token])


def recipient_of(participant: Participant):
    """The participant's account when the seat is theirs by its address (their preferences and
    inbox then apply), else the bare address of someone without an account."""
    user = participant.user
    if user is not None and user.is_active and user.email.lower() == participant.email.lower():
        return user
    return participant.email


def _mail(participant: Participant, template: str) -> None:
    visit = participant.visit
    with translation.override(participant.language):
        slots = [slot_label(slot.start, visit.duration_minutes) for slot in visit.slots.all()]
    notify(
        kind=template.replace("visits/email/", "visits."),
        recipients=[recipient_of(participant)],
        language=participant.language,
        link=poll_url(participant),
        context={
            "participant": participant,
            "visit": visit,
            "round": visit.round,
            "organisation": visit.application.organisation,
            "poll_url": poll_url(participant),
            "closes_at": visit.round.poll_closes_at,
            "slots": slots,
            "answers_poll": participant.answers_poll,
        },
    )


def _pollable(round_: VisitRound):
    # A subquery instead of a join with distinct(): FOR UPDATE refuses DISTINCT.
    offered = Visit.objects.filter(
        round=round_, status=Visit.Status.PLANNING, slots__isnull=False
    ).values("pk")
    return (
        Participant.objects.filter(visit__in=offered)
        .exclude(kind=Participant.Kind.EXPERT)
        .select_related("visit__round__stage__call", "visit__application__organisation")
        .order_by("pk")
    )


def to_ask(round_: VisitRound):
    """Who "send the poll" would ask now (shown on its confirmation page)."""
    return _pollable(round_).filter(polled_at__isnull=True)


def to_remind(round_: VisitRound, now: datetime | None = None):
    """Who "remind" would remind now: asked, not answered, not reminded in 24 hours."""
    now = now or timezone.now()
    return (
        _pollable(round_)
        .filter(polled_at__isnull=False, responded_at__isnull=True)
        .exclude(reminded_at__gt=now - REMINDER_INTERVAL)
    )


def send_poll(*, actor, round: VisitRound) -> int:  # noqa: A002 - agreed signature
    """Ask everyone who answers polls and has not been asked yet; returns how many."""
    _require(actor, "visits.manage_rounds")
    ensure_round_open(round)
    if poll_closed(round):
        raise DomainError(_("The poll has closed; set a later closing date first."))
    sent = []
    with transaction.atomic():
        for participant in to_ask(round).select_for_update(of=("self",)):
            _mail(participant, "visits/email/poll")
            participant.polled_at = timezone.now()
            participant.save(update_fields=["polled_at"])
            sent.append(participant.pk)
        if sent:
            audit.record(actor=actor, obj=round, action="poll_sent", after={"participants": sent})
    return len(sent)


def send_reminders(*, actor, round: VisitRound) -> int:  # noqa: A002 - agreed signature
    """Remind those asked who have not answered, at most once in 24 hours; returns how many."""
    _require(actor, "visits.manage_rounds")
    ensure_round_open(round)
    if poll_closed(round):
        raise DomainError(_("The poll has closed; there is nobody left to remind."))
    now = timezone.now()
    sent = []
    with transaction.atomic():
        due = to_remind(round, now).select_for_update(of=("self",))
        for participant in due:
            _mail(participant, "visits/email/reminder")
            participant.reminded_at = now
            participant.reminders += 1
            participant.save(update_fields=["reminded_at", "reminders"])
            sent.append(participant.pk)
        if sent:
            audit.record(
                actor=actor, obj=round, action="poll_reminders_sent", after={"participants": sent}
            )
    return len(sent)


# --- Answering ---------------------------------------------------------------------------


def answer(
    *,
    participant: Participant,
    answers: dict[int, str],
    needs: list[str],
    details: str,
    consent: bool,
) -> None:
    """Store the participant's answers (every proposed time) and accessibility needs (only
    with consent; without needs and details, or with the consent withdrawn, a stored need is
    deleted)."""
    visit = participant.visit
    if visit.status == Visit.Status.CANCELLED:
        raise DomainError(_("This meeting has been cancelled; the poll is closed."))
    if visit.status == Visit.Status.HELD:
        raise DomainError(_("This meeting has already taken place; the poll is closed."))
    if poll_closed(visit.round):
        raise DomainError(
            _(
                "The poll closed on %(date)s. Please contact the organisers if you can no "
                "longer come or need something to take part."
            )
            % {
                "date": formats.date_format(
                    timezone.localtime(visit.round.poll_closes_at), "DATETIME_FORMAT"
                )
            }
        )
    slots = list(visit.slots.all()) if participant.answers_poll else []
    known = {slot.pk for slot in slots}
    answers = {int(pk): value for pk, value in (answers or {}).items()}
    if set(answers) - known and participant.answers_poll:
        raise DomainError(_("One of the answers is for a time this meeting does not offer."))
    missing = [slot for slot in slots if answers.get(slot.pk) not in PollAnswer.Answer.values]
    if missing:
        raise DomainError(
            _("Please answer yes, if need be or no for every proposed time. Missing: %(dates)s.")
            % {"dates": "; ".join(slot_label(s.start, visit.duration_minutes) for s in missing)},
            field=f"slot_{missing[0].pk}",
        )
    needs = list(dict.fromkeys(needs or ()))
    unknown = [code for code in needs if code not in AccessibilityNeed.Need.values]
    if unknown:
        raise DomainError(_("Please choose needs from the list."), field="needs")
    details = (details or "").strip()
    if len(details) > DETAILS_LIMIT:
        raise DomainError(_("The details are longer than 2,000 characters."), field="details")
    if AccessibilityNeed.Need.OTHER in needs and not details:
        raise DomainError(_("Please describe what else you need to take part."), field="details")
    has_stored = AccessibilityNeed.objects.filter(participant=participant).exists()
    # Unticking the (pre-ticked) consent is a withdrawal: the stored needs go, whatever else
    # is still ticked. Only someone who never consented is asked to confirm instead.
    withdrawn = not consent and has_stored
    if (needs or details) and not consent and not withdrawn:
        raise DomainError(
            _(
                "Please confirm that we may store this information about your accessibility "
                "needs. Without your consent we cannot store it."
            ),
            field="consent",
        )
    actor = participant.user
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        before = {
            str(a.slot_id): a.answer for a in PollAnswer.objects.filter(participant=participant)
        }
        for slot in slots:
            PollAnswer.objects.update_or_create(
                participant=participant, slot=slot, defaults={"answer": answers[slot.pk]}
            )
        participant.responded_at = timezone.now()
        participant.save(update_fields=["responded_at"])
        audit.record(
            actor=actor,
            obj=visit,
            action="poll_answered",
            before={"participant": participant.pk, "answers": before},
            after={
                "participant": participant.pk,
                "answers": {str(slot.pk): answers[slot.pk] for slot in slots},
            },
        )
        stored = AccessibilityNeed.objects.filter(participant=participant).first()
        if (needs or details) and not withdrawn:
            changed = stored is None or stored.needs != needs or stored.details != details
            AccessibilityNeed.objects.update_or_create(
                participant=participant,
                defaults={"needs": needs, "details": details, "consent_at": timezone.now()},
            )
            if changed:
                # Only the fact: the needs themselves must not linger in the audit log.
                audit.record(
                    actor=actor,
                    obj=visit,
                    action="accessibility_needs_stated",
                    after={"participant": participant.pk},
                )
        elif stored is not None:
            stored.delete()
            audit.record(
                actor=actor,
                obj=visit,
                action="accessibility_needs_removed",
                after={"participant": participant.pk},
            )


# --- The answers grid --------------------------------------------------------------------


@dataclass
class SlotColumn:
    slot: PollSlot
    label: str
    yes: int = 0
    if_need_be: int = 0
    no: int = 0


@dataclass
class PollRow:
    participant: Participant
    # One entry per column: the PollAnswer.Answer value or "" when unanswered.
    answers: list[str]
    labels: list[str]


@dataclass
class PollTable:
    columns: list[SlotColumn] = field(default_factory=list)
    rows: list[PollRow] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.participant.responded_at)

    @property
    def asked(self) -> int:
        return len(self.rows)


def poll_table(visit: Visit) -> PollTable:
    """Answers of the poll-answering participants per proposed time, with totals."""
    columns = [
        SlotColumn(slot=slot, label=slot_label(slot.start, visit.duration_minutes))
        for slot in visit.slots.all()
    ]
    labels = dict(PollAnswer.Answer.choices)
    given = {
        (a.participant_id, a.slot_id): a.answer
        for a in PollAnswer.objects.filter(slot__visit=visit)
    }
    rows = []
    for participant in visit.participants.exclude(kind=Participant.Kind.EXPERT):
        values = [given.get((participant.pk, column.slot.pk), "") for column in columns]
        for column, value in zip(columns, values, strict=True):
            if value:
                setattr(column, value, getattr(column, value) + 1)
        rows.append(
            PollRow(
                participant=participant,
                answers=values,
                labels=[str(labels.get(v, "")) for v in values],
            )
        )
    return PollTable(columns=columns, rows=rows)
