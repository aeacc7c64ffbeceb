"""The trainings' work on the dashboards: a participant's seats, offers, feedback and
certificates; an organiser's sessions of the next two weeks (with what to book) and sessions
without attendance; the same number of queries however many there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.trainings.models import (
    AccessibilityNeed,
    Certificate,
    Need,
    Registration,
    TrainingSession,
)
from inklusiv.trainings.services.registrations import offer_token
from tests.notifications.test_dashboards import _count, _dashboard, _work

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Registration.Status
PRESENT = Registration.Attendance.PRESENT
TRAININGS = {
    "trainings.upcoming",
    "trainings.seat_offered",
    "trainings.feedback",
    "trainings.certificates",
    "trainings.session_soon",
    "trainings.attendance_missing",
}


def _seat(session, user, status=Status.CONFIRMED, **fields):
    now = timezone.now()
    values = {"confirmed_at": now} if status == Status.CONFIRMED else {}
    if status == Status.OFFERED:
        values = {"offered_at": now, "offer_expires_at": now + datetime.timedelta(hours=30)}
    values.update(fields)
    return Registration.objects.create(session=session, user=user, status=status, **values)


def _held(make_session, days_ago, **fields):
    """A session that started `days_ago` days ago and lasted six hours."""
    start = timezone.now() - days_ago * DAY
    return make_session(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        registration_deadline=start - 2 * DAY,
        cancellation_deadline=start - 3 * DAY,
        **fields,
    )


def _shown(client, user, language="de"):
    html = _dashboard(client, user, language)
    work = _work(html)
    return {key: texts for key, texts in work.items() if key in TRAININGS}, html


def test_a_participant_sees_seats_offers_feedback_and_certificates(client, make_session, people):
    person = people[0]
    assert _shown(client, person)[0] == {}
    next_one = make_session(days=10)
    _seat(next_one, person)
    _seat(make_session(days=20), person)
    _seat(make_session(days=45), person)  # too far ahead
    _seat(make_session(days=5), person, status=Status.CANCELLED)
    offer = _seat(make_session(days=8), person, status=Status.OFFERED)
    _seat(_held(make_session, 3), person, attendance=PRESENT)
    _seat(_held(make_session, 4), person, attendance=PRESENT, feedback_given=True)
    _seat(_held(make_session, 60), person, attendance=PRESENT)  # too long ago to ask
    _seat(_held(make_session, 5), person, attendance=Registration.Attendance.NO_SHOW)
    present = _seat(_held(make_session, 6), person, attendance=PRESENT, feedback_given=True)
    Certificate.objects.create(
        registration=present, number="FB-1", language="de", issued_at=timezone.now() - DAY
    )
    old = _seat(_held(make_session, 300), person, attendance=PRESENT, feedback_given=True)
    Certificate.objects.create(
        registration=old, number="FB-2", language="de", issued_at=timezone.now() - 290 * DAY
    )
    shown, html = _shown(client, person)
    assert shown == {
        "trainings.upcoming": [
            "2 Fortbildungstermine mit Ihrem Platz in den nächsten 30 Tagen"
            f" – fällig am {_local(next_one.starts_at)}"
        ],
        "trainings.seat_offered": [
            "1 Platz für Sie frei – bitte annehmen, bevor das Angebot abläuft"
            f" – fällig am {_local(offer.offer_expires_at)}"
        ],
        "trainings.feedback": ["1 Fortbildung wartet auf Ihre Rückmeldung"],
        "trainings.certificates": ["1 neue Teilnahmebescheinigung zum Herunterladen"],
    }
    # The one offer is a click away; everything else leads to "my registrations".
    assert f'href="{reverse("trainings:offer", args=[offer_token(offer)])}"' in html
    assert f'href="{reverse("trainings:mine")}"' in html
    # The offer comes first: it expires soonest.
    assert html.index('data-work="trainings.seat_offered"') < html.index(
        'data-work="trainings.upcoming"'
    )


def _local(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y, %H:%M")


def test_two_offers_lead_to_my_registrations_and_an_expired_one_is_gone(
    client, make_session, people
):
    person = people[0]
    _seat(make_session(days=8), person, status=Status.OFFERED)
    _seat(make_session(days=9), person, status=Status.OFFERED)
    _seat(
        make_session(days=9),
        person,
        status=Status.OFFERED,
        offered_at=timezone.now() - 3 * DAY,
        offer_expires_at=timezone.now() - DAY,
    )
    shown, html = _shown(client, person, "en")
    assert [text.split(" – due")[0] for text in shown["trainings.seat_offered"]] == [
        "2 seats offered to you – accept them before the offers expire"
    ]
    assert "/fortbildungen/angebot/" not in html


def test_the_trainer_sees_their_sessions_ahead_with_what_to_book(
    client, trainer, other_trainer, course, make_session, people
):
    soon = make_session(days=5, capacity=3)
    for person in people[:3]:
        _seat(soon, person)
    _seat(soon, people[3], status=Status.WAITING, waiting_since=timezone.now())
    quiet = make_session(days=12, capacity=20)
    _seat(quiet, people[4])
    # Free text alone is nothing to book; a waiting person's needs are not booked yet.
    AccessibilityNeed.objects.create(
        registration=quiet.registrations.get(),
        needs=[],
        details="Bitte Pausen",
        consent_at=timezone.now(),
    )
    make_session(days=20)  # beyond the two weeks
    make_session(days=3, status=TrainingSession.Status.CANCELLED)
    shown, html = _shown(client, trainer)
    assert shown == {
        "trainings.session_soon": [
            f"„{course.title}“: 3 von 3 Plätzen belegt, 1 auf der Warteliste"
            f" – fällig am {_local(soon.starts_at)}",
            f"„{course.title}“: 1 von 20 Plätzen belegt, 0 auf der Warteliste"
            f" – fällig am {_local(quiet.starts_at)}",
        ]
    }
    assert f'href="{reverse("trainings:participants", args=[soon.pk])}"' in html
    AccessibilityNeed.objects.create(
        registration=soon.registrations.first(),
        needs=[Need.SIGN_LANGUAGE],
        consent_at=timezone.now(),
    )
    shown, _html = _shown(client, trainer)
    assert shown["trainings.session_soon"][0].startswith(
        f"„{course.title}“: 3 von 3 Plätzen belegt, 1 auf der Warteliste"
        " – Unterstützung für Barrierefreiheit buchen"
    )
    # Another trainer teaches none of it.
    assert _shown(client, other_trainer)[0] == {}


def test_a_session_held_without_attendance_waits_until_everyone_is_recorded(
    client, trainer, staff, make_session, people
):
    held = _held(make_session, 2)
    first = _seat(held, people[0])
    _seat(held, people[1])
    _seat(held, people[2], status=Status.CANCELLED)
    _seat(_held(make_session, 45), people[3])  # too long ago
    shown, html = _shown(client, trainer)
    assert [text.split(" – ")[0] for text in shown["trainings.attendance_missing"]] == [
        f"„{held.course.title}“: Anwesenheit für 2 Personen nicht erfasst"
    ]
    assert "überfällig seit" in shown["trainings.attendance_missing"][0]
    assert f'href="{reverse("trainings:check_in", args=[held.pk])}"' in html
    assert "trainings.attendance_missing" in _shown(client, staff)[0]
    Registration.objects.filter(pk=first.pk).update(attendance=PRESENT)
    (text,) = _shown(client, trainer)[0]["trainings.attendance_missing"]
    assert _count(text) == 1 or "1 Person nicht erfasst" in text
    held.registrations.update(attendance=Registration.Attendance.NO_SHOW)
    assert "trainings.attendance_missing" not in _shown(client, trainer)[0]


def test_staff_see_every_session_and_people_without_a_role_no_organiser_work(
    client, staff, outsider, other_trainer, make_session, people
):
    mine = make_session(days=4)
    theirs = make_session(days=6, trainer=other_trainer)
    _seat(mine, people[0])
    shown, _html = _shown(client, staff)
    assert len(shown["trainings.session_soon"]) == 2
    # A trainer of the session (not of the course) sees it too.
    assert len(_shown(client, other_trainer)[0]["trainings.session_soon"]) == 1
    assert theirs.trainer == other_trainer
    assert _shown(client, outsider)[0] == {}


@pytest.mark.parametrize("who", ["participant", "trainer", "staff"])
def test_queries_stay_the_same_when_the_trainings_grow(
    client, who, trainer, staff, make_session, people, django_assert_max_num_queries
):
    person = {"participant": people[0], "trainer": trainer, "staff": staff}[who]

    def grow(count):
        for _index in range(count):
            soon = make_session(days=5)
            _seat(soon, people[0])
            AccessibilityNeed.objects.create(
                registration=_seat(soon, people[1]),
                needs=[Need.STEP_FREE],
                consent_at=timezone.now(),
            )
            _seat(make_session(days=7), people[0], status=Status.OFFERED)
            held = _held(make_session, 2)
            _seat(held, people[0], attendance=PRESENT)
            _seat(held, people[2])

    grow(1)
    client.force_login(person)
    url = reverse("core:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as once:
        assert client.get(url).status_code == 200
    grow(5)
    with django_assert_max_num_queries(len(once)):
        html = client.get(url).content.decode()
    work = _work(html)
    if who == "participant":
        assert _count(work["trainings.upcoming"][0]) == 6
    else:
        assert len(work["trainings.session_soon"]) == 12


def test_the_items_speak_english_on_english_pages(client, trainer, course, make_session, people):
    soon = make_session(days=5, capacity=10)
    _seat(soon, people[0])
    with translation.override("en"):
        shown, _html = _shown(client, trainer, "en")
    (text,) = shown["trainings.session_soon"]
    assert text.startswith(f"“{course.title}”: 1 of 10 seats taken, 0 waiting – due ")
