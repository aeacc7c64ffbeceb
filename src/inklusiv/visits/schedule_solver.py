"""Scheduling of a stage's on-site meetings (Vor-Ort-Gespräche) with CP-SAT, free of Django so it
can be tested and benchmarked on its own (bench/visits_schedule.py).

Times are datetimes in the stage's local time zone (aware or naive, but all alike); a meeting's
day is `start.date()`, so pass Europe/Berlin times, not UTC. Durations and travel times are
whole minutes. Every meeting takes exactly one of its candidate slots (the applicant's "yes" and
"if need be" answers; "no" slots are simply not given) or, when staff pinned it, the pinned
start. Nobody attends two meetings that overlap, counting the travel time between the two places
when they fall on the same day; everyone with an availability is only scheduled inside it; an
expert has at most N meetings a day. Among such schedules the optimiser minimises a weighted sum
of "if need be" slots and expert travel days.

Conditions that make a stage impossible in an obvious way are checked before the solver runs,
so staff read the specific reason ("A and B both need Jonas Brandt, and their only possible slot
is …") instead of a bare "infeasible"; an infeasibility only the solver finds is narrowed down to
the meetings involved with assumption literals.
"""

from __future__ import annotations

import math
import os
import time
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from ortools.sat.python import cp_model


def _(message: str) -> str:
    # The module must import and run without Django (tests, bench/); inside the product the
    # sentences for staff come out in the active language.
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            return gettext(message)
    except ImportError:
        pass
    return message


EARTH_RADIUS_KM = 6371.0
DEFAULT_TIME_LIMIT = 20.0
DEFAULT_WORKERS = 2  # the production machine has two cores
MINIMISE_CORE_UP_TO = 20


class Preference(StrEnum):
    YES = "yes"
    IF_NEED_BE = "if_need_be"


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # the time limit ended the search; valid but maybe not the best
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"  # the time limit ended the search before any schedule was found


@dataclass(frozen=True)
class Slot:
    start: datetime
    preference: Preference = Preference.YES


@dataclass(frozen=True)
class Meeting:
    id: Hashable
    latitude: float
    longitude: float
    duration: int  # minutes
    participants: tuple[Hashable, ...]  # person ids: experts, commission, applicant side
    slots: tuple[Slot, ...] = ()
    # Staff's fixed start; it replaces the slots (staff may move a meeting off the poll).
    pinned: datetime | None = None
    label: str = ""  # shown in explanations, e.g. the application's reference

    @property
    def name(self) -> str:
        return self.label or str(self.id)


@dataclass(frozen=True)
class Person:
    id: Hashable
    name: str = ""
    # Experts are held to the daily limit and their travel days count in the objective.
    expert: bool = False
    # Intervals (start, end) the person can travel in, from leaving home to coming back;
    # None: no restriction beyond the slots themselves (the applicant side, whose poll answers
    # already are the slots).
    availability: tuple[tuple[datetime, datetime], ...] | None = None
    # Home base (latitude, longitude); when given, the trip from and back home must fit into
    # the availability interval too.
    home: tuple[float, float] | None = None

    @property
    def label(self) -> str:
        return self.name or str(self.id)


@dataclass(frozen=True)
class Settings:
    speed_kmh: float = 60.0
    buffer_minutes: int = 30
    max_per_day: int = 2
    window_start: datetime | None = None
    window_end: datetime | None = None
    # A travel day costs an expert a whole day (and the funder the trip), so by default it
    # outweighs one applicant's "if need be"; two "if need be" weigh as much as one travel day.
    if_need_be_weight: int = 1
    travel_day_weight: int = 2
    time_limit: float = DEFAULT_TIME_LIMIT
    workers: int = DEFAULT_WORKERS


@dataclass
class Instance:
    meetings: list[Meeting]
    people: dict[Hashable, Person] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    def person(self, person_id) -> Person:
        # Participants without an entry are unrestricted applicant-side people.
        return self.people.get(person_id) or Person(id=person_id)


