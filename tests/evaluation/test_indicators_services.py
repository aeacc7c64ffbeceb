"""The indicators' services: validation of definitions, targets and values with readable
messages, corrections that keep the history, and who may write."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from inklusiv.core.models import AuditEntry
from inklusiv.evaluation.models import IndicatorValue, Target
from inklusiv.evaluation.services import indicators as services
from tests.evaluation.indicators_fixtures import definition, make_indicator

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2018, 3, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def indicator(eworld):
    return make_indicator(eworld.region)


def test_coordinator_creates_an_indicator_with_goals_and_the_goals_field(eworld):
    made = services.create_indicator(
        actor=eworld.coordinator,
        region=eworld.region,
        data=definition(goals=eworld.goals[:2]),
    )
    assert made.region == eworld.region
    assert set(made.goals.all()) == set(eworld.goals[:2])
    assert made.field == eworld.goals[0].field
    assert AuditEntry.objects.filter(action="evaluation_indicator_created").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"code": ""}, "code", "short name"),
        ({"name": ""}, "name", "name the indicator"),
        ({"definition": ""}, "definition", "define"),
        ({"data_source": ""}, "data_source", "data source"),
        ({"unit": "litres"}, "unit", "unit"),
        ({"decimals": 3}, "decimals", "0, 1 or 2"),
        ({"decimals": 1}, "decimals", "whole numbers"),
        ({"unit": "percent", "maximum": 120}, "minimum", "between 0 and 100"),
        ({"minimum": 5, "maximum": 2}, "maximum", "not be smaller"),
        ({"direction": "sideways"}, "direction", "higher or lower"),
        ({"disaggregations": ["colour"]}, "disaggregations", "disaggregations offered"),
        ({"step": 8}, "step", "impact staircase"),
        ({"baseline": Decimal("-1")}, "baseline", "smaller than"),
        ({"baseline": Decimal("2.5")}, "baseline", "whole numbers"),
        ({"baseline_date": None}, "baseline_date", "date of the baseline"),
        ({"baseline_date": datetime.date(2999, 1, 1)}, "baseline_date", "future"),
        ({"aggregation": "median"}, "aggregation", "add up"),
    ],
)
def test_a_faulty_definition_is_refused_with_a_message(eworld, changes, field, message):
    with pytest.raises(services.DomainError) as error:
        services.create_indicator(
            actor=eworld.coordinator, region=eworld.region, data=definition(**changes)
        )
    assert error.value.field == field
    assert message in str(error.value)


def test_codes_are_unique_per_region_but_not_across_regions(eworld, indicator):
    with pytest.raises(services.DomainError, match="already has the short name"):
        services.create_indicator(actor=eworld.coordinator, region=eworld.region, data=definition())
    services.create_indicator(
        actor=eworld.other_coordinator, region=eworld.other_region, data=definition()
    )


def test_goals_of_another_region_and_programme_links_are_checked(eworld):
    other = make_indicator(eworld.other_region, code="X")
    with pytest.raises(services.DomainError, match="programme indicator"):
        services.create_indicator(
            actor=eworld.coordinator,
            region=eworld.region,
            data=definition(contributes_to=other),
        )
    with pytest.raises(services.DomainError, match="region's goals"):
        services.create_indicator(
            actor=eworld.evaluator, region=None, data=definition(goals=eworld.goals[:1])
        )
    with pytest.raises(services.DomainError, match="cannot be added up"):
        services.create_indicator(
            actor=eworld.evaluator,
            region=None,
            data=definition(unit="percent", aggregation="sum", disaggregations=[]),
        )


def test_update_records_only_the_changes(eworld, indicator):
    services.update_indicator(actor=eworld.editor, indicator=indicator, data={"name": "Neu"})
    entry = AuditEntry.objects.get(action="evaluation_indicator_updated")
    assert entry.after == {"name": "Neu"}
    indicator.refresh_from_db()
    assert indicator.name == "Neu"


@pytest.mark.parametrize("who", ["reader", "steering", "outsider", "applicant", "expert"])
def test_readers_and_outsiders_may_not_write(eworld, indicator, who):
    actor = getattr(eworld, who)
    with pytest.raises(PermissionDenied):
        services.create_indicator(actor=actor, region=eworld.region, data=definition(code="Z"))
    with pytest.raises(PermissionDenied):
        services.set_targets(actor=actor, indicator=indicator, targets={"2017-H2": 5})
    with pytest.raises(PermissionDenied):
        services.enter_value(
            actor=actor, indicator=indicator, period="2017-H2", value=5, source="x"
        )


def test_another_regions_coordinator_may_not_write(eworld, indicator):
    with pytest.raises(PermissionDenied):
        services.enter_value(
            actor=eworld.other_coordinator,
            indicator=indicator,
            period="2017-H2",
            value=5,
            source="x",
        )
    with pytest.raises(PermissionDenied):
        services.update_indicator(
            actor=eworld.other_coordinator, indicator=indicator, data={"name": "x"}
        )


def test_only_evaluators_write_programme_indicators(eworld):
    with pytest.raises(PermissionDenied):
        services.create_indicator(actor=eworld.coordinator, region=None, data=definition())
    made = services.create_indicator(
        actor=eworld.evaluator, region=None, data=definition(disaggregations=[])
    )
    assert made.region is None


def test_targets_are_set_changed_and_removed(eworld, indicator):
    services.set_targets(
        actor=eworld.coordinator,
        indicator=indicator,
        targets={"2017-H2": Decimal("12"), "2018-H1": "15"},
    )
    services.set_targets(
        actor=eworld.coordinator, indicator=indicator, targets={"2017-H2": None, "2018-H1": 16}
    )
    assert dict(Target.objects.values_list("period", "value")) == {"2018-H1": Decimal("16")}
    entries = AuditEntry.objects.filter(action="evaluation_targets_set").order_by("pk")
    assert entries[1].before == {"targets": {"2017-H2": "12.00", "2018-H1": "15.00"}}


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"2017-H3": 1}, "not a half-year"),
        ({"2017-H2": "viele"}, "enter a number"),
        ({"2017-H2": Decimal("-3")}, "smaller than 0"),
        ({"2017-H2": Decimal("3.5")}, "whole numbers"),
    ],
)
def test_faulty_targets_are_refused(eworld, indicator, targets, message):
    with pytest.raises(services.DomainError, match=message):
        services.set_targets(actor=eworld.coordinator, indicator=indicator, targets=targets)
    assert not Target.objects.exists()


def test_a_value_is_entered_with_its_trail(eworld, indicator):
    value = services.enter_value(
        actor=eworld.editor,
        indicator=indicator,
        period="2017-H2",
        value="17",
        source="Teilnahmeliste",
        today=TODAY,
    )
    assert value.is_current and value.entered_by == eworld.editor and value.entered_at
    assert AuditEntry.objects.filter(action="evaluation_value_entered").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"period": "2018-H2"}, "period", "has not begun yet"),
        ({"period": "2018"}, "period", "choose a half-year"),
        ({"value": "-1"}, "value", "smaller than 0"),
        ({"value": "2.5"}, "value", "whole numbers"),
        ({"value": ""}, "value", "enter the value"),
        ({"value": "abc"}, "value", "enter a number"),
        ({"source": " "}, "source", "source"),
        ({"category": "disability:maybe"}, "category", "not broken down"),
        ({"category": "age_group:18_64"}, "category", "not broken down"),
    ],
)
def test_faulty_values_are_refused(eworld, indicator, changes, field, message):
    arguments = {"period": "2017-H2", "value": "17", "source": "Liste", **changes}
    with pytest.raises(services.DomainError) as error:
        services.enter_value(actor=eworld.editor, indicator=indicator, today=TODAY, **arguments)
    assert error.value.field == field
    assert message in str(error.value)
    assert not IndicatorValue.objects.exists()


def test_percent_range_decimals_and_own_maximum(eworld):
    share = make_indicator(
        eworld.region, code="Q", unit="percent", decimals=1, disaggregations=[], baseline=None
    )
    for value, message in (("100.5", "larger than 100"), ("50.25", "1 decimal places")):
        with pytest.raises(services.DomainError, match=message):
            services.enter_value(
                actor=eworld.editor,
                indicator=share,
                period="2017-H2",
                value=value,
                source="x",
                today=TODAY,
            )
    capped = make_indicator(
        eworld.region, code="M", unit="count", maximum=Decimal("40"), disaggregations=[]
    )
    with pytest.raises(services.DomainError, match="larger than 40"):
        services.enter_value(
            actor=eworld.editor, indicator=capped, period="2017-H2", value=41, source="x"
        )
    assert services.enter_value(
        actor=eworld.editor, indicator=share, period="2017-H2", value="99,5", source="x"
    ).value == Decimal("99.5")


def test_a_category_value_is_kept_apart_from_the_total(eworld, indicator):
    services.enter_value(
        actor=eworld.editor, indicator=indicator, period="2017-H2", value=10, source="x"
    )
    services.enter_value(
        actor=eworld.editor,
        indicator=indicator,
        period="2017-H2",
        value=4,
        source="x",
        category="disability:with",
    )
    assert IndicatorValue.objects.filter(is_current=True).count() == 2


def test_a_second_value_is_a_correction_that_needs_a_comment_and_keeps_the_old(eworld, indicator):
    first = services.enter_value(
        actor=eworld.editor, indicator=indicator, period="2017-H2", value=10, source="x"
    )
    with pytest.raises(services.DomainError, match="comment") as error:
        services.enter_value(
            actor=eworld.editor, indicator=indicator, period="2017-H2", value=12, source="x"
        )
    assert error.value.field == "comment"
    second = services.enter_value(
        actor=eworld.evaluator,
        indicator=indicator,
        period="2017-H2",
        value=12,
        source="neue Liste",
        comment="Nachmeldung",
    )
    first.refresh_from_db()
    assert not first.is_current and first.replaced_by == second
    assert second.is_current and second.comment == "Nachmeldung"
    third = services.correct_value(
        actor=eworld.coordinator,
        value=second,
        new_value="13",
        source="Liste",
        comment="Tippfehler",
    )
    second.refresh_from_db()
    assert second.replaced_by == third
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 3
    entry = AuditEntry.objects.filter(action="evaluation_value_corrected").order_by("pk").last()
    assert entry.before["value"] == "12.00" and entry.after["value"] == "13.00"


def test_a_correction_needs_a_comment_and_a_current_value(eworld, indicator):
    value = services.enter_value(
        actor=eworld.editor, indicator=indicator, period="2017-H2", value=10, source="x"
    )
    with pytest.raises(services.DomainError, match="comment"):
        services.correct_value(
            actor=eworld.editor, value=value, new_value=11, source="x", comment=""
        )
    services.correct_value(actor=eworld.editor, value=value, new_value=11, source="x", comment="y")
    value.refresh_from_db()
    with pytest.raises(services.DomainError, match="already been replaced"):
        services.correct_value(
            actor=eworld.editor, value=value, new_value=12, source="x", comment="y"
        )


def test_enter_values_of_a_period_skips_unchanged_figures(eworld, indicator):
    services.enter_values(
        actor=eworld.editor,
        indicator=indicator,
        period="2017-H2",
        values={"": 10, "disability:with": 4, "disability:without": ""},
        source="x",
    )
    stored = services.enter_values(
        actor=eworld.editor,
        indicator=indicator,
        period="2017-H2",
        values={"": 10, "disability:with": 5},
        source="x",
        comment="korrigiert",
    )
    assert [row.category for row in stored] == ["disability:with"]
    assert IndicatorValue.objects.count() == 3
