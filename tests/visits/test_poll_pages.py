"""The poll page (by token, plain form posts), "My meetings" and the organisers' buttons."""

import pytest
from django.core import mail
from django.urls import reverse as django_reverse
from django.utils import translation

from inklusiv.accounts.models import Membership
from inklusiv.core.models import AuditEntry
from inklusiv.visits.models import AccessibilityNeed, Participant, PollAnswer, PollSlot, Visit
from inklusiv.visits.services import polls
from tests.confirmations import post_confirmed
from tests.factories import berlin, make_user

SECRET_DETAIL = "Ruheraum neben dem Sitzungssaal"


def reverse(name, args=(), lang="en"):
    # The language prefix explicitly: the active language leaks between test requests.
    with translation.override(lang):
        return django_reverse(name, args=args)


def _poll_url(participant, lang="en"):
    return reverse("visits:poll", args=[participant.token], lang=lang)


def _data(visit, value="yes", **extra):
    data = {f"slot_{slot.pk}": value for slot in visit.slots.all()}
    data.update(extra)
    return data


def _state_needs(contact):
    polls.answer(
        participant=contact,
        answers={slot.pk: "yes" for slot in contact.visit.slots.all()},
        needs=["sign_language"],
        details=SECRET_DETAIL,
        consent=True,
    )


# --- The poll page -----------------------------------------------------------------------


