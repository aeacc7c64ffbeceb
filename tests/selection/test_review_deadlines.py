"""Review due dates and reminders: staff set the date on the stage, reviewers with reviews
outstanding are reminded once before and once after it (at most one mail a day), members see
the date on their list and the review form, and staff see the progress per reviewer."""

import datetime
import io
import re
import threading
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.applications.models import SocialSpace, Status
from inklusiv.core import audit
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    Review,
    ReviewReminder,
)
from inklusiv.selection.services.review_reminders import send_review_reminders
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, berlin, make_user

pytestmark = pytest.mark.django_db

DUE = berlin(2027, 3, 10, 18, 0)


@pytest.fixture(autouse=True)
def _german_urls(settings):
    settings.REVIEW_REMINDER_DAYS_BEFORE = 3
    with translation.override("de"):
        yield


def _in_review(stage, number):
    application = ApplicationFactory(
        call=stage.call,
        organisation=MembershipFactory(
            organisation__name=f"Inklusionsnetz {stage.pk}-{number} e.V."
        ).organisation,
    )
    SocialSpace.objects.create(
        application=application, kind="city", name=f"Ort {number}", state="BB", population=1000
    )
    type(application).objects.filter(pk=application.pk).update(
        status=Status.IN_REVIEW, reference=f"KI-{stage.pk}-{number:04d}", stage=stage
    )
    application.refresh_from_db()
    return application


def _stage(due=DUE):
    stage = CallFactory().first_stage()
    stage.reviews_due_at = due
    stage.save(update_fields=["reviews_due_at"])
    return stage


def _assign(stage, reviewer, application):
    CommissionMember.objects.get_or_create(stage=stage, user=reviewer)
    return Assignment.objects.create(
        stage=stage, application=application, reviewer=reviewer, method="manual"
    )


def _submitted(stage, reviewer, application):
    return Review.objects.create(
        stage=stage,
        application=application,
        reviewer=reviewer,
        status=Review.Status.SUBMITTED,
        submitted_at=timezone.now(),
        revision=1,
    )


@pytest.fixture
def stage():
    return _stage()


@pytest.fixture
def reviewer():
    return make_user("commission_member", name="Rita Reviewerin", email="rita@example.org")


@pytest.fixture
def two_outstanding(stage, reviewer):
    for number in (1, 2):
        _assign(stage, reviewer, _in_review(stage, number))
    return stage


def _mails_to(address):
    return [message for message in mail.outbox if address in message.to]


# --- reminders --------------------------------------------------------------------------


def test_before_reminder_goes_out_three_days_before_the_due_date(two_outstanding, reviewer):
    send_review_reminders(now=berlin(2027, 3, 6, 7, 0))
    assert mail.outbox == []

    result = send_review_reminders(now=berlin(2027, 3, 7, 7, 0))

    assert result.mails == 1
    [message] = mail.outbox
    assert message.to == ["rita@example.org"]
    assert message.subject == "Erinnerung: 2 Bewertungen warten auf Sie"
    assert "sind 2 Ihnen zugewiesene Bewertungen noch offen" in message.body
    assert "10. März 2027 18:00" in message.body
    assert "/de/reviews/" in message.body
    html = message.alternatives[0][0]
    assert "10. März 2027 18:00" in html and 'lang="de"' in html
    reminder = ReviewReminder.objects.get()
    assert (reminder.kind, reminder.outstanding) == ("before", 2)


def test_reminder_is_in_the_reviewers_language(two_outstanding, reviewer):
    reviewer.language = "en"
    reviewer.save(update_fields=["language"])
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    [message] = mail.outbox
    assert message.subject == "Reminder: 2 reviews are waiting for you"
    assert "/en/reviews/" in message.body


def test_after_reminder_goes_out_the_day_after_the_due_date(two_outstanding, reviewer):
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    mail.outbox.clear()
    # The evening of the due date, after it passed: not yet.
    send_review_reminders(now=berlin(2027, 3, 10, 19, 0))
    assert mail.outbox == []

    send_review_reminders(now=berlin(2027, 3, 11, 7, 0))

    [message] = mail.outbox
    assert "waren 2 Ihnen zugewiesene Bewertungen am 10. März 2027 18:00" in message.body
    assert "noch nicht abgegeben" in message.body
    assert set(ReviewReminder.objects.values_list("kind", flat=True)) == {"before", "after"}


