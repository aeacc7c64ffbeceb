"""Writes of the indicators: their definition, targets per half-year and measured values.

A value is never overwritten: entering a value for a period (and category) that already has one
is a correction, which needs a comment and keeps the old row in the history (is_current False,
replaced_by the new row), so the evaluation can show who changed which figure and why."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.pilots.models import FieldOfAction, Goal

from .. import periods
from ..models import (
    DISAGGREGATIONS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorValue,
    Target,
    Unit,
)

# Fields of the definition, in the order the audit entry lists them.
FIELDS = (
    "code",
    "name",
    "definition",
    "unit",
    "decimals",
    "minimum",
    "maximum",
    "direction",
    "data_source",
    "verification",
    "disaggregations",
    "baseline",
    "baseline_date",
    "step",
    "field",
    "contributes_to",
    "aggregation",
    "order",
)
WHOLE_UNITS = (Unit.COUNT, Unit.PEOPLE)
# The database keeps two decimal places.
MAX_DECIMALS = 2
LIMIT = Decimal("999999999999")


def _json(value):
    """A snapshot value the audit log can store as JSON."""
    if isinstance(value, Decimal):
        # As the database keeps it, so before and after compare equal when unchanged.
        return f"{value:.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _snapshot(indicator: Indicator) -> dict:
    values = {name: _json(value) for name, value in audit.snapshot(indicator, FIELDS).items()}
    values["goals"] = sorted(goal.pk for goal in indicator.goals.all())
    return values


def _decimal(value, *, field: str, label) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        message = _("%(label)s: please enter a number.") % {"label": label}
        raise DomainError(message, field=field) from None
    if not number.is_finite() or abs(number) > LIMIT:
        raise DomainError(
            _("%(label)s: please enter a number of at most 12 digits.") % {"label": label},
            field=field,
        )
    return number


def places(number: Decimal) -> int:
    """Decimal places a number is written with (1.50 → 1 after normalising, 3 → 0)."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def bounds(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """The smallest and largest value the indicator allows (its unit and its own range)."""
    low, high = indicator.minimum, indicator.maximum
    if indicator.unit == Unit.PERCENT:
        low = max(low, Decimal(0)) if low is not None else Decimal(0)
        high = min(high, Decimal(100)) if high is not None else Decimal(100)
    elif indicator.unit in WHOLE_UNITS:
        low = max(low, Decimal(0)) if low is not None else Decimal(0)
    return low, high


def check_number(indicator: Indicator, number: Decimal, *, field: str, label) -> None:
    """Refuse a figure that does not fit the indicator's unit, range and decimal places."""
    low, high = bounds(indicator)
    if indicator.unit in WHOLE_UNITS and number != number.to_integral_value():
        raise DomainError(
            _("%(label)s: %(unit)s are counted in whole numbers.")
            % {"label": label, "unit": indicator.get_unit_display()},
            field=field,
        )
    if places(number) > indicator.decimals:
        if indicator.decimals == 0:
            message = _("%(label)s: please enter a whole number.") % {"label": label}
        else:
            message = _("%(label)s: please enter at most %(places)s decimal places.") % {
                "label": label,
                "places": indicator.decimals,
            }
        raise DomainError(message, field=field)
    if low is not None and number < low:
        raise DomainError(
            _("%(label)s: the value must not be smaller than %(low)s.")
            % {"label": label, "low": _plain(low)},
            field=field,
        )
    if high is not None and number > high:
        raise DomainError(
            _("%(label)s: the value must not be larger than %(high)s.")
            % {"label": label, "high": _plain(high)},
            field=field,
        )


def _plain(number: Decimal) -> str:
    from django.utils.formats import number_format

    return number_format(number.normalize() if number == number.to_integral() else number)


# --- definition -------------------------------------------------------------------------------


