"""Figures of one call's selection procedure: the funnel through its stages and how the
applications spread over Bundesländer and kinds of social space.

Three aggregate queries whatever the number of applications. The funnel comes from the
Decision records and the applications' status and current stage:

- submitted: every application that left the draft state (2016: 129);
- per stage that has a next one: advanced to it (decisions "advance" in the stage: 10), then
  still in the procedure, i.e. not withdrawn while in the next stage (9);
- for the last stage: selected (decisions "select": 6).

Drafts never count. The distributions count submitted applications, and beside them those
advanced from each stage and those selected.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from inklusiv.accounts.models import State
from inklusiv.applications.models import Application, SpaceKind, Status
from inklusiv.calls.models import Call

from .models import Decision, Outcome


@dataclass
class Step:
    key: str
    label: str
    count: int


@dataclass
class Distribution:
    """Counts per category (a Bundesland or a kind of social space) for each funnel column."""

    title: str
    columns: list[Step]  # the column keys and labels; count = the column's total
    rows: list[tuple[str, list[int]]]  # (category label, one count per column)

    @property
    def first_column(self) -> list[tuple[str, int]]:
        return [(label, counts[0]) for label, counts in self.rows]


@dataclass
class CallStatistics:
    call: Call
    stages: list
    funnel: list[Step]
    by_state: Distribution
    by_kind: Distribution


def _submitted() -> Q:
    return ~Q(status=Status.DRAFT)


def funnel(call: Call, stages: list) -> list[Step]:
    submitted = Application.objects.filter(call=call).filter(_submitted()).count()
    steps = [Step("submitted", _("Submitted"), submitted)]
    # One grouped query: per stage and outcome, how many of those later withdrew and where.
    counts: dict[tuple[int, str], int] = defaultdict(int)
    withdrawn_in: dict[tuple[int, int], int] = defaultdict(int)
    grouped = (
        Decision.objects.filter(stage__call=call)
        .values("stage_id", "outcome", "application__status", "application__stage_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for group in grouped:
        counts[(group["stage_id"], group["outcome"])] += group["count"]
        if group["application__status"] == Status.WITHDRAWN:
            withdrawn_in[(group["stage_id"], group["application__stage_id"])] += group["count"]
    for index, stage in enumerate(stages):
        following = stages[index + 1] if index + 1 < len(stages) else None
        if following is None:
            steps.append(
                Step(f"selected-{stage.pk}", _("Selected"), counts[(stage.pk, Outcome.SELECT)])
            )
            continue
        advanced = counts[(stage.pk, Outcome.ADVANCE)]
        steps.append(
            Step(
                f"advanced-{stage.pk}",
                _("Advanced to “%(stage)s”") % {"stage": following.name},
                advanced,
            )
        )
        steps.append(
            Step(
                f"remaining-{stage.pk}",
                _("Still in “%(stage)s” (not withdrawn)") % {"stage": following.name},
                advanced - withdrawn_in[(stage.pk, following.pk)],
            )
        )
    return steps


def _distribution(call, stages, *, field, choices, title) -> Distribution:
    """Counts per value of `field` for submitted, advanced per stage and selected (one query)."""
    columns = [Step("submitted", _("Submitted"), 0)]
    annotations = {"submitted": Count("pk", distinct=True)}
    for index, stage in enumerate(stages):
        # An application has at most one decision per stage, so counting decisions is exact.
        if index + 1 < len(stages):
            key, outcome = f"advanced_{stage.pk}", Outcome.ADVANCE
            label = _("Advanced to “%(stage)s”") % {"stage": stages[index + 1].name}
        else:
            key, outcome = f"selected_{stage.pk}", Outcome.SELECT
            label = _("Selected")
        columns.append(Step(key, label, 0))
        annotations[key] = Count(
            "decisions",
            filter=Q(decisions__stage=stage, decisions__outcome=outcome),
            distinct=True,
        )
    grouped = (
        Application.objects.filter(call=call)
        .filter(_submitted())
        .values(field)
        .annotate(**annotations)
        .order_by()
    )
    by_value = {group[field]: [group[column.key] for column in columns] for group in grouped}
    rows = []
    for value, label in choices:
        counts = by_value.pop(value, [0] * len(columns))
        rows.append((str(label), counts))
    if any(value is None for value in by_value):
        # Submitted without a social space (imported data, say): shown, not hidden.
        rows.append((_("Not given"), by_value[None]))
    # Most applications first; the accessible table keeps the same order as the chart.
    rows.sort(key=lambda row: (-row[1][0], row[0]))
    for position, column in enumerate(columns):
        column.count = sum(counts[position] for _label, counts in rows)
    return Distribution(title=title, columns=columns, rows=rows)


def call_statistics(call: Call) -> CallStatistics:
    stages = list(call.stages.order_by("position"))
    return CallStatistics(
        call=call,
        stages=stages,
        funnel=funnel(call, stages),
        by_state=_distribution(
            call,
            stages,
            field="social_space__state",
            choices=State.choices,
            title=_("Applications by Bundesland"),
        ),
        by_kind=_distribution(
            call,
            stages,
            field="social_space__kind",
            choices=SpaceKind.choices,
            title=_("Applications by kind of social space"),
        ),
    )
