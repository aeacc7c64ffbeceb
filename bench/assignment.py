"""Speed of the automatic reviewer assignment: 500 applications, 40 reviewers, k = 3.

Runs the pure optimiser (inklusiv.selection.assignment_solver) on a generated instance with random
conflicts and expertise, checks the result with its own validity checker and prints the time
and the objective. No database is needed.

    .venv/bin/python -m bench.assignment [--applications 500] [--reviewers 40] [--k 3]
        [--conflicts 0.05] [--limit 45] [--seed 2016] [--repeat 3] [--method flow|cp-sat]
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inklusiv.selection.assignment_solver import Problem, Reviewer, solve, violations  # noqa: E402

FIELDS = ["work", "education", "housing", "leisure", "mobility", "health", "culture", "access"]


def generate(*, applications, reviewers, k, conflicts, limit, seed) -> Problem:
    rng = random.Random(seed)
    apps = {
        f"KI-2016-{n:04d}": frozenset(rng.sample(FIELDS, rng.randint(1, 3)))
        for n in range(1, applications + 1)
    }
    people = {
        f"reviewer-{n:02d}": Reviewer(
            expertise=frozenset(rng.sample(FIELDS, rng.randint(1, 3))),
            # A few members set a personal limit below the stage's.
            limit=rng.choice([limit, limit, limit, limit - 10]) if limit else None,
        )
        for n in range(1, reviewers + 1)
    }
    pairs = {(a, r) for a in apps for r in people if rng.random() < conflicts}
    return Problem(k=k, applications=apps, reviewers=people, conflicts=pairs)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--reviewers", type=int, default=40)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--conflicts", type=float, default=0.05)
    parser.add_argument("--limit", type=int, default=45, help="stage limit; 0 = none")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--method", choices=["flow", "cp-sat"], default="flow")
    args = parser.parse_args(argv)

    problem = generate(
        applications=args.applications,
        reviewers=args.reviewers,
        k=args.k,
        conflicts=args.conflicts,
        limit=args.limit,
        seed=args.seed,
    )
    print(
        f"{len(problem.applications)} applications × {len(problem.reviewers)} reviewers, "
        f"k={problem.k}, {len(problem.conflicts)} conflicts "
        f"({len(problem.conflicts) / (len(problem.applications) * len(problem.reviewers)):.1%}), "
        f"stage limit {args.limit or 'none'}, method {args.method}"
    )
    times = []
    for run in range(1, args.repeat + 1):
        started = time.perf_counter()
        solution = solve(problem, method=args.method, time_limit=args.time_limit)
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        problems = violations(problem, [*problem.existing, *solution.new])
        loads = sorted(solution.loads.values())
        print(
            f"run {run}: {elapsed:.2f} s, {'optimal' if solution.optimal else 'feasible'}, "
            f"objective {solution.objective:.0f}, expertise match {solution.expertise}, "
            f"{len(solution.new)} assignments, load {loads[0]}–{loads[-1]} "
            f"(sum of squares {sum(load * load for load in loads)}), "
            f"{'valid' if not problems else f'INVALID: {problems[:3]}'}"
        )
        if problems:
            return 1
    print(f"median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
