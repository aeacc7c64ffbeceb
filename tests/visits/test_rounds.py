"""Setting up a round of on-site meetings: refusals, one meeting per open application,
participants and the meeting place."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from inklusiv.applications.models import Partner, Status
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import CommissionMember, ConflictOfInterest
from inklusiv.visits.models import Participant, Visit, VisitRound
from inklusiv.visits.services import rounds as services
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    OrganisationFactory,
    StageFactory,
    berlin,
    complete,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def stage(db):
    """A second stage with on-site meetings and applications in every kind of status."""
    call = CallFactory(stages=False)
    StageFactory(call=call, position=1)
    stage = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde",
        name_en="Second round",
        opens_at=berlin(2016, 10, 14, 10, 0),
        closes_at=berlin(2016, 12, 9, 23, 59),
        requires_site_visit=True,
    )
    for number, status in enumerate(
        [Status.IN_REVIEW, Status.ADVANCED, Status.WITHDRAWN, Status.NOT_ADVANCED], start=1
    ):
        organisation = OrganisationFactory(
            name=f"Träger {number} e.V.", street=f"Marktplatz {number}", city="Neuruppin"
        )
        application = ApplicationFactory(
            call=call,
            organisation=organisation,
            stage=stage,
            status=status,
            reference=f"KI-2016-{number:04d}",
            contact_name=f"Kontakt {number}",
            contact_email=f"kontakt{number}@traeger.example",
        )
        complete(application)
    return stage


def set_up(actor, stage, **kwargs):
    values = {
        "window_start": berlin(2016, 11, 7, 8, 0),
        "window_end": berlin(2016, 11, 18, 20, 0),
    }
    values.update(kwargs)
    return services.set_up_round(actor=actor, stage=stage, **values)


def test_set_up_creates_one_meeting_per_open_application(stage, staff):
    round_ = set_up(staff, stage, slot_times="14:00 9.30; 14:00")
    visits = Visit.objects.filter(round=round_).select_related("application")
    assert sorted(v.application.reference for v in visits) == ["KI-2016-0001", "KI-2016-0002"]
    assert round_.slot_times == ["09:30", "14:00"]
    visit = visits.get(application__reference="KI-2016-0001")
    assert (visit.street, visit.city, visit.latitude) == ("Marktplatz 1", "Neuruppin", None)
    assert visit.duration_minutes == 180
    contact = visit.participants.get()
    assert (contact.kind, contact.email, contact.user) == (
        Participant.Kind.CONTACT,
        "kontakt1@traeger.example",
        None,
    )
    assert AuditEntry.objects.filter(action="visit_round_created").count() == 1
    assert AuditEntry.objects.filter(action="visit_created").count() == 2


def test_create_visits_is_idempotent_and_skips_withdrawn_applications(stage, staff):
    round_ = set_up(staff, stage)
    assert services.create_visits(actor=staff, round=round_) == 0
    withdrawn = stage.applications.get(status=Status.WITHDRAWN)
    assert not Visit.objects.filter(application=withdrawn).exists()
    # An application reaching the stage later gets its meeting on the next call.
    late = ApplicationFactory(
        call=stage.call, stage=stage, status=Status.ELIGIBLE, reference="KI-2016-0009"
    )
    assert services.create_visits(actor=staff, round=round_) == 1
    assert Visit.objects.filter(application=late).count() == 1
    assert services.create_visits(actor=staff, round=round_) == 0


def test_set_up_links_accounts_partners_and_the_organising_expert(stage, staff):
    contact = make_user(None, email="Kontakt1@traeger.example", name="Kim Kontakt", language="en")
    application = stage.applications.get(reference="KI-2016-0001")
    Partner.objects.create(
        application=application,
        name="Volkshochschule Neuruppin",
        sector="civil_society",
        kind="school",
        contact_name="Petra Partner",
        contact_email="petra@vhs.example",
        role="Kurse",
    )
    expert = make_user("programme_expert", email="jonas@inklusiv.example", name="Jonas Brandt")
    other = stage.applications.get(reference="KI-2016-0002")
    ConflictOfInterest.objects.create(
        user=expert, application=other, source="declared", reason="Vorstand"
    )
    round_ = set_up(staff, stage, organiser=expert)
    seats = {p.email: p for p in Participant.objects.filter(visit__application=application)}
    assert seats["kontakt1@traeger.example"].user == contact
    assert seats["kontakt1@traeger.example"].language == "en"
    assert seats["petra@vhs.example"].kind == Participant.Kind.PARTNER
    assert seats["petra@vhs.example"].name == "Petra Partner"
    assert seats["jonas@inklusiv.example"].kind == Participant.Kind.EXPERT
    # No seat at the meeting of the application the expert is conflicted with.
    assert not Participant.objects.filter(visit__application=other, user=expert).exists()
    assert round_.organiser == expert


def test_set_up_refuses_a_stage_without_on_site_meetings(staff):
    plain = StageFactory(requires_site_visit=False)
    with pytest.raises(DomainError, match="no on-site meetings"):
        set_up(staff, plain)
    assert not VisitRound.objects.exists()


def test_set_up_refuses_a_window_ending_before_it_starts(stage, staff):
    with pytest.raises(DomainError, match="end of the period must be after its start") as error:
        set_up(staff, stage, window_end=berlin(2016, 11, 1, 8, 0))
    assert error.value.field == "window_end"
    assert not VisitRound.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"slot_times": "10 Uhr, 14:00"}, "slot_times", "“10 Uhr” is not a time of day"),
        ({"slot_times": "25:00"}, "slot_times", "“25:00” is not a time of day"),
        ({"slot_times": " , "}, "slot_times", "at least one start time"),
        ({"max_per_day": 0}, "max_per_day", "1 to 10 meetings a day"),
        ({"duration_minutes": 10}, "duration_minutes", "between 30 and 720"),
        ({"speed_kmh": 0}, "speed_kmh", "travel speed"),
        (
            {"poll_closes_at": berlin(2016, 11, 30, 12, 0)},
            "poll_closes_at",
            "poll must close before",
        ),
    ],
)
def test_set_up_refuses_bad_settings(stage, staff, kwargs, field, text):
    with pytest.raises(DomainError, match=text) as error:
        set_up(staff, stage, **kwargs)
    assert error.value.field == field
    assert not VisitRound.objects.exists()


def test_set_up_refuses_an_organiser_who_cannot_organise(stage, staff):
    with pytest.raises(DomainError) as error:
        set_up(staff, stage, organiser=make_user("commission_member"))
    assert error.value.field == "organiser"


@pytest.mark.parametrize("role", ["applicant", "commission_member", None])
def test_set_up_refuses_people_who_do_not_organise(stage, role):
    with pytest.raises(PermissionDenied):
        set_up(make_user(role), stage)
    assert not VisitRound.objects.exists()


def test_changing_the_length_follows_on_meetings_with_the_default(stage, staff):
    round_ = set_up(staff, stage)
    first, second = Visit.objects.filter(round=round_).order_by("application__reference")
    services.update_place(
        actor=staff,
        visit=second,
        street="",
        postcode="",
        city="Neuruppin",
        place="",
        latitude=None,
        longitude=None,
        duration_minutes=120,
    )
    set_up(staff, stage, duration_minutes=150)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.duration_minutes, second.duration_minutes) == (150, 120)
    entry = AuditEntry.objects.get(action="visit_round_changed")
    assert (entry.before["duration_minutes"], entry.after["duration_minutes"]) == (180, 150)


# --- participants ----------------------------------------------------------------------------


def test_add_expert_and_commission_member(visit_round, staff):
    visit = visit_round.visits[0]
    added = services.add_participant(
        actor=staff, visit=visit, kind=Participant.Kind.EXPERT, user=visit_round.second_expert
    )
    assert (added.name, added.email) == ("Ulrike Hahn", "ulrike.hahn@inklusiv.example")
    member = make_user("commission_member", email="k@kommission.example", name="Karl Kommission")
    CommissionMember.objects.create(stage=visit_round.stage, user=member)
    seat = services.add_participant(
        actor=staff, visit=visit, kind=Participant.Kind.COMMISSION, user=member
    )
    assert seat.kind == Participant.Kind.COMMISSION
    assert AuditEntry.objects.filter(action="visit_participant_added").count() == 2


def test_add_participant_refusals(visit_round, staff):
    visit = visit_round.visits[0]
    outsider_member = make_user("commission_member")
    with pytest.raises(DomainError, match="not a member of this stage's commission"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.COMMISSION, user=outsider_member
        )
    with pytest.raises(DomainError, match="not a programme expert"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.EXPERT, user=outsider_member
        )
    conflicted = make_user("programme_expert")
    ConflictOfInterest.objects.create(
        user=conflicted, application=visit.application, source="staff", reason="Verwandt"
    )
    with pytest.raises(DomainError, match="conflict of interest"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.EXPERT, user=conflicted
        )
    with pytest.raises(DomainError, match="already takes part") as error:
        services.add_participant(
            actor=staff,
            visit=visit,
            kind=Participant.Kind.PARTNER,
            name="Doppelt",
            email=visit_round.contacts[0].email.upper(),
        )
    assert error.value.field == "email"
    with pytest.raises(DomainError, match="e-mail address like"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.PARTNER, name="X", email="kein"
        )
    with pytest.raises(DomainError, match="name"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.PARTNER, name=" ", email="a@b.example"
        )
    assert visit.participants.count() == 2


def test_conflicted_expert_may_not_change_participants(visit_round, staff):
    visit = visit_round.visits[0]
    ConflictOfInterest.objects.create(
        user=visit_round.second_expert,
        application=visit.application,
        source="declared",
        reason="x",
    )
    with pytest.raises(PermissionDenied):
        services.add_participant(
            actor=visit_round.second_expert,
            visit=visit,
            kind=Participant.Kind.PARTNER,
            name="Petra",
            email="petra@example.org",
        )
    with pytest.raises(PermissionDenied):
        services.remove_participant(
            actor=visit_round.second_expert, participant=visit_round.contacts[0]
        )
    assert visit.participants.count() == 2


def test_remove_participant_is_audited(visit_round, staff):
    contact = visit_round.contacts[0]
    services.remove_participant(actor=staff, participant=contact)
    assert not Participant.objects.filter(pk=contact.pk).exists()
    entry = AuditEntry.objects.get(action="visit_participant_removed")
    assert entry.before["email"] == contact.email


def test_cancelled_meeting_cannot_be_changed(visit_round, staff):
    visit = visit_round.visits[0]
    Visit.objects.filter(pk=visit.pk).update(status=Visit.Status.CANCELLED)
    visit.refresh_from_db()
    with pytest.raises(DomainError, match="can no longer be changed"):
        services.add_participant(
            actor=staff, visit=visit, kind=Participant.Kind.PARTNER, name="P", email="p@x.example"
        )


# --- place ------------------------------------------------------------------------------------


def test_update_place_stores_coordinates_and_audits(visit_round, staff):
    visit = visit_round.visits[0]
    services.update_place(
        actor=staff,
        visit=visit,
        street="Karl-Marx-Straße 1",
        postcode="16816",
        city="Neuruppin",
        place="Rathaus, Saal 2",
        latitude=52.93,
        longitude=12.80,
        duration_minutes=150,
    )
    visit.refresh_from_db()
    assert (visit.place, visit.latitude, visit.duration_minutes) == ("Rathaus, Saal 2", 52.93, 150)
    entry = AuditEntry.objects.get(action="visit_place_changed")
    assert entry.before["latitude"] == 52.9244
    assert entry.after["latitude"] == 52.93


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postcode": "1681"}, "postcode"),
        ({"city": ""}, "city"),
        ({"latitude": None}, "latitude"),
        ({"latitude": 123.0}, "latitude"),
        ({"longitude": -200.0}, "longitude"),
        ({"duration_minutes": 0}, "duration_minutes"),
    ],
)
def test_update_place_refuses_bad_input(visit_round, staff, changes, field):
    visit = visit_round.visits[0]
    values = {
        "street": "Fehrbelliner Straße 12",
        "postcode": "16816",
        "city": "Neuruppin",
        "place": "",
        "latitude": 52.9,
        "longitude": 12.8,
        "duration_minutes": 180,
    }
    values.update(changes)
    with pytest.raises(DomainError) as error:
        services.update_place(actor=staff, visit=visit, **values)
    assert error.value.field == field
    visit.refresh_from_db()
    assert visit.latitude == 52.9244


def test_a_poll_deadline_in_the_past_is_refused_with_a_clear_message(stage, staff):
    # A round planned for the future, its poll deadline typed a year too early.
    future = timezone.now() + timedelta(days=60)
    with pytest.raises(DomainError, match="has already passed") as error:
        set_up(
            staff,
            stage,
            window_start=future,
            window_end=future + timedelta(days=10),
            poll_closes_at=timezone.now() - timedelta(days=300),
        )
    assert error.value.field == "poll_closes_at"
    assert not VisitRound.objects.exists()
    round_ = set_up(
        staff,
        stage,
        window_start=future,
        window_end=future + timedelta(days=10),
        poll_closes_at=future - timedelta(days=7),
    )
    assert round_.poll_closes_at == future - timedelta(days=7)


def test_a_deadline_that_passed_since_it_was_set_does_not_block_other_changes(stage, staff):
    # The 2016 round: its deadline was in the future when set; changing the length later
    # keeps it.
    set_up(staff, stage, poll_closes_at=berlin(2016, 11, 1, 12, 0), now=berlin(2016, 10, 20))
    round_ = set_up(staff, stage, poll_closes_at=berlin(2016, 11, 1, 12, 0), duration_minutes=150)
    assert (round_.duration_minutes, round_.poll_closes_at) == (150, berlin(2016, 11, 1, 12, 0))
    with pytest.raises(DomainError, match="has already passed"):
        set_up(staff, stage, poll_closes_at=berlin(2016, 11, 2, 12, 0))
