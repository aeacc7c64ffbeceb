"""Calendar downloads, the personal subscription feed and the page that shows and renews it:
who gets which file, and that a secret address stops working once renewed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest
from inklusiv.visits.models import CalendarFeed, Visit
from inklusiv.visits.services import invitations
from tests.factories import berlin, make_user


def parse(data: bytes) -> Calendar:
    """Parse strictly: one calendar, no property errors, every TZID defined."""
    calendar = Calendar.from_ical(data, multiple=False)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    calendar.validate()
    assert calendar.get_missing_tzids() == set()
    return calendar


def announce(visit, start, status=Visit.Status.CONFIRMED):
    """Put a meeting into the state after its invitation, without sending mail."""
    Visit.objects.filter(pk=visit.pk).update(start=start, status=status)
    visit.refresh_from_db()
    return visit


@pytest.fixture
def announced(visit_round):
    """All three meetings of the round confirmed: 8, 9 and 10 November 2016."""
    return [
        announce(visit, berlin(2016, 11, 8 + number, 10, 0))
        for number, visit in enumerate(visit_round.visits)
    ]


def conflict(user, application):
    ConflictOfInterest.objects.create(
        user=user,
        application=application,
        source=ConflictOfInterest.Source.DECLARED,
        reason="Früher dort beschäftigt.",
    )


# --- one meeting's .ics --------------------------------------------------------------------


def test_a_participant_downloads_the_meeting(client, visit_round, announced):
    visit = announced[0]
    client.force_login(visit_round.expert)
    response = client.get(reverse("visits:ics", args=[visit.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="vor-ort-gespraech-KI-2016-0001.ics"'
    )
    assert "private" in response["Cache-Control"]
    calendar = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"visit-{visit.pk}@127.0.0.1"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == berlin(2016, 11, 8, 10, 0)
    # A download carries no other people's addresses (RFC 5546 forbids ATTENDEE in PUBLISH).
    assert "ATTENDEE" not in event


def test_staff_download_any_announced_meeting(client, staff, announced):
    client.force_login(staff)
    assert client.get(reverse("visits:ics", args=[announced[2].pk])).status_code == 200


def test_the_download_needs_a_login(client, announced):
    response = client.get(reverse("visits:ics", args=[announced[0].pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_outsiders_and_conflicted_experts_do_not_learn_of_the_meeting(
    client, visit_round, outsider, announced
):
    url = reverse("visits:ics", args=[announced[0].pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    conflict(visit_round.expert, announced[0].application)
    client.force_login(visit_round.expert)
    assert client.get(url).status_code == 404
    # The other expert has no seat but organises meetings: allowed.
    client.force_login(visit_round.second_expert)
    assert client.get(url).status_code == 200


def test_a_meeting_without_a_time_has_no_calendar_file(client, staff, visit_round):
    client.force_login(staff)
    response = client.get(reverse("visits:ics", args=[visit_round.visits[0].pk]))
    assert response.status_code == 404
    assert client.get(reverse("visits:ics", args=[999999])).status_code == 404


def test_a_participant_without_an_account_downloads_by_token(client, visit_round, announced):
    contact = visit_round.contacts[0]
    response = client.get(reverse("visits:poll_ics", args=[contact.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = parse(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"visit-{announced[0].pk}@127.0.0.1"
    assert contact.token in str(event["DESCRIPTION"])
    assert client.get(reverse("visits:poll_ics", args=["unknown-token"])).status_code == 404


def test_the_token_download_waits_for_the_time(client, visit_round):
    contact = visit_round.contacts[0]
    assert client.get(reverse("visits:poll_ics", args=[contact.token])).status_code == 404


# --- the personal feed --------------------------------------------------------------------


def feed_uids(client, user) -> set[str]:
    token = invitations.feed_for(user).token
    response = client.get(reverse("visits:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    calendar = parse(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def uid(visit) -> str:
    return f"visit-{visit.pk}@127.0.0.1"


def test_the_feed_holds_only_the_persons_meetings(client, visit_round, announced):
    # Opened without a session, as calendar programs do.
    assert feed_uids(client, visit_round.expert) == {uid(announced[0]), uid(announced[1])}
    assert feed_uids(client, visit_round.second_expert) == {uid(announced[2])}


def test_the_feed_finds_seats_by_e_mail_address(client, visit_round, announced):
    # The contact's seat was made before they had an account.
    person = make_user("applicant", email="Kontakt@Neuruppin.example", name="Kontakt")
    assert feed_uids(client, person) == {uid(announced[0])}


def test_the_feed_links_each_agenda_the_way_it_opens_for_the_person(client, visit_round, announced):
    # A partner with an account but a seat by e-mail address only cannot open the signed-in
    # agenda: their feed links the agenda of their seat's token, which opens.
    person = make_user(None, email="Kontakt@Neuruppin.example", name="Kontakt")
    token = invitations.feed_for(person).token
    (event,) = parse(client.get(reverse("visits:feed", args=[token])).content).walk("VEVENT")
    seat = visit_round.contacts[0]
    agenda = reverse("visits:poll_agenda", args=[seat.token])
    assert agenda in str(event["DESCRIPTION"])
    client.force_login(person)
    assert client.get(agenda).status_code == 200


def test_the_feed_shows_cancellations_and_leaves_out_unannounced_meetings(
    client, visit_round, announced
):
    announce(announced[0], announced[0].start, status=Visit.Status.CANCELLED)
    Visit.objects.filter(pk=announced[1].pk).update(start=None, status=Visit.Status.PLANNING)
    token = invitations.feed_for(visit_round.expert).token
    calendar = parse(client.get(reverse("visits:feed", args=[token])).content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == uid(announced[0])
    assert event["STATUS"] == "CANCELLED"


def test_the_feed_drops_a_meeting_once_the_expert_has_a_conflict(client, visit_round, announced):
    conflict(visit_round.expert, announced[0].application)
    assert feed_uids(client, visit_round.expert) == {uid(announced[1])}


def test_an_empty_feed_is_a_valid_calendar(client, outsider):
    assert feed_uids(client, outsider) == set()


def test_an_unknown_feed_address_is_not_found(client, visit_round, announced):
    invitations.feed_for(visit_round.expert)
    assert client.get(reverse("visits:feed", args=["no-such-token"])).status_code == 404


def test_the_feed_of_a_deactivated_account_is_gone(client, visit_round, announced):
    token = invitations.feed_for(visit_round.expert).token
    visit_round.expert.is_active = False
    visit_round.expert.save(update_fields=["is_active"])
    assert client.get(reverse("visits:feed", args=[token])).status_code == 404


# --- the subscription page ------------------------------------------------------------------


def test_the_page_shows_the_address_to_subscribe_to(client, visit_round, announced):
    client.force_login(visit_round.expert)
    response = client.get(reverse("visits:calendar"))
    assert response.status_code == 200
    token = CalendarFeed.objects.get(user=visit_round.expert).token
    feed_url = "http://127.0.0.1:8000" + reverse("visits:feed", args=[token])
    html = response.content.decode()
    assert f'value="{feed_url}" readonly' in html
    assert '<label class="kern-label" for="feed-url">' in html
    assert 'href="webcal://127.0.0.1:8000' in html
    # Product names, in whichever language the page is (Apple "Kalender" in German).
    for program in ("Outlook", "Apple", "Google", "Thunderbird"):
        assert program in html
    assert reverse("visits:ics", args=[announced[0].pk]) in html
    assert reverse("visits:ics", args=[announced[2].pk]) not in html
    assert response["Cache-Control"].startswith("max-age=0")
    # Looking again does not change the address.
    client.get(reverse("visits:calendar"))
    assert CalendarFeed.objects.get(user=visit_round.expert).token == token


def test_the_page_needs_a_login(client, db):
    response = client.get(reverse("visits:calendar"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.post(reverse("visits:calendar"))
    assert response.status_code == 302
    assert CalendarFeed.objects.count() == 0


def test_renewing_the_address_retires_the_old_one(client, visit_round, announced):
    old = invitations.feed_for(visit_round.expert).token
    client.force_login(visit_round.expert)
    response = client.post(reverse("visits:calendar"), follow=True)
    assert response.status_code == 200
    new = CalendarFeed.objects.get(user=visit_round.expert).token
    assert new != old
    assert new in response.content.decode()
    client.logout()
    assert client.get(reverse("visits:feed", args=[old])).status_code == 404
    assert client.get(reverse("visits:feed", args=[new])).status_code == 200
    (entry,) = AuditEntry.objects.filter(action="calendar_feed_renewed")
    assert entry.actor == visit_round.expert
    # The log records that the address changed, never the secret itself.
    assert old not in str(entry.before) + str(entry.after)
    assert new not in str(entry.before) + str(entry.after)


def test_renewing_works_before_the_first_visit_of_the_page(client, outsider):
    client.force_login(outsider)
    assert client.post(reverse("visits:calendar")).status_code == 302
    assert CalendarFeed.objects.filter(user=outsider).count() == 1
