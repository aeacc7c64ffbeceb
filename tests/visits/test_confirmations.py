"""The poll, reminders, invitations, a cancellation and removing a participant ask first and
name everyone they reach; a changed set of people is asked again."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from inklusiv.visits.models import Participant, Visit
from tests.confirmations import confirmation_fields, post_confirmed
from tests.factories import berlin

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _announce(visit):
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 10, 10, 0)
    )


def test_poll_question_names_everyone_asked(client, visit_round, staff):
    client.force_login(staff)
    response = client.post(reverse("visits:round_send_poll", args=[visit_round.stage.pk]))
    html = response.content.decode()
    assert "Send the poll to 3 people?" in html
    for contact in visit_round.contacts:
        assert contact.email in html
    # Experts give travel availability instead and are not asked.
    assert visit_round.expert.email not in html
    assert mail.outbox == []
    assert not Participant.objects.filter(polled_at__isnull=False).exists()


def test_someone_added_after_the_question_is_asked_about_again(
    client, visit_round, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("visits:round_send_poll", args=[visit_round.stage.pk])
    fields = confirmation_fields(client.post(url))
    Participant.objects.create(
        visit=visit_round.visits[0],
        kind=Participant.Kind.PARTNER,
        name="Petra Partner",
        email="petra@partner.example",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, fields)
    html = response.content.decode()
    assert response.status_code == 200 and "has changed in the meantime" in html
    assert "Send the poll to 4 people?" in html and "petra@partner.example" in html
    assert mail.outbox == []


def test_cancel_page_lists_who_gets_the_cancellation_and_a_bare_post_sends_nothing(
    client, visit_round, staff, django_capture_on_commit_callbacks
):
    visit = visit_round.visits[0]
    _announce(visit)
    client.force_login(staff)
    url = reverse("visits:visit_cancel", args=[visit.pk])
    page = client.get(url).content.decode()
    assert "2 people get the cancellation" in page
    assert visit_round.contacts[0].email in page and visit_round.expert.email in page
    with django_capture_on_commit_callbacks(execute=True):
        bare = client.post(url, {"reason": "Die Gastgeberin ist erkrankt."})
    assert bare.status_code == 200
    assert "Nothing has been sent yet" in bare.content.decode()
    # What was typed stays in the form.
    assert "Die Gastgeberin ist erkrankt." in bare.content.decode()
    visit.refresh_from_db()
    assert visit.status == Visit.Status.CONFIRMED and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**confirmation_fields(bare), "reason": "Erkrankt."})
    assert done.status_code == 302
    visit.refresh_from_db()
    assert visit.status == Visit.Status.CANCELLED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [visit_round.contacts[0].email, visit_round.expert.email]
    )


def test_removing_an_invited_participant_says_a_cancellation_goes_out(
    client, visit_round, staff, django_capture_on_commit_callbacks
):
    visit = visit_round.visits[0]
    _announce(visit)
    contact = visit_round.contacts[0]
    client.force_login(staff)
    url = reverse("visits:participant_remove", args=[contact.pk])
    question = client.post(url).content.decode()
    assert f"Remove {contact.name} from the meeting with" in question
    assert "gets a cancellation by e-mail" in question
    assert Participant.objects.filter(pk=contact.pk).exists() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        post_confirmed(client, url)
    assert not Participant.objects.filter(pk=contact.pk).exists()
    assert [message.to for message in mail.outbox] == [[contact.email]]


def test_removing_someone_not_yet_invited_says_nobody_is_mailed(client, visit_round, staff):
    contact = visit_round.contacts[1]
    client.force_login(staff)
    question = client.post(reverse("visits:participant_remove", args=[contact.pk]))
    assert "nobody gets an e-mail" in question.content.decode()


def test_only_organisers_reach_the_questions(client, visit_round, applicant):
    client.force_login(applicant)
    for url in (
        reverse("visits:round_send_poll", args=[visit_round.stage.pk]),
        reverse("visits:round_remind", args=[visit_round.stage.pk]),
        reverse("visits:participant_remove", args=[visit_round.contacts[0].pk]),
    ):
        response = client.post(url)
        assert response.status_code == 403, url
        assert visit_round.contacts[0].email not in response.content.decode()
