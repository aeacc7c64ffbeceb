"""Formal check, start of the review, and the decisions of a stage (single and in a batch).

Every status change goes through applications/workflow.py; a decision is that transition
plus a Decision row and an audit entry, in one transaction. Decisions send no e-mail: the
letters do (services/letters.py), once staff have checked the texts.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.applications import workflow
from inklusiv.applications.models import Application, Status
from inklusiv.applications.services import notify_members
from inklusiv.calls.models import Stage
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from ..models import Decision, Outcome, Review
from ..ranking import rank

PERMISSION = "selection.decide"


class QuotaExceeded(DomainError):
    """More applications would go on than the stage's quota; staff may confirm to exceed it."""

    def __init__(self, message, *, total: int, quota: int):
        super().__init__(message, field="confirm_over_quota")
        self.total = total
        self.quota = quota


def _require(actor) -> None:
    if not (actor and actor.has_perm(PERMISSION)):
        raise PermissionDenied


def positive_outcome(stage: Stage) -> str:
    """What "going on" means in this stage: advance, or select on the last stage."""
    return Outcome.SELECT if stage.is_last else Outcome.ADVANCE


def negative_outcome(stage: Stage) -> str:
    return Outcome.REJECT if stage.is_last else Outcome.DECLINE


def outcomes_for(stage: Stage) -> list[tuple[str, str]]:
    """The outcome choices valid for an application in `stage`."""
    labels = dict(Outcome.choices)
    return [(value, labels[value]) for value in (positive_outcome(stage), negative_outcome(stage))]


def _advanced_so_far(stage: Stage) -> int:
    return Decision.objects.filter(
        stage=stage, outcome__in=(Outcome.ADVANCE, Outcome.SELECT)
    ).count()


def quota_problem(stage: Stage, adding: int) -> QuotaExceeded | None:
    """The warning when `adding` more positive decisions would exceed the stage's quota."""
    if stage.quota is None or adding <= 0:
        return None
    total = _advanced_so_far(stage) + adding
    if total <= stage.quota:
        return None
    return QuotaExceeded(
        ngettext(
            "The quota of this stage is %(quota)s, but %(total)s application would go on "
            "(including earlier decisions). Confirm that you want to exceed the quota.",
            "The quota of this stage is %(quota)s, but %(total)s applications would go on "
            "(including earlier decisions). Confirm that you want to exceed the quota.",
            total,
        )
        % {"quota": stage.quota, "total": total},
        total=total,
        quota=stage.quota,
    )


# --- formal check and start of the review -----------------------------------------------


def check_formally(*, actor, application: Application, eligible: bool, reason: str = ""):
    """Mark a submitted application formally eligible or ineligible (a reason is required)."""
    _require(actor)
    if not eligible and not reason.strip():
        raise DomainError(_("Please say why the application is ineligible."), field="reason")
    with transaction.atomic():
        checked = workflow.apply(
            application,
            "mark_eligible" if eligible else "mark_ineligible",
            actor=actor,
            reason=reason.strip(),
        )
        if not eligible:
            # Ineligible ends the procedure: the applicant hears it at once, with the reason.
            # Eligible applications just go on; their status is on the dashboard.
            notify_members(
                checked,
                template="applications/email/ineligible",
                context={"application": checked, "reason": reason.strip()},
            )
        return checked


def mark_remaining_eligible(*, actor, stage: Stage) -> int:
    """Mark every application still waiting for the formal check in `stage` eligible."""
    _require(actor)
    with transaction.atomic():
        waiting = list(
            Application.objects.filter(stage=stage, status=Status.SUBMITTED).order_by("pk")
        )
        for application in waiting:
            workflow.apply(application, "mark_eligible", actor=actor)
    return len(waiting)


def start_review(*, actor, application: Application) -> Application:
    """Put one eligible (or just advanced) application into review in its current stage."""
    _require(actor)
    with transaction.atomic():
        return workflow.apply(application, "start_review", actor=actor)


def start_review_for_stage(*, actor, stage: Stage) -> int:
    """Start the review for every eligible or just advanced application of `stage`."""
    _require(actor)
    with transaction.atomic():
        ready = list(
            Application.objects.filter(
                stage=stage, status__in=(Status.ELIGIBLE, Status.ADVANCED)
            ).order_by("pk")
        )
        for application in ready:
            workflow.apply(application, "start_review", actor=actor)
    return len(ready)


# --- decisions ----------------------------------------------------------------------------


def _record(
    *, actor, application: Application, stage: Stage, outcome: str, reason: str, allowed: set
):
    """Transition and Decision row; the caller holds the transaction and has worked out the
    stage's `allowed` outcomes once (a batch records many decisions in one stage)."""
    if Decision.objects.filter(application=application, stage=stage).exists():
        raise DomainError(
            _("%(application)s already has a decision in this stage.")
            % {"application": application}
        )
    if outcome not in allowed:
        raise DomainError(
            _("“%(outcome)s” is not a possible decision in this stage.")
            % {"outcome": dict(Outcome.choices).get(outcome, outcome)},
            field="outcome",
        )
    workflow.apply(application, outcome, actor=actor, reason=reason)
    decision = Decision.objects.create(
        application=application,
        stage=stage,
        outcome=outcome,
        reason=reason,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        obj=application,
        action="decision_recorded",
        after={"stage": stage.pk, "outcome": outcome, "decision": decision.pk},
        reason=reason,
    )
    return decision


