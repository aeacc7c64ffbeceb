"""The public pages of the trainings: the catalogue, a course and a session. What anyone may
read is there (time, place with its accessibility, services, seats); the online room only for
people with a seat and the organisers; the register button, or why one cannot register."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.pilots.models import RegionMember
from inklusiv.trainings.models import Course, Format, Registration, TrainingSession
from inklusiv.trainings.services import registrations as svc

from ..factories import UserFactory, make_user

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/raum-42"


def de(text):
    with translation.override("de"):
        return translation.gettext(text)


def en(text):
    with translation.override("en"):
        return translation.gettext(text)


def _fill(session, people, count, commit):
    result = []
    for person in people[:count]:
        with commit(execute=True):
            result.append(svc.register(actor=person, session=session))
    return result


def test_catalogue_lists_published_courses_with_their_next_sessions(client, course, make_session):
    Course.objects.create(
        slug="entwurf",
        title="Noch nicht fertig",
        description="x",
        format=Format.ONLINE,
        length_minutes=90,
    )
    make_session(capacity=12)
    html = client.get(reverse("trainings:catalogue")).content.decode()
    assert course.title in html
    assert "Noch nicht fertig" not in html
    assert course.target_group in html
    assert reverse("trainings:session", args=[course.sessions.get().pk]) in html
    assert "12" in html


def test_catalogue_says_full_when_no_seat_is_left(
    client, make_session, people, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1)
    _fill(session, people, 2, django_capture_on_commit_callbacks)
    html = client.get(reverse("trainings:catalogue")).content.decode()
    assert de("full – waiting list") in html


def test_catalogue_queries_do_not_grow_with_courses(
    client, trainer, make_session, django_assert_max_num_queries
):
    def add_courses(first, count):
        for index in range(first, first + count):
            course = Course.objects.create(
                slug=f"kurs-{index}",
                title=f"Kurs {index}",
                description="x",
                format=Format.ONLINE,
                length_minutes=90,
                trainer=trainer,
                published=True,
            )
            make_session(course=course)
            make_session(course=course, days=20)

    add_courses(0, 2)
    client.get(reverse("trainings:catalogue"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("trainings:catalogue"))
    add_courses(2, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("trainings:catalogue"))


def test_course_page_shows_goals_easy_read_and_sessions(client, course, make_session):
    course.summary_easy = "In diesem Kurs lernen Sie ein Netz zu knüpfen."
    course.save(update_fields=["summary_easy"])
    upcoming = make_session()
    past = make_session(days=-30)
    response = client.get(reverse("trainings:course", args=[course.slug]))
    html = response.content.decode()
    assert "<li>Akteure finden</li>" in html
    assert course.summary_easy in html
    assert 'lang="de" aria-labelledby="easy-heading"' in html
    assert course.trainer.name in html
    assert reverse("trainings:session", args=[upcoming.pk]) in html
    assert reverse("trainings:session", args=[past.pk]) in html
    assert 'id="past-heading"' in html


def test_an_unpublished_course_is_found_only_by_its_organisers(client, course, session, staff):
    course.published = False
    course.save(update_fields=["published"])
    for url in (
        reverse("trainings:course", args=[course.slug]),
        reverse("trainings:session", args=[session.pk]),
    ):
        assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("trainings:course", args=[course.slug])).status_code == 200


def test_english_course_page_marks_german_texts(client, course):
    html = client.get(
        reverse("trainings:course", args=[course.slug]).replace("/de/", "/en/", 1)
    ).content.decode()
    assert f'lang="de">{course.title}</h1>' in html


def test_session_page_shows_the_place_with_what_it_has_and_has_not(client, session):
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert session.venue in html and session.address in html
    assert de("Step-free access") in html
    assert de("Quiet room") in html
    # What is missing is said, not left out.
    assert html.count(f"<strong>{de('No')}:</strong>") == 3
    assert html.count(f"<strong>{de('Yes')}:</strong>") == 1
    assert de("Sign-language interpreting (DGS)") in html
    assert reverse("trainings:register", args=[session.pk]) in html


def test_session_times_are_in_berlin_time(client, make_session):
    start = datetime.datetime(2030, 3, 28, 8, 0, tzinfo=datetime.UTC)  # 09:00 in Berlin (CET)
    session = make_session(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_deadline=start - datetime.timedelta(days=1),
        cancellation_deadline=start - datetime.timedelta(days=2),
    )
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert "09:00" in html and "16:00" in html


def test_online_link_only_for_people_with_a_seat_and_organisers(
    client, make_session, people, trainer, staff, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1, format=Format.ONLINE, online_link=LINK, venue="")
    seated, waiting = _fill(session, people, 2, django_capture_on_commit_callbacks)
    url = reverse("trainings:session", args=[session.pk])
    assert LINK not in client.get(url).content.decode()
    for user, sees in [
        (waiting.user, False),
        (people[5], False),
        (seated.user, True),
        (trainer, True),
        (staff, True),
    ]:
        client.force_login(user)
        assert (LINK in client.get(url).content.decode()) is sees, user


def test_full_session_offers_the_waiting_list_and_explains_the_offer(
    client, make_session, people, django_capture_on_commit_callbacks, settings
):
    settings.TRAINING_OFFER_HOURS = 48
    session = make_session(capacity=1)
    _fill(session, people, 1, django_capture_on_commit_callbacks)
    client.force_login(people[3])
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert de("Join the waiting list") in html
    assert "48" in html


def test_why_one_cannot_register(client, make_session, session, people, world):
    cases = {
        "cancelled": (
            make_session(status=TrainingSession.Status.CANCELLED),
            people[0],
            "This session has been cancelled. You can no longer register.",
        ),
        "deadline": (
            make_session(registration_deadline=timezone.now() - datetime.timedelta(hours=1)),
            people[0],
            "The registration deadline has passed.",
        ),
        "audience": (
            make_session(audience=TrainingSession.Audience.PILOT_MEMBERS),
            people[0],
            "Only members of a pilot region can register for this session.",
        ),
    }
    for name, (blocked, user, reason) in cases.items():
        client.force_login(user)
        html = client.get(reverse("trainings:session", args=[blocked.pk])).content.decode()
        assert de(reason) in html, name
        assert reverse("trainings:register", args=[blocked.pk]) not in html, name
    # A member of a pilot region may register for the members' session.
    client.force_login(world.reader)
    html = client.get(reverse("trainings:session", args=[cases["audience"][0].pk])).content.decode()
    assert reverse("trainings:register", args=[cases["audience"][0].pk]) in html


def test_registered_person_finds_their_registration(
    client, session, people, django_capture_on_commit_callbacks
):
    (registration,) = _fill(session, people, 1, django_capture_on_commit_callbacks)
    client.force_login(people[0])
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert reverse("trainings:registration", args=[registration.pk]) in html
    assert reverse("trainings:register", args=[session.pk]) not in html
    assert reverse("trainings:session_ics", args=[session.pk]) in html


def test_organisers_see_their_links(client, session, trainer, people):
    client.force_login(trainer)
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    for name in ("participants", "check_in", "attendance_sheet", "session_edit"):
        assert reverse(f"trainings:{name}", args=[session.pk]) in html
    client.force_login(people[0])
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert reverse("trainings:participants", args=[session.pk]) not in html


@pytest.fixture
def world(db, staff):
    from tests.pilots.conftest import make_region

    expert = make_user("programme_expert", email="expert@inklusiv.example", name="Jonas Brandt")
    coach = make_user("process_coach", email="coach@pb.example", name="Thomas Wegner")
    region = make_region(staff, expert, coach)
    reader = UserFactory(name="Rita Leserin", email="rita@region.example")
    RegionMember.objects.create(
        region=region, user=reader, role=RegionMember.Role.READER, added_by=staff
    )

    class World:
        pass

    result = World()
    result.region, result.reader = region, reader
    return result


def test_statuses_are_readable(client, make_session, people, django_capture_on_commit_callbacks):
    session = make_session(capacity=1)
    _seat, waiting = _fill(session, people, 2, django_capture_on_commit_callbacks)
    client.force_login(waiting.user)
    html = client.get(reverse("trainings:session", args=[session.pk])).content.decode()
    assert str(Registration.Status.WAITING.label) in html or de("On the waiting list") in html
