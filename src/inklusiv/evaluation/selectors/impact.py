"""Reads of the impact model: the staircase a page draws as a figure and as a table (the same
content twice), the region tab's short view of its indicators, and the evaluation's start page.
Each read takes a fixed number of queries whatever the number of goals, measures or indicators."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.pilots.models import Goal, Measure, PilotRegion
from inklusiv.pilots.models.region import IMPACT_STEPS

from ..models import (
    LEVEL_STEPS,
    EvaluationReport,
    ImpactModel,
    Indicator,
    IndicatorValue,
    Level,
    Survey,
    Target,
)

STEP_LABELS = dict(IMPACT_STEPS)


@dataclass
class GoalEntry:
    goal: Goal
    measures: list
    indicators: list


@dataclass
class Step:
    number: int | None  # None: the inputs, before the staircase
    label: str
    elements: list = field(default_factory=list)
    goals: list[GoalEntry] = field(default_factory=list)
    indicators: list = field(default_factory=list)
    goal_count: int | None = None  # the programme's model: goals of all regions on this step

    @property
    def listed_indicators(self) -> list[tuple]:
        """(indicator, the goal it is listed under or None) for the table alternative."""
        under_goals = [(i, entry.goal) for entry in self.goals for i in entry.indicators]
        return under_goals + [(indicator, None) for indicator in self.indicators]


@dataclass
class LevelGroup:
    key: str
    label: str
    steps: list[Step]


@dataclass
class Staircase:
    levels: list[LevelGroup]
    element_count: int
    programme: bool = False

    @property
    def steps(self) -> list[Step]:
        return [step for level in self.levels for step in level.steps]


def _empty_levels() -> tuple[list[LevelGroup], dict]:
    levels, by_step = [], {}
    for level, numbers in LEVEL_STEPS.items():
        steps = (
            [Step(number=None, label=_("Resources and prerequisites"))]
            if not numbers
            else [Step(number=number, label=str(STEP_LABELS[number])) for number in numbers]
        )
        for step in steps:
            by_step[step.number] = step
        levels.append(LevelGroup(key=str(level), label=str(Level(level).label), steps=steps))
    return levels, by_step


def _place_elements(model: ImpactModel | None, by_step: dict) -> int:
    if model is None:
        return 0
    elements = list(model.elements.order_by("order", "pk").prefetch_related("goals"))
    for element in elements:
        by_step[element.step].elements.append(element)
    return len(elements)


def region_staircase(region: PilotRegion, model: ImpactModel | None) -> Staircase:
    """The region's staircase: its model's elements, its concept's goals with their measures
    and the indicators linked to them, and its other indicators on their step."""
    levels, by_step = _empty_levels()
    count = _place_elements(model, by_step)
    indicators = Indicator.objects.filter(region=region).order_by("order", "code", "pk")
    goals = (
        Goal.objects.filter(field__region=region)
        .select_related("field")
        .prefetch_related(
            Prefetch("measures", queryset=Measure.objects.order_by("starts_on", "pk")),
            Prefetch("indicators", queryset=indicators),
        )
        .order_by("step", "field__order", "order", "pk")
    )
    shown_under_goal: dict[int, set[int]] = {}
    for goal in goals:
        linked = list(goal.indicators.all())
        by_step[goal.step].goals.append(
            GoalEntry(goal=goal, measures=list(goal.measures.all()), indicators=linked)
        )
        shown_under_goal.setdefault(goal.step, set()).update(i.pk for i in linked)
    for indicator in indicators:
        if indicator.pk not in shown_under_goal.get(indicator.step, set()):
            by_step[indicator.step].indicators.append(indicator)
    return Staircase(levels=levels, element_count=count)


def programme_staircase(model: ImpactModel | None) -> Staircase:
    """The programme's staircase: its elements, how many goals of all regions stand on each
    step, and the programme's indicators."""
    levels, by_step = _empty_levels()
    count = _place_elements(model, by_step)
    counts = dict(Goal.objects.values_list("step").annotate(n=Count("pk")).order_by())
    for number, value in counts.items():
        by_step[number].goal_count = value
    for indicator in Indicator.objects.filter(region=None).order_by("order", "code", "pk"):
        by_step[indicator.step].indicators.append(indicator)
    return Staircase(levels=levels, element_count=count, programme=True)


# --- the figure ------------------------------------------------------------------------------

COLUMN = 190
GAP = 6
RISE = 30
TOP = 44
LINE = 17
PAD = 10
WRAP = 25
FILLS = {"input": "#eceff1", "output": "#dbe9f6", "outcome": "#dcefe0", "impact": "#fbe7cf"}


@dataclass
class Line:
    x: int
    y: int
    text: str
    strong: bool = False