def decide(
    *,
    actor,
    application: Application,
    outcome: str,
    reason: str = "",
    confirm_over_quota: bool = False,
) -> Decision:
    """Decide one application in its current stage; exceeding the quota needs confirmation."""
    _require(actor)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason for the decision."), field="reason")
    with transaction.atomic():
        # Quota places are scarce: the stage row serialises concurrent decisions on it. It is
        # locked before the application, in the same order as decide_batch (no deadlock).
        stage_id = Application.objects.values_list("stage_id", flat=True).get(pk=application.pk)
        stage = Stage.objects.select_for_update().select_related("call").get(pk=stage_id)
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.stage_id != stage.pk:
            raise DomainError(_("The application has just moved on; please reload the page."))
        if outcome == positive_outcome(stage) and not confirm_over_quota:
            problem = quota_problem(stage, 1)
            if problem:
                raise problem
        return _record(
            actor=actor,
            application=locked,
            stage=stage,
            outcome=outcome,
            reason=reason,
            allowed=set(dict(outcomes_for(stage))),
        )


def candidates(stage: Stage):
    """Applications of `stage` waiting for its decision (in review, no decision yet)."""
    return Application.objects.filter(stage=stage, status=Status.IN_REVIEW).exclude(
        decisions__stage=stage
    )


def decide_batch(
    *,
    actor,
    stage: Stage,
    advance: Iterable[int],
    reason_advance: str = "",
    reason_decline: str = "",
    confirm_over_quota: bool = False,
) -> list[Decision]:
    """Advance (or select) the applications in `advance`, decline (or reject) every other
    application of `stage` still in review – all or nothing, in one transaction."""
    _require(actor)
    advance = set(advance)
    reason_advance, reason_decline = reason_advance.strip(), reason_decline.strip()
    with transaction.atomic():
        # Quota places are scarce: the stage row serialises concurrent decisions on it.
        stage = Stage.objects.select_for_update().select_related("call").get(pk=stage.pk)
        pending = list(candidates(stage).select_for_update().select_related("stage").order_by("pk"))
        pending_ids = {application.pk for application in pending}
        unknown = advance - pending_ids
        if unknown:
            raise DomainError(
                ngettext(
                    "%(count)s of the chosen applications is not waiting for a decision in "
                    "this stage.",
                    "%(count)s of the chosen applications are not waiting for a decision in "
                    "this stage.",
                    len(unknown),
                )
                % {"count": len(unknown)}
            )
        if not pending:
            raise DomainError(_("No application of this stage is waiting for a decision."))
        if advance and not reason_advance:
            raise DomainError(
                _("Please give a reason for the applications that go on."), field="reason_advance"
            )
        if pending_ids - advance and not reason_decline:
            raise DomainError(
                _("Please give a reason for the applications that do not go on."),
                field="reason_decline",
            )
        if not confirm_over_quota:
            problem = quota_problem(stage, len(advance))
            if problem:
                raise problem
        go_on, stop = positive_outcome(stage), negative_outcome(stage)
        decisions = []
        for application in pending:
            chosen = application.pk in advance
            decisions.append(
                _record(
                    actor=actor,
                    application=application,
                    stage=stage,
                    outcome=go_on if chosen else stop,
                    reason=reason_advance if chosen else reason_decline,
                    allowed={go_on, stop},
                )
            )
        audit.record(
            actor=actor,
            obj=stage,
            action="selection_batch_decision",
            after={"advanced": len(advance), "declined": len(pending) - len(advance)},
        )
    return decisions


# --- the order for "advance the top N" -----------------------------------------------------


def _by_mean_total(stage: Stage, applications) -> list[int]:
    """Fallback order: mean submitted review total, best first; unreviewed last."""
    means = dict(
        Review.objects.filter(
            stage=stage, application__in=applications, status=Review.Status.SUBMITTED
        )
        .values("application")
        .annotate(mean=Avg("total"))
        .values_list("application", "mean")
    )
    ids = [application.pk for application in applications]
    return sorted(ids, key=lambda pk: (means.get(pk) is None, -(means.get(pk) or 0), pk))


def ranked_candidates(stage: Stage) -> list[tuple[int, int | None, bool]]:
    """(application id, rank, tied) of the applications waiting for a decision, best first.

    Uses the stage's ranking (selection.ranking.rank) when it is there, so the batch and the
    ranking page agree (ties share a rank); otherwise the mean of the submitted reviews'
    totals, without ranks. Applications the ranking leaves out come last.
    """
    waiting = list(candidates(stage).only("pk"))
    waiting_ids = {application.pk for application in waiting}
    ranked = [
        (row.application.pk, row.rank, row.tied)
        for row in rank(stage)
        if row.application.pk in waiting_ids
    ]
    seen = {pk for pk, _rank, _tied in ranked}
    return ranked + [(pk, None, False) for pk in _by_mean_total(stage, waiting) if pk not in seen]


def ranked_candidate_ids(stage: Stage) -> list[int]:
    """Ids of the applications waiting for a decision, best first (see ranked_candidates)."""
    return [pk for pk, _rank, _tied in ranked_candidates(stage)]
