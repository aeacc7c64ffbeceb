"""The waiting list with a frozen clock: a freed seat is offered to the next person for
TRAINING_OFFER_HOURS, an offer that expires passes on, an accepted offer is a seat; a
cancellation before the deadline frees the seat, after it the participant cannot cancel (the
organisers still can, until the start). The offer mail reaches the right person with a link
that works without signing in."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve
from django.utils import translation

from inklusiv.core.exceptions import DomainError
from inklusiv.trainings import selectors
from inklusiv.trainings.models import Registration
from inklusiv.trainings.services import registrations as svc

from ..factories import make_user
from .h5_fixtures import HOUR, OFFER, ONLINE_LINK, freeze_clock, make_course, make_session

pytestmark = pytest.mark.django_db

Status = Registration.Status
MINUTE = HOUR / 60
LINK = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture
def clock(monkeypatch):
    return freeze_clock(monkeypatch)


@pytest.fixture
def trainer(db):
    return make_user("trainer", email="trainerin@fortbildung.example", name="Tanja Trainerin")


@pytest.fixture
def people(db):
    names = ["Anna Erste", "Ben Zweiter", "Carla Dritte", "Dirk Vierter", "Emil Fünfter"]
    return [
        make_user(None, email=f"{name.split()[0].lower()}@warteliste.example", name=name)
        for name in names
    ]


@pytest.fixture
def full(clock, trainer, people, django_capture_on_commit_callbacks):
    """Two seats taken by Anna and Ben; Carla, then Dirk wait. Registration closes in eight
    days, cancellation in five, the session starts in ten."""
    course = make_course(trainer=trainer)
    session = make_session(course, now=clock.now, capacity=2)
    result = []
    for person in people[:4]:
        with django_capture_on_commit_callbacks(execute=True):
            result.append(svc.register(actor=person, session=session))
        clock.advance(MINUTE)
    mail.outbox.clear()
    return session, result


def _fresh(registration):
    registration.refresh_from_db()
    return registration


def _view_name(link):
    try:
        return resolve(urlsplit(link).path).view_name
    except Resolver404:
        return None


def _mails_to(person):
    return [message for message in mail.outbox if person.email in message.to]


def _links(message):
    bodies = [message.body] + [
        unescape(content)
        for content, kind in getattr(message, "alternatives", [])
        if "html" in kind
    ]
    return {link.rstrip(".,;:)") for body in bodies for link in LINK.findall(body)}


def test_people_beyond_the_capacity_wait_in_the_order_they_came(full):
    session, (anna, ben, carla, dirk) = full
    assert [r.status for r in (anna, ben, carla, dirk)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    assert carla.waiting_since < dirk.waiting_since
    assert selectors.seats_taken(session) == 2
    assert selectors.free_seats(session) == 0


def test_a_freed_seat_is_offered_to_the_next_person_for_the_offer_hours(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full

    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)

    assert _fresh(anna).status == Status.CANCELLED
    carla = _fresh(carla)
    assert carla.status == Status.OFFERED
    assert carla.offered_at == clock.now
    assert carla.offer_expires_at == clock.now + OFFER
    assert _fresh(dirk).status == Status.WAITING
    # The offered seat is held: nobody else takes it meanwhile.
    assert selectors.free_seats(session) == 0
    with django_capture_on_commit_callbacks(execute=True):
        emil = svc.register(actor=people[4], session=session)
    assert emil.status == Status.WAITING


def test_the_offer_mail_goes_to_the_next_person_with_a_link_that_works(
    full, client, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    carla_user = people[2]

    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)

    offers = _mails_to(carla_user)
    assert len(offers) == 1, [m.subject for m in mail.outbox]
    assert not _mails_to(people[3])
    # The signed token carries the second it was made: compare what it opens, not its text.
    links = [link for link in _links(offers[0]) if _view_name(link) == "trainings:offer"]
    assert len(links) == 1, _links(offers[0])
    path = urlsplit(links[0]).path
    match = resolve(path)
    assert svc.registration_for_token(match.kwargs["token"]).pk == carla.pk
    # From the mail, without signing in.
    response = client.get(path)
    assert response.status_code == 200
    assert session.course.title in response.content.decode()


def _offer_path(person):
    [message] = _mails_to(person)
    [link] = [link for link in _links(message) if _view_name(link) == "trainings:offer"]
    return urlsplit(link).path


def test_one_click_from_the_mail_takes_the_seat_without_signing_in(
    full, client, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    path = _offer_path(people[2])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"action": "accept"})

    assert response.status_code == 302
    assert _fresh(carla).status == Status.CONFIRMED
    # The confirmation follows, to Carla.
    assert len(_mails_to(people[2])) == 1


def test_the_mail_link_after_the_expiry_takes_no_seat(
    full, client, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    path = _offer_path(people[2])
    clock.advance(OFFER + HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "accept"})

    assert _fresh(carla).status != Status.CONFIRMED
    assert session.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_a_tampered_token_is_refused(full, people, django_capture_on_commit_callbacks):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    token = svc.offer_token(_fresh(carla))
    with pytest.raises(DomainError):
        svc.registration_for_token(token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    with pytest.raises(DomainError):
        svc.registration_for_token("kein-gueltiges-token")


def test_an_expired_offer_passes_to_the_next_person(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    expires = _fresh(carla).offer_expires_at
    mail.outbox.clear()

    # Before the end of the offer nothing passes on.
    clock.move_to(expires - HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.expire_offers(now=clock.now) == 0
    assert _fresh(carla).status == Status.OFFERED
    assert _fresh(dirk).status == Status.WAITING

    later = clock.move_to(expires + HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.expire_offers(now=later) == 1

    assert _fresh(carla).status == Status.EXPIRED
    dirk = _fresh(dirk)
    assert dirk.status == Status.OFFERED
    assert dirk.offer_expires_at == later + OFFER
    assert len(_mails_to(people[3])) == 1
    assert selectors.seats_taken(session) == 2
    # Running the task again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert svc.expire_offers(now=later) == 0
    assert _fresh(dirk).status == Status.OFFERED


def test_accepting_before_the_expiry_gives_the_seat(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    clock.advance(OFFER - HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        svc.accept_offer(registration=_fresh(carla), now=clock.now)

    carla = _fresh(carla)
    assert carla.status == Status.CONFIRMED
    assert carla.has_seat
    assert selectors.seats_taken(session) == 2
    assert _fresh(dirk).status == Status.WAITING


def test_accepting_after_the_expiry_is_refused(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    clock.advance(OFFER + HOUR)

    with pytest.raises(DomainError):
        svc.accept_offer(registration=_fresh(carla), now=clock.now)

    assert _fresh(carla).status != Status.CONFIRMED
    confirmed = session.registrations.filter(status=Status.CONFIRMED)
    assert confirmed.count() == 1


def test_declining_passes_the_offer_on(full, people, django_capture_on_commit_callbacks):
    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)

    with django_capture_on_commit_callbacks(execute=True):
        svc.decline_offer(registration=_fresh(carla))

    assert _fresh(carla).status in (Status.CANCELLED, Status.EXPIRED)
    assert _fresh(dirk).status == Status.OFFERED


def test_only_an_open_offer_can_be_accepted(full, django_capture_on_commit_callbacks):
    session, (anna, ben, carla, dirk) = full
    with pytest.raises(DomainError):
        svc.accept_offer(registration=dirk)
    assert _fresh(dirk).status == Status.WAITING


def test_cancelling_before_the_deadline_frees_the_seat(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    clock.move_to(session.cancellation_deadline - HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[1], registration=ben)

    assert _fresh(ben).status == Status.CANCELLED
    assert _fresh(carla).status == Status.OFFERED


def test_after_the_deadline_the_participant_cannot_cancel_and_the_seat_stays(
    full, clock, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    clock.move_to(session.cancellation_deadline + HOUR)

    with pytest.raises(DomainError):
        svc.cancel(actor=people[1], registration=ben)

    assert _fresh(ben).status == Status.CONFIRMED
    assert _fresh(carla).status == Status.WAITING
    assert selectors.seats_taken(session) == 2


def test_after_the_deadline_the_organiser_may_still_cancel_until_the_start(
    full, clock, trainer, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    clock.move_to(session.cancellation_deadline + HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=trainer, registration=ben)

    assert _fresh(ben).status == Status.CANCELLED
    assert _fresh(carla).status == Status.OFFERED


def test_someone_else_cannot_cancel_a_registration(full, people):
    session, (anna, ben, carla, dirk) = full
    with pytest.raises((DomainError, PermissionDenied)):
        svc.cancel(actor=people[4], registration=ben)
    assert _fresh(ben).status == Status.CONFIRMED


def test_the_offer_link_is_in_the_persons_language(
    full, people, django_capture_on_commit_callbacks
):
    session, (anna, ben, carla, dirk) = full
    people[2].language = "en"
    people[2].save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    with translation.override("de"):
        url = svc.offer_url(_fresh(carla))
    assert urlsplit(url).path.startswith("/en/")


def test_an_offered_person_may_leave_after_the_deadline(
    full, clock, people, trainer, django_capture_on_commit_callbacks
):
    """The deadline protects the organisers' planning of confirmed seats; someone who was only
    offered a seat (after the deadline) and cannot come must be able to say so, or the seat
    stays blocked until the offer runs out."""
    session, (anna, ben, carla, dirk) = full
    clock.move_to(session.cancellation_deadline + HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=trainer, registration=anna)
    assert _fresh(carla).status == Status.OFFERED

    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[2], registration=_fresh(carla))

    assert _fresh(carla).status == Status.CANCELLED
    assert _fresh(dirk).status == Status.OFFERED


def test_a_cancelled_session_offers_no_seats(
    full, clock, people, trainer, django_capture_on_commit_callbacks
):
    """Once the organisers called the session off, nothing moves on its waiting list: no offer
    of a seat in a session that will not take place, no mail saying so."""
    from inklusiv.trainings.services import catalogue

    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.cancel_session(actor=trainer, session=session, reason="Die Referentin ist krank.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            svc.cancel(actor=people[0], registration=_fresh(anna))
        except DomainError:
            pass

    assert _fresh(carla).status == Status.WAITING
    assert not _mails_to(people[2])


def test_an_open_offer_of_a_session_called_off_cannot_be_accepted_nor_passes_on(
    full, clock, people, trainer, django_capture_on_commit_callbacks
):
    from inklusiv.trainings.services import catalogue

    session, (anna, ben, carla, dirk) = full
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=people[0], registration=anna)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.cancel_session(actor=trainer, session=session, reason="Die Referentin ist krank.")

    with pytest.raises(DomainError):
        svc.accept_offer(registration=_fresh(carla), now=clock.now)
    assert _fresh(carla).status != Status.CONFIRMED

    mail.outbox.clear()
    later = clock.advance(OFFER + HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        svc.expire_offers(now=later)
    assert _fresh(dirk).status == Status.WAITING
    assert not _mails_to(people[3])


def _everything_in(message) -> str:
    """The mail's text, HTML and attachments, decoded."""
    parts = []
    for part in message.message().walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def test_the_online_room_reaches_only_people_with_a_seat(
    clock, trainer, people, django_capture_on_commit_callbacks
):
    session = make_session(make_course(trainer=trainer), now=clock.now, capacity=1)
    anna_user, ben_user = people[:2]
    with django_capture_on_commit_callbacks(execute=True):
        anna = svc.register(actor=anna_user, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        ben = svc.register(actor=ben_user, session=session)
    assert ben.status == Status.WAITING
    [confirmation] = _mails_to(anna_user)
    assert ONLINE_LINK in _everything_in(confirmation)
    [waiting] = _mails_to(ben_user)
    assert ONLINE_LINK not in _everything_in(waiting)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.cancel(actor=anna_user, registration=anna)
    [offer] = _mails_to(ben_user)
    assert ONLINE_LINK not in _everything_in(offer)
    for message in _mails_to(anna_user):
        assert ONLINE_LINK not in _everything_in(message)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        svc.accept_offer(registration=_fresh(ben), now=clock.now)
    [confirmation] = _mails_to(ben_user)
    assert ONLINE_LINK in _everything_in(confirmation)
