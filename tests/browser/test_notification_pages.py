"""The notification pages in a real browser: inbox, a notification, the settings and the
one-click unsubscribe page, in German and English, with no axe violation, by keyboard and
without JavaScript."""

import pytest
from django.core import mail

from inklusiv.notifications import services, tokens
from inklusiv.notifications.models import Notification, Preference
from tests.factories import ApplicationFactory, make_user

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en"]


def _person():
    person = make_user("applicant", email="petra@verein.example", name="Petra Person")
    for kind in ("visits.reminder", "applications.message"):
        services.notify(
            kind=kind,
            recipients=[person],
            context={
                "application": ApplicationFactory(organisation=person.organisations.first()),
                "user": person,
                "message": {"subject": "Bitte ergänzen Sie den Finanzplan", "body": "Danke."},
            },
        )
    return person


@pytest.mark.parametrize("language", LANGUAGES)
def test_inbox_and_settings_by_keyboard_without_violations(page, context, live_server, language):
    person = _person()
    log_in(context, live_server, person)
    base = f"{live_server.url}/{language}/notifications/"

    page.goto(base)
    assert axe_violations(page) == [], page.url
    # The header's link carries the unread count.
    assert ("2 ungelesen" if language == "de" else "2 unread") in page.locator(
        ".site-account"
    ).inner_text()
    first = Notification.objects.filter(user=person).first()
    tab_to(page, f"main a[href$='/notifications/{first.pk}/']", limit=100)
    press_enter_and_wait(page)
    assert axe_violations(page) == [], page.url
    first.refresh_from_db()
    assert first.read_at is not None

    page.goto(base + "settings/")
    assert axe_violations(page) == [], page.url
    # Tab reaches a radio group at its checked choice; the arrow keys move within it.
    tab_to(page, "input[name='visits.reminder'][value='immediately']", limit=100)
    page.keyboard.press("ArrowDown")
    tab_to(page, "main form button[type=submit]", limit=100)
    press_enter_and_wait(page)
    assert axe_violations(page) == [], page.url
    assert Preference.objects.get(user=person, kind="visits.reminder").choice == "digest"


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribe_without_signing_in_and_without_javascript(browser, live_server, language):
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, java_script_enabled=False
    )
    try:
        person = _person()
        mail.outbox.clear()
        page = context.new_page()
        token = tokens.make_token(kind="visits.reminder", user=person)
        page.goto(f"{live_server.url}/{language}/notifications/unsubscribe/{token}/")
        tab_to(page, "main form button[type=submit]", limit=100)
        press_enter_and_wait(page)
        assert Preference.objects.get(user=person, kind="visits.reminder").choice == "off"
        assert ("Abgemeldet" if language == "de" else "Unsubscribed") in page.locator(
            "h1"
        ).inner_text()
        page.goto(f"{live_server.url}/{language}/notifications/unsubscribe/{token}x/")
        assert page.locator("h1").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribe_pages_have_no_violations(page, live_server, language):
    person = _person()
    token = tokens.make_token(kind="visits.reminder", user=person)
    url = f"{live_server.url}/{language}/notifications/unsubscribe/{token}/"
    page.goto(url)
    assert axe_violations(page) == [], page.url
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert axe_violations(page) == [], page.url
    response = page.goto(url.replace(token, token[:-3] + "abc"))
    assert response.status == 400
    assert axe_violations(page) == [], page.url
