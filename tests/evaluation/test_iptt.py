"""The IPTT keeps a fixed number of queries whatever the number of indicators and values, on
the programme's page and on a region's; and the selector's figures (roll-up, deviation)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inklusiv.evaluation import periods
from inklusiv.evaluation.models import Aggregation
from inklusiv.evaluation.selectors import indicators as selectors
from tests.evaluation.indicators_fixtures import fill, make_indicator

pytestmark = pytest.mark.django_db
KEYS = periods.span("2017-H1", "2019-H2")


def grow(eworld, programme, count, *, start=0):
    for number in range(start, start + count):
        for region in (eworld.region, eworld.other_region):
            indicator = make_indicator(
                region,
                code=f"I{number}",
                contributes_to=programme if number % 2 else None,
                goals=eworld.goals[:2] if region == eworld.region else [],
            )
            fill(indicator, KEYS)


@pytest.mark.parametrize("which", ["programme", "region"])
def test_iptt_queries_do_not_grow_with_the_data(client, eworld, which, settings):
    settings.PAGINATE_BY = 10
    programme = make_indicator(None, code="PR", disaggregations=[], baseline=None)
    user = eworld.evaluator if which == "programme" else eworld.coordinator
    client.force_login(user)
    url = (
        reverse("evaluation:indicators")
        if which == "programme"
        else reverse("evaluation:region_indicators", args=[eworld.region.slug])
    )
    grow(eworld, programme, 2)
    client.get(url)  # warm the session and the caches of the first request
    with CaptureQueriesContext(connection) as small:
        first = client.get(url + "?span=6")
    grow(eworld, programme, 12, start=2)
    with CaptureQueriesContext(connection) as large:
        second = client.get(url + "?span=6")
    assert len(first.context["rows"]) < len(second.context["rows"]) == 10
    assert len(small) == len(large), [q["sql"][:120] for q in large.captured_queries]


def test_roll_up_sum_and_mean_and_deviation_by_direction(eworld):
    total = make_indicator(None, code="S", disaggregations=[], baseline=None)
    mean = make_indicator(
        None, code="M", unit="percent", aggregation=Aggregation.MEAN, disaggregations=[]
    )
    lower = make_indicator(eworld.region, code="L", direction="lower", disaggregations=[])
    for region, target, value in ((eworld.region, 10, 12), (eworld.other_region, 30, 20)):
        part = make_indicator(region, code="s", contributes_to=total, disaggregations=[])
        fill(part, ["2018-H1"], target=Decimal(target), value=Decimal(value))
        share = make_indicator(
            region, code="m", unit="percent", contributes_to=mean, disaggregations=[]
        )
        fill(share, ["2018-H1"], target=Decimal(target), value=Decimal(value))
    fill(lower, ["2018-H1"], target=Decimal(5), value=Decimal(3))
    rows = {
        row.indicator.code: row for row in selectors.performance([total, mean, lower], ["2018-H1"])
    }
    cell = rows["S"].cells[0]
    assert (cell.target, cell.actual, cell.reporting) == (40, 32, 2)
    assert cell.deviation == -8 and cell.deviation_percent == -20
    assert rows["S"].status(cell) == "behind" and rows["S"].rolled_up
    cell = rows["M"].cells[0]
    assert (cell.target, cell.actual) == (Decimal("20.00"), Decimal("16.00"))
    cell = rows["L"].cells[0]
    assert rows["L"].status(cell) == "ahead"  # lower is better: 3 below a target of 5


def test_period_choice_ends_at_the_latest_figure_and_respects_the_span(eworld):
    indicator = make_indicator(eworld.region, disaggregations=[])
    fill(indicator, ["2017-H2", "2018-H1", "2018-H2"])
    queryset = selectors.indicators_of_region(eworld.region)
    assert selectors.period_choice(queryset) == ["2017-H1", "2017-H2", "2018-H1", "2018-H2"]
    assert selectors.period_choice(queryset, span=2) == ["2018-H1", "2018-H2"]
    assert selectors.period_choice(queryset, span=2, last="2018-H1") == ["2017-H2", "2018-H1"]
