"""The registry of work items and what each app's provider counts for whom."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.accounts.models import Role
from inklusiv.applications.models import Status
from inklusiv.notifications import work
from inklusiv.notifications.work import WorkItem
from inklusiv.selection.models import (
    ConflictOfInterest,
    Decision,
    Letter,
    LetterBatch,
    Review,
)
from inklusiv.visits.models import Availability, Participant
from tests.factories import make_user

from .work_world import POLL_CLOSES, REVIEWS_DUE, expected, grow, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def _counts(user) -> dict[str, int]:
    counts = Counter()
    for item in work.items_for(user):
        counts[item.key] += item.count
    return dict(counts)


def _only(user, key) -> WorkItem:
    (item,) = [item for item in work.items_for(user) if item.key == key]
    return item


# --- the registry --------------------------------------------------------------------------


def test_items_come_soonest_due_first_with_undated_last_and_empty_ones_left_out(
    monkeypatch, outsider
):
    monkeypatch.setattr(work, "_providers", [])
    now = timezone.now()

    def first_app(user):
        return [
            WorkItem(key="a.undated", label="A", count=2, url="/a/"),
            WorkItem(key="a.later", label="B", count=1, url="/b/", due=now + datetime.timedelta(2)),
            WorkItem(key="a.nothing", label="C", count=0, url="/c/", due=now),
        ]

    def second_app(user):
        return [WorkItem(key="b.soon", label="D", count=3, url="/d/", due=now, group="X")]

    work.register(first_app)
    work.register(second_app)
    work.register(first_app)  # ready() may run twice: still one provider
    assert [item.key for item in work.items_for(outsider)] == ["b.soon", "a.later", "a.undated"]
    assert [
        (group, [i.key for i in items]) for group, items in work.grouped(work.items_for(outsider))
    ] == [("X", ["b.soon"]), ("", ["a.later", "a.undated"])]


def test_nobody_signed_out_or_deactivated_gets_work(monkeypatch, outsider):
    from django.contrib.auth.models import AnonymousUser

    monkeypatch.setattr(
        work, "_providers", [lambda user: [WorkItem(key="k", label="L", count=1, url="/")]]
    )
    assert work.items_for(AnonymousUser()) == []
    outsider.is_active = False
    assert work.items_for(outsider) == []


def test_every_product_app_registers_its_provider():
    names = {provider.__module__ for provider in work._providers}
    assert {"inklusiv.applications.work", "inklusiv.selection.work", "inklusiv.visits.work"} <= (
        names
    )


# --- each role's work ----------------------------------------------------------------------


def test_each_role_gets_its_own_work_and_nobody_else_does():
    world = grow(make_world(), 2)
    wanted = expected(world)
    assert _counts(world.applicant) == wanted["applicant"]
    assert _counts(world.staff) == wanted["staff"]
    assert _counts(world.expert) == wanted["expert"]
    assert _counts(world.member) == wanted["member"]
    for role in (Role.PROCESS_COACH, Role.EVALUATOR, None):
        assert work.items_for(make_user(role)) == [], role


def test_staff_see_round_work_only_for_rounds_they_organise_or_nobody_does():
    world = grow(make_world(), 1)
    colleague = make_user(Role.FUNDER_STAFF)
    keys = set(_counts(colleague))
    assert "selection.letters" in keys
    assert not keys & {"visits.polls_unanswered", "visits.travel_times", "visits.minutes"}
    world.round.organiser = None
    world.round.save(update_fields=["organiser"])
    assert {"visits.polls_unanswered", "visits.travel_times", "visits.minutes"} <= set(
        _counts(colleague)
    )


def test_stage_work_is_counted_per_stage_and_links_to_where_it_is_done():
    world = grow(make_world(), 3)
    staff_items = {
        (item.key, item.url): item.count
        for item in work.items_for(world.staff)
        if item.key.startswith("selection.")
    }
    decisions = reverse("selection:decisions", args=[world.first.pk])
    assert staff_items == {
        ("selection.formal_check", decisions): 3,
        ("selection.letters", decisions): 3,
        ("selection.decisions", decisions): 3,
        ("selection.decisions", reverse("selection:decisions", args=[world.second.pk])): 7,
    }
    letters = _only(world.staff, "selection.letters")
    assert letters.label == (f"3 Schreiben warten auf den Versand ({world.first.label})")
    assert letters.group == "Auswahlverfahren"


def test_a_single_piece_of_work_links_straight_to_it():
    world = grow(make_world(), 1)
    submitted = world.first.applications.get(status=Status.SUBMITTED)
    assert _only(world.staff, "selection.formal_check").url == reverse(
        "selection:formal_check", args=[submitted.pk]
    )
    # Reviews always lead to "My reviews", which shows the due date beside each.
    assert _only(world.member, "selection.reviews").url == reverse("selection:my_reviews")
    seat = Participant.objects.get(user=world.member)
    assert _only(world.member, "visits.my_polls").url == reverse("visits:poll", args=[seat.token])
    draft = world.applicant.memberships.get().organisation.applications.get(status=Status.DRAFT)
    assert _only(world.applicant, "applications.drafts").url == reverse(
        "applications:overview", args=[draft.pk]
    )
    grow(world, 1)
    assert _only(world.member, "visits.my_polls").url == reverse("visits:mine")
    assert _only(world.applicant, "applications.drafts").url == reverse("applications:mine")


def test_due_dates_are_the_stage_s_review_date_the_poll_s_close_and_the_soonest_deadline():
    world = grow(make_world(), 2)
    assert _only(world.member, "selection.reviews").due == REVIEWS_DUE
    assert _only(world.member, "visits.my_polls").due == POLL_CLOSES
    assert _only(world.expert, "visits.my_travel_times").due == POLL_CLOSES
    drafts = world.applicant.memberships.get().organisation.applications.filter(status=Status.DRAFT)
    soonest = min(draft.deadline for draft in drafts)
    assert _only(world.applicant, "applications.drafts").due == soonest
    # Items come soonest first: the reviews (14 October) before the poll (5 November).
    assert [item.key for item in work.items_for(world.member)] == [
        "selection.reviews",
        "visits.my_polls",
    ]


# --- what is not (or no longer) work ---------------------------------------------------------


def test_a_submitted_review_a_decided_application_and_a_conflict_are_not_outstanding():
    world = grow(make_world(), 4)
    first, second, third, fourth = world.first.applications.filter(
        status=Status.IN_REVIEW
    ).order_by("pk")
    Review.objects.create(
        stage=world.first, application=first, reviewer=world.member, status="submitted"
    )
    # A draft is still outstanding.
    Review.objects.create(stage=world.first, application=second, reviewer=world.member)
    Decision.objects.create(
        application=third, stage=world.first, outcome="advance", decided_at=timezone.now()
    )
    ConflictOfInterest.objects.create(
        user=world.member, application=fourth, source="declared", reason="Mein Verein."
    )
    assert _only(world.member, "selection.reviews").count == 1


def test_a_conflicted_commission_seat_is_not_offered_as_a_poll_to_answer():
    world = grow(make_world(), 2)
    seat = Participant.objects.filter(user=world.member).first()
    ConflictOfInterest.objects.create(
        user=world.member,
        application=seat.visit.application,
        source="declared",
        reason="Ich berate den Träger.",
    )
    assert _only(world.member, "visits.my_polls").count == 1


def test_letters_sent_or_on_their_way_do_not_wait():
    world = grow(make_world(), 3)
    sent, queued, _waiting = Decision.objects.filter(stage=world.first).order_by("pk")
    Letter.objects.create(
        decision=sent,
        application=sent.application,
        language="de",
        subject="Ihre Bewerbung",
        body="…",
        sent_at=timezone.now(),
    )
    batch = LetterBatch.objects.create(stage=world.first, total=1)
    batch.decisions.add(queued)
    assert _only(world.staff, "selection.letters").count == 1


def test_answered_polls_closed_polls_and_entered_availability_are_not_work():
    world = grow(make_world(), 2)
    Participant.objects.filter(user=world.member).update(responded_at=timezone.now())
    assert "visits.my_polls" not in _counts(world.member)
    world.round.poll_closes_at = timezone.now() - datetime.timedelta(hours=1)
    world.round.save(update_fields=["poll_closes_at"])
    assert "visits.my_polls" not in _counts(world.applicant)
    assert "visits.polls_unanswered" not in _counts(world.staff)
    Availability.objects.create(
        round=world.round,
        user=world.expert,
        starts_at=world.round.window_start,
        ends_at=world.round.window_end,
    )
    assert "visits.my_travel_times" not in _counts(world.expert)
    assert "visits.travel_times" not in _counts(world.staff)


def test_minutes_once_written_are_no_longer_missing():
    world = grow(make_world(), 2)
    held = world.round.visits.filter(status="held").first()
    held.minutes = "Gespräch mit allen Partnern; offene Fragen geklärt."
    held.save(update_fields=["minutes"])
    assert _only(world.expert, "visits.minutes").count == 1
    assert _only(world.staff, "visits.minutes").count == 1


def test_a_draft_past_its_deadline_is_no_work_until_an_extension_reopens_it():
    world = grow(make_world(), 1)
    draft = world.applicant.memberships.get().organisation.applications.get(status=Status.DRAFT)
    stage = draft.stage
    stage.opens_at = timezone.now() - datetime.timedelta(days=60)
    stage.closes_at = timezone.now() - datetime.timedelta(days=1)
    stage.save(update_fields=["opens_at", "closes_at"])
    assert "applications.drafts" not in _counts(world.applicant)
    extended = timezone.now() + datetime.timedelta(days=3)
    draft.extended_until = extended
    draft.save(update_fields=["extended_until"])
    assert _only(world.applicant, "applications.drafts").due == extended
