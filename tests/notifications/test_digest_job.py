"""The daily digest as the cron job and the background task run it."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from inklusiv.notifications import services
from inklusiv.notifications.models import Notification
from inklusiv.notifications.tasks import send_daily_digests
from tests.factories import ApplicationFactory, make_user


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def _waiting(person, count=1):
    services.set_preference(actor=person, user=person, kind="visits.reminder", choice="digest")
    for _ in range(count):
        services.notify(
            kind="visits.reminder",
            recipients=[person],
            context={"application": ApplicationFactory(), "user": person},
        )


def test_the_cron_job_sends_one_digest_per_person_and_nothing_on_a_second_run(db):
    first = make_user(None, email="erste@example.org", language="de")
    second = make_user(None, email="second@example.org", language="en")
    _waiting(first, 2)
    _waiting(second)
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "2" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == ["erste@example.org", "second@example.org"]
    english = next(m for m in mail.outbox if m.to == ["second@example.org"])
    assert english.subject == "Your daily digest: 1 new notification"
    assert "/en/notifications/" in english.body
    german = next(m for m in mail.outbox if m.to == ["erste@example.org"])
    assert german.subject == "Ihre tägliche Zusammenfassung: 2 neue Benachrichtigungen"

    call_command("send_digests", stdout=StringIO())
    assert len(mail.outbox) == 2
    assert not Notification.objects.filter(delivery=Notification.Delivery.DIGEST).exists()


def test_the_task_sends_the_digests(db):
    person = make_user(None, email="person@example.org")
    _waiting(person)
    send_daily_digests.enqueue()
    assert [m.to for m in mail.outbox] == [["person@example.org"]]


def test_nobody_without_waiting_notifications_gets_a_digest(db):
    person = make_user(None)
    services.notify(
        kind="visits.reminder",
        recipients=[person],
        context={"application": ApplicationFactory(), "user": person},
    )
    mail.outbox.clear()
    assert services.send_digests() == 0
    assert mail.outbox == []


def test_what_waits_of_a_kind_switched_off_meanwhile_stays_out_of_the_digest(db):
    person = make_user(None, email="person@example.org")
    _waiting(person)
    services.set_preference(actor=person, user=person, kind="visits.reminder", choice="off")
    assert services.send_digests() == 0
    assert mail.outbox == []
    entry = Notification.objects.get(user=person)
    assert entry.delivery == Notification.Delivery.NONE
