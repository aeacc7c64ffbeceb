"""The agenda of an on-site meeting, its minutes with the answers to the open questions, the
expert's assessment (a review of the application in the visit's stage, so that it feeds the
stage's ranking), and the deletion of accessibility needs once a meeting is over."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.accounts.rules import is_funder_staff
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.selection import conflicts
from inklusiv.selection.models import Assignment, OpenQuestion, ResearchNote
from inklusiv.selection.services import research

from ..models import AccessibilityNeed, Participant, Visit

MINUTES_LIMIT = 30000
ANSWER_LIMIT = 5000
ANSWER_STATUSES = tuple(OpenQuestion.Status.values)
# The funder's side first, then the applicant's, as an agenda lists those present.
KIND_ORDER = [
    Participant.Kind.EXPERT,
    Participant.Kind.COMMISSION,
    Participant.Kind.CONTACT,
    Participant.Kind.PARTNER,
]


class MinutesConflict(DomainError):
    """The minutes were saved elsewhere since the form was loaded; carries what was saved so
    the page can show both texts and nothing typed is lost."""

    def __init__(self, message, *, current: Visit):
        super().__init__(message)
        self.current = current
        self.minutes = current.minutes
        self.revision = current.revision


@dataclass
class ApplicationSummary:
    organisation: str
    reference: str
    social_space: str
    population: int | None
    fields_of_action: list[str]
    # (name, kind of organisation, role in the network)
    partners: list[tuple[str, str, str]]


@dataclass
class Agenda:
    visit: Visit
    summary: ApplicationSummary
    questions: list[OpenQuestion]
    # The commission's research is internal: empty for applicant-side readers.
    research_notes: list[ResearchNote]
    participants: list[Participant]
    internal: bool
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    place: str = ""
    notes: list[str] = field(default_factory=list)


def is_internal_reader(user, visit: Visit) -> bool:
    """Organisers and the meeting's expert or commission participants read the research."""
    if not (user and user.is_authenticated):
        return False
    if conflicts.has_conflict(user, visit.application):
        return False
    if user.has_perm("visits.organise_visit", visit):
        return True
    return Participant.objects.filter(
        visit=visit,
        user=user,
        kind__in=[Participant.Kind.EXPERT, Participant.Kind.COMMISSION],
    ).exists()


def _summary(application) -> ApplicationSummary:
    from inklusiv.applications.models import FieldOfAction

    space = getattr(application, "social_space", None)
    concept = getattr(application, "concept", None)
    labels = dict(FieldOfAction.choices)
    space_text = ""
    if space is not None:
        space_text = f"{space.name}, {space.get_kind_display()} ({space.get_state_display()})"
    return ApplicationSummary(
        organisation=application.organisation.name,
        reference=application.reference,
        social_space=space_text,
        population=space.population if space is not None else None,
        fields_of_action=[
            str(labels.get(code, code)) for code in (concept.fields_of_action if concept else [])
        ],
        partners=[
            (partner.name, partner.get_kind_display(), partner.role)
            for partner in application.partners.all()
        ],
    )


def agenda(visit: Visit, *, for_user) -> Agenda:
    """What the meeting is about, for one reader: the open questions from the application and
    the commission's research; the research notes themselves only for internal readers."""
    application = visit.application
    internal = is_internal_reader(for_user, visit)
    questions = list(OpenQuestion.objects.filter(application=application).select_related("author"))
    notes = (
        list(ResearchNote.objects.filter(application=application).select_related("author"))
        if internal
        else []
    )
    participants = sorted(
        visit.participants.all(), key=lambda person: (KIND_ORDER.index(person.kind), person.name)
    )
    return Agenda(
        visit=visit,
        summary=_summary(application),
        questions=questions,
        research_notes=notes,
        participants=participants,
        internal=internal,
        start=visit.start,
        end=visit.end,
        place=visit.address,
    )


# --- the assessment -----------------------------------------------------------------------


