"""A pilot region started from a selected application, and a person in every role around it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from inklusiv.applications.models import Status
from inklusiv.pilots.models import PilotRegion, RegionMember
from inklusiv.pilots.services import regions

from ..factories import ApplicationFactory, complete, make_user


@dataclass
class RegionWorld:
    region: PilotRegion
    staff: object
    expert: object
    coach: object
    other_coach: object
    evaluator: object
    coordinator: object
    editor: object
    steering: object
    reader: object
    applicant: object  # a member of the provider organisation, not of the region
    outsider: object


def make_region(staff, expert, coach, *, name="Neuruppin") -> PilotRegion:
    application = complete(ApplicationFactory())
    application.social_space.name = name
    application.social_space.save(update_fields=["name"])
    application.status = Status.SELECTED
    application.save(update_fields=["status"])
    return regions.start_region(
        actor=staff,
        application=application,
        funding_start=datetime.date(2017, 3, 1),
        funding_end=datetime.date(2019, 2, 28),
        approved_amount=Decimal("480000.00"),
        expert=expert,
        coach=coach,
    )


@pytest.fixture
def world(db, staff) -> RegionWorld:
    expert = make_user("programme_expert", email="expert@inklusiv.example", name="Jonas Brandt")
    coach = make_user("process_coach", email="coach@pb.example", name="Thomas Wegner")
    other_coach = make_user("process_coach", email="coach2@pb.example", name="Petra Other")
    evaluator = make_user("evaluator", email="eval@uni.example", name="Dr. Aylin Demir")
    region = make_region(staff, expert, coach)
    people = {}
    for key, role in [
        ("coordinator", RegionMember.Role.COORDINATOR),
        ("editor", RegionMember.Role.EDITOR),
        ("steering", RegionMember.Role.STEERING),
        ("reader", RegionMember.Role.READER),
    ]:
        user = make_user(None, email=f"{key}@region.example", name=f"{key.title()} Person")
        RegionMember.objects.create(region=region, user=user, role=role, added_by=staff)
        people[key] = user
    applicant = make_user(None, email="member@verein.example", name="Vera Verein")
    region.organisation.memberships.create(user=applicant, role="member")
    outsider = make_user(None, email="nobody@example.org", name="Niemand")
    return RegionWorld(
        region=region,
        staff=staff,
        expert=expert,
        coach=coach,
        other_coach=other_coach,
        evaluator=evaluator,
        applicant=applicant,
        outsider=outsider,
        **people,
    )
