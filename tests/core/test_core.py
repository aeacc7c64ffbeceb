"""Core: the audit log, the outbox, barrier reports, error pages, the home page in both
languages, the health check, and the production settings passing Django's deploy check."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import Role, User
from inklusiv.core import audit, mail
from inklusiv.core.models import AccessibilityFeedback, AuditEntry
from tests.core.deploy_check import run_deploy_check
from tests.factories import make_user

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
OUTBOX_BACKEND = "inklusiv.core.mail.OutboxEmailBackend"


def page_text(response) -> str:
    """What a person reads on the page: tags removed, entities decoded, spaces collapsed."""
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(content))


def assert_refused(response):
    """Refused: 403, 404, or (for someone not logged in) sent to the login page."""
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code in (403, 404)


def login_as(client, who):
    """Log in a person of the given kind; "anonymous" stays logged out."""
    if who != "anonymous":
        client.force_login(make_user(who, email=f"{who}@example.org"))
    return client


OUTSIDERS = ["anonymous", "applicant", "programme_expert", "commission_member"]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


# --- audit log -------------------------------------------------------------------------------


def test_services_record_actor_action_before_and_after(staff, applicant):
    account_services.update_profile(
        actor=applicant, user=applicant, name="Katrin Lehmann-Berg", language="en"
    )
    account_services.set_roles(
        actor=staff, user=applicant, roles=[Role.EVALUATOR], reason="Begleitforschung"
    )

    profile, roles = AuditEntry.objects.order_by("id")
    assert profile.actor == applicant
    assert profile.actor_label == "Katrin Lehmann-Berg"
    assert profile.action == "profile_updated"
    assert profile.content_type == ContentType.objects.get_for_model(User)
    assert profile.object_id == str(applicant.pk)
    assert profile.before == {"name": "Katrin Lehmann", "language": "de"}
    assert profile.after == {"name": "Katrin Lehmann-Berg", "language": "en"}
    assert profile.changes() == [
        ("language", "de", "en"),
        ("name", "Katrin Lehmann", "Katrin Lehmann-Berg"),
    ]
    assert (roles.actor, roles.action, roles.reason) == (staff, "roles_changed", "Begleitforschung")
    assert roles.before == {"roles": []} and roles.after == {"roles": [Role.EVALUATOR]}
    assert [entry.action for entry in audit.history_for(applicant)] == [
        "roles_changed",
        "profile_updated",
    ]


def test_entry_keeps_the_actor_name_after_the_account_is_deleted(applicant):
    entry = audit.record(actor=applicant, obj=applicant, action="personal_data_exported")
    applicant.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "Katrin Lehmann"


def test_anonymous_actions_are_recorded_as_system(applicant):
    from django.contrib.auth.models import AnonymousUser

    entry = audit.record(actor=AnonymousUser(), obj=applicant, action="something")
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_staff_read_an_objects_history(staff_client, staff, applicant):
    account_services.set_roles(
        actor=staff, user=applicant, roles=[Role.PROCESS_COACH], reason="Prozessbegleitung 2017"
    )
    content_type = ContentType.objects.get_for_model(User)
    url = reverse("core:object_history", args=[content_type.pk, applicant.pk])

    response = staff_client.get(url)

    assert response.status_code == 200
    text = page_text(response)
    assert "Verlauf für Katrin Lehmann" in text
    # The action and the role read as people say them, not as keys.
    assert "Rollen geändert" in text and "roles_changed" not in text
    assert "Prozessbegleitung 2017" in text
    assert "Miriam Albers" in text
    assert "Prozessbegleitung" in text and "process_coach" not in text
    # The staff page of the person links to the full history.
    detail = staff_client.get(reverse("accounts:staff_user_detail", args=[applicant.pk]))
    assert url in detail.content.decode()


def test_history_of_an_object_without_entries_says_so(staff_client, outsider):
    content_type = ContentType.objects.get_for_model(User)
    response = staff_client.get(reverse("core:object_history", args=[content_type.pk, outsider.pk]))
    assert response.status_code == 200
    assert "Keine Einträge." in page_text(response)


def test_history_of_an_unknown_kind_of_object_is_not_found(staff_client):
    response = staff_client.get(reverse("core:object_history", args=[999999, 1]))
    assert response.status_code == 404


def test_staff_read_and_filter_the_audit_log(staff_client, staff, applicant):
    organisation = applicant.memberships.get().organisation
    account_services.set_roles(actor=staff, user=applicant, roles=[Role.EVALUATOR])
    account_services.update_organisation(
        actor=staff, organisation=organisation, data={"city": "Wittstock/Dosse"}
    )

    everything = staff_client.get(reverse("core:audit_log"))

    assert everything.status_code == 200
    text = page_text(everything)
    assert "Änderungsprotokoll" in text
    assert "Rollen geändert" in text and "Organisation geändert" in text
    assert "Wittstock/Dosse" in text

    organisation_type = ContentType.objects.get_for_model(organisation)
    only_organisations = staff_client.get(
        reverse("core:audit_log"), {"content_type": organisation_type.pk}
    )
    # The action filter names every action; the table below it holds the entries.
    table = page_text(only_organisations).split("Änderungen, neueste zuerst")[1]
    assert "Organisation geändert" in table
    assert "Rollen geändert" not in table


@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_funder_staff_read_the_audit_log(client, staff, applicant, who):
    account_services.set_roles(actor=staff, user=applicant, roles=[Role.EVALUATOR])
    content_type = ContentType.objects.get_for_model(User)
    login_as(client, who)

    assert_refused(client.get(reverse("core:audit_log")))
    history = client.get(reverse("core:object_history", args=[content_type.pk, applicant.pk]))
    assert_refused(history)
    assert "roles_changed" not in history.content.decode()


# --- outbox ------------------------------------------------------------------------------


@pytest.fixture
def outbox_mail(settings):
    """Mail goes to the outbox directory, as in the demo."""
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    mail.send_templated_mail(
        template="core/email/accessibility_feedback",
        to=["barrierefreiheit@inklusiv.example"],
        language="de",
        context={
            "feedback": AccessibilityFeedback(
                message="Der Kontrast der Schaltflächen ist zu schwach.",
                page_url="/de/calls/",
            )
        },
    )
    names = mail.outbox_names()
    assert len(names) == 1
    return names[0]


def test_sent_mail_is_written_to_the_outbox_directory(outbox_mail):
    path = Path(django_settings.EMAIL_OUTBOX_DIR) / outbox_mail
    assert path.is_file()
    assert outbox_mail.endswith(".eml")
    message = mail.outbox_message(outbox_mail)
    assert message.subject == "Neue Meldung einer Barriere"
    assert message.to == "barrierefreiheit@inklusiv.example"
    assert "Der Kontrast der Schaltflächen ist zu schwach." in message.text
    assert message.html


def test_staff_read_the_outbox_and_a_message(staff_client, outbox_mail):
    listing = staff_client.get(reverse("core:outbox"))

    assert listing.status_code == 200
    text = page_text(listing)
    assert "Postausgang" in text
    assert "Neue Meldung einer Barriere" in text
    assert "barrierefreiheit@inklusiv.example" in text
    message_url = reverse("core:outbox_message", args=[outbox_mail])
    assert message_url in listing.content.decode()

    message = staff_client.get(message_url)

    assert message.status_code == 200
    text = page_text(message)
    assert "Neue Meldung einer Barriere" in text
    assert "Der Kontrast der Schaltflächen ist zu schwach." in text
    assert "Seite: /de/calls/" in text


def test_empty_outbox_says_so(staff_client):
    response = staff_client.get(reverse("core:outbox"))
    assert response.status_code == 200
    assert "Es wurden noch keine E-Mails verschickt." in page_text(response)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_only_funder_staff_read_the_outbox(client, outbox_mail, who):
    login_as(client, who)

    listing = client.get(reverse("core:outbox"))
    message = client.get(reverse("core:outbox_message", args=[outbox_mail]))

    assert_refused(listing)
    assert_refused(message)
    for response in (listing, message):
        assert "Der Kontrast der Schaltflächen" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/de/staff/outbox/../../etc/passwd/",
        "/de/staff/outbox/..%2F..%2Fetc%2Fpasswd/",
        "/de/staff/outbox/..%2Fsecret.eml/",
        "/de/staff/outbox/../",
        "/de/staff/outbox/notes.txt/",
        "/de/staff/outbox/20260101-000000-000000000000.eml/",
    ],
)
def test_outbox_serves_only_its_own_messages(staff_client, settings, outbox_mail, path):
    outbox_dir = Path(settings.EMAIL_OUTBOX_DIR)
    (outbox_dir.parent / "secret.eml").write_text("Subject: geheim\n\nGeheimer Inhalt\n")
    (outbox_dir / "notes.txt").write_text("Subject: notiz\n\nNotiz\n")

    response = staff_client.get(path)

    assert response.status_code == 404
    body = response.content.decode()
    assert "Geheimer Inhalt" not in body and "root:" not in body and "Notiz" not in body
    assert mail.outbox_message("../secret.eml") is None
    assert mail.outbox_message(str(outbox_dir.parent / "secret.eml")) is None


# --- accessibility feedback (barrier reports) --------------------------------------------


def test_barrier_report_is_stored_and_staff_are_told(
    client, staff, settings, mailoutbox, django_capture_on_commit_callbacks
):
    former = make_user(Role.FUNDER_STAFF, email="ehemalig@inklusiv.example")
    former.is_active = False
    former.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/de/accessibility/",
            {
                "message": "Das Datumsfeld lässt sich nicht mit der Tastatur bedienen.",
                "page_url": "/de/calls/aufruf-2016/",
                "name": "Petra Sommer",
                "email": "petra@example.org",
            },
            follow=True,
        )

    assert response.redirect_chain[-1][0] == "/de/accessibility/"
    assert "Vielen Dank. Ihre Meldung ist bei unserem Team angekommen." in page_text(response)
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Das Datumsfeld lässt sich nicht mit der Tastatur bedienen."
    assert (feedback.name, feedback.email, feedback.language) == (
        "Petra Sommer",
        "petra@example.org",
        "de",
    )
    assert feedback.status == AccessibilityFeedback.Status.NEW
    assert AuditEntry.objects.filter(action="feedback_received").exists()

    # One mail per recipient (each with its own unsubscribe link), none to a former account.
    assert sorted(sent.to for sent in mailoutbox) == sorted(
        [[settings.ACCESSIBILITY_CONTACT_EMAIL], [staff.email]]
    )
    for sent in mailoutbox:
        assert "Neue Meldung einer Barriere" in sent.subject
        assert "Das Datumsfeld lässt sich nicht mit der Tastatur bedienen." in sent.body
        assert "petra@example.org" in sent.body


def test_barrier_report_mail_reaches_the_staff_outbox(
    client, staff, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accessibility/", {"message": "The menu traps the keyboard focus."})

    client.force_login(staff)
    listing = client.get(reverse("core:outbox"))
    assert "Neue Meldung einer Barriere" in page_text(listing)
    names = mail.outbox_names()
    assert len(names) == 2  # the staff member and the accessibility contact
    message = client.get(reverse("core:outbox_message", args=[names[0]]))
    assert "The menu traps the keyboard focus." in page_text(message)
    assert AccessibilityFeedback.objects.get().language == "en"


@pytest.mark.parametrize(
    ("lang", "message"),
    [("de", "Dieses Feld ist zwingend erforderlich."), ("en", "This field is required.")],
)
def test_empty_barrier_report_is_refused_and_input_kept(
    client, staff, mailoutbox, django_capture_on_commit_callbacks, lang, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/{lang}/accessibility/",
            {"message": "   ", "name": "Petra Sommer", "page_url": "/de/calls/"},
        )

    assert response.status_code == 200
    text = page_text(response)
    assert message in text
    assert 'href="#id_message"' in response.content.decode()
    assert 'value="Petra Sommer"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()
    assert mailoutbox == []


def test_staff_see_the_barrier_reports(staff_client):
    AccessibilityFeedback.objects.create(
        message="Das PDF ist nicht getaggt.", page_url="/de/calls/", email="a@example.org"
    )

    response = staff_client.get(reverse("core:feedback_list"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Gemeldete Barrieren" in text
    assert "Das PDF ist nicht getaggt." in text
    assert "a@example.org" in text


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_do_not_see_the_barrier_reports(client, who):
    AccessibilityFeedback.objects.create(message="Das PDF ist nicht getaggt.")
    login_as(client, who)

    response = client.get(reverse("core:feedback_list"))

    assert_refused(response)
    assert "Das PDF ist nicht getaggt." not in response.content.decode()


# --- error pages, home page, health check ------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title", "explanation"),
    [
        ("de", "Seite nicht gefunden", "Die gesuchte Seite gibt es nicht"),
        ("en", "Page not found", "The page you were looking for does not exist"),
    ],
)
def test_missing_page_is_404_in_the_pages_language(client, lang, title, explanation):
    response = client.get(f"/{lang}/gibt-es-nicht/")

    assert response.status_code == 404
    text = page_text(response)
    assert title in text and explanation in text
    assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "title", "explanation"),
    [
        ("de", "Kein Zugriff", "Sie dürfen diese Seite nicht öffnen."),
        ("en", "Access denied", "You do not have permission to open this page."),
    ],
)
def test_forbidden_page_is_403_in_the_pages_language(client, applicant, lang, title, explanation):
    client.force_login(applicant)

    response = client.get(f"/{lang}/staff/users/")

    assert response.status_code == 403
    text = page_text(response)
    assert title in text and explanation in text
    assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "tagline"),
    [("de", "Gemeinsam inklusive Orte gestalten"), ("en", "Shaping inclusive places together")],
)
def test_home_page_in_both_languages(client, lang, tagline):
    response = client.get(f"/{lang}/")

    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()
    assert tagline in page_text(response)


def test_root_leads_to_the_german_home_page(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/de/"
    assert '<html lang="de"' in response.content.decode()


# The health check's tests (database up and down) are in test_errors.py.


def test_pages_send_security_headers(client):
    response = client.get("/de/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]


# --- production settings -------------------------------------------------------------------


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_refuses_the_development_key(tmp_path):
    result = run_deploy_check(
        tmp_path, SECRET_KEY="django-insecure-inklusiv-local-development-only"
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
