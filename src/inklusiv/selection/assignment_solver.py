"""Reviewer assignment as an optimisation problem, free of Django so it can be tested and
benchmarked on its own (bench/assignment.py).

Every application needs `k` distinct reviewers; assignments that already exist are kept and
count towards `k`; nobody reviews an application they have a conflict with; nobody gets more
than their limit. Among the assignments that satisfy this, the optimiser maximises the expertise
match (shared fields of action), and then keeps the loads as even as possible. It is solved
as a min-cost flow (exact: such networks have integral optima) or, selectably, with CP-SAT.

The counting conditions that make a problem impossible are checked before the solver runs,
so the person gets the specific reason ("only 2 reviewers without a conflict") instead of a
bare "infeasible".
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

DEFAULT_TIME_LIMIT = 20.0


@dataclass(frozen=True)
class Reviewer:
    expertise: frozenset[str] = frozenset()
    # Most assignments in the stage in total; None: no limit.
    limit: int | None = None
    # Assignments the reviewer already has in the stage (kept ones and others), towards limit.
    load: int = 0


@dataclass
class Problem:
    k: int
    # Application key → its fields of action.
    applications: dict[Hashable, frozenset[str]]
    reviewers: dict[Hashable, Reviewer]
    conflicts: set[tuple[Hashable, Hashable]] = field(default_factory=set)
    # Existing (application, reviewer) pairs: kept, and counted towards k.
    existing: set[tuple[Hashable, Hashable]] = field(default_factory=set)

    def overlap(self, application, reviewer) -> int:
        return len(self.applications[application] & self.reviewers[reviewer].expertise)

    def needed(self, application) -> int:
        have = sum(1 for reviewer in self.reviewers if (application, reviewer) in self.existing)
        return max(0, self.k - have)

    def room(self, reviewer) -> int | None:
        """How many more assignments the reviewer can take; None when unlimited."""
        limit = self.reviewers[reviewer].limit
        return None if limit is None else max(0, limit - self.reviewers[reviewer].load)


@dataclass(frozen=True)
class Reason:
    """Why no valid assignment exists; the service turns it into a sentence."""

    kind: str  # "too_few_members", "application", "capacity", "solver", "timeout"
    application: Hashable | None = None
    available: int = 0
    needed: int = 0
    applications: int = 0
    capacity: int = 0
    existing: int = 0


class Infeasible(Exception):
    def __init__(self, reasons: list[Reason]):
        super().__init__(reasons)
        self.reasons = reasons


@dataclass
class Solution:
    new: list[tuple[Hashable, Hashable]]
    # Sum of shared fields of action over all assignments (kept and new).
    expertise: int
    max_load: int
    loads: dict[Hashable, int]
    optimal: bool
    seconds: float
    objective: float = 0.0


def _pair_index(problem: Problem) -> dict[Hashable, set[Hashable]]:
    by_application = defaultdict(set)
    for application, reviewer in problem.existing:
        by_application[application].add(reviewer)
    return by_application


def precheck(problem: Problem) -> list[Reason]:
    """The counting conditions without which no assignment can exist."""
    reasons: list[Reason] = []
    if problem.applications and len(problem.reviewers) < problem.k:
        return [Reason("too_few_members", available=len(problem.reviewers), needed=problem.k)]
    kept = _pair_index(problem)
    total_needed = 0
    for application in problem.applications:
        need = problem.needed(application)
        total_needed += need
        if not need:
            continue
        candidates = [
            reviewer
            for reviewer in problem.reviewers
            if (application, reviewer) not in problem.conflicts
            and reviewer not in kept[application]
            and problem.room(reviewer) != 0
        ]
        if len(candidates) < need:
            have = len(kept[application])
            reasons.append(
                Reason(
                    "application",
                    application=application,
                    available=len(candidates) + have,
                    needed=problem.k,
                    existing=have,
                )
            )
    rooms = [problem.room(reviewer) for reviewer in problem.reviewers]
    if rooms and None not in rooms and sum(rooms) < total_needed:
        reasons.append(
            Reason(
                "capacity",
                applications=sum(1 for a in problem.applications if problem.needed(a)),
                needed=total_needed,
                capacity=sum(rooms),
                existing=len(problem.existing),
            )
        )
    return reasons


def _candidates(problem: Problem) -> list[tuple[Hashable, Hashable]]:
    """The pairs that may be added: no conflict, not already assigned, reviewer has room."""
    kept = _pair_index(problem)
    return [
        (application, reviewer)
        for application in problem.applications
        if problem.needed(application)
        for reviewer in problem.reviewers
        if (application, reviewer) not in problem.conflicts
        and reviewer not in kept[application]
        and problem.room(reviewer) != 0
    ]


def solve(
    problem: Problem,
    *,
    method: str = "flow",
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
) -> Solution:
    """The best valid assignment, or Infeasible with the reasons.

    `method="flow"` (the default) solves it as a min-cost flow: exact and fast whatever the
    machine's load, with the loads balanced by their sum of squares. `method="cp-sat"` uses
    CP-SAT with the gap between the highest and the lowest load instead; same validity and
    expertise, but it needs several seconds at 500 × 40 and more on a busy machine.
    """
    started = time.perf_counter()
    reasons = precheck(problem)
    if reasons:
        raise Infeasible(reasons)
    pairs = _candidates(problem)
    if method == "cp-sat":
        new, optimal, objective = _solve_cp_sat(problem, pairs, time_limit, workers)
    else:
        new, optimal, objective = _solve_flow(problem, pairs)
    loads = {key: reviewer.load for key, reviewer in problem.reviewers.items()}
    for _application, reviewer in new:
        loads[reviewer] += 1
    return Solution(
        new=new,
        expertise=sum(problem.overlap(a, r) for a, r in [*new, *problem.existing]),
        max_load=max(loads.values(), default=0),
        loads=loads,
        optimal=optimal,
        seconds=time.perf_counter() - started,
        objective=objective,
    )


def _solve_flow(problem: Problem, pairs):
    """Min-cost flow: applications supply the reviews they need, reviewers pass them on.

    An application → reviewer arc costs minus the shared fields (times a weight that makes one
    shared field worth more than any balance); the reviewer → sink arcs are one per further
    review, the j-th costing 2j − 1, so the total is the sum of squared loads and the flow
    spreads the reviews evenly. Flows on such a network are integral, so the optimum is exact.
    """
    needs = {a: problem.needed(a) for a in problem.applications}
    total = sum(needs.values())
    bound = sum(r.load for r in problem.reviewers.values()) + total
    weight = bound * bound + 1
    app_node = {a: n for n, a in enumerate(a for a in needs if needs[a])}
    reviewer_node = {r: len(app_node) + n for n, r in enumerate(problem.reviewers)}
    sink = len(app_node) + len(reviewer_node)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = {}
    for application, reviewer in pairs:
        arc = flow.add_arc_with_capacity_and_unit_cost(
            app_node[application],
            reviewer_node[reviewer],
            1,
            -weight * problem.overlap(application, reviewer),
        )
        arcs[arc] = (application, reviewer)
    for key, node in reviewer_node.items():
        reviewer = problem.reviewers[key]
        room = problem.room(key)
        extra = total if room is None else min(room, total)
        for j in range(reviewer.load + 1, reviewer.load + extra + 1):
            flow.add_arc_with_capacity_and_unit_cost(node, sink, 1, 2 * j - 1)
    for application, node in app_node.items():
        flow.set_node_supply(node, needs[application])
    flow.set_node_supply(sink, -total)
    if total == 0:
        return [], True, 0.0
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise Infeasible([Reason("solver")])
    new = [pair for arc, pair in arcs.items() if flow.flow(arc)]
    return new, True, float(-flow.optimal_cost())


def _solve_cp_sat(problem: Problem, pairs, time_limit, workers):
    model = cp_model.CpModel()
    chosen = {pair: model.new_bool_var("") for pair in pairs}
    by_application = defaultdict(list)
    by_reviewer = defaultdict(list)
    for (application, reviewer), var in chosen.items():
        by_application[application].append(var)
        by_reviewer[reviewer].append(var)
    for application in problem.applications:
        need = problem.needed(application)
        if need:
            model.add(cp_model.LinearExpr.sum(by_application[application]) == need)
    upper = max((r.load for r in problem.reviewers.values()), default=0) + len(problem.applications)
    max_load = model.new_int_var(0, upper, "max_load")
    min_load = model.new_int_var(0, upper, "min_load")
    for key, reviewer in problem.reviewers.items():
        added = cp_model.LinearExpr.sum(by_reviewer[key])
        room = problem.room(key)
        if room is not None and by_reviewer[key]:
            model.add(added <= room)
        model.add(reviewer.load + added <= max_load)
        model.add(reviewer.load + added >= min_load)
    # Expertise first: one more shared field outweighs any gap between the loads.
    keys = list(chosen)
    match = cp_model.LinearExpr.weighted_sum(
        [chosen[key] for key in keys], [problem.overlap(*key) for key in keys]
    )
    model.maximize((upper + 1) * match - (max_load - min_load))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers or max(1, min(8, os.cpu_count() or 1))
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        raise Infeasible([Reason("solver")])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible([Reason("timeout")])
    new = [pair for pair, var in chosen.items() if solver.boolean_value(var)]
    return new, status == cp_model.OPTIMAL, solver.objective_value


def violations(problem: Problem, pairs: Iterable[tuple[Hashable, Hashable]]) -> list[str]:
    """What is wrong with a complete assignment (`pairs` includes the kept ones); [] = valid."""
    found: list[str] = []
    pairs = list(pairs)
    if len(set(pairs)) != len(pairs):
        found.append("duplicate assignments")
    reviewers_of = defaultdict(set)
    added = defaultdict(int)
    for application, reviewer in pairs:
        if application not in problem.applications:
            found.append(f"unknown application {application!r}")
        if reviewer not in problem.reviewers:
            found.append(f"{reviewer!r} is not a reviewer")
            continue
        if (application, reviewer) in problem.conflicts:
            found.append(f"{reviewer!r} has a conflict with {application!r}")
        reviewers_of[application].add(reviewer)
        if (application, reviewer) not in problem.existing:
            added[reviewer] += 1
    kept = _pair_index(problem)
    for application in problem.applications:
        count = len(reviewers_of[application])
        if count < problem.k or count > max(problem.k, len(kept[application])):
            found.append(f"{application!r} has {count} reviewers, {problem.k} needed")
    for reviewer in problem.reviewers:
        room = problem.room(reviewer)
        if room is not None and added[reviewer] > room:
            found.append(f"{reviewer!r} exceeds the limit: {added[reviewer]} > {room}")
    given = set(pairs)
    for pair in problem.existing:
        if pair not in given:
            found.append(f"kept assignment {pair!r} is missing")
    return found
