"""Process support: the coach's session log with internal notes for the accompanying side only,
tasks with their owners and daily reminders, and the strengths/weaknesses profiles."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.notifications import services as notifications
from inklusiv.pilots.models import CoachingSession, Task
from inklusiv.pilots.services import reports, support

from .support_fixtures import (
    MEMBERS,
    NOTE,
    a_session,
    assert_links_open_for,
    client_for,
    committed,
)

TODAY = datetime.date(2017, 6, 1)


def a_task(world, *, owner=None, due_on=None, actor=None, **extra):
    with committed():
        return support.create_task(
            actor=actor or world.coach,
            region=world.region,
            title=extra.pop("title", "Geschäftsordnung entwerfen"),
            owner=owner or world.coordinator,
            due_on=due_on or TODAY + datetime.timedelta(days=14),
            **extra,
        )


# --- sessions ------------------------------------------------------------------------------


def test_the_coach_logs_a_session_and_it_is_audited(world):
    session = a_session(world)
    assert session.author == world.coach
    assert session.internal_note == NOTE
    entry = AuditEntry.objects.get(action="pilot_session_logged", object_id=str(session.pk))
    assert entry.actor == world.coach


@pytest.mark.parametrize("who", ["coordinator", "editor", "reader", "expert", "other_coach"])
def test_only_the_coach_and_staff_log_sessions(world, who):
    with pytest.raises(PermissionDenied):
        support.log_session(
            actor=getattr(world, who),
            region=world.region,
            held_on=datetime.date(2017, 5, 1),
            format="online",
            topics="x",
        )
    # Staff may.
    support.log_session(
        actor=world.staff,
        region=world.region,
        held_on=datetime.date(2017, 5, 1),
        format="online",
        topics="x",
    )


def test_a_session_needs_topics_and_a_date_that_has_passed(world):
    with pytest.raises(DomainError) as error:
        a_session(world, topics="  ")
    assert error.value.field == "topics"
    with pytest.raises(DomainError) as error:
        a_session(world, held_on=timezone.localdate() + datetime.timedelta(days=30))
    assert error.value.field == "held_on"


def test_editing_a_session_keeps_the_note_text_out_of_the_audit_log(world):
    session = a_session(world)
    support.update_session(
        actor=world.coach, session=session, data={"internal_note": "Neue Notiz", "topics": "T2"}
    )
    session.refresh_from_db()
    assert (session.internal_note, session.topics) == ("Neue Notiz", "T2")
    entry = AuditEntry.objects.get(action="pilot_session_updated")
    assert NOTE not in str(entry.before) and "Neue Notiz" not in str(entry.after)


def test_a_coach_logs_a_session_through_the_form(world):
    client = client_for(world.coach)
    url = reverse("pilots:session_add", args=[world.region.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "held_on": "2017-04-03",
            "format": "workshop",
            "participants": "AG Arbeit",
            "topics": "Zielbild der AG Arbeit",
            "agreements": "",
            "next_steps": "",
            "internal_note": "",
        },
    )
    session = CoachingSession.objects.get(region=world.region)
    assert response.status_code == 302
    assert response["Location"] == reverse("pilots:session", args=[world.region.slug, session.pk])
    page = client.get(reverse("pilots:support", args=[world.region.slug]))
    assert "Zielbild der AG Arbeit" in page.content.decode()


def test_a_form_with_errors_keeps_what_was_typed(world):
    client = client_for(world.coach)
    response = client.post(
        reverse("pilots:session_add", args=[world.region.slug]),
        {"held_on": "", "format": "online", "topics": "Was ich getippt habe"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Was ich getippt habe" in html
    assert "error-summary" in html


def test_the_coordinator_cannot_log_a_session(world):
    client = client_for(world.coordinator)
    url = reverse("pilots:session_add", args=[world.region.slug])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"held_on": "2017-04-03", "format": "online", "topics": "x"}).status_code
        == 403
    )
    assert not CoachingSession.objects.exists()


@pytest.mark.parametrize("who", MEMBERS + ("evaluator",))
def test_internal_notes_never_reach_region_members_or_the_evaluator(world, who):
    session = a_session(world)
    client = client_for(getattr(world, who))
    slug = world.region.slug
    for url in (
        reverse("pilots:support", args=[slug]),
        reverse("pilots:session", args=[slug, session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert NOTE not in response.content.decode(), url
    # Nor in the yearly report, as a preview or as its PDF.
    report = reports.open_report(actor=world.staff, region=world.region, year=2017)
    reports.save_text(actor=world.staff, report=report, text={"summary": "Ein gutes Jahr."})
    response = client.get(reverse("pilots:report", args=[slug, 2017]))
    assert response.status_code == 200
    assert NOTE not in response.content.decode()
    assert "Aufbau der Steuerungsgruppe" in response.content.decode()


@pytest.mark.parametrize("who", ["coach", "expert", "staff"])
def test_the_accompanying_side_reads_internal_notes(world, who):
    session = a_session(world)
    response = client_for(getattr(world, who)).get(
        reverse("pilots:session", args=[world.region.slug, session.pk])
    )
    assert NOTE in response.content.decode()


def test_the_support_page_costs_the_same_queries_with_5_and_50_sessions(
    world, django_assert_max_num_queries
):
    client = client_for(world.coach)
    url = reverse("pilots:support", args=[world.region.slug])
    for day in range(5):
        a_session(world, held_on=datetime.date(2017, 4, 1) + datetime.timedelta(days=day))
    a_task(world)
    support.record_profile(
        actor=world.coach,
        region=world.region,
        taken_on=datetime.date(2017, 3, 1),
        label="Start",
        strengths="S",
        weaknesses="W",
    )
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for day in range(45):
        a_session(world, held_on=datetime.date(2017, 6, 1) + datetime.timedelta(days=day))
        a_task(world, title=f"Aufgabe {day}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    # The log is paginated.
    assert response.context["page_obj"].paginator.num_pages > 1


# --- tasks ---------------------------------------------------------------------------------


def test_a_task_goes_to_someone_with_a_part_in_the_region_who_is_told(world):
    task = a_task(world, owner=world.reader)
    assert task.owner == world.reader
    assert [message.to for message in mail.outbox] == [[world.reader.email]]
    assert "Geschäftsordnung entwerfen" in mail.outbox[0].subject
    assert_links_open_for(mail.outbox[0], world.reader)


@pytest.mark.parametrize("who", ["outsider", "applicant", "other_coach"])
def test_a_task_cannot_go_to_someone_without_a_part_in_the_region(world, who):
    with pytest.raises(DomainError) as error:
        a_task(world, owner=getattr(world, who))
    assert error.value.field == "owner"
    assert not Task.objects.exists()


def test_nobody_is_told_of_a_task_they_gave_themselves(world):
    a_task(world, owner=world.coach)
    assert mail.outbox == []


def test_tasks_are_completed_cancelled_and_reopened(world):
    task = a_task(world)
    task = support.complete_task(actor=world.coordinator, task=task)
    assert task.status == Task.Status.DONE and task.done_at
    with pytest.raises(DomainError):
        support.complete_task(actor=world.coach, task=task)
    with pytest.raises(DomainError):
        support.update_task(actor=world.coach, task=task, data={"title": "Neu"})
    task = support.reopen_task(actor=world.coach, task=task)
    assert task.status == Task.Status.OPEN and task.done_at is None
    task = support.cancel_task(actor=world.expert, task=task)
    assert task.status == Task.Status.CANCELLED
    actions = list(
        AuditEntry.objects.filter(object_id=str(task.pk), action__startswith="pilot_task")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "pilot_task_created",
        "pilot_task_done",
        "pilot_task_reopened",
        "pilot_task_cancelled",
    ]


def test_the_owner_marks_their_own_task_done_but_cannot_edit_it(world):
    task = a_task(world, owner=world.reader)
    client = client_for(world.reader)
    slug = world.region.slug
    assert client.get(reverse("pilots:task_edit", args=[slug, task.pk])).status_code == 403
    response = client.post(reverse("pilots:task_done", args=[slug, task.pk]), {"action": "cancel"})
    assert response.status_code == 403
    response = client.post(reverse("pilots:task_done", args=[slug, task.pk]), {"action": "done"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Task.Status.DONE


def test_a_reader_cannot_create_edit_or_complete_others_tasks(world):
    task = a_task(world)
    client = client_for(world.reader)
    slug = world.region.slug
    assert client.get(reverse("pilots:task_add", args=[slug])).status_code == 403
    assert client.post(reverse("pilots:task_add", args=[slug]), {"title": "x"}).status_code == 403
    assert client.get(reverse("pilots:task_edit", args=[slug, task.pk])).status_code == 403
    assert client.post(reverse("pilots:task_done", args=[slug, task.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        support.update_task(actor=world.reader, task=task, data={"title": "x"})
    with pytest.raises(PermissionDenied):
        support.complete_task(actor=world.reader, task=task)
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN and task.title == "Geschäftsordnung entwerfen"
    # But the reader sees the task list.
    page = client.get(reverse("pilots:tasks", args=[slug]))
    assert page.status_code == 200 and "Geschäftsordnung entwerfen" in page.content.decode()


def test_the_coordinator_creates_and_edits_a_task_through_the_forms(world):
    session = a_session(world)
    client = client_for(world.coordinator)
    slug = world.region.slug
    with committed():
        response = client.post(
            reverse("pilots:task_add", args=[slug]),
            {
                "title": "Einladung verschicken",
                "owner": world.editor.pk,
                "due_on": "2017-07-01",
                "description": "",
                "session": session.pk,
            },
        )
    assert response.status_code == 302
    task = Task.objects.get(title="Einladung verschicken")
    assert task.session == session and task.owner == world.editor
    response = client.post(
        reverse("pilots:task_edit", args=[slug, task.pk]),
        {"title": "Einladung verschicken", "owner": world.coach.pk, "due_on": "2017-07-15"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == world.coach and task.due_on == datetime.date(2017, 7, 15)


# --- reminders -----------------------------------------------------------------------------


def _at(day: datetime.date, hour=7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_reminders_go_out_once_a_day_for_tasks_that_fall_due(world):
    due = a_task(world, owner=world.coordinator, due_on=TODAY + datetime.timedelta(days=2))
    overdue = a_task(world, owner=world.editor, due_on=TODAY - datetime.timedelta(days=5))
    a_task(world, owner=world.reader, due_on=TODAY + datetime.timedelta(days=10))
    done = a_task(world, owner=world.steering, due_on=TODAY)
    support.complete_task(actor=world.coach, task=done)
    mail.outbox = []

    assert support.send_task_reminders(now=_at(TODAY)) == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.coordinator.email, world.editor.email]
    )
    overdue_mail = next(m for m in mail.outbox if m.to == [world.editor.email])
    assert "Überfällig" in overdue_mail.subject or "Overdue" in overdue_mail.subject
    for message in mail.outbox:
        owner = world.coordinator if message.to == [world.coordinator.email] else world.editor
        assert_links_open_for(message, owner)

    # The same day again (later that day): nothing.
    assert support.send_task_reminders(now=_at(TODAY, 18)) == 0
    assert len(mail.outbox) == 2
    # The next day: again, as both are still open.
    assert support.send_task_reminders(now=_at(TODAY + datetime.timedelta(days=1))) == 2
    due.refresh_from_db()
    overdue.refresh_from_db()
    assert due.reminded_at and overdue.reminded_at


def test_a_person_who_switched_reminders_off_gets_none_and_digest_gets_one_a_day(world):
    a_task(world, owner=world.coordinator, due_on=TODAY)
    a_task(world, owner=world.editor, due_on=TODAY)
    notifications.set_preference(
        actor=world.coordinator, user=world.coordinator, kind="pilots.task_reminder", choice="off"
    )
    notifications.set_preference(
        actor=world.editor, user=world.editor, kind="pilots.task_reminder", choice="digest"
    )
    mail.outbox = []
    support.send_task_reminders(now=_at(TODAY))
    assert mail.outbox == []
    assert notifications.send_digests() == 1
    assert [message.to for message in mail.outbox] == [[world.editor.email]]


def test_the_command_and_the_task_send_the_reminders(world):
    a_task(world, owner=world.coordinator, due_on=timezone.localdate())
    mail.outbox = []
    call_command("send_pilot_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]
    from inklusiv.pilots.tasks import send_pilot_reminders

    assert send_pilot_reminders.call() == 0  # reminded already today


# --- profiles ------------------------------------------------------------------------------


def test_profiles_side_by_side_start_and_later(world):
    support.record_profile(
        actor=world.coach,
        region=world.region,
        taken_on=datetime.date(2017, 3, 15),
        label="Profil zu Beginn",
        strengths="Starke Vereine",
        weaknesses="Wenig ÖPNV",
    )
    support.record_profile(
        actor=world.coordinator,
        region=world.region,
        taken_on=datetime.date(2018, 9, 1),
        label="Profil 2018",
        strengths="Netzwerk gewachsen",
        weaknesses="Wenig ÖPNV",
        risks="Förderende",
    )
    response = client_for(world.reader).get(reverse("pilots:profiles", args=[world.region.slug]))
    html = response.content.decode()
    assert "Starke Vereine" in html and "Netzwerk gewachsen" in html
    assert html.index("Profil zu Beginn") < html.index("Profil 2018")
    support_page = client_for(world.reader).get(reverse("pilots:support", args=[world.region.slug]))
    assert "Netzwerk gewachsen" in support_page.content.decode()


def test_a_reader_cannot_record_a_profile(world):
    with pytest.raises(PermissionDenied):
        support.record_profile(
            actor=world.reader,
            region=world.region,
            taken_on=datetime.date(2017, 3, 15),
            label="x",
            strengths="x",
            weaknesses="x",
        )
    response = client_for(world.reader).get(reverse("pilots:profile_add", args=[world.region.slug]))
    assert response.status_code == 403


def test_a_profile_through_the_form(world):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("pilots:profile_add", args=[world.region.slug]),
        {
            "taken_on": "2017-03-15",
            "label": "Profil zu Beginn",
            "strengths": "Viel Ehrenamt",
            "weaknesses": "",
        },
    )
    assert response.status_code == 400
    assert "Viel Ehrenamt" in response.content.decode()


# --- refusals on every URL of the part --------------------------------------------------------


def _urls(world):
    session = a_session(world)
    task = a_task(world)
    report = reports.open_report(actor=world.staff, region=world.region, year=2017)
    reports.save_text(actor=world.staff, report=report, text={"summary": "Gut."})
    reports.submit(actor=world.staff, report=report)
    slug = world.region.slug
    return [
        reverse("pilots:support", args=[slug]),
        reverse("pilots:session_add", args=[slug]),
        reverse("pilots:session", args=[slug, session.pk]),
        reverse("pilots:session_edit", args=[slug, session.pk]),
        reverse("pilots:tasks", args=[slug]),
        reverse("pilots:task_add", args=[slug]),
        reverse("pilots:task_edit", args=[slug, task.pk]),
        reverse("pilots:task_done", args=[slug, task.pk]),
        reverse("pilots:profiles", args=[slug]),
        reverse("pilots:profile_add", args=[slug]),
        reverse("pilots:reports", args=[slug]),
        reverse("pilots:report_open", args=[slug]),
        reverse("pilots:report", args=[slug, 2017]),
        reverse("pilots:report_submit", args=[slug, 2017]),
        reverse("pilots:report_pdf", args=[slug, 2017, 1]),
        reverse("pilots:report_review", args=[slug, 2017]),
    ]


@pytest.mark.parametrize("who", ["other_coach", "applicant", "outsider"])
def test_people_without_a_part_in_the_region_get_404_everywhere(world, who):
    client = client_for(getattr(world, who))
    for url in _urls(world):
        # 405 (a page that only reads, posted to) says nothing: a made-up region answers the same.
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {}).status_code in (404, 405), url


def test_anonymous_people_are_sent_to_sign_in(world, client):
    for url in _urls(world):
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert reverse("account_login") in response["Location"], url


def test_objects_of_another_region_are_not_found_through_this_one(world):
    from .conftest import make_region

    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    session = support.log_session(
        actor=world.coach,
        region=other,
        held_on=datetime.date(2017, 5, 1),
        format="online",
        topics="Rostock",
    )
    client = client_for(world.coach)
    response = client.get(reverse("pilots:session", args=[world.region.slug, session.pk]))
    assert response.status_code == 404
