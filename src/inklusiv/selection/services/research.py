"""Research notes and open questions on an application: added by those who may read it in
the procedure, questions answered by funder staff and programme experts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.applications.models import Application
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require

from ..models import OpenQuestion, ResearchNote

# Only web links: a javascript: or file: "source" would be a trap for the next reader.
_url = URLValidator(schemes=["http", "https"])
ANSWER_STATUSES = (OpenQuestion.Status.ANSWERED, OpenQuestion.Status.DROPPED)


def _text(value: str, *, field: str, limit: int, missing: str, too_long: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        raise DomainError(too_long, field=field)
    return value


def add_note(*, actor, application: Application, source_url: str, finding: str) -> ResearchNote:
    _require(actor, "selection.add_research", application)
    source_url = (source_url or "").strip()
    if source_url:
        if len(source_url) > 500:
            raise DomainError(_("The link is longer than 500 characters."), field="source_url")
        try:
            _url(source_url)
        except ValidationError:
            raise DomainError(
                _(
                    "Please enter a complete web address starting with https:// or http://, "
                    "for example https://www.neuruppin.de/."
                ),
                field="source_url",
            ) from None
    finding = _text(
        finding,
        field="finding",
        limit=5000,
        missing=_("Please describe what you found."),
        too_long=_("The finding is longer than 5,000 characters."),
    )
    with transaction.atomic():
        note = ResearchNote.objects.create(
            application=application, author=actor, source_url=source_url, finding=finding
        )
        audit.record(
            actor=actor,
            obj=application,
            action="research_note_added",
            after={"note": note.pk, "source_url": source_url},
        )
    return note


def add_question(*, actor, application: Application, text: str) -> OpenQuestion:
    _require(actor, "selection.add_research", application)
    text = _text(
        text,
        field="text",
        limit=2000,
        missing=_("Please write the question."),
        too_long=_("The question is longer than 2,000 characters."),
    )
    with transaction.atomic():
        question = OpenQuestion.objects.create(application=application, author=actor, text=text)
        audit.record(
            actor=actor,
            obj=application,
            action="open_question_added",
            after={"question": question.pk, "text": text},
        )
    return question


def answer_question(
    *, actor, question: OpenQuestion, answer: str, status: str = OpenQuestion.Status.ANSWERED
) -> OpenQuestion:
    """Record the answer (status answered) or that it no longer matters (status dropped)."""
    # Staff and programme experts clarify questions, and only without a conflict.
    _require(actor, "selection.view_procedure")
    _require(actor, "selection.view_application", question.application)
    if status not in ANSWER_STATUSES:
        raise DomainError(_("Please choose whether the question is answered or dropped."))
    answer = (answer or "").strip()
    if status == OpenQuestion.Status.ANSWERED and not answer:
        raise DomainError(_("Please write the answer."), field="answer")
    if len(answer) > 5000:
        raise DomainError(_("The answer is longer than 5,000 characters."), field="answer")
    with transaction.atomic():
        locked = OpenQuestion.objects.select_for_update().get(pk=question.pk)
        before = {"status": locked.status, "answer": locked.answer}
        locked.status = status
        locked.answer = answer
        locked.answered_by = actor
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        audit.record(
            actor=actor,
            obj=locked.application,
            action="open_question_answered",
            before=before,
            after={"question": locked.pk, "status": status, "answer": answer},
        )
    return locked
