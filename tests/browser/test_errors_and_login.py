"""In the browser: the login form's Tab order, a form too large to send (warned before sending
with JavaScript, the server's 413 page without it, the input kept either way), and the error
pages passing axe."""

import pytest
from django.conf import settings
from django.test import RequestFactory

from inklusiv.core.views import error_500

from .conftest import axe_violations

# Larger than the server accepts in one form, in words a person might have pasted.
OVERSIZED_WORDS = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 9 + 100
FILL_OVERSIZED = "n => { document.querySelector('#id_message').value = 'Barriere '.repeat(n); }"
MESSAGE_LENGTH = "() => document.querySelector('#id_message').value.length"


def active(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id || e.getAttribute('href') || e.getAttribute('type') || e.tagName; }"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_login_tab_order_is_email_password_then_forgotten_password(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.focus("#id_login")

    stops = []
    for _ in range(4):
        page.keyboard.press("Tab")
        stops.append(active(page))

    assert stops == [
        "id_password",
        "id_remember",
        f"/{lang}/accounts/password/reset/",
        "submit",
    ]
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_too_large_form_is_stopped_before_sending_and_keeps_the_text(page, live_server):
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else 0)
    page.goto(f"{live_server.url}/de/accessibility/")
    page.evaluate(FILL_OVERSIZED, OVERSIZED_WORDS)

    page.locator("form:has(#id_message) button[type=submit]").click()

    alert = page.locator("[data-form-size-alert]")
    alert.wait_for()
    assert "Dieses Formular ist zu groß zum Senden" in alert.inner_text()
    assert "2,5\xa0MB" in alert.inner_text()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-form-size-alert')")
    assert posts == []
    assert page.url.endswith("/de/accessibility/")
    assert page.evaluate(MESSAGE_LENGTH) == 9 * OVERSIZED_WORDS
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_too_large_form_without_the_warning_gets_the_413_page_and_back_keeps_the_text(
    page, live_server
):
    # As without JavaScript: the script that warns never loads; axe still runs on the page.
    page.route("**/static/core/form-size.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/en/accessibility/")
    page.evaluate(FILL_OVERSIZED, OVERSIZED_WORDS)

    with page.expect_navigation():
        page.locator("form:has(#id_message) button[type=submit]").click()

    assert page.locator("h1").inner_text() == "The form is too large to send"
    assert "Back button" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.go_back()
    page.wait_for_selector("#id_message")
    assert page.evaluate(MESSAGE_LENGTH) == 9 * OVERSIZED_WORDS


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_error_pages_pass_axe(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/calls/aufruf-2015-gibt-es-nicht-mehr/")
    assert axe_violations(page) == []

    # The 500 page as the server renders it after a failed form, served at a page address
    # so that its style sheets load.
    request = RequestFactory().post(
        f"/{lang}/accessibility/", {"message": "Der Kontrast ist zu schwach, bitte prüfen."}
    )
    body = error_500(request).content.decode()
    page.route(
        "**/server-error-sample/",
        lambda route: route.fulfill(status=500, body=body, content_type="text/html"),
    )
    page.goto(f"{live_server.url}/{lang}/server-error-sample/")
    assert page.locator("textarea[readonly]").input_value() == (
        "Der Kontrast ist zu schwach, bitte prüfen."
    )
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_form_with_an_outdated_token_explains_and_offers_the_text(page, context, live_server):
    page.goto(f"{live_server.url}/de/accessibility/")
    page.fill("#id_message", "Die Schaltflächen sind zu klein für meine Hand.")
    # What signing in in another tab does: the browser now holds a different token.
    context.add_cookies([{"name": "csrftoken", "value": "y" * 32, "url": live_server.url}])

    with page.expect_navigation():
        page.locator("form:has(#id_message) button[type=submit]").click()

    assert page.locator("h1").inner_text() == "Das Formular ist abgelaufen"
    assert page.locator("textarea[readonly]").input_value() == (
        "Die Schaltflächen sind zu klein für meine Hand."
    )
    assert axe_violations(page) == []
    page.get_by_role("link", name="Formular erneut öffnen").click()
    page.wait_for_url(f"{live_server.url}/de/accessibility/")