def _clean(data: dict, *, region, instance: Indicator | None = None) -> tuple[dict, list]:
    """The validated definition (field → value) and the goals; DomainError on the first fault."""
    cleaned = {}
    for name in ("code", "name", "definition", "data_source", "verification"):
        cleaned[name] = str(data.get(name) or "").strip()
    if not cleaned["code"]:
        raise DomainError(_("Please give the indicator a short name."), field="code")
    if len(cleaned["code"]) > 20:
        raise DomainError(_("The short name may have at most 20 characters."), field="code")
    if not cleaned["name"]:
        raise DomainError(_("Please name the indicator."), field="name")
    if len(cleaned["name"]) > 300:
        raise DomainError(_("The name may have at most 300 characters."), field="name")
    if not cleaned["definition"]:
        raise DomainError(
            _("Please define what the indicator measures and how it is counted."),
            field="definition",
        )
    if not cleaned["data_source"]:
        raise DomainError(_("Please name the data source."), field="data_source")
    if len(cleaned["data_source"]) > 500 or len(cleaned["verification"]) > 500:
        raise DomainError(_("Please keep it to at most 500 characters."), field="data_source")
    duplicates = Indicator.objects.filter(region=region, code__iexact=cleaned["code"])
    if instance is not None:
        duplicates = duplicates.exclude(pk=instance.pk)
    if duplicates.exists():
        raise DomainError(
            _("Another indicator here already has the short name “%(code)s”.")
            % {"code": cleaned["code"]},
            field="code",
        )

    unit = data.get("unit")
    if unit not in Unit.values:
        raise DomainError(_("Please choose a unit."), field="unit")
    cleaned["unit"] = unit
    try:
        decimals = int(data.get("decimals") or 0)
    except (TypeError, ValueError):
        decimals = -1
    if not 0 <= decimals <= MAX_DECIMALS:
        raise DomainError(_("Please choose 0, 1 or 2 decimal places."), field="decimals")
    if unit in WHOLE_UNITS and decimals:
        raise DomainError(
            _("Numbers and people are counted in whole numbers: no decimal places."),
            field="decimals",
        )
    cleaned["decimals"] = decimals
    minimum = _decimal(data.get("minimum"), field="minimum", label=_("Smallest possible value"))
    maximum = _decimal(data.get("maximum"), field="maximum", label=_("Largest possible value"))
    if minimum is not None and maximum is not None and maximum < minimum:
        raise DomainError(
            _("The largest possible value must not be smaller than the smallest."),
            field="maximum",
        )
    if unit == Unit.PERCENT and (
        (minimum is not None and not 0 <= minimum <= 100)
        or (maximum is not None and not 0 <= maximum <= 100)
    ):
        raise DomainError(_("A percentage lies between 0 and 100."), field="minimum")
    if unit in WHOLE_UNITS and minimum is not None and minimum < 0:
        raise DomainError(_("Numbers and people cannot be negative."), field="minimum")
    cleaned["minimum"], cleaned["maximum"] = minimum, maximum

    direction = data.get("direction")
    if direction not in Direction.values:
        raise DomainError(_("Please say whether higher or lower is better."), field="direction")
    cleaned["direction"] = direction
    disaggregations = list(data.get("disaggregations") or [])
    unknown = [key for key in disaggregations if key not in DISAGGREGATIONS]
    if unknown:
        raise DomainError(
            _("Please choose among the disaggregations offered."), field="disaggregations"
        )
    cleaned["disaggregations"] = [key for key in DISAGGREGATIONS if key in disaggregations]
    try:
        step = int(data.get("step"))
    except (TypeError, ValueError):
        step = 0
    if not 1 <= step <= 7:
        raise DomainError(
            _("Please choose the step of the impact staircase (1 to 7)."), field="step"
        )
    cleaned["step"] = step

    probe = Indicator(
        unit=unit, decimals=decimals, minimum=minimum, maximum=maximum
    )  # to check the baseline like any value
    baseline = _decimal(data.get("baseline"), field="baseline", label=_("Baseline"))
    if baseline is not None:
        check_number(probe, baseline, field="baseline", label=_("Baseline"))
    baseline_date = data.get("baseline_date") or None
    if baseline is not None and baseline_date is None:
        raise DomainError(_("Please give the date of the baseline."), field="baseline_date")
    if baseline_date is not None and baseline_date > timezone.localdate():
        raise DomainError(
            _("The baseline's date must not lie in the future."), field="baseline_date"
        )
    cleaned["baseline"], cleaned["baseline_date"] = baseline, baseline_date

    goals = list(data.get("goals") or [])
    if goals:
        if region is None:
            raise DomainError(
                _("A programme indicator is not linked to a region's goals."), field="goals"
            )
        ids = {goal.pk if isinstance(goal, Goal) else int(goal) for goal in goals}
        goals = list(Goal.objects.filter(pk__in=ids, field__region=region))
        if len(goals) != len(ids):
            raise DomainError(_("Please choose among the region's goals."), field="goals")
    field = data.get("field")
    if field is not None and not isinstance(field, FieldOfAction):
        field = FieldOfAction.objects.filter(pk=field).first()
    if field is not None and (region is None or field.region_id != region.pk):
        raise DomainError(_("Please choose one of the region's fields of action."), field="field")
    if field is None and goals:
        # The goals' field, so the filter by field of action finds the indicator.
        field = goals[0].field
    cleaned["field"] = field
    contributes_to = data.get("contributes_to")
    if contributes_to is not None and not isinstance(contributes_to, Indicator):
        contributes_to = Indicator.objects.filter(pk=contributes_to).first()
    if contributes_to is not None:
        if region is None:
            raise DomainError(
                _("Only a region's indicator contributes to a programme indicator."),
                field="contributes_to",
            )
        if contributes_to.region_id is not None:
            raise DomainError(_("Please choose a programme indicator."), field="contributes_to")
        if contributes_to.unit != unit:
            raise DomainError(
                _("The programme indicator counts in another unit (%(unit)s).")
                % {"unit": contributes_to.get_unit_display()},
                field="contributes_to",
            )
    cleaned["contributes_to"] = contributes_to
    aggregation = data.get("aggregation") or Aggregation.SUM
    if aggregation not in Aggregation.values:
        raise DomainError(_("Please choose how the regions' values add up."), field="aggregation")
    if unit == Unit.PERCENT and aggregation == Aggregation.SUM and region is None:
        raise DomainError(
            _("Percentages of the regions cannot be added up; please choose the mean."),
            field="aggregation",
        )
    cleaned["aggregation"] = aggregation
    try:
        cleaned["order"] = max(0, int(data.get("order") or 0))
    except (TypeError, ValueError):
        cleaned["order"] = 0
    return cleaned, goals