@dataclass
class Schedule:
    status: Status
    assignments: dict[Hashable, datetime] = field(default_factory=dict)
    objective: float | None = None
    # The solver's proven lower bound: objective == bound when optimal.
    bound: float | None = None
    seconds: float = 0.0
    travel_days: int = 0
    if_need_be: int = 0
    # Plain sentences for staff when no schedule exists (or none was found in time).
    explanations: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)


def _format(moment: datetime) -> str:
    return f"{moment:%d.%m.%Y %H:%M}"


def travel_minutes(a: tuple[float, float], b: tuple[float, float], settings: Settings) -> int:
    """Great-circle distance at the travel speed plus the buffer, rounded up to minutes."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    distance = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    return math.ceil(distance / settings.speed_kmh * 60 + settings.buffer_minutes)


def _place(meeting: Meeting) -> tuple[float, float]:
    return (meeting.latitude, meeting.longitude)


def _end(meeting: Meeting, start: datetime) -> datetime:
    return start + timedelta(minutes=meeting.duration)


def _in_window(meeting: Meeting, start: datetime, settings: Settings) -> bool:
    if settings.window_start is not None and start < settings.window_start:
        return False
    return settings.window_end is None or _end(meeting, start) <= settings.window_end


def _available(person: Person, meeting: Meeting, start: datetime, settings: Settings) -> bool:
    if person.availability is None:
        return True
    leave, back = start, _end(meeting, start)
    if person.home is not None:
        trip = timedelta(minutes=travel_minutes(person.home, _place(meeting), settings))
        leave, back = leave - trip, back + trip
    return any(begin <= leave and back <= finish for begin, finish in person.availability)


def _apart(first: Meeting, a: datetime, second: Meeting, b: datetime, travel: int) -> bool:
    """Whether one person can attend both: other days, or one ends travel minutes before."""
    if a.date() != b.date():
        return True
    gap = timedelta(minutes=travel)
    return _end(first, a) + gap <= b or _end(second, b) + gap <= a


# --- Candidate slots and the checks before solving ------------------------------------------


def _candidates(instance: Instance) -> tuple[dict[Hashable, list[Slot]], list[str]]:
    """Each meeting's usable slots (window, availability), and the meetings left without one."""
    settings = instance.settings
    candidates: dict[Hashable, list[Slot]] = {}
    reasons: list[str] = []
    for meeting in instance.meetings:
        people = [instance.person(p) for p in meeting.participants]
        if meeting.pinned is not None:
            offered = [Slot(meeting.pinned, Preference.YES)]
        else:
            offered = list(meeting.slots)
        usable = [
            slot
            for slot in offered
            if _in_window(meeting, slot.start, settings)
            and all(_available(p, meeting, slot.start, settings) for p in people)
        ]
        candidates[meeting.id] = usable
        if usable:
            continue
        if meeting.pinned is not None:
            if not _in_window(meeting, meeting.pinned, settings):
                reasons.append(
                    _("{meeting} is pinned to {start}, outside the stage's window.").format(
                        meeting=meeting.name, start=_format(meeting.pinned)
                    )
                )
            else:
                away = [
                    p.label for p in people if not _available(p, meeting, meeting.pinned, settings)
                ]
                reasons.append(
                    _("{meeting} is pinned to {start}, when {people} cannot travel.").format(
                        meeting=meeting.name, start=_format(meeting.pinned), people=", ".join(away)
                    )
                )
        elif not offered:
            reasons.append(
                _("{meeting} has no proposed slot the applicant can attend.").format(
                    meeting=meeting.name
                )
            )
        else:
            inside = [s for s in offered if _in_window(meeting, s.start, settings)]
            if not inside:
                reasons.append(
                    _(
                        "None of the {count} slots proposed for {meeting} lies in the stage's "
                        "window."
                    ).format(count=len(offered), meeting=meeting.name)
                )
            else:
                away = [
                    p.label
                    for p in people
                    if not any(_available(p, meeting, s.start, settings) for s in inside)
                ]
                if away:
                    who = ", ".join(away)
                else:
                    # Each can come to some slot, just never all of them to the same one.
                    restricted = [p.label for p in people if p.availability is not None]
                    who = _("{people} together").format(people=", ".join(restricted))
                reasons.append(
                    _(
                        "None of the {count} slots proposed for {meeting} fits the availability "
                        "of {people}."
                    ).format(count=len(inside), meeting=meeting.name, people=who)
                )
    return candidates, reasons


