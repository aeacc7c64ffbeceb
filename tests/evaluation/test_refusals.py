"""No one sees what is not theirs in the evaluation: a walk over every URL of the app (from the
URL resolver, so a new page is covered the day it is added; a page this test does not know
fails it until a scenario is added below).

- A region's evaluation (its tab, impact model, indicators, survey results, released reports)
  is read by whoever may read the region: its reader opens it; the other region's coordinator,
  the other region's coach and a signed-in outsider are refused (403/404).
- The programme's pages (all regions' indicators, the programme's model, every survey's results,
  the exports, the reports' list) and the survey builder are for the evaluators, the funder's
  staff and (reading) the programme experts: everyone of the region side is refused.
- Writing is refused to readers and strangers, and a refused POST writes nothing, not even to
  the audit log.
- Respondents need no account: a survey's link opens that survey only; a wrong link is 404.
"""

import hashlib
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inklusiv.core.models import AuditEntry
from inklusiv.evaluation import urls as evaluation_urls
from inklusiv.evaluation.models import (
    Draft,
    EvaluationReport,
    ImpactElement,
    ImpactModel,
    Indicator,
    IndicatorValue,
    Question,
    Survey,
)
from tests.evaluation.conftest import make_responses, make_survey

pytestmark = pytest.mark.django_db

RESUME = "resume-token-of-a-respondent-in-neuruppin"

# Pages of one region, read by whoever may read that region.
REGION_READ = {
    "region",
    "region_model",
    # The model as a template for others: its structure, no values and no people.
    "model_json",
    "model_pdf",
    "region_indicators",
    "indicator",
    "region_results",
    "report",
    "report_pdf",
}
# Programme pages and the survey builder: the evaluation's own people only.
PROGRAMME = {
    "home",
    "programme_model",
    "indicators",
    "indicators_csv",
    "indicators_xlsx",
    "indicator_add",
    "surveys",
    "survey_add",
    "survey",
    "survey_edit",
    "survey_transition",
    "survey_copy",
    "section_add",
    "section_edit",
    "section_delete",
    "question_add",
    "question_edit",
    "question_delete",
    "question_video",
    "survey_distribution",
    "invitations_remind",
    "survey_results",
    "survey_csv",
    "survey_codebook",
    "survey_sav",
    "reports",
    "report_add",
    "report_edit",
    "report_release",
}
# Writes about one region: its editors, its coach and the evaluation's people.
REGION_WRITE = {
    "model_edit",
    "element_add",
    "element_edit",
    "element_delete",
    "model_import",
    "region_indicator_add",
    "indicator_edit",
    "indicator_targets",
    "indicator_values",
    "value_correct",
}
# The respondents' pages: the link is the key.
TOKEN = {"answer_start", "answer", "answer_language", "answer_video", "answer_thanks"}
CONTRACT = REGION_READ | PROGRAMME | REGION_WRITE | TOKEN

STRANGERS = ["outsider", "other_coordinator", "other_coach"]


@pytest.fixture
def objects(eworld):
    survey = make_survey(eworld)
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 4}] * 6)
    model = ImpactModel.objects.create(region=eworld.region, title="Wirkungsmodell Neuruppin")
    element = ImpactElement.objects.create(
        model=model, level="outcome", step=4, title="Vereine kennen Barrieren"
    )
    indicator = Indicator.objects.create(
        region=eworld.region,
        code="N1",
        name="Barrierefreie Gebäude",
        definition="Anzahl öffentlicher Gebäude ohne Stufen",
        unit="count",
        direction="higher",
        data_source="Bauamt",
        step=2,
    )
    value = IndicatorValue.objects.create(
        indicator=indicator,
        period="2017-H2",
        value=Decimal("4"),
        source="Bauamt",
        entered_by=eworld.coordinator,
        entered_at=timezone.now(),
    )
    report = EvaluationReport.objects.create(
        region=eworld.region,
        title="Zwischenbericht Neuruppin",
        first_period="2017-H1",
        last_period="2018-H2",
        status=EvaluationReport.Status.RELEASED,
        released_at=timezone.now(),
    )
    draft = Draft.objects.create(
        survey=survey,
        region=eworld.region,
        token_hash=hashlib.sha256(RESUME.encode()).hexdigest(),
        updated_on=timezone.localdate(),
    )
    other = make_survey(eworld, slug="fragebogen-jugendcamp", status=Survey.Status.DRAFT)
    return {
        "survey": survey,
        "other_survey": other,
        "model": model,
        "element": element,
        "indicator": indicator,
        "value": value,
        "report": report,
        "draft": draft,
        "section": survey.sections.first(),
        "question": Question.objects.filter(section__survey=survey).first(),
    }