def test_each_reminder_goes_out_once_however_often_the_job_runs(two_outstanding, reviewer):
    for day in (7, 7, 8, 9, 10):
        send_review_reminders(now=berlin(2027, 3, day, 7, 0))
    for day in (11, 11, 12, 15):
        send_review_reminders(now=berlin(2027, 3, day, 7, 0))
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.count() == 2


def test_missed_day_is_caught_up_but_a_long_past_due_date_is_not(two_outstanding, reviewer):
    # The job did not run on the 7th: the "before" reminder follows on the 8th.
    send_review_reminders(now=berlin(2027, 3, 8, 7, 0))
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    ReviewReminder.objects.all().delete()
    # Weeks after the due date nobody is reminded any more.
    send_review_reminders(now=berlin(2027, 4, 20, 7, 0))
    assert mail.outbox == []


def test_one_mail_a_day_across_stages(reviewer):
    first, second = _stage(), _stage(due=berlin(2027, 3, 11, 12, 0))
    _assign(first, reviewer, _in_review(first, 1))
    _assign(second, reviewer, _in_review(second, 1))
    _assign(second, reviewer, _in_review(second, 2))

    send_review_reminders(now=berlin(2027, 3, 8, 7, 0))

    # Both stages' reminders in one mail.
    [message] = mail.outbox
    assert message.subject == "Erinnerung: 3 Bewertungen warten auf Sie"
    assert "10. März 2027 18:00" in message.body and "11. März 2027 12:00" in message.body
    assert ReviewReminder.objects.count() == 2


def test_a_reminder_due_later_the_same_day_waits_for_the_next_day(reviewer):
    first, second = _stage(), _stage(due=None)
    _assign(first, reviewer, _in_review(first, 1))
    _assign(second, reviewer, _in_review(second, 1))
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    assert len(mail.outbox) == 1
    # Staff give the second stage a due date in the afternoon; the job runs again.
    second.reviews_due_at = berlin(2027, 3, 9, 12, 0)
    second.save(update_fields=["reviews_due_at"])

    result = send_review_reminders(now=berlin(2027, 3, 7, 15, 0))

    assert len(mail.outbox) == 1 and result.deferred == 1
    send_review_reminders(now=berlin(2027, 3, 8, 7, 0))
    assert len(mail.outbox) == 2
    assert ReviewReminder.objects.filter(stage=second).get().sent_on == datetime.date(2027, 3, 8)


def test_no_reminder_for_submitted_or_conflicted_reviews(stage, reviewer):
    done = _in_review(stage, 1)
    _assign(stage, reviewer, done)
    _submitted(stage, reviewer, done)
    declared = _in_review(stage, 2)
    _assign(stage, reviewer, declared)
    ConflictOfInterest.objects.create(
        user=reviewer, application=declared, source="declared", reason="Vorstand im Verein"
    )
    # Found automatically: the reviewer belongs to the applicant organisation.
    own = _in_review(stage, 3)
    _assign(stage, reviewer, own)
    MembershipFactory(user=reviewer, organisation=own.organisation)
    # Withdrawn: nothing left to review.
    withdrawn = _in_review(stage, 4)
    _assign(stage, reviewer, withdrawn)
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)

    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    send_review_reminders(now=berlin(2027, 3, 11, 7, 0))

    assert mail.outbox == []
    assert not ReviewReminder.objects.exists()


def test_no_reminder_without_a_due_date(reviewer):
    stage = _stage(due=None)
    _assign(stage, reviewer, _in_review(stage, 1))
    for day in range(1, 28):
        send_review_reminders(now=berlin(2027, 3, day, 7, 0))
    assert mail.outbox == []


def test_a_draft_still_counts_as_outstanding(stage, reviewer):
    application = _in_review(stage, 1)
    _assign(stage, reviewer, application)
    Review.objects.create(stage=stage, application=application, reviewer=reviewer, revision=1)
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    assert len(_mails_to("rita@example.org")) == 1


def test_each_run_that_sends_is_in_the_audit_log(two_outstanding, reviewer):
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    send_review_reminders(now=berlin(2027, 3, 7, 8, 0))
    [entry] = AuditEntry.objects.filter(action="review_reminders_sent")
    assert entry.object_id == str(two_outstanding.pk)
    assert entry.after["reminded_before_due_date"] == [reviewer.pk]


