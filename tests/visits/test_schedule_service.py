"""The schedule service: the optimiser's instance from poll answers, availability and pins,
storing its proposal, the infeasible case, pinning and the independent check."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest
from inklusiv.visits import schedule_solver
from inklusiv.visits.models import (
    Participant,
    PollAnswer,
    PollSlot,
    TravelBase,
    Visit,
)
from inklusiv.visits.services import schedule as services
from tests.factories import berlin, make_user

pytestmark = pytest.mark.django_db
YES, NEED, NO = PollAnswer.Answer.YES, PollAnswer.Answer.IF_NEED_BE, PollAnswer.Answer.NO


@pytest.fixture(autouse=True)
def _english(settings):
    settings.VISITS_SOLVER_SECONDS = 5
    with translation.override("en"):
        yield


def answer(participant, slot, value):
    PollAnswer.objects.create(participant=participant, slot=slot, answer=value)


def meeting(instance, visit):
    return next(m for m in instance.meetings if m.id == visit.pk)


def test_poll_answers_become_slot_preferences(visit_round):
    first, second, third = visit_round.visits
    partner = Participant.objects.create(
        visit=first, kind=Participant.Kind.PARTNER, name="Petra", email="petra@vhs.example"
    )
    early, late = first.slots.order_by("start")
    answer(visit_round.contacts[0], early, YES)
    answer(partner, early, YES)
    answer(visit_round.contacts[0], late, YES)
    answer(partner, late, NEED)
    early2, late2 = second.slots.order_by("start")
    answer(visit_round.contacts[1], early2, NO)
    answer(visit_round.contacts[1], late2, YES)

    instance, visits = services.build_instance(visit_round.round)

    assert set(visits) == {first.pk, second.pk, third.pk}
    assert [(s.start, s.preference) for s in meeting(instance, first).slots] == [
        (berlin(2016, 11, 9, 10, 0), schedule_solver.Preference.YES),
        (berlin(2016, 11, 15, 10, 0), schedule_solver.Preference.IF_NEED_BE),
    ]
    # "no" removes the slot; the other was answered "yes" by the only poll participant.
    assert [(s.start, s.preference) for s in meeting(instance, second).slots] == [
        (berlin(2016, 11, 16, 10, 0), schedule_solver.Preference.YES)
    ]
    # Nobody answered yet: every slot counts as "if need be".
    assert {s.preference for s in meeting(instance, third).slots} == {
        schedule_solver.Preference.IF_NEED_BE
    }


def test_a_single_no_among_yeses_removes_the_slot(visit_round):
    first = visit_round.visits[0]
    partner = Participant.objects.create(
        visit=first, kind=Participant.Kind.PARTNER, name="Petra", email="petra@vhs.example"
    )
    early, late = first.slots.order_by("start")
    answer(visit_round.contacts[0], early, YES)
    answer(partner, early, NO)
    instance, _visits = services.build_instance(visit_round.round)
    assert [s.start for s in meeting(instance, first).slots] == [late.start]


def test_people_and_settings_of_the_instance(visit_round):
    TravelBase.objects.create(
        user=visit_round.expert, city="Berlin", latitude=52.52, longitude=13.405
    )
    round_ = visit_round.round
    instance, _visits = services.build_instance(round_)
    first = visit_round.visits[0]
    expert_id = f"user:{visit_round.expert.pk}"
    contact_id = f"participant:{visit_round.contacts[0].pk}"
    assert set(meeting(instance, first).participants) == {expert_id, contact_id}
    assert meeting(instance, first).label == "KI-2016-0001 (Neuruppin)"
    expert = instance.people[expert_id]
    assert expert.expert and expert.name == "Jonas Brandt"
    assert expert.home == (52.52, 13.405)
    assert len(expert.availability) == 12
    assert expert.availability[0] == (berlin(2016, 11, 7, 6, 0), berlin(2016, 11, 7, 22, 0))
    # The optimiser reads the day from the wall clock: every moment is Berlin time.
    assert str(expert.availability[0][0].tzinfo) == "Europe/Berlin"
    assert not instance.people[contact_id].expert
    assert instance.settings.max_per_day == round_.max_per_day
    assert instance.settings.window_start == berlin(2016, 11, 7, 0, 0)
    assert instance.settings.time_limit == 5


def test_pinned_and_confirmed_meetings_keep_their_time(visit_round, staff):
    first, second, third = visit_round.visits
    services.pin(actor=staff, visit=first, start=berlin(2016, 11, 14, 9, 0))
    Visit.objects.filter(pk=second.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 16, 10, 0)
    )
    Visit.objects.filter(pk=third.pk).update(status=Visit.Status.CANCELLED)
    instance, visits = services.build_instance(visit_round.round)
    assert meeting(instance, first).pinned == berlin(2016, 11, 14, 9, 0)
    assert meeting(instance, second).pinned == berlin(2016, 11, 16, 10, 0)
    assert third.pk not in visits
    result = services.run(actor=staff, round=visit_round.round)
    assert result.assignments == {
        first.pk: berlin(2016, 11, 14, 9, 0),
        second.pk: berlin(2016, 11, 16, 10, 0),
    }


def test_run_stores_a_proposal_that_breaks_no_rule(visit_round, staff):
    round_ = visit_round.round
    result = services.run(actor=staff, round=round_)
    assert result.status == schedule_solver.Status.OPTIMAL
    instance, _visits = services.build_instance(round_)
    assert schedule_solver.violations(instance, result) == []
    for visit in visit_round.visits:
        visit.refresh_from_db()
        assert visit.proposed_start == result.assignments[visit.pk]
        assert visit.start is None  # nobody is told before staff confirm
    round_.refresh_from_db()
    assert round_.run_status == "optimal"
    assert round_.run_by == staff
    assert round_.run_travel_days == result.travel_days
    assert round_.run_explanations == []
    assert services.check(round_) == []
    entry = AuditEntry.objects.get(action="visit_schedule_run")
    assert entry.after["status"] == "optimal"
    assert len(entry.after["proposals"]) == 3


def test_infeasible_round_explains_and_clears_the_proposal(visit_round, staff):
    """Two meetings, one expert, one slot: the acceptance example."""
    round_ = visit_round.round
    first, second, third = visit_round.visits
    services.run(actor=staff, round=round_)
    third.delete()
    PollSlot.objects.filter(visit__in=[first, second]).delete()
    for visit in (first, second):
        PollSlot.objects.create(visit=visit, start=berlin(2016, 11, 9, 10, 0))

    result = services.run(actor=staff, round=round_)

    assert result.status == schedule_solver.Status.INFEASIBLE
    assert result.assignments == {}
    assert (
        "KI-2016-0001 (Neuruppin) and KI-2016-0002 (Rostock) both need Jonas Brandt, and "
        "their only possible slot is 09.11.2016 10:00."
    ) in result.explanations
    round_.refresh_from_db()
    assert round_.run_status == "infeasible"
    assert round_.run_explanations == result.explanations
    assert not Visit.objects.filter(round=round_, proposed_start__isnull=False).exists()


def test_meetings_without_coordinates_are_skipped_and_named(visit_round, staff):
    round_ = visit_round.round
    third = visit_round.visits[2]
    Visit.objects.filter(pk=third.pk).update(latitude=None, longitude=None)
    instance, visits = services.build_instance(round_)
    assert third.pk not in visits
    result = services.run(actor=staff, round=round_)
    assert result.found
    round_.refresh_from_db()
    assert (
        "KI-2016-0003 (Erlangen) has no coordinates yet: enter them on its place page."
        in round_.run_explanations
    )
    third.refresh_from_db()
    assert third.proposed_start is None


def test_round_without_schedulable_meetings_says_so(visit_round, staff):
    round_ = visit_round.round
    Visit.objects.filter(round=round_).update(latitude=None, longitude=None)
    result = services.run(actor=staff, round=round_)
    assert result.status == schedule_solver.Status.INFEASIBLE
    assert "There is no meeting to schedule yet" in result.explanations[0]
    round_.refresh_from_db()
    assert len(round_.run_explanations) == 4  # the reason and each meeting without a place


def test_expert_without_availability_is_unrestricted_and_named(visit_round, staff):
    round_ = visit_round.round
    round_.availabilities.filter(user=visit_round.second_expert).delete()
    instance, _visits = services.build_instance(round_)
    assert instance.people[f"user:{visit_round.second_expert.pk}"].availability is None
    result = services.run(actor=staff, round=round_)
    assert result.found
    round_.refresh_from_db()
    assert any("Ulrike Hahn has not entered" in note for note in round_.run_explanations)


@pytest.mark.parametrize("role", ["applicant", "commission_member", None])
def test_run_refuses_people_who_do_not_organise(visit_round, role):
    with pytest.raises(PermissionDenied):
        services.run(actor=make_user(role), round=visit_round.round)
    visit_round.round.refresh_from_db()
    assert visit_round.round.run_status == ""


# --- pin, unpin, check ---------------------------------------------------------------------


def test_pin_and_unpin_are_audited(visit_round, staff):
    visit = visit_round.visits[0]
    services.pin(actor=staff, visit=visit, start=berlin(2016, 11, 10, 13, 30))
    visit.refresh_from_db()
    assert visit.pinned_start == berlin(2016, 11, 10, 13, 30)
    services.unpin(actor=staff, visit=visit)
    visit.refresh_from_db()
    assert visit.pinned_start is None
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["visit_pinned", "visit_unpinned"]
    with pytest.raises(DomainError, match="not fixed"):
        services.unpin(actor=staff, visit=visit)


def test_pin_refuses_a_time_outside_the_window(visit_round, staff):
    visit = visit_round.visits[0]
    with pytest.raises(DomainError, match="outside the round's period") as error:
        services.pin(actor=staff, visit=visit, start=berlin(2016, 11, 18, 22, 0))
    assert error.value.field == "start"
    visit.refresh_from_db()
    assert visit.pinned_start is None


def test_conflicted_expert_cannot_pin(visit_round):
    visit = visit_round.visits[0]
    ConflictOfInterest.objects.create(
        user=visit_round.second_expert,
        application=visit.application,
        source="declared",
        reason="x",
    )
    with pytest.raises(PermissionDenied):
        services.pin(
            actor=visit_round.second_expert, visit=visit, start=berlin(2016, 11, 10, 10, 0)
        )
    # The expert may organise meetings without a conflict.
    services.pin(
        actor=visit_round.second_expert,
        visit=visit_round.visits[2],
        start=berlin(2016, 11, 10, 10, 0),
    )


def test_check_finds_a_clash_between_pins(visit_round, staff):
    first, second, _third = visit_round.visits
    # Neuruppin and Rostock are more than an hour apart; Jonas Brandt cannot do both.
    services.pin(actor=staff, visit=first, start=berlin(2016, 11, 10, 10, 0))
    services.pin(actor=staff, visit=second, start=berlin(2016, 11, 10, 13, 0))
    problems = services.check(visit_round.round)
    assert problems and "Jonas Brandt cannot get from" in problems[0]


def test_check_notices_a_proposal_the_poll_no_longer_allows(visit_round, staff):
    round_ = visit_round.round
    result = services.run(actor=staff, round=round_)
    first = visit_round.visits[0]
    slot = first.slots.get(start=result.assignments[first.pk])
    answer(visit_round.contacts[0], slot, NO)
    problems = services.check(round_)
    assert any("is not one of its slots" in problem for problem in problems)


def test_time_limit_comes_from_the_settings(visit_round, settings):
    del settings.VISITS_SOLVER_SECONDS
    instance, _visits = services.build_instance(visit_round.round)
    assert instance.settings.time_limit == schedule_solver.DEFAULT_TIME_LIMIT
    assert timezone.is_aware(instance.settings.window_end)
