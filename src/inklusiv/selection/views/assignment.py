"""The assignment page of a stage: reviewers by hand, and the automatic assignment.

Funder staff only: the page names applications and who reviews them.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from inklusiv.accounts.models import User
from inklusiv.applications.models import Application, FieldOfAction, Status
from inklusiv.calls.models import Stage
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.core.pagination import paginate

from ..models import Assignment, CommissionMember, Review
from ..services import assignment as services
from ..services.commission import stage_conflicts
from .commission import MANAGE, staff_only


def _stage(pk):
    return get_object_or_404(Stage.objects.select_related("call"), pk=pk)


def _last_run(stage):
    entry = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Stage),
            object_id=str(stage.pk),
            action="assignment_automatic",
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if entry is None:
        return None
    return {
        "at": entry.created_at,
        "by": entry.actor_label,
        "created": entry.after.get("created", 0),
        "applications": entry.after.get("applications", 0),
        "k": entry.after.get("k"),
        "expertise": entry.after.get("expertise_match", 0),
        "matching": entry.after.get("new_with_matching_expertise", 0),
        "max_load": entry.after.get("max_load", 0),
        "seconds": entry.after.get("seconds"),
        "optimal": entry.after.get("optimal"),
        "objective": entry.after.get("objective"),
    }


def _context(request, stage, *, reasons=None) -> dict:
    k = stage.reviewers_per_application
    members = list(
        CommissionMember.objects.filter(stage=stage)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    pool, group = services.automatic_pool(stage)
    status_labels = dict(Status.choices)
    applications = (
        Application.objects.filter(stage=stage, status__in=services.ASSIGNABLE)
        .select_related("organisation", "concept")
        .annotate(reviewer_count=Count("assignments", filter=Q(assignments__stage=stage)))
        .order_by("reference", "pk")
    )
    missing_only = request.GET.get("missing") == "1"
    coverage = list(applications.values_list("reviewer_count", flat=True))
    if missing_only:
        applications = applications.filter(reviewer_count__lt=k)
    page_obj = paginate(request, applications)
    page = list(page_obj.object_list)
    conflicts = stage_conflicts([m.user_id for m in members], page)
    current = services.loads(stage)
    # Members at their limit are not offered: the service would refuse them anyway.
    open_members = [
        member
        for member in members
        if (limit := services.effective_limit(member, stage)) is None
        or current.get(member.user_id, 0) < limit
    ]
    assigned = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(stage=stage, application__in=page)
        .select_related("reviewer")
        .order_by("reviewer__name", "reviewer__email")
    ):
        assigned[assignment.application_id].append(assignment)
    submitted = set(
        Review.objects.filter(
            stage=stage, application__in=page, status=Review.Status.SUBMITTED
        ).values_list("application_id", "reviewer_id")
    )
    labels = dict(FieldOfAction.choices)
    rows = []
    for application in page:
        fields = services.fields_of_action(application)
        taken = {a.reviewer_id for a in assigned[application.pk]}
        rows.append(
            {
                "application": application,
                "fields": [str(labels.get(code, code)) for code in fields],
                "assignments": [
                    {
                        "assignment": a,
                        "submitted": (application.pk, a.reviewer_id) in submitted,
                    }
                    for a in assigned[application.pk]
                ],
                "candidates": [
                    member.user
                    for member in open_members
                    if member.user_id not in taken
                    and (application.pk, member.user_id) not in conflicts
                ],
                "complete": len(taken) >= k,
            }
        )
    matching = defaultdict(int)
    expertise = {m.user_id: set(m.expertise or ()) for m in members}
    for reviewer_id, fields in Assignment.objects.filter(stage=stage).values_list(
        "reviewer_id", "application__concept__fields_of_action"
    ):
        if expertise.get(reviewer_id, set()) & set(fields or ()):
            matching[reviewer_id] += 1
    member_rows = [
        {
            "member": member,
            "expertise": [str(labels.get(code, code)) for code in member.expertise],
            "limit": services.effective_limit(member, stage),
            "load": current.get(member.user_id, 0),
            "matching": matching.get(member.user_id, 0),
        }
        for member in members
    ]
    return {
        "stage": stage,
        "k": k,
        "members": member_rows,
        "rows": rows,
        "page_obj": page_obj,
        "missing_only": missing_only,
        "total": len(coverage),
        "covered": sum(1 for count in coverage if count >= k),
        "pool_count": pool.count(),
        "pool_statuses": [str(status_labels[status]) for status in group],
        "last_run": _last_run(stage),
        "reasons": reasons,
        "stage_link": reverse("selection:stage", args=[stage.pk]),
        "commission_link": reverse("selection:commission", args=[stage.pk]),
    }


@staff_only(MANAGE)
def assignment_page(request, pk):
    stage = _stage(pk)
    return render(request, "selection/assignment/assignment.html", _context(request, stage))


@staff_only(MANAGE)
@require_POST
def assign_automatically(request, pk):
    stage = _stage(pk)
    try:
        result = services.auto_assign(actor=request.user, stage=stage)
    except services.AssignmentImpossible as impossible:
        return render(
            request,
            "selection/assignment/assignment.html",
            _context(request, stage, reasons=impossible.reasons),
            status=409,
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s reviewer assignment has been made.",
                "%(count)s reviewer assignments have been made.",
                len(result.assignments),
            )
            % {"count": len(result.assignments)},
        )
    return redirect("selection:assignment", stage.pk)


def _back(request, stage) -> str:
    url = reverse("selection:assignment", args=[stage.pk])
    page = request.POST.get("page", "")
    query = []
    if page.isdigit():
        query.append(f"page={page}")
    if request.POST.get("missing") == "1":
        query.append("missing=1")
    return url + ("?" + "&".join(query) if query else "")


@staff_only(MANAGE)
@require_POST
def assign(request, pk):
    stage = _stage(pk)
    application_id = request.POST.get("application", "")
    reviewer_id = request.POST.get("reviewer", "")
    application = get_object_or_404(
        Application, pk=application_id if application_id.isdigit() else 0
    )
    if not reviewer_id.isdigit():
        messages.error(
            request,
            _("Please choose a reviewer for %(application)s.") % {"application": application},
        )
        return redirect(_back(request, stage))
    reviewer = get_object_or_404(User, pk=reviewer_id)
    try:
        services.assign(actor=request.user, stage=stage, application=application, reviewer=reviewer)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s now reviews %(application)s.")
            % {"name": reviewer, "application": application},
        )
    return redirect(_back(request, stage))


@staff_only(MANAGE)
@require_POST
def unassign(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("stage", "reviewer", "application__organisation"),
        pk=pk,
    )
    scope = "unassign"
    if not confirmation.is_confirmed(request, scope, [assignment.pk]):
        return confirmation.render_page(
            request,
            confirmation.Confirmation(
                question=_("Should %(name)s no longer review %(application)s?")
                % {"name": assignment.reviewer, "application": assignment.application},
                action=_("Remove the assignment"),
                cancel_url=_back(request, assignment.stage),
                scope=scope,
                ids=[assignment.pk],
                context_line=assignment.stage.label,
                explanation=[
                    _(
                        "The application then needs another reviewer. You can assign "
                        "%(name)s again later."
                    )
                    % {"name": assignment.reviewer}
                ],
            ),
        )
    try:
        services.unassign(actor=request.user, assignment=assignment)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s no longer reviews %(application)s.")
            % {"name": assignment.reviewer, "application": assignment.application},
        )
    return redirect(_back(request, assignment.stage))


urlpatterns = [
    path("staff/selection/stages/<int:pk>/assignment/", assignment_page, name="assignment"),
    path(
        "staff/selection/stages/<int:pk>/assignment/automatic/",
        assign_automatically,
        name="assign_automatically",
    ),
    path("staff/selection/stages/<int:pk>/assignment/assign/", assign, name="assign"),
    path("staff/selection/assignments/<int:pk>/remove/", unassign, name="unassign"),
]
