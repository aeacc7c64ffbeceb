"""The on-site meeting optimiser (inklusiv.visits.schedule_solver): no database needed."""

import random
from datetime import datetime

import pytest
from django.utils import translation

from inklusiv.visits.schedule_solver import (
    Instance,
    Meeting,
    Person,
    Preference,
    Settings,
    Slot,
    Status,
    solve,
    summary,
    travel_minutes,
    violations,
)


@pytest.fixture(autouse=True)
def _english():
    # Inside Django the explanations come out in the active language (German by default);
    # these tests read the English source sentences.
    with translation.override("en"):
        yield


YES, MAYBE = Preference.YES, Preference.IF_NEED_BE
# Places: two villages near Görlitz a few km apart, and Freiburg, far away.
GOERLITZ = (51.1528, 14.9873)
NEAR_GOERLITZ = (51.17, 14.95)
FREIBURG = (47.999, 7.842)


def at(day, hour, minute=0):
    return datetime(2016, 11, day, hour, minute)


def meeting(mid, place, participants, slots, *, duration=90, pinned=None):
    return Meeting(
        id=mid,
        label=mid,
        latitude=place[0],
        longitude=place[1],
        duration=duration,
        participants=tuple(participants),
        slots=tuple(Slot(start, pref) for start, pref in slots),
        pinned=pinned,
    )


def expert(pid, name, availability=None, home=None):
    return Person(id=pid, name=name, expert=True, availability=availability, home=home)


def solved(instance):
    schedule = solve(instance)
    assert schedule.found, schedule.explanations
    assert violations(instance, schedule) == []
    assert len(schedule.assignments) == len(instance.meetings)
    assert (schedule.travel_days, schedule.if_need_be) == summary(instance, schedule.assignments)
    return schedule


def test_travel_time_is_distance_at_speed_plus_buffer_rounded_up():
    settings = Settings(speed_kmh=60, buffer_minutes=30)
    assert travel_minutes(GOERLITZ, GOERLITZ, settings) == 30
    # Görlitz–Freiburg is about 623 km as the crow flies: about 623 minutes at 60 km/h.
    assert 650 <= travel_minutes(GOERLITZ, FREIBURG, settings) <= 656


