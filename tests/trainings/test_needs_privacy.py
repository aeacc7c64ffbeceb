"""Accessibility needs are health data (Art. 9 GDPR): they are stored only with explicit
consent, read only by the session's organisers (every read of the participants page is
audited) and deleted once the session is over, by the service and by the daily command."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.trainings.models import AccessibilityNeed, Need, Registration
from inklusiv.trainings.services import registrations as svc

from ..factories import make_user
from .h5_fixtures import (
    DAY,
    HOUR,
    SECRET_NEEDS,
    add_registration,
    build_world,
    make_course,
    make_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tw(db, staff):
    return build_world(staff)


VIEWED = "training_needs_viewed"


@pytest.fixture
def trainer(db):
    return make_user("trainer", email="trainerin@fortbildung.example", name="Tanja Trainerin")


@pytest.fixture
def person(db):
    return make_user(None, email="rita@rollstuhl.example", name="Rita Rollstuhl")


@pytest.fixture
def upcoming(trainer):
    return make_session(make_course(trainer=trainer), capacity=5)


def test_needs_without_consent_are_refused_and_nothing_is_stored(upcoming, person):
    with pytest.raises(DomainError):
        svc.register(
            actor=person,
            session=upcoming,
            needs=[Need.SIGN_LANGUAGE],
            details=SECRET_NEEDS,
            consent=False,
        )
    assert not Registration.objects.filter(session=upcoming).exists()
    assert not AccessibilityNeed.objects.exists()


def test_free_text_alone_also_needs_consent(upcoming, person):
    with pytest.raises(DomainError):
        svc.register(actor=person, session=upcoming, details=SECRET_NEEDS, consent=False)
    assert not AccessibilityNeed.objects.exists()
    assert not Registration.objects.filter(session=upcoming).exists()


def test_needs_with_consent_are_stored_apart_from_the_registration(upcoming, person):
    registration = svc.register(
        actor=person,
        session=upcoming,
        needs=[Need.SIGN_LANGUAGE, Need.STEP_FREE],
        details=SECRET_NEEDS,
        consent=True,
    )
    need = registration.accessibility_need
    assert sorted(need.needs) == sorted([Need.SIGN_LANGUAGE, Need.STEP_FREE])
    assert need.details == SECRET_NEEDS
    assert need.consent_at is not None


def test_registering_without_needs_stores_no_needs(upcoming, person):
    registration = svc.register(actor=person, session=upcoming)
    assert registration.status == Registration.Status.CONFIRMED
    assert not AccessibilityNeed.objects.filter(registration=registration).exists()


def test_changing_needs_without_consent_is_refused(upcoming, person):
    registration = svc.register(actor=person, session=upcoming)
    with pytest.raises(DomainError):
        svc.update_needs(
            actor=person,
            registration=registration,
            needs=[Need.CHILDCARE],
            details=SECRET_NEEDS,
            consent=False,
        )
    assert not AccessibilityNeed.objects.filter(registration=registration).exists()


def test_the_booking_summary_counts_the_needs(upcoming, trainer):
    from inklusiv.trainings import selectors

    for n, needs in enumerate(
        [[Need.SIGN_LANGUAGE, Need.STEP_FREE], [Need.SIGN_LANGUAGE], [Need.STEP_FREE], []]
    ):
        person = make_user(None, email=f"p{n}@bedarf.example", name=f"Person {n}")
        svc.register(actor=person, session=upcoming, needs=needs, consent=bool(needs))
    summary = dict((str(label), count) for label, count in selectors.booking_summary(upcoming))
    counts = sorted(count for count in summary.values() if count)
    assert counts == [2, 2]


def _past_and_upcoming(trainer, now):
    """A session that ended yesterday and one that starts tomorrow, each with needs."""
    course = make_course(trainer=trainer)
    past = make_session(course, now=now, starts_in=-DAY - 6 * HOUR, hours=6, capacity=5)
    upcoming = make_session(course, now=now, starts_in=DAY, capacity=5)
    needs = {}
    for n, session in enumerate([past, past, upcoming]):
        person = make_user(None, email=f"bedarf{n}@purge.example", name=f"Bedarf {n}")
        needs[n] = add_registration(
            session, person, needs=[Need.SIGN_LANGUAGE], details=f"{SECRET_NEEDS} {n}"
        )
    return past, upcoming, needs


def test_purge_deletes_the_needs_of_sessions_that_ended_and_keeps_the_upcoming(trainer):
    now = timezone.now()
    past, upcoming, registrations = _past_and_upcoming(trainer, now)

    assert svc.purge_accessibility_needs(now=now)

    assert not AccessibilityNeed.objects.filter(registration__session=past).exists()
    assert AccessibilityNeed.objects.filter(registration__session=upcoming).count() == 1
    # The registrations themselves stay (attendance, certificates, statistics).
    assert Registration.objects.filter(session=past).count() == 2
    # Nothing left to do the second time.
    assert not svc.purge_accessibility_needs(now=now)


def test_purge_keeps_the_needs_while_the_session_runs(trainer):
    now = timezone.now()
    course = make_course(trainer=trainer)
    running = make_session(course, now=now, starts_in=-HOUR, hours=6, capacity=5)
    person = make_user(None, email="laufend@purge.example", name="Lena Laufend")
    add_registration(running, person, needs=[Need.SPEECH_TO_TEXT], details=SECRET_NEEDS)

    svc.purge_accessibility_needs(now=now)

    assert AccessibilityNeed.objects.filter(registration__session=running).exists()
    # Once it is over, they go.
    svc.purge_accessibility_needs(now=running.ends_at + HOUR)
    assert not AccessibilityNeed.objects.filter(registration__session=running).exists()


def test_the_purge_command_does_the_same(trainer):
    past, upcoming, registrations = _past_and_upcoming(trainer, timezone.now())

    call_command("purge_training_needs")

    assert not AccessibilityNeed.objects.filter(registration__session=past).exists()
    assert AccessibilityNeed.objects.filter(registration__session=upcoming).count() == 1


def test_every_read_of_the_participants_page_by_an_organiser_is_audited(client, tw):
    url = reverse("trainings:participants", args=[tw.session.pk])
    for organiser in tw.organisers:
        client.force_login(organiser)
        before = AuditEntry.objects.filter(action=VIEWED).count()
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert SECRET_NEEDS in response.content.decode()
        entries = AuditEntry.objects.filter(action=VIEWED).order_by("pk")
        assert entries.count() == before + 2
        assert entries.last().actor == organiser


def test_refused_reads_of_the_participants_page_are_not_audited(client, tw):
    url = reverse("trainings:participants", args=[tw.session.pk])
    for person in (tw.other_trainer, tw.coordinator, tw.participant, tw.outsider, tw.expert):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code in (403, 404), person
        assert SECRET_NEEDS not in response.content.decode()
    assert not AuditEntry.objects.filter(action=VIEWED).exists()


# --- who no longer takes part leaves no health data behind ----------------------------------


def _with_needs(session, person):
    return svc.register(
        actor=person,
        session=session,
        needs=[Need.SIGN_LANGUAGE],
        details=SECRET_NEEDS,
        consent=True,
    )


def test_cancelling_leaves_no_needs_behind(upcoming, person):
    registration = _with_needs(upcoming, person)

    svc.cancel(actor=person, registration=registration)

    assert not AccessibilityNeed.objects.filter(registration=registration).exists()


def test_a_lapsed_or_declined_offer_leaves_no_needs_behind(trainer):
    session = make_session(make_course(trainer=trainer), capacity=1)
    first, second, third = (
        make_user(None, email=f"angebot{n}@bedarf.example", name=f"Angebot {n}") for n in range(3)
    )
    seat = svc.register(actor=first, session=session)
    lapsing = _with_needs(session, second)
    declining = svc.register(
        actor=third, session=session, needs=[Need.STEP_FREE], details="x", consent=True
    )
    assert lapsing.status == declining.status == Registration.Status.WAITING
    svc.cancel(actor=first, registration=seat)
    lapsing.refresh_from_db()
    assert lapsing.status == Registration.Status.OFFERED

    svc.expire_offers(now=lapsing.offer_expires_at + HOUR)

    assert not AccessibilityNeed.objects.filter(registration=lapsing).exists()
    declining.refresh_from_db()
    assert declining.status == Registration.Status.OFFERED
    svc.decline_offer(registration=declining, now=lapsing.offer_expires_at + HOUR)
    assert not AccessibilityNeed.objects.filter(registration=declining).exists()


def test_a_session_called_off_deletes_its_needs_at_once(upcoming, person, trainer):
    from inklusiv.trainings.services import catalogue

    registration = _with_needs(upcoming, person)

    catalogue.cancel_session(actor=trainer, session=upcoming, reason="Zu wenige Anmeldungen.")

    assert not AccessibilityNeed.objects.filter(registration=registration).exists()


def test_only_the_person_states_their_own_needs(tw):
    """A coordinator may register a colleague, but not give consent to the colleague's health
    data: the colleague adds needs on their own registration page."""
    session = make_session(tw.course, capacity=5, regions=[tw.region])
    colleague = tw.waiting
    with pytest.raises(DomainError):
        svc.register(
            actor=tw.coordinator,
            session=session,
            user=colleague,
            needs=[Need.SIGN_LANGUAGE],
            details=SECRET_NEEDS,
            consent=True,
        )
    assert not Registration.objects.filter(session=session).exists()
    assert not AccessibilityNeed.objects.filter(registration__session=session).exists()

    registration = svc.register(actor=tw.coordinator, session=session, user=colleague)
    assert registration.user == colleague
    svc.update_needs(
        actor=colleague,
        registration=registration,
        needs=[Need.SIGN_LANGUAGE],
        details=SECRET_NEEDS,
        consent=True,
    )
    assert registration.accessibility_need.details == SECRET_NEEDS
    with pytest.raises(DomainError):
        svc.update_needs(
            actor=tw.coordinator,
            registration=registration,
            needs=[],
            details="",
            consent=True,
        )
