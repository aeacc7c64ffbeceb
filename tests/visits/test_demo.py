"""The demo's on-site meetings of 2016: nine meetings scheduled by the optimiser within every
constraint, polls answered, invitations and one update in the outbox, minutes and
assessments, and the final decision that selects the six pilot regions – loaded once."""

import dataclasses
from collections import defaultdict
from datetime import timedelta
from types import SimpleNamespace

import icalendar
import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from inklusiv.accounts.models import Role, User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.core.models import AuditEntry
from inklusiv.demo import load as load_demo
from inklusiv.demo.call import CALL_2016_SLUG, berlin
from inklusiv.demo.onsite_meetings import MOVED, NEEDS, SELECTED
from inklusiv.selection.models import Decision, Letter, OpenQuestion, Outcome, Review
from inklusiv.selection.statistics import call_statistics
from inklusiv.visits import schedule_solver
from inklusiv.visits.models import (
    AccessibilityNeed,
    Availability,
    Participant,
    PollAnswer,
    TravelBase,
    Visit,
    VisitRound,
)
from inklusiv.visits.services.schedule import build_instance

pytestmark = pytest.mark.django_db

PILOT_REGIONS = {
    "Erlangen",
    "Rostock",
    "Schneverdingen",
    "Schwäbisch Gmünd",
    "Verbandsgemeinde Nieder-Olm",
    "Neuruppin",
}
NOT_SELECTED = {"Bielefeld", "Leipzig-Grünau", "Kreis Nordfriesland"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its
    end. The mails are kept here: the outbox is emptied before each test."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        # Invitations and letters go out on commit; the immediate task backend sends letters.
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        call = Call.objects.get(slug=CALL_2016_SLUG)
        stage = call.first_stage().next_stage()
        yield SimpleNamespace(
            call=call, stage=stage, round=VisitRound.objects.get(stage=stage), mails=mail.outbox[:]
        )
        transaction.set_rollback(True)


def _space(visit) -> str:
    return visit.application.social_space.name


def _visits(round_):
    return list(
        Visit.objects.filter(round=round_)
        .select_related("application__social_space")
        .prefetch_related("participants", "slots")
        .order_by("start")
    )


def test_nine_meetings_over_two_weeks_with_two_experts(demo):
    visits = _visits(demo.round)
    assert len(visits) == 9
    assert {_space(v) for v in visits} == PILOT_REGIONS | NOT_SELECTED
    window_start, window_end = berlin(2016, 11, 7, 0, 0), berlin(2016, 11, 18, 23, 59)
    assert (demo.round.window_start, demo.round.window_end) == (window_start, window_end)
    for visit in visits:
        assert window_start <= visit.start and visit.end <= window_end, visit
        assert visit.has_place and visit.place
    weeks = {timezone.localtime(v.start).isocalendar().week for v in visits}
    assert len(weeks) == 2
    experts = {p.user for v in visits for p in v.participants.all() if p.kind == "expert"}
    assert len(experts) == 2 and all(e.has_role(Role.PROGRAMME_EXPERT) for e in experts)
    both = [v for v in visits if sum(p.kind == "expert" for p in v.participants.all()) == 2]
    assert [_space(v) for v in both] == ["Bielefeld"]
    guests = [p for v in visits for p in v.participants.all() if p.kind == "commission"]
    assert len(guests) == 1
    assert guests[0].user.has_perm("selection.view_application", guests[0].visit.application)
    assert all(TravelBase.objects.filter(user=e).exists() for e in experts)


def test_the_schedule_keeps_every_constraint(demo):
    round_ = demo.round
    # The instance of the plan as it was confirmed: held meetings are left out of a new run,
    # so they count as confirmed here, and only the moved meeting keeps its pin (the others
    # are checked against their poll slots).
    with transaction.atomic():
        Visit.objects.filter(round=round_).update(status=Visit.Status.CONFIRMED)
        instance, by_id = build_instance(round_)
        transaction.set_rollback(True)
    instance.meetings = [
        dataclasses.replace(m, pinned=None) if by_id[m.id].pinned_start is None else m
        for m in instance.meetings
    ]
    starts = {pk: timezone.localtime(visit.start) for pk, visit in by_id.items()}
    assert len(instance.meetings) == 9
    assert schedule_solver.violations(instance, starts) == []

    settings = instance.settings
    meetings = {m.id: m for m in instance.meetings}
    by_expert = defaultdict(list)
    for meeting in instance.meetings:
        for person_id in meeting.participants:
            if instance.person(person_id).expert:
                by_expert[person_id].append(meeting)
    assert len(by_expert) == 2
    for person_id, own in by_expert.items():
        person = instance.person(person_id)
        per_day = defaultdict(int)
        for meeting in own:
            start = starts[meeting.id]
            per_day[start.date()] += 1
            # Inside the availability, counting the journey from home and back.
            trip = timedelta(
                minutes=schedule_solver.travel_minutes(person.home, _at(meeting), settings)
            )
            end = start + timedelta(minutes=meeting.duration)
            assert any(a <= start - trip and end + trip <= b for a, b in person.availability)
        assert max(per_day.values()) <= round_.max_per_day
        ordered = sorted(own, key=lambda m: starts[m.id])
        for first, second in zip(ordered, ordered[1:], strict=False):
            gap = timedelta(
                minutes=schedule_solver.travel_minutes(_at(first), _at(second), settings)
            )
            end = starts[first.id] + timedelta(minutes=first.duration)
            assert end + gap <= starts[second.id], (first.label, second.label)

    # Each meeting takes a slot of its poll that nobody answered "no" to.
    for pk, visit in by_id.items():
        slot = visit.slots.get(start=visit.start)
        assert not slot.answers.filter(answer=PollAnswer.Answer.NO).exists(), visit
        assert meetings[pk].participants
    assert round_.run_status == "optimal"
    assert Availability.objects.filter(round=round_).count() >= 8


def _at(meeting):
    return (meeting.latitude, meeting.longitude)


def test_everyone_answered_one_after_a_reminder_and_needs_are_gone(demo):
    answering = Participant.objects.filter(visit__round=demo.round).exclude(kind="expert")
    assert answering.count() >= 27
    assert not answering.filter(responded_at__isnull=True).exists()
    for participant in answering:
        assert participant.answers.count() == participant.visit.slots.count() > 0
    answers = PollAnswer.objects.filter(participant__in=answering)
    counts = {value: answers.filter(answer=value).count() for value in PollAnswer.Answer.values}
    assert counts["yes"] > counts["if_need_be"] > counts["no"] > 0
    reminded = answering.get(reminders=1)
    assert reminded.responded_at > reminded.reminded_at
    assert answering.filter(reminders__gt=0).count() == 1
    # The stated needs were deleted once the meeting had been held; the log keeps the fact.
    assert not AccessibilityNeed.objects.exists()
    assert AuditEntry.objects.filter(action="accessibility_needs_stated").count() == 1
    assert AuditEntry.objects.filter(action="accessibility_needs_deleted").count() == 1
    assert answering.filter(email=NEEDS["email"]).exists()


def _calendar(message):
    parts = [
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    ]
    return parts[0] if parts else None


def test_invitations_with_calendar_parts_and_one_update(demo):
    visits = _visits(demo.round)
    invited = defaultdict(list)
    for message in demo.mails:
        part = _calendar(message)
        if part is not None:
            for address in message.to:
                invited[address].append((message, part))
    for visit in visits:
        for participant in visit.participants.all():
            assert invited[participant.email], participant.email
            assert all(
                part.get_param("method") == "REQUEST" for _m, part in invited[participant.email]
            )
    moved = next(v for v in visits if _space(v) == MOVED[0])
    assert moved.sequence == 1 and moved.pinned_start == moved.start
    assert timezone.localtime(moved.start) == berlin(2016, 11, *MOVED[1][1:], 0)
    assert all(v.sequence == 0 for v in visits if v != moved)
    contact = moved.participants.get(kind="contact")
    events = [
        icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0]
        for _m, part in invited[contact.email]
    ]
    assert len({str(event["UID"]) for event in events}) == 1
    assert sorted(int(event["SEQUENCE"]) for event in events) == [0, 1] or (
        # In tests the mails of both transactions go out at the end, with the final state.
        [int(event["SEQUENCE"]) for event in events] == [1, 1]
    )
    assert AuditEntry.objects.filter(action="visit_rescheduled").count() == 1
    assert AuditEntry.objects.filter(action="visit_confirmed").count() == 9
    updates = [
        m for m, _p in invited[contact.email] if m.subject != invited[contact.email][0][0].subject
    ]
    assert updates


