"""A region's own pages: the list of regions, starting one from a selected application, the
overview, its settings, phase and members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.applications.models import Application
from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from .. import selectors
from ..forms.region import (
    MemberForm,
    PhaseForm,
    RegionSettingsForm,
    RemoveMemberForm,
    StartRegionForm,
    settings_initial,
)
from ..models import Phase, PilotRegion, RegionMember, Task, YearlyReport
from ..progress import region_progress, regions_progress
from ..services import regions as services
from .common import region_context, region_for


@login_required
@require_GET
def region_list(request):
    regions = selectors.with_health(selectors.regions_for(request.user).order_by("name"))
    page = paginate(request, regions)
    progress = regions_progress(list(page.object_list))
    rows = [
        (region, progress.get(region.pk), selectors.traffic_light(region))
        for region in page.object_list
    ]
    context = {
        "page_obj": page,
        "rows": rows,
        "report_warning_days": selectors.REPORT_WARNING_DAYS,
    }
    if request.user.has_perm("pilots.view_programme"):
        context["programme"] = _programme()
        context["startable"] = list(selectors.startable_applications()[:50])
    elif not request.user.has_perm("pilots.list_regions"):
        # Someone with no part in any region learns nothing, not even that regions exist.
        raise Http404
    return render(request, "pilots/region/list.html", context)


def _programme() -> dict:
    """The programme at a glance: regions per phase, the amounts approved, reports outstanding."""
    totals = PilotRegion.objects.aggregate(
        count=Count("pk"),
        amount=Sum("approved_amount"),
        **{phase.value: Count("pk", filter=Q(phase=phase)) for phase in Phase},
    )
    outstanding = YearlyReport.objects.exclude(status=YearlyReport.Status.ACKNOWLEDGED).count()
    return {
        "count": totals["count"],
        "amount": totals["amount"] or 0,
        "phases": [(phase.label, totals[phase.value]) for phase in Phase],
        "reports_outstanding": outstanding,
    }


@login_required
@require_http_methods(["GET", "POST"])
def start(request, application_pk):
    if not request.user.has_perm("pilots.start_region"):
        raise Http404
    application = get_object_or_404(
        Application.objects.select_related("organisation", "social_space"), pk=application_pk
    )
    if not services.startable(application):
        existing = PilotRegion.objects.filter(application=application).first()
        if existing:
            return redirect("pilots:region", existing.slug)
        raise Http404
    form = StartRegionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            region = services.start_region(
                actor=request.user, application=application, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a pilot region in the planning phase.") % {"name": region},
            )
            return redirect("pilots:region", region.slug)
    return render(request, "pilots/region/start.html", {"form": form, "application": application})


@login_required
@require_GET
def region(request, slug):
    region = region_for(request, slug)
    members = list(selectors.members_of(region))
    context = region_context(request, region, "overview")
    if context["can_view_internal"]:
        health = selectors.with_health(PilotRegion.objects.filter(pk=region.pk)).get()
        context.update({"health": health, "level": selectors.traffic_light(health)})
    context.update(
        {
            "progress": region_progress(region),
            "members": members,
            "phase_changes": list(region.phase_changes.select_related("changed_by")[:10]),
        }
    )
    return render(request, "pilots/region/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def settings(request, slug):
    region = region_for(request, slug, "pilots.manage_region")
    may_change_expert = request.user.has_perm("pilots.start_region")
    form = RegionSettingsForm(
        request.POST or None, initial=settings_initial(region), may_change_expert=may_change_expert
    )
    if request.method == "POST" and form.is_valid():
        data = {
            name: value for name, value in form.cleaned_data.items() if name in form.changed_data
        }
        try:
            services.update_region(actor=request.user, region=region, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The region's settings have been saved."))
            return redirect("pilots:region", region.slug)
    context = region_context(request, region, "overview")
    context["form"] = form
    return render(request, "pilots/region/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def phase(request, slug):
    region = region_for(request, slug, "pilots.manage_region")
    form = PhaseForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_phase(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The region's phase has been changed."))
            return redirect("pilots:region", region.slug)
    context = region_context(request, region, "overview")
    context["form"] = form
    return render(request, "pilots/region/phase.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    region = region_for(request, slug)
    can_manage = request.user.has_perm("pilots.manage_region", region)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_member(
                    actor=request.user,
                    region=region,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The person has been added to the region."))
                return redirect("pilots:members", region.slug)
    context = region_context(request, region, "overview")
    context.update({"members": selectors.members_of(region), "form": form})
    return render(request, "pilots/region/members.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, slug, pk):
    """The question "Remove this role?" is the page itself: it acts only on its own form."""
    region = region_for(request, slug, "pilots.manage_region")
    member = get_object_or_404(
        RegionMember.objects.select_related("user", "region"), pk=pk, region=region
    )
    form = RemoveMemberForm(request.POST or None)
    check = confirmation.for_page("remove-region-member", [member.pk])
    if (
        request.method == "POST"
        and confirmation.is_confirmed(request, check.scope, check.ids)
        and form.is_valid()
    ):
        services.remove_member(actor=request.user, member=member, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s in the region.")
            % {"name": member.user, "role": member.get_role_display()},
        )
        return redirect("pilots:members", region.slug)
    context = region_context(request, region, "overview")
    context.update({"member": member, "form": form, "confirmation": check})
    return render(request, "pilots/region/member_remove.html", context)


@login_required
@require_GET
def my_tasks(request):
    """The person's open tasks in every region, soonest due first."""
    tasks = (
        Task.objects.filter(owner=request.user, status=Task.Status.OPEN)
        .select_related("region", "measure")
        .order_by("due_on", "pk")
    )
    page = paginate(request, tasks)
    return render(
        request,
        "pilots/region/my_tasks.html",
        {"page_obj": page, "today": timezone.localdate()},
    )


urlpatterns = [
    path("pilotregionen/", region_list, name="list"),
    path("pilotregionen/meine-aufgaben/", my_tasks, name="my_tasks"),
    path("pilotregionen/starten/<int:application_pk>/", start, name="start"),
    path("pilotregionen/<slug:slug>/", region, name="region"),
    path("pilotregionen/<slug:slug>/einstellungen/", settings, name="settings"),
    path("pilotregionen/<slug:slug>/phase/", phase, name="phase"),
    path("pilotregionen/<slug:slug>/mitglieder/", members, name="members"),
    path(
        "pilotregionen/<slug:slug>/mitglieder/<int:pk>/entfernen/",
        member_remove,
        name="member_remove",
    ),
]