def test_the_audit_log_reads_the_run_in_words(two_outstanding, reviewer):
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    [row] = audit.present(AuditEntry.objects.filter(action="review_reminders_sent"))
    assert row.action == "Erinnerungen an offene Bewertungen versandt"
    changes = {change.label: change.after.as_text() for change in row.changes}
    assert changes["Vor dem Fälligkeitstermin erinnert"] == "Rita Reviewerin"
    assert changes["Bewertungen fällig"] == "10. März 2027 18:00"
    assert changes["Nach dem Fälligkeitstermin erinnert"] == "–"


def test_management_command_sends_the_reminders_due_now(reviewer):
    stage = _stage(due=timezone.now() + datetime.timedelta(days=1))
    _assign(stage, reviewer, _in_review(stage, 1))
    call_command("send_review_reminders", stdout=io.StringIO())
    assert len(_mails_to("rita@example.org")) == 1


# --- the stage form ----------------------------------------------------------------------


def _stage_data(**overrides):
    data = {
        "name_de": "Interessenbekundung",
        "name_en": "Expression of interest",
        "opens_date": "2027-01-04",
        "opens_time": "10:00",
        "closes_date": "2027-02-28",
        "closes_time": "23:59",
        "quota": "10",
        "reviewers_per_application": "3",
        "reviews_due_date": "2027-03-10",
        "reviews_due_time": "18:00",
    }
    data.update(overrides)
    return data


def test_staff_set_the_due_date_in_berlin_time(client, staff):
    call = CallFactory(stages=False)
    client.force_login(staff)
    response = client.post(reverse("calls:stage_create", args=[call.pk]), _stage_data())
    assert response.status_code == 302
    assert call.stages.get().reviews_due_at == DUE
    page = client.get(reverse("calls:stage_edit", args=[call.stages.get().pk])).content.decode()
    assert 'value="2027-03-10"' in page and 'value="18:00"' in page


def test_a_changed_due_date_is_in_the_audit_log(client, staff):
    call = CallFactory(stages=False)
    client.force_login(staff)
    client.post(reverse("calls:stage_create", args=[call.pk]), _stage_data())
    stage = call.stages.get()
    response = client.post(
        reverse("calls:stage_edit", args=[stage.pk]), _stage_data(reviews_due_date="2027-03-17")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="stage_changed").latest("pk")
    assert entry.after == {"reviews_due_at": "2027-03-17T17:00:00+00:00"}
    assert entry.before["reviews_due_at"] == "2027-03-10T17:00:00+00:00"