def _shared_pairs(instance: Instance) -> dict[tuple[int, int], list[Hashable]]:
    """Index pairs (i < j) of meetings that share somebody, with the people they share."""
    by_person: dict[Hashable, list[int]] = defaultdict(list)
    for index, meeting in enumerate(instance.meetings):
        for person in dict.fromkeys(meeting.participants):
            by_person[person].append(index)
    pairs: dict[tuple[int, int], list[Hashable]] = defaultdict(list)
    for person, indices in by_person.items():
        for n, i in enumerate(indices):
            for j in indices[n + 1 :]:
                pairs[(i, j)].append(person)
    return pairs


def _clashes(instance: Instance, candidates, pairs):
    """For each pair of meetings sharing somebody: the slot index pairs one person cannot attend
    both of. Slots are bucketed by day so only same-day pairs are compared."""
    meetings = instance.meetings
    by_day = {m.id: _by_day(candidates[m.id]) for m in meetings}
    clashes: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, j in pairs:
        first, second = meetings[i], meetings[j]
        travel = travel_minutes(_place(first), _place(second), instance.settings)
        found = []
        for day, slots_a in by_day[first.id].items():
            for a in slots_a:
                start_a = candidates[first.id][a].start
                for b in by_day[second.id].get(day, ()):
                    if not _apart(first, start_a, second, candidates[second.id][b].start, travel):
                        found.append((a, b))
        clashes[(i, j)] = found
    return clashes


def _by_day(slots: list[Slot]) -> dict[date, list[int]]:
    days: dict[date, list[int]] = defaultdict(list)
    for index, slot in enumerate(slots):
        days[slot.start.date()].append(index)
    return days


def _pair_reasons(instance: Instance, candidates, pairs, clashes) -> list[str]:
    """Two meetings sharing a person whose every combination of slots clashes."""
    reasons = []
    for (i, j), shared in pairs.items():
        first, second = instance.meetings[i], instance.meetings[j]
        slots_a, slots_b = candidates[first.id], candidates[second.id]
        if not slots_a or not slots_b or len(clashes[(i, j)]) < len(slots_a) * len(slots_b):
            continue
        who = " and ".join(instance.person(p).label for p in shared)
        if len(slots_a) == len(slots_b) == 1 and slots_a[0].start == slots_b[0].start:
            text = _(
                "{first} and {second} both need {people}, and their only possible slot is {start}."
            )
            reasons.append(
                text.format(
                    first=first.name,
                    second=second.name,
                    people=who,
                    start=_format(slots_a[0].start),
                )
            )
        else:
            text = _(
                "{first} and {second} both need {people}, and no two of their possible slots are "
                "far enough apart, counting the travel time between them."
            )
            reasons.append(text.format(first=first.name, second=second.name, people=who))
    return reasons