def _wrapped(text: str, prefix: str = "", indent: str = "  ", *, strong=False) -> list[str]:
    # Bold letters are wider: fewer of them fit on a line.
    width = (WRAP - 3 if strong else WRAP) - len(prefix)
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]
    return [prefix + lines[0]] + [indent + line for line in lines[1:]]


def figure(staircase: Staircase) -> dict:
    """Positions of the staircase's boxes and text lines for the inline SVG: one column per
    step (the inputs first), each step higher than the one before, its content written in it."""
    columns = []
    placed = [(level, step) for level in staircase.levels for step in level.steps]
    for index, (level, step) in enumerate(placed):
        rise = 7 - (step.number or 0)
        top = TOP + rise * RISE
        x = index * (COLUMN + GAP)
        # Items: (full text, its wrapped lines, strong); the full text is each group's tooltip.
        items: list[tuple[str, list[str], bool]] = []
        heading = _("Step %(number)s") % {"number": step.number} if step.number else level.label
        label = step.label.split("–", 1)[-1].strip() if step.number else step.label
        items.append((heading, [heading], True))
        items.append((label, _wrapped(label), False))
        for element in step.elements:
            items.append((element.title, _wrapped(element.title, "■ ", strong=True), True))
        for entry in step.goals:
            items.append((entry.goal.title, _wrapped(entry.goal.title, "◆ "), False))
            for measure in entry.measures:
                items.append((measure.title, _wrapped(measure.title, "  – ", "    "), False))
            for indicator in entry.indicators:
                text = f"{indicator.code} {indicator.name}"
                items.append((text, _wrapped(text, "  ▲ ", "    "), False))
        if step.goal_count:
            text = ngettext(
                "◆ %(count)s goal of the regions",
                "◆ %(count)s goals of the regions",
                step.goal_count,
            ) % {"count": step.goal_count}
            items.append((text, _wrapped(text), False))
        for indicator in step.indicators:
            text = f"{indicator.code} {indicator.name}"
            items.append((text, _wrapped(text, "▲ "), False))
        groups, number = [], 0
        for text, wrapped, strong in items:
            lines = []
            for line in wrapped:
                lines.append(
                    Line(x=x + PAD, y=top + PAD + LINE * (number + 1) - 4, text=line, strong=strong)
                )
                number += 1
            groups.append({"text": text, "lines": lines})
        columns.append(
            {
                "x": x,
                "top": top,
                "level": level.key,
                "fill": FILLS[level.key],
                "groups": groups,
                "line_count": number,
            }
        )
    bottom = max(column["top"] + PAD * 2 + LINE * column["line_count"] for column in columns)
    for column in columns:
        column["height"] = bottom - column["top"]
    # The levels' names above their columns.
    headers, index = [], 0
    for level in staircase.levels:
        span = len(level.steps)
        headers.append(
            {
                "x": index * (COLUMN + GAP) + (span * (COLUMN + GAP) - GAP) // 2,
                "label": level.label,
                "line_x1": index * (COLUMN + GAP),
                "line_x2": (index + span) * (COLUMN + GAP) - GAP,
            }
        )
        index += span
    return {
        "width": len(columns) * (COLUMN + GAP) - GAP,
        "height": bottom + 4,
        "columns": columns,
        "headers": headers,
        "column_width": COLUMN,
    }


# --- the region's tab and the start page -----------------------------------------------------


def indicator_summary(region: PilotRegion | None):
    """The indicators with their latest current total value and the target of that period
    (one query; the full performance table is the indicators' page)."""
    latest = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"), is_current=True, category=""
    ).order_by("-period")
    return (
        Indicator.objects.filter(region=region)
        .annotate(
            latest_period=Subquery(latest.values("period")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
        )
        .annotate(
            latest_target=Subquery(
                Target.objects.filter(
                    indicator=OuterRef("pk"), period=OuterRef("latest_period")
                ).values("value")[:1]
            )
        )
        .order_by("order", "code", "pk")
    )


def region_surveys(region: PilotRegion):
    return Survey.objects.filter(
        regions=region, status__in=[Survey.Status.OPEN, Survey.Status.CLOSED]
    ).order_by("-wave", "title", "pk")


def released_reports(region: PilotRegion | None):
    return EvaluationReport.objects.filter(
        region=region, status=EvaluationReport.Status.RELEASED
    ).order_by("-last_period", "pk")


def regions_overview():
    """Every pilot region with whether it has an impact model and how many indicators."""
    return (
        PilotRegion.objects.select_related("impact_model")
        .annotate(indicator_count=Count("indicators", distinct=True))
        .order_by("name", "pk")
    )


def model_of(region: PilotRegion | None) -> ImpactModel | None:
    return ImpactModel.objects.filter(region=region).select_related("region").first()
