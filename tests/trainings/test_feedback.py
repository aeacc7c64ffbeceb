"""Anonymous feedback: the questionnaire once per checked-in participant after the start,
answers without a link to the person, results only from the minimum group size on (page,
chart and export alike), the request mail once per session."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inklusiv.accounts.models import User
from inklusiv.core.models import AuditEntry
from inklusiv.trainings import results
from inklusiv.trainings.models import FeedbackResponse, Registration, TrainingSession
from inklusiv.trainings.services import feedback as services
from tests.factories import make_user

from .h3_fixtures import (
    NO_SHOW,
    PRESENT,
    UNKNOWN,
    answer,
    no_show,
    participant,
    past_session,
    register,
)

__all__ = ["no_show", "participant", "past_session"]

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Der Raum war zu warm, sonst alles prima"
VALID = {
    "overall": "5",
    "content": "4",
    "practice": "4",
    "trainer": "5",
    "accessibility": "3",
    "liked": "Gute Beispiele",
    "improve": "",
}


def _url(registration):
    return reverse("trainings:feedback", args=[registration.pk])


# --- the questionnaire -----------------------------------------------------------------------


def test_a_participant_answers_once_and_the_answer_names_nobody(client, past_session, participant):
    registration = register(past_session, participant, PRESENT)
    client.force_login(participant)
    page = client.get(_url(registration)).content.decode()
    assert page.count('<fieldset class="kern-fieldset') == 5
    assert page.count('type="radio"') == 25
    response = client.post(_url(registration), VALID)
    assert response.status_code == 302
    stored = FeedbackResponse.objects.get()
    assert (stored.overall, stored.accessibility, stored.liked) == (5, 3, "Gute Beispiele")
    assert stored.session == past_session
    assert stored.answered_on == timezone.localdate()
    registration.refresh_from_db()
    assert registration.feedback_given
    # Giving feedback leaves no trace in the audit log that would name the person.
    assert not AuditEntry.objects.filter(object_id=str(stored.pk)).exists()

    again = client.get(_url(registration))
    assert "Rückmeldung zu dieser Fortbildung bereits gegeben" in again.content.decode()
    assert 'type="radio"' not in again.content.decode()
    client.post(_url(registration), VALID)
    assert FeedbackResponse.objects.count() == 1


def test_a_missing_rating_is_said_and_the_text_stays(client, past_session, participant):
    registration = register(past_session, participant, PRESENT)
    client.force_login(participant)
    response = client.post(_url(registration), {**VALID, "trainer": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a rating from 1 to 5." in content or "Bewertung" in content
    assert 'href="#id_trainer_0"' in content
    assert "Gute Beispiele" in content
    assert not FeedbackResponse.objects.exists()


def test_nobody_else_and_no_no_show_may_answer(client, past_session, participant, no_show):
    present = register(past_session, participant, PRESENT)
    absent = register(past_session, no_show, NO_SHOW)
    client.force_login(no_show)
    assert client.get(_url(absent)).status_code == 404
    assert client.post(_url(absent), VALID).status_code == 404
    assert client.get(_url(present)).status_code == 404
    assert client.post(_url(present), VALID).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_the_organiser_cannot_answer_for_a_participant(client, past_session, participant, trainer):
    registration = register(past_session, participant, PRESENT)
    client.force_login(trainer)
    assert client.post(_url(registration), VALID).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_not_checked_in_or_before_the_start_there_is_no_questionnaire(
    client, make_session, participant
):
    unknown = register(make_session(days=-1), participant, UNKNOWN)
    client.force_login(participant)
    assert client.get(_url(unknown)).status_code == 404
    future = make_session(days=3)
    early = register(future, participant, PRESENT)
    page = client.get(_url(early)).content.decode()
    assert "sobald die Fortbildung begonnen hat" in page
    client.post(_url(early), VALID)
    assert not FeedbackResponse.objects.exists()


def test_answers_carry_no_link_to_a_person_and_are_not_ordered_by_entry():
    for field in FeedbackResponse._meta.get_fields():
        assert getattr(field, "related_model", None) not in (User, Registration), field.name
    assert "pk" not in FeedbackResponse._meta.ordering
    assert "id" not in FeedbackResponse._meta.ordering
    assert "-pk" not in FeedbackResponse._meta.ordering
    answered_on = FeedbackResponse._meta.get_field("answered_on")
    assert answered_on.get_internal_type() == "DateField"


# --- results under and over the minimum --------------------------------------------------------


@pytest.fixture
def expert(db):
    return make_user("programme_expert", email="expert@example.org")


def _answers(session, count):
    for index in range(count):
        answer(
            session,
            rating=index % 5 + 1,
            liked=SECRET_TEXT if index == 0 else "",
            improve=f"Mehr Pausen {index}" if index == 1 else "",
        )


def _export(client, course):
    response = client.get(reverse("trainings:feedback_export", args=[course.slug]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_four_answers_show_no_figures_anywhere(client, past_session, course, expert):
    _answers(past_session, 4)
    assert results.session_results(past_session) is None
    assert results.course_results(course) is None
    client.force_login(expert)
    for url in (
        reverse("trainings:session_feedback", args=[past_session.pk]),
        reverse("trainings:course_feedback", args=[course.slug]),
    ):
        response = client.get(url)
        content = response.content.decode()
        assert response.status_code == 200
        assert "data-too-few" in content
        assert "<svg" not in content and "<table" not in content
        assert SECRET_TEXT not in content and "Mehr Pausen" not in content
    rows = _export(client, course)
    assert len(rows) == 2
    assert len(rows[1]) == 1 and "5" in rows[1][0]
    assert SECRET_TEXT not in str(rows)


def test_five_answers_show_the_figures_in_page_chart_and_export(
    client, past_session, course, expert
):
    _answers(past_session, 5)
    figures = results.session_results(past_session)
    assert figures.count == 5
    overall = figures.questions[0]
    assert overall.mean == 3.0
    assert overall.distribution == [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]
    assert figures.texts[0][1] == [SECRET_TEXT]
    client.force_login(expert)
    content = client.get(
        reverse("trainings:session_feedback", args=[past_session.pk])
    ).content.decode()
    assert "data-too-few" not in content
    assert "<svg" in content and 'role="img"' in content and "<table" in content
    assert "3,0" in content
    assert SECRET_TEXT in content and "Mehr Pausen 1" in content
    course_page = client.get(reverse("trainings:course_feedback", args=[course.slug]))
    assert "<svg" in course_page.content.decode()
    rows = _export(client, course)
    assert len(rows) > 2
    assert any(row[2] == str(results.QUESTIONS[0][1]) and row[3] == "3,0" for row in rows)
    assert any(SECRET_TEXT in row for row in rows)
    assert AuditEntry.objects.filter(action="training_feedback_exported").count() == 1


def test_a_course_lists_only_sessions_that_reach_the_minimum_and_hide_no_small_remainder(
    client, make_session, course, expert
):
    big = make_session(days=-20)
    small = make_session(days=-10)
    _answers(big, 5)
    _answers(small, 3)
    # 8 answers for the course; the big session's row would reveal the small one's 3.
    assert results.course_results(course).count == 8
    assert results.session_rows(course) == []
    other = make_session(days=-5)
    _answers(other, 5)
    # 13 answers: the two sessions with 5 would leave 3; one of them is left out too.
    assert [row.session for row in results.session_rows(course)] == [other]
    client.force_login(expert)
    content = client.get(reverse("trainings:course_feedback", args=[course.slug])).content.decode()
    assert reverse("trainings:session_feedback", args=[other.pk]) in content
    assert reverse("trainings:session_feedback", args=[big.pk]) not in content
    assert reverse("trainings:session_feedback", args=[small.pk]) not in content
    rows = _export(client, course)
    assert len({row[0] for row in rows[1:]}) == 2  # the whole course and one session
    answer(small)
    answer(small)
    assert [row.session for row in results.session_rows(course)] == [big, small, other]
    rows = _export(client, course)
    assert len({row[0] for row in rows[1:]}) == 4


@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_results_are_for_organisers_and_experts_only(client, past_session, course, who):
    _answers(past_session, 5)
    user = make_user(None, email=f"{who}@example.org")
    if who == "participant":
        register(past_session, user, PRESENT)
    client.force_login(user)
    for url in (
        reverse("trainings:session_feedback", args=[past_session.pk]),
        reverse("trainings:course_feedback", args=[course.slug]),
        reverse("trainings:feedback_export", args=[course.slug]),
    ):
        assert client.get(url).status_code == 403
    assert not AuditEntry.objects.filter(action="training_feedback_exported").exists()


def test_the_trainer_sees_their_courses_results(client, past_session, course, trainer):
    _answers(past_session, 5)
    client.force_login(trainer)
    url = reverse("trainings:course_feedback", args=[course.slug])
    assert client.get(url).status_code == 200


# --- asking for it ---------------------------------------------------------------------------


def test_participants_are_asked_once_after_the_session(
    past_session,
    make_session,
    participant,
    no_show,
    people,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    register(past_session, participant, PRESENT)
    register(past_session, no_show, NO_SHOW)
    answered = register(past_session, people[0], PRESENT)
    Registration.objects.filter(pk=answered.pk).update(feedback_given=True)
    upcoming = make_session(days=2)
    register(upcoming, people[1], PRESENT)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_feedback() == 1
    assert [mail.to for mail in mailoutbox] == [["paula@example.org"]]
    registration = Registration.objects.get(user=participant)
    assert reverse("trainings:feedback", args=[registration.pk]) in mailoutbox[0].body
    past_session.refresh_from_db()
    assert past_session.feedback_requested_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_feedback() == 0
        call_command("request_training_feedback", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    later = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.request_feedback(now=later) == 1
    assert TrainingSession.objects.filter(feedback_requested_at__isnull=True).count() == 0


def test_the_results_pages_ask_the_same_number_of_queries_for_more_sessions(
    client, make_session, course, expert
):
    def queries():
        counts = []
        for url in (
            reverse("trainings:course_feedback", args=[course.slug]),
            reverse("trainings:feedback_export", args=[course.slug]),
        ):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
            counts.append(len(captured))
        return counts

    client.force_login(expert)
    _answers(make_session(days=-40), 5)
    _answers(make_session(days=-30), 6)
    queries()  # warms the content-type cache the audit entry reads once per process
    few = queries()
    for days in (-20, -10, -5):
        _answers(make_session(days=days), 6)
    assert queries() == few
