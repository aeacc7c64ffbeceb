"""Signing in: no way past the second factor (no Django admin, superusers included), the first
staff account created with its authenticator, the login form's Tab order, and allauth's page
titles in our wording in both languages."""

import html
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Role, User
from inklusiv.core.models import AuditEntry
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, has_totp, totp_code

pytestmark = pytest.mark.django_db

STAFF_PAGES = ("accounts:staff_users", "core:audit_log", "core:outbox", "core:feedback_list")


@pytest.fixture(autouse=True)
def _german_urls():
    """reverse() follows the active language, which a request may have left at "en"."""
    with translation.override("de"):
        yield


def page_text(response) -> str:
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(content))


def title_and_heading(response) -> tuple[str, str]:
    content = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", content, re.S).group(1)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S).group(1)
    clean = [" ".join(html.unescape(text).split()) for text in (title, heading)]
    return clean[0].removesuffix(" – Inklusiv"), clean[1]


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def sign_in(client, user, lang="de"):
    return client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": PASSWORD})


# --- no Django admin, and no way past the second factor --------------------------------------


@pytest.mark.parametrize("path", ["/de/admin/", "/de/admin/login/", "/en/admin/", "/admin/"])
def test_the_django_admin_does_not_exist(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404


def test_a_password_alone_never_signs_a_superuser_in_at_the_admin(client):
    boss = User.objects.create_superuser("chef@inklusiv.example", PASSWORD)

    response = client.post(
        "/de/admin/login/?next=/de/admin/", {"username": boss.email, "password": PASSWORD}
    )

    assert response.status_code == 404
    assert not is_logged_in(client)


def test_superuser_with_authenticator_is_asked_for_the_code(client):
    boss = UserFactory(email="chef@inklusiv.example", is_superuser=True, is_staff=True)
    TOTP.activate(boss, TOTP_SECRET)

    response = sign_in(client, boss)

    assert response["Location"] == "/de/accounts/2fa/authenticate/"
    assert not is_logged_in(client)
    for name in STAFF_PAGES:
        assert client.get(reverse(name))["Location"].startswith("/de/accounts/login/")
    client.post("/de/accounts/2fa/authenticate/", {"code": totp_code()})
    assert client.session["_auth_user_id"] == str(boss.pk)


def test_superuser_without_a_role_must_set_up_the_second_factor(client):
    """A superuser may do everything (Django's has_perm), so the password alone must not
    open a single staff page, even without the funder staff role."""
    boss = UserFactory(email="chef@inklusiv.example", is_superuser=True, is_staff=True)

    response = sign_in(client, boss)
    assert is_logged_in(client)
    assert response.status_code == 302

    for name in STAFF_PAGES:
        page = client.get(reverse(name))
        assert page.status_code == 302, name
        assert page["Location"] == "/de/accounts/2fa/totp/activate/", name
    assert not has_totp(boss)


def test_wrong_passwords_lock_the_login(client, staff):
    for _attempt in range(5):
        sign_in_wrong = client.post(
            "/de/accounts/login/", {"login": staff.email, "password": "falsch-falsch-falsch"}
        )
        assert sign_in_wrong.status_code == 200

    response = sign_in(client, staff)

    assert response.status_code == 200
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page_text(response)
    assert not is_logged_in(client)


# --- the first staff account ------------------------------------------------------------------


def create_staff_user(monkeypatch, capsys, password="Erstes-Staff-Passwort-2026", **options):
    monkeypatch.setenv("INKLUSIV_STAFF_PASSWORD", password)
    call_command("create_staff_user", "--no-input", **options)
    return capsys.readouterr().out


def test_first_staff_account_signs_in_with_its_code_and_manages_users(client, monkeypatch, capsys):
    out = create_staff_user(
        monkeypatch, capsys, email="Erste@Inklusiv.example", name="Erste Person"
    )

    person = User.objects.get(email="erste@inklusiv.example")
    assert person.has_role(Role.FUNDER_STAFF) and has_totp(person)
    assert not person.is_superuser
    secret = re.search(r"Secret: ([A-Z2-7]+)", out).group(1)
    assert f"otpauth://totp/erste%40inklusiv.example?secret={secret}&issuer=Inklusiv" in out
    recovery_codes = re.findall(r"^  (\d{8})$", out, re.M)
    assert len(recovery_codes) == 10
    entry = AuditEntry.objects.get(object_id=str(person.pk), action="staff_user_created")
    assert entry.actor_label == "system"
    assert entry.after["roles"] == ["funder_staff"]
    assert secret not in str(entry.after)

    response = client.post(
        "/de/accounts/login/",
        {"login": "erste@inklusiv.example", "password": "Erstes-Staff-Passwort-2026"},
    )
    assert response["Location"] == "/de/accounts/2fa/authenticate/"
    assert not is_logged_in(client)
    client.post("/de/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    for name in STAFF_PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_first_staff_account_can_use_a_recovery_code(client, monkeypatch, capsys):
    out = create_staff_user(monkeypatch, capsys, email="erste@inklusiv.example")
    recovery_code = re.findall(r"^  (\d{8})$", out, re.M)[0]

    client.post(
        "/de/accounts/login/",
        {"login": "erste@inklusiv.example", "password": "Erstes-Staff-Passwort-2026"},
    )
    client.post("/de/accounts/2fa/authenticate/", {"code": recovery_code})

    assert client.get(reverse("accounts:staff_users")).status_code == 200


def test_first_staff_account_refuses_a_taken_address(monkeypatch, capsys, staff):
    with pytest.raises(CommandError, match="already exists"):
        create_staff_user(monkeypatch, capsys, email=staff.email.upper())
    assert User.objects.filter(email__iexact=staff.email).count() == 1


def test_first_staff_account_refuses_a_weak_password(monkeypatch, capsys):
    with pytest.raises(CommandError):
        create_staff_user(monkeypatch, capsys, email="erste@inklusiv.example", password="1234")
    assert not User.objects.filter(email="erste@inklusiv.example").exists()


def test_first_staff_account_needs_a_password(monkeypatch):
    monkeypatch.delenv("INKLUSIV_STAFF_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="INKLUSIV_STAFF_PASSWORD"):
        call_command("create_staff_user", "--no-input", email="erste@inklusiv.example")
    assert not User.objects.exists()


# --- the login form -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
def test_login_form_tab_order_is_email_password_then_forgotten_password(client, lang):
    content = client.get(f"/{lang}/accounts/login/").content.decode()
    form = content[content.index('<form method="post" novalidate') :]
    form = form[: form.index("</form>")]

    # Everything the Tab key stops at, in document order (no element sets a tabindex).
    stops = re.findall(
        r'<(?:input|a|button)\b[^>]*?(?:id="([^"]+)"|href="([^"]+)"|type="submit")', form
    )
    order = [ident or href or "submit" for ident, href in stops]
    order = [stop for stop in order if stop != "id_remember"]
    assert order == ["id_login", "id_password", f"/{lang}/accounts/password/reset/", "submit"]
    assert 'aria-describedby="id_password-hint"' not in form


# --- allauth's pages in our wording, in both languages ----------------------------------------

ANONYMOUS_PAGES = [
    ("accounts/login/", ("Anmelden",) * 2, ("Sign in",) * 2),
    ("accounts/signup/", ("Registrieren",) * 2, ("Sign up",) * 2),
    ("accounts/password/reset/", ("Passwort zurücksetzen",) * 2, ("Reset password",) * 2),
    ("accounts/password/reset/done/", ("Passwort zurücksetzen",) * 2, ("Reset password",) * 2),
    (
        "accounts/password/reset/key/1-abc/",
        ("Passwort ändern", "Dieser Link ist ungültig oder wurde schon verwendet"),
        ("Change password", "This link is invalid or has already been used"),
    ),
    (
        "accounts/confirm-email/",
        ("Bestätigen Sie Ihre E-Mail-Adresse",) * 2,
        ("Confirm your e-mail address",) * 2,
    ),
    (
        "accounts/confirm-email/abc/",
        ("E-Mail-Adresse bestätigen",) * 2,
        ("Confirm e-mail address",) * 2,
    ),
    ("accounts/inactive/", ("Konto inaktiv",) * 2, ("Account inactive",) * 2),
]

SIGNED_IN_PAGES = [
    ("accounts/reauthenticate/", ("Zugriff bestätigen",) * 2, ("Confirm access",) * 2),
    ("accounts/logout/", ("Abmelden",) * 2, ("Sign out",) * 2),
    ("accounts/password/change/", ("Passwort ändern",) * 2, ("Change password",) * 2),
    ("accounts/email/", ("E-Mail-Adressen",) * 2, ("E-mail addresses",) * 2),
    (
        "accounts/2fa/",
        ("Zwei-Faktor-Authentifizierung",) * 2,
        ("Two-factor authentication",) * 2,
    ),
    (
        "accounts/2fa/totp/activate/",
        ("Authenticator-App einrichten",) * 2,
        ("Set up an authenticator app",) * 2,
    ),
]

STAFF_MFA_PAGES = [
    ("accounts/2fa/reauthenticate/", ("Zugriff bestätigen",) * 2, ("Confirm access",) * 2),
    (
        "accounts/2fa/totp/deactivate/",
        ("Authenticator-App deaktivieren",) * 2,
        ("Deactivate the authenticator app",) * 2,
    ),
    (
        "accounts/2fa/recovery-codes/generate/",
        ("Wiederherstellungscodes",) * 2,
        ("Recovery codes",) * 2,
    ),
]


def expected(lang, german, english):
    return german if lang == "de" else english


def check_titles(client, lang, password, pages):
    """Each page's title and heading; allauth asks for the password again (the first page)
    before the second-factor pages open."""
    for path, german, english in pages:
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        assert title_and_heading(response) == expected(lang, german, english), path
        if "reauthenticate" in path:
            client.post(f"/{lang}/accounts/reauthenticate/", {"password": password})


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("path", "german", "english"), ANONYMOUS_PAGES)
def test_allauth_pages_for_everyone_are_titled_in_our_wording(client, lang, path, german, english):
    response = client.get(f"/{lang}/{path}")

    assert response.status_code == 200
    assert title_and_heading(response) == expected(lang, german, english)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_signed_in_allauth_pages_are_titled_in_our_wording(client, applicant, lang):
    sign_in(client, applicant, lang)
    check_titles(client, lang, PASSWORD, SIGNED_IN_PAGES)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_second_factor_pages_are_titled_in_our_wording(client, staff, lang):
    sign_in(client, staff, lang)
    asking = client.get(f"/{lang}/accounts/2fa/authenticate/")
    assert title_and_heading(asking) == expected(
        lang,
        ("Anmelden", "Zwei-Faktor-Authentifizierung"),
        ("Sign in", "Two-factor authentication"),
    )
    client.post(f"/{lang}/accounts/2fa/authenticate/", {"code": totp_code()})
    check_titles(client, lang, PASSWORD, STAFF_MFA_PAGES)


@pytest.mark.parametrize(("lang", "button"), [("de", "Anmelden"), ("en", "Sign in")])
def test_login_button_says_sign_in(client, lang, button):
    content = client.get(f"/{lang}/accounts/login/").content.decode()
    buttons = re.findall(r'<span class="kern-label">\s*(.*?)\s*</span></button>', content, re.S)
    assert buttons == [button]
