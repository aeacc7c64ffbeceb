"""The organisers' pages: stages, a round (set-up, proposal, the infeasible explanation),
one meeting (place, participants, pin, cancel) and who is refused how."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest
from inklusiv.visits.models import AccessibilityNeed, Participant, PollSlot, Visit, VisitRound
from tests.confirmations import post_confirmed
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    StageFactory,
    berlin,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.VISITS_SOLVER_SECONDS = 5
    with translation.override("en"):
        yield


def conflict(user, visit):
    ConflictOfInterest.objects.create(
        user=user, application=visit.application, source="declared", reason="Vorstand"
    )


def staff_pages(visit_round):
    stage, visit = visit_round.stage, visit_round.visits[0]
    return [
        ("get", reverse("visits:stages")),
        ("get", reverse("visits:round", args=[stage.pk])),
        ("get", reverse("visits:round_settings", args=[stage.pk])),
        ("post", reverse("visits:round_settings", args=[stage.pk])),
        ("post", reverse("visits:round_run", args=[stage.pk])),
        ("post", reverse("visits:round_confirm", args=[stage.pk])),
        ("get", reverse("visits:visit", args=[visit.pk])),
        ("get", reverse("visits:visit_place", args=[visit.pk])),
        ("post", reverse("visits:visit_place", args=[visit.pk])),
        ("post", reverse("visits:participant_add", args=[visit.pk])),
        ("post", reverse("visits:participant_remove", args=[visit_round.contacts[0].pk])),
        ("post", reverse("visits:visit_pin", args=[visit.pk])),
        ("post", reverse("visits:visit_unpin", args=[visit.pk])),
        ("get", reverse("visits:visit_cancel", args=[visit.pk])),
        ("post", reverse("visits:visit_cancel", args=[visit.pk])),
    ]


# --- who may ---------------------------------------------------------------------------------


def test_staff_and_experts_open_the_pages(client, visit_round, staff):
    visit = visit_round.visits[0]
    for person in (staff, visit_round.second_expert):
        client.force_login(person)
        for url in (
            reverse("visits:stages"),
            reverse("visits:round", args=[visit_round.stage.pk]),
            reverse("visits:round_settings", args=[visit_round.stage.pk]),
            reverse("visits:visit", args=[visit.pk]),
            reverse("visits:visit_place", args=[visit.pk]),
            reverse("visits:visit_cancel", args=[visit.pk]),
        ):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["applicant", "commission_member", "process_coach", None])
def test_other_roles_get_403_and_change_nothing(client, visit_round, role):
    client.force_login(make_user(role))
    data = {
        "pin-start_date": "2016-11-10",
        "pin-start_time": "10:00",
        "participant-kind": "partner",
        "participant-name": "Eindringling",
        "participant-email": "x@example.org",
        "reason": "weg",
        "city": "Nirgendwo",
        "duration_minutes": "60",
    }
    for method, url in staff_pages(visit_round):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, url
    assert not AuditEntry.objects.exists()
    assert Participant.objects.count() == 6
    assert not Visit.objects.filter(pinned_start__isnull=False).exists()


def test_anonymous_people_are_sent_to_the_login(client, visit_round):
    for method, url in staff_pages(visit_round):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_conflicted_expert_gets_404_and_does_not_see_the_meeting(client, visit_round):
    expert = visit_round.second_expert
    hidden = visit_round.visits[0]
    conflict(expert, hidden)
    client.force_login(expert)
    for method, url in [
        ("get", reverse("visits:visit", args=[hidden.pk])),
        ("get", reverse("visits:visit_place", args=[hidden.pk])),
        ("post", reverse("visits:visit_pin", args=[hidden.pk])),
        ("post", reverse("visits:visit_unpin", args=[hidden.pk])),
        ("post", reverse("visits:participant_add", args=[hidden.pk])),
        ("post", reverse("visits:participant_remove", args=[visit_round.contacts[0].pk])),
        ("get", reverse("visits:visit_cancel", args=[hidden.pk])),
    ]:
        assert getattr(client, method)(url).status_code == 404, url
    page = client.get(reverse("visits:round", args=[visit_round.stage.pk]))
    assert page.status_code == 200
    shown = [row["visit"] for row in page.context["rows"]]
    assert hidden not in shown and len(shown) == 2
    assert hidden.application.organisation.name not in page.content.decode()
    stages = client.get(reverse("visits:stages"))
    assert stages.context["stages"][0].meetings == 2
    assert visit_round.contacts[0] in Participant.objects.all()


# --- the stages and the round ---------------------------------------------------------------


def test_stages_list_counts_meetings(client, visit_round, staff):
    StageFactory(requires_site_visit=False)
    client.force_login(staff)
    page = client.get(reverse("visits:stages"))
    rows = list(page.context["stages"])
    assert [(row.pk, row.meetings) for row in rows] == [(visit_round.stage.pk, 3)]
    assert reverse("visits:round", args=[visit_round.stage.pk]) in page.content.decode()


def test_round_page_without_round_offers_the_set_up(client, staff):
    call = CallFactory(stages=False)
    stage = StageFactory(call=call, position=1, requires_site_visit=True)
    application = ApplicationFactory(
        call=call, stage=stage, status="in_review", reference="KI-2016-0001"
    )
    client.force_login(staff)
    page = client.get(reverse("visits:round", args=[stage.pk]))
    assert page.status_code == 200
    assert 'name="window_start_date"' in page.content.decode()
    response = client.post(
        reverse("visits:round_settings", args=[stage.pk]),
        {
            "window_start_date": "2016-11-07",
            "window_start_time": "08:00",
            "window_end_date": "2016-11-18",
            "window_end_time": "20:00",
            "duration_minutes": "180",
            "slot_times": "10:00, 14:00",
            "speed_kmh": "60",
            "buffer_minutes": "30",
            "max_per_day": "2",
        },
    )
    assert response.status_code == 302
    round_ = VisitRound.objects.get(stage=stage)
    assert round_.window_start == berlin(2016, 11, 7, 8, 0)
    assert Visit.objects.get(round=round_).application == application


def test_settings_form_shows_the_service_refusal_at_the_field(client, visit_round, staff):
    client.force_login(staff)
    response = client.post(
        reverse("visits:round_settings", args=[visit_round.stage.pk]),
        {
            "window_start_date": "2016-11-18",
            "window_start_time": "08:00",
            "window_end_date": "2016-11-07",
            "window_end_time": "20:00",
            "duration_minutes": "180",
            "slot_times": "10 Uhr",
            "speed_kmh": "60",
            "buffer_minutes": "30",
            "max_per_day": "2",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "end of the period must be after its start" in errors["window_end_date"][0]
    visit_round.round.refresh_from_db()
    assert visit_round.round.window_start == berlin(2016, 11, 7, 0, 0)


def test_stage_without_on_site_meetings_is_not_found(client, staff):
    client.force_login(staff)
    stage = StageFactory(requires_site_visit=False)
    assert client.get(reverse("visits:round", args=[stage.pk])).status_code == 404


def test_round_page_shows_the_proposal(client, visit_round, staff):
    client.force_login(staff)
    response = client.post(reverse("visits:round_run", args=[visit_round.stage.pk]), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Last optimiser run" in content
    assert "best possible schedule found" in content
    assert all(row["visit"].proposed_start for row in response.context["rows"])
    assert response.context["to_confirm"] == 3
    assert response.context["problems"] == []


def test_infeasible_round_shows_the_explanation_not_an_error(client, visit_round, staff):
    """Two meetings, one expert, one slot: a clear explanation with HTTP 200."""
    first, second, third = visit_round.visits
    third.delete()
    PollSlot.objects.filter(visit__in=[first, second]).delete()
    for visit in (first, second):
        PollSlot.objects.create(visit=visit, start=berlin(2016, 11, 9, 10, 0))
    client.force_login(staff)
    response = client.post(reverse("visits:round_run", args=[visit_round.stage.pk]), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert "No schedule is possible" in content
    assert (
        "KI-2016-0001 (Neuruppin) and KI-2016-0002 (Rostock) both need Jonas Brandt, and "
        "their only possible slot is 09.11.2016 10:00."
    ) in content
    assert not Visit.objects.filter(proposed_start__isnull=False).exists()


def test_expert_reads_another_meeting_for_a_conflicted_one(client, visit_round, staff):
    first, second, _third = visit_round.visits
    PollSlot.objects.filter(visit__in=[first, second]).delete()
    for visit in (first, second):
        PollSlot.objects.create(visit=visit, start=berlin(2016, 11, 9, 10, 0))
    client.force_login(staff)
    client.post(reverse("visits:round_run", args=[visit_round.stage.pk]))
    observer = make_user("programme_expert")
    conflict(observer, first)
    client.force_login(observer)
    content = client.get(reverse("visits:round", args=[visit_round.stage.pk])).content.decode()
    assert "No schedule is possible" in content
    assert "KI-2016-0001" not in content
    assert "another meeting and KI-2016-0002 (Rostock)" in content


def test_confirm_refuses_a_plan_that_breaks_the_rules(client, visit_round, staff):
    first, second, _third = visit_round.visits
    Visit.objects.filter(pk=first.pk).update(pinned_start=berlin(2016, 11, 10, 10, 0))
    Visit.objects.filter(pk=second.pk).update(pinned_start=berlin(2016, 11, 10, 11, 0))
    client.force_login(staff)
    response = client.post(
        reverse("visits:round_confirm", args=[visit_round.stage.pk]), follow=True
    )
    assert response.status_code == 200
    texts = [str(message) for message in response.context["messages"]]
    assert any("breaks the rules" in text for text in texts)
    assert not Visit.objects.filter(status=Visit.Status.CONFIRMED).exists()


# --- one meeting -----------------------------------------------------------------------------


def test_visit_page_shows_place_participants_and_needs(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    page = client.get(reverse("visits:visit", args=[visit.pk]))
    content = page.content.decode()
    assert "KI-2016-0001" in content
    assert "Fehrbelliner Straße 12" in content
    assert "Jonas Brandt" in content and "kontakt@neuruppin.example" in content
    assert page.context["can_see_needs"]
    assert reverse("visits:visit_place", args=[visit.pk]) in content


def test_accessibility_needs_are_shown_to_organisers_and_each_reading_is_logged(
    client, visit_round, staff
):
    visit = visit_round.visits[0]
    contact = visit_round.contacts[0]
    AccessibilityNeed.objects.create(
        participant=contact,
        needs=["step_free", "sign_language"],
        details="Bitte Dolmetschung für zwei Personen.",
        consent_at=timezone.now(),
    )
    client.force_login(staff)
    with translation.override("en"):
        content = client.get(reverse("visits:visit", args=[visit.pk])).content.decode()
    assert "step-free access" in content and "Bitte Dolmetschung" in content
    (entry,) = AuditEntry.objects.filter(action="accessibility_needs_viewed")
    assert entry.actor == staff and entry.after == {"participants": [contact.pk]}
    # The needs themselves stay out of the log.
    assert "Dolmetschung" not in str(entry.after) + str(entry.before)

    # A meeting without needs writes nothing; an applicant never gets the page at all.
    client.get(reverse("visits:visit", args=[visit_round.visits[1].pk]))
    assert AuditEntry.objects.filter(action="accessibility_needs_viewed").count() == 1
    client.force_login(make_user("applicant", email="mitglied@verein.example"))
    assert client.get(reverse("visits:visit", args=[visit.pk])).status_code in (403, 404)
    assert AuditEntry.objects.filter(action="accessibility_needs_viewed").count() == 1


def test_place_form_accepts_german_decimal_commas(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_place", args=[visit.pk]),
        {
            "place": "Rathaus",
            "street": "Karl-Liebknecht-Straße 33",
            "postcode": "16816",
            "city": "Neuruppin",
            "latitude": "52,9301",
            "longitude": "12,8032",
            "duration_minutes": "120",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.latitude, visit.longitude, visit.duration_minutes) == (52.9301, 12.8032, 120)


def test_place_form_refuses_half_coordinates(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_place", args=[visit.pk]),
        {"city": "Neuruppin", "latitude": "52.9", "longitude": "", "duration_minutes": "180"},
    )
    assert response.status_code == 400
    assert "both latitude and longitude" in response.content.decode()
    visit.refresh_from_db()
    assert visit.longitude == 12.8046


def test_add_and_remove_participants_on_the_page(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    url = reverse("visits:participant_add", args=[visit.pk])
    response = client.post(
        url,
        {
            "participant-kind": "partner",
            "participant-name": "Petra Partner",
            "participant-email": "petra@vhs.example",
            "participant-language": "de",
        },
    )
    assert response.status_code == 302
    petra = visit.participants.get(email="petra@vhs.example")
    response = client.post(
        url,
        {
            "participant-kind": "expert",
            "participant-user": str(visit_round.second_expert.pk),
            "participant-language": "de",
        },
    )
    assert response.status_code == 302
    assert visit.participants.filter(user=visit_round.second_expert, kind="expert").exists()
    response = post_confirmed(client, reverse("visits:participant_remove", args=[petra.pk]))
    assert response.status_code == 302
    assert not visit.participants.filter(pk=petra.pk).exists()


def test_add_participant_bad_input_keeps_what_was_typed(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:participant_add", args=[visit.pk]),
        {
            "participant-kind": "partner",
            "participant-name": "Petra Partner",
            "participant-email": "",
            "participant-language": "de",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Please enter the person&#x27;s e-mail address." in content
    assert 'value="Petra Partner"' in content
    assert visit.participants.count() == 2


def test_conflicted_expert_is_not_offered(client, visit_round, staff):
    visit = visit_round.visits[0]
    conflict(visit_round.second_expert, visit)
    client.force_login(staff)
    page = client.get(reverse("visits:visit", args=[visit.pk]))
    offered = list(page.context["participant_form"].fields["user"].queryset)
    assert visit_round.second_expert not in offered
    assert visit_round.expert not in offered  # already takes part


def test_pin_and_unpin_on_the_page(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_pin", args=[visit.pk]),
        {"pin-start_date": "2016-11-10", "pin-start_time": "13:30"},
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.pinned_start == berlin(2016, 11, 10, 13, 30)
    response = client.post(reverse("visits:visit_unpin", args=[visit.pk]))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.pinned_start is None


@pytest.mark.parametrize(
    ("language", "message"),
    [("de", "Bitte ein gültiges Datum eingeben."), ("en", "Enter a valid date.")],
)
def test_pin_form_bad_date_in_the_page_language(client, visit_round, staff, language, message):
    client.force_login(staff)
    visit = visit_round.visits[0]
    with translation.override(language):
        url = reverse("visits:visit_pin", args=[visit.pk])
    assert url.startswith(f"/{language}/")
    response = client.post(url, {"pin-start_date": "2016-13-45", "pin-start_time": "10:00"})
    assert response.status_code == 400
    assert message in response.content.decode()
    visit.refresh_from_db()
    assert visit.pinned_start is None


def test_pin_form_outside_the_window_says_what_to_do(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_pin", args=[visit.pk]),
        {"pin-start_date": "2016-12-01", "pin-start_time": "10:00"},
    )
    assert response.status_code == 400
    errors = response.context["pin_form"].errors
    assert "outside the round's period" in errors["start_date"][0]
    assert "change the period in the round's settings" in errors["start_date"][0]


def test_cancel_page_needs_a_reason(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    page = client.get(reverse("visits:visit_cancel", args=[visit.pk]))
    assert 'name="reason"' in page.content.decode()
    response = client.post(reverse("visits:visit_cancel", args=[visit.pk]), {"reason": ""})
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.status == Visit.Status.PLANNING


def add_meetings(visit_round, count):
    """More applications with a meeting, an expert seat, a contact and two slots each."""
    for number in range(count):
        application = ApplicationFactory(
            call=visit_round.stage.call,
            stage=visit_round.stage,
            status="in_review",
            reference=f"KI-2016-{100 + number:04d}",
        )
        visit = Visit.objects.create(
            round=visit_round.round,
            application=application,
            city="Kassel",
            latitude=51.31 + number / 100,
            longitude=9.49,
        )
        Participant.objects.create(
            visit=visit,
            kind=Participant.Kind.EXPERT,
            user=visit_round.second_expert,
            name="Ulrike Hahn",
            email=visit_round.second_expert.email,
        )
        Participant.objects.create(
            visit=visit, kind="contact", name="K", email=f"k{number}@kassel.example"
        )
        for day in (8, 22):
            PollSlot.objects.create(visit=visit, start=berlin(2016, 11, day, 14, 0))


@pytest.mark.parametrize("person", ["staff", "expert"])
def test_round_page_keeps_its_query_count(client, visit_round, staff, person):
    user = staff if person == "staff" else visit_round.second_expert
    conflict(visit_round.second_expert, visit_round.visits[0])
    client.force_login(user)
    url = reverse("visits:round", args=[visit_round.stage.pk])
    client.post(reverse("visits:round_run", args=[visit_round.stage.pk]))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    add_meetings(visit_round, 4)
    assert queries() == small


def test_visit_page_keeps_its_query_count(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    url = reverse("visits:visit", args=[visit.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries()
    for number in range(4):
        Participant.objects.create(
            visit=visit, kind="partner", name=f"P{number}", email=f"p{number}@x.example"
        )
    assert queries() == small


def test_confirm_sends_invitations_once(
    client, visit_round, staff, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    stage_pk = visit_round.stage.pk
    client.post(reverse("visits:round_run", args=[stage_pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = post_confirmed(
            client, reverse("visits:round_confirm", args=[stage_pk]), follow=True
        )
    texts = [str(message) for message in response.context["messages"]]
    assert any("sent for 3 meetings" in text for text in texts)
    assert Visit.objects.filter(status=Visit.Status.CONFIRMED, start__isnull=False).count() == 3
    assert len(mailoutbox) >= 6  # an expert and a contact per meeting
    assert response.context["to_confirm"] == 0
    # Running again keeps the confirmed times; confirming again sends nothing.
    client.post(reverse("visits:round_run", args=[stage_pk]))
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("visits:round_confirm", args=[stage_pk]), follow=True)
    texts = [str(message) for message in response.context["messages"]]
    assert any("nothing new to send" in text for text in texts)
    assert len(mailoutbox) == sent


def test_participant_added_after_confirming_gets_the_invitation(
    client, visit_round, staff, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    visit = visit_round.visits[0]
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 9, 10, 0)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("visits:participant_add", args=[visit.pk]),
            {
                "participant-kind": "partner",
                "participant-name": "Petra Partner",
                "participant-email": "petra@vhs.example",
                "participant-language": "de",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["petra@vhs.example"]]


def test_place_form_looks_up_coordinates_left_empty(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_place", args=[visit.pk]),
        {
            "place": "Rathaus",
            "street": "Marktplatz 6",
            "postcode": "25813",
            "city": "Husum",
            "latitude": "",
            "longitude": "",
            "duration_minutes": "180",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (round(visit.latitude, 2), round(visit.longitude, 2)) == (54.49, 9.05)


def test_place_form_with_an_unknown_postcode_says_so_and_keeps_the_input(
    client, visit_round, staff
):
    client.force_login(staff)
    visit = visit_round.visits[0]
    response = client.post(
        reverse("visits:visit_place", args=[visit.pk]),
        {
            "place": "Bürgerhaus",
            "postcode": "00000",
            "city": "Nirgendwo",
            "latitude": "",
            "longitude": "",
            "duration_minutes": "180",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "We do not know the postcode 00000" in html
    assert 'href="#id_postcode"' in html
    assert 'value="Bürgerhaus"' in html and 'value="Nirgendwo"' in html
    visit.refresh_from_db()
    assert visit.city == "Neuruppin"


def test_settings_form_refuses_a_poll_deadline_in_the_past_at_its_field(client, visit_round, staff):
    client.force_login(staff)
    response = client.post(
        reverse("visits:round_settings", args=[visit_round.stage.pk]),
        {
            "window_start_date": "2016-11-07",
            "window_start_time": "00:00",
            "window_end_date": "2016-11-18",
            "window_end_time": "20:00",
            "poll_closes_date": "2016-11-01",
            "poll_closes_time": "12:00",
            "duration_minutes": "180",
            "slot_times": "10:00, 14:00",
            "speed_kmh": "60",
            "buffer_minutes": "30",
            "max_per_day": "2",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "has already passed" in errors["poll_closes_date"][0]
    assert 'value="2016-11-01"' in response.content.decode()
    visit_round.round.refresh_from_db()
    assert visit_round.round.poll_closes_at is None
