"""Reads of the indicators: which ones a person sees, the performance table (IPTT: target
against actual per half-year, with the deviation), a programme indicator's roll-up of its
regions' values, the history of values and the rows of the exports. Every read here costs a
fixed number of queries, whatever the number of indicators and values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.formats import number_format

from .. import periods
from ..models import Aggregation, Direction, Indicator, IndicatorValue, Target

# At most this many half-years side by side in the table (the rest by choosing the span).
MAX_SHOWN = 6
SPANS = (2, 4, 6)


def indicators_for_programme():
    """All regions' indicators and the programme's own, programme first."""
    # NULLs sort first in SQLite and last in PostgreSQL: say it, so the programme leads on both.
    return Indicator.objects.select_related("region", "field", "contributes_to").order_by(
        F("region__name").asc(nulls_first=True), "order", "code", "pk"
    )


def indicators_of_region(region):
    return (
        Indicator.objects.filter(region=region)
        .select_related("region", "field", "contributes_to")
        .order_by("order", "code", "pk")
    )


def filtered(queryset, *, region=None, field=None, step=None, programme_only=False):
    if programme_only:
        queryset = queryset.filter(region__isnull=True)
    elif region is not None:
        queryset = queryset.filter(region=region)
    if field is not None:
        queryset = queryset.filter(field=field)
    if step:
        queryset = queryset.filter(step=step)
    return queryset


def figure_span(queryset) -> tuple[str | None, str | None]:
    """The earliest and the latest half-year with a baseline, a target or a value among the
    indicators (three small aggregate queries)."""
    ids = queryset.order_by().values("pk")
    baseline = queryset.order_by().aggregate(first=Min("baseline_date"))["first"]
    targets = Target.objects.filter(indicator__in=ids).aggregate(
        first=Min("period"), last=Max("period")
    )
    values = IndicatorValue.objects.filter(indicator__in=ids).aggregate(
        first=Min("period"), last=Max("period")
    )
    firsts = [targets["first"], values["first"]]
    if baseline:
        firsts.append(periods.key_for(baseline))
    firsts = [key for key in firsts if key and periods.is_valid(key)]
    lasts = [key for key in (targets["last"], values["last"]) if key and periods.is_valid(key)]
    return (
        min(firsts, key=periods.start) if firsts else None,
        max(lasts, key=periods.start) if lasts else None,
    )


def first_period(queryset) -> str | None:
    return figure_span(queryset)[0]


def period_choice(queryset, *, span: int | None = None, last: str | None = None, today=None):
    """The half-years the table shows: the last `span` (at most MAX_SHOWN) up to `last`; by
    default up to the latest half-year with a figure, but not beyond the current one, and not
    before the first half-year with any figure."""
    span = span if span in SPANS else MAX_SHOWN
    current = periods.current(today)
    first, latest = figure_span(queryset)
    if last and periods.is_valid(last):
        end = last
    elif latest and periods.start(latest) < periods.start(current):
        end = latest
    else:
        end = current
    first = first or end
    if periods.start(first) > periods.start(end):
        first = end
    keys = periods.span(first, end)
    return keys[-span:]


def number_text(value: Decimal | None, decimals: int, *, signed: bool = False) -> str:
    """A figure as the page writes it (decimal comma in German); "–" for none."""
    if value is None:
        return "–"
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if signed and value > 0:
        return f"+{text}"
    if signed and value < 0:
        # A real minus sign reads better than a hyphen, and screen readers say "minus".
        return "\u2212" + text.lstrip("-")
    return text


@dataclass
class Cell:
    period: str
    label: str
    target: Decimal | None = None
    actual: Decimal | None = None
    # Regions whose values make up a rolled-up figure.
    reporting: int = 0
    decimals: int = 0

    @property
    def target_text(self) -> str:
        return number_text(self.target, self.decimals)

    @property
    def actual_text(self) -> str:
        return number_text(self.actual, self.decimals)

    @property
    def deviation_text(self) -> str:
        return number_text(self.deviation, self.decimals, signed=True)

    @property
    def percent_text(self) -> str:
        return number_text(self.deviation_percent, 0, signed=True)

    @property
    def deviation(self) -> Decimal | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual - self.target

    @property
    def deviation_percent(self) -> Decimal | None:
        if self.deviation is None or not self.target:
            return None
        return (self.deviation / abs(self.target) * 100).quantize(Decimal("1"))


@dataclass
class Row:
    indicator: Indicator
    cells: list[Cell] = field(default_factory=list)
    rolled_up: bool = False
    contributions: int = 0

    @property
    def baseline_text(self) -> str:
        return number_text(self.indicator.baseline, self.indicator.decimals)

    def status(self, cell: Cell) -> str | None:
        """ "ahead", "on_target" or "behind" of the target, by the direction of change."""
        deviation = cell.deviation
        if deviation is None:
            return None
        if deviation == 0:
            return "on_target"
        better = deviation > 0 if self.indicator.direction == Direction.HIGHER else deviation < 0
        return "ahead" if better else "behind"

    @property
    def shown(self):
        return [(cell, self.status(cell)) for cell in self.cells]

    @property
    def latest(self) -> Cell | None:
        """The latest half-year with an actual value (for the region's summary)."""
        for cell in reversed(self.cells):
            if cell.actual is not None:
                return cell
        return None


def _combine(numbers: list[Decimal], aggregation: str) -> Decimal | None:
    if not numbers:
        return None
    total = sum(numbers, Decimal(0))
    if aggregation == Aggregation.MEAN:
        return (total / len(numbers)).quantize(Decimal("0.01"))
    return total


def performance(indicators, period_keys: list[str]) -> list[Row]:
    """Rows of the IPTT for the given indicators (a queryset or a list) and half-years.

    A programme indicator that regions' indicators contribute to shows their targets and
    actual values rolled up (sum or mean, by its aggregation); otherwise its own. Four queries
    at most: the indicators, their contributors, the targets and the current totals."""
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]
    programme_ids = [indicator.pk for indicator in indicators if indicator.region_id is None]
    contributors: dict[int, list[int]] = defaultdict(list)
    if programme_ids:
        for pk, parent in Indicator.objects.filter(contributes_to__in=programme_ids).values_list(
            "pk", "contributes_to"
        ):
            contributors[parent].append(pk)
    wanted = set(ids) | {pk for pks in contributors.values() for pk in pks}
    targets = {}
    actuals = {}
    if wanted and period_keys:
        for pk, period, value in Target.objects.filter(
            indicator__in=wanted, period__in=period_keys
        ).values_list("indicator", "period", "value"):
            targets[pk, period] = value
        for pk, period, value in IndicatorValue.objects.filter(
            indicator__in=wanted, period__in=period_keys, is_current=True, category=""
        ).values_list("indicator", "period", "value"):
            actuals[pk, period] = value
    labels = {key: periods.label(key) for key in period_keys}
    rows = []
    for indicator in indicators:
        parts = contributors.get(indicator.pk, [])
        row = Row(indicator=indicator, rolled_up=bool(parts), contributions=len(parts))
        for key in period_keys:
            cell = Cell(period=key, label=labels[key], decimals=indicator.decimals)
            if parts:
                found_targets = [targets[pk, key] for pk in parts if (pk, key) in targets]
                found_actuals = [actuals[pk, key] for pk in parts if (pk, key) in actuals]
                cell.target = _combine(found_targets, indicator.aggregation)
                cell.actual = _combine(found_actuals, indicator.aggregation)
                cell.reporting = len(found_actuals)
            else:
                cell.target = targets.get((indicator.pk, key))
                cell.actual = actuals.get((indicator.pk, key))
            row.cells.append(cell)
        rows.append(row)
    return rows


