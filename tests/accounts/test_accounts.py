"""Accounts: sign-up, login and password reset in both languages, staff managing people and
roles, organisations and their members, and the second factor that staff roles require."""

import html
import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Membership, Organisation, Role, RoleGrant, User
from inklusiv.core.models import AuditEntry
from tests.confirmations import post_from_page
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    UserFactory,
    has_totp,
    make_user,
    totp_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_urls():
    """reverse() follows the active language, which the previous request may have left at
    "en"; every test here starts from German, the default."""
    with translation.override("de"):
        yield


def page_text(response) -> str:
    """What a person reads on the page: tags removed, entities decoded, spaces collapsed."""
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(content))


def assert_refused(response):
    """Refused: 403, or (for someone not logged in) sent to the login page."""
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- sign-up, login, password reset: clear messages in the person's language ---------------

SIGNUP_PASSWORD = "Ein-langes-Passwort-2026"


def signup_data(email, **overrides):
    data = {
        "email": email,
        "name": "Jonas Berger",
        "password1": SIGNUP_PASSWORD,
        "password2": SIGNUP_PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Bitte gültige E-Mail-Adresse eingeben."),
        ("en", "Enter a valid email address."),
    ],
)
def test_signup_with_invalid_email_explains_and_keeps_the_input(client, lang, message):
    response = client.post(f"/{lang}/accounts/signup/", signup_data("jonas.berger@"))

    assert response.status_code == 200
    text = page_text(response)
    assert message in text
    # The error summary links to the field, and what the person typed is still there.
    assert 'href="#id_email"' in response.content.decode()
    assert 'value="jonas.berger@"' in response.content.decode()
    assert 'value="Jonas Berger"' in response.content.decode()
    assert not User.objects.filter(name="Jonas Berger").exists()
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Es ist bereits jemand mit dieser E-Mail-Adresse registriert."),
        ("en", "A user is already registered with this email address."),
    ],
)
def test_signup_with_an_email_that_has_an_account_is_refused(client, applicant, lang, message):
    response = client.post(
        f"/{lang}/accounts/signup/", signup_data(applicant.email.upper(), name="Doppelt")
    )

    assert response.status_code == 200
    assert message in page_text(response)
    assert User.objects.filter(email__iexact=applicant.email).count() == 1
    assert not User.objects.filter(name="Doppelt").exists()


def test_signup_with_a_new_email_creates_an_account_in_the_page_language(client):
    response = client.post("/en/accounts/signup/", signup_data("jonas@example.org"))

    assert response.status_code == 302
    user = User.objects.get(email="jonas@example.org")
    assert user.name == "Jonas Berger"
    assert user.language == "en"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Die E-Mail-Adresse und/oder das Passwort sind leider falsch."),
        ("en", "The email address and/or password you specified are not correct."),
    ],
)
def test_login_with_wrong_password_explains_and_keeps_the_email(client, applicant, lang, message):
    response = client.post(
        f"/{lang}/accounts/login/", {"login": applicant.email, "password": "falsches-passwort"}
    )

    assert response.status_code == 200
    assert message in page_text(response)
    assert f'value="{applicant.email}"' in response.content.decode()
    assert not is_logged_in(client)


