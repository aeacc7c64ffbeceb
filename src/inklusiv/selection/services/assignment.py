"""Who reviews which application: by hand, or automatically with the optimiser.

The automatic assignment covers one group of applications in the stage: those in review; if
none is in review yet, those ready for it (formally eligible, or advanced from the previous
stage); if there are none of those either, the submitted ones (a call without a formal check).
Unchecked applications never get reviewers while checked ones wait, so no effort is spent on
applications that may turn out ineligible.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Stage
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from .. import assignment_solver as optimiser
from ..models import Assignment, CommissionMember, Review
from .commission import stage_conflicts

# Statuses in which an application can be given reviewers by hand.
ASSIGNABLE = (Status.SUBMITTED, Status.ELIGIBLE, Status.ADVANCED, Status.IN_REVIEW)
# The groups the automatic assignment tries, in order (see the module docstring).
AUTOMATIC_GROUPS = (
    (Status.IN_REVIEW,),
    (Status.ELIGIBLE, Status.ADVANCED),
    (Status.SUBMITTED,),
)
# The min-cost flow is exact and takes well under a second at 500 × 40 (bench/README.md);
# CP-SAT ("cp-sat") is the alternative, bounded by the time limit.
METHOD = "flow"
TIME_LIMIT_SECONDS = 20.0


class AssignmentImpossible(DomainError):
    """No valid assignment exists; `reasons` are sentences the staff understand."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass
class AutoAssignResult:
    assignments: list[Assignment]
    applications: int
    k: int
    expertise: int = 0
    matching: int = 0
    max_load: int = 0
    loads: dict[int, int] = field(default_factory=dict)
    optimal: bool = True
    seconds: float = 0.0
    objective: float = 0.0


def _require_manager(actor) -> None:
    if not actor.has_perm("selection.manage_procedure"):
        raise PermissionDenied


def effective_limit(member: CommissionMember, stage: Stage) -> int | None:
    """The member's own limit, else the stage's, else none."""
    if member.max_reviews is not None:
        return member.max_reviews
    return stage.max_reviews_per_reviewer


def automatic_pool(stage: Stage):
    """The applications the automatic assignment covers, and their statuses."""
    present = set(
        Application.objects.filter(stage=stage).values_list("status", flat=True).distinct()
    )
    for group in AUTOMATIC_GROUPS:
        if present & set(group):
            return (
                Application.objects.filter(stage=stage, status__in=group)
                .select_related("organisation", "concept")
                .order_by("reference", "pk"),
                group,
            )
    return Application.objects.none(), ()


def loads(stage: Stage) -> dict[int, int]:
    """Assignments per reviewer in the stage, counting only applications still running."""
    rows = (
        Assignment.objects.filter(stage=stage)
        .exclude(application__status__in=[Status.WITHDRAWN, Status.INELIGIBLE])
        .values_list("reviewer_id", flat=True)
    )
    counted: dict[int, int] = defaultdict(int)
    for reviewer_id in rows:
        counted[reviewer_id] += 1
    return counted


def assign(*, actor, stage: Stage, application: Application, reviewer) -> Assignment:
    """Assign `reviewer` (a member of the stage's commission) to `application` by hand."""
    _require_manager(actor)
    if application.stage_id != stage.pk:
        raise DomainError(_("This application is not in this stage."))
    if application.status not in ASSIGNABLE:
        raise DomainError(
            _("Applications that are “%(status)s” get no reviewers.")
            % {"status": application.get_status_display()}
        )
    with transaction.atomic():
        member = (
            CommissionMember.objects.select_for_update().filter(stage=stage, user=reviewer).first()
        )
        if member is None:
            raise DomainError(
                _("%(name)s is not a member of this stage's commission.") % {"name": reviewer},
                field="reviewer",
            )
        conflict = stage_conflicts([reviewer.pk], [application]).get((application.pk, reviewer.pk))
        if conflict:
            raise DomainError(
                _("%(name)s has a conflict of interest with %(application)s.")
                % {"name": reviewer, "application": application},
                field="reviewer",
            )
        if Assignment.objects.filter(
            stage=stage, application=application, reviewer=reviewer
        ).exists():
            raise DomainError(
                _("%(name)s is already assigned to %(application)s.")
                % {"name": reviewer, "application": application},
                field="reviewer",
            )
        limit = effective_limit(member, stage)
        if limit is not None and loads(stage).get(reviewer.pk, 0) >= limit:
            raise DomainError(
                ngettext(
                    "%(name)s has reached the limit of %(limit)s review.",
                    "%(name)s has reached the limit of %(limit)s reviews.",
                    limit,
                )
                % {"name": reviewer, "limit": limit},
                field="reviewer",
            )
        assignment = Assignment.objects.create(
            stage=stage,
            application=application,
            reviewer=reviewer,
            method=Assignment.Method.MANUAL,
            assigned_by=actor,
        )
        audit.record(
            actor=actor,
            obj=assignment,
            action="assignment_added",
            after={"stage": stage.pk, "application": application.pk, "reviewer": reviewer.pk},
        )
    return assignment


