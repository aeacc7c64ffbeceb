"""Seats are taken under a lock: 50 people who register at the same moment for 10 seats give
exactly 10 seats and 40 places on the waiting list, each place once. Without the lock the same
test overbooks the session (the second test shows the lock is what makes the first pass).
Seats freed at the same moment go to the first people waiting, once each, and two runs of the
expiry task at once pass each expired offer on once.

PostgreSQL only: each thread needs a connection of its own that really runs in parallel and a
row lock (SELECT … FOR UPDATE); SQLite serialises every writer on the whole file and ignores
FOR UPDATE, so it can neither show the race nor the lock. CI runs this module on PostgreSQL
(DATABASE_URL=postgres://…).
"""

import threading
import time

import pytest
from django.db import connection

from inklusiv.trainings.models import Registration, TrainingSession

from ..factories import make_user
from .h5_fixtures import make_course, make_session

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 50
SEATS = 10


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks (SELECT … FOR UPDATE) and serialises "
            "all writers, so the race cannot happen there; set DATABASE_URL to a PostgreSQL "
            "server to run it"
        )


def _register_all_at_once(session, people) -> list[BaseException]:
    """Every person registers in a thread of their own, all released by one barrier."""
    from inklusiv.trainings.services import registrations

    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def run(person):
        try:
            barrier.wait(timeout=60)
            registrations.register(actor=person, session=session)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a registration never finished"
    return errors


def _world(count: int = PEOPLE):
    course = make_course(title="Wirkungsorientiert planen")
    session = make_session(course, capacity=SEATS)
    people = [
        make_user(None, email=f"person{n}@gleichzeitig.example", name=f"Person {n}")
        for n in range(count)
    ]
    return session, people


def _statuses(session) -> dict[str, int]:
    counts = {}
    for status in Registration.objects.filter(session=session).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def test_fifty_at_once_for_ten_seats_give_ten_seats_and_forty_waiting():
    session, people = _world()

    errors = _register_all_at_once(session, people)

    assert errors == []
    registrations = Registration.objects.filter(session=session)
    assert registrations.count() == PEOPLE
    assert _statuses(session) == {
        Registration.Status.CONFIRMED: SEATS,
        Registration.Status.WAITING: PEOPLE - SEATS,
    }
    # The waiting list has one order: every place on it is taken once.
    from inklusiv.trainings import selectors

    waiting = registrations.filter(status=Registration.Status.WAITING).select_related("session")
    assert not waiting.filter(waiting_since__isnull=True).exists()
    positions = sorted(selectors.waiting_position(registration) for registration in waiting)
    assert positions == list(range(1, PEOPLE - SEATS + 1))
    # The selectors agree with the rows.
    session = TrainingSession.objects.get(pk=session.pk)
    assert selectors.seats_taken(session) == SEATS
    assert selectors.free_seats(session) == 0


def test_without_the_lock_the_same_registrations_overbook_the_session(monkeypatch):
    """The proof that the lock matters: the session row read without FOR UPDATE and a count
    that takes 20 ms let everyone see a free seat."""
    from inklusiv.trainings.services import registrations

    counted = registrations._seats_taken

    def unlocked(session_id, *args, **kwargs):
        return TrainingSession.objects.get(pk=session_id)

    def slow_count(*args, **kwargs):
        taken = counted(*args, **kwargs)
        time.sleep(0.02)
        return taken

    monkeypatch.setattr(registrations, "_lock_session", unlocked)
    monkeypatch.setattr(registrations, "_seats_taken", slow_count)
    session, people = _world()

    _register_all_at_once(session, people)

    confirmed = Registration.objects.filter(
        session=session, status=Registration.Status.CONFIRMED
    ).count()
    assert confirmed > SEATS


def _all_at_once(calls) -> list[BaseException]:
    """Run each call in a thread of its own, released together; each closes its connection."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call):
        try:
            barrier.wait(timeout=60)
            call()
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    return errors


def _full_session_with_a_waiting_list(waiting: int):
    from inklusiv.trainings.services import registrations

    session, people = _world(SEATS + waiting)
    done = [registrations.register(actor=person, session=session) for person in people]
    confirmed = done[:SEATS]
    queue = done[SEATS : SEATS + waiting]
    assert all(r.status == Registration.Status.CONFIRMED for r in confirmed)
    assert all(r.status == Registration.Status.WAITING for r in queue)
    return session, confirmed, queue


def test_seats_freed_at_the_same_moment_go_to_the_first_waiting_once_each():
    from inklusiv.trainings.services import registrations

    session, confirmed, queue = _full_session_with_a_waiting_list(waiting=10)
    leaving = confirmed[:5]

    errors = _all_at_once(
        [lambda r=r: registrations.cancel(actor=r.user, registration=r) for r in leaving]
    )

    assert errors == []
    offered = set(
        Registration.objects.filter(
            session=session, status=Registration.Status.OFFERED
        ).values_list("pk", flat=True)
    )
    assert offered == {r.pk for r in queue[:5]}
    holding = Registration.objects.filter(
        session=session,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.OFFERED],
    ).count()
    assert holding == SEATS


def test_two_runs_of_the_expiry_task_at_once_pass_each_seat_on_once():
    import datetime

    from inklusiv.trainings.services import registrations

    session, confirmed, queue = _full_session_with_a_waiting_list(waiting=10)
    for r in confirmed[:4]:
        registrations.cancel(actor=r.user, registration=r)
    first = Registration.objects.filter(session=session, status=Registration.Status.OFFERED)
    assert set(first.values_list("pk", flat=True)) == {r.pk for r in queue[:4]}
    later = first.first().offer_expires_at + datetime.timedelta(minutes=1)
    counts = []

    errors = _all_at_once(
        [lambda: counts.append(registrations.expire_offers(now=later)) for _ in range(4)]
    )

    assert errors == []
    assert sum(counts) == 4
    statuses = dict(Registration.objects.filter(session=session).values_list("pk", "status"))
    assert [statuses[r.pk] for r in queue[:4]] == [Registration.Status.EXPIRED] * 4
    assert [statuses[r.pk] for r in queue[4:8]] == [Registration.Status.OFFERED] * 4
    assert [statuses[r.pk] for r in queue[8:]] == [Registration.Status.WAITING] * 2
