"""The evaluation's work on the dashboards: surveys closing soon with their responses,
invitations waiting for a reminder and draft reports for the evaluators and the funder's staff;
indicators without a value for the last completed half-year for whoever keeps a region's values;
the same number of queries however many there are."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.evaluation import work
from inklusiv.evaluation.models import (
    EvaluationReport,
    Indicator,
    IndicatorValue,
    Invitation,
    Survey,
)
from tests.evaluation.conftest import make_responses, make_survey
from tests.notifications.test_dashboards import _count, _dashboard, _work

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
EVALUATION = {
    "evaluation.survey_closing",
    "evaluation.invitations_to_remind",
    "evaluation.draft_reports",
    "evaluation.values_missing",
}


@pytest.fixture(autouse=True)
def _funded_until_next_year(eworld):
    """The regions are funded today (only funded regions owe a half-year's values)."""
    from inklusiv.pilots.models import PilotRegion

    PilotRegion.objects.update(funding_end=timezone.localdate() + datetime.timedelta(days=365))


def _shown(client, user, language="de"):
    work_list = _work(_dashboard(client, user, language))
    return {key: texts for key, texts in work_list.items() if key in EVALUATION}


def _indicator(region, code, *, evaluator, baseline_date=datetime.date(2017, 6, 30)):
    return Indicator.objects.create(
        region=region,
        code=code,
        name=f"Indikator {code}",
        definition="Gezählt zum Stichtag.",
        unit="count",
        direction="higher",
        data_source="Verwaltung",
        baseline=Decimal("3"),
        baseline_date=baseline_date,
        step=4,
        created_by=evaluator,
    )


def _value(indicator, period, value="5", *, category="", current=True):
    return IndicatorValue.objects.create(
        indicator=indicator,
        period=period,
        category=category,
        value=Decimal(value),
        source="Zählung",
        entered_at=timezone.now(),
        is_current=current,
    )


def _invite(survey, region, email, *, days_ago, reminded_days_ago=None, status="sent"):
    now = timezone.now()
    return Invitation.objects.create(
        survey=survey,
        region=region,
        email=email,
        token_hash=f"{email}-hash",
        status=status,
        sent_at=now - days_ago * DAY,
        reminded_at=None if reminded_days_ago is None else now - reminded_days_ago * DAY,
    )


def test_periods_and_due_dates():
    assert work.last_completed_period(datetime.date(2026, 12, 4)) == "2026-H1"
    assert work.last_completed_period(datetime.date(2027, 1, 1)) == "2026-H2"
    assert work.values_due("2026-H1") == datetime.date(2026, 9, 30)
    assert work.values_due("2026-H2") == datetime.date(2027, 3, 31)


def test_the_evaluator_sees_a_survey_closing_with_its_responses(client, eworld, survey):
    today = timezone.localdate()
    survey.closes_on = today + 10 * DAY
    survey.save(update_fields=["closes_on"])
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 4}] * 7)
    later = make_survey(eworld, slug="spaeter")
    later.closes_on = today + 30 * DAY
    later.save(update_fields=["closes_on"])
    shown = _shown(client, eworld.evaluator)
    (text,) = shown["evaluation.survey_closing"]
    assert "Einstellungen zur Inklusion 2017" in text
    assert "7 Antworten" in text or "7 responses" in text


def test_a_survey_past_its_closing_day_is_overdue(client, eworld, survey):
    survey.closes_on = timezone.localdate() - 2 * DAY
    survey.save(update_fields=["closes_on"])
    (item,) = [i for i in work.items(eworld.evaluator) if i.key == "evaluation.survey_closing"]
    assert item.overdue
    assert item.url == reverse("evaluation:survey_distribution", args=[survey.slug])


def test_invitations_wait_for_a_reminder_after_a_week(client, eworld, survey):
    region = eworld.region
    _invite(survey, region, "a@example.org", days_ago=9)
    _invite(survey, region, "b@example.org", days_ago=9, reminded_days_ago=8)
    _invite(survey, region, "c@example.org", days_ago=9, reminded_days_ago=2)  # reminded lately
    _invite(survey, region, "d@example.org", days_ago=3)  # too fresh
    _invite(survey, region, "e@example.org", days_ago=20, status="completed")
    _invite(survey, region, "f@example.org", days_ago=10, status="started")
    (item,) = [i for i in work.items(eworld.evaluator) if i.key.endswith("to_remind")]
    assert item.count == 3
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    assert not [i for i in work.items(eworld.evaluator) if i.key.endswith("to_remind")]


def test_draft_reports_wait_to_be_released(client, eworld):
    for title, status in [("A", "draft"), ("B", "draft"), ("C", "released")]:
        EvaluationReport.objects.create(
            title=title, first_period="2017-H2", last_period="2018-H2", status=status
        )
    (text,) = _shown(client, eworld.evaluator)["evaluation.draft_reports"]
    assert _count(text) == 2


