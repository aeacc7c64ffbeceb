"""Answering a survey: a link opens a Draft, each section's answers are checked and kept in it
(so people can pause and resume), and submitting turns the Draft into a Response.

Respondents have no account: their link is the key. The database keeps only the hash of a
personal link and of a resume link. With the survey's anonymity on, a Response holds the region,
the day and whether Leichte Sprache was used: no link, no invitation, no time finer than the day
(LimeSurvey's anonymised mode). Nothing here stores an IP address or a browser's name, and no
audit entry is written for a respondent's steps (its time and object would link them).

One function checks answers, `clean_value`: the web form and the bulk entry of paper
questionnaires (`record_responses`) both go through it, so they accept the same values.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require

from ..models import Answer, Draft, Invitation, PublicLink, Question, Response, Section, Survey
from ..tokens import hash_token, new_token

TEXT_LIMIT = 4000
# Answer.number: 12 digits, 2 of them after the point.
NUMBER_DECIMALS = 2
NUMBER_LIMIT = Decimal(10) ** (12 - NUMBER_DECIMALS)
CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.LIKERT)


class UnknownLink(DomainError):
    """No survey answers to this link (mistyped, or its answers were sent already)."""


class SurveyNotOpen(DomainError):
    """The survey is not open (yet, or any more); `closed` tells which."""

    def __init__(self, message, *, closed: bool):
        super().__init__(message)
        self.closed = closed


class InvalidAnswers(DomainError):
    """Some answers need correcting: `errors` maps question codes to messages, `position` is
    the index of the section that holds the first of them."""

    def __init__(self, errors: Mapping[str, str], *, position: int | None = None):
        super().__init__(_("Some answers need your attention."))
        self.errors = dict(errors)
        self.position = position


# --- The survey's structure and its skip logic -----------------------------------------------


@dataclass
class Page:
    section: Section
    questions: list[Question]


def pages_of(survey: Survey) -> list[Page]:
    """The survey's sections in order, each with its questions (and their choices): three
    queries whatever the size of the survey."""
    sections = list(Section.objects.filter(survey=survey).order_by("order", "pk"))
    questions = (
        Question.objects.filter(section__survey=survey)
        .select_related("show_if_question")
        .prefetch_related("choices")
        .order_by("section__order", "section_id", "order", "pk")
    )
    by_section: dict[int, list[Question]] = {section.pk: [] for section in sections}
    for question in questions:
        by_section[question.section_id].append(question)
    return [Page(section, by_section[section.pk]) for section in sections]


def _all_questions(pages: Iterable[Page]) -> list[Question]:
    return [question for page in pages for question in page.questions]


def _as_ints(values) -> set[int]:
    result = set()
    for value in values if isinstance(values, list | tuple) else [values]:
        try:
            result.add(int(value))
        except (TypeError, ValueError):
            continue
    return result


def is_visible(question: Question, answers: Mapping) -> bool:
    """A question is asked unless its skip logic names an earlier answer it does not have."""
    trigger = question.show_if_question
    if trigger is None:
        return True
    given = answers.get(trigger.code)
    if given is None:
        return False
    return bool(_as_ints(given) & _as_ints(question.show_if_values))


def visible_questions(page: Page, answers: Mapping) -> list[Question]:
    return [question for question in page.questions if is_visible(question, answers)]


def prune(questions: Iterable[Question], answers: Mapping) -> dict:
    """Only the answers of questions still asked: an answer behind skip logic goes when the
    answer that opened it changes (questions in order, so a chain of conditions follows)."""
    kept: dict = {}
    for question in questions:
        if question.code in answers and is_visible(question, kept):
            kept[question.code] = answers[question.code]
    return kept


def current_position(pages: list[Page], answers: Mapping, position: int) -> int:
    """The first section at or after `position` with a question to ask; len(pages) at the end."""
    for index in range(max(position, 0), len(pages)):
        if visible_questions(pages[index], answers):
            return index
    return len(pages)


def _moved(pages: list[Page], answers: Mapping, position: int, move: int) -> int:
    if move > 0:
        return current_position(pages, answers, position + 1)
    if move < 0:
        for index in range(min(position, len(pages)) - 1, -1, -1):
            if visible_questions(pages[index], answers):
                return index
        return current_position(pages, answers, 0)
    return position


def progress(pages: list[Page], answers: Mapping, position: int) -> tuple[int, int]:
    """(number of this section among those asked, how many are asked), for "Part 2 of 3"."""
    asked = [index for index, page in enumerate(pages) if visible_questions(page, answers)]
    done = sum(1 for index in asked if index < position)
    return min(done + 1, max(len(asked), 1)), max(len(asked), 1)


def is_last(pages: list[Page], answers: Mapping, position: int) -> bool:
    """No later section can have a question to ask: none is asked by the answers so far, and
    none depends on an answer of this section (which may still change on this page)."""
    section_index = {page.section.pk: index for index, page in enumerate(pages)}
    for page in pages[position + 1 :]:
        for question in page.questions:
            trigger = question.show_if_question
            if trigger is None or is_visible(question, answers):
                return False
            if section_index.get(trigger.section_id, -1) >= position:
                return False
    return True


# --- Checking answers (the one function the form and the bulk entry share) --------------------


def _is_empty(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return all(_is_empty(item) for item in raw)
    return False


def _plain(number: Decimal) -> str:
    """A limit as people write it: 14, not 14.00; with the language's decimal mark."""
    if number == number.to_integral_value():
        return number_format(int(number))
    return number_format(number.normalize())


