"""The survey results pages and the reports in Chromium: zero axe-core violations (WCAG 2.2 AA)
in German and in English, with hidden cells, breakdowns and a form with an error."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.evaluation.models import EvaluationReport
from tests.browser.conftest import axe_violations, log_in
from tests.evaluation.conftest import make_responses

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill(survey, eworld):
    make_responses(
        survey, eworld.region, [{"behinderung": 1, "einst1": 4, "alter": 30, "barriere": 2}] * 6
    )
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 3, "orte": [1, 3]}] * 7)
    make_responses(survey, eworld.other_region, [{"behinderung": 2, "einst1": 5}] * 6)
    make_responses(survey, eworld.other_region, [{"behinderung": 1, "einst1": 1}] * 2)


@pytest.mark.parametrize("language", ["de", "en"])
def test_results_and_report_pages_have_no_axe_violations(
    page,
    live_server,
    eworld,
    survey,
    language,
):
    fill(survey, eworld)
    report = EvaluationReport.objects.create(
        region=eworld.region,
        title="Zwischenbericht",
        first_period="2017-H1",
        last_period="2017-H2",
        summary="Zusammenfassung",
        summary_easy="Leichte Sprache",
        status=EvaluationReport.Status.RELEASED,
    )
    report.surveys.set([survey])
    log_in(page.context, live_server, eworld.evaluator)
    with translation.override(language):
        results_url = reverse("evaluation:survey_results", args=[survey.slug])
        region_url = reverse("evaluation:region_results", args=[eworld.region.slug, survey.slug])
        addresses = [
            results_url,
            results_url + "?breakdown=behinderung",
            results_url + f"?breakdown=region&region={eworld.region.slug}",
            region_url,
            region_url + "?breakdown=behinderung",
            reverse("evaluation:reports"),
            reverse("evaluation:report", args=[report.pk]),
            reverse("evaluation:report_add"),
        ]
        add_url = reverse("evaluation:report_add")
    problems = []
    for address in addresses:
        response = page.goto(live_server.url + address)
        assert response.status == 200, address
        problems += [f"{address}: {v}" for v in axe_violations(page)]
    # the form with an error: submitted without a title
    page.goto(live_server.url + add_url)
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    problems += [f"{add_url} (error): {v}" for v in axe_violations(page)]
    assert problems == [], "\n".join(problems)
