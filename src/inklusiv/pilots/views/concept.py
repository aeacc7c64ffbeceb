"""The inclusion concept of a region: fields of action → goals → measures → milestones with
the roll-up of their progress, the everyday progress update, the approval by the steering
group and the funder, the versions after approval side by side, and the timeline.

Everyone who may see the region reads these pages; the accompanying side and the region's
editors change the concept (pilots.edit_concept). Objects are looked up within the region.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from .. import timeline as timeline_module
from ..forms.concept import (
    REMOVE_BUTTON,
    ApprovalForm,
    CompareForm,
    FieldOfActionForm,
    GoalForm,
    MeasureForm,
    MilestoneForm,
    ProgressForm,
    RemoveForm,
)
from ..models import Concept, ConceptVersion, FieldOfAction, Goal, Measure, Milestone
from ..progress import region_progress
from ..services import concept as services
from .common import region_context, region_for

EDIT = "pilots.edit_concept"
SECTION = "concept"


def _concept(region) -> Concept:
    return services.concept_of(region)


def _field(region, pk) -> FieldOfAction:
    return get_object_or_404(FieldOfAction, pk=pk, region=region)


def _goal(region, pk) -> Goal:
    return get_object_or_404(Goal.objects.select_related("field"), pk=pk, field__region=region)


def _measure(region, pk) -> Measure:
    return get_object_or_404(
        Measure.objects.select_related(
            "goal__field", "responsible_actor", "responsible_group"
        ).prefetch_related("milestones"),
        pk=pk,
        goal__field__region=region,
    )


def _milestone(region, pk) -> Milestone:
    return get_object_or_404(
        Milestone.objects.select_related("measure__goal__field"),
        pk=pk,
        measure__goal__field__region=region,
    )


def _concept_url(region, anchor="") -> str:
    url = reverse("pilots:concept", kwargs={"slug": region.slug})
    return f"{url}#{anchor}" if anchor else url


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _form_page(request, region, template, form, **extra):
    concept = _concept(region)
    return render(
        request,
        f"pilots/concept/{template}",
        {
            **region_context(request, region, SECTION),
            "form": form,
            "concept": concept,
            "approved": services.is_approved(concept),
            **extra,
        },
    )


def _remove(request, region, *, obj, scope, question, remove, done_url):
    """A removal asks first (the confirmation page carries the reason); then acts."""
    concept = _concept(region)
    form = RemoveForm(request.POST, approved=services.is_approved(concept))
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    if confirmation.is_confirmed(request, scope, [obj.pk]):
        try:
            remove(reason)
        except DomainError as error:
            messages.error(request, error.message)
            return None
        messages.success(request, _("Removed: %(name)s") % {"name": str(obj)})
        return redirect(done_url)
    return confirmation.render_page(
        request,
        confirmation.Confirmation(
            question=question,
            action=_("Remove"),
            cancel_url=request.path,
            scope=scope,
            ids=[obj.pk],
            explanation=[
                _(
                    "The concept has been approved: the removal makes a new version with your "
                    "reason."
                )
                if services.is_approved(concept)
                else _("The removal is recorded in the audit log.")
            ],
            context_line=region.name,
        ),
    )


# -- the concept page -------------------------------------------------------------------------


@login_required
@require_GET
def concept(request, slug):
    region = region_for(request, slug)
    the_concept = _concept(region)
    tree = region_progress(region)
    can_edit = request.user.has_perm(EDIT, region)
    progress_forms = {}
    if can_edit:
        for field_node in tree.fields:
            for goal_node in field_node.children:
                for measure_node in goal_node.children:
                    measure = measure_node.obj
                    progress_forms[measure.pk] = ProgressForm(
                        measure=measure, prefix=f"m{measure.pk}"
                    )
    for field_node in tree.fields:
        for goal_node in field_node.children:
            for measure_node in goal_node.children:
                measure_node.progress_form = progress_forms.get(measure_node.obj.pk)
    return render(
        request,
        "pilots/concept/concept.html",
        {
            **region_context(request, region, SECTION),
            "concept": the_concept,
            "tree": tree,
            "can_edit": can_edit,
            "transitions": services.allowed_transitions(request.user, the_concept),
            "approval_form": ApprovalForm(),
            "latest_version": the_concept.versions.order_by("-number").first(),
        },
    )


# -- fields of action -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def field_add(request, slug):
    region = region_for(request, slug, EDIT)
    approved = services.is_approved(_concept(region))
    form = FieldOfActionForm(request.POST or None, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.add_field(
                actor=request.user,
                region=region,
                name=data["name"],
                life_area=data["life_area"],
                weight=data["weight"],
                order=data["order"],
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Field of action added: %(name)s") % {"name": created})
            return redirect(_concept_url(region, f"field-{created.pk}"))
    return _form_page(request, region, "field_form.html", form, obj=None)


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    obj = _field(region, pk)
    approved = services.is_approved(_concept(region))
    if request.method == "POST" and REMOVE_BUTTON in request.POST:
        response = _remove(
            request,
            region,
            obj=obj,
            scope="remove-field-of-action",
            question=_("Remove the field of action “%(name)s”?") % {"name": obj.name},
            remove=lambda reason: services.remove_field(
                actor=request.user, field=obj, reason=reason
            ),
            done_url=_concept_url(region),
        )
        if response is not None:
            return response
        return redirect("pilots:field_edit", slug=region.slug, pk=obj.pk)
    initial = {name: getattr(obj, name) for name in services.FIELD_FIELDS}
    form = FieldOfActionForm(request.POST or None, initial=initial, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_field(
                actor=request.user,
                field=obj,
                data={name: data[name] for name in services.FIELD_FIELDS},
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": data["name"]})
            return redirect(_concept_url(region, f"field-{obj.pk}"))
    return _form_page(
        request, region, "field_form.html", form, obj=obj, remove_form=RemoveForm(approved=approved)
    )


# -- goals ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request, slug, pk):
    region = region_for(request, slug, EDIT)
    parent = _field(region, pk)
    approved = services.is_approved(_concept(region))
    form = GoalForm(request.POST or None, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.add_goal(
                actor=request.user,
                field=parent,
                title=data["title"],
                step=data["step"],
                description=data["description"],
                weight=data["weight"],
                order=data["order"],
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Goal added: %(name)s") % {"name": created})
            return redirect(_concept_url(region, f"goal-{created.pk}"))
    return _form_page(request, region, "goal_form.html", form, obj=None, parent=parent)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    obj = _goal(region, pk)
    approved = services.is_approved(_concept(region))
    if request.method == "POST" and REMOVE_BUTTON in request.POST:
        response = _remove(
            request,
            region,
            obj=obj,
            scope="remove-goal",
            question=_("Remove the goal “%(name)s”?") % {"name": obj.title},
            remove=lambda reason: services.remove_goal(actor=request.user, goal=obj, reason=reason),
            done_url=_concept_url(region, f"field-{obj.field_id}"),
        )
        if response is not None:
            return response
        return redirect("pilots:goal_edit", slug=region.slug, pk=obj.pk)
    initial = {name: getattr(obj, name) for name in services.GOAL_FIELDS}
    form = GoalForm(request.POST or None, initial=initial, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_goal(
                actor=request.user,
                goal=obj,
                data={name: data[name] for name in services.GOAL_FIELDS},
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": data["title"]})
            return redirect(_concept_url(region, f"goal-{obj.pk}"))
    return _form_page(
        request,
        region,
        "goal_form.html",
        form,
        obj=obj,
        parent=obj.field,
        remove_form=RemoveForm(approved=approved),
    )


# -- measures ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def measure_add(request, slug, pk):
    region = region_for(request, slug, EDIT)
    parent = _goal(region, pk)
    approved = services.is_approved(_concept(region))
    form = MeasureForm(
        request.POST or None,
        region=region,
        with_status=True,
        approved=approved,
        initial={"goal": parent.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.add_measure(
                actor=request.user,
                goal=data["goal"],
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                status=data["status"],
                progress=data["progress"],
                responsible_actor=data["responsible_actor"],
                responsible_group=data["responsible_group"],
                target_group=data["target_group"],
                description=data["description"],
                weight=data["weight"],
                cost=data["cost"],
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Measure added: %(name)s") % {"name": created})
            return redirect("pilots:measure", slug=region.slug, pk=created.pk)
    return _form_page(request, region, "measure_form.html", form, obj=None, parent=parent)


@login_required
@require_http_methods(["GET", "POST"])
def measure(request, slug, pk):
    """The measure with its milestones; for editors also the form to change it."""
    region = region_for(request, slug)
    obj = _measure(region, pk)
    can_edit = request.user.has_perm(EDIT, region)
    if request.method == "POST" and not can_edit:
        region_for(request, slug, EDIT)  # raises PermissionDenied
    approved = services.is_approved(_concept(region))
    if request.method == "POST" and REMOVE_BUTTON in request.POST:
        response = _remove(
            request,
            region,
            obj=obj,
            scope="remove-measure",
            question=_("Remove the measure “%(name)s” with its milestones?") % {"name": obj.title},
            remove=lambda reason: services.remove_measure(
                actor=request.user, measure=obj, reason=reason
            ),
            done_url=_concept_url(region, f"goal-{obj.goal_id}"),
        )
        if response is not None:
            return response
        return redirect("pilots:measure", slug=region.slug, pk=obj.pk)
    form = None
    if can_edit:
        initial = {name: getattr(obj, name) for name in services.MEASURE_FIELDS}
        initial["goal"] = obj.goal_id
        form = MeasureForm(request.POST or None, initial=initial, region=region, approved=approved)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.update_measure(
                    actor=request.user,
                    measure=obj,
                    data={name: data[name] for name in ("goal", *services.MEASURE_FIELDS)},
                    reason=data.get("reason", ""),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Saved: %(name)s") % {"name": data["title"]})
                return redirect("pilots:measure", slug=region.slug, pk=obj.pk)
    milestones = list(obj.milestones.all())
    return render(
        request,
        "pilots/concept/measure.html",
        {
            **region_context(request, region, SECTION),
            "measure": obj,
            "milestones": milestones,
            "milestones_done": sum(1 for milestone in milestones if milestone.done_on),
            "form": form,
            "can_edit": can_edit,
            "approved": approved,
            "remove_form": RemoveForm(approved=approved) if can_edit else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def measure_progress(request, slug, pk):
    """The everyday update: progress, status and a milestone reached. Posted from the concept
    page's compact form too; errors come back here with what was entered."""
    region = region_for(request, slug, EDIT)
    obj = _measure(region, pk)
    milestones = list(obj.milestones.all())
    prefix = request.POST.get("prefix") or None
    back = _next(request, _concept_url(region, f"measure-{obj.pk}"))
    form = ProgressForm(request.POST or None, measure=obj, milestones=milestones, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.update_progress(
                    actor=request.user,
                    measure=obj,
                    progress=data["progress"],
                    status=data["status"],
                )
                if data.get("milestone"):
                    milestone = next(
                        (item for item in milestones if item.pk == data["milestone"]), None
                    )
                    if milestone is None:
                        raise Http404
                    services.complete_milestone(
                        actor=request.user, milestone=milestone, done_on=data["done_on"]
                    )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Progress saved: %(name)s") % {"name": obj.title})
            return redirect(back)
    return render(
        request,
        "pilots/concept/progress_form.html",
        {
            **region_context(request, region, SECTION),
            "measure": obj,
            "milestones": milestones,
            "form": form,
            "next": back,
        },
    )


# -- milestones -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request, slug, pk):
    region = region_for(request, slug, EDIT)
    parent = _measure(region, pk)
    approved = services.is_approved(_concept(region))
    form = MilestoneForm(request.POST or None, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.add_milestone(
                actor=request.user,
                measure=parent,
                title=data["title"],
                due_on=data["due_on"],
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Milestone added: %(name)s") % {"name": created})
            return redirect("pilots:measure", slug=region.slug, pk=parent.pk)
    return _form_page(request, region, "milestone_form.html", form, obj=None, parent=parent)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    obj = _milestone(region, pk)
    approved = services.is_approved(_concept(region))
    if request.method == "POST" and REMOVE_BUTTON in request.POST:
        response = _remove(
            request,
            region,
            obj=obj,
            scope="remove-milestone",
            question=_("Remove the milestone “%(name)s”?") % {"name": obj.title},
            remove=lambda reason: services.remove_milestone(
                actor=request.user, milestone=obj, reason=reason
            ),
            done_url=reverse("pilots:measure", kwargs={"slug": region.slug, "pk": obj.measure_id}),
        )
        if response is not None:
            return response
        return redirect("pilots:milestone_edit", slug=region.slug, pk=obj.pk)
    initial = {name: getattr(obj, name) for name in services.MILESTONE_FIELDS}
    form = MilestoneForm(request.POST or None, initial=initial, approved=approved)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_milestone(
                actor=request.user,
                milestone=obj,
                data={name: data[name] for name in services.MILESTONE_FIELDS},
                reason=data.get("reason", ""),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved: %(name)s") % {"name": data["title"]})
            return redirect("pilots:measure", slug=region.slug, pk=obj.measure_id)
    return _form_page(
        request,
        region,
        "milestone_form.html",
        form,
        obj=obj,
        parent=obj.measure,
        remove_form=RemoveForm(approved=approved),
    )


# -- approval and versions --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def concept_approve(request, slug):
    region = region_for(request, slug)
    the_concept = _concept(region)
    transitions = services.allowed_transitions(request.user, the_concept)
    wanted = request.POST.get("to") if request.method == "POST" else None
    perms = {
        Concept.Status.STEERING_APPROVED: "pilots.approve_concept_steering",
        Concept.Status.APPROVED: "pilots.approve_concept",
    }
    # Asking for a step that is not one's own is refused (403); nothing to approve now
    # (or only for others) leads back to the concept page with its status.
    if wanted in perms:
        region_for(request, slug, perms[wanted])
    elif not any(request.user.has_perm(perm, region) for perm in perms.values()):
        region_for(request, slug, "pilots.approve_concept")
    if not transitions:
        messages.info(request, _("There is nothing for you to approve at the moment."))
        return redirect(_concept_url(region, "approval"))
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        to = wanted if wanted in perms else transitions[0]
        approve = (
            services.approve_by_steering
            if to == Concept.Status.STEERING_APPROVED
            else services.approve
        )
        try:
            approve(actor=request.user, concept=the_concept, note=form.cleaned_data["note"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The concept now has the status: %(status)s")
                % {"status": Concept.Status(to).label},
            )
            return redirect(_concept_url(region, "approval"))
    return render(
        request,
        "pilots/concept/approve.html",
        {
            **region_context(request, region, SECTION),
            "concept": the_concept,
            "form": form,
            "transitions": transitions,
        },
    )


@login_required
@require_GET
def concept_versions(request, slug):
    region = region_for(request, slug)
    the_concept = _concept(region)
    versions = (
        ConceptVersion.objects.filter(concept=the_concept)
        .select_related("created_by")
        .defer("content")
        .order_by("-number")
    )
    page = paginate(request, versions)
    return render(
        request,
        "pilots/concept/versions.html",
        {
            **region_context(request, region, SECTION),
            "concept": the_concept,
            "page_obj": page,
        },
    )


@login_required
@require_GET
def concept_compare(request, slug):
    region = region_for(request, slug)
    the_concept = _concept(region)
    numbers = list(
        ConceptVersion.objects.filter(concept=the_concept)
        .order_by("number")
        .values_list("number", flat=True)
    )
    if not numbers:
        raise Http404
    defaults = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]}
    form = CompareForm(request.GET or None, numbers=numbers, initial=defaults)
    if request.GET and form.is_valid():
        a_number, b_number = form.cleaned_data["a"], form.cleaned_data["b"]
    else:
        a_number, b_number = defaults["a"], defaults["b"]
    versions = {
        version.number: version
        for version in ConceptVersion.objects.filter(
            concept=the_concept, number__in=[a_number, b_number]
        ).select_related("created_by")
    }
    version_a, version_b = versions[a_number], versions[b_number]
    rows = services.compare(version_a.content, version_b.content)
    only_changes = request.GET.get("changes") == "1"
    changed = sum(1 for row in rows if row.changed)
    return render(
        request,
        "pilots/concept/compare.html",
        {
            **region_context(request, region, SECTION),
            "concept": the_concept,
            "form": form,
            "version_a": version_a,
            "version_b": version_b,
            "rows": [row for row in rows if row.changed] if only_changes else rows,
            "changed_count": changed,
            "only_changes": only_changes,
        },
    )


@login_required
@require_GET
def timeline(request, slug):
    region = region_for(request, slug)
    built = timeline_module.build(region_progress(region))
    return render(
        request,
        "pilots/concept/timeline.html",
        {**region_context(request, region, SECTION), "timeline": built},
    )


_BASE = "pilotregionen/<slug:slug>/konzept/"

urlpatterns = [
    path(_BASE, concept, name="concept"),
    path(f"{_BASE}handlungsfelder/neu/", field_add, name="field_add"),
    path(f"{_BASE}handlungsfelder/<int:pk>/", field_edit, name="field_edit"),
    path(f"{_BASE}handlungsfelder/<int:pk>/ziele/neu/", goal_add, name="goal_add"),
    path(f"{_BASE}ziele/<int:pk>/", goal_edit, name="goal_edit"),
    path(f"{_BASE}ziele/<int:pk>/massnahmen/neu/", measure_add, name="measure_add"),
    path(f"{_BASE}massnahmen/<int:pk>/", measure, name="measure"),
    path(f"{_BASE}massnahmen/<int:pk>/fortschritt/", measure_progress, name="measure_progress"),
    path(f"{_BASE}massnahmen/<int:pk>/meilensteine/neu/", milestone_add, name="milestone_add"),
    path(f"{_BASE}meilensteine/<int:pk>/", milestone_edit, name="milestone_edit"),
    path(f"{_BASE}freigabe/", concept_approve, name="concept_approve"),
    path(f"{_BASE}versionen/", concept_versions, name="concept_versions"),
    path(f"{_BASE}versionen/vergleich/", concept_compare, name="concept_compare"),
    path(f"{_BASE}zeitplan/", timeline, name="timeline"),
]