def _choice_values(question: Question) -> set[int]:
    return {choice.value for choice in question.choices.all()}


def clean_value(question: Question, raw, *, required: bool):
    """The stored form of one answer (int, list of ints, decimal string, text) or None when
    empty; raises DomainError (field = the question's code) with a message for the person."""
    field = question.code
    if _is_empty(raw):
        if not required:
            return None
        message = {
            Question.Kind.SINGLE: _("Please choose an answer."),
            Question.Kind.LIKERT: _("Please choose an answer."),
            Question.Kind.MULTIPLE: _("Please choose at least one answer."),
            Question.Kind.NUMBER: _("Please enter a number."),
        }.get(question.kind, _("Please write an answer."))
        raise DomainError(message, field=field)

    if question.kind in CHOICE_KINDS:
        if isinstance(raw, list | tuple):
            raw = [item for item in raw if not _is_empty(item)]
            if len(raw) != 1:
                raise DomainError(_("Please choose only one answer."), field=field)
            raw = raw[0]
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            value = None
        if value is None or value not in _choice_values(question):
            raise DomainError(_("Please choose one of the answers shown."), field=field)
        return value

    if question.kind == Question.Kind.MULTIPLE:
        items = raw if isinstance(raw, list | tuple) else [raw]
        allowed = _choice_values(question)
        values = set()
        for item in items:
            if _is_empty(item):
                continue
            try:
                value = int(str(item).strip())
            except (TypeError, ValueError):
                value = None
            if value is None or value not in allowed:
                raise DomainError(_("Please choose among the answers shown."), field=field)
            values.add(value)
        return sorted(values)

    if question.kind == Question.Kind.NUMBER:
        return _clean_number(question, raw)

    text = str(raw).replace("\x00", "").strip()
    if len(text) > TEXT_LIMIT:
        raise DomainError(
            ngettext(
                "Please write at most %(limit)s characters (you wrote %(count)s).",
                "Please write at most %(limit)s characters (you wrote %(count)s).",
                len(text),
            )
            % {"limit": number_format(TEXT_LIMIT), "count": number_format(len(text))},
            field=field,
        )
    return text


def _clean_number(question: Question, raw) -> str:
    field = question.code
    if isinstance(raw, bool):
        raw = None
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    # People write decimals the German way ("1,5"); a point works as well.
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise DomainError(_("Please enter a number, in digits (for example 42)."), field=field)
    if not question.number_decimals and number != number.to_integral_value():
        raise DomainError(_("Please enter a whole number, without decimals."), field=field)
    if number != number.quantize(Decimal(1).scaleb(-NUMBER_DECIMALS), rounding="ROUND_DOWN"):
        raise DomainError(
            ngettext(
                "Please enter at most %(count)s decimal place.",
                "Please enter at most %(count)s decimal places.",
                NUMBER_DECIMALS,
            )
            % {"count": NUMBER_DECIMALS},
            field=field,
        )
    low, high = question.number_min, question.number_max
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            message = _("Please enter a number from %(min)s to %(max)s.")
        elif low is not None:
            message = _("Please enter a number of at least %(min)s.")
        else:
            message = _("Please enter a number of at most %(max)s.")
        raise DomainError(
            message
            % {
                "min": _plain(low) if low is not None else "",
                "max": _plain(high) if high is not None else "",
            },
            field=field,
        )
    if abs(number) >= NUMBER_LIMIT:
        raise DomainError(_("This number is too large."), field=field)
    if number == number.to_integral_value():
        return str(int(number))
    return str(number.normalize())


def validate(
    questions: Iterable[Question], data: Mapping, *, enforce_required: bool
) -> tuple[dict, dict]:
    """Each question's stored value (None when empty) and each refused answer's message."""
    values, errors = {}, {}
    for question in questions:
        try:
            values[question.code] = clean_value(
                question, data.get(question.code), required=enforce_required and question.required
            )
        except DomainError as error:
            errors[question.code] = str(error)
    return values, errors


# --- Links, drafts and responses ---------------------------------------------------------------


