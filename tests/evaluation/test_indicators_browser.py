"""The indicators' pages in Chromium: zero axe-core violations (WCAG 2.2 AA) in German and in
English, on the programme's and a region's IPTT, an indicator's page with its chart and
history, and the values form showing an error."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.evaluation.services import indicators as services
from tests.browser.conftest import axe_violations, log_in

from .indicators_fixtures import fill, make_indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["de", "en"])
def test_indicator_pages_have_no_axe_violations(page, context, live_server, eworld, language):
    programme = make_indicator(None, code="PR1", disaggregations=[], baseline=None)
    own = make_indicator(eworld.region, code="N1", contributes_to=programme)
    fill(own, ["2017-H1", "2017-H2", "2018-H1"], target=Decimal(20), value=Decimal(18))
    services.enter_value(
        actor=eworld.evaluator,
        indicator=own,
        period="2017-H2",
        value=25,
        source="neue Liste",
        comment="Nachmeldung",
    )
    services.enter_value(
        actor=eworld.evaluator,
        indicator=own,
        period="2017-H2",
        value=7,
        source="Liste",
        category="disability:with",
    )
    log_in(context, live_server, eworld.evaluator)
    with translation.override(language):
        urls = [
            reverse("evaluation:indicators"),
            reverse("evaluation:region_indicators", args=[eworld.region.slug]),
            reverse("evaluation:indicator", args=[own.pk]),
            reverse("evaluation:indicator", args=[programme.pk]),
            reverse("evaluation:indicator_targets", args=[own.pk]),
            reverse("evaluation:indicator_edit", args=[own.pk]),
        ]
        values_url = reverse("evaluation:indicator_values", args=[own.pk])
    problems = []
    for url in urls:
        response = page.goto(live_server.url + url)
        if response.status >= 400:
            problems.append(f"{url}: HTTP {response.status}")
            continue
        problems += axe_violations(page)
    page.goto(live_server.url + values_url + "?period=2017-H2")
    page.fill("#id_value", "30")
    page.click("button[type=submit].kern-btn--primary")
    assert page.locator(".error-summary").count() == 1
    problems += axe_violations(page)
    assert problems == [], "\n".join(problems)