def test_minutes_answers_and_assessments(demo):
    visits = _visits(demo.round)
    assert all(v.status == Visit.Status.HELD and len(v.minutes) > 500 for v in visits)
    assert all(v.minutes_by and v.minutes_at.year == 2016 for v in visits)
    applications = [v.application for v in visits]
    assert not OpenQuestion.objects.filter(
        application__in=applications, status=OpenQuestion.Status.OPEN
    ).exists()
    reviews = Review.objects.filter(stage=demo.stage, status=Review.Status.SUBMITTED)
    assert reviews.count() == 10  # Bielefeld has both experts
    totals = defaultdict(list)
    for review in reviews.select_related("application__social_space"):
        totals[review.application.social_space.name].append(review.total)
    lowest_selected = min(min(totals[space]) for space in PILOT_REGIONS)
    assert all(max(totals[space]) < lowest_selected for space in NOT_SELECTED)


def test_the_final_decision_selects_the_six_pilot_regions_with_letters(demo):
    decisions = Decision.objects.filter(stage=demo.stage).select_related(
        "application__social_space"
    )
    selected = {d.application.social_space.name for d in decisions if d.outcome == Outcome.SELECT}
    rejected = {d.application.social_space.name for d in decisions if d.outcome == Outcome.REJECT}
    assert selected == PILOT_REGIONS == set(SELECTED)
    assert rejected == NOT_SELECTED
    assert all(d.reason and d.decided_at.year == 2016 for d in decisions)
    neuruppin = Application.objects.get(
        call=demo.call, organisation__name="Jugendarbeit Neuruppin e.V."
    )
    assert neuruppin.status == Status.SELECTED
    for decision in decisions:
        letters = Letter.objects.filter(decision=decision)
        assert letters.exists() and all(letter.sent_at for letter in letters), decision
    body = Letter.objects.filter(decision__outcome=Outcome.SELECT, language="de").first().body
    assert "Modellkommune" in body
    figures = call_statistics(demo.call)
    assert [step.count for step in figures.funnel] == [129, 10, 9, 6]


def test_the_second_expert_has_one_account(demo):
    # (Loading the demo twice adds nothing: tests/trainings/test_demo.py checks every chapter.)
    assert User.objects.filter(email="ulrike.hahn@inklusiv.example").count() == 1


def test_the_assessments_were_due_before_the_decision_and_came_in_on_time(demo):
    assert demo.stage.reviews_due_at == berlin(2016, 11, 25, 23, 59)
    assessments = Review.objects.filter(stage=demo.stage, status=Review.Status.SUBMITTED)
    assert assessments.exists()
    assert not assessments.filter(submitted_at__gt=demo.stage.reviews_due_at).exists()
