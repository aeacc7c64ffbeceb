"""The demo's evaluation: impact models and 8–12 indicators per region with baselines, targets
and values for four half-years, the attitude survey of 2017 and 2019 with 150–300 answers per
region and wave and one subgroup below the minimum group size, three Level-1 questionnaires,
reports, and the network survey open today that gives the evaluator work – loaded once for the
module."""

import datetime
from collections import Counter
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import Avg
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.accounts.models import User
from inklusiv.demo import load as load_demo
from inklusiv.demo.evaluation import data
from inklusiv.demo.people import DEMO_PASSWORD, DEMO_PEOPLE
from inklusiv.evaluation.models import (
    Answer,
    Draft,
    EvaluationReport,
    ImpactModel,
    Indicator,
    IndicatorValue,
    Invitation,
    Response,
    Survey,
)
from inklusiv.evaluation.selectors.results import results
from inklusiv.pilots.models import PilotRegion
from tests.notifications.test_dashboards import _work

pytestmark = pytest.mark.django_db

EVALUATOR_EMAIL = DEMO_PEOPLE[5][1]
ATTITUDES = ("Einstellungen zur Inklusion 2017", "Einstellungen zur Inklusion 2019")
NIEDER_OLM = "Verbandsgemeinde Nieder-Olm"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        yield SimpleNamespace(
            today=timezone.localdate(),
            regions={region.name: region for region in PilotRegion.objects.all()},
            evaluator=User.objects.get(email=EVALUATOR_EMAIL),
            outbox=list(mail.outbox),
        )
        transaction.set_rollback(True)


def test_the_programme_and_every_region_have_an_impact_model(demo):
    programme = ImpactModel.objects.get(region=None)
    titles = dict(programme.elements.values_list("title", "level"))
    assert {"Förderung", "Prozessbegleitung", "Fortbildungen"} <= set(titles)
    assert titles["Inklusion wird im Sozialraum selbstverständlich"] == "impact"
    assert set(programme.elements.values_list("step", flat=True)) == {None, 1, 2, 3, 4, 5, 6, 7}
    for name, region in demo.regions.items():
        model = ImpactModel.objects.get(region=region)
        linked = model.elements.filter(goals__isnull=False).distinct()
        assert linked.count() >= 3, name
        for element in linked.prefetch_related("goals"):
            assert all(goal.field.region_id == region.pk for goal in element.goals.all())


def test_each_region_has_8_to_12_indicators_with_baseline_targets_and_four_values(demo):
    for name, region in demo.regions.items():
        found = list(Indicator.objects.filter(region=region).prefetch_related("targets"))
        assert 8 <= len(found) <= 12, name
        for indicator in found:
            assert indicator.baseline is not None
            assert indicator.baseline_date.year == 2017
            assert sorted(t.period for t in indicator.targets.all()) == data.PERIODS
            totals = IndicatorValue.objects.filter(
                indicator=indicator, category="", is_current=True
            )
            assert sorted(totals.values_list("period", flat=True)) == data.PERIODS
    # Values were entered after each half-year, by the regions' coordinators.
    values = IndicatorValue.objects.filter(indicator__region__isnull=False)
    assert not values.filter(entered_at__year__gt=2019).exists()
    assert values.filter(entered_by__region_memberships__role="coordinator").exists()


def test_some_values_are_disaggregated_and_one_was_corrected_with_a_comment(demo):
    categories = set(IndicatorValue.objects.exclude(category="").values_list("category", flat=True))
    assert {"disability:with", "disability:without"} <= categories
    old = IndicatorValue.objects.get(is_current=False)
    assert old.replaced_by.comment.startswith("Zählfehler")
    assert old.replaced_by.value == old.value - data.CORRECTION["off_by"]
    assert old.indicator.region.name == "Neuruppin"


def test_programme_indicators_roll_up_the_regions_and_one_region_lags(demo):
    programme = Indicator.objects.filter(region=None)
    assert programme.count() == len(data.PROGRAMME_INDICATORS)
    for indicator in programme:
        assert indicator.contributions.count() == 6, indicator.code
        assert indicator.targets.count() == 4
    lagging = Counter()
    for indicator in Indicator.objects.filter(region__isnull=False).prefetch_related("targets"):
        target = {t.period: t.value for t in indicator.targets.all()}["2019-H1"]
        value = indicator.values.get(period="2019-H1", category="", is_current=True).value
        behind = value < target if indicator.direction == "higher" else value > target
        lagging[indicator.region.name] += behind
    share = {
        name: lagging[name] / Indicator.objects.filter(region__name=name).count()
        for name in demo.regions
    }
    assert share["Schneverdingen"] == 1.0
    assert max(v for k, v in share.items() if k != "Schneverdingen") < 0.8


def test_the_attitude_survey_has_two_closed_waves_of_150_to_300_answers_per_region(demo):
    first, second = (Survey.objects.get(title=title) for title in ATTITUDES)
    assert first.status == second.status == Survey.Status.CLOSED
    assert first.series == second.series and (first.wave, second.wave) == (2017, 2019)
    for survey in (first, second):
        assert survey.regions.count() == 6
        counts = Counter(survey.responses.values_list("region__name", flat=True))
        assert set(counts) == set(demo.regions)
        assert all(150 <= count <= 300 for count in counts.values()), counts
        assert not survey.responses.exclude(
            submitted_on__range=(survey.opens_on, survey.closes_on)
        ).exists()
        questions = list(survey.sections.values_list("questions__code", "questions__text_easy"))
        assert all(easy for _code, easy in questions)
        assert survey.sections.filter(questions__show_if_question__isnull=False).exists()

    def mean(survey):
        answers = Answer.objects.filter(response__survey=survey, question__code="schule1")
        return answers.aggregate(mean=Avg("choice"))["mean"]

    assert 0.1 < mean(second) - mean(first) < 0.5


