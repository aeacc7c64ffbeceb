"""The procedure's overview and stage dashboard, the commission of a stage, and the
declaration of a conflict of interest.

Funder staff and programme experts read the overview and the stage dashboard (counts only,
no application is named there); the commission page names applications, so only funder
staff open it.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from inklusiv.applications.models import Application, FieldOfAction, Status
from inklusiv.calls.models import Call, Stage
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError

from ..forms.commission import DeclareConflictForm, MemberEditForm, MemberForm, StaffConflictForm
from ..models import Assignment, CommissionMember, Review
from ..services import commission as services
from ..services.assignment import effective_limit, loads

VIEW = "selection.view_procedure"
MANAGE = "selection.manage_procedure"


def staff_only(perm):
    """Signed-in people without the permission get 403; anonymous people the login page."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


def link(name: str, pk: int) -> str | None:
    """The address of another area's page, or None while that area does not exist yet."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def _count(model, **filters):
    rows = (
        model.objects.filter(stage=OuterRef("pk"), **filters)
        .order_by()
        .values("stage")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def stages_with_counts():
    return Stage.objects.annotate(
        application_count=_count(Application, status__in=list(set(Status) - {Status.DRAFT})),
        member_count=_count(CommissionMember),
        assignment_count=_count(Assignment),
        review_count=_count(Review, status=Review.Status.SUBMITTED),
    ).order_by("position")


@staff_only(VIEW)
def overview(request):
    calls = list(Call.objects.select_related("initiative").order_by("-reference_year", "title_de"))
    by_call = defaultdict(list)
    for stage in stages_with_counts().filter(call__in=calls):
        by_call[stage.call_id].append(stage)
    rows = [{"call": call, "stages": by_call[call.pk]} for call in calls]
    return render(request, "selection/overview/overview.html", {"calls": rows})


ROUNDS = "visits.manage_rounds"


def _stage_links(request, stage) -> list[tuple[str, str]]:
    manage = request.user.has_perm(MANAGE)
    candidates = [
        ("selection:commission", stage.pk, _("Commission and conflicts of interest"), manage),
        ("selection:assignment", stage.pk, _("Assignment of reviewers"), manage),
        ("selection:review_progress", stage.pk, _("Progress of the reviews"), manage),
        ("selection:ranking", stage.pk, _("Ranking"), True),
        ("selection:decisions", stage.pk, _("Formal check and decisions"), manage),
        ("selection:letter_templates", stage.call_id, _("Decision letters"), manage),
        ("selection:statistics", stage.call_id, _("Statistics of the call"), True),
    ]
    if stage.requires_site_visit:
        candidates.insert(
            4,
            ("visits:round", stage.pk, _("On-site meetings"), request.user.has_perm(ROUNDS)),
        )
    links = []
    for name, pk, label, allowed in candidates:
        url = link(name, pk) if allowed else None
        if url:
            links.append((url, label))
    return links


@staff_only(VIEW)
def stage_dashboard(request, pk):
    stage = get_object_or_404(stages_with_counts().select_related("call"), pk=pk)
    counted = dict(
        Application.objects.filter(stage=stage)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    statuses = [(label, counted.get(value, 0)) for value, label in Status.choices]
    return render(
        request,
        "selection/overview/stage.html",
        {
            "stage": stage,
            "statuses": statuses,
            "total": sum(counted.values()),
            "links": _stage_links(request, stage),
        },
    )


# --- the commission ---------------------------------------------------------------------


def _commission_context(request, stage, *, member_form=None, conflict_form=None) -> dict:
    members = list(
        CommissionMember.objects.filter(stage=stage)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    in_stage = (
        Application.objects.filter(stage=stage)
        .exclude(status=Status.DRAFT)
        .select_related("organisation")
        .order_by("reference", "pk")
    )
    applications = list(in_stage)
    by_id = {application.pk: application for application in applications}
    found = services.stage_conflicts(
        [m.user_id for m in members], applications, ids=in_stage.values("pk")
    )
    people = {member.user_id: member.user for member in members}
    conflicts = sorted(
        (
            {
                "person": people[conflict.user_id],
                "application": by_id[conflict.application_id],
                "kind": conflict.kind,
                "reason": conflict.reason,
            }
            for conflict in found.values()
        ),
        key=lambda row: (str(row["person"]), row["application"].reference),
    )
    per_person = defaultdict(lambda: {"declared": 0, "automatic": 0})
    for conflict in found.values():
        kind = "automatic" if conflict.kind == "automatic" else "declared"
        per_person[conflict.user_id][kind] += 1
    current = loads(stage)
    submitted = defaultdict(int)
    for reviewer_id in Review.objects.filter(
        stage=stage, status=Review.Status.SUBMITTED
    ).values_list("reviewer_id", flat=True):
        submitted[reviewer_id] += 1
    labels = dict(FieldOfAction.choices)
    rows = [
        {
            "member": member,
            "expertise": [str(labels.get(code, code)) for code in member.expertise],
            "limit": effective_limit(member, stage),
            "own_limit": member.max_reviews is not None,
            "load": current.get(member.user_id, 0),
            "submitted": submitted.get(member.user_id, 0),
            "declared": per_person[member.user_id]["declared"],
            "automatic": per_person[member.user_id]["automatic"],
        }
        for member in members
    ]
    return {
        "stage": stage,
        "rows": rows,
        "conflicts": conflicts,
        "member_form": member_form or MemberForm(stage=stage, prefix="member"),
        "conflict_form": conflict_form or StaffConflictForm(stage=stage, prefix="conflict"),
        "stage_link": reverse("selection:stage", args=[stage.pk]),
        "assignment_link": reverse("selection:assignment", args=[stage.pk]),
    }


def _stage(pk):
    return get_object_or_404(Stage.objects.select_related("call"), pk=pk)


@staff_only(MANAGE)
def commission(request, pk):
    stage = _stage(pk)
    return render(
        request, "selection/commission/commission.html", _commission_context(request, stage)
    )


def _apply_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, str(error))


@staff_only(MANAGE)
@require_POST
def member_add(request, pk):
    stage = _stage(pk)
    form = MemberForm(request.POST, stage=stage, prefix="member")
    if form.is_valid():
        try:
            member = services.add_member(
                actor=request.user,
                stage=stage,
                user=form.cleaned_data["user"],
                expertise=form.cleaned_data["expertise"],
                max_reviews=form.cleaned_data["max_reviews"],
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is now a member of the commission.") % {"name": member.user}
            )
            return redirect("selection:commission", stage.pk)
    return render(
        request,
        "selection/commission/commission.html",
        _commission_context(request, stage, member_form=form),
        status=400,
    )


@staff_only(MANAGE)
@require_POST
def conflict_record(request, pk):
    stage = _stage(pk)
    form = StaffConflictForm(request.POST, stage=stage, prefix="conflict")
    if form.is_valid():
        try:
            services.declare_conflict(
                actor=request.user,
                application=form.cleaned_data["application"],
                reason=form.cleaned_data["reason"],
                user=form.cleaned_data["member"],
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The conflict of interest has been recorded."))
            return redirect("selection:commission", stage.pk)
    return render(
        request,
        "selection/commission/commission.html",
        _commission_context(request, stage, conflict_form=form),
        status=400,
    )


def _member(pk):
    return get_object_or_404(CommissionMember.objects.select_related("user", "stage__call"), pk=pk)


@staff_only(MANAGE)
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = _member(pk)
    initial = {"expertise": member.expertise, "max_reviews": member.max_reviews}
    form = MemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member(
                actor=request.user,
                member=member,
                expertise=form.cleaned_data["expertise"],
                max_reviews=form.cleaned_data["max_reviews"],
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The member's details have been saved."))
            return redirect("selection:commission", member.stage_id)
    return render(
        request,
        "selection/commission/member_edit.html",
        {"member": member, "form": form},
        status=400 if form.errors else 200,
    )


@staff_only(MANAGE)
@require_http_methods(["GET", "POST"])
def member_remove(request, pk):
    member = _member(pk)
    check = confirmation.for_page("remove-commission-member", [member.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        try:
            services.remove_member(actor=request.user, member=member)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is no longer a member of the commission.") % {"name": member.user},
            )
        return redirect("selection:commission", member.stage_id)
    open_assignments = Assignment.objects.filter(
        stage_id=member.stage_id, reviewer_id=member.user_id
    ).count()
    return render(
        request,
        "selection/commission/member_remove.html",
        {"member": member, "open_assignments": open_assignments, "confirmation": check},
    )


# --- declaring a conflict ---------------------------------------------------------------


def _after_declaring(user) -> str:
    for name, perm in (
        ("selection:my_reviews", "selection.my_reviews"),
        ("selection:overview", VIEW),
    ):
        if user.has_perm(perm):
            try:
                return reverse(name)
            except NoReverseMatch:
                continue
    return reverse("core:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def declare_conflict(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("organisation", "stage__call"), pk=pk
    )
    # Someone who cannot see the application (e.g. because of a conflict) learns nothing.
    if not request.user.has_perm("selection.view_application", application):
        raise Http404
    if not request.user.has_perm("selection.declare_conflict", application):
        raise PermissionDenied
    decided = services.decided_in_current_stage(application)
    form = DeclareConflictForm(request.POST or None)
    if request.method == "POST" and not decided and form.is_valid():
        try:
            services.declare_conflict(
                actor=request.user, application=application, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            _apply_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your conflict of interest with %(application)s has been recorded. You no "
                    "longer see this application."
                )
                % {"application": application},
            )
            return redirect(_after_declaring(request.user))
    return render(
        request,
        "selection/commission/declare_conflict.html",
        {
            "application": application,
            "form": form,
            "back": link("selection:application", application.pk),
            "decided": decided,
        },
        # A declaration sent for a decided application is refused, and nothing is recorded.
        status=409 if decided and request.method == "POST" else 400 if form.errors else 200,
    )


urlpatterns = [
    path("staff/selection/", overview, name="overview"),
    path("staff/selection/stages/<int:pk>/", stage_dashboard, name="stage"),
    path("staff/selection/stages/<int:pk>/commission/", commission, name="commission"),
    path("staff/selection/stages/<int:pk>/commission/add/", member_add, name="member_add"),
    path(
        "staff/selection/stages/<int:pk>/commission/conflicts/",
        conflict_record,
        name="conflict_record",
    ),
    path("staff/selection/members/<int:pk>/", member_edit, name="member_edit"),
    path("staff/selection/members/<int:pk>/remove/", member_remove, name="member_remove"),
    path("selection/applications/<int:pk>/conflict/", declare_conflict, name="declare_conflict"),
]
