"""Every registered notification kind: off means no mail (where a person may switch it off),
digest means no mail now and one mail a day with the items, and kinds that may not be
switched off refuse it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from inklusiv.core.exceptions import DomainError
from inklusiv.notifications import kinds, services
from inklusiv.notifications.models import Notification, OptOut
from tests.factories import ApplicationFactory, make_user

ALL = kinds.all_kinds()
OPTIONAL = [kind for kind in ALL if kind.optional]
FIXED = [kind for kind in ALL if not kind.optional]
DIGESTIBLE = [kind for kind in ALL if kind.digestible]
NOT_DIGESTIBLE = [kind for kind in ALL if not kind.digestible]


def _ids(kind_list):
    return [kind.key for kind in kind_list]


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


@pytest.fixture
def person(db):
    return make_user("applicant", email="person@verein.example", name="Petra Person")


def _context(person):
    # Every kind's mail template renders from this context (a new kind whose template needs
    # another value adds it here): the ones that link to an application need a real one.
    application = ApplicationFactory()
    return {
        "application": application,
        "user": person,
        "actor": person,
        "organisation": application.organisation,
        "message": {"subject": "Bitte ergänzen Sie den Finanzplan", "body": "Danke."},
        "name": person.name,
        "total": 1,
        "count": 1,
        "stages": [],
        "url": "https://inklusiv.example/de/",
    }


def test_every_mail_the_product_sends_is_a_registered_kind():
    keys = set(_ids(ALL))
    assert {
        "accounts.invitation",
        "core.accessibility_feedback",
        "applications.submitted",
        "applications.withdrawn",
        "applications.message",
        "applications.ineligible",
        "selection.decision",
        "visits.poll",
        "visits.reminder",
        "visits.invitation",
        "visits.update",
        "visits.cancellation",
    } <= keys
    for kind in ALL:
        assert str(kind.label) and str(kind.audience)


@pytest.mark.parametrize("kind", ALL, ids=_ids(ALL))
def test_by_default_a_person_gets_the_mail_at_once_and_in_the_inbox(person, kind):
    sent = services.notify(kind=kind.key, recipients=[person], context=_context(person))
    assert sent == 1
    assert [message.to for message in mail.outbox] == [[person.email]]
    entry = Notification.objects.get(user=person, kind=kind.key)
    assert entry.delivery == Notification.Delivery.SENT
    assert entry.subject == mail.outbox[0].subject
    assert entry.read_at is None


@pytest.mark.parametrize("kind", OPTIONAL, ids=_ids(OPTIONAL))
def test_a_person_who_switched_an_optional_kind_off_gets_no_mail(person, kind):
    services.set_preference(actor=person, user=person, kind=kind.key, choice="off")
    sent = services.notify(kind=kind.key, recipients=[person], context=_context(person))
    assert sent == 0
    assert mail.outbox == []
    assert services.send_digests() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("kind", OPTIONAL, ids=_ids(OPTIONAL))
def test_an_optional_kind_carries_one_click_unsubscribe_headers(person, kind):
    services.notify(kind=kind.key, recipients=[person], context=_context(person))
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"].startswith("<http")
    assert "/notifications/unsubscribe/" in headers["List-Unsubscribe"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize("kind", FIXED, ids=_ids(FIXED))
def test_a_kind_that_cannot_be_switched_off_refuses_off_and_still_arrives(person, kind):
    with pytest.raises(DomainError):
        services.set_preference(actor=person, user=person, kind=kind.key, choice="off")
    assert services.notify(kind=kind.key, recipients=[person], context=_context(person)) == 1
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


@pytest.mark.parametrize("kind", DIGESTIBLE, ids=_ids(DIGESTIBLE))
def test_a_person_on_digest_gets_no_mail_now_and_one_mail_a_day(person, kind):
    services.set_preference(actor=person, user=person, kind=kind.key, choice="digest")
    for _ in range(2):
        assert services.notify(kind=kind.key, recipients=[person], context=_context(person)) == 0
    assert mail.outbox == []
    subjects = list(
        Notification.objects.filter(user=person, kind=kind.key).values_list("subject", flat=True)
    )

    assert services.send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [person.email]
    assert "2 neue Benachrichtigungen" in digest.subject
    for subject in subjects:
        assert subject in digest.body

    # Running the job again the same day sends nothing, also not for what came meanwhile.
    services.notify(kind=kind.key, recipients=[person], context=_context(person))
    assert services.send_digests() == 0
    assert len(mail.outbox) == 1

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert services.send_digests(now=tomorrow) == 1
    assert len(mail.outbox) == 2
    assert "1 neue Benachrichtigung" in mail.outbox[1].subject


@pytest.mark.parametrize("kind", NOT_DIGESTIBLE, ids=_ids(NOT_DIGESTIBLE))
def test_a_kind_that_must_arrive_at_once_refuses_the_digest(person, kind):
    with pytest.raises(DomainError):
        services.set_preference(actor=person, user=person, kind=kind.key, choice="digest")


@pytest.mark.parametrize("kind", ALL, ids=_ids(ALL))
def test_a_bare_address_gets_the_mail_at_once_in_its_language(db, kind):
    person = make_user(None)
    address = "partnerin@verband.example"
    sent = services.notify(
        kind=kind.key, recipients=[address], context=_context(person), language="en"
    )
    assert sent == 1
    assert mail.outbox[0].to == [address]
    assert Notification.objects.count() == 0
    assert ("List-Unsubscribe" in mail.outbox[0].extra_headers) == kind.optional


@pytest.mark.parametrize("kind", OPTIONAL, ids=_ids(OPTIONAL))
def test_a_bare_address_that_opted_out_gets_no_more_mail(db, kind):
    person = make_user(None)
    OptOut.objects.create(email="partnerin@verband.example", kind=kind.key)
    sent = services.notify(
        kind=kind.key, recipients=["Partnerin@Verband.example"], context=_context(person)
    )
    assert sent == 0
    assert mail.outbox == []


def test_someone_else_cannot_change_a_persons_preferences(person):
    other = make_user(None, email="other@example.org")
    with pytest.raises(DomainError):
        services.set_preference(actor=other, user=person, kind="visits.reminder", choice="off")


def test_a_preference_change_is_audited(person):
    from inklusiv.core.models import AuditEntry

    services.set_preference(actor=person, user=person, kind="visits.reminder", choice="digest")
    entry = AuditEntry.objects.get(action="notification_preference_changed")
    assert entry.before == {"kind": "visits.reminder", "choice": "immediately"}
    assert entry.after == {"kind": "visits.reminder", "choice": "digest"}


@pytest.mark.parametrize("kind", OPTIONAL, ids=_ids(OPTIONAL))
def test_an_optional_kind_shows_its_unsubscribe_link_in_the_mail(person, kind):
    services.notify(kind=kind.key, recipients=[person], context=_context(person))
    message = mail.outbox[0]
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url in message.body
    assert url in message.alternatives[0][0]
