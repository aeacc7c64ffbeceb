"""The answering service: links open drafts, sections are checked and kept, skip logic hides
and drops answers, submitting makes one response (and only one), bulk entry checks alike."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from inklusiv.evaluation import audit_actions_answering  # noqa: F401 - registers the key
from inklusiv.evaluation.models import (
    Answer,
    Draft,
    Invitation,
    Question,
    Response,
    Section,
    Survey,
)
from inklusiv.evaluation.services import answering
from inklusiv.evaluation.services.answering import InvalidAnswers, SurveyNotOpen, UnknownLink
from inklusiv.evaluation.tokens import hash_token, new_token

from .answer_fixtures import PUBLIC, answer_all, english, invite  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def public_draft(survey):
    return answering.start(token=PUBLIC)


def codes(draft):
    pages = answering.pages_of(draft.survey)
    position = answering.current_position(pages, draft.data, draft.position)
    if position >= len(pages):
        return None
    return [q.code for q in answering.visible_questions(pages[position], draft.data)]


def test_tokens_are_random_and_hashed():
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 43
    assert hash_token(first) == hash_token(first) and len(hash_token(first)) == 64
    assert hash_token(first) != first


def test_public_link_opens_a_new_draft_of_its_region(survey, eworld):
    draft, resume = answering.start(token=PUBLIC)
    again, other = answering.start(token=PUBLIC)
    assert draft.pk != again.pk and resume != other
    assert draft.region == eworld.region and draft.survey == survey
    assert draft.token_hash == hash_token(resume)
    assert answering.draft_for(resume) == draft
    assert answering.draft_for("falsch") is None


def test_invitation_resumes_its_draft_with_a_new_resume_token(survey, eworld):
    invitation, token = invite(survey, eworld.other_region)
    draft, resume = answering.start(token=token)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.STARTED
    assert draft.invitation == invitation and draft.region == eworld.other_region
    answering.save_section(draft=draft, data={"behinderung": 2}, move=1)
    again, second = answering.start(token=token)
    assert again.pk == draft.pk and again.data == {"behinderung": 2}
    assert answering.draft_for(resume) is None
    assert answering.draft_for(second).pk == draft.pk


def test_unknown_link_is_refused(survey):
    with pytest.raises(UnknownLink):
        answering.start(token="gibt-es-nicht")


@pytest.mark.parametrize(
    "change, closed, words",
    [
        ({"status": Survey.Status.CLOSED}, True, "ended"),
        ({"status": Survey.Status.DRAFT}, False, "not started"),
        ({"opens_on": datetime.date(2999, 1, 1)}, False, "starts on"),
        ({"closes_on": datetime.date(2000, 1, 1)}, True, "ended"),
    ],
)
def test_survey_that_is_not_open_is_refused(survey, change, closed, words):
    Survey.objects.filter(pk=survey.pk).update(**change)
    with pytest.raises(SurveyNotOpen) as refusal:
        answering.start(token=PUBLIC)
    assert refusal.value.closed is closed
    assert words in str(refusal.value)


def test_skip_logic_shows_the_barrier_question_only_after_yes(public_draft):
    draft, _resume = public_draft
    assert codes(draft) == ["behinderung", "alter"]
    answering.save_section(draft=draft, data={"behinderung": "1"}, move=1)
    assert draft.position == 1
    assert codes(draft) == ["einst1", "orte", "barriere", "ideen"]
    answering.save_section(draft=draft, data={}, move=-1)
    answering.save_section(draft=draft, data={"behinderung": "2"}, move=1)
    assert codes(draft) == ["einst1", "orte", "ideen"]


def test_a_hidden_answer_is_dropped(public_draft):
    draft, _resume = public_draft
    answer_all(draft, disability=1, barrier=3)
    assert draft.data["barriere"] == 3
    answering.save_section(draft=draft, data={"einst1": 4, "barriere": 3}, move=-1)
    answering.save_section(draft=draft, data={"behinderung": 2}, move=1)
    assert "barriere" not in Draft.objects.get(pk=draft.pk).data


def test_a_section_whose_questions_are_all_hidden_is_skipped(survey, public_draft):
    draft, _resume = public_draft
    extra = Section.objects.create(survey=survey, title="Nur mit Behinderung", order=2)
    Question.objects.create(
        section=extra,
        code="hilfe",
        kind=Question.Kind.TEXT,
        text="Welche Hilfe brauchen Sie?",
        show_if_question=Question.objects.get(code="behinderung"),
        show_if_values=[1],
    )
    answering.save_section(draft=draft, data={"behinderung": 2}, move=1)
    pages = answering.pages_of(survey)
    assert answering.is_last(pages, draft.data, 1)
    answering.save_section(draft=draft, data={"einst1": 3}, move=1)
    assert draft.position == 3  # the end: nothing more to ask
    assert answering.progress(pages, draft.data, 1) == (2, 2)
    answering.save_section(draft=draft, data={}, move=-1)
    assert draft.position == 1
    answering.save_section(draft=draft, data={"einst1": 3}, move=-1)
    answering.save_section(draft=draft, data={"behinderung": 1}, move=1)
    assert not answering.is_last(pages, draft.data, 1)
    answering.save_section(draft=draft, data={"einst1": 3}, move=1)
    assert codes(draft) == ["hilfe"]


@pytest.mark.parametrize(
    "data, code, message",
    [
        ({}, "behinderung", "Please choose an answer."),
        ({"behinderung": 9}, "behinderung", "Please choose one of the answers shown."),
        ({"behinderung": "x"}, "behinderung", "Please choose one of the answers shown."),
        ({"behinderung": 1, "alter": "abc"}, "alter", "Please enter a number, in digits"),
        ({"behinderung": 1, "alter": "12"}, "alter", "Please enter a number from 14 to 110."),
        ({"behinderung": 1, "alter": "111"}, "alter", "from 14 to 110"),
        ({"behinderung": 1, "alter": "20,5"}, "alter", "whole number"),
    ],
)
def test_validation_messages(public_draft, data, code, message):
    draft, _resume = public_draft
    with pytest.raises(InvalidAnswers) as refusal:
        answering.save_section(draft=draft, data=data, move=1)
    assert message in refusal.value.errors[code]
    assert refusal.value.position == 0
    assert Draft.objects.get(pk=draft.pk).data == {}


def test_text_limit_and_decimals(survey, public_draft):
    draft, _resume = public_draft
    Question.objects.filter(code="alter").update(number_decimals=True)
    answering.save_section(draft=draft, data={"behinderung": 2, "alter": " 20,5 "}, move=1)
    assert draft.data["alter"] == "20.5"
    with pytest.raises(InvalidAnswers) as refusal:
        answering.save_section(draft=draft, data={"einst1": 2, "ideen": "x" * 4001}, move=1)
    assert "at most 4000 characters" in refusal.value.errors["ideen"].replace(",", "")
    with pytest.raises(InvalidAnswers) as refusal:
        answering.save_section(draft=draft, data={"einst1": 2, "orte": [1, 7]}, move=1)
    assert "orte" in refusal.value.errors


def test_save_for_later_keeps_answers_without_requiring(public_draft):
    draft, resume = public_draft
    answering.save_section(draft=draft, data={"alter": "40"}, move=0)
    stored = answering.draft_for(resume)
    assert stored.data == {"alter": "40"} and stored.position == 0


def test_submit_stores_one_response_and_refuses_a_second(survey, public_draft, eworld):
    draft, resume = public_draft
    answer_all(draft)
    response = answering.submit(draft=draft)
    assert response.region == eworld.region and response.invitation is None
    assert response.submitted_at is None
    rows = {(a.question.code, a.choice, a.number, a.text) for a in response.answers.all()}
    assert ("orte", 1, None, "") in rows and ("orte", 3, None, "") in rows
    assert ("barriere", 2, None, "") in rows
    assert answering.draft_for(resume) is None
    with pytest.raises(UnknownLink) as refusal:
        answering.submit(draft=draft)
    assert "sent already" in str(refusal.value)
    assert Response.objects.count() == 1


def test_submit_refuses_a_missing_required_answer_of_an_earlier_section(public_draft):
    draft, _resume = public_draft
    answering.save_section(draft=draft, data={"alter": "50"}, move=0)
    with pytest.raises(InvalidAnswers) as refusal:
        answering.submit(draft=draft)
    assert set(refusal.value.errors) == {"behinderung", "einst1"}
    assert refusal.value.position == 0
    assert Response.objects.count() == 0


def test_submit_of_a_closed_survey_is_refused(survey, public_draft):
    draft, _resume = public_draft
    answer_all(draft)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    with pytest.raises(SurveyNotOpen):
        answering.submit(draft=Draft.objects.get(pk=draft.pk))
    assert Response.objects.count() == 0


def test_invitation_is_completed_and_can_not_start_again(survey, eworld):
    invitation, token = invite(survey, eworld.region)
    draft, _resume = answering.start(token=token)
    answering.submit(draft=answer_all(draft))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.COMPLETED
    assert Response.objects.get().invitation is None
    with pytest.raises(UnknownLink):
        answering.start(token=token)


def test_without_anonymity_the_invitation_and_time_are_kept(survey, eworld):
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    invitation, token = invite(survey, eworld.region)
    draft, _resume = answering.start(token=token)
    response = answering.submit(draft=answer_all(draft))
    assert response.invitation == invitation and response.submitted_at is not None


def test_record_responses_checks_like_the_form(survey, eworld):
    rows = [
        {"behinderung": 1, "einst1": 5, "barriere": 1, "orte": [2, 4]},
        {"behinderung": 2, "einst1": 3, "barriere": 1, "alter": 70},
    ]
    count = answering.record_responses(
        actor=eworld.evaluator,
        survey=survey,
        region=eworld.other_region,
        rows=rows,
        submitted_on=datetime.date(2017, 10, 3),
    )
    assert count == 2
    # The second row's barrier answer is behind skip logic: dropped, as the form drops it.
    assert Answer.objects.filter(question__code="barriere").count() == 1
    assert Answer.objects.filter(question__code="orte").count() == 2
    with pytest.raises(answering.DomainError) as refusal:
        answering.record_responses(
            actor=eworld.evaluator,
            survey=survey,
            region=eworld.region,
            rows=[{"behinderung": 1, "einst1": 3}, {"behinderung": 1, "alter": 5, "einst1": 3}],
            submitted_on=datetime.date(2017, 10, 3),
        )
    assert "Row 2, question alter" in str(refusal.value)
    with pytest.raises(answering.DomainError):
        answering.record_responses(
            actor=eworld.evaluator,
            survey=survey,
            region=eworld.region,
            rows=[{"einst1": 3}],
            submitted_on=datetime.date(2017, 10, 3),
        )
    assert Response.objects.count() == 2


def test_record_responses_needs_the_evaluator(survey, eworld):
    with pytest.raises(PermissionDenied):
        answering.record_responses(
            actor=eworld.coordinator,
            survey=survey,
            region=eworld.region,
            rows=[{"behinderung": 1, "einst1": 3}],
            submitted_on=datetime.date(2017, 10, 3),
        )


def test_purge_deletes_old_drafts_and_those_of_closed_surveys(survey, eworld):
    fresh, _ = answering.start(token=PUBLIC)
    old, _ = answering.start(token=PUBLIC)
    Draft.objects.filter(pk=old.pk).update(updated_on=datetime.date(2000, 1, 1))
    call_command("purge_survey_drafts", stdout=open("/dev/null", "w"))
    assert list(Draft.objects.values_list("pk", flat=True)) == [fresh.pk]
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    assert answering.purge_drafts() == 1
    assert not Draft.objects.exists()