def unassign(*, actor, assignment: Assignment) -> None:
    """Remove an assignment; refused once the reviewer has submitted the review."""
    _require_manager(actor)
    with transaction.atomic():
        locked = (
            Assignment.objects.select_for_update()
            .select_related("reviewer", "application")
            .get(pk=assignment.pk)
        )
        if Review.objects.filter(
            stage_id=locked.stage_id,
            application_id=locked.application_id,
            reviewer_id=locked.reviewer_id,
            status=Review.Status.SUBMITTED,
        ).exists():
            raise DomainError(
                _("%(name)s has already submitted the review of %(application)s.")
                % {"name": locked.reviewer, "application": locked.application}
            )
        audit.record(
            actor=actor,
            obj=locked,
            action="assignment_removed",
            before={
                "stage": locked.stage_id,
                "application": locked.application_id,
                "reviewer": locked.reviewer_id,
                "method": locked.method,
            },
        )
        locked.delete()


def build_problem(stage: Stage, k: int | None = None):
    """The stage's assignment problem for the optimiser, read in a fixed number of queries.

    Returns (problem, applications by id, members by user id, conflicts).
    """
    k = k or stage.reviewers_per_application
    pool, _group = automatic_pool(stage)
    applications = {application.pk: application for application in pool}
    members = {
        member.user_id: member
        for member in CommissionMember.objects.filter(stage=stage).select_related("user")
    }
    conflicts = stage_conflicts(members, applications.values(), ids=pool.values("pk"))
    current = loads(stage)
    existing = set(
        Assignment.objects.filter(
            stage=stage, application_id__in=pool.values("pk"), reviewer_id__in=list(members)
        ).values_list("application_id", "reviewer_id")
    )
    # A conflict found after an assignment was made (e.g. the member joined the partner
    # organisation since) does not count towards k: that review cannot be used.
    existing -= set(conflicts)
    problem = optimiser.Problem(
        k=k,
        applications={
            pk: frozenset(fields_of_action(application)) for pk, application in applications.items()
        },
        reviewers={
            user_id: optimiser.Reviewer(
                expertise=frozenset(member.expertise or ()),
                limit=effective_limit(member, stage),
                load=current.get(user_id, 0),
            )
            for user_id, member in members.items()
        },
        conflicts=set(conflicts),
        existing=existing,
    )
    return problem, applications, members, conflicts


def fields_of_action(application) -> list[str]:
    try:
        return application.concept.fields_of_action or []
    except Application.concept.RelatedObjectDoesNotExist:
        return []


def _reviews(count: int) -> str:
    return ngettext("%(count)s review", "%(count)s reviews", count) % {"count": count}