def _count_reasons(instance: Instance, candidates) -> list[str]:
    """People needed at more meetings than their possible slots allow: a person attends one
    meeting per start time, an expert at most N a day."""
    limit = instance.settings.max_per_day
    meetings_of: dict[Hashable, list[Meeting]] = defaultdict(list)
    for meeting in instance.meetings:
        for person in dict.fromkeys(meeting.participants):
            meetings_of[person].append(meeting)
    reasons = []
    for person_id, meetings in meetings_of.items():
        if len(meetings) < 2 or any(not candidates[m.id] for m in meetings):
            continue  # a meeting without slots is already explained
        person = instance.person(person_id)
        starts: dict[date, set[datetime]] = defaultdict(set)
        for meeting in meetings:
            for slot in candidates[meeting.id]:
                starts[slot.start.date()].add(slot.start)
        room = sum(
            min(limit, len(times)) if person.expert else len(times) for times in starts.values()
        )
        if len(meetings) <= room:
            continue
        names = ", ".join(m.name for m in meetings[:10]) + (", …" if len(meetings) > 10 else "")
        if person.expert:
            text = _(
                "{person} is needed at {count} meetings ({meetings}), but their possible slots "
                "fall on {days} day(s) and allow at most {room} (at most {limit} a day)."
            )
        else:
            text = _(
                "{person} is needed at {count} meetings ({meetings}), but their possible slots "
                "allow at most {room}."
            )
        reasons.append(
            text.format(
                person=person.label,
                count=len(meetings),
                meetings=names,
                days=len(starts),
                room=room,
                limit=limit,
            )
        )
    return reasons


# --- The model --------------------------------------------------------------------------------


