"""The participant's pages: registering (oneself or a colleague, with accessibility needs and
their separate consent), my registrations, one registration with its needs and cancelling, the
seat offer by its token, the calendar file; and the refusals (anonymous → sign in, not admitted
→ 403, someone else's registration → 404)."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.core import confirmation
from inklusiv.pilots.models import RegionMember
from inklusiv.trainings.models import AccessibilityNeed, Need, Registration, TrainingSession
from inklusiv.trainings.services import registrations as svc

from ..factories import UserFactory, make_user

pytestmark = pytest.mark.django_db

Status = Registration.Status


def de(text):
    with translation.override("de"):
        return translation.gettext(text)


def _messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def register_as(django_capture_on_commit_callbacks):
    def register(session, person, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return svc.register(actor=person, session=session, **kwargs)

    return register


# -- refusals -----------------------------------------------------------------------------------


def test_anonymous_people_are_asked_to_sign_in_to_register(client, session):
    response = client.get(reverse("trainings:register", args=[session.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_people_outside_the_audience_get_403(client, make_session, people):
    session = make_session(audience=TrainingSession.Audience.PILOT_MEMBERS)
    client.force_login(people[0])
    url = reverse("trainings:register", args=[session.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert not Registration.objects.exists()


def test_someone_elses_registration_answers_404(client, session, people, register_as):
    registration = register_as(session, people[0])
    client.force_login(people[1])
    for name in ("registration", "cancel"):
        url = reverse(f"trainings:{name}", args=[registration.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name
    assert client.get(reverse("trainings:session_ics", args=[session.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_calendar_file_only_for_a_seat_and_organisers(
    client, make_session, people, trainer, register_as
):
    session = make_session(capacity=1)
    register_as(session, people[0])
    register_as(session, people[1])  # waiting
    url = reverse("trainings:session_ics", args=[session.pk])
    client.force_login(people[1])
    assert client.get(url).status_code == 404
    for user in (people[0], trainer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert b"BEGIN:VEVENT" in response.content


# -- registering --------------------------------------------------------------------------------


def test_register_with_a_seat(client, session, people, django_capture_on_commit_callbacks):
    client.force_login(people[0])
    url = reverse("trainings:register", args=[session.pk])
    page = client.get(url).content.decode()
    assert "<legend" in page and 'name="consent"' in page
    # A step-free seat can be asked for because the session has a venue.
    assert f'value="{Need.STEP_FREE}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})
    registration = Registration.objects.get(session=session, user=people[0])
    assert registration.status == Status.CONFIRMED
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:registration", args=[registration.pk])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert session.course.title in message.subject
    registration_url = reverse("trainings:registration", args=[registration.pk])
    assert re.search(r"https?://[^/\s]+" + re.escape(registration_url), message.body)
    html = message.alternatives[0][0]
    assert f'href="{registration_url}"' not in html  # every link is absolute


def test_needs_need_their_own_consent(client, session, people):
    client.force_login(people[0])
    url = reverse("trainings:register", args=[session.pk])
    data = {"needs": [Need.SIGN_LANGUAGE], "details": "DGS bitte"}
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "DGS bitte" in html  # what was typed is kept
    assert 'id="id_consent"' in html and "error-summary" in html
    assert not Registration.objects.exists()
    response = client.post(url, {**data, "consent": "on"})
    assert response.status_code == 302
    need = AccessibilityNeed.objects.get(registration__user=people[0])
    assert need.needs == [Need.SIGN_LANGUAGE] and need.details == "DGS bitte"


def test_only_the_sessions_services_can_be_asked_for(client, make_session, people):
    session = make_session(format="online", venue="", services=[])
    client.force_login(people[0])
    page = client.get(reverse("trainings:register", args=[session.pk])).content.decode()
    assert f'value="{Need.STEP_FREE}"' not in page
    assert f'value="{Need.SIGN_LANGUAGE}"' not in page


def test_full_session_puts_people_on_the_waiting_list_with_their_place(
    client, make_session, people, register_as
):
    session = make_session(capacity=1)
    register_as(session, people[0])
    register_as(session, people[1])
    client.force_login(people[2])
    url = reverse("trainings:register", args=[session.pk])
    assert de("Join the waiting list") in client.get(url).content.decode()
    response = client.post(url, {}, follow=True)
    registration = Registration.objects.get(user=people[2])
    assert registration.status == Status.WAITING
    html = response.content.decode()
    assert re.search(r"\b2\b", " ".join(_messages(response)) or html)
    assert str(Status.WAITING.label) in html or de("On the waiting list") in html


def test_registering_again_leads_to_the_registration(client, session, people, register_as):
    registration = register_as(session, people[0])
    client.force_login(people[0])
    response = client.get(reverse("trainings:register", args=[session.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:registration", args=[registration.pk])


def test_after_the_deadline_the_form_sends_back_to_the_session(client, make_session, people):
    session = make_session(registration_deadline=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(people[0])
    response = client.post(reverse("trainings:register", args=[session.pk]), {})
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:session", args=[session.pk])
    assert not Registration.objects.exists()


def test_a_coordinator_registers_a_colleague_of_the_region(client, session, staff):
    from tests.pilots.conftest import make_region

    expert = make_user("programme_expert", email="expert@inklusiv.example", name="Jonas Brandt")
    coach = make_user("process_coach", email="coach@pb.example", name="Thomas Wegner")
    region = make_region(staff, expert, coach)
    coordinator = UserFactory(name="Cora Koordinatorin", email="cora@region.example")
    colleague = UserFactory(name="Kai Kollege", email="kai@region.example")
    for user, role in ((coordinator, "coordinator"), (colleague, "reader")):
        RegionMember.objects.create(region=region, user=user, role=role, added_by=staff)
    client.force_login(coordinator)
    url = reverse("trainings:register", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Kai Kollege" in page
    response = client.post(url, {"person": str(colleague.pk)})
    assert response.status_code == 302
    registration = Registration.objects.get(user=colleague)
    assert registration.registered_by == coordinator
    assert registration.region == region
    # The coordinator may not read the colleague's registration: back to the session.
    assert response["Location"] == reverse("trainings:session", args=[session.pk])


# -- my registrations, one registration, cancelling ---------------------------------------------


def test_my_registrations_show_status_place_and_offers(client, make_session, people, register_as):
    full = make_session(capacity=1)
    register_as(full, people[0])
    register_as(full, people[1])
    other = make_session(days=20)
    register_as(other, people[1])
    client.force_login(people[1])
    html = client.get(reverse("trainings:mine")).content.decode()
    assert str(de("On the waiting list")) in html
    assert (
        reverse(
            "trainings:registration",
            args=[Registration.objects.get(session=other, user=people[1]).pk],
        )
        in html
    )


def test_my_registrations_offer_an_accept_button(client, make_session, people, register_as):
    session = make_session(capacity=1)
    first = register_as(session, people[0])
    register_as(session, people[1])
    svc.cancel(actor=people[0], registration=first)
    waiting = Registration.objects.get(user=people[1])
    assert waiting.status == Status.OFFERED
    client.force_login(people[1])
    html = client.get(reverse("trainings:mine")).content.decode()
    action = reverse("trainings:offer", args=[svc.offer_token(waiting)])
    assert f'action="{action}"' in html
    client.post(action, {"action": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_past_sessions_link_certificate_and_feedback(client, make_session, people, trainer):
    session = make_session(days=-3)
    registration = Registration.objects.create(
        session=session,
        user=people[0],
        status=Status.CONFIRMED,
        attendance=Registration.Attendance.PRESENT,
    )
    missed = Registration.objects.create(
        session=make_session(days=-5),
        user=people[0],
        status=Status.CONFIRMED,
        attendance=Registration.Attendance.NO_SHOW,
    )
    client.force_login(people[0])
    html = client.get(reverse("trainings:mine")).content.decode()
    assert reverse("trainings:certificate", args=[registration.pk]) in html
    assert reverse("trainings:feedback", args=[registration.pk]) in html
    assert reverse("trainings:certificate", args=[missed.pk]) not in html
    assert reverse("trainings:feedback", args=[missed.pk]) not in html


def test_the_owner_changes_the_needs_with_consent(client, session, people, register_as):
    registration = register_as(session, people[0])
    client.force_login(people[0])
    url = reverse("trainings:registration", args=[registration.pk])
    response = client.post(url, {"needs": [Need.STEP_FREE]})
    assert response.status_code == 400
    assert not AccessibilityNeed.objects.exists()
    response = client.post(url, {"needs": [Need.STEP_FREE], "consent": "on"})
    assert response.status_code == 302
    assert AccessibilityNeed.objects.get(registration=registration).needs == [Need.STEP_FREE]
    html = client.get(url).content.decode()
    assert de("A step-free seat") in html
    # Withdrawing the consent with nothing ticked deletes them.
    client.post(url, {})
    assert not AccessibilityNeed.objects.exists()


def test_organisers_do_not_read_needs_on_the_registration_page(
    client, session, people, trainer, register_as
):
    registration = register_as(
        session, people[0], needs=[Need.SIGN_LANGUAGE], details="Geheim", consent=True
    )
    client.force_login(trainer)
    response = client.get(reverse("trainings:registration", args=[registration.pk]))
    assert response.status_code == 200
    assert "Geheim" not in response.content.decode()
    assert (
        client.post(reverse("trainings:registration", args=[registration.pk]), {}).status_code
        == 403
    )


def test_cancel_asks_first_then_frees_the_seat(client, make_session, people, register_as):
    session = make_session(capacity=1)
    registration = register_as(session, people[0])
    register_as(session, people[1])
    client.force_login(people[0])
    url = reverse("trainings:cancel", args=[registration.pk])
    page = client.get(url)
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED  # GET changes nothing
    token = confirmation.token(f"training-cancel:{registration.pk}:confirmed", [registration.pk])
    assert token in page.content.decode()
    response = client.post(url, {"confirm": token})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert Registration.objects.get(user=people[1]).status == Status.OFFERED


def test_after_the_cancellation_deadline_the_button_is_gone(client, make_session, people):
    session = make_session(cancellation_deadline=timezone.now() - datetime.timedelta(hours=1))
    registration = Registration.objects.create(
        session=session, user=people[0], status=Status.CONFIRMED, confirmed_at=timezone.now()
    )
    client.force_login(people[0])
    html = client.get(reverse("trainings:registration", args=[registration.pk])).content.decode()
    assert reverse("trainings:cancel", args=[registration.pk]) not in html
    assert "Die Abmeldefrist ist am" in html and "Wenn Sie nicht kommen können" in html
    url = reverse("trainings:cancel", args=[registration.pk])
    token = confirmation.token(f"training-cancel:{registration.pk}:confirmed", [registration.pk])
    client.post(url, {"confirm": token})
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# -- the offer by token -------------------------------------------------------------------------


@pytest.fixture
def offered(make_session, people, register_as):
    session = make_session(capacity=1)
    first = register_as(session, people[0])
    register_as(session, people[1])
    svc.cancel(actor=people[0], registration=first)
    registration = Registration.objects.get(user=people[1])
    assert registration.status == Status.OFFERED
    return registration


def test_offer_page_shows_and_get_changes_nothing(client, offered):
    url = reverse("trainings:offer", args=[svc.offer_token(offered)])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="accept"' in html and 'value="decline"' in html
    offered.refresh_from_db()
    assert offered.status == Status.OFFERED


def test_offer_accepted_without_signing_in(client, offered):
    url = reverse("trainings:offer", args=[svc.offer_token(offered)])
    response = client.post(url, {"action": "accept"}, follow=True)
    offered.refresh_from_db()
    assert offered.status == Status.CONFIRMED
    assert de("Your seat is confirmed") in response.content.decode()


def test_offer_declined(client, offered):
    url = reverse("trainings:offer", args=[svc.offer_token(offered)])
    client.post(url, {"action": "decline"})
    offered.refresh_from_db()
    assert offered.status == Status.CANCELLED
    html = client.get(url).content.decode()
    assert 'value="accept"' not in html


def test_expired_offer_says_so(client, offered):
    url = reverse("trainings:offer", args=[svc.offer_token(offered)])
    svc.expire_offers(now=offered.offer_expires_at + datetime.timedelta(minutes=1))
    html = client.get(url).content.decode()
    assert de("This offer has expired") in html
    assert 'value="accept"' not in html
    client.post(url, {"action": "accept"})
    offered.refresh_from_db()
    assert offered.status == Status.EXPIRED


def test_a_broken_token_shows_a_clear_message(client):
    response = client.get(reverse("trainings:offer", args=["kaputt"]))
    assert response.status_code == 404
    assert de("This offer cannot be opened") in response.content.decode()


def test_my_registrations_queries_do_not_grow(
    client, make_session, people, register_as, django_assert_max_num_queries
):
    def add(count, offset):
        for index in range(count):
            full = make_session(capacity=1, days=5 + offset + index)
            register_as(full, people[0])
            register_as(full, people[1])  # waiting
            Registration.objects.create(
                session=make_session(days=-(offset + index + 2)),
                user=people[1],
                status=Status.CONFIRMED,
                attendance=Registration.Attendance.PRESENT,
            )

    add(1, 0)
    client.force_login(people[1])
    url = reverse("trainings:mine")
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    add(5, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_registered_coordinator_can_still_register_a_colleague(
    client, session, staff, register_as
):
    from tests.pilots.conftest import make_region

    expert = make_user("programme_expert", email="expert@inklusiv.example", name="Jonas Brandt")
    coach = make_user("process_coach", email="coach@pb.example", name="Thomas Wegner")
    region = make_region(staff, expert, coach)
    coordinator = UserFactory(name="Cora Koordinatorin", email="cora@region.example")
    colleague = UserFactory(name="Kai Kollege", email="kai@region.example")
    for user, role in ((coordinator, "coordinator"), (colleague, "reader")):
        RegionMember.objects.create(region=region, user=user, role=role, added_by=staff)
    register_as(session, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    url = reverse("trainings:register", args=[session.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert 'value="self"' not in form
    assert client.post(url, {"person": "self"}).status_code == 400
    assert client.post(url, {"person": str(colleague.pk)}).status_code == 302
    assert Registration.objects.get(user=colleague).registered_by == coordinator


def test_the_registration_of_a_participant_links_certificate_and_feedback(
    client, make_session, people
):
    registration = Registration.objects.create(
        session=make_session(days=-2),
        user=people[0],
        status=Status.CONFIRMED,
        attendance=Registration.Attendance.PRESENT,
    )
    client.force_login(people[0])
    html = client.get(reverse("trainings:registration", args=[registration.pk])).content.decode()
    assert reverse("trainings:certificate", args=[registration.pk]) in html
    assert reverse("trainings:feedback", args=[registration.pk]) in html
    # Past sessions cannot be cancelled any more, nor their needs changed.
    assert reverse("trainings:cancel", args=[registration.pk]) not in html
    assert 'name="consent"' not in html


def test_the_offer_mail_says_until_when_and_has_the_one_click_link(
    make_session, people, register_as, django_capture_on_commit_callbacks
):
    from django.utils import formats

    session = make_session(capacity=1)
    first = register_as(session, people[0])
    register_as(session, people[1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=first)
    offered = Registration.objects.get(user=people[1])
    (message,) = [m for m in mail.outbox if people[1].email in m.to]
    with translation.override("de"):
        until = formats.date_format(timezone.localtime(offered.offer_expires_at), "DATETIME_FORMAT")
    link = svc.offer_url(offered)
    assert link.startswith("http")
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert until in text
        assert link in text
    assert until in message.subject
