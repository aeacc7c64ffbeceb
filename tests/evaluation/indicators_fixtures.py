"""Indicators for the evaluation's tests: a region's indicator with a disaggregation, a
programme indicator its region contributes to, and bulk targets and values for size tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from inklusiv.evaluation.models import Indicator, IndicatorValue, Target


def definition(**changes) -> dict:
    data = {
        "code": "P1",
        "name": "Teilnehmende an inklusiven Angeboten",
        "definition": "Zahl der Personen, die an Angeboten teilnehmen.",
        "unit": "people",
        "decimals": 0,
        "direction": "higher",
        "data_source": "Teilnahmelisten",
        "verification": "Listen im Ordner",
        "disaggregations": ["disability"],
        "baseline": Decimal("10"),
        "baseline_date": datetime.date(2017, 3, 1),
        "step": 2,
    }
    data.update(changes)
    return data


def make_indicator(region, *, code="P1", unit="people", contributes_to=None, **changes):
    data = definition(code=code, unit=unit, **changes)
    goals = data.pop("goals", [])
    indicator = Indicator.objects.create(region=region, contributes_to=contributes_to, **data)
    indicator.goals.set(goals)
    return indicator


def fill(indicator, keys, *, target=Decimal("20"), value=Decimal("18"), who=None):
    """A target and a current total value for each half-year (bulk)."""
    Target.objects.bulk_create(
        [Target(indicator=indicator, period=key, value=target) for key in keys]
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                period=key,
                value=value,
                source="Liste",
                entered_by=who,
                entered_at=timezone.now(),
            )
            for key in keys
        ]
    )