def test_prefers_yes_over_if_need_be():
    instance = Instance(
        meetings=[
            meeting(
                "KI-1", GOERLITZ, ["jonas", "applicant-1"], [(at(14, 10), MAYBE), (at(15, 10), YES)]
            )
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    schedule = solved(instance)
    assert schedule.assignments["KI-1"] == at(15, 10)
    assert schedule.if_need_be == 0
    assert schedule.status == Status.OPTIMAL


def test_meetings_near_each_other_share_the_expert_s_travel_day():
    instance = Instance(
        meetings=[
            meeting("KI-1", GOERLITZ, ["jonas", "a1"], [(at(14, 9), YES), (at(16, 9), YES)]),
            meeting("KI-2", NEAR_GOERLITZ, ["jonas", "a2"], [(at(15, 14), YES), (at(16, 14), YES)]),
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    schedule = solved(instance)
    assert schedule.assignments == {"KI-1": at(16, 9), "KI-2": at(16, 14)}
    assert schedule.travel_days == 1


def test_travel_time_is_kept_between_far_meetings_on_the_same_day():
    # Görlitz 9:00–10:30, then Freiburg needs about ten hours: 14:00 the same day is impossible.
    instance = Instance(
        meetings=[
            meeting("KI-1", GOERLITZ, ["jonas", "a1"], [(at(14, 9), YES)]),
            meeting("KI-2", FREIBURG, ["jonas", "a2"], [(at(14, 14), YES), (at(15, 14), MAYBE)]),
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    schedule = solved(instance)
    assert schedule.assignments["KI-2"] == at(15, 14)
    # The checker itself catches the same-day schedule.
    problems = violations(instance, {"KI-1": at(14, 9), "KI-2": at(14, 14)})
    assert any("cannot get from KI-1" in p for p in problems)


def test_at_most_n_meetings_per_expert_per_day():
    slots = [(at(14, 8), YES), (at(14, 11), YES), (at(14, 14), YES), (at(15, 9), MAYBE)]
    instance = Instance(
        meetings=[
            meeting(f"KI-{n}", GOERLITZ, ["jonas", f"a{n}"], slots, duration=60) for n in range(3)
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
        settings=Settings(max_per_day=2),
    )
    schedule = solved(instance)
    days = sorted(start.date() for start in schedule.assignments.values())
    assert days.count(at(14, 0).date()) == 2
    assert schedule.if_need_be == 1
    three = {f"KI-{n}": start for n, (start, _pref) in enumerate(slots[:3])}
    assert any("has 3 meetings" in p for p in violations(instance, three))


def test_expert_availability_and_home_trip_are_kept():
    # Home in Görlitz, about 11 hours (with the buffer) from Freiburg each way: with 8:00–13:00
    # on the 14th the 11:30 meeting cannot be reached; with the whole 15th it can.
    jonas = expert(
        "jonas",
        "Jonas Brandt",
        availability=((at(14, 8), at(14, 13)), (at(15, 0), at(16, 0))),
        home=GOERLITZ,
    )
    instance = Instance(
        meetings=[
            meeting(
                "KI-1",
                FREIBURG,
                ["jonas", "a1"],
                [(at(14, 11, 30), YES), (at(15, 11, 30), MAYBE)],
                duration=60,
            )
        ],
        people={"jonas": jonas},
    )
    schedule = solved(instance)
    assert schedule.assignments["KI-1"] == at(15, 11, 30)


def test_pinned_meeting_stays_and_others_move_around_it():
    instance = Instance(
        meetings=[
            meeting("KI-1", GOERLITZ, ["jonas", "a1"], [(at(14, 10), YES)], pinned=at(15, 10)),
            meeting("KI-2", GOERLITZ, ["jonas", "a2"], [(at(15, 10), YES), (at(15, 14), MAYBE)]),
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    schedule = solved(instance)
    assert schedule.assignments == {"KI-1": at(15, 10), "KI-2": at(15, 14)}
    assert violations(instance, {"KI-1": at(14, 10), "KI-2": at(15, 14)}) == [
        "KI-1 is pinned to 15.11.2016 10:00, not 14.11.2016 10:00"
    ]


def test_window_is_kept():
    instance = Instance(
        meetings=[meeting("KI-1", GOERLITZ, ["a1"], [(at(14, 10), YES), (at(20, 10), MAYBE)])],
        settings=Settings(window_start=at(15, 0), window_end=at(25, 0)),
    )
    assert solved(instance).assignments["KI-1"] == at(20, 10)


def test_two_meetings_one_expert_one_slot_is_explained():
    instance = Instance(
        meetings=[
            meeting("KI-2016-0109", GOERLITZ, ["jonas", "a1"], [(at(14, 10), YES)]),
            meeting("KI-2016-0070", NEAR_GOERLITZ, ["jonas", "a2"], [(at(14, 10), YES)]),
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    schedule = solve(instance)
    assert schedule.status == Status.INFEASIBLE
    assert not schedule.assignments
    assert (
        "KI-2016-0109 and KI-2016-0070 both need Jonas Brandt, and their only possible slot is "
        "14.11.2016 10:00." in schedule.explanations
    )


def test_explanations_come_in_the_language_of_the_page():
    instance = Instance(
        meetings=[
            meeting("KI-2016-0109", GOERLITZ, ["jonas", "a1"], [(at(14, 10), YES)]),
            meeting("KI-2016-0070", NEAR_GOERLITZ, ["jonas", "a2"], [(at(14, 10), YES)]),
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
    )
    with translation.override("de"):
        schedule = solve(instance)
    assert (
        "KI-2016-0109 und KI-2016-0070 brauchen beide Jonas Brandt, und ihr einziger möglicher "
        "Termin ist 14.11.2016 10:00." in schedule.explanations
    )


def test_meeting_without_a_slot_inside_availability_is_explained():
    instance = Instance(
        meetings=[meeting("KI-1", GOERLITZ, ["jonas", "a1"], [(at(14, 10), YES)])],
        people={"jonas": expert("jonas", "Jonas Brandt", availability=((at(15, 8), at(15, 18)),))},
    )
    schedule = solve(instance)
    assert schedule.status == Status.INFEASIBLE
    assert schedule.explanations == [
        "None of the 1 slots proposed for KI-1 fits the availability of Jonas Brandt."
    ]


def test_pinned_outside_availability_is_explained():
    instance = Instance(
        meetings=[meeting("KI-1", GOERLITZ, ["jonas", "a1"], [], pinned=at(14, 10))],
        people={"jonas": expert("jonas", "Jonas Brandt", availability=((at(15, 8), at(15, 18)),))},
    )
    assert solve(instance).explanations == [
        "KI-1 is pinned to 14.11.2016 10:00, when Jonas Brandt cannot travel."
    ]


def test_too_many_meetings_for_an_expert_s_days_is_explained():
    slots = [(at(14, 8), YES), (at(14, 11), YES), (at(14, 14), YES)]
    instance = Instance(
        meetings=[
            meeting(f"KI-{n}", GOERLITZ, ["jonas", f"a{n}"], slots, duration=60) for n in range(3)
        ],
        people={"jonas": expert("jonas", "Jonas Brandt")},
        settings=Settings(max_per_day=2),
    )
    schedule = solve(instance)
    assert schedule.status == Status.INFEASIBLE
    assert schedule.explanations == [
        "Jonas Brandt is needed at 3 meetings (KI-0, KI-1, KI-2), but their possible slots fall "
        "on 1 day(s) and allow at most 2 (at most 2 a day)."
    ]


def test_infeasibility_only_the_solver_finds_names_the_meetings():
    # Three meetings, three people, each pair shares one person, every meeting offers the same
    # two slots: no pre-check fires (each pair has two compatible combinations, each person
    # two slots for two meetings) but three meetings cannot take two slots pairwise apart.
    slots = [(at(14, 10), YES), (at(15, 10), YES)]
    instance = Instance(
        meetings=[
            meeting("KI-A", GOERLITZ, ["p", "q"], slots),
            meeting("KI-B", GOERLITZ, ["q", "r"], slots),
            meeting("KI-C", GOERLITZ, ["r", "p"], slots),
            meeting("KI-D", FREIBURG, ["s"], slots),
        ],
    )
    schedule = solve(instance)
    assert schedule.status == Status.INFEASIBLE
    assert schedule.explanations[0] == "No schedule satisfies all constraints together."
    assert (
        schedule.explanations[1]
        == "These meetings cannot all be scheduled together: KI-A, KI-B, KI-C."
    )


def test_random_medium_instance_is_valid():
    rng = random.Random(5)
    experts = {f"e{n}": expert(f"e{n}", f"Expert {n}") for n in range(5)}
    starts = [
        at(day, hour, minute)
        for day in (14, 15, 16, 17, 18, 21, 22, 23)
        for hour, minute in ((9, 0), (11, 30), (14, 0))
    ]
    meetings = []
    for n in range(30):
        place = (rng.uniform(47.3, 55.0), rng.uniform(6.0, 15.0))
        people = rng.sample(sorted(experts), rng.choice([1, 1, 2])) + [f"a{n}"]
        chosen = rng.sample(starts, rng.randint(6, 10))
        meetings.append(
            meeting(
                f"KI-{n:02d}", place, people, [(s, rng.choice([YES, YES, MAYBE])) for s in chosen]
            )
        )
    instance = Instance(meetings=meetings, people=experts, settings=Settings(time_limit=3))
    solved(instance)


def test_two_experts_never_available_together_are_named():
    instance = Instance(
        meetings=[
            meeting(
                "KI-1", GOERLITZ, ["jonas", "mia", "a1"], [(at(14, 10), YES), (at(15, 10), YES)]
            )
        ],
        people={
            "jonas": expert("jonas", "Jonas Brandt", availability=((at(14, 8), at(14, 18)),)),
            "mia": expert("mia", "Mia Roth", availability=((at(15, 8), at(15, 18)),)),
        },
    )
    assert solve(instance).explanations == [
        "None of the 2 slots proposed for KI-1 fits the availability of Jonas Brandt, Mia Roth "
        "together."
    ]
