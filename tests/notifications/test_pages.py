"""The inbox, the preferences page and one-click unsubscribe, as people use them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from inklusiv.core.models import AuditEntry
from inklusiv.notifications import services, tokens
from inklusiv.notifications.models import Notification, OptOut, Preference
from tests.factories import ApplicationFactory, make_user


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


@pytest.fixture
def person(db):
    return make_user("applicant", email="person@verein.example", name="Petra Person")


def _notify(person, kind="visits.reminder"):
    services.notify(
        kind=kind,
        recipients=[person],
        context={"application": ApplicationFactory(), "user": person},
    )
    return Notification.objects.filter(user=person).first()


def _path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


# --- one-click unsubscribe ------------------------------------------------------------------


def test_one_click_unsubscribe_works_without_signing_in(client, person):
    _notify(person)
    path = _path_of(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>"))
    # RFC 8058: the mail client posts this body, without a session and without a CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Sie erhalten keine E-Mails der Art" in response.content.decode()
    assert Preference.objects.get(user=person, kind="visits.reminder").choice == "off"
    assert AuditEntry.objects.filter(action="notification_unsubscribed").count() == 1

    mail.outbox.clear()
    _notify(person)
    assert mail.outbox == []


def test_the_link_opened_in_a_browser_asks_first_and_changes_nothing(client, person):
    _notify(person)
    path = _path_of(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>"))
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Möchten Sie keine E-Mails der Art „Erinnerung an die Terminumfrage“ mehr" in html
    assert '<form method="post">' in html
    assert not Preference.objects.filter(user=person).exists()


def test_a_bare_address_unsubscribes_by_its_link(client, db):
    services.notify(
        kind="visits.reminder",
        recipients=["partnerin@verband.example"],
        context={"application": ApplicationFactory()},
        language="en",
    )
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert "/en/notifications/unsubscribe/" in url
    response = client.post(_path_of(url))
    assert response.status_code == 200
    assert "You will no longer receive e-mails" in response.content.decode()
    assert OptOut.objects.filter(email="partnerin@verband.example", kind="visits.reminder").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_is_refused_with_a_clear_page(client, person, method):
    token = tokens.make_token(kind="visits.reminder", user=person)
    payload, signature = token.rsplit(":", 1)
    other = make_user(None, email="victim@example.org")
    forged = tokens.make_token(kind="visits.reminder", user=other).rsplit(":", 1)[0]
    for bad in (f"{forged}:{signature}", f"{payload}:{signature[:-2]}xx", "nonsense"):
        response = getattr(client, method)(reverse("notifications:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "Dieser Abmeldelink ist ungültig" in response.content.decode()
    assert not Preference.objects.exists()


def test_a_token_for_a_kind_that_cannot_be_switched_off_is_refused(client, person):
    token = tokens.make_token(kind="selection.decision", user=person)
    response = client.post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not Preference.objects.exists()


def test_a_token_signed_for_another_purpose_is_refused(client, person):
    from django.core import signing

    token = signing.dumps({"k": "visits.reminder", "u": person.pk})  # no salt of ours
    response = client.post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400


def test_the_refusal_speaks_english_on_english_pages(client, db):
    with translation.override("en"):
        url = reverse("notifications:unsubscribe", args=["broken"])
    response = client.get(url)
    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()


# --- preferences page -----------------------------------------------------------------------


def test_preferences_page_saves_a_choice_and_shows_fixed_kinds(client, person):
    client.force_login(person)
    url = reverse("notifications:settings")
    html = client.get(url).content.decode()
    assert "<legend" in html and "Erinnerung an die Terminumfrage" in html
    # Kinds that cannot be switched off are listed, without a choice.
    assert "Entscheidungsschreiben" in html or "Decision letter" in html
    assert 'name="selection.decision"' not in html

    response = client.post(url, {"visits.reminder": "digest"}, follow=True)
    assert (
        "Ihre Einstellungen für Benachrichtigungen sind gespeichert." in response.content.decode()
    )
    assert Preference.objects.get(user=person, kind="visits.reminder").choice == "digest"


def test_preferences_page_refuses_a_choice_the_kind_does_not_allow(client, person):
    client.force_login(person)
    response = client.post(reverse("notifications:settings"), {"applications.message": "off"})
    assert response.status_code == 200
    assert not Preference.objects.filter(kind="applications.message").exists()


def test_preferences_page_needs_signing_in(client, db):
    response = client.get(reverse("notifications:settings"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- inbox ----------------------------------------------------------------------------------


def test_inbox_lists_notifications_and_opening_one_marks_it_read(client, person):
    entry = _notify(person)
    client.force_login(person)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert entry.subject in html
    assert "1 ungelesene Benachrichtigung." in html
    assert "(1 ungelesen)" in html  # the count in the navigation

    response = client.get(reverse("notifications:detail", args=[entry.pk]))
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.read_at is not None
    assert (
        "0 ungelesene Benachrichtigungen."
        in client.get(reverse("notifications:inbox")).content.decode()
    )


def test_mark_all_read(client, person):
    _notify(person)
    _notify(person)
    client.force_login(person)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "Alle Benachrichtigungen sind als gelesen markiert." in response.content.decode()
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found_and_stays_unread(client, person):
    entry = _notify(person)
    other = make_user(None, email="other@example.org")
    client.force_login(other)
    assert client.get(reverse("notifications:detail", args=[entry.pk])).status_code == 404
    assert entry.subject not in client.get(reverse("notifications:inbox")).content.decode()
    client.post(reverse("notifications:mark_all_read"))
    entry.refresh_from_db()
    assert entry.read_at is None


def test_inbox_is_paginated(client, person, settings):
    settings.PAGINATE_BY = 2
    for _ in range(3):
        _notify(person)
    client.force_login(person)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Seite 1 von 2" in html


def test_the_audit_log_reads_preference_changes_and_unsubscribes_in_words(client, person):
    from inklusiv.core import audit

    services.set_preference(actor=person, user=person, kind="visits.reminder", choice="digest")
    services.unsubscribe(token=tokens.make_token(kind="visits.reminder", user=person))
    rows = audit.present(AuditEntry.objects.order_by("pk"))
    texts = []
    for row in rows:
        texts.append(row.action)
        for change in row.changes:
            for value in (change.before, change.after):
                texts.append(f"{change.label}: {value.as_text() if value else ''}")
    flat = " | ".join(texts)
    assert "Einstellung für Benachrichtigungen geändert" in flat
    assert "Von E-Mails abgemeldet" in flat
    assert "Erinnerung an die Terminumfrage" in flat
    assert "Tägliche Zusammenfassung" in flat
    assert "den Abmeldelink in einer E-Mail" in flat
    assert "visits.reminder" not in flat and "notification_" not in flat


def test_the_settings_page_lists_only_kinds_the_person_may_get(client, person, staff):
    client.force_login(person)
    assert (
        'name="core.accessibility_feedback"'
        not in client.get(reverse("notifications:settings")).content.decode()
    )
    client.force_login(staff)
    assert (
        'name="core.accessibility_feedback"'
        in client.get(reverse("notifications:settings")).content.decode()
    )
