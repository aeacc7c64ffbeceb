"""Once a round of on-site meetings is over (every meeting held or cancelled, or the stage
decided), its planning is refused by the services and its buttons are gone from the pages;
the meetings stay readable."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.applications.models import Application, Status
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.visits.models import PollSlot, Visit, VisitRound
from inklusiv.visits.services import availability, invitations, lifecycle, polls, schedule
from tests.factories import berlin

pytestmark = pytest.mark.django_db

OVER = "are over"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _decide(visit_round):
    # The commission decided the stage: none of its applications is open any more, while
    # the meetings themselves were never marked held (the refusal must not rely on that).
    Application.objects.filter(pk__in=[a.pk for a in visit_round.applications]).update(
        status=Status.NOT_SELECTED
    )


def test_an_open_round_is_not_over(visit_round):
    assert not lifecycle.round_finished(visit_round.round)


def test_a_round_whose_meetings_all_took_place_is_over(visit_round):
    Visit.objects.filter(round=visit_round.round).update(status=Visit.Status.HELD)
    assert lifecycle.round_finished(visit_round.round)
    with pytest.raises(DomainError, match=OVER):
        schedule.run(actor=visit_round.expert, round=visit_round.round)


def test_every_planning_service_refuses_a_decided_round(visit_round, staff):
    _decide(visit_round)
    round_ = visit_round.round
    visit = visit_round.visits[0]
    Visit.objects.filter(pk=visit.pk).update(pinned_start=berlin(2016, 11, 9, 10, 0))
    visit.refresh_from_db()
    attempts = [
        lambda: schedule.run(actor=staff, round=round_),
        lambda: schedule.pin(actor=staff, visit=visit, start=berlin(2016, 11, 10, 10, 0)),
        lambda: schedule.unpin(actor=staff, visit=visit),
        lambda: polls.generate_slots(actor=staff, round=round_),
        lambda: polls.set_slots(actor=staff, visit=visit, starts=[berlin(2016, 11, 11, 10, 0)]),
        lambda: polls.send_poll(actor=staff, round=round_),
        lambda: polls.send_reminders(actor=staff, round=round_),
        lambda: invitations.confirm(actor=staff, visits=[visit]),
    ]
    audited = AuditEntry.objects.count()
    slots = PollSlot.objects.count()
    for attempt in attempts:
        with pytest.raises(DomainError, match=OVER):
            attempt()
    visit.refresh_from_db()
    assert visit.pinned_start == berlin(2016, 11, 9, 10, 0)
    assert visit.start is None
    assert (AuditEntry.objects.count(), PollSlot.objects.count()) == (audited, slots)


def test_the_round_page_hides_the_planning_buttons_once_over(client, visit_round, staff):
    client.force_login(staff)
    url = reverse("visits:round", args=[visit_round.stage.pk])
    assert "Run the optimiser" in client.get(url).content.decode()
    _decide(visit_round)
    page = client.get(url).content.decode()
    for button in ("Run the optimiser", "Confirm and send invitations", "Ask participants"):
        assert button not in page
    assert "These on-site meetings are over" in page
    assert visit_round.applications[0].reference in page  # the meetings stay listed
    # A form posted from an old tab is refused with the reason, and nothing runs.
    response = client.post(reverse("visits:round_run", args=[visit_round.stage.pk]), follow=True)
    assert OVER in response.content.decode()
    visit_round.round.refresh_from_db()
    assert visit_round.round.run_status == ""


def test_the_meeting_page_hides_fix_and_move_once_over(client, visit_round, staff):
    client.force_login(staff)
    visit = visit_round.visits[0]
    url = reverse("visits:visit", args=[visit.pk])
    assert "Fix this time" in client.get(url).content.decode()
    _decide(visit_round)
    page = client.get(url).content.decode()
    assert "Fix this time" not in page
    assert "Change the times offered in the poll" not in page
    response = client.post(
        reverse("visits:visit_pin", args=[visit.pk]),
        {"pin-start_date": "2016-11-10", "pin-start_time": "10:00"},
        follow=True,
    )
    assert OVER in response.content.decode()
    visit.refresh_from_db()
    assert visit.pinned_start is None


# --- times that have passed, in a round whose period is running --------------------------


@pytest.fixture
def running(visit_round):
    """The fixture's round moved to a period that began two days ago."""
    now = timezone.now().replace(second=0, microsecond=0)
    VisitRound.objects.filter(pk=visit_round.round.pk).update(
        window_start=now - timedelta(days=2), window_end=now + timedelta(days=20)
    )
    visit_round.round.refresh_from_db()
    for visit in visit_round.visits:
        visit.refresh_from_db()
    return now


def test_a_meeting_cannot_be_fixed_to_a_time_that_has_passed(visit_round, staff, running):
    visit = visit_round.visits[0]
    with pytest.raises(DomainError, match="has already passed") as error:
        schedule.pin(actor=staff, visit=visit, start=running - timedelta(days=1))
    assert error.value.field == "start"
    visit.refresh_from_db()
    assert visit.pinned_start is None
    pinned = schedule.pin(actor=staff, visit=visit, start=running + timedelta(days=3))
    assert pinned.pinned_start == running + timedelta(days=3)


def test_a_new_poll_time_must_lie_ahead_but_offered_ones_may_pass(visit_round, staff, running):
    visit = visit_round.visits[0]
    passed = running - timedelta(days=1)
    PollSlot.objects.create(visit=visit, start=passed)
    later = running + timedelta(days=5)
    # The time offered earlier stays while a new one is added.
    polls.set_slots(actor=staff, visit=visit, starts=[passed, later])
    assert set(visit.slots.values_list("start", flat=True)) == {passed, later}
    with pytest.raises(DomainError, match="has already passed") as error:
        polls.set_slots(actor=staff, visit=visit, starts=[later, running - timedelta(hours=2)])
    assert error.value.field == "new"


def test_the_meeting_page_says_the_time_has_passed_at_its_field(
    client, visit_round, staff, running
):
    client.force_login(staff)
    visit = visit_round.visits[0]
    yesterday = timezone.localtime(running - timedelta(days=1))
    response = client.post(
        reverse("visits:visit_pin", args=[visit.pk]),
        {"pin-start_date": f"{yesterday:%Y-%m-%d}", "pin-start_time": f"{yesterday:%H:%M}"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "has already passed" in html
    assert 'href="#id_pin-start_date"' in html
    assert f'value="{yesterday:%Y-%m-%d}"' in html


def test_an_expert_cannot_enter_travel_time_that_has_passed(visit_round, running):
    with pytest.raises(DomainError, match="has already passed") as error:
        availability.add(
            actor=visit_round.expert,
            round=visit_round.round,
            starts_at=running - timedelta(days=1, hours=8),
            ends_at=running - timedelta(days=1),
        )
    assert error.value.field == "ends_at"
    added = availability.add(
        actor=visit_round.expert,
        round=visit_round.round,
        starts_at=running + timedelta(days=1),
        ends_at=running + timedelta(days=1, hours=10),
    )
    assert added.pk
