"""Between the round's rows and the Django-free optimiser (schedule_solver.py): build its instance
from the poll answers, availabilities and pins, run it, store the proposal, pin and check."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require

from .. import schedule_solver
from ..models import Availability, Participant, PollAnswer, TravelBase, Visit, VisitRound
from .lifecycle import ACTIVE_STATUSES, ensure_ahead, ensure_round_open


def _local(moment: datetime | None) -> datetime | None:
    # The optimiser takes a meeting's day from start.date(): it must see Berlin wall time.
    return timezone.localtime(moment) if moment is not None else None


def _active_visits(round_: VisitRound):
    return (
        round_.visits.filter(status__in=ACTIVE_STATUSES)
        .select_related("application")
        .prefetch_related("participants__user", "slots")
        .order_by("application__reference", "pk")
    )


def fixed_start(visit: Visit) -> datetime | None:
    """The start the optimiser must keep: staff's pin, else what participants were told.
    A confirmed meeting only moves when staff move it (pin a new time)."""
    if visit.pinned_start is not None:
        return visit.pinned_start
    if visit.status == Visit.Status.CONFIRMED:
        return visit.start
    return None


def planned_start(visit: Visit) -> datetime | None:
    """The start the next invitation would announce."""
    return fixed_start(visit) or visit.proposed_start or visit.start


def _person_id(participant: Participant) -> str:
    if participant.user_id:
        return f"user:{participant.user_id}"
    return f"participant:{participant.pk}"


def _preferences(visits: list[Visit]) -> dict[int, schedule_solver.Preference | None]:
    """Per slot id: YES when every poll-answering participant said yes, None when anybody
    said no, else IF_NEED_BE (including not answered yet)."""
    answers: dict[tuple[int, int], str] = {
        (participant_id, slot_id): answer
        for participant_id, slot_id, answer in PollAnswer.objects.filter(
            slot__visit__in=visits
        ).values_list("participant_id", "slot_id", "answer")
    }
    result = {}
    for visit in visits:
        answering = [p.pk for p in visit.participants.all() if p.answers_poll]
        for slot in visit.slots.all():
            given = [answers.get((participant, slot.pk)) for participant in answering]
            if PollAnswer.Answer.NO in given:
                result[slot.pk] = None
            elif all(answer == PollAnswer.Answer.YES for answer in given):
                result[slot.pk] = schedule_solver.Preference.YES
            else:
                result[slot.pk] = schedule_solver.Preference.IF_NEED_BE
    return result


def _settings(round_: VisitRound) -> schedule_solver.Settings:
    return schedule_solver.Settings(
        speed_kmh=float(round_.speed_kmh),
        buffer_minutes=round_.buffer_minutes,
        max_per_day=round_.max_per_day,
        window_start=_local(round_.window_start),
        window_end=_local(round_.window_end),
        time_limit=float(
            getattr(django_settings, "VISITS_SOLVER_SECONDS", schedule_solver.DEFAULT_TIME_LIMIT)
        ),
    )


def build_instance(round: VisitRound) -> tuple[schedule_solver.Instance, dict[int, Visit]]:  # noqa: A002
    """The optimiser's view of the round: meetings of planned and confirmed visits that have
    coordinates, keyed by visit id, with their participants' availability."""
    visits = [visit for visit in _active_visits(round) if visit.has_place]
    preferences = _preferences(visits)
    experts: dict[int, object] = {}
    people: dict[str, schedule_solver.Person] = {}
    meetings = []
    for visit in visits:
        participant_ids = []
        for participant in visit.participants.all():
            person_id = _person_id(participant)
            participant_ids.append(person_id)
            if participant.kind == Participant.Kind.EXPERT and participant.user_id:
                experts[participant.user_id] = participant.user
            elif person_id not in people:
                label = participant.user.name if participant.user else ""
                people[person_id] = schedule_solver.Person(
                    id=person_id, name=label or participant.name
                )
        slots = tuple(
            schedule_solver.Slot(_local(slot.start), preferences[slot.pk])
            for slot in visit.slots.all()
            if preferences[slot.pk] is not None
        )
        meetings.append(
            schedule_solver.Meeting(
                id=visit.pk,
                latitude=visit.latitude,
                longitude=visit.longitude,
                duration=visit.duration_minutes,
                participants=tuple(dict.fromkeys(participant_ids)),
                slots=slots,
                pinned=_local(fixed_start(visit)),
                label=str(visit),
            )
        )
    intervals: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    for user_id, starts_at, ends_at in Availability.objects.filter(
        round=round, user_id__in=experts
    ).values_list("user_id", "starts_at", "ends_at"):
        intervals[user_id].append((_local(starts_at), _local(ends_at)))
    homes = {
        base.user_id: (base.latitude, base.longitude)
        for base in TravelBase.objects.filter(user_id__in=experts)
    }
    for user_id, user in experts.items():
        person_id = f"user:{user_id}"
        people[person_id] = schedule_solver.Person(
            id=person_id,
            name=user.name or user.email,
            expert=True,
            # No availability entered yet: the expert is not held to any; run() says so.
            availability=tuple(sorted(intervals[user_id])) if user_id in intervals else None,
            home=homes.get(user_id),
        )
    instance = schedule_solver.Instance(meetings=meetings, people=people, settings=_settings(round))
    return instance, {visit.pk: visit for visit in visits}