def create_indicator(*, actor, region=None, data: dict) -> Indicator:
    """A new indicator of a region (or, without one, of the programme)."""
    require(actor, "evaluation.edit_indicators", region)
    cleaned, goals = _clean(data, region=region)
    with transaction.atomic():
        indicator = Indicator(region=region, created_by=actor, **cleaned)
        indicator.full_clean(exclude=["goals", "created_by"])
        indicator.save()
        indicator.goals.set(goals)
        audit.record(
            actor=actor,
            obj=indicator,
            action="evaluation_indicator_created",
            after=_snapshot(indicator),
        )
    return indicator


def update_indicator(*, actor, indicator: Indicator, data: dict) -> Indicator:
    require(actor, "evaluation.edit_indicators", indicator)
    merged = {name: getattr(indicator, name) for name in FIELDS}
    merged["goals"] = list(indicator.goals.all())
    merged.update(data)
    cleaned, goals = _clean(merged, region=indicator.region, instance=indicator)
    with transaction.atomic():
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = _snapshot(indicator)
        for name, value in cleaned.items():
            setattr(indicator, name, value)
        indicator.full_clean(exclude=["goals", "created_by"])
        indicator.save(update_fields=list(cleaned))
        indicator.goals.set(goals)
        after = _snapshot(indicator)
        changed = [name for name in after if after[name] != before.get(name)]
        if changed:
            audit.record(
                actor=actor,
                obj=indicator,
                action="evaluation_indicator_updated",
                before={name: before.get(name) for name in changed},
                after={name: after[name] for name in changed},
            )
    return indicator