def ensure_open(survey: Survey, today: datetime.date | None = None) -> None:
    """Refuse a survey that is not open today, with a message that says why."""
    today = today or timezone.localdate()
    if survey.status == Survey.Status.CLOSED or (survey.closes_on and survey.closes_on < today):
        raise SurveyNotOpen(
            _("This survey has ended, so answers can no longer be given."),
            closed=True,
        )
    if survey.status != Survey.Status.OPEN:
        raise SurveyNotOpen(_("This survey has not started yet."), closed=False)
    if survey.opens_on and survey.opens_on > today:
        raise SurveyNotOpen(
            _("This survey starts on %(date)s. Please come back then.")
            % {"date": date_format(survey.opens_on, "DATE_FORMAT")},
            closed=False,
        )


def survey_of_link(token: str) -> Survey:
    """The open survey a public or personal link leads to (for its start page: reading it
    changes nothing, so mail scanners and link previews open no drafts)."""
    link = PublicLink.objects.select_related("survey").filter(token=token).first()
    if link is not None:
        survey = link.survey
    else:
        invitation = (
            Invitation.objects.select_related("survey").filter(token_hash=hash_token(token)).first()
        )
        if invitation is None:
            raise UnknownLink(_("This link does not open a survey."))
        if invitation.status == Invitation.Status.COMPLETED:
            raise UnknownLink(_("The answers of this invitation have been sent. Thank you!"))
        survey = invitation.survey
    ensure_open(survey)
    return survey