def _notes(round_: VisitRound, instance: schedule_solver.Instance) -> list[str]:
    """What staff should know about the run besides the optimiser's own result."""
    notes = []
    for visit in _active_visits(round_):
        if not visit.has_place:
            notes.append(
                _("%(meeting)s has no coordinates yet: enter them on its place page.")
                % {"meeting": str(visit)}
            )
    for person in instance.people.values():
        if person.expert and person.availability is None:
            notes.append(
                _(
                    "%(name)s has not entered when they can travel; the schedule assumes they "
                    "can travel at any time."
                )
                % {"name": person.label}
            )
    for meeting in instance.meetings:
        if not any(instance.person(p).expert for p in meeting.participants):
            notes.append(
                _("%(meeting)s has no programme expert yet: add one on its page.")
                % {"meeting": meeting.name}
            )
    return notes


def run(*, actor, round: VisitRound) -> schedule_solver.Schedule:  # noqa: A002
    """Propose a start for every meeting that has coordinates and store the proposal on the
    visits; when none exists, clear the proposals and keep the explanation for the page."""
    _require(actor, "visits.manage_rounds")
    ensure_round_open(round)
    instance, visits = build_instance(round)
    notes = _notes(round, instance)
    if instance.meetings:
        # The solver runs outside the transaction: it may take seconds, and holding the
        # round's lock (or SQLite's write lock) that long would stall everyone else.
        result = schedule_solver.solve(instance)
    else:
        result = schedule_solver.Schedule(
            schedule_solver.Status.INFEASIBLE,
            explanations=[
                _(
                    "There is no meeting to schedule yet. Meetings need a place with coordinates "
                    "and must not be cancelled or held."
                )
            ],
        )
    if result.found:
        # The model and the checker are separate code; a proposal both agree on is stored.
        broken = schedule_solver.violations(instance, result)
        if broken:
            result = schedule_solver.Schedule(
                schedule_solver.Status.UNKNOWN,
                seconds=result.seconds,
                explanations=[
                    _("The proposal failed its own check: %(problems)s")
                    % {"problems": "; ".join(broken)}
                ],
            )
    with transaction.atomic():
        locked = VisitRound.objects.select_for_update().get(pk=round.pk)
        proposals = {}
        for visit in (
            Visit.objects.select_for_update(of=("self",))
            .select_related("application")
            .filter(round=locked, status__in=ACTIVE_STATUSES)
        ):
            start = result.assignments.get(visit.pk) if result.found else None
            if visit.pk not in visits:
                start = None
            if visit.proposed_start != start:
                visit.proposed_start = start
                visit.save(update_fields=["proposed_start", "updated_at"])
            if start is not None:
                proposals[str(visit)] = start
        locked.run_status = str(result.status)
        locked.run_objective = result.objective
        locked.run_bound = result.bound
        locked.run_seconds = result.seconds
        locked.run_travel_days = result.travel_days if result.found else None
        locked.run_if_need_be = result.if_need_be if result.found else None
        locked.run_explanations = [*result.explanations, *notes]
        locked.run_at = timezone.now()
        locked.run_by = actor
        locked.save(
            update_fields=[
                "run_status",
                "run_objective",
                "run_bound",
                "run_seconds",
                "run_travel_days",
                "run_if_need_be",
                "run_explanations",
                "run_at",
                "run_by",
                "updated_at",
            ]
        )
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_schedule_run",
            after={
                "status": locked.run_status,
                "objective": result.objective,
                "travel_days": locked.run_travel_days,
                "if_need_be": locked.run_if_need_be,
                "proposals": proposals,
                "explanations": locked.run_explanations,
            },
        )
    return result