def ensure_assessor(*, actor, visit: Visit, expert) -> Assignment:
    """Make `expert` a reviewer of the application in the visit's stage (the on-site
    assessment is their review, so the stage's ranking counts it without code of its own)."""
    if not actor.has_perm("visits.record_minutes", visit):
        raise PermissionDenied
    if not Participant.objects.filter(
        visit=visit, user=expert, kind=Participant.Kind.EXPERT
    ).exists():
        raise DomainError(_("Only an expert taking part in the meeting can assess it."))
    if conflicts.has_conflict(expert, visit.application):
        raise DomainError(
            _("%(name)s has a conflict of interest with this application and cannot assess it.")
            % {"name": expert}
        )
    if visit.status == Visit.Status.CANCELLED:
        raise DomainError(_("The meeting has been cancelled; it cannot be assessed."))
    stage = visit.round.stage
    application = visit.application
    if application.stage_id != stage.pk:
        raise DomainError(
            _("The application is no longer in this stage; the meeting can no longer be assessed.")
        )
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(
            stage=stage,
            application=application,
            reviewer=expert,
            defaults={"method": Assignment.Method.MANUAL, "assigned_by": actor},
        )
        if created:
            audit.record(
                actor=actor,
                obj=assignment,
                action="assignment_added",
                after={"stage": stage.pk, "application": application.pk, "reviewer": expert.pk},
                reason="on-site meeting",
            )
    return assignment


# --- the minutes --------------------------------------------------------------------------


def _check_answers(visit: Visit, answers: dict) -> dict[int, tuple[OpenQuestion, str, str]]:
    questions = {
        question.pk: question
        for question in OpenQuestion.objects.filter(application=visit.application)
    }
    checked = {}
    for pk, (status, answer) in answers.items():
        question = questions.get(int(pk))
        if question is None:
            raise DomainError(_("An answer refers to a question of another application."))
        answer = (answer or "").strip()
        if status not in ANSWER_STATUSES:
            raise DomainError(
                _("Please choose whether the question is answered or dropped."),
                field=f"status_{question.pk}",
            )
        if status == OpenQuestion.Status.OPEN:
            if question.status != OpenQuestion.Status.OPEN:
                raise DomainError(
                    _("A question that has been clarified cannot be opened again here."),
                    field=f"status_{question.pk}",
                )
            if answer:
                # Typed text must not vanish silently: an open question keeps no answer.
                raise DomainError(
                    _("To keep the answer, choose “Answered”; otherwise clear the text."),
                    field=f"status_{question.pk}",
                )
            continue
        if status == OpenQuestion.Status.ANSWERED and not answer:
            raise DomainError(_("Please write the answer."), field=f"answer_{question.pk}")
        if len(answer) > ANSWER_LIMIT:
            raise DomainError(
                _("The answer is longer than 5,000 characters."), field=f"answer_{question.pk}"
            )
        if status == question.status and answer == question.answer:
            continue
        checked[question.pk] = (question, status, answer)
    return checked


def _may_mark_held(actor, visit: Visit, now: datetime.datetime) -> None:
    if visit.status == Visit.Status.CANCELLED:
        raise DomainError(
            _("The meeting has been cancelled, so it cannot be marked as held."), field="held"
        )
    if visit.status != Visit.Status.CONFIRMED or visit.start is None:
        raise DomainError(
            _("Only a confirmed meeting can be marked as held."),
            field="held",
        )
    if visit.start <= now:
        return
    # Staff may close a meeting on its day (e.g. typing the minutes in the morning after a
    # meeting rescheduled by phone); experts once it has begun.
    today = timezone.localdate(now)
    if is_funder_staff(actor) and timezone.localtime(visit.start).date() <= today:
        return
    raise DomainError(
        _("The meeting can be marked as held once it has begun."),
        field="held",
    )