def test_due_date_may_be_left_empty(client, staff):
    call = CallFactory(stages=False)
    client.force_login(staff)
    client.post(
        reverse("calls:stage_create", args=[call.pk]),
        _stage_data(reviews_due_date="", reviews_due_time=""),
    )
    assert call.stages.get().reviews_due_at is None


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"reviews_due_time": ""}, "Geben Sie auch die Uhrzeit an"),
        ({"reviews_due_date": ""}, "Geben Sie auch den Tag an"),
        ({"reviews_due_date": "2027-02-01"}, "erst nach dem Ende der Runde fällig"),
    ],
)
def test_incomplete_or_early_due_date_is_refused_and_input_kept(client, staff, overrides, message):
    call = CallFactory(stages=False)
    client.force_login(staff)
    response = client.post(
        reverse("calls:stage_create", args=[call.pk]),
        _stage_data(name_de="Runde X", **overrides),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Runde X"' in page
    assert not call.stages.exists()


# --- what the member sees ------------------------------------------------------------------


def test_member_sees_the_due_date_on_the_list_and_the_review_form(
    client, two_outstanding, reviewer
):
    client.force_login(reviewer)
    page = client.get(reverse("selection:my_reviews")).content.decode()
    assert "2 Bewertungen in" in page and "fällig am 10. März 2027 18:00" in page
    application = Assignment.objects.filter(reviewer=reviewer).first().application
    form = client.get(reverse("selection:review", args=[application.pk])).content.decode()
    assert "Bewertungen fällig" in form and "10. März 2027 18:00" in form


def test_member_sees_when_the_due_date_has_passed(client, reviewer):
    stage = _stage(due=timezone.now() - datetime.timedelta(days=1))
    _assign(stage, reviewer, _in_review(stage, 1))
    client.force_login(reviewer)
    page = client.get(reverse("selection:my_reviews")).content.decode()
    assert "1 Bewertung in" in page and "war am" in page


# --- staff's progress page ---------------------------------------------------------------


def test_progress_page_counts_per_reviewer(client, staff, stage, reviewer):
    other = make_user("commission_member", name="Otto Ohnefleiß")
    applications = [_in_review(stage, number) for number in range(1, 5)]
    for application in applications[:3]:
        _assign(stage, reviewer, application)
    _submitted(stage, reviewer, applications[0])
    for application in applications:
        _assign(stage, other, application)
    ConflictOfInterest.objects.create(
        user=other, application=applications[3], source="staff", reason="Nachbar"
    )
    idle = make_user("commission_member", name="Ida Idle")
    CommissionMember.objects.create(stage=stage, user=idle)
    send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
    client.force_login(staff)

    response = client.get(reverse("selection:review_progress", args=[stage.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    rows = {name: _row(page, name) for name in ("Rita Reviewerin", "Otto Ohnefleiß", "Ida Idle")}
    # Assigned, submitted, outstanding, overdue (DUE lies ahead: nothing is overdue yet).
    assert rows["Rita Reviewerin"][:4] == ["3", "1", "2", "0"]
    assert rows["Otto Ohnefleiß"][:4] == ["3", "0", "3", "0"]
    assert rows["Ida Idle"][:4] == ["0", "0", "0", "0"]
    assert "7. März 2027 07:00" in rows["Rita Reviewerin"][4]
    assert "Vor dem Fälligkeitstermin" in rows["Rita Reviewerin"][4]
    assert rows["Ida Idle"][4] == "–"


def test_progress_page_counts_overdue_after_the_due_date(client, staff, reviewer):
    stage = _stage(due=timezone.now() - datetime.timedelta(hours=1))
    for number in (1, 2):
        _assign(stage, reviewer, _in_review(stage, number))
    client.force_login(staff)
    page = client.get(reverse("selection:review_progress", args=[stage.pk])).content.decode()
    assert _row(page, "Rita Reviewerin")[:4] == ["2", "0", "2", "2"]


def test_stage_page_links_to_the_progress_and_shows_the_due_date(client, staff, stage):
    client.force_login(staff)
    page = client.get(reverse("selection:stage", args=[stage.pk])).content.decode()
    assert reverse("selection:review_progress", args=[stage.pk]) in page
    assert "10. März 2027 18:00" in page


@pytest.mark.parametrize("role", ["commission_member", "programme_expert", "applicant", None])
def test_progress_page_is_404_for_everyone_but_staff(client, stage, role):
    client.force_login(make_user(role))
    response = client.get(reverse("selection:review_progress", args=[stage.pk]))
    assert response.status_code == 404


def test_progress_page_asks_anonymous_people_to_sign_in(client, stage):
    response = client.get(reverse("selection:review_progress", args=[stage.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_progress_page_keeps_its_query_count(client, staff, django_assert_max_num_queries):
    def stage_with(reviewers, applications):
        stage = _stage()
        created = [_in_review(stage, number) for number in range(1, applications + 1)]
        for _person in range(reviewers):
            person = make_user("commission_member")
            for application in created:
                _assign(stage, person, application)
            _submitted(stage, person, created[0])
            MembershipFactory(user=person, organisation=created[-1].organisation)
            ConflictOfInterest.objects.create(
                user=person, application=created[1], source="declared", reason="-"
            )
        send_review_reminders(now=berlin(2027, 3, 7, 7, 0))
        return stage

    small, large = stage_with(1, 3), stage_with(6, 12)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("selection:review_progress", args=[small.pk])).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("selection:review_progress", args=[large.pk]))
    assert page.content.decode().count("Vor dem Fälligkeitstermin") == 6


def _row(page: str, name: str) -> list[str]:
    """The cells after the row header that names `name`, as plain text."""
    start = page.index(name)
    row = page[start : page.index("</tr>", start)]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


# --- two runs at once (PostgreSQL only) ---------------------------------------------------


def _waiting_on_locks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises whole transactions, so no race to show",
)
def test_two_runs_at_the_same_moment_send_one_reminder(two_outstanding, reviewer):
    """Both runs find the reminder due before either records it; the person's row lock (and
    the unique constraint behind it) lets only one of them send."""
    results = []

    def run():
        try:
            results.append(send_review_reminders(now=berlin(2027, 3, 7, 7, 0)).mails)
        finally:
            connections.close_all()

    with transaction.atomic():
        # Held here, so both runs reach the lock before either can pass it.
        list(type(reviewer).objects.select_for_update().filter(pk=reviewer.pk))
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while _waiting_on_locks() < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_locks() >= 2
    for thread in threads:
        thread.join(30)

    assert sorted(results) == [0, 1]
    assert len(_mails_to("rita@example.org")) == 1
    assert ReviewReminder.objects.count() == 1
