"""Whole flows in a real browser: by keyboard alone, without JavaScript, in both languages."""

import re

import pytest
from django.core import mail

from inklusiv.accounts.models import Membership, Organisation, Role, RoleGrant, User
from tests.factories import PASSWORD, UserFactory, make_user, totp_code

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching selector has focus; fail if it never does."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached by keyboard")


def press_enter_and_wait(page):
    """Submit with the keyboard and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def link_in_last_mail(pattern):
    body = mail.outbox[-1].body
    match = re.search(pattern, body)
    assert match, body
    return match.group(0)


def test_axe_helper_reports_a_real_violation(page, live_server):
    page.goto(live_server.url + "/de/")
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    violations = axe_violations(page)
    assert any("image-alt" in violation for violation in violations)
    assert any("html-has-lang" in violation for violation in violations)


def test_skip_link_is_first_stop_and_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/de/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Hauptinhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_keeps_the_page(page, live_server):
    page.goto(live_server.url + "/de/accessibility/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() == "Erklärung zur Barrierefreiheit"
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/accessibility/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Accessibility statement"


@pytest.mark.parametrize(
    "language, texts",
    [
        ("de", {"confirm": "Bestätigen", "hello": "Hallo"}),
        ("en", {"confirm": "Confirm", "hello": "Hello"}),
    ],
)
def test_register_verify_and_create_organisation_by_keyboard(page, live_server, language, texts):
    page.goto(f"{live_server.url}/{language}/accounts/signup/")
    type_into(page, "#id_email", "neu@verein-neuruppin.example")
    type_into(page, "#id_name", "Paula Neumann")
    type_into(page, "#id_password1", "Ein-gutes-Passwort-2016")
    type_into(page, "#id_password2", "Ein-gutes-Passwort-2016")
    press_enter_and_wait(page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neu@verein-neuruppin.example"]

    page.goto(link_in_last_mail(r"http://\S+/accounts/confirm-email/\S+"))
    tab_to(page, "main button[type=submit]")
    assert texts["confirm"] in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert texts["hello"] in page.locator("h1").inner_text()
    user = User.objects.get(email="neu@verein-neuruppin.example")
    assert user.language == language

    page.goto(f"{live_server.url}/{language}/organisations/new/")
    type_into(page, "#id_name", "Inklusion Neuruppin e.V.")
    tab_to(page, "#id_legal_form")
    page.keyboard.press("ArrowDown")
    type_into(page, "#id_street", "Schinkelstraße 3")
    type_into(page, "#id_postcode", "16816")
    type_into(page, "#id_city", "Neuruppin")
    tab_to(page, "#id_state")
    page.locator("#id_state").select_option("BB")
    tab_to(page, "#id_fields_of_work_0")
    page.keyboard.press("Space")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/organisations/\d+/$"))
    organisation = Organisation.objects.get(name="Inklusion Neuruppin e.V.")
    assert organisation.state == "BB"
    assert organisation.fields_of_work == ["children_youth"]
    assert Membership.objects.get(organisation=organisation).user == user


def test_staff_login_asks_for_the_second_factor(page, live_server):
    make_user(Role.FUNDER_STAFF, email="staff@inklusiv.example", name="Miriam Albers")
    page.goto(live_server.url + "/de/accounts/login/")
    type_into(page, "#id_login", "staff@inklusiv.example")
    type_into(page, "#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert axe_violations(page) == []
    type_into(page, "#id_code", totp_code())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.get_by_role("link", name="Personen", exact=True).is_visible()


def test_staff_without_authenticator_must_set_one_up(page, live_server):
    user = UserFactory(email="neu-staff@inklusiv.example")
    RoleGrant.objects.create(user=user, role=Role.FUNDER_STAFF)
    page.goto(live_server.url + "/de/accounts/login/")
    type_into(page, "#id_login", user.email)
    type_into(page, "#id_password", PASSWORD)
    press_enter_and_wait(page)
    page.goto(live_server.url + "/de/staff/users/")
    # allauth asks for the password once more before an authenticator may be added.
    assert "/accounts/reauthenticate/" in page.url
    type_into(page, "#id_password", PASSWORD)
    press_enter_and_wait(page)
    assert "/accounts/2fa/totp/activate/" in page.url
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    type_into(page, "#id_code", totp_code(secret))
    press_enter_and_wait(page)
    page.goto(live_server.url + "/de/staff/users/")
    assert page.url.endswith("/de/staff/users/")
    assert page.locator("h1").inner_text() == "Personen"


def test_wrong_password_is_explained_and_error_summary_takes_focus(page, live_server):
    make_user(None, email="person@example.org")
    page.goto(live_server.url + "/en/accounts/login/")
    type_into(page, "#id_login", "person@example.org")
    type_into(page, "#id_password", "not-the-password")
    press_enter_and_wait(page)
    summary = page.locator("[data-error-summary]")
    assert "not correct" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    assert page.locator("#id_login").input_value() == "person@example.org"
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path, language",
    [
        ("/de/accounts/signup/", "de"),
        ("/en/accessibility/", "en"),
        ("/de/organisations/new/", "de"),
        ("/en/organisations/new/", "en"),
    ],
)
def test_form_error_states_pass_axe(page, live_server, context, path, language):
    if "organisations" in path:
        log_in(context, live_server, make_user(None))
    page.goto(live_server.url + path)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    first_link = summary.locator("a").first
    first_link.click()
    target_id = first_link.get_attribute("href").lstrip("#")
    assert page.evaluate("document.activeElement.id") == target_id
    assert axe_violations(page) == []


def test_organisation_and_members_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        user = make_user(None, email="ohne-js@example.org", name="Nora Ohnejs")
        log_in(context, live_server, user)
        page = context.new_page()
        page.goto(live_server.url + "/de/organisations/new/")
        page.fill("#id_name", "Ohne Skript e.V.")
        page.select_option("#id_legal_form", "ev")
        page.fill("#id_street", "Am Markt 1")
        page.fill("#id_postcode", "123")
        page.fill("#id_city", "Wittstock")
        page.select_option("#id_state", "BB")
        page.click("main button[type=submit]")
        assert "fünf Ziffern" in page.locator("[data-error-summary]").inner_text()
        assert page.locator("#id_name").input_value() == "Ohne Skript e.V."
        page.fill("#id_postcode", "16909")
        page.click("main button[type=submit]")
        assert page.locator("h1").inner_text() == "Ohne Skript e.V."

        page.get_by_role("link", name="Mitglied hinzufügen").click()
        page.fill("#id_email", "kollegin@example.org")
        page.fill("#id_name", "Karla Kollegin")
        page.click("main button[type=submit]")
        assert "kollegin@example.org" in page.locator("main table").inner_text()
        invitation = mail.outbox[-1]
        assert invitation.to == ["kollegin@example.org"]
        assert "/de/accounts/password/reset/key/" in invitation.body
    finally:
        context.close()


def test_print_view_hides_navigation_and_keeps_content(page, live_server, context):
    log_in(context, live_server, make_user(Role.FUNDER_STAFF))
    page.goto(live_server.url + "/de/accessibility/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer nav").is_visible()
    assert not page.locator(".skip-link").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("main address").first.is_visible()
