"""The catalogue's services and pages: courses with their web address, sessions that keep
their rules together, changes that reach the participants' calendars, cancelling with a
reason, and the organisers' overview (staff see all, a trainer theirs)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.trainings.models import Course, Format, Registration, TrainingSession
from inklusiv.trainings.services import catalogue

from ..factories import make_user
from ..pilots.conftest import make_region
from .h2_fixtures import client_for, register, session_post

Status = Registration.Status

COURSE_DATA = {
    "title": "Leichte Sprache für Ämter",
    "description": "Texte der Verwaltung verständlich schreiben.",
    "learning_goals": "Regeln kennen\nTexte prüfen",
    "target_group": "Verwaltung",
    "format": Format.ON_SITE,
    "length_minutes": 360,
    "summary_easy": "Wir lernen Leichte Sprache.",
    "published": True,
}


def session_data(**overrides):
    starts = timezone.now() + datetime.timedelta(days=20)
    data = {
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=6),
        "format": Format.ON_SITE,
        "venue": "Haus der Begegnung",
        "address": "Marktplatz 1",
        "capacity": 12,
        "registration_deadline": starts - datetime.timedelta(days=2),
        "cancellation_deadline": starts - datetime.timedelta(days=3),
        "audience": TrainingSession.Audience.EVERYONE,
        "services": ["sign_language"],
    }
    data.update(overrides)
    return data


# --- courses -------------------------------------------------------------------------------


def test_a_course_gets_a_web_address_from_its_title_with_umlauts_spelt_out(staff):
    course = catalogue.create_course(actor=staff, data=COURSE_DATA)
    assert course.slug == "leichte-sprache-fuer-aemter"
    second = catalogue.create_course(actor=staff, data=COURSE_DATA)
    assert second.slug == "leichte-sprache-fuer-aemter-2"
    assert AuditEntry.objects.filter(action="training_course_created", object_id=str(course.pk))


def test_a_trainer_teaches_the_course_they_create(trainer, other_trainer):
    course = catalogue.create_course(actor=trainer, data={**COURSE_DATA, "trainer": other_trainer})
    assert course.trainer == trainer


def test_people_without_the_role_cannot_create_courses(applicant):
    with pytest.raises(PermissionDenied):
        catalogue.create_course(actor=applicant, data=COURSE_DATA)


def test_updating_a_course_keeps_its_address_and_is_audited(staff, course):
    catalogue.update_course(actor=staff, course=course, data={**COURSE_DATA, "title": "Neu"})
    course.refresh_from_db()
    assert course.title == "Neu"
    assert course.slug == "netzwerkkoordination"
    entry = AuditEntry.objects.get(action="training_course_updated")
    assert entry.after["title"] == "Neu"


def test_a_trainer_cannot_change_another_trainers_course(other_trainer, course):
    with pytest.raises(PermissionDenied):
        catalogue.update_course(actor=other_trainer, course=course, data={"title": "Meins"})


# --- sessions ------------------------------------------------------------------------------


def test_the_courses_trainer_creates_a_session(trainer, course):
    session = catalogue.create_session(actor=trainer, course=course, data=session_data())
    assert session.capacity == 12
    assert AuditEntry.objects.filter(action="training_session_created", object_id=str(session.pk))


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at_offset": -1}, "ends_at"),
        ({"registration_deadline_offset": 1}, "registration_deadline"),
        ({"cancellation_deadline_offset": 1}, "cancellation_deadline"),
        ({"capacity": 0}, "capacity"),
        ({"format": Format.ONLINE, "online_link": ""}, "online_link"),
        ({"format": Format.HYBRID, "online_link": "https://meet.example/x", "venue": ""}, "venue"),
        ({"venue": ""}, "venue"),
        ({"services": ["champagne"]}, "services"),
        ({"audience": TrainingSession.Audience.REGIONS}, "regions"),
    ],
)
def test_a_session_keeps_its_rules(staff, course, overrides, field):
    data = session_data()
    overrides = dict(overrides)
    for name in ("ends_at", "registration_deadline", "cancellation_deadline"):
        offset = overrides.pop(f"{name}_offset", None)
        if offset is not None:
            data[name] = data["starts_at"] + datetime.timedelta(hours=offset)
    data.update(overrides)
    with pytest.raises(DomainError) as error:
        catalogue.create_session(actor=staff, course=course, data=data)
    assert error.value.field == field


def test_capacity_never_falls_below_the_seats_taken(staff, session):
    for _index in range(3):
        register(session)
    register(session, status=Status.OFFERED)
    with pytest.raises(DomainError) as error:
        catalogue.update_session(actor=staff, session=session, data={"capacity": 3})
    assert error.value.field == "capacity"
    catalogue.update_session(actor=staff, session=session, data={"capacity": 4})
    session.refresh_from_db()
    assert session.capacity == 4


def test_raising_the_capacity_offers_the_new_seats_to_the_waiting_list(
    staff, make_session, django_capture_on_commit_callbacks
):
    session = make_session(capacity=1)
    register(session)
    first = register(session, status=Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.update_session(actor=staff, session=session, data={"capacity": 2})
    first.refresh_from_db()
    assert first.status == Status.OFFERED


def test_a_change_of_time_raises_the_sequence_and_tells_the_participants(
    staff, session, django_capture_on_commit_callbacks
):
    registration = register(session)
    later = session.starts_at + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.update_session(
            actor=staff,
            session=session,
            data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=6)},
        )
    session.refresh_from_db()
    assert session.sequence == 1
    assert [message.to for message in mail.outbox] == [[registration.user.email]]
    entry = AuditEntry.objects.get(action="training_session_updated")
    assert "starts_at" in entry.after


def test_a_change_of_seats_only_tells_nobody(staff, session, django_capture_on_commit_callbacks):
    register(session)
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.update_session(actor=staff, session=session, data={"capacity": 30})
    session.refresh_from_db()
    assert session.sequence == 0
    assert mail.outbox == []


def test_an_on_site_session_drops_an_old_online_link(staff, course):
    session = catalogue.create_session(
        actor=staff, course=course, data=session_data(online_link="https://meet.example/alt")
    )
    assert session.online_link == ""


def test_cancelling_needs_a_reason_and_tells_everyone(
    staff, session, django_capture_on_commit_callbacks
):
    confirmed = register(session)
    waiting = register(session, status=Status.WAITING)
    with pytest.raises(DomainError):
        catalogue.cancel_session(actor=staff, session=session, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.cancel_session(actor=staff, session=session, reason="Referentin erkrankt")
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.CANCELLED
    assert session.sequence == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([confirmed.user.email, waiting.user.email])
    assert "Referentin erkrankt" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="training_session_cancelled")
    assert entry.reason == "Referentin erkrankt"
    with pytest.raises(DomainError):
        catalogue.cancel_session(actor=staff, session=session, reason="nochmal")
    with pytest.raises(DomainError):
        catalogue.update_session(actor=staff, session=session, data={"capacity": 40})


def test_another_trainer_may_not_change_or_cancel_the_session(other_trainer, session):
    with pytest.raises(PermissionDenied):
        catalogue.update_session(actor=other_trainer, session=session, data={"capacity": 3})
    with pytest.raises(PermissionDenied):
        catalogue.cancel_session(actor=other_trainer, session=session, reason="x")


# --- pages ---------------------------------------------------------------------------------


def test_staff_see_every_course_and_session_with_its_counts(staff, session, make_session):
    other = Course.objects.create(
        slug="andere",
        title="Wirkungsorientiert planen",
        description="x",
        format="online",
        length_minutes=90,
    )
    make_session(course=other, format=Format.ONLINE, online_link="https://meet.example/a")
    for _index in range(2):
        register(session)
    register(session, status=Status.WAITING)
    response = client_for(staff).get(reverse("trainings:manage"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Netzwerkkoordination im Sozialraum" in page
    assert "Wirkungsorientiert planen" in page
    assert re.search(r"\b2 (of|von) 10\b", page)
    assert reverse("trainings:participants", args=[session.pk]) in page


def test_a_trainer_sees_only_what_they_teach(other_trainer, session, make_session):
    response = client_for(other_trainer).get(reverse("trainings:manage"))
    assert response.status_code == 200
    assert "Netzwerkkoordination im Sozialraum" not in response.content.decode()
    make_session(trainer=other_trainer)
    response = client_for(other_trainer).get(reverse("trainings:manage"))
    page = response.content.decode()
    assert "Netzwerkkoordination im Sozialraum" in page
    # Teaching a session does not make the course theirs to edit.
    assert reverse("trainings:course_edit", args=["netzwerkkoordination"]) not in page


def test_the_overview_is_refused_to_people_without_the_role(client, applicant, outsider):
    url = reverse("trainings:manage")
    assert client.get(url).status_code == 302
    for user in (applicant, outsider):
        assert client_for(user).get(url).status_code == 403


def test_staff_create_a_course_through_the_form(staff, trainer):
    response = client_for(staff).post(
        reverse("trainings:course_create"),
        {**COURSE_DATA, "published": "on", "trainer": trainer.pk},
    )
    course = Course.objects.get(slug="leichte-sprache-fuer-aemter")
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:session_create", args=[course.slug])
    assert course.trainer == trainer


def test_the_course_form_keeps_what_was_typed(staff):
    response = client_for(staff).post(
        reverse("trainings:course_create"), {**COURSE_DATA, "description": "", "format": "online"}
    )
    assert response.status_code == 400
    assert "Leichte Sprache für Ämter" in response.content.decode()


def test_the_course_form_refuses_other_trainers(other_trainer, course):
    url = reverse("trainings:course_edit", args=[course.slug])
    assert client_for(other_trainer).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="training_").exists()


def test_a_session_is_created_in_berlin_time(trainer, course):
    starts = datetime.datetime(2030, 3, 6, 10, 0, tzinfo=datetime.UTC)
    data = session_post(starts=starts, starts_at_time="10:00")
    response = client_for(trainer).post(
        reverse("trainings:session_create", args=[course.slug]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = TrainingSession.objects.get(course=course)
    local = timezone.localtime(session.starts_at)
    assert (local.hour, local.minute, str(local.tzinfo)) == (10, 0, "Europe/Berlin")
    assert session.services == ["sign_language"]


def test_a_session_form_with_a_deadline_after_the_start_shows_the_error(trainer, course):
    starts = timezone.now() + datetime.timedelta(days=30)
    data = session_post(starts=starts)
    later = timezone.localtime(starts + datetime.timedelta(days=1))
    data["registration_deadline_date"] = later.strftime("%Y-%m-%d")
    response = client_for(trainer).post(
        reverse("trainings:session_create", args=[course.slug]), data
    )
    assert response.status_code == 400
    assert "Anmeldung muss vor Beginn" in response.content.decode() or (
        "registration_deadline_date" in response.content.decode()
    )
    assert not TrainingSession.objects.exists()


def test_editing_a_session_through_the_form(staff, make_session):
    starts = (timezone.now() + datetime.timedelta(days=12)).replace(second=0, microsecond=0)
    session = make_session(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=6),
        registration_deadline=starts - datetime.timedelta(days=2),
        cancellation_deadline=starts - datetime.timedelta(days=3),
    )
    url = reverse("trainings:session_edit", args=[session.pk])
    client = client_for(staff)
    assert client.get(url).status_code == 200
    data = session_post(starts=session.starts_at, capacity="25")
    response = client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 25
    # Only the seats changed: nobody's calendar needs an update.
    assert session.sequence == 0


def test_cancelling_asks_first_then_cancels(staff, session):
    url = reverse("trainings:session_cancel", args=[session.pk])
    client = client_for(staff)
    page = client.get(url)
    assert page.status_code == 200
    # A POST without the page's confirmation only shows the page again.
    response = client.post(url, {"reason": "Zu wenige Anmeldungen"})
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.SCHEDULED
    token = page.context["confirmation"].token
    response = client.post(url, {"reason": "Zu wenige Anmeldungen", "confirm": token})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.CANCELLED


@pytest.mark.parametrize("name", ["session_edit", "session_cancel"])
def test_session_forms_are_404_for_people_who_do_not_teach_it(
    name, session, other_trainer, applicant
):
    url = reverse(f"trainings:{name}", args=[session.pk])
    for user in (other_trainer, applicant):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).post(url, {"reason": "x"}).status_code == 404
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.SCHEDULED
    assert not AuditEntry.objects.filter(action__startswith="training_").exists()


def test_session_create_is_404_for_someone_elses_course(other_trainer, course):
    url = reverse("trainings:session_create", args=[course.slug])
    assert client_for(other_trainer).get(url).status_code == 404


def test_the_overview_keeps_its_queries(staff, make_session, django_assert_max_num_queries):
    client = client_for(staff)
    for _index in range(2):
        register(make_session())
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("trainings:manage"))
    for _index in range(12):
        register(make_session())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("trainings:manage"))


def test_a_session_for_chosen_regions_keeps_them_and_drops_them_for_everyone(staff, course):
    region = make_region(
        staff, make_user("programme_expert"), make_user("process_coach"), name="Rostock"
    )
    session = catalogue.create_session(
        actor=staff,
        course=course,
        data=session_data(audience=TrainingSession.Audience.REGIONS),
        regions=[region],
    )
    assert list(session.regions.all()) == [region]
    catalogue.update_session(
        actor=staff,
        session=session,
        data={"audience": TrainingSession.Audience.EVERYONE},
        regions=[region],
    )
    assert list(session.regions.all()) == []
    entry = AuditEntry.objects.get(action="training_session_updated")
    assert entry.before["regions"] == [region.pk]
    assert entry.after["regions"] == []


def test_a_trainer_does_not_choose_the_trainer_of_a_course(trainer):
    response = client_for(trainer).get(reverse("trainings:course_create"))
    assert response.status_code == 200
    assert "trainer" not in response.context["form"].fields


def test_a_trainer_cannot_hand_their_course_to_someone_else(trainer, other_trainer, course):
    catalogue.update_course(
        actor=trainer, course=course, data={"trainer": other_trainer, "title": "Neu"}
    )
    course.refresh_from_db()
    assert (course.trainer, course.title) == (trainer, "Neu")


def test_a_trainer_of_one_session_sees_how_many_sessions_the_course_has(
    other_trainer, session, make_session
):
    make_session(trainer=other_trainer)
    response = client_for(other_trainer).get(reverse("trainings:manage"))
    rows = response.context["course_rows"]
    assert [(row[0].slug, row[0].session_count) for row in rows] == [("netzwerkkoordination", 2)]


def test_roles_in_the_region_narrow_who_may_register(make_session, people, staff):
    """The call names who may come: e.g. only network coordinators and steering groups."""
    from inklusiv.pilots.models import RegionMember
    from inklusiv.trainings.services import registrations
    from tests.factories import make_user
    from tests.pilots.conftest import make_region

    coordinator, reader, outsider = people[:3]
    region = make_region(
        staff,
        make_user("programme_expert", email="expert-rollen@example.org"),
        make_user("process_coach", email="coach-rollen@example.org"),
    )
    RegionMember.objects.create(region=region, user=coordinator, role="coordinator")
    RegionMember.objects.create(region=region, user=reader, role="reader")
    session = make_session(audience="pilot_members", member_roles=["coordinator", "steering"])
    assert coordinator.has_perm("trainings.register", session)
    assert not reader.has_perm("trainings.register", session)
    assert not outsider.has_perm("trainings.register", session)
    with pytest.raises(DomainError):
        registrations.register(actor=reader, session=session)
    session.audience, session.member_roles = "everyone", []
    assert reader.has_perm("trainings.register", session)