def _build(instance: Instance, candidates, pairs, clashes, *, assumptions: bool):
    settings = instance.settings
    model = cp_model.CpModel()
    chosen: dict[Hashable, list[cp_model.IntVar]] = {}
    enabled: dict[Hashable, cp_model.IntVar] = {}
    for meeting in instance.meetings:
        options = [model.new_bool_var("") for _slot in candidates[meeting.id]]
        chosen[meeting.id] = options
        if assumptions:
            # Each meeting's "must take place" is an assumption, so an infeasible model reports
            # which meetings together cannot be scheduled.
            enabled[meeting.id] = model.new_bool_var(f"{meeting.name}")
            model.add(sum(options) <= 1)
            model.add(sum(options) == 1).only_enforce_if(enabled[meeting.id])
        else:
            model.add_exactly_one(options)
    for (i, j), found in clashes.items():
        a_vars = chosen[instance.meetings[i].id]
        b_vars = chosen[instance.meetings[j].id]
        for a, b in found:
            model.add_bool_or([a_vars[a].Not(), b_vars[b].Not()])

    # Experts: at most N meetings a day, and a travel-day flag implied by any of them.
    per_day: dict[tuple[Hashable, date], list] = defaultdict(list)
    for meeting in instance.meetings:
        for person_id in dict.fromkeys(meeting.participants):
            if instance.person(person_id).expert:
                for slot, var in zip(candidates[meeting.id], chosen[meeting.id], strict=True):
                    per_day[(person_id, slot.start.date())].append(var)
    travel_days = []
    days_of: dict[Hashable, list] = defaultdict(list)
    for (person_id, _day), variables in per_day.items():
        day = model.new_bool_var("")
        travel_days.append(day)
        days_of[person_id].append(day)
        model.add(sum(variables) <= settings.max_per_day * day)
        for var in variables:
            model.add_implication(var, day)
    # Redundant, but it gives the search the obvious lower bound on each expert's travel days
    # (their meetings over N a day), which the linear relaxation alone does not see.
    for person_id, days in days_of.items():
        count = sum(1 for m in instance.meetings if person_id in m.participants)
        if not assumptions:
            model.add(sum(days) >= -(-count // settings.max_per_day))

    if_need_be = [
        var
        for meeting in instance.meetings
        for slot, var in zip(candidates[meeting.id], chosen[meeting.id], strict=True)
        if slot.preference == Preference.IF_NEED_BE
    ]
    model.minimize(
        settings.if_need_be_weight * sum(if_need_be) + settings.travel_day_weight * sum(travel_days)
    )
    if assumptions:
        model.add_assumptions(list(enabled.values()))
    return model, chosen, enabled, travel_days, if_need_be


def solve(instance: Instance) -> Schedule:
    """Propose a schedule for all meetings; when none exists, say why in plain sentences."""
    started = time.perf_counter()
    settings = instance.settings
    ids = [m.id for m in instance.meetings]
    if len(set(ids)) != len(ids):
        raise ValueError("meeting ids must be unique")
    candidates, reasons = _candidates(instance)
    pairs = _shared_pairs(instance)
    clashes = _clashes(instance, candidates, pairs)
    reasons += _pair_reasons(instance, candidates, pairs, clashes)
    reasons += _count_reasons(instance, candidates)
    if reasons:
        return Schedule(
            Status.INFEASIBLE, seconds=time.perf_counter() - started, explanations=reasons
        )

    model, chosen, _enabled, travel_days, if_need_be = _build(
        instance, candidates, pairs, clashes, assumptions=False
    )
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = settings.time_limit
    solver.parameters.num_workers = settings.workers or max(1, os.cpu_count() or 1)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        explanations = [_("No schedule satisfies all constraints together.")]
        involved = _conflicting_meetings(instance, candidates, pairs, clashes)
        if involved:
            explanations.append(
                _("These meetings cannot all be scheduled together: {meetings}.").format(
                    meetings=", ".join(m.name for m in involved)
                )
            )
        return Schedule(
            Status.INFEASIBLE, seconds=time.perf_counter() - started, explanations=explanations
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Schedule(
            Status.UNKNOWN,
            seconds=time.perf_counter() - started,
            explanations=[
                _("No schedule was found within {seconds:g} seconds.").format(
                    seconds=settings.time_limit
                )
            ],
        )
    assignments = {}
    for meeting in instance.meetings:
        for slot, var in zip(candidates[meeting.id], chosen[meeting.id], strict=True):
            if solver.boolean_value(var):
                assignments[meeting.id] = slot.start
    return Schedule(
        Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE,
        assignments=assignments,
        objective=solver.objective_value,
        bound=solver.best_objective_bound,
        seconds=time.perf_counter() - started,
        travel_days=sum(solver.boolean_value(d) for d in travel_days),
        if_need_be=sum(solver.boolean_value(v) for v in if_need_be),
    )


def _conflicting_meetings(instance, candidates, pairs, clashes) -> list[Meeting]:
    """A small set of meetings that cannot all take place, from the solver's core of
    assumptions; [] when the solver cannot tell in time."""
    model, _chosen, enabled, _days, _need = _build(
        instance, candidates, pairs, clashes, assumptions=True
    )
    solver = cp_model.CpSolver()
    # The core of assumptions is only reported by the single-worker search.
    solver.parameters.num_workers = 1

    # The explanation gets one more time limit in all, so a page never waits more than twice it.
    deadline = time.perf_counter() + instance.settings.time_limit

    def core_of(meetings, seconds) -> list[Meeting] | None:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        model.clear_assumptions()
        model.add_assumptions([enabled[m.id] for m in meetings])
        solver.parameters.max_time_in_seconds = min(seconds, left)
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        core = set(solver.sufficient_assumptions_for_infeasibility())
        return [m for m in meetings if enabled[m.id].index in core] or list(meetings)

    involved = core_of(instance.meetings, instance.settings.time_limit)
    if involved is None:
        return []
    if len(involved) > MINIMISE_CORE_UP_TO:
        # When presolve proves the whole stage infeasible the core is every meeting, which
        # tells staff nothing; one person's meetings often conflict on their own.
        meetings_of: dict[Hashable, list[Meeting]] = defaultdict(list)
        for meeting in involved:
            for person_id in dict.fromkeys(meeting.participants):
                meetings_of[person_id].append(meeting)
        for group in sorted(meetings_of.values(), key=len):
            if 1 < len(group) < len(involved):
                found = core_of(group, 2.0)
                if found is not None and len(found) < len(involved):
                    involved = found
    # A core need not be minimal; dropping each meeting in turn while the rest stay infeasible
    # leaves a set where every meeting matters (worth it only for a short list).
    if len(involved) <= MINIMISE_CORE_UP_TO:
        for meeting in list(involved):
            rest = [m for m in involved if m is not meeting]
            if rest and core_of(rest, 2.0) is not None:
                involved = rest
    return involved


# --- Independent check ----------------------------------------------------------------------


def violations(instance: Instance, schedule: Schedule | dict[Hashable, datetime]) -> list[str]:
    """Every constraint a schedule breaks, checked without the model; [] = valid."""
    settings = instance.settings
    assignments = schedule.assignments if isinstance(schedule, Schedule) else schedule
    found: list[str] = []
    known = {m.id for m in instance.meetings}
    for meeting_id in assignments:
        if meeting_id not in known:
            found.append(f"unknown meeting {meeting_id!r}")
    placed: dict[Hashable, list[tuple[Meeting, datetime]]] = defaultdict(list)
    for meeting in instance.meetings:
        start = assignments.get(meeting.id)
        if start is None:
            found.append(f"{meeting.name} has no start")
            continue
        if meeting.pinned is not None:
            if start != meeting.pinned:
                found.append(
                    f"{meeting.name} is pinned to {_format(meeting.pinned)}, not {_format(start)}"
                )
        elif start not in {slot.start for slot in meeting.slots}:
            found.append(f"{meeting.name} at {_format(start)} is not one of its slots")
        if settings.window_start is not None and start < settings.window_start:
            found.append(f"{meeting.name} starts before the window")
        if settings.window_end is not None and _end(meeting, start) > settings.window_end:
            found.append(f"{meeting.name} ends after the window")
        for person_id in dict.fromkeys(meeting.participants):
            person = instance.person(person_id)
            if not _available(person, meeting, start, settings):
                found.append(
                    f"{person.label} is not available for {meeting.name} at {_format(start)}"
                )
            placed[person_id].append((meeting, start))
    for person_id, items in placed.items():
        person = instance.person(person_id)
        days: dict[date, list[tuple[Meeting, datetime]]] = defaultdict(list)
        for meeting, start in items:
            days[start.date()].append((meeting, start))
        for day, on_day in days.items():
            if person.expert and len(on_day) > settings.max_per_day:
                found.append(f"{person.label} has {len(on_day)} meetings on {day:%d.%m.%Y}")
            for n, (first, a) in enumerate(on_day):
                for second, b in on_day[n + 1 :]:
                    # Whichever comes first must end, plus the journey, before the other starts.
                    (early, s1), (late, s2) = sorted([(first, a), (second, b)], key=lambda x: x[1])
                    travel = travel_minutes(_place(early), _place(late), settings)
                    if _end(early, s1) + timedelta(minutes=travel) > s2:
                        found.append(
                            f"{person.label} cannot get from {early.name} ({_format(s1)}) "
                            f"to {late.name} ({_format(s2)})"
                        )
    return found


def summary(instance: Instance, assignments: dict[Hashable, datetime]) -> tuple[int, int]:
    """(expert travel days, "if need be" slots) of a schedule, recomputed from the assignments."""
    days = set()
    need = 0
    for meeting in instance.meetings:
        start = assignments[meeting.id]
        for person_id in meeting.participants:
            if instance.person(person_id).expert:
                days.add((person_id, start.date()))
        if meeting.pinned is None and any(
            s.start == start and s.preference == Preference.IF_NEED_BE for s in meeting.slots
        ):
            need += 1
    return len(days), need


__all__ = [
    "Instance",
    "Meeting",
    "Person",
    "Preference",
    "Schedule",
    "Settings",
    "Slot",
    "Status",
    "solve",
    "summary",
    "travel_minutes",
    "violations",
]
