"""Helpers of the registration core's acceptance tests (waiting list, concurrency, needs,
refusals): courses and sessions relative to a clock, a clock that stands still, and one world
with a session, its organisers, its participants and the people who must see none of it."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from inklusiv.pilots.models import PilotRegion, RegionMember
from inklusiv.trainings.models import (
    AccessibilityNeed,
    Certificate,
    CertificateBatch,
    Course,
    FeedbackResponse,
    Format,
    Need,
    Registration,
    Service,
    TrainingSession,
)

from ..factories import make_user
from ..pilots.conftest import make_region

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
OFFER = datetime.timedelta(hours=settings.TRAINING_OFFER_HOURS)

# What must never leak: the free text of a participant's needs, the online room and the
# participant's name.
SECRET_NEEDS = "VERTRAULICH-Rollstuhl-und-Assistenzhund-Bello"
ONLINE_LINK = "https://meet.example/geheimer-raum-4711"
PARTICIPANT_NAME = "Paula Teilnehmerin-Verborgen"

_counter = iter(range(1, 10_000))


def make_course(*, trainer=None, **fields) -> Course:
    n = next(_counter)
    values = {
        "slug": f"fortbildung-h5-{n}",
        "title": f"Netzwerke koordinieren {n}",
        "description": "Wie ein Netzwerk vor Ort gemeinsam arbeitet.",
        "learning_goals": "Rollen klären\nSitzungen leiten",
        "format": Format.HYBRID,
        "length_minutes": 360,
        "trainer": trainer,
        "published": True,
    }
    values.update(fields)
    return Course.objects.create(**values)


def make_session(
    course: Course,
    *,
    now: datetime.datetime | None = None,
    starts_in: datetime.timedelta = 10 * DAY,
    hours: int = 6,
    capacity: int = 10,
    registration_in: datetime.timedelta | None = None,
    cancellation_in: datetime.timedelta | None = None,
    regions=(),
    **fields,
) -> TrainingSession:
    """A scheduled session `starts_in` after `now`; registration closes a day before the start
    and cancellation five days before, unless told otherwise."""
    now = now or timezone.now()
    starts = now + starts_in
    values = {
        "course": course,
        "starts_at": starts,
        "ends_at": starts + hours * HOUR,
        "format": Format.HYBRID,
        "trainer": course.trainer,
        "venue": "Kulturhaus Neuruppin",
        "address": "Karl-Marx-Straße 1, 16816 Neuruppin",
        "step_free": True,
        "online_link": ONLINE_LINK,
        "capacity": capacity,
        "registration_deadline": now + (registration_in or starts_in - DAY),
        "cancellation_deadline": now + (cancellation_in or starts_in - 5 * DAY),
        "services": [Service.SIGN_LANGUAGE, Service.SPEECH_TO_TEXT],
    }
    if regions:
        values["audience"] = TrainingSession.Audience.REGIONS
    values.update(fields)
    session = TrainingSession.objects.create(**values)
    if regions:
        session.regions.set(regions)
    return session


def add_registration(
    session, user, *, status=Registration.Status.CONFIRMED, needs=None, details="", **fields
) -> Registration:
    """A registration written directly (for the setting of a scene, not the behaviour)."""
    now = timezone.now()
    values = {"registered_by": user, "status": status}
    if status == Registration.Status.CONFIRMED:
        values["confirmed_at"] = now
    if status in (Registration.Status.WAITING, Registration.Status.OFFERED):
        values["waiting_since"] = now
    if status == Registration.Status.OFFERED:
        values["offered_at"] = now
        values["offer_expires_at"] = now + OFFER
    values.update(fields)
    registration = Registration.objects.create(session=session, user=user, **values)
    if needs is not None or details:
        AccessibilityNeed.objects.create(
            registration=registration, needs=list(needs or []), details=details, consent_at=now
        )
    return registration


class FrozenClock:
    """django.utils.timezone.now stands still at `now` until moved (neither freezegun nor
    time-machine is in the requirements). Services that read the clock themselves
    (registration, cancellation, the offer's expiry) see the same time as the test."""

    def __init__(self, now: datetime.datetime):
        self.now = now

    def __call__(self) -> datetime.datetime:
        return self.now

    def move_to(self, when: datetime.datetime) -> datetime.datetime:
        self.now = when
        return when

    def advance(self, delta: datetime.timedelta) -> datetime.datetime:
        self.now += delta
        return self.now


FROZEN_AT = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


def freeze_clock(monkeypatch) -> FrozenClock:
    """Stop the clock at FROZEN_AT for the test (undone by monkeypatch at its end)."""
    clock = FrozenClock(FROZEN_AT)
    monkeypatch.setattr(timezone, "now", clock)
    # A module that imported the function itself (`from django.utils.timezone import now`).
    import importlib

    for name in (
        "inklusiv.trainings.services.registrations",
        "inklusiv.trainings.services.mails",
        "inklusiv.trainings.selectors",
    ):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if getattr(module, "now", None) is not None and module.now is not clock:
            monkeypatch.setattr(module, "now", clock)
    return clock


# --- the world of the refusal walk ------------------------------------------------------------


@dataclass
class TrainingWorld:
    staff: object
    expert: object
    trainer: object  # teaches the course and the session
    other_trainer: object  # teaches another course
    outsider: object  # signed in, nobody
    region: PilotRegion  # may register for the session
    other_region: PilotRegion  # may not
    coordinator: object  # coordinator of the allowed region (not an organiser)
    stranger_member: object  # member of the other region
    participant: object  # has a seat, attended, has needs with SECRET_NEEDS
    waiting: object  # has been offered a seat
    peer: object  # another participant with a seat, who did not come
    course: Course
    other_course: Course
    session: TrainingSession
    registration: Registration  # the participant's
    peer_registration: Registration
    offered: Registration  # the waiting person's
    batch: CertificateBatch

    @property
    def organisers(self):
        return [self.staff, self.trainer]


def build_world(staff) -> TrainingWorld:
    """A hybrid session for one pilot region that began an hour ago (check-in is open, the
    needs are not purged yet), with a checked-in participant who stated needs, a certificate,
    an offered seat, five feedback answers and a certificate batch."""
    expert = make_user("programme_expert", email="expert@inklusiv.example", name="Jonas Brandt")
    coach = make_user("process_coach", email="coach@pb.example", name="Thomas Wegner")
    trainer = make_user("trainer", email="trainerin@fortbildung.example", name="Tanja Trainerin")
    other_trainer = make_user("trainer", email="anderer@fortbildung.example", name="Otto Anders")
    outsider = make_user(None, email="nobody@example.org", name="Niemand Außen")
    region = make_region(staff, expert, coach, name="Neuruppin")
    other_region = make_region(staff, expert, coach, name="Eberswalde")
    coordinator = make_user(None, email="koordination@neuruppin.example", name="Kora Koordination")
    RegionMember.objects.create(
        region=region, user=coordinator, role=RegionMember.Role.COORDINATOR, added_by=staff
    )
    participant = make_user(None, email="paula@neuruppin.example", name=PARTICIPANT_NAME)
    RegionMember.objects.create(
        region=region, user=participant, role=RegionMember.Role.STEERING, added_by=staff
    )
    waiting = make_user(None, email="walter@neuruppin.example", name="Walter Wartend")
    RegionMember.objects.create(
        region=region, user=waiting, role=RegionMember.Role.READER, added_by=staff
    )
    stranger_member = make_user(None, email="eva@eberswalde.example", name="Eva Eberswalde")
    RegionMember.objects.create(
        region=other_region,
        user=stranger_member,
        role=RegionMember.Role.COORDINATOR,
        added_by=staff,
    )
    course = make_course(trainer=trainer)
    other_course = make_course(trainer=other_trainer, title="Leichte Sprache anwenden")
    now = timezone.now()
    session = make_session(
        course,
        now=now,
        starts_in=-HOUR,
        hours=6,
        capacity=3,
        registration_in=-2 * DAY,
        cancellation_in=-5 * DAY,
        regions=[region],
    )
    registration = add_registration(
        session,
        participant,
        region=region,
        needs=[Need.SIGN_LANGUAGE, Need.STEP_FREE],
        details=SECRET_NEEDS,
        attendance=Registration.Attendance.PRESENT,
        checked_in_at=now,
        checked_in_by=trainer,
    )
    offered = add_registration(session, waiting, status=Registration.Status.OFFERED, region=region)
    peer = make_user(None, email="nora@nirgendwo.example", name="Nora Nichterschienen")
    peer_registration = add_registration(
        session,
        peer,
        attendance=Registration.Attendance.NO_SHOW,
        checked_in_at=now,
        checked_in_by=trainer,
    )
    certificate = Certificate(
        registration=registration,
        number="FB-2027-0001",
        language="de",
        issued_at=now,
        issued_by=staff,
    )
    certificate.pdf.save("fb-2027-0001.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    for rating in range(5):
        FeedbackResponse.objects.create(
            session=session,
            overall=rating + 1,
            content=4,
            practice=4,
            trainer=5,
            accessibility=3,
            liked="Gute Beispiele",
            answered_on=now.date(),
        )
    batch = CertificateBatch.objects.create(
        session=session, status=CertificateBatch.Status.FINISHED, total=1, done=1, created_by=staff
    )
    return TrainingWorld(
        staff=staff,
        expert=expert,
        trainer=trainer,
        other_trainer=other_trainer,
        outsider=outsider,
        region=region,
        other_region=other_region,
        coordinator=coordinator,
        stranger_member=stranger_member,
        participant=participant,
        waiting=waiting,
        peer=peer,
        peer_registration=peer_registration,
        course=course,
        other_course=other_course,
        session=session,
        registration=registration,
        offered=offered,
        batch=batch,
    )