def _explain(reason: optimiser.Reason, applications, k: int) -> str:
    if reason.kind == "too_few_members":
        return ngettext(
            "The commission of this stage has %(available)s member, but each application "
            "needs %(needed)s reviewers.",
            "The commission of this stage has %(available)s members, but each application "
            "needs %(needed)s reviewers.",
            reason.available,
        ) % {"available": reason.available, "needed": reason.needed}
    if reason.kind == "application":
        return ngettext(
            "%(application)s has only %(available)s reviewer without a conflict and within "
            "their limit, %(needed)s are needed.",
            "%(application)s has only %(available)s reviewers without a conflict and within "
            "their limit, %(needed)s are needed.",
            reason.available,
        ) % {
            "application": applications[reason.application],
            "available": reason.available,
            "needed": reason.needed,
        }
    if reason.kind == "capacity":
        if reason.existing:
            return ngettext(
                "%(applications)s application needs %(reviews)s, but the members' limits "
                "allow only %(capacity)s more.",
                "%(applications)s applications need %(reviews)s, but the members' limits "
                "allow only %(capacity)s more.",
                reason.applications,
            ) % {
                "applications": reason.applications,
                "reviews": ngettext(
                    "%(count)s more review", "%(count)s more reviews", reason.needed
                )
                % {"count": reason.needed},
                "capacity": reason.capacity,
            }
        return ngettext(
            "%(applications)s application × %(per_application)s = %(reviews)s, but the "
            "members' limits allow only %(capacity)s.",
            "%(applications)s applications × %(per_application)s = %(reviews)s, but the "
            "members' limits allow only %(capacity)s.",
            reason.applications,
        ) % {
            "applications": reason.applications,
            "per_application": _reviews(k),
            "reviews": _reviews(reason.needed),
            "capacity": reason.capacity,
        }
    if reason.kind == "timeout":
        return ngettext(
            "No assignment was found within %(seconds)s second. Please try again, or raise "
            "the members' limits.",
            "No assignment was found within %(seconds)s seconds. Please try again, or raise "
            "the members' limits.",
            int(TIME_LIMIT_SECONDS),
        ) % {"seconds": int(TIME_LIMIT_SECONDS)}
    return _(
        "No assignment meets all conditions at once: the members without a conflict for some "
        "applications do not have enough room within their limits. Raise limits, add members "
        "or lower the number of reviewers per application."
    )


def auto_assign(*, actor, stage: Stage, k: int | None = None) -> AutoAssignResult:
    """Give every application in the pool k reviewers with the optimiser; keep existing ones.

    Raises AssignmentImpossible (and creates nothing) when no valid assignment exists.
    """
    _require_manager(actor)
    k = k or stage.reviewers_per_application
    if k < 1:
        raise DomainError(_("Each application needs at least one reviewer."))
    with transaction.atomic():
        # One run at a time per stage: the lock keeps two staff members from assigning twice.
        Stage.objects.select_for_update().get(pk=stage.pk)
        problem, applications, members, _conflicts = build_problem(stage, k)
        try:
            solution = optimiser.solve(problem, method=METHOD, time_limit=TIME_LIMIT_SECONDS)
        except optimiser.Infeasible as infeasible:
            raise AssignmentImpossible(
                [_explain(reason, applications, k) for reason in infeasible.reasons]
            ) from None
        created = Assignment.objects.bulk_create(
            [
                Assignment(
                    stage=stage,
                    application_id=application_id,
                    reviewer_id=user_id,
                    method=Assignment.Method.AUTOMATIC,
                    assigned_by=actor,
                )
                for application_id, user_id in solution.new
            ]
        )
        matching = sum(1 for a, r in solution.new if problem.overlap(a, r))
        result = AutoAssignResult(
            assignments=created,
            applications=len(applications),
            k=k,
            expertise=solution.expertise,
            matching=matching,
            max_load=solution.max_load,
            loads=solution.loads,
            optimal=solution.optimal,
            seconds=round(solution.seconds, 2),
            objective=solution.objective,
        )
        audit.record(
            actor=actor,
            obj=stage,
            action="assignment_automatic",
            after={
                "created": len(created),
                "applications": len(applications),
                "k": k,
                "pairs": [[a, r] for a, r in solution.new],
                "expertise_match": solution.expertise,
                "new_with_matching_expertise": matching,
                "max_load": solution.max_load,
                "loads": {str(user_id): load for user_id, load in solution.loads.items()},
                "optimal": solution.optimal,
                "seconds": result.seconds,
                "method": METHOD,
                "objective": solution.objective,
            },
        )
    return result


def violations(stage: Stage, k: int | None = None) -> list[str]:
    """What is wrong with the stage's current assignments for its pool ([] = valid)."""
    problem, _applications, _members, conflicts = build_problem(stage, k)
    pairs = list(
        Assignment.objects.filter(
            stage=stage, application_id__in=list(problem.applications)
        ).values_list("application_id", "reviewer_id")
    )
    # The problem's loads already include today's assignments; check limits from scratch.
    fresh = optimiser.Problem(
        k=problem.k,
        applications=problem.applications,
        reviewers={
            key: optimiser.Reviewer(expertise=r.expertise, limit=r.limit)
            for key, r in problem.reviewers.items()
        },
        conflicts=set(conflicts),
    )
    return optimiser.violations(fresh, pairs)
