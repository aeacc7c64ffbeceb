"""Answering the conftest survey in Chromium: skip logic, keyboard alone, pausing and resuming
in a new browser, without JavaScript, in Leichte Sprache, the error summary, and axe (WCAG 2.2
AA) on every respondent page in German and English."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.evaluation.models import Answer, Response
from tests.browser.conftest import axe_violations

from .answer_fixtures import PUBLIC

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def start_url(live_server, language="de"):
    with translation.override(language):
        return live_server.url + reverse("evaluation:answer_start", args=[PUBLIC])


def begin(page, live_server, language="de"):
    """Open the public link and press its start button (the link alone starts nothing)."""
    page.goto(start_url(live_server, language))
    page.locator("button[name=leicht][value='0']").click()
    page.wait_for_selector("#q-behinderung-0")


def tab_to(tab, selector, limit=120):
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_with_skip_logic_and_sending(page, live_server, survey):
    page.goto(start_url(live_server))
    assert page.locator("h1").inner_text() == survey.title
    tab_to(page, "button[name=leicht][value='0']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#q-behinderung-0")
    tab_to(page, "#q-behinderung-0")
    page.keyboard.press("Space")
    tab_to(page, "#q-alter")
    page.keyboard.type("41")
    tab_to(page, "button[value=next]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#q-einst1-0")
    # "ja": the barrier question appears on the next section.
    assert page.get_by_text("Welche Barriere trifft Sie am meisten?").is_visible()
    tab_to(page, "#q-einst1-0")
    page.keyboard.press("Space")
    tab_to(page, "#q-orte-0")
    page.keyboard.press("Space")
    tab_to(page, "#q-barriere-0")
    page.keyboard.press("Space")
    tab_to(page, "#q-ideen")
    page.keyboard.type("Mehr Rampen am Bahnhof")
    tab_to(page, "button[value=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/umfrage/danke/{survey.slug}/")
    response = Response.objects.get()
    assert response.invitation is None and response.submitted_at is None
    assert set(Answer.objects.values_list("question__code", flat=True)) == {
        "behinderung",
        "alter",
        "einst1",
        "orte",
        "barriere",
        "ideen",
    }
    assert axe_violations(page) == []


def test_without_javascript_no_barrier_question_after_no(browser, live_server, survey):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True, locale="de-DE"
    )
    page = context.new_page()
    begin(page, live_server)
    page.get_by_label("nein").check()
    page.locator("button[value=next]").click()
    page.wait_for_selector("#q-einst1-0")
    assert page.get_by_text("Welche Barriere").count() == 0
    page.locator("#q-einst1-2").check()
    page.locator("button[value=submit]").click()
    page.wait_for_url(f"**/umfrage/danke/{survey.slug}/")
    assert not Answer.objects.filter(question__code="barriere").exists()
    assert Answer.objects.get(question__code="behinderung").choice == 2
    context.close()


def test_pause_and_resume_in_a_new_browser(browser, page, live_server, survey):
    begin(page, live_server)
    page.locator("#q-behinderung-0").check()
    page.locator("#q-alter").fill("67")
    page.locator("button[value=next]").click()
    page.wait_for_selector("#q-einst1-0")
    page.locator("#q-einst1-4").check()
    page.locator("#q-orte-1").check()
    page.locator("button[value=later]").click()
    page.wait_for_url("**gespeichert=1")
    assert axe_violations(page) == []
    resume = page.locator(".answer-resume__url a").inner_text()
    assert "/umfrage/weiter/" in resume

    fresh = browser.new_context(bypass_csp=True, locale="de-DE")
    other = fresh.new_page()
    other.goto(resume)
    assert other.locator("#q-einst1-4").is_checked()
    assert other.locator("#q-orte-1").is_checked()
    assert other.get_by_text("Welche Barriere trifft Sie am meisten?").is_visible()
    other.locator("button[value=back]").click()
    other.wait_for_selector("#q-alter")
    assert other.locator("#q-alter").input_value() == "67"
    assert other.locator("#q-behinderung-0").is_checked()
    fresh.close()


def test_leichte_sprache_shows_the_easy_texts(page, live_server, survey):
    begin(page, live_server)
    page.get_by_role("button", name="Leichte Sprache").click()
    page.wait_for_selector("text=Haben Sie eine Behinderung?")
    assert page.locator("h1").inner_text() == "Was denken Sie über Inklusion?"
    assert page.get_by_label("ja (leicht)").count() == 1
    assert axe_violations(page) == []
    page.get_by_label("ja (leicht)").check()
    page.locator("button[value=next]").click()
    page.wait_for_selector("text=Welches Hindernis ist am schlimmsten?")
    assert page.get_by_text("Menschen mit Behinderung gehören zu unserem Ort.").is_visible()


def test_error_summary_after_an_empty_required_answer(page, live_server, survey):
    begin(page, live_server)
    page.locator("#q-alter").fill("12")
    page.locator("button[value=next]").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert summary.get_by_role("link").count() == 2
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "q-behinderung-0"
    assert page.locator("#q-alter").input_value() == "12"
    assert page.title().startswith("Fehler")


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_answer_page_passes_axe(page, live_server, survey, language):
    page.goto(start_url(live_server, language))
    assert axe_violations(page) == []  # the start page
    page.locator("button[name=leicht][value='0']").click()
    page.wait_for_selector("#q-behinderung-0")
    assert axe_violations(page) == []
    page.locator("button[value=next]").click()  # errors
    page.locator("[data-error-summary]").wait_for()
    assert axe_violations(page) == []
    page.locator("#q-behinderung-0").check()
    page.locator("button[value=next]").click()
    page.wait_for_selector("#q-einst1-0")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Leichte Sprache").click()
    page.wait_for_selector("#q-einst1-0")
    assert axe_violations(page) == []
    page.locator("button[value=later]").click()
    page.wait_for_url("**gespeichert=1")
    assert axe_violations(page) == []
    page.goto(page.locator(".answer-resume__url a").inner_text())
    page.locator("#q-einst1-0").check()
    page.locator("button[value=submit]").click()
    page.wait_for_url("**/umfrage/danke/**")
    assert axe_violations(page) == []
    with translation.override(language):
        page.goto(live_server.url + reverse("evaluation:answer", args=["falsch"]))
    assert axe_violations(page) == []


def test_every_step_reads_without_sideways_scrolling_at_400_percent_zoom(
    browser, live_server, survey
):
    """1280 px at 400 % zoom are 320 CSS pixels: the start page, both sections with their
    error summary, the saved page and the thank-you page fit the width."""
    from tests.browser.test_reflow import OVERFLOW

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, locale="de-DE"
    )
    page = context.new_page()

    def fits():
        result = page.evaluate(OVERFLOW)
        assert result["scrollWidth"] <= result["clientWidth"], (page.url, result["culprits"])

    page.goto(start_url(live_server))
    fits()
    page.locator("button[name=leicht][value='0']").click()
    page.wait_for_selector("#q-behinderung-0")
    fits()
    page.locator("button[value=next]").click()
    page.locator("[data-error-summary]").wait_for()
    fits()
    page.locator("#q-behinderung-0").check()
    page.locator("button[value=next]").click()
    page.wait_for_selector("#q-einst1-0")
    fits()
    page.locator("button[value=later]").click()
    page.wait_for_url("**gespeichert=1")
    fits()
    page.goto(page.locator(".answer-resume__url a").inner_text())
    page.locator("#q-einst1-3").check()
    page.locator("button[value=submit]").click()
    page.wait_for_url(f"**/umfrage/danke/{survey.slug}/")
    fits()
    context.close()
