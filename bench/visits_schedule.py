"""Speed of the on-site meeting optimiser: 300 meetings, 20 experts, six weeks.

Runs the pure optimiser (inklusiv.visits.schedule_solver) on a generated instance across Germany,
checks the result with its own validity checker and prints the time, the status, the objective
and the expert travel days. No database is needed.

    .venv/bin/python -m bench.visits_schedule [--meetings 300] [--experts 20] [--weeks 6]
        [--seed 2016] [--time-limit 20] [--repeat 1]
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inklusiv.visits.schedule_solver import (  # noqa: E402
    Instance,
    Meeting,
    Person,
    Preference,
    Settings,
    Slot,
    solve,
    summary,
    violations,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Meetings cluster around towns, as applications do; experts live in some of them.
CITIES = [
    (52.52, 13.40),  # Berlin
    (53.55, 9.99),  # Hamburg
    (48.14, 11.58),  # München
    (50.94, 6.96),  # Köln
    (50.11, 8.68),  # Frankfurt
    (48.78, 9.18),  # Stuttgart
    (51.23, 6.78),  # Düsseldorf
    (51.34, 12.37),  # Leipzig
    (51.05, 13.74),  # Dresden
    (52.37, 9.73),  # Hannover
    (49.45, 11.08),  # Nürnberg
    (53.08, 8.80),  # Bremen
    (54.32, 10.14),  # Kiel
    (54.09, 12.14),  # Rostock
    (50.98, 11.03),  # Erfurt
    (52.13, 11.63),  # Magdeburg
    (49.24, 6.99),  # Saarbrücken
    (49.99, 8.25),  # Mainz
    (51.15, 14.99),  # Görlitz
    (47.99, 7.84),  # Freiburg
]
TIMES = [(9, 0), (11, 30), (14, 0)]


def generate(*, meetings, experts, weeks, seed, time_limit) -> Instance:
    rng = random.Random(seed)
    first = datetime(2016, 10, 3, tzinfo=BERLIN)  # a Monday
    days = [
        first + timedelta(days=d)
        for d in range(7 * weeks)
        if (first + timedelta(days=d)).weekday() < 5
    ]
    starts = [day.replace(hour=h, minute=m) for day in days for h, m in TIMES]
    people = {}
    for n in range(1, experts + 1):
        # Each expert can travel in about four weeks of five, Monday early to Friday late as
        # one interval, so a far meeting may take an overnight stay.
        available = tuple(
            (monday.replace(hour=6), (monday + timedelta(days=4)).replace(hour=21))
            for monday in days[::5]
            if rng.random() < 0.8
        )
        home = rng.choice(CITIES)
        people[f"expert-{n:02d}"] = Person(
            id=f"expert-{n:02d}",
            name=f"Expert {n:02d}",
            expert=True,
            availability=available,
            home=home,
        )
    # Experts cover regions: a meeting's experts are the least busy of the four living nearest
    # (so most trips are short, some long), a quarter of the meetings get a second expert.
    load = dict.fromkeys(people, 0)
    result = []
    for n in range(1, meetings + 1):
        city = rng.choice(CITIES)
        place = (city[0] + rng.uniform(-0.6, 0.6), city[1] + rng.uniform(-0.8, 0.8))
        nearest = sorted(
            people.values(),
            key=lambda p: (p.home[0] - place[0]) ** 2 + ((p.home[1] - place[1]) * 0.65) ** 2,
        )[:4]
        nearest.sort(key=lambda p: (load[p.id], rng.random()))
        team = [p.id for p in nearest[: 2 if rng.random() < 0.25 else 1]]
        for person_id in team:
            load[person_id] += 1
        offered = rng.sample(starts, rng.randint(8, 15))
        slots = tuple(
            Slot(start, Preference.YES if rng.random() < 0.6 else Preference.IF_NEED_BE)
            for start in sorted(offered)
        )
        result.append(
            Meeting(
                id=n,
                label=f"KI-2016-{n:04d}",
                latitude=place[0],
                longitude=place[1],
                duration=90,
                participants=(*team, f"applicant-{n}"),
                slots=slots,
            )
        )
    settings = Settings(
        window_start=days[0].replace(hour=0),
        window_end=days[-1].replace(hour=23),
        time_limit=time_limit,
    )
    return Instance(meetings=result, people=people, settings=settings)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=300)
    parser.add_argument("--experts", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    instance = generate(
        meetings=args.meetings,
        experts=args.experts,
        weeks=args.weeks,
        seed=args.seed,
        time_limit=args.time_limit,
    )
    slots = sum(len(m.slots) for m in instance.meetings)
    two = sum(1 for m in instance.meetings if len(m.participants) == 3)
    print(
        f"{len(instance.meetings)} meetings ({two} with two experts), {len(instance.people)} "
        f"experts, {args.weeks} weeks, {slots} candidate slots, time limit {args.time_limit:g} s"
    )
    times = []
    for run in range(1, args.repeat + 1):
        started = time.perf_counter()
        schedule = solve(instance)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        if not schedule.found:
            print(f"run {run}: {elapsed:.2f} s, {schedule.status.value}: {schedule.explanations}")
            return 1
        problems = violations(instance, schedule)
        days, need = summary(instance, schedule.assignments)
        print(
            f"run {run}: {elapsed:.2f} s, {schedule.status.value}, objective "
            f"{schedule.objective:.0f} (bound {schedule.bound:.0f}), {days} expert travel days, "
            f"{need} 'if need be', "
            f"{'valid' if not problems else f'INVALID: {problems[:3]}'}"
        )
        if problems:
            return 1
    if len(times) > 1:
        print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
