"""The evaluation's start pages and the impact model's pages in Chromium: zero axe-core
violations (WCAG 2.2 AA) in German and in English."""

import pytest

from inklusiv.evaluation.services import impact as services
from tests.browser.conftest import axe_violations, log_in

from .test_impact import make_indicator, make_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["de", "en"])
def test_impact_pages_have_no_axe_violations(page, live_server, eworld, language):
    model = make_model(eworld)
    services.add_element(actor=eworld.evaluator, model=model, level="input", title="Zeit und Geld")
    services.add_element(
        actor=eworld.evaluator,
        model=model,
        level="outcome",
        step=5,
        title="Begegnung im Alltag mit einem längeren Titel, der umbricht",
        goals=[eworld.goals[0]],
    )
    make_indicator(eworld.region, "I1", step=3).goals.add(eworld.goals[0])
    services.create_model(actor=eworld.evaluator, region=None, title="Programm")
    base = f"{live_server.url}/{language}/evaluation"
    slug = eworld.region.slug
    violations = []
    log_in(page.context, live_server, eworld.evaluator)
    for address in [
        f"{base}/",
        f"{base}/region/{slug}/",
        f"{base}/region/{slug}/wirkungsmodell/",
        f"{base}/wirkungsmodell/",
        f"{base}/wirkungsmodell/{model.pk}/bearbeiten/",
        f"{base}/wirkungsmodell/{model.pk}/elemente/neu/",
        f"{base}/wirkungsmodell/elemente/{model.elements.first().pk}/entfernen/",
    ]:
        response = page.goto(address)
        assert response.status == 200, address
        violations += axe_violations(page)
    # A region without a model: the creation form, and the upload page.
    log_in(page.context, live_server, eworld.other_coordinator)
    for address in [
        f"{base}/region/{eworld.other_region.slug}/wirkungsmodell/",
        f"{base}/region/{eworld.other_region.slug}/wirkungsmodell/vorlage-uebernehmen/",
    ]:
        response = page.goto(address)
        assert response.status == 200, address
        violations += axe_violations(page)
    # The form with an error: its summary and the field's message.
    log_in(page.context, live_server, eworld.evaluator)
    page.goto(f"{base}/wirkungsmodell/{model.pk}/elemente/neu/")
    page.locator("#id_level_1").check()
    page.locator("#id_step").select_option("6")
    page.locator("#id_title").fill("Falsch")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    violations += axe_violations(page)
    assert violations == []