def record_minutes(
    *,
    actor,
    visit: Visit,
    revision: int,
    minutes: str,
    answers: dict[int, tuple[str, str]],
    held: bool,
) -> Visit:
    """Save the minutes and the answers to the open questions; `held` marks the meeting as
    held and deletes its accessibility needs.

    `revision` is the visit's revision the form was loaded with: a save based on an older one
    raises MinutesConflict. `answers` maps OpenQuestion ids to (status, answer); status
    "open" leaves a question open, unchanged answers are skipped.
    """
    if not actor.has_perm("visits.record_minutes", visit):
        raise PermissionDenied
    minutes = (minutes or "").strip()
    if len(minutes) > MINUTES_LIMIT:
        raise DomainError(_("The minutes are longer than 30,000 characters."), field="minutes")
    checked = _check_answers(visit, answers or {})
    now = timezone.now()
    with transaction.atomic():
        locked = Visit.objects.select_for_update().get(pk=visit.pk)
        if locked.revision != revision:
            raise MinutesConflict(
                _(
                    "Someone else saved the minutes (or you did, in another tab) while you were "
                    "writing. Your text is still in the form below; what was saved is shown "
                    "above it. Compare both, then save again."
                ),
                current=locked,
            )
        mark_held = held and locked.status != Visit.Status.HELD
        if mark_held:
            _may_mark_held(actor, locked, now)
        for question, status, answer in checked.values():
            # selection checks who may answer (staff and programme experts without conflict).
            research.answer_question(actor=actor, question=question, answer=answer, status=status)
        before = {
            "revision": locked.revision,
            "status": locked.status,
            "minutes": locked.minutes,
        }
        locked.minutes = minutes
        locked.minutes_by = actor
        locked.minutes_at = now
        locked.revision = locked.revision + 1
        fields = ["minutes", "minutes_by", "minutes_at", "revision", "updated_at"]
        if mark_held:
            locked.status = Visit.Status.HELD
            fields.append("status")
        locked.save(update_fields=fields)
        audit.record(
            actor=actor,
            obj=locked,
            action="visit_minutes_saved",
            before=before,
            after={
                "revision": locked.revision,
                "status": locked.status,
                "minutes": locked.minutes,
                "answered": sorted(checked),
            },
        )
        if mark_held:
            _purge_visits([locked.pk])
    return locked


# --- accessibility needs ------------------------------------------------------------------


def _purge_visits(visit_ids: list[int]) -> int:
    needs = AccessibilityNeed.objects.filter(participant__visit_id__in=visit_ids)
    per_visit: dict[int, int] = {}
    for visit_id in needs.values_list("participant__visit_id", flat=True):
        per_visit[visit_id] = per_visit.get(visit_id, 0) + 1
    if not per_visit:
        return 0
    _total, deleted = needs.delete()
    for visit in Visit.objects.filter(pk__in=per_visit).select_related("application"):
        # Logged without content: the needs themselves are health data.
        audit.record(
            actor=None,
            obj=visit,
            action="accessibility_needs_deleted",
            after={"count": per_visit[visit.pk]},
            reason="meeting over",
        )
    return deleted.get(AccessibilityNeed._meta.label, 0)


def purge_accessibility_needs(*, now: datetime.datetime | None = None) -> int:
    """Delete the accessibility needs of meetings that are over: held, cancelled, ended, or
    never fixed in a round whose window has closed. Returns how many were deleted."""
    now = now or timezone.now()
    candidates = (
        Visit.objects.filter(participants__accessibility_need__isnull=False)
        .filter(
            Q(status__in=[Visit.Status.HELD, Visit.Status.CANCELLED])
            | Q(start__lt=now)
            | Q(start__isnull=True, round__window_end__lt=now)
        )
        .distinct()
        .only("pk", "status", "start", "duration_minutes")
    )
    over = [
        visit.pk
        for visit in candidates
        if visit.status in (Visit.Status.HELD, Visit.Status.CANCELLED)
        or visit.start is None
        or visit.end < now
    ]
    with transaction.atomic():
        return _purge_visits(over)
