"""A small round of on-site meetings, built row by row so that every test module can use it
without depending on the services under test."""

from dataclasses import dataclass, field

import pytest

from inklusiv.applications.models import Application, Status
from inklusiv.visits.models import Availability, Participant, PollSlot, Visit, VisitRound
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    OrganisationFactory,
    StageFactory,
    berlin,
    complete,
    make_user,
)

# Three places with their real coordinates: Neuruppin, Rostock, Erlangen.
PLACES = [
    (
        "Jugendarbeit Neuruppin e.V.",
        "Fehrbelliner Straße 12",
        "16816",
        "Neuruppin",
        52.9244,
        12.8046,
    ),
    ("Hansestadt Rostock", "Neuer Markt 1", "18055", "Rostock", 54.0887, 12.1405),
    ("Stadt Erlangen", "Rathausplatz 1", "91052", "Erlangen", 49.5897, 11.0078),
]


@dataclass
class RoundSetup:
    round: VisitRound
    stage: object
    expert: object
    second_expert: object
    visits: list[Visit]
    applications: list[Application]
    contacts: list[Participant] = field(default_factory=list)


@pytest.fixture
def visit_round(db):
    """Stage two of a call (requires on-site meetings) with three applications in review, a
    round from 7 to 18 November 2016, two experts with availability, one visit each with the
    expert and the applicant's contact, and two poll slots per visit (none answered)."""
    call = CallFactory(stages=False)
    StageFactory(call=call, position=1)
    stage = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde mit Vor-Ort-Gespräch",
        name_en="Second round with on-site meeting",
        opens_at=berlin(2016, 10, 14, 10, 0),
        closes_at=berlin(2016, 12, 9, 23, 59),
        quota=2,
        requires_site_visit=True,
    )
    expert = make_user(
        "programme_expert", email="jonas.brandt@inklusiv.example", name="Jonas Brandt"
    )
    second = make_user("programme_expert", email="ulrike.hahn@inklusiv.example", name="Ulrike Hahn")
    round_ = VisitRound.objects.create(
        stage=stage,
        window_start=berlin(2016, 11, 7, 0, 0),
        window_end=berlin(2016, 11, 18, 23, 59),
        slot_times=["10:00", "14:00"],
    )
    visits, applications, contacts = [], [], []
    for number, (name, street, postcode, city, lat, lon) in enumerate(PLACES, start=1):
        organisation = OrganisationFactory(name=name, street=street, postcode=postcode, city=city)
        application = ApplicationFactory(
            call=call,
            organisation=organisation,
            stage=stage,
            status=Status.IN_REVIEW,
            reference=f"KI-2016-{number:04d}",
            contact_name=f"Kontakt {city}",
            contact_email=f"kontakt@{city.lower()}.example",
        )
        complete(application)
        applications.append(application)
        visit = Visit.objects.create(
            round=round_,
            application=application,
            street=street,
            postcode=postcode,
            city=city,
            latitude=lat,
            longitude=lon,
        )
        expert_for_visit = expert if number != 3 else second
        Participant.objects.create(
            visit=visit,
            kind=Participant.Kind.EXPERT,
            user=expert_for_visit,
            name=expert_for_visit.name,
            email=expert_for_visit.email,
        )
        contacts.append(
            Participant.objects.create(
                visit=visit,
                kind=Participant.Kind.CONTACT,
                name=application.contact_name,
                email=application.contact_email,
            )
        )
        for day in (8 + number, 15 + number - 1):
            PollSlot.objects.create(visit=visit, start=berlin(2016, 11, day, 10, 0))
        visits.append(visit)
    for person in (expert, second):
        for day in range(7, 19):
            Availability.objects.create(
                round=round_,
                user=person,
                starts_at=berlin(2016, 11, day, 6, 0),
                ends_at=berlin(2016, 11, day, 22, 0),
            )
    return RoundSetup(
        round=round_,
        stage=stage,
        expert=expert,
        second_expert=second,
        visits=visits,
        applications=applications,
        contacts=contacts,
    )
