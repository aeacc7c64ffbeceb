"""How the progress of a region's inclusion concept rolls up: measures → goals → fields of
action → the region, through one function, `rollup`, with weights the page shows and explains.

The rules, as the concept page explains them to its readers:

- A measure's progress is the percentage its coordinator sets. A done measure counts 100 %.
  Its milestones are shown beside it ("2 of 3 milestones done"); they do not change the number,
  so nobody has to guess how a milestone translates into percent.
- A dropped measure is left out of the roll-up (it will never be finished, and counting it as
  0 % would pull its goal down forever).
- A goal's progress is the weighted mean of its measures' progress, by the measures' weights; a
  field of action's is the weighted mean of its goals' progress by the goals' weights, and the
  region's is the weighted mean of its fields' progress by the fields' weights.
- Something without anything to count yet (a goal without measures, a field without goals) has
  no progress and is left out of its parent's roll-up until it has.
- A node's share is its weight divided by the sum of the weights of its counted siblings: a
  goal of weight 2 beside goals of weights 1 and 2 counts "2 of 5 parts = 40 %".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Prefetch

from .models import FieldOfAction, Goal, Measure, Milestone, PilotRegion


def rollup(children: Sequence[tuple[float, float]]) -> float | None:
    """The weighted mean of (progress, weight) pairs; None when there are no children.

    Computed exactly (with fractions) and rounded once, so the result never falls outside the
    children's smallest and largest progress by a floating-point error.
    """
    children = list(children)
    if not children:
        return None
    total = Fraction(0)
    weights = Fraction(0)
    for progress, weight in children:
        if weight <= 0:
            raise ValueError("A weight must be greater than 0.")
        total += Fraction(progress) * Fraction(weight)
        weights += Fraction(weight)
    return float(total / weights)


@dataclass
class Node:
    """One element of the concept in the roll-up: a field of action, a goal or a measure."""

    obj: object
    progress: float | None
    weight: int
    # Percentage of the parent's progress this node makes up; None when it does not count.
    share: float | None
    children: list[Node] = field(default_factory=list)
    # Whether the node is part of its parent's roll-up (dropped or empty ones are not).
    counted: bool = True
    # Measures only: their milestones, and how many of them are done.
    milestones: list = field(default_factory=list)
    milestones_done: int = 0
    # The sum of the weights of the counted siblings (the "of 5 parts" in the explanation).
    siblings_weight: int = 0

    @property
    def milestones_total(self) -> int:
        return len(self.milestones)


@dataclass
class RegionProgress:
    overall: float | None
    fields: list[Node]
    # The sum of the counted fields' weights.
    fields_weight: int = 0


def measure_progress(measure: Measure) -> float | None:
    """A measure's own progress for the roll-up: done counts 100, dropped does not count."""
    if measure.status == Measure.Status.DROPPED:
        return None
    if measure.status == Measure.Status.DONE:
        return 100.0
    return float(measure.progress)


def _share(nodes: list[Node]) -> tuple[float | None, int]:
    """Set each node's share among its counted siblings; return the parents' roll-up."""
    counted = [node for node in nodes if node.progress is not None]
    total = sum(node.weight for node in counted)
    for node in nodes:
        node.counted = node.progress is not None
        node.siblings_weight = total
        node.share = 100.0 * node.weight / total if node.counted and total else None
    return rollup([(node.progress, node.weight) for node in counted]), total


def _measure_node(measure: Measure) -> Node:
    milestones = list(measure.milestones.all())
    return Node(
        obj=measure,
        progress=measure_progress(measure),
        weight=measure.weight,
        share=None,
        milestones=milestones,
        milestones_done=sum(1 for milestone in milestones if milestone.done_on is not None),
    )


def _goal_node(goal: Goal) -> Node:
    children = [_measure_node(measure) for measure in goal.measures.all()]
    progress, _total = _share(children)
    return Node(obj=goal, progress=progress, weight=goal.weight, share=None, children=children)


def _field_node(field_of_action: FieldOfAction) -> Node:
    children = [_goal_node(goal) for goal in field_of_action.goals.all()]
    progress, _total = _share(children)
    return Node(
        obj=field_of_action,
        progress=progress,
        weight=field_of_action.weight,
        share=None,
        children=children,
    )


def fields_queryset(regions):
    """The fields of action of the regions with goals, measures (and who is responsible) and
    milestones: four queries however large the concepts are."""
    measures = Measure.objects.select_related("responsible_actor", "responsible_group")
    return (
        FieldOfAction.objects.filter(region__in=regions)
        .order_by("region", "order", "name", "pk")
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch("goals__measures", queryset=measures.order_by("starts_on", "pk")),
            Prefetch(
                "goals__measures__milestones",
                queryset=Milestone.objects.order_by("due_on", "pk"),
            ),
        )
    )


def _tree(fields: Iterable[FieldOfAction]) -> RegionProgress:
    nodes = [_field_node(field_of_action) for field_of_action in fields]
    overall, total = _share(nodes)
    return RegionProgress(overall=overall, fields=nodes, fields_weight=total)


def region_progress(region: PilotRegion) -> RegionProgress:
    """The region's concept as a roll-up tree: fields → goals → measures (with milestones)."""
    return _tree(fields_queryset([region.pk]))


def regions_progress(regions) -> dict[int, float | None]:
    """Each region's overall progress (None without anything to count), in four queries."""
    pks = [getattr(region, "pk", region) for region in regions]
    by_region: dict[int, list[FieldOfAction]] = defaultdict(list)
    for field_of_action in fields_queryset(pks):
        by_region[field_of_action.region_id].append(field_of_action)
    return {pk: _tree(by_region.get(pk, [])).overall for pk in pks}