def test_login_with_the_right_password_reaches_the_dashboard(client, applicant):
    response = client.post("/de/accounts/login/", {"login": applicant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/de/dashboard/"
    assert is_logged_in(client)


def test_deactivated_person_cannot_log_in(client, applicant):
    applicant.is_active = False
    applicant.save()

    response = client.post(
        "/de/accounts/login/", {"login": applicant.email, "password": PASSWORD}, follow=True
    )

    assert not is_logged_in(client)
    assert response.redirect_chain[-1][0] == "/de/accounts/inactive/"
    assert "Dieser Benutzer ist inaktiv." in page_text(response)


def test_signup_with_two_different_passwords_is_refused_in_german(client):
    response = client.post(
        "/de/accounts/signup/",
        signup_data("jonas@example.org", password2="Ein-anderes-Passwort-2026"),
    )

    assert response.status_code == 200
    assert "Bitte geben Sie zweimal dasselbe Passwort ein." in page_text(response)
    assert 'value="jonas@example.org"' in response.content.decode()
    assert not User.objects.filter(email="jonas@example.org").exists()


def test_password_reset_for_an_unknown_address_says_so_in_german(client, mailoutbox):
    response = client.post("/de/accounts/password/reset/", {"email": "niemand@example.org"})

    assert response.status_code == 200
    assert "Diese E-Mail-Adresse ist keinem Konto zugeordnet." in page_text(response)
    assert 'value="niemand@example.org"' in response.content.decode()
    assert mailoutbox == []


def reset_url(lang, user, key):
    return f"/{lang}/accounts/password/reset/key/{user_pk_to_url_str(user)}-{key}/"


BAD_TOKEN = {
    "de": (
        "Dieser Link ist ungültig oder wurde schon verwendet",
        "Der Link zum Zurücksetzen des Passworts ist ungültig",
    ),
    "en": ("This link is invalid or has already been used", "The password reset link was invalid"),
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_password_reset_link_with_a_bad_key_shows_the_bad_token_page(client, applicant, lang):
    response = client.get(reset_url(lang, applicant, "abc-0123456789abcdef"), follow=True)

    assert response.status_code == 200
    text = page_text(response)
    for phrase in BAD_TOKEN[lang]:
        assert phrase in text
    assert 'name="password1"' not in response.content.decode()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_password_reset_link_is_void_once_the_password_changed(client, applicant, lang):
    old_key = default_token_generator.make_token(applicant)
    applicant.set_password("Ein-ganz-neues-Passwort-2027")
    applicant.save()

    response = client.get(reset_url(lang, applicant, old_key), follow=True)

    text = page_text(response)
    for phrase in BAD_TOKEN[lang]:
        assert phrase in text
    assert 'name="password1"' not in response.content.decode()
    # A fresh link for the same person still works: the refusal is about the old token.
    fresh = client.get(
        reset_url(lang, applicant, default_token_generator.make_token(applicant)), follow=True
    )
    assert 'name="password1"' in fresh.content.decode()


def test_password_reset_link_works_once(client, applicant):
    url = reset_url("de", applicant, default_token_generator.make_token(applicant))
    form_page = client.get(url, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "Mein-neues-Passwort-2027"

    done = client.post(set_password_url, {"password1": new_password, "password2": new_password})

    assert done.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(new_password)
    again = client.get(url, follow=True)
    assert "Dieser Link ist ungültig oder wurde schon verwendet" in page_text(again)


# --- staff manage people and roles ---------------------------------------------------------


def test_staff_grant_and_revoke_a_role_with_audit_entries(staff_client, staff, outsider):
    url = reverse("accounts:staff_user_roles", args=[outsider.pk])

    response = staff_client.post(
        url, {"roles": [Role.PROGRAMME_EXPERT], "reason": "Neue Programmreferentin"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse(
        "accounts:staff_user_detail", args=[outsider.pk]
    )
    assert "Die Rollen wurden gespeichert." in page_text(response)
    assert set(outsider.role_grants.values_list("role", flat=True)) == {Role.PROGRAMME_EXPERT}
    assert outsider.role_grants.get().granted_by == staff
    granted = AuditEntry.objects.get(action="roles_changed", object_id=str(outsider.pk))
    assert granted.actor == staff
    assert granted.before == {"roles": []}
    assert granted.after == {"roles": [Role.PROGRAMME_EXPERT]}
    assert granted.reason == "Neue Programmreferentin"

    staff_client.post(url, {"roles": [], "reason": "Wechsel in ein anderes Team"})

    assert not outsider.role_grants.exists()
    revoked = AuditEntry.objects.filter(action="roles_changed").order_by("-id").first()
    assert revoked.before == {"roles": [Role.PROGRAMME_EXPERT]}
    assert revoked.after == {"roles": []}
    assert revoked.reason == "Wechsel in ein anderes Team"


def test_saving_unchanged_roles_writes_no_audit_entry(staff_client, outsider):
    staff_client.post(reverse("accounts:staff_user_roles", args=[outsider.pk]), {"roles": []})
    assert not AuditEntry.objects.filter(action="roles_changed").exists()


def test_staff_list_and_detail_show_people(staff_client, applicant):
    listing = staff_client.get(reverse("accounts:staff_users"), {"q": "Lehmann"})
    assert listing.status_code == 200
    assert applicant.email in page_text(listing)

    detail = staff_client.get(reverse("accounts:staff_user_detail", args=[applicant.pk]))
    assert detail.status_code == 200
    assert applicant.memberships.get().organisation.name in page_text(detail)


@pytest.mark.parametrize("who", ["applicant", "programme_expert", "evaluator", "anonymous"])
def test_only_funder_staff_may_manage_people(client, staff, outsider, who):
    if who != "anonymous":
        person = make_user(who, email=f"{who}@example.org")
        client.force_login(person)

    for url in (
        reverse("accounts:staff_users"),
        reverse("accounts:staff_user_invite"),
        reverse("accounts:staff_user_detail", args=[outsider.pk]),
        reverse("accounts:staff_organisations"),
    ):
        assert_refused(client.get(url))

    # Nobody outside the staff can hand out roles, neither to others nor to themselves.
    target = outsider if who == "anonymous" else person
    assert_refused(
        client.post(
            reverse("accounts:staff_user_roles", args=[target.pk]),
            {"roles": [Role.FUNDER_STAFF]},
        )
    )
    assert_refused(
        client.post(reverse("accounts:staff_user_active", args=[staff.pk]), {"reason": "Putsch"})
    )
    assert not target.role_grants.filter(role=Role.FUNDER_STAFF).exists()
    staff.refresh_from_db()
    assert staff.is_active
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("de", "Bitte geben Sie an, warum Sie das Konto deaktivieren."),
        ("en", "Please give a reason for deactivating the account."),
    ],
)
def test_deactivating_a_person_needs_a_reason(staff_client, outsider, lang, message):
    response = staff_client.post(f"/{lang}/staff/users/{outsider.pk}/active/", {"reason": "   "})

    assert response.status_code == 400
    assert message in page_text(response)
    outsider.refresh_from_db()
    assert outsider.is_active
    assert not AuditEntry.objects.filter(action="deactivated").exists()


def test_deactivating_with_a_reason_is_audited_and_locks_the_person_out(client, staff, applicant):
    client.force_login(staff)
    response = client.post(
        reverse("accounts:staff_user_active", args=[applicant.pk]),
        {"reason": "Doppeltes Konto"},
        follow=True,
    )

    assert "Das Konto wurde deaktiviert." in page_text(response)
    applicant.refresh_from_db()
    assert not applicant.is_active
    entry = AuditEntry.objects.get(action="deactivated")
    assert (entry.actor, entry.reason) == (staff, "Doppeltes Konto")
    assert entry.before == {"is_active": True} and entry.after == {"is_active": False}

    client.logout()
    client.post("/de/accounts/login/", {"login": applicant.email, "password": PASSWORD})
    assert not is_logged_in(client)

    # Reactivating needs no reason and is audited, too.
    client.force_login(staff)
    client.post(reverse("accounts:staff_user_active", args=[applicant.pk]), {"reason": ""})
    applicant.refresh_from_db()
    assert applicant.is_active
    assert AuditEntry.objects.filter(action="activated", actor=staff).exists()


def test_staff_cannot_remove_their_own_staff_role(staff_client, staff):
    response = staff_client.post(
        reverse("accounts:staff_user_roles", args=[staff.pk]),
        {"roles": [Role.PROGRAMME_EXPERT], "reason": "Versehen"},
    )

    assert response.status_code == 400
    assert "Sie können sich die Rolle „Mitarbeitende des Förderers“ nicht selbst" in page_text(
        response
    )
    assert set(staff.role_grants.values_list("role", flat=True)) == {Role.FUNDER_STAFF}
    assert not AuditEntry.objects.filter(action="roles_changed").exists()


def test_another_staff_member_can_remove_the_staff_role(staff_client, staff):
    colleague = make_user(Role.FUNDER_STAFF, email="kollegin@inklusiv.example")
    staff_client.post(
        reverse("accounts:staff_user_roles", args=[colleague.pk]),
        {"roles": [], "reason": "Ausgeschieden"},
    )
    assert not colleague.role_grants.exists()


def test_staff_cannot_deactivate_themselves(staff_client, staff):
    response = staff_client.post(
        reverse("accounts:staff_user_active", args=[staff.pk]), {"reason": "Urlaub"}
    )

    assert response.status_code == 400
    assert "Sie können Ihr eigenes Konto nicht deaktivieren." in page_text(response)
    staff.refresh_from_db()
    assert staff.is_active


def test_staff_invite_a_person_who_gets_a_link_in_their_language(
    staff_client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("accounts:staff_user_invite"),
            {
                "email": "Evaluator@Uni.example",
                "name": "Dr. Eva Lüders",
                "language": "en",
                "roles": [Role.EVALUATOR],
            },
        )

    person = User.objects.get(email="evaluator@uni.example")
    assert response["Location"] == reverse("accounts:staff_user_detail", args=[person.pk])
    assert person.has_role(Role.EVALUATOR)
    assert not person.has_usable_password()
    assert AuditEntry.objects.filter(action="user_invited", actor=staff).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["evaluator@uni.example"]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mailoutbox[0].body)
    assert link and "/en/accounts/" in link.group(0)

    # The link leads to the form for choosing a password.
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    page = staff_client.get("/" + path, follow=True)
    assert 'name="password1"' in page.content.decode()


def test_inviting_an_existing_address_is_refused_in_german(staff_client, applicant):
    response = staff_client.post(
        reverse("accounts:staff_user_invite"),
        {"email": applicant.email, "name": "Noch einmal", "language": "de"},
    )

    assert response.status_code == 200
    assert "Es gibt bereits ein Konto mit dieser E-Mail-Adresse." in page_text(response)
    assert 'value="Noch einmal"' in response.content.decode()
    assert User.objects.filter(email=applicant.email).count() == 1


# --- organisations and their members -------------------------------------------------------

ORGANISATION_DATA = {
    "name": "Lebenshilfe Ostprignitz e.V.",
    "legal_form": "ev",
    "street": "Fehrbelliner Straße 12",
    "postcode": "16816",
    "city": "Neuruppin",
    "state": "BB",
    "website": "lebenshilfe-opr.example",
    "email": "info@lebenshilfe-opr.example",
    "phone": "03391 123456",
    "fields_of_work": ["disability", "community"],
}


def test_creating_an_organisation_makes_the_creator_its_admin(client, outsider):
    client.force_login(outsider)

    response = client.post(reverse("accounts:organisation_create"), ORGANISATION_DATA, follow=True)

    organisation = Organisation.objects.get(name="Lebenshilfe Ostprignitz e.V.")
    assert response.redirect_chain[-1][0] == reverse(
        "accounts:organisation_detail", args=[organisation.pk]
    )
    assert "Die Organisation wurde angelegt." in page_text(response)
    membership = organisation.memberships.get()
    assert (membership.user, membership.role) == (outsider, Membership.Role.ADMIN)
    assert organisation.website == "https://lebenshilfe-opr.example"
    entry = AuditEntry.objects.get(action="organisation_created")
    assert entry.actor == outsider
    assert entry.after["name"] == "Lebenshilfe Ostprignitz e.V."
    assert entry.after["fields_of_work"] == ["disability", "community"]


def test_organisation_with_a_bad_postcode_is_refused_and_input_kept(client, outsider):
    client.force_login(outsider)

    response = client.post(
        reverse("accounts:organisation_create"), {**ORGANISATION_DATA, "postcode": "1681"}
    )

    assert response.status_code == 200
    assert "Geben Sie eine deutsche Postleitzahl mit fünf Ziffern ein, z. B. 16816." in page_text(
        response
    )
    assert 'value="Lebenshilfe Ostprignitz e.V."' in response.content.decode()
    assert not Organisation.objects.exists()


def test_creating_an_organisation_needs_login(client):
    response = client.post(reverse("accounts:organisation_create"), ORGANISATION_DATA)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Organisation.objects.exists()


def test_someone_elses_organisation_is_not_found(client, applicant, outsider):
    organisation = applicant.memberships.get().organisation
    client.force_login(outsider)

    for name in ("organisation_detail", "organisation_edit", "member_add"):
        response = client.get(reverse(f"accounts:{name}", args=[organisation.pk]))
        assert response.status_code == 404, name
    response = client.post(
        reverse("accounts:organisation_edit", args=[organisation.pk]),
        {**ORGANISATION_DATA, "name": "Übernommen"},
    )
    assert response.status_code == 404
    organisation.refresh_from_db()
    assert organisation.name != "Übernommen"


def test_funder_staff_see_every_organisation(staff_client, applicant):
    organisation = applicant.memberships.get().organisation
    response = staff_client.get(reverse("accounts:organisation_detail", args=[organisation.pk]))
    assert response.status_code == 200
    assert applicant.email in page_text(response)
    listing = staff_client.get(reverse("accounts:staff_organisations"))
    assert organisation.name in page_text(listing)


@pytest.fixture
def organisation_with_member(applicant):
    """The applicant's organisation (applicant is admin) plus a plain member."""
    organisation = applicant.memberships.get().organisation
    member = make_user(None, email="mitglied@verein.example", name="Max Mitglied")
    MembershipFactory(user=member, organisation=organisation, role=Membership.Role.MEMBER)
    return organisation, member


def test_a_plain_member_cannot_manage_members(client, applicant, organisation_with_member):
    organisation, member = organisation_with_member
    admin_membership = organisation.memberships.get(user=applicant)
    client.force_login(member)

    detail = client.get(reverse("accounts:organisation_detail", args=[organisation.pk]))
    assert detail.status_code == 200
    assert reverse("accounts:member_add", args=[organisation.pk]) not in detail.content.decode()

    add_url = reverse("accounts:member_add", args=[organisation.pk])
    assert client.get(add_url).status_code == 404
    response = client.post(add_url, {"email": "fremd@example.org", "role": "admin"})
    assert response.status_code == 404
    role_url = reverse("accounts:member_role", args=[organisation.pk, admin_membership.pk])
    assert client.post(role_url, {"role": "member"}).status_code == 404
    remove_url = reverse("accounts:member_remove", args=[organisation.pk, admin_membership.pk])
    assert client.post(remove_url, {"reason": ""}).status_code == 404
    # Nor can they promote themselves.
    own = organisation.memberships.get(user=member)
    own_role_url = reverse("accounts:member_role", args=[organisation.pk, own.pk])
    assert client.post(own_role_url, {"role": "admin"}).status_code == 404

    assert not User.objects.filter(email="fremd@example.org").exists()
    admin_membership.refresh_from_db()
    own.refresh_from_db()
    assert admin_membership.role == Membership.Role.ADMIN
    assert own.role == Membership.Role.MEMBER
    assert not AuditEntry.objects.exists()


def test_a_plain_member_can_leave(client, organisation_with_member):
    organisation, member = organisation_with_member
    own = organisation.memberships.get(user=member)
    client.force_login(member)

    response = post_from_page(
        client,
        reverse("accounts:member_remove", args=[organisation.pk, own.pk]),
        {"reason": "Umzug"},
    )

    assert response["Location"] == reverse("accounts:my_organisations")
    assert not organisation.memberships.filter(user=member).exists()
    assert AuditEntry.objects.filter(action="member_removed", actor=member).exists()


def test_admin_adds_existing_person_and_invites_a_new_one(
    client, applicant, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = applicant.memberships.get().organisation
    client.force_login(applicant)
    url = reverse("accounts:member_add", args=[organisation.pk])

    client.post(url, {"email": outsider.email, "role": "member"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "neu@verein.example", "name": "Nina Neu", "role": "admin"})

    assert organisation.memberships.get(user=outsider).role == Membership.Role.MEMBER
    invited = User.objects.get(email="neu@verein.example")
    assert organisation.memberships.get(user=invited).role == Membership.Role.ADMIN
    assert [message.to for message in mailoutbox] == [["neu@verein.example"]]
    added = AuditEntry.objects.filter(action="member_added", actor=applicant)
    assert {entry.after["member"] for entry in added} == {outsider.email, "neu@verein.example"}

    again = client.post(url, {"email": outsider.email, "role": "admin"})
    assert again.status_code == 200
    assert "Diese Person ist bereits Mitglied." in page_text(again)
    assert organisation.memberships.get(user=outsider).role == Membership.Role.MEMBER


LAST_ADMIN = "Eine Organisation braucht mindestens eine Person mit der Rolle „Administration“."


def test_the_last_admin_cannot_be_demoted(client, applicant, organisation_with_member):
    organisation, _member = organisation_with_member
    admin_membership = organisation.memberships.get(user=applicant)
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:member_role", args=[organisation.pk, admin_membership.pk]),
        {"role": "member"},
        follow=True,
    )

    assert LAST_ADMIN in page_text(response)
    admin_membership.refresh_from_db()
    assert admin_membership.role == Membership.Role.ADMIN
    assert not AuditEntry.objects.filter(action="member_role_changed").exists()


@pytest.mark.parametrize("remover", ["self", "staff"])
def test_the_last_admin_cannot_be_removed(client, applicant, staff, remover):
    organisation = applicant.memberships.get().organisation
    admin_membership = organisation.memberships.get(user=applicant)
    client.force_login(applicant if remover == "self" else staff)

    response = post_from_page(
        client,
        reverse("accounts:member_remove", args=[organisation.pk, admin_membership.pk]),
        {"reason": ""},
    )

    assert response.status_code == 200
    assert LAST_ADMIN in page_text(response)
    assert organisation.memberships.filter(user=applicant).exists()
    assert not AuditEntry.objects.filter(action="member_removed").exists()


def test_with_a_second_admin_the_first_may_step_down(client, applicant, organisation_with_member):
    organisation, member = organisation_with_member
    client.force_login(applicant)
    member_membership = organisation.memberships.get(user=member)
    admin_membership = organisation.memberships.get(user=applicant)

    client.post(
        reverse("accounts:member_role", args=[organisation.pk, member_membership.pk]),
        {"role": "admin"},
    )
    response = client.post(
        reverse("accounts:member_role", args=[organisation.pk, admin_membership.pk]),
        {"role": "member"},
        follow=True,
    )

    assert "Die Rolle wurde geändert." in page_text(response)
    admin_membership.refresh_from_db()
    member_membership.refresh_from_db()
    assert admin_membership.role == Membership.Role.MEMBER
    assert member_membership.role == Membership.Role.ADMIN
    changes = AuditEntry.objects.filter(action="member_role_changed").order_by("id")
    assert [(e.before["role"], e.after["role"]) for e in changes] == [
        ("member", "admin"),
        ("admin", "member"),
    ]


# --- two factors for roles that see personal data ------------------------------------------


def staff_without_totp(role=Role.FUNDER_STAFF):
    person = UserFactory(email=f"ohne-totp-{role}@inklusiv.example")
    RoleGrant.objects.create(user=person, role=role)
    assert not has_totp(person)
    return person


@pytest.mark.parametrize("role", [Role.FUNDER_STAFF, Role.PROGRAMME_EXPERT, Role.COMMISSION_MEMBER])
def test_roles_that_need_two_factors_are_sent_to_set_them_up(client, role):
    client.force_login(staff_without_totp(role))

    for lang in ("de", "en"):
        for path in ("", "dashboard/", "staff/users/", "staff/audit/", "profile/", "calls/"):
            response = client.get(f"/{lang}/{path}")
            assert response.status_code == 302, path
            assert response["Location"] == f"/{lang}/accounts/2fa/totp/activate/", path


def test_pages_reachable_without_second_factor(client):
    client.force_login(staff_without_totp())

    for path in ("imprint/", "privacy/", "accessibility/", "easy-read/", "accounts/logout/"):
        assert client.get(f"/de/{path}").status_code == 200, path


def test_roles_without_personal_data_need_no_second_factor(client):
    client.force_login(staff_without_totp(Role.EVALUATOR))
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_staff_member_sets_up_totp_after_login_and_then_reaches_staff_pages(client):
    person = staff_without_totp()
    client.post("/de/accounts/login/", {"login": person.email, "password": PASSWORD})

    response = client.get(reverse("accounts:staff_users"), follow=True)

    # allauth asks for the password once more before a second factor may be added.
    assert [url for url, _status in response.redirect_chain] == [
        "/de/accounts/2fa/totp/activate/",
        "/de/accounts/reauthenticate/?next=%2Fde%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    ]
    assert "Für Ihre Rolle ist die Zwei-Faktor-Authentifizierung vorgeschrieben." in page_text(
        response
    )
    confirmed = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert confirmed.redirect_chain[-1][0] == "/de/accounts/2fa/totp/activate/"
    assert 'name="code"' in confirmed.content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    wrong = client.post("/de/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "Falscher Code." in page_text(wrong)
    assert not has_totp(person)

    client.post("/de/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert has_totp(person)
    assert client.get(reverse("accounts:staff_users")).status_code == 200


def test_staff_with_totp_reach_the_staff_pages(staff_client):
    for name in ("accounts:staff_users", "core:audit_log", "core:outbox", "core:feedback_list"):
        assert staff_client.get(reverse(name)).status_code == 200, name


def test_staff_login_asks_for_the_code(client, staff):
    response = client.post("/de/accounts/login/", {"login": staff.email, "password": PASSWORD})

    assert response["Location"] == "/de/accounts/2fa/authenticate/"
    assert not is_logged_in(client)
    wrong = client.post("/de/accounts/2fa/authenticate/", {"code": "000000"})
    assert not is_logged_in(client)
    assert wrong.status_code == 200
    assert "Falscher Code." in page_text(wrong)

    client.post("/de/accounts/2fa/authenticate/", {"code": totp_code()})

    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(reverse("accounts:staff_users")).status_code == 200