def _scenarios(eworld, o) -> dict[str, list[dict]]:
    region = {"slug": eworld.region.slug}
    survey = {"slug": o["survey"].slug}
    return {
        "home": [{}],
        "region": [region],
        "programme_model": [{}],
        "region_model": [region],
        "model_edit": [{"pk": o["model"].pk}],
        "element_add": [{"pk": o["model"].pk}],
        "element_edit": [{"pk": o["element"].pk}],
        "element_delete": [{"pk": o["element"].pk}],
        "model_json": [{"pk": o["model"].pk}],
        "model_pdf": [{"pk": o["model"].pk}],
        "model_import": [region],
        "indicators": [{}],
        "indicators_csv": [{}],
        "indicators_xlsx": [{}],
        "indicator_add": [{}],
        "region_indicators": [region],
        "region_indicator_add": [region],
        "indicator": [{"pk": o["indicator"].pk}],
        "indicator_edit": [{"pk": o["indicator"].pk}],
        "indicator_targets": [{"pk": o["indicator"].pk}],
        "indicator_values": [{"pk": o["indicator"].pk}],
        "value_correct": [{"pk": o["value"].pk}],
        "surveys": [{}],
        "survey_add": [{}],
        "survey": [survey],
        "survey_edit": [survey],
        "survey_transition": [
            {**survey, "to": "closed"},
            {"slug": o["other_survey"].slug, "to": "open"},
        ],
        "survey_copy": [survey],
        "section_add": [survey],
        "section_edit": [{"pk": o["section"].pk}],
        "section_delete": [{"pk": o["section"].pk}],
        "question_add": [{"pk": o["section"].pk}],
        "question_edit": [{"pk": o["question"].pk}],
        "question_delete": [{"pk": o["question"].pk}],
        "question_video": [{"pk": o["question"].pk}],
        "survey_distribution": [survey],
        "invitations_remind": [survey],
        "survey_results": [survey],
        "region_results": [{"slug": eworld.region.slug, "survey": o["survey"].slug}],
        "survey_csv": [survey],
        "survey_codebook": [survey],
        "survey_sav": [survey],
        "reports": [{}],
        "report_add": [{}],
        "report": [{"pk": o["report"].pk}],
        "report_edit": [{"pk": o["report"].pk}],
        "report_release": [{"pk": o["report"].pk}],
        "report_pdf": [{"pk": o["report"].pk}],
        "answer_start": [{"token": f"{o['survey'].slug}-oeffentlich-0"}],
        "answer": [{"token": RESUME}],
        "answer_language": [{"token": RESUME}],
        "answer_video": [{"token": RESUME, "question": o["question"].pk}],
        "answer_thanks": [survey],
    }


def _urls(eworld, o) -> list[tuple[str, str]]:
    scenarios = _scenarios(eworld, o)
    urls = []
    for pattern in evaluation_urls.urlpatterns:
        name = pattern.name
        assert name in scenarios and name in CONTRACT, (
            f"evaluation:{name} is new: add a scenario for it to {__name__} "
            "(its arguments in _scenarios and who may open it)"
        )
        for kwargs in scenarios[name]:
            expected = set(pattern.pattern.converters)
            assert set(kwargs) == expected, f"{name}: teach this test the arguments {expected}"
            urls.append((name, reverse(f"evaluation:{name}", kwargs=kwargs)))
    return urls


def _last_audit() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_page_of_the_contract_exists():
    names = {pattern.name for pattern in evaluation_urls.urlpatterns}
    assert CONTRACT - names == set()


@pytest.mark.parametrize("who", STRANGERS)
def test_strangers_to_the_region_are_refused_everything_and_write_nothing(
    client, eworld, objects, who
):
    client.force_login(getattr(eworld, who))
    last = _last_audit()
    for name, url in _urls(eworld, objects):
        if name in TOKEN:
            continue
        assert client.get(url).status_code in (403, 404), (who, name, "GET")
        assert client.post(url, {"title": "x", "value": "1"}).status_code in (403, 404, 405), (
            who,
            name,
            "POST",
        )
    assert list(AuditEntry.objects.filter(pk__gt=last).values_list("action", flat=True)) == []


def test_a_reader_of_the_region_reads_its_evaluation_and_nothing_else(client, eworld, objects):
    client.force_login(eworld.reader)
    last = _last_audit()
    for name, url in _urls(eworld, objects):
        if name in TOKEN:
            continue
        status = client.get(url).status_code
        if name in REGION_READ:
            assert status == 200, (name, url)
        else:
            assert status in (403, 404), (name, "GET", status)
        if name not in REGION_READ:
            assert client.post(url, {"title": "x", "value": "1"}).status_code in (403, 404, 405), (
                name,
                "POST",
            )
    # What they read is recorded (the template and the report downloaded), nothing else.
    actions = set(AuditEntry.objects.filter(pk__gt=last).values_list("action", flat=True))
    assert actions <= {"evaluation_impact_model_exported", "evaluation_report_downloaded"}


def test_anonymous_people_are_sent_to_sign_in_except_on_the_respondents_pages(
    client, eworld, objects
):
    for name, url in _urls(eworld, objects):
        response = client.get(url)
        if name in TOKEN:
            # Switching the language is a form's POST; the question has no video.
            expected = {"answer_language": 405, "answer_video": 404}.get(name, 200)
            assert response.status_code in (expected, 302), (name, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" not in response["Location"], name
        else:
            assert response.status_code in (302, 404), (name, response.status_code)
            if response.status_code == 302:
                assert "/accounts/login/" in response["Location"], name


def test_a_link_opens_its_own_survey_only(client, eworld, objects):
    survey, other = objects["survey"], objects["other_survey"]
    body = client.get(reverse("evaluation:answer", args=[RESUME])).content.decode()
    assert survey.title in body or survey.title_easy in body
    assert other.slug not in body
    for token in ("falsch", RESUME + "x"):
        assert client.get(reverse("evaluation:answer_start", args=[token])).status_code == 404
        assert client.get(reverse("evaluation:answer", args=[token])).status_code == 404
    # The other survey is a draft: its public link says so and shows none of its questions.
    early = client.get(reverse("evaluation:answer_start", args=[f"{other.slug}-oeffentlich-0"]))
    assert early.status_code in (403, 404)
    assert "Wie alt sind Sie?" not in early.content.decode()


def test_a_programme_expert_reads_every_regions_evaluation_not_only_their_own(
    client, eworld, objects
):
    from tests.factories import make_user

    client.force_login(make_user("programme_expert", email="andere@inklusiv.example"))
    for name, url in _urls(eworld, objects):
        if name in REGION_READ:
            assert client.get(url).status_code == 200, name
