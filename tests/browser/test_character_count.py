"""The GOV.UK character count: a live, politely announced count on limited fields that never
stops the typing, and stays a plain hint without JavaScript."""

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_count_follows_typing_and_goes_past_the_limit(page, live_server):
    page.goto("/de/accessibility/")
    field = page.locator("#id_message")
    status = page.locator("#id_message ~ .character-count__status")
    live = page.locator("#id_message ~ [aria-live=polite]")

    assert field.get_attribute("maxlength") is None  # no hard stop that cuts pasted text
    assert status.inner_text() == "Sie haben noch 5.000 Zeichen"

    field.fill("Der Knopf „Absenden“ ist mit der Tastatur nicht erreichbar.")
    assert status.inner_text() == "Sie haben noch 4.941 Zeichen"
    # Announced once typing pauses, not at every key.
    page.wait_for_function(
        "el => el.textContent === 'Sie haben noch 4.941 Zeichen'", arg=live.element_handle()
    )

    field.fill("x" * 5001)
    assert status.inner_text() == "Sie haben 1 Zeichen zu viel"
    assert "kern-error" in status.get_attribute("class")
    field.fill("x" * 4999 + "\n")  # a line break is sent as two characters, as the server counts
    assert status.inner_text() == "Sie haben 1 Zeichen zu viel"

    assert axe_violations(page) == []


def test_one_line_field_counts_only_near_its_limit(page, live_server):
    page.goto("/de/accessibility/")
    hint = page.locator("#id_page_url-count")
    status = page.locator("#id_page_url ~ .character-count__status")
    page.locator("#id_page_url").fill("/de/calls/")
    assert hint.is_visible() and hint.inner_text() == "Höchstens 500 Zeichen"
    assert status.inner_text() == ""
    page.locator("#id_page_url").fill("x" * 450)
    assert status.inner_text() == "Sie haben noch 50 Zeichen"