def current_values(indicator: Indicator, period: str) -> dict[str, IndicatorValue]:
    """The current values of a half-year, by category ("" is the total)."""
    return {
        row.category: row
        for row in IndicatorValue.objects.filter(
            indicator=indicator, period=period, is_current=True
        )
    }


def category_table(indicator: Indicator, period_keys: list[str], disaggregation: str, options):
    """Per category of one disaggregation, its current value in each half-year."""
    prefix = f"{disaggregation}:"
    found = {
        (row.category, row.period): row.value
        for row in IndicatorValue.objects.filter(
            indicator=indicator,
            is_current=True,
            period__in=period_keys,
            category__startswith=prefix,
        )
    }
    return [
        {
            "label": label,
            "values": [found.get((f"{prefix}{key}", period)) for period in period_keys],
        }
        for key, label in options.items()
    ]


def history(indicator: Indicator):
    """Every value ever entered, the replaced ones too, newest period first."""
    return (
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("entered_by", "replaced_by")
        .order_by("-period", "category", "-entered_at", "-pk")
    )


def export_rows(queryset, *, today=None):
    """One row per indicator × half-year × category (the total has no category): region, code,
    name, unit, half-year, target, value, source, entered at, deviation. Targets of half-years
    without a value appear with an empty value. Streams the values (two queries in all besides
    the indicators)."""
    from ..services.indicators import categories

    indicators = list(queryset)
    ids = [indicator.pk for indicator in indicators]
    targets = defaultdict(dict)
    for pk, period, value in Target.objects.filter(indicator__in=ids).values_list(
        "indicator", "period", "value"
    ):
        targets[pk][period] = value
    values = (
        IndicatorValue.objects.filter(indicator__in=ids, is_current=True)
        .order_by("indicator", "period", "category")
        .values_list("indicator", "period", "category", "value", "source", "entered_at")
        .iterator(chunk_size=2000)
    )
    rolled = _rolled_up_rows(indicators)
    by_indicator = defaultdict(list)
    # Values arrive sorted by indicator id; indicators are shown in their own order, so they
    # are grouped first (the values of one export fit in memory as tuples).
    for row in values:
        by_indicator[row[0]].append(row)
    for indicator in indicators:
        region = indicator.region.name if indicator.region_id else ""
        if indicator.pk in rolled:
            yield from rolled[indicator.pk]
            continue
        names = categories(indicator)
        own_targets = targets.get(indicator.pk, {})
        rows = by_indicator.get(indicator.pk, [])
        keys = sorted({row[1] for row in rows} | set(own_targets), key=periods.start)
        for key in keys:
            target = own_targets.get(key)
            period_rows = [row for row in rows if row[1] == key]
            if not any(row[2] == "" for row in period_rows):
                period_rows.insert(0, (indicator.pk, key, "", None, "", None))
            for _pk, _period, category, value, source, entered_at in period_rows:
                is_total = category == ""
                deviation = (
                    value - target
                    if is_total and value is not None and target is not None
                    else None
                )
                category_label = ""
                if category:
                    dimension, label = names.get(category, (category, ""))
                    category_label = f"{dimension}: {label}" if label else category
                yield [
                    region,
                    indicator.code,
                    indicator.name,
                    indicator.get_unit_display(),
                    key,
                    category_label,
                    target if is_total else None,
                    value,
                    source,
                    _local(entered_at),
                    deviation,
                ]


