"""The demo data of calls and applications: the 129 expressions of interest of 2016 from all
16 Bundesländer, Jugendarbeit Neuruppin's application, drafts to the open call, idempotence."""

import pytest
from django.db import transaction
from django.utils import timezone

from inklusiv.accounts.models import Organisation, State, User
from inklusiv.applications import services
from inklusiv.applications.models import (
    Answers,
    Application,
    Concept,
    Message,
    Partner,
    SocialSpace,
    Status,
    Version,
)
from inklusiv.calls.models import Call, Criterion, Initiative, Question, Stage
from inklusiv.core.models import AuditEntry
from inklusiv.demo import load as load_demo
from inklusiv.demo.call import CALL_2016_SLUG, CALL_2027_SLUG
from inklusiv.demo.expressions_of_interest import NEURUPPIN, STATE_AGS_PREFIX

pytestmark = pytest.mark.django_db

COUNTED = [
    Initiative,
    Call,
    Stage,
    Criterion,
    Question,
    User,
    Organisation,
    Application,
    SocialSpace,
    Concept,
    Partner,
    Answers,
    Version,
    Message,
    AuditEntry,
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_the_2016_call_has_129_submitted_expressions_of_interest(demo):
    call = Call.objects.get(slug=CALL_2016_SLUG)
    first_stage = call.first_stage()
    applications = list(call.applications.select_related("social_space").order_by("reference"))

    assert len(applications) == 129
    # All were submitted; the selection demo (selection/demo.py) then moves them on.
    assert all(a.submitted_at and a.status != Status.DRAFT for a in applications)
    assert [a.reference for a in applications] == [f"KI-2016-{n:04d}" for n in range(1, 130)]
    assert call.last_reference_number == 129
    # Numbered in the order of submission, all before the deadline.
    times = [a.submitted_at for a in applications]
    assert times == sorted(times)
    assert all(first_stage.opens_at <= t <= first_stage.closes_at for t in times)
    assert Version.objects.filter(application__call=call, number=1).count() == 129
    assert len({a.organisation_id for a in applications}) == 129
    # Each one is complete: it could have been submitted through the form. (The ten that the
    # selection demo advanced are in the second stage now, whose questions are still open.)
    first_round = [a for a in applications if a.stage_id == first_stage.pk]
    assert len(first_round) == 119
    assert [a.reference for a in first_round if services.missing_parts(a)] == []
    assert all(1 <= a.partners.count() <= 4 for a in applications)


def test_all_16_bundeslaender_take_part_with_consistent_municipality_keys(demo):
    spaces = SocialSpace.objects.filter(application__call__slug=CALL_2016_SLUG)
    assert {space.state for space in spaces} == set(State.values)
    for space in spaces:
        space.full_clean(exclude=["application"])
        if space.ags:
            assert space.ags.startswith(STATE_AGS_PREFIX[space.state]), space.name
    concepts = Concept.objects.filter(application__call__slug=CALL_2016_SLUG)
    assert len({concept.starting_situation for concept in concepts}) > 100


def test_neuruppin_applied_through_the_services_with_its_partners(demo):
    application = Application.objects.get(call__slug=CALL_2016_SLUG, organisation__name=NEURUPPIN)
    space = application.social_space
    assert (space.name, space.state, space.population, space.ags) == (
        "Neuruppin",
        State.BB,
        31000,
        "12068320",
    )
    partners = set(application.partners.values_list("name", flat=True))
    assert "Stadt Neuruppin" in partners
    assert len(partners) == 4
    version = application.versions.get()
    assert version.receipt
    assert version.submitted_by.email == "k.lehmann@jugendarbeit-neuruppin.example"
    assert version.content["social_space"]["ags"] == "12068320"
    assert application.messages.count() == 1
    # The history is dated in 2016, not when the demo was loaded.
    history = AuditEntry.objects.filter(object_id=str(application.pk), action__startswith="appl")
    assert {entry.created_at.year for entry in history} == {2016}
    assert history.filter(action="application_version_frozen").exists()


def test_drafts_to_the_open_call_include_the_demo_applicants_organisation(demo):
    call = Call.objects.get(slug=CALL_2027_SLUG)
    assert call.is_published
    assert call.first_stage().is_open(timezone.now())
    drafts = call.applications.filter(status=Status.DRAFT)
    assert drafts.count() >= 3
    katrin = User.objects.get(email="k.lehmann@jugendarbeit-neuruppin.example")
    own = drafts.get(organisation__memberships__user=katrin)
    assert own.organisation.name == NEURUPPIN
    assert services.missing_parts(own)  # partly filled
    assert any(not services.missing_parts(draft) for draft in drafts)  # one is ready


def test_the_applications_of_both_calls(demo):
    # 2016's 129, the three drafts to 2027 and the four expressions of interest of 2027.
    # (Loading the demo twice adds nothing: tests/trainings/test_demo.py checks every chapter.)
    assert _counts()["Application"] == 129 + 3 + 4


def test_the_open_call_has_its_first_expressions_of_interest_one_awaiting_the_check(demo):
    call = Call.objects.get(slug=CALL_2027_SLUG)
    submitted = call.applications.exclude(status=Status.DRAFT).order_by("reference")
    assert [(a.reference, a.status) for a in submitted] == [
        ("KI-2027-0001", Status.IN_REVIEW),
        ("KI-2027-0002", Status.IN_REVIEW),
        ("KI-2027-0003", Status.IN_REVIEW),
        ("KI-2027-0004", Status.SUBMITTED),
    ]
    now = timezone.now()
    for application in submitted:
        # Submitted in the past while the stage was open, with a receipt, as a user would.
        assert call.first_stage().opens_at < application.submitted_at < now
        assert not services.missing_parts(application)
        assert application.versions.get(number=1).receipt
