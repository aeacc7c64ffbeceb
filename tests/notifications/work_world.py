"""A small world shaped like the demo's story, with waiting work for every role, that grows
by a factor: the dashboards' tests count its work items and their queries at 1x and 10x.

Rows are made directly (as tests/visits/conftest.py does): the tests are about what the
dashboard reads, not about the services that would write them.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inklusiv.applications.models import Application, Status
from inklusiv.selection.models import Assignment, CommissionMember, Decision, Outcome
from inklusiv.visits.models import Participant, PollSlot, Visit, VisitRound
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    OrganisationFactory,
    StageFactory,
    berlin,
    make_user,
)

REVIEWS_DUE = berlin(2030, 10, 14, 12, 0)
POLL_CLOSES = berlin(2030, 11, 5, 18, 0)


@dataclass
class World:
    staff: object
    expert: object
    member: object
    applicant: object
    call: object
    first: object
    second: object
    round: VisitRound
    grown: int = 0


def make_world() -> World:
    """The people, a call with two stages (the second with on-site meetings), the round, and
    the applicant's own meeting whose poll waits for their answer."""
    now = timezone.now()
    staff = make_user("funder_staff", email="miriam.albers@inklusiv.example", name="Miriam Albers")
    expert = make_user(
        "programme_expert", email="jonas.brandt@inklusiv.example", name="Jonas Brandt"
    )
    member = make_user(
        "commission_member", email="sabine.keller@kommission.example", name="Sabine Keller"
    )
    applicant = make_user(
        "applicant", email="k.lehmann@jugendarbeit-neuruppin.example", name="Katrin Lehmann"
    )
    call = CallFactory(stages=False)
    first = StageFactory(
        call=call,
        position=1,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=berlin(2030, 9, 30, 23, 59),
        quota=10,
        reviews_due_at=REVIEWS_DUE,
    )
    second = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde mit Vor-Ort-Gespräch",
        name_en="Second round with on-site meeting",
        opens_at=berlin(2030, 10, 20, 9, 0),
        closes_at=berlin(2030, 12, 20, 23, 59),
        quota=6,
        requires_site_visit=True,
    )
    CommissionMember.objects.create(stage=first, user=member)
    round_ = VisitRound.objects.create(
        stage=second,
        window_start=berlin(2030, 11, 10, 0, 0),
        window_end=berlin(2030, 11, 28, 23, 59),
        slot_times=["10:00", "14:00"],
        poll_closes_at=POLL_CLOSES,
        organiser=staff,
    )
    world = World(staff, expert, member, applicant, call, first, second, round_)
    own = ApplicationFactory(
        call=call,
        organisation=applicant.memberships.get().organisation,
        stage=second,
        status=Status.IN_REVIEW,
    )
    visit = _planned_visit(world, own)
    _seat(visit, Participant.Kind.CONTACT, email=applicant.email, name=applicant.name)
    return world


def _application(world, stage, status) -> Application:
    return ApplicationFactory(
        call=world.call, organisation=OrganisationFactory(), stage=stage, status=status
    )


def _planned_visit(world, application) -> Visit:
    visit = Visit.objects.create(round=world.round, application=application)
    PollSlot.objects.create(visit=visit, start=berlin(2030, 11, 12, 10, 0))
    _seat(visit, Participant.Kind.EXPERT, user=world.expert, asked=False)
    return visit


def _seat(visit, kind, *, user=None, email="", name="", asked=True) -> Participant:
    return Participant.objects.create(
        visit=visit,
        kind=kind,
        user=user,
        name=name or (user.name if user else "Kontakt"),
        email=email or user.email,
        polled_at=timezone.now() if asked else None,
    )


def grow(world: World, times: int) -> World:
    """Add `times` of each kind of waiting work (see the counts in expected())."""
    now = timezone.now()
    for number in range(world.grown, world.grown + times):
        # The applicant's draft in a call of its own, open for 30 more days.
        ApplicationFactory(
            call=CallFactory(), organisation=world.applicant.memberships.get().organisation
        )
        _application(world, world.first, Status.SUBMITTED)
        in_review = _application(world, world.first, Status.IN_REVIEW)
        Assignment.objects.create(
            stage=world.first,
            application=in_review,
            reviewer=world.member,
            method=Assignment.Method.AUTOMATIC,
        )
        declined = _application(world, world.first, Status.NOT_ADVANCED)
        Decision.objects.create(
            application=declined,
            stage=world.first,
            outcome=Outcome.DECLINE,
            reason="Das Netzwerk ist noch zu klein.",
            decided_by=world.staff,
            decided_at=now,
        )
        visit = _planned_visit(world, _application(world, world.second, Status.IN_REVIEW))
        _seat(visit, Participant.Kind.COMMISSION, user=world.member)
        _seat(visit, Participant.Kind.CONTACT, email=f"kontakt{number}@verein.example")
        held = Visit.objects.create(
            round=world.round,
            application=_application(world, world.second, Status.IN_REVIEW),
            status=Visit.Status.HELD,
            start=berlin(2030, 11, 11, 10, 0),
        )
        _seat(held, Participant.Kind.EXPERT, user=world.expert, asked=False)
    world.grown += times
    return world


def expected(world: World) -> dict[str, dict[str, int]]:
    """Each role's work items after make_world() and grow(n): {key: count} per person."""
    n = world.grown
    return {
        "applicant": {"applications.drafts": n, "visits.my_polls": 1},
        "staff": {
            "selection.formal_check": n,
            "selection.letters": n,
            # In review, undecided: first stage n, second stage n planned + n held + own.
            "selection.decisions": n + 2 * n + 1,
            # Asked, not answered: the applicant, and a contact and the member per meeting.
            "visits.polls_unanswered": 1 + 2 * n,
            "visits.travel_times": 1,
            "visits.minutes": n,
        },
        "expert": {"visits.my_travel_times": 1, "visits.minutes": n},
        "member": {"selection.reviews": n, "visits.my_polls": n},
    }