def test_one_subgroup_has_fewer_answers_than_k_and_the_page_hides_it(demo, client):
    survey = Survey.objects.get(title=ATTITUDES[0])
    region = demo.regions[NIEDER_OLM]
    with_disability = Response.objects.filter(
        survey=survey, region=region, answers__question__code="behinderung", answers__choice=1
    )
    assert with_disability.count() == 4 < survey.min_group_size
    client.force_login(demo.evaluator)
    with translation.override("de"):
        page = client.get(
            reverse("evaluation:survey_results", args=[survey.slug]),
            {"region": region.slug, "breakdown": "behinderung"},
        )
    assert page.status_code == 200
    html = page.content.decode()
    # The rule is explained on the page ("weniger als 5" once the German is merged).
    assert "weniger als 5" in html or "fewer than 5" in html
    outcome = results(survey, region=region, breakdown="behinderung")
    (share,) = [q for q in outcome.questions if q.question.code == "teilhabe"]
    by_group = dict(zip([g.key for g in share.groups], share.col_totals, strict=True))
    # Hidden, and the other group with it (else the total would give it away).
    assert by_group[1] is None and share.total > 100
    assert share.means[[g.key for g in share.groups].index(1)] is None


def test_three_measures_had_a_questionnaire_one_below_k(demo):
    found = {
        survey.measure.title: survey.responses.count()
        for survey in Survey.objects.filter(kind=Survey.Kind.MEASURE).select_related("measure")
    }
    assert sorted(found.values()) == [4, 23, 34]
    assert all(
        s.status == Survey.Status.CLOSED and s.min_group_size == 5
        for s in Survey.objects.filter(kind=Survey.Kind.MEASURE)
    )


def test_a_network_survey_is_open_with_invitations_answers_and_one_paused(demo):
    survey = Survey.objects.get(status=Survey.Status.OPEN)
    assert survey.closes_on - demo.today == datetime.timedelta(days=9)
    invited = Invitation.objects.filter(survey=survey)
    assert invited.count() == 9
    assert all(i.sent_at < timezone.now() - datetime.timedelta(days=7) for i in invited)
    counts = Counter(survey.responses.values_list("region__name", flat=True))
    assert counts == Counter(data.NETWORK_SURVEY["responses"])
    (draft,) = Draft.objects.all()
    assert draft.survey == survey and draft.position == 1
    # The invitations went out by mail, each with its personal link.
    assert len([m for m in demo.outbox if m.to[0] in {i.email for i in invited}]) == 9


def test_reports_released_for_the_programme_and_one_region_and_a_draft(demo):
    released = EvaluationReport.objects.filter(status=EvaluationReport.Status.RELEASED)
    assert sorted(r.region.name if r.region else "" for r in released) == ["", "Neuruppin"]
    assert all(r.summary and r.summary_easy and r.released_at.year == 2019 for r in released)
    (draft,) = EvaluationReport.objects.filter(status=EvaluationReport.Status.DRAFT)
    assert draft.region.name == "Erlangen"


def test_the_evaluator_logs_in_sees_work_waiting_and_the_pages_answer(demo, client):
    response = client.post(
        reverse("account_login"), {"login": EVALUATOR_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == demo.evaluator.pk
    with translation.override("de"):
        work = _work(client.get(reverse("core:dashboard")).content.decode())
    assert {
        "evaluation.survey_closing",
        "evaluation.invitations_to_remind",
        "evaluation.draft_reports",
        "evaluation.values_missing",
    } <= set(work)
    attitude = Survey.objects.get(title=ATTITUDES[1])
    network = Survey.objects.get(status=Survey.Status.OPEN)
    region = demo.regions["Neuruppin"]
    indicator = Indicator.objects.filter(region=region).first()
    report = EvaluationReport.objects.filter(region=region).first()
    pages = [
        reverse("evaluation:home"),
        reverse("evaluation:region", args=[region.slug]),
        reverse("evaluation:programme_model"),
        reverse("evaluation:region_model", args=[region.slug]),
        reverse("evaluation:indicators"),
        reverse("evaluation:region_indicators", args=[region.slug]),
        reverse("evaluation:indicator", args=[indicator.pk]),
        reverse("evaluation:surveys"),
        reverse("evaluation:survey", args=[attitude.slug]),
        reverse("evaluation:survey_results", args=[attitude.slug]),
        reverse("evaluation:region_results", args=[region.slug, attitude.slug]),
        reverse("evaluation:survey_distribution", args=[network.slug]),
        reverse("evaluation:reports"),
        reverse("evaluation:report", args=[report.pk]),
    ]
    failed = {url: client.get(url).status_code for url in pages}
    assert {url: code for url, code in failed.items() if code != 200} == {}


def test_loading_the_chapter_again_adds_nothing(demo):
    from inklusiv.demo import evaluation

    before = Response.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count()
    assert evaluation.load() == []
    assert (
        Response.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
    ) == before
    assert before[0] > 12 * 150