def _rolled_up_rows(indicators) -> dict[int, list[list]]:
    """Export rows of the programme indicators that regions contribute to: per half-year with
    any contribution, the rolled-up target and value (sum or mean), as the IPTT shows them."""
    from django.utils.translation import ngettext

    programme = [indicator for indicator in indicators if indicator.region_id is None]
    if not programme:
        return {}
    parts = Indicator.objects.filter(contributes_to__in=[i.pk for i in programme])
    keys = set(Target.objects.filter(indicator__in=parts).values_list("period", flat=True))
    keys |= set(
        IndicatorValue.objects.filter(indicator__in=parts, is_current=True, category="")
        .values_list("period", flat=True)
        .distinct()
    )
    keys = sorted((key for key in keys if periods.is_valid(key)), key=periods.start)
    found = {}
    for row in performance(programme, keys):
        if not row.rolled_up:
            continue
        source = ngettext(
            "rolled up from %(count)s regional indicator",
            "rolled up from %(count)s regional indicators",
            row.contributions,
        ) % {"count": row.contributions}
        found[row.indicator.pk] = [
            [
                "",
                row.indicator.code,
                row.indicator.name,
                row.indicator.get_unit_display(),
                cell.period,
                "",
                cell.target,
                cell.actual,
                source if cell.actual is not None else "",
                None,
                cell.deviation,
            ]
            for cell in row.cells
            if cell.target is not None or cell.actual is not None
        ]
    return found


def _local(moment):
    """A moment as local time without a zone (spreadsheets know no zones), to the minute."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)
