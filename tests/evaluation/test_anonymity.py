"""Anonymity, read from the database itself: with the survey's anonymity on, the rows of
responses and answers hold no token, no hash of one, no invitation and no time finer than the
day. And the refusals of the respondents' pages: a link opens its own survey only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from inklusiv.evaluation.models import Invitation, Survey
from inklusiv.evaluation.services import answering
from inklusiv.evaluation.tokens import hash_token
from tests.evaluation.conftest import make_survey

from .answer_fixtures import PUBLIC, answer_all, english, invite  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def rows_of(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        names = [column[0] for column in cursor.description]
        return names, [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def submit_by_invitation(survey, region):
    invitation, token = invite(survey, region)
    draft, resume = answering.start(token=token)
    answer_all(draft)
    draft_hash = draft.token_hash
    answering.submit(draft=draft)
    return invitation, token, resume, draft_hash


def test_anonymous_rows_hold_no_token_no_invitation_and_only_the_day(survey, eworld):
    invitation, token, resume, draft_hash = submit_by_invitation(survey, eworld.region)
    # A second respondent by the public link, so the tables have more than one response.
    public, public_resume = answering.start(token=PUBLIC)
    answering.submit(draft=answer_all(public, disability=2))
    secrets = {token, resume, draft_hash, hash_token(token), hash_token(resume), PUBLIC}
    secrets.add(hash_token(public_resume))
    secrets.add(public_resume)

    for table in ("evaluation_response", "evaluation_answer"):
        names, rows = rows_of(table)
        assert rows
        for column in names:
            assert "token" not in column and "hash" not in column and "ip" != column
        for row in rows:
            for column, value in row.items():
                if column in ("invitation_id", "submitted_at"):
                    assert value is None, (table, column)
                    continue
                assert not isinstance(value, datetime.datetime), (table, column, value)
                text = str(value)
                for secret in secrets:
                    assert secret not in text, (table, column)
                assert not TIME_OF_DAY.search(text) or column == "text", (table, column, value)
                if isinstance(value, datetime.date):
                    assert column == "submitted_on"
            assert row.get("invitation_id") is None
    # The only temporal column of a response is the day.
    names, rows = rows_of("evaluation_response")
    for row in rows:
        day = row["submitted_on"]
        assert str(day) == str(datetime.date.fromisoformat(str(day)))
    # The invitation itself says only that it was completed, not when, and not by which row.
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.COMPLETED
    assert not hasattr(invitation, "response") or invitation.response is None


def test_answers_hold_only_the_answer(survey, eworld):
    submit_by_invitation(survey, eworld.region)
    names, _rows = rows_of("evaluation_answer")
    assert set(names) == {"id", "response_id", "question_id", "choice", "number", "text"}
    names, _rows = rows_of("evaluation_response")
    assert set(names) == {
        "id",
        "survey_id",
        "region_id",
        "submitted_on",
        "easy",
        "invitation_id",
        "submitted_at",
    }


def test_without_anonymity_the_invitation_is_kept(survey, eworld):
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    invitation, *_ = submit_by_invitation(survey, eworld.region)
    _names, rows = rows_of("evaluation_response")
    assert rows[0]["invitation_id"] == invitation.pk
    assert rows[0]["submitted_at"] is not None


def test_numbers_are_stored_as_numbers(survey, eworld):
    submit_by_invitation(survey, eworld.region)
    _names, rows = rows_of("evaluation_answer")
    numbers = [row["number"] for row in rows if row["number"] is not None]
    assert [Decimal(str(number)) for number in numbers] == [Decimal(34)]


# --- Refusals: a link opens only its own survey ------------------------------------------------


@pytest.fixture
def other_survey(eworld):
    return make_survey(eworld, slug="einstellungen-2019")


def test_a_link_of_survey_a_never_shows_survey_b(client, survey, other_survey):
    Survey.objects.filter(pk=other_survey.pk).update(title="Die andere Befragung")
    response = client.post(reverse("evaluation:answer_start", args=[PUBLIC]))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert survey.title in page.content.decode()
    assert "Die andere Befragung" not in page.content.decode()
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    # A question of the other survey is not reachable through this link (its video either).
    question = other_survey.sections.first().questions.first()
    video = client.get(reverse("evaluation:answer_video", args=[token, question.pk]))
    assert video.status_code == 404


def test_a_wrong_token_answers_404_with_help(client, survey):
    for url in (
        reverse("evaluation:answer_start", args=["falsch"]),
        reverse("evaluation:answer", args=["falsch"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "does not work" in response.content.decode() or "funktioniert" in (
            response.content.decode()
        )
        assert response["Referrer-Policy"] == "strict-origin"
        assert "no-store" in response["Cache-Control"]
    assert client.post(reverse("evaluation:answer_language", args=["falsch"])).status_code == 404


def test_a_resume_link_after_submitting_answers_404(client, survey):
    draft, resume = answering.start(token=PUBLIC)
    answering.submit(draft=answer_all(draft))
    assert client.get(reverse("evaluation:answer", args=[resume])).status_code == 404


def test_the_thanks_page_of_a_survey_in_preparation_is_not_found(client, survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    assert client.get(reverse("evaluation:answer_thanks", args=[survey.slug])).status_code == 404