# --- targets ----------------------------------------------------------------------------------


def set_targets(*, actor, indicator: Indicator, targets: dict) -> None:
    """Period key → target; None (or an empty text) removes a period's target."""
    require(actor, "evaluation.edit_indicators", indicator)
    cleaned: dict[str, Decimal | None] = {}
    for key, raw in targets.items():
        if not periods.is_valid(key):
            raise DomainError(_("“%(period)s” is not a half-year.") % {"period": key}, field=key)
        label = periods.label(key)
        number = _decimal(raw, field=key, label=label)
        if number is not None:
            check_number(indicator, number, field=key, label=label)
        cleaned[key] = number
    with transaction.atomic():
        existing = {
            target.period: target
            for target in Target.objects.select_for_update().filter(
                indicator=indicator, period__in=list(cleaned)
            )
        }
        before, after = {}, {}
        for key, number in sorted(cleaned.items()):
            target = existing.get(key)
            old = target.value if target else None
            if old == number:
                continue
            before[key], after[key] = _json(old), _json(number)
            if number is None:
                target.delete()
            elif target is None:
                Target.objects.create(indicator=indicator, period=key, value=number)
            else:
                target.value = number
                target.save(update_fields=["value"])
        if after:
            audit.record(
                actor=actor,
                obj=indicator,
                action="evaluation_targets_set",
                # Keyed by half-year ("2017-H2"), under one labelled key.
                before={"targets": before},
                after={"targets": after},
            )


# --- values -----------------------------------------------------------------------------------


def categories(indicator: Indicator) -> dict[str, tuple[str, str]]:
    """Every "dimension:key" of the indicator's disaggregations → (dimension label, label)."""
    found = {}
    for dimension in indicator.disaggregations:
        if dimension not in DISAGGREGATIONS:
            continue
        dimension_label, options = DISAGGREGATIONS[dimension]
        for key, label in options.items():
            found[f"{dimension}:{key}"] = (str(dimension_label), str(label))
    return found


def _check_value(indicator, *, period, value, source, category, today) -> Decimal:
    if not periods.is_valid(period):
        raise DomainError(_("Please choose a half-year."), field="period")
    if periods.is_future(period, today):
        message = _("%(period)s has not begun yet: values are entered once it has.")
        raise DomainError(message % {"period": periods.label(period)}, field="period")
    if category and category not in categories(indicator):
        raise DomainError(_("The indicator is not broken down by this category."), field="category")
    number = _decimal(value, field="value", label=_("Value"))
    if number is None:
        raise DomainError(_("Please enter the value."), field="value")
    check_number(indicator, number, field="value", label=_("Value"))
    if not str(source or "").strip():
        raise DomainError(
            _("Please name the source of the value (e.g. a list of participants)."),
            field="source",
        )
    if len(str(source)) > 500:
        raise DomainError(_("Please keep the source to at most 500 characters."), field="source")
    return number


def _value_after(row: IndicatorValue) -> dict:
    return {
        "period": row.period,
        "category": row.category,
        "value": _json(row.value),
        "source": row.source,
        "comment": row.comment,
    }