def _ensure_open(visit: Visit) -> None:
    if visit.status not in ACTIVE_STATUSES:
        raise DomainError(
            _("This meeting was %(status)s; it can no longer be moved.")
            % {"status": visit.get_status_display()}
        )


def pin(*, actor, visit: Visit, start: datetime) -> Visit:
    """Fix the meeting to a start; the optimiser plans the others around it."""
    _require(actor, "visits.organise_visit", visit)
    _ensure_open(visit)
    ensure_round_open(visit.round)
    if start is None:
        raise DomainError(_("Please enter the date and time of the meeting."), field="start")
    round_ = visit.round
    end = start + timedelta(minutes=visit.duration_minutes)
    if start < round_.window_start or end > round_.window_end:
        window_start, window_end = _local(round_.window_start), _local(round_.window_end)
        raise DomainError(
            _(
                "The meeting would take place outside the round's period (%(start)s to "
                "%(end)s). Choose a time inside it, or change the period in the round's "
                "settings first."
            )
            % {
                "start": f"{window_start:%d.%m.%Y %H:%M}",
                "end": f"{window_end:%d.%m.%Y %H:%M}",
            },
            field="start",
        )
    ensure_ahead(round_, start, field="start")
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        _ensure_open(locked)
        before = {"pinned_start": locked.pinned_start}
        locked.pinned_start = start
        locked.save(update_fields=["pinned_start", "updated_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_pinned",
            before=before,
            after={"pinned_start": start},
        )
    return locked


def unpin(*, actor, visit: Visit) -> Visit:
    """Let the optimiser choose the meeting's start again."""
    _require(actor, "visits.organise_visit", visit)
    _ensure_open(visit)
    ensure_round_open(visit.round)
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.pinned_start is None:
            raise DomainError(_("This meeting is not fixed to a time."))
        before = {"pinned_start": locked.pinned_start}
        locked.pinned_start = None
        locked.save(update_fields=["pinned_start", "updated_at"])
        audit.record(actor=actor, obj=locked, action="visit_unpinned", before=before, after={})
    return locked


def check(round: VisitRound) -> list[str]:  # noqa: A002
    """Every rule the current plan breaks (pinned, else proposed, else confirmed starts), for
    the meetings that have a planned start; [] when the plan holds."""
    instance, visits = build_instance(round)
    assignments = {
        pk: _local(planned_start(visit))
        for pk, visit in visits.items()
        if planned_start(visit) is not None
    }
    planned = schedule_solver.Instance(
        meetings=[m for m in instance.meetings if m.id in assignments],
        people=instance.people,
        settings=instance.settings,
    )
    return schedule_solver.violations(planned, assignments)