def test_poll_page_shows_one_fieldset_per_time_without_login(client, visit_round):
    contact = visit_round.contacts[0]

    response = client.get(_poll_url(contact, "de"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="de"' in html
    assert "Mittwoch, 9. November 2016, 10:00–13:00" in html
    assert html.count("<fieldset") == 3  # two times, one for the needs
    for slot in contact.visit.slots.all():
        for value in ("yes", "if_need_be", "no"):
            assert f'name="slot_{slot.pk}" value="{value}"' in html
    assert 'name="consent"' in html
    assert "<script>" not in html
    english = client.get(_poll_url(contact)).content.decode()
    assert "Wednesday, 9 November 2016, 10:00–13:00" in english
    assert "Only the organisers of this meeting see them" in english


def test_poll_page_unknown_token_is_404(client, visit_round):
    assert client.get(reverse("visits:poll", args=["not-a-token"])).status_code == 404
    response = client.post(reverse("visits:poll", args=["not-a-token"]), {})
    assert response.status_code == 404


def test_poll_answered_by_plain_form_post(client, visit_round):
    contact = visit_round.contacts[0]
    first, second = contact.visit.slots.all()
    data = {
        f"slot_{first.pk}": "yes",
        f"slot_{second.pk}": "if_need_be",
        "needs": ["step_free", "easy_read"],
        "details": "",
        "consent": "on",
    }

    response = client.post(_poll_url(contact), data)

    assert response.status_code == 302
    assert dict(PollAnswer.objects.filter(participant=contact).values_list("slot", "answer")) == {
        first.pk: "yes",
        second.pk: "if_need_be",
    }
    assert AccessibilityNeed.objects.get(participant=contact).needs == ["step_free", "easy_read"]
    page = client.get(response["Location"]).content.decode()
    assert "Thank you, your answers have been saved." in page
    assert "Your saved answers" in page
    assert "if need be" in page
    assert "step-free access" in page


def test_missing_answer_shows_error_summary_and_keeps_the_input(client, visit_round):
    contact = visit_round.contacts[0]
    first, second = contact.visit.slots.all()

    response = client.post(
        _poll_url(contact),
        {f"slot_{first.pk}": "no", "needs": ["hearing_loop"], "consent": "on"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_slot_{second.pk}_0"' in html
    assert f'name="slot_{first.pk}" value="no" id="id_slot_{first.pk}_2" checked' in html
    assert 'value="hearing_loop" id="id_needs_4" checked' in html
    assert not PollAnswer.objects.exists()
    assert not AccessibilityNeed.objects.exists()


def test_needs_without_consent_are_refused_on_the_page(client, visit_round):
    contact = visit_round.contacts[0]

    response = client.post(_poll_url(contact), _data(contact.visit, needs=["assistance"]))

    assert response.status_code == 400
    assert "Please confirm that we may store this information" in response.content.decode()
    assert 'href="#id_consent"' in response.content.decode()
    assert not AccessibilityNeed.objects.exists()
    assert not PollAnswer.objects.exists()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_consent_error_has_no_doubled_punctuation(client, visit_round, lang):
    # The error summary joins the label and the message with a colon: a label ending in a
    # full stop read "… meeting.: Please confirm …".
    contact = visit_round.contacts[0]
    response = client.post(_poll_url(contact, lang), _data(contact.visit, needs=["assistance"]))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_consent"' in html
    assert ".:" not in html


def test_confirmed_meeting_shows_the_date_and_calendar_link(client, visit_round):
    contact = visit_round.contacts[0]
    Visit.objects.filter(pk=contact.visit_id).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )

    html = client.get(_poll_url(contact)).content.decode()

    assert "The meeting is confirmed" in html
    assert "Wednesday, 9 November 2016, 10:00–13:00" in html
    assert reverse("visits:poll_ics", args=[contact.token]) in html


def test_closed_poll_shows_no_form(client, visit_round):
    contact = visit_round.contacts[0]
    visit_round.round.poll_closes_at = berlin(2016, 11, 1, 12, 0)
    visit_round.round.save()

    response = client.get(_poll_url(contact))
    assert "The poll is closed" in response.content.decode()
    assert 'name="consent"' not in response.content.decode()
    response = client.post(_poll_url(contact), _data(contact.visit))
    assert response.status_code == 400
    assert not PollAnswer.objects.exists()


def test_needs_do_not_show_on_another_participants_poll_page(client, visit_round):
    contact = visit_round.contacts[0]
    partner = Participant.objects.create(
        visit=contact.visit, kind="partner", name="Partnerin", email="partnerin@example.org"
    )
    _state_needs(contact)

    own = client.get(_poll_url(contact)).content.decode()
    other = client.get(_poll_url(partner)).content.decode()

    assert SECRET_DETAIL in own
    assert SECRET_DETAIL not in other
    assert "checked" not in other


# --- My meetings -------------------------------------------------------------------------


def test_mine_lists_the_meetings_of_my_organisation_without_needs(client, visit_round, applicant):
    first, second, _third = visit_round.visits
    Membership.objects.create(user=applicant, organisation=first.application.organisation)
    _state_needs(visit_round.contacts[0])
    client.force_login(applicant)

    html = client.get(reverse("visits:mine")).content.decode()

    assert first.application.reference in html
    assert second.application.reference not in html
    assert SECRET_DETAIL not in html
    assert "sign-language" not in html
    # Not a participant: no poll link of somebody else.
    assert visit_round.contacts[0].token not in html


def test_mine_links_the_agenda_for_members_of_the_applicant(client, visit_round, applicant):
    first = visit_round.visits[0]
    Membership.objects.create(user=applicant, organisation=first.application.organisation)
    client.force_login(applicant)
    html = client.get(reverse("visits:mine")).content.decode()
    assert reverse("visits:agenda", args=[first.pk]) in html


def test_mine_finds_my_seat_by_e_mail_address_with_the_poll_link(client, visit_round):
    contact = visit_round.contacts[1]
    person = make_user(None, email=contact.email.upper(), name="Kontakt Rostock")
    client.force_login(person)

    html = client.get(reverse("visits:mine")).content.decode()

    assert contact.visit.application.reference in html
    assert _poll_url(contact) in html
    assert visit_round.visits[0].application.reference not in html
    # The signed-in agenda would refuse a seat by e-mail address; the seat's token opens it.
    agenda = reverse("visits:poll_agenda", args=[contact.token])
    assert agenda in html
    assert reverse("visits:agenda", args=[contact.visit_id]) not in html
    assert client.get(agenda).status_code == 200


def test_mine_of_an_outsider_is_empty(client, visit_round, outsider):
    client.force_login(outsider)
    html = client.get(reverse("visits:mine")).content.decode()
    assert "You have no on-site meetings." in html
    for visit in visit_round.visits:
        assert visit.application.reference not in html
    assert reverse("visits:availability") not in html


def test_mine_of_an_expert_lists_their_meetings_and_the_availability_page(client, visit_round):
    client.force_login(visit_round.expert)
    html = client.get(reverse("visits:mine")).content.decode()
    first, second, third = visit_round.visits
    assert first.application.reference in html and second.application.reference in html
    assert third.application.reference not in html
    assert reverse("visits:availability") in html
    # Experts do not answer polls.
    expert_seat = first.participants.get(kind="expert")
    assert expert_seat.token not in html


def test_mine_offers_the_calendar_file_once_confirmed(client, visit_round):
    first = visit_round.visits[0]
    contact = visit_round.contacts[0]
    person = make_user(None, email=contact.email, name=contact.name)
    Participant.objects.filter(pk=contact.pk).update(user=person)
    client.force_login(person)
    ics = reverse("visits:ics", args=[first.pk])
    assert ics not in client.get(reverse("visits:mine")).content.decode()
    Visit.objects.filter(pk=first.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )
    assert ics in client.get(reverse("visits:mine")).content.decode()


def test_mine_needs_login(client, visit_round):
    assert client.get(reverse("visits:mine")).status_code == 302


# --- Organisers' buttons -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["visits:round_slots", "visits:round_send_poll", "visits:round_remind"]
)
def test_round_buttons_refused_for_applicants(client, visit_round, applicant, name):
    client.force_login(applicant)
    response = client.post(reverse(name, args=[visit_round.stage.pk]))
    assert response.status_code == 403
    assert mail.outbox == []
    assert not AuditEntry.objects.exists()


def test_round_buttons_need_post(client, visit_round, staff):
    client.force_login(staff)
    assert (
        client.get(reverse("visits:round_send_poll", args=[visit_round.stage.pk])).status_code
        == 405
    )


def test_send_poll_and_remind_buttons(client, visit_round, staff):
    client.force_login(staff)
    round_url = reverse("visits:round", args=[visit_round.stage.pk])

    response = post_confirmed(
        client, reverse("visits:round_send_poll", args=[visit_round.stage.pk])
    )
    assert response.status_code == 302 and response["Location"] == round_url
    assert len(mail.outbox) == 3
    response = post_confirmed(
        client, reverse("visits:round_remind", args=[visit_round.stage.pk]), follow=False
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 6
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("3" in m for m in messages)


def test_generate_slots_button(client, visit_round, staff):
    PollSlot.objects.all().delete()
    client.force_login(staff)
    response = client.post(reverse("visits:round_slots", args=[visit_round.stage.pk]))
    assert response.status_code == 302
    assert PollSlot.objects.count() == 60


def test_visit_slots_page(client, visit_round, staff, applicant):
    visit = visit_round.visits[0]
    url = reverse("visits:visit_slots", args=[visit.pk])
    client.force_login(applicant)
    assert client.get(url).status_code == 403
    assert client.post(url, {"remove": [visit.slots.first().pk]}).status_code == 403
    assert visit.slots.count() == 2

    client.force_login(staff)
    page = client.get(reverse("visits:visit_slots", args=[visit.pk], lang="de"))
    assert page.status_code == 200
    assert "Mittwoch, 9. November 2016, 10:00–13:00" in page.content.decode()
    first = visit.slots.first()
    response = client.post(
        url, {"remove": [str(first.pk)], "new_date": "2016-11-14", "new_time": "14:00"}
    )
    assert response.status_code == 302
    assert [s.start for s in visit.slots.all()] == [
        berlin(2016, 11, 14, 14, 0),
        berlin(2016, 11, 15, 10, 0),
    ]

    response = client.post(url, {"new_date": "2016-12-24", "new_time": "10:00"})
    assert response.status_code == 400
    assert "outside the round" in response.content.decode()
    response = client.post(url, {"new_date": "2016-11-14"})
    assert response.status_code == 400
    assert "Please enter both the date and the time." in response.content.decode()


def test_unticking_the_consent_on_the_page_deletes_the_needs(client, visit_round):
    contact = visit_round.contacts[0]
    _state_needs(contact)
    response = client.post(
        _poll_url(contact),
        _data(contact.visit, needs=["sign_language"], details=SECRET_DETAIL),
    )
    assert response.status_code == 302
    assert not AccessibilityNeed.objects.exists()
    html = client.get(_poll_url(contact)).content.decode()
    assert SECRET_DETAIL not in html
    assert "You have not stated any accessibility needs." in html


def test_expert_seat_page_asks_only_for_needs(client, visit_round):
    seat = visit_round.visits[0].participants.get(kind="expert")
    html = client.get(_poll_url(seat)).content.decode()
    assert 'name="slot_' not in html
    assert 'name="needs"' in html
    response = client.post(_poll_url(seat), {"needs": ["step_free"], "consent": "on"})
    assert response.status_code == 302
    assert AccessibilityNeed.objects.get(participant=seat).needs == ["step_free"]
    assert not PollAnswer.objects.exists()


def test_mine_links_staff_to_all_rounds(client, visit_round, staff):
    client.force_login(staff)
    html = client.get(reverse("visits:mine")).content.decode()
    assert reverse("visits:stages") in html
    assert "You have no on-site meetings." in html