def _store(*, actor, indicator, period, category, number, source, comment, now):
    """Add the value; a current one for the period and category is replaced (a correction)."""
    old = (
        IndicatorValue.objects.select_for_update()
        .filter(indicator=indicator, period=period, category=category, is_current=True)
        .first()
    )
    if old is not None and not str(comment or "").strip():
        raise DomainError(
            _("A value already exists for %(period)s: please say in a comment why you correct it.")
            % {"period": periods.label(period)},
            field="comment",
        )
    if old is not None:
        old.is_current = False
        old.save(update_fields=["is_current"])
    try:
        with transaction.atomic():
            new = IndicatorValue.objects.create(
                indicator=indicator,
                period=period,
                category=category,
                value=number,
                source=str(source).strip(),
                comment=str(comment or "").strip(),
                entered_by=actor,
                entered_at=now,
            )
    except IntegrityError:
        # Someone else entered the same period at the same moment.
        raise DomainError(
            _("Someone else has just entered this value; please reload the page."), field="value"
        ) from None
    if old is None:
        audit.record(
            actor=actor, obj=indicator, action="evaluation_value_entered", after=_value_after(new)
        )
    else:
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        audit.record(
            actor=actor,
            obj=indicator,
            action="evaluation_value_corrected",
            before=_value_after(old),
            after=_value_after(new),
            reason=new.comment,
        )
    return new


def enter_value(
    *,
    actor,
    indicator: Indicator,
    period: str,
    value,
    source: str,
    comment: str = "",
    category: str = "",
    today: datetime.date | None = None,
) -> IndicatorValue:
    """The value of a period (for the total, or for one category of a disaggregation)."""
    require(actor, "evaluation.enter_values", indicator)
    number = _check_value(
        indicator, period=period, value=value, source=source, category=category, today=today
    )
    with transaction.atomic():
        return _store(
            actor=actor,
            indicator=indicator,
            period=period,
            category=category,
            number=number,
            source=source,
            comment=comment,
            now=timezone.now(),
        )


def enter_values(
    *,
    actor,
    indicator: Indicator,
    period: str,
    values: dict,
    source: str,
    comment: str = "",
    today: datetime.date | None = None,
) -> list[IndicatorValue]:
    """Several values of one period at once (category → value; "" is the total) in one
    transaction: the form of a period saves all its figures or none. Unchanged figures are
    skipped; an empty figure is not entered."""
    require(actor, "evaluation.enter_values", indicator)
    checked = {}
    for category, raw in values.items():
        if raw is None or raw == "":
            continue
        try:
            checked[category] = _check_value(
                indicator,
                period=period,
                value=raw,
                source=source,
                category=category,
                today=today,
            )
        except DomainError as error:
            if error.field == "value":
                error.field = f"value_{category}" if category else "value"
            raise
    stored = []
    now = timezone.now()
    with transaction.atomic():
        current = {
            row.category: row.value
            for row in IndicatorValue.objects.filter(
                indicator=indicator, period=period, is_current=True
            )
        }
        for category, number in checked.items():
            if current.get(category) == number:
                continue
            stored.append(
                _store(
                    actor=actor,
                    indicator=indicator,
                    period=period,
                    category=category,
                    number=number,
                    source=source,
                    comment=comment,
                    now=now,
                )
            )
    return stored


def correct_value(*, actor, value: IndicatorValue, new_value, source, comment) -> IndicatorValue:
    """Replace one current value; the comment says why (required)."""
    indicator = value.indicator
    require(actor, "evaluation.enter_values", indicator)
    if not value.is_current:
        raise DomainError(
            _("This value has already been replaced; please correct the current one."),
            field="value",
        )
    if not str(comment or "").strip():
        raise DomainError(_("Please say in a comment why you correct the value."), field="comment")
    number = _check_value(
        indicator,
        period=value.period,
        value=new_value,
        source=source,
        category=value.category,
        today=None,
    )
    with transaction.atomic():
        return _store(
            actor=actor,
            indicator=indicator,
            period=value.period,
            category=value.category,
            number=number,
            source=source,
            comment=comment,
            now=timezone.now(),
        )


def record_export(*, actor, file_format: str, rows: int, filters: dict) -> None:
    """The audit entry of a download of indicator values (who took which figures)."""
    require(actor, "evaluation.view_programme")
    # The entry hangs on the person who downloaded (an export has no single object).
    audit.record(
        actor=actor,
        obj=actor,
        action="evaluation_indicators_exported",
        after={"format": file_format, "rows": rows, **filters},
    )