def test_region_keepers_see_their_regions_indicators_without_a_value(client, eworld):
    period = work.last_completed_period(timezone.localdate())
    first = _indicator(eworld.region, "A1", evaluator=eworld.evaluator)
    _indicator(eworld.region, "A2", evaluator=eworld.evaluator)
    done = _indicator(eworld.region, "A3", evaluator=eworld.evaluator)
    _value(done, period)
    # A value of a category, an older period or a replaced one is not the period's total.
    _value(first, period, category="disability:with")
    _value(first, "2017-H2")
    _indicator(eworld.region, "NEU", evaluator=eworld.evaluator, baseline_date=timezone.localdate())
    _indicator(eworld.other_region, "B1", evaluator=eworld.evaluator)
    for person in (eworld.coordinator, eworld.editor, eworld.coach):
        (item,) = [i for i in work.items(person) if i.key == "evaluation.values_missing"]
        assert item.count == 2, person
        assert item.url == reverse("evaluation:region_indicators", args=[eworld.region.slug])
        assert item.due.date() == work.values_due(period)
    for person in (eworld.reader, eworld.steering, eworld.outsider, eworld.expert):
        assert not [i for i in work.items(person) if i.key == "evaluation.values_missing"]
    (theirs,) = [i for i in work.items(eworld.other_coordinator) if i.key.endswith("missing")]
    assert theirs.count == 1
    # The evaluator sees all regions' indicators in one item, leading to the programme's table.
    (text,) = _shown(client, eworld.evaluator)["evaluation.values_missing"]
    assert _count(text) == 3


def test_people_without_evaluation_work_see_none(client, eworld, survey):
    survey.closes_on = timezone.localdate() + DAY
    survey.save(update_fields=["closes_on"])
    EvaluationReport.objects.create(title="A", first_period="2017-H2", last_period="2018-H2")
    for person in (eworld.coordinator, eworld.expert, eworld.reader, eworld.outsider):
        assert _shown(client, person) == {}, person
    assert set(_shown(client, eworld.staff)) == {
        "evaluation.survey_closing",
        "evaluation.draft_reports",
    }


@pytest.mark.parametrize("who", ["evaluator", "coordinator"])
def test_queries_stay_the_same_when_the_evaluation_grows(
    client, who, eworld, django_assert_max_num_queries
):
    person = getattr(eworld, who)
    today = timezone.localdate()
    grown = {"n": 0}

    def grow(count):
        for _index in range(count):
            grown["n"] += 1
            number = grown["n"]
            survey = make_survey(eworld, slug=f"welle-{number}")
            survey.closes_on = today + DAY * (number % 10)
            survey.save(update_fields=["closes_on"])
            make_responses(survey, eworld.region, [{"behinderung": 1, "einst1": 3}] * 3)
            _invite(survey, eworld.region, f"p{number}@example.org", days_ago=8)
            EvaluationReport.objects.create(
                title=f"R{number}", first_period="2017-H2", last_period="2018-H2"
            )
            _indicator(eworld.region, f"A{number}", evaluator=eworld.evaluator)
            _indicator(eworld.other_region, f"B{number}", evaluator=eworld.evaluator)

    grow(1)
    client.force_login(person)
    url = reverse("core:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as once:
        assert client.get(url).status_code == 200
    grow(5)
    with django_assert_max_num_queries(len(once)):
        html = client.get(url).content.decode()
    shown = _work(html)
    if who == "evaluator":
        assert len(shown["evaluation.survey_closing"]) == 6
        assert _count(shown["evaluation.values_missing"][0]) == 12
    else:
        assert _count(shown["evaluation.values_missing"][0]) == 6


def test_the_items_speak_english_on_english_pages(client, eworld, survey):
    survey.closes_on = timezone.localdate() + 3 * DAY
    survey.save(update_fields=["closes_on"])
    with translation.override("en"):
        shown = _shown(client, eworld.evaluator, "en")
    (text,) = shown["evaluation.survey_closing"]
    assert text.startswith("“Einstellungen zur Inklusion 2017” closes on ")
    assert "0 responses so far" in text


def test_a_region_whose_funding_ended_owes_no_values(eworld):
    from inklusiv.pilots.models import PilotRegion

    _indicator(eworld.region, "A1", evaluator=eworld.evaluator)
    assert [i.key for i in work.items(eworld.coordinator)].count("evaluation.values_missing") == 1
    PilotRegion.objects.filter(pk=eworld.region.pk).update(funding_end=datetime.date(2019, 2, 28))
    assert "evaluation.values_missing" not in [i.key for i in work.items(eworld.coordinator)]