def start(*, token: str, easy: bool = False) -> tuple[Draft, str]:
    """Open a Draft for a public link (a new one each time) or a personal invitation (its own
    Draft, resumed); returns it with a fresh resume token, the only copy of which goes to the
    respondent."""
    today = timezone.localdate()
    resume = new_token()
    link = PublicLink.objects.select_related("survey", "region").filter(token=token).first()
    if link is not None:
        ensure_open(link.survey, today)
        draft = Draft.objects.create(
            survey=link.survey,
            region=link.region,
            token_hash=hash_token(resume),
            easy=easy,
            updated_on=today,
        )
        return draft, resume

    invitation = (
        Invitation.objects.select_related("survey").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise UnknownLink(_("This link does not open a survey."))
    ensure_open(invitation.survey, today)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status == Invitation.Status.COMPLETED:
            raise UnknownLink(_("The answers of this invitation have been sent. Thank you!"))
        draft = Draft.objects.filter(invitation=invitation).first()
        if draft is not None:
            # The old resume link stops working: the invitation's link is the one to keep.
            draft.token_hash = hash_token(resume)
            draft.easy = draft.easy or easy
            draft.updated_on = today
            draft.save(update_fields=["token_hash", "easy", "updated_on"])
        else:
            draft = Draft.objects.create(
                survey=invitation.survey,
                region=invitation.region,
                invitation=invitation,
                token_hash=hash_token(resume),
                easy=easy,
                updated_on=today,
            )
            invitation.status = Invitation.Status.STARTED
            invitation.save(update_fields=["status"])
    return draft, resume


def draft_for(resume_token: str) -> Draft | None:
    """The Draft a resume link opens, with its survey and region; None for any other text."""
    if not resume_token:
        return None
    return (
        Draft.objects.select_related("survey", "region")
        .filter(token_hash=hash_token(resume_token))
        .first()
    )


def _locked(draft: Draft) -> Draft:
    locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
    if locked is None:
        raise UnknownLink(_("These answers have been sent already. Thank you!"))
    return locked


def set_easy(*, draft: Draft, easy: bool) -> Draft:
    """Switch Leichte Sprache on or off for this respondent."""
    draft.easy = bool(easy)
    draft.updated_on = timezone.localdate()
    draft.save(update_fields=["easy", "updated_on"])
    return draft


def save_section(
    *, draft: Draft, data: Mapping, move: int, pages: list[Page] | None = None
) -> Draft:
    """Check and keep the answers of the section the draft is on, then move: +1 to the next
    section asked, -1 back, 0 stay ("save and continue later"). Required answers are required
    only to go on; wrong ones are refused in every case (InvalidAnswers, nothing saved)."""
    ensure_open(draft.survey)
    pages = pages if pages is not None else pages_of(draft.survey)
    with transaction.atomic():
        locked = _locked(draft)
        answers = dict(locked.data)
        position = current_position(pages, answers, locked.position)
        if position < len(pages):
            asked = visible_questions(pages[position], answers)
            values, errors = validate(asked, data, enforce_required=move > 0)
            if errors:
                raise InvalidAnswers(errors, position=position)
            for code, value in values.items():
                if value is None:
                    answers.pop(code, None)
                else:
                    answers[code] = value
            answers = prune(_all_questions(pages), answers)
        draft.data = answers
        draft.position = _moved(pages, answers, position, move)
        draft.updated_on = timezone.localdate()
        draft.save(update_fields=["data", "position", "updated_on"])
    return draft


def _answers_of(response: Response, questions: Iterable[Question], answers: Mapping) -> list:
    rows = []
    for question in questions:
        value = answers.get(question.code)
        if value is None:
            continue
        if question.kind == Question.Kind.MULTIPLE:
            rows.extend(Answer(response=response, question=question, choice=item) for item in value)
        elif question.kind in CHOICE_KINDS:
            rows.append(Answer(response=response, question=question, choice=value))
        elif question.kind == Question.Kind.NUMBER:
            rows.append(Answer(response=response, question=question, number=Decimal(value)))
        elif value != "":
            rows.append(Answer(response=response, question=question, text=value))
    return rows


def _check_all(pages: list[Page], answers: Mapping) -> tuple[dict, dict, int | None]:
    """Every asked question's value, the refusals, and the section of the first refusal."""
    values, errors, first = {}, {}, None
    for index, page in enumerate(pages):
        page_values, page_errors = validate(
            visible_questions(page, answers), answers, enforce_required=True
        )
        values.update(page_values)
        if page_errors and first is None:
            first = index
        errors.update(page_errors)
    return values, errors, first


def submit(*, draft: Draft) -> Response:
    """Turn the Draft into a Response (anonymous: region, day and Leichte Sprache only) and
    delete it; the invitation, if any, is marked completed. A second submit of the same answers
    (two tabs) finds no Draft and is refused."""
    today = timezone.localdate()
    with transaction.atomic():
        locked = _locked(draft)
        survey = Survey.objects.get(pk=locked.survey_id)
        ensure_open(survey, today)
        pages = pages_of(survey)
        answers = prune(_all_questions(pages), locked.data)
        values, errors, first = _check_all(pages, answers)
        if errors:
            locked.position = first
            locked.save(update_fields=["position"])
            draft.position = first
            raise InvalidAnswers(errors, position=first)
        response = Response(survey=survey, region_id=locked.region_id, submitted_on=today)
        response.easy = locked.easy
        if not survey.anonymous:
            response.invitation_id = locked.invitation_id
            response.submitted_at = timezone.now()
        response.save()
        Answer.objects.bulk_create(_answers_of(response, _all_questions(pages), values))
        if locked.invitation_id:
            Invitation.objects.filter(pk=locked.invitation_id).update(
                status=Invitation.Status.COMPLETED
            )
        locked.delete()
    return response


def record_responses(*, actor, survey: Survey, region, rows: list[dict], submitted_on) -> int:
    """Store many responses at once (paper questionnaires, imports, the demo): each row
    {question code: value} is checked as the form checks it (skip logic, choices, ranges,
    required answers); any refusal names the row and refuses them all. One insert per table."""
    require(actor, "evaluation.manage_surveys", survey)
    if not survey.regions.filter(pk=region.pk).exists():
        raise DomainError(_("The survey does not cover this pilot region."), field="region")
    pages = pages_of(survey)
    questions = _all_questions(pages)
    known = {question.code for question in questions}
    checked = []
    for number, row in enumerate(rows, start=1):
        unknown = sorted(set(row) - known)
        if unknown:
            raise DomainError(
                _("Row %(row)s: the survey has no question %(code)s.")
                % {"row": number, "code": ", ".join(unknown)}
            )
        values, errors, _first = _check_all(pages, prune(questions, row))
        if errors:
            code, message = next(iter(errors.items()))
            raise DomainError(
                _("Row %(row)s, question %(code)s: %(message)s")
                % {"row": number, "code": code, "message": message},
                field=code,
            )
        checked.append(values)
    if not checked:
        return 0
    with transaction.atomic():
        responses = Response.objects.bulk_create(
            [Response(survey=survey, region=region, submitted_on=submitted_on) for _row in checked]
        )
        Answer.objects.bulk_create(
            [
                answer
                for response, values in zip(responses, checked, strict=True)
                for answer in _answers_of(response, questions, values)
            ]
        )
        audit.record(
            actor=actor,
            obj=survey,
            action="evaluation_responses_recorded",
            after={
                "region": region.pk,
                "responses": len(checked),
                "submitted_on": submitted_on.isoformat(),
            },
        )
    return len(checked)


def purge_drafts(*, today: datetime.date | None = None, days: int = 180) -> int:
    """Delete the unfinished answers of surveys that ended and those untouched for `days`."""
    today = today or timezone.localdate()
    stale = Draft.objects.filter(updated_on__lt=today - datetime.timedelta(days=days))
    ended = Draft.objects.filter(survey__status=Survey.Status.CLOSED) | Draft.objects.filter(
        survey__closes_on__lt=today
    )
    count, _detail = (stale | ended).delete()
    return count
