"""The structures of a region: its steering group and working groups with their meetings and
minutes, its network coordination, and its documents.

Everyone who may see the region reads these pages; the accompanying side and the region's
editors change them (pilots.edit_structures). Documents are handed out as downloads only, and
every download is audited.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Min, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import confirmation
from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from ..forms.structures import DocumentForm, GroupForm, MeetingForm
from ..models import Group, GroupMeeting, RegionDocument, RegionMember
from ..services import structures as services
from .common import region_context, region_for

EDIT = "pilots.edit_structures"
# The steering group's latest meetings on the structures page; all of them on its own page.
STEERING_MEETINGS_SHOWN = 5


def _group(region, pk) -> Group:
    return get_object_or_404(
        Group.objects.select_related("field_of_action", "region"), pk=pk, region=region
    )


def _groups_with_meetings(region):
    now = timezone.now()
    return (
        Group.objects.filter(region=region)
        .select_related("field_of_action")
        .prefetch_related("members")
        .annotate(
            next_meeting=Min("meetings__held_on", filter=Q(meetings__held_on__gte=now)),
            last_meeting=Max("meetings__held_on", filter=Q(meetings__held_on__lt=now)),
        )
        .order_by("name")
    )


@login_required
@require_GET
def structures(request, slug):
    region = region_for(request, slug)
    groups = list(_groups_with_meetings(region))
    steering = next((group for group in groups if group.kind == Group.Kind.STEERING), None)
    working = [group for group in groups if group.kind == Group.Kind.WORKING]
    steering_meetings = (
        list(GroupMeeting.objects.filter(group=steering)[:STEERING_MEETINGS_SHOWN])
        if steering
        else []
    )
    coordinators = RegionMember.objects.filter(
        region=region, role=RegionMember.Role.COORDINATOR
    ).select_related("user")
    documents = paginate(
        request, RegionDocument.objects.filter(region=region).select_related("uploaded_by")
    )
    return render(
        request,
        "pilots/structures/structures.html",
        {
            **region_context(request, region, "structures"),
            "steering": steering,
            "steering_meetings": steering_meetings,
            "working_groups": working,
            "coordinators": list(coordinators),
            "page_obj": documents,
            "documents": documents.object_list,
        },
    )


@login_required
@require_GET
def group(request, slug, pk):
    region = region_for(request, slug)
    group = _group(region, pk)
    members = group.members.order_by("name")
    meetings = paginate(
        request, GroupMeeting.objects.filter(group=group).select_related("recorded_by")
    )
    return render(
        request,
        "pilots/structures/group.html",
        {
            **region_context(request, region, "structures"),
            "group": group,
            "members": list(members),
            "page_obj": meetings,
            "meetings": meetings.object_list,
            "now": timezone.now(),
        },
    )


def _group_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["members"] = list(data.get("members") or [])
    return data


@login_required
@require_http_methods(["GET", "POST"])
def group_add(request, slug):
    region = region_for(request, slug, EDIT)
    has_steering = Group.objects.filter(region=region, kind=Group.Kind.STEERING).exists()
    initial = {"kind": Group.Kind.WORKING if has_steering else Group.Kind.STEERING}
    form = GroupForm(request.POST or None, region=region, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.create_group(
                    actor=request.user,
                    region=region,
                    kind=data["kind"],
                    name=data["name"],
                    topic=data["topic"],
                    field_of_action=data["field_of_action"],
                    spokesperson=data["spokesperson"],
                    founded_on=data["founded_on"],
                    members=list(data["members"]),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The group has been founded."))
                return redirect("pilots:group", slug=region.slug, pk=created.pk)
        status = 400
    return render(
        request,
        "pilots/structures/group_form.html",
        {
            **region_context(request, region, "structures"),
            "form": form,
            "group": None,
            "has_steering": has_steering,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    group = _group(region, pk)
    initial = {
        "name": group.name,
        "topic": group.topic,
        "field_of_action": group.field_of_action_id,
        "spokesperson": group.spokesperson,
        "founded_on": group.founded_on,
        "dissolved_on": group.dissolved_on,
        "members": list(group.members.values_list("pk", flat=True)),
    }
    form = GroupForm(request.POST or None, region=region, editing=True, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_group(actor=request.user, group=group, data=_group_data(form))
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The group has been saved."))
                return redirect("pilots:group", slug=region.slug, pk=group.pk)
        status = 400
    return render(
        request,
        "pilots/structures/group_form.html",
        {**region_context(request, region, "structures"), "form": form, "group": group},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request, slug, pk):
    region = region_for(request, slug, EDIT)
    group = _group(region, pk)
    form = MeetingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_meeting(
                    actor=request.user,
                    group=group,
                    held_on=data["held_on"],
                    place=data["place"],
                    minutes=data["minutes"],
                    decisions=data["decisions"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The meeting has been saved."))
                return redirect("pilots:group", slug=region.slug, pk=group.pk)
        status = 400
    return render(
        request,
        "pilots/structures/meeting_form.html",
        {
            **region_context(request, region, "structures"),
            "form": form,
            "group": group,
            "meeting": None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    region = region_for(request, slug, EDIT)
    meeting = get_object_or_404(
        GroupMeeting.objects.select_related("group__region"), pk=pk, group__region=region
    )
    form = MeetingForm(request.POST or None, meeting=meeting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.MEETING_FIELDS}
            try:
                services.update_meeting(actor=request.user, meeting=meeting, data=data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The meeting has been saved."))
                return redirect("pilots:group", slug=region.slug, pk=meeting.group_id)
        status = 400
    return render(
        request,
        "pilots/structures/meeting_form.html",
        {
            **region_context(request, region, "structures"),
            "form": form,
            "group": meeting.group,
            "meeting": meeting,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request, slug):
    region = region_for(request, slug, EDIT)
    form = DocumentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.upload_document(
                    actor=request.user,
                    region=region,
                    kind=data["kind"],
                    title=data["title"],
                    upload=data["upload"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The document has been uploaded."))
                return redirect("pilots:structures", slug=region.slug)
        status = 400
    return render(
        request,
        "pilots/structures/document_form.html",
        {**region_context(request, region, "structures"), "form": form},
        status=status,
    )


@login_required
@require_GET
def document(request, slug, pk):
    region = region_for(request, slug)
    stored = get_object_or_404(RegionDocument, pk=pk, region=region)
    services.record_download(actor=request.user, document=stored)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, slug, pk):
    region = region_for(request, slug, EDIT)
    stored = get_object_or_404(RegionDocument, pk=pk, region=region)
    check = confirmation.for_page("delete-region-document", [stored.pk])
    if request.method == "POST" and confirmation.is_confirmed(request, check.scope, check.ids):
        services.delete_document(actor=request.user, document=stored)
        messages.success(request, _("Removed: %(name)s") % {"name": stored.title})
        return redirect("pilots:structures", slug=region.slug)
    return render(
        request,
        "pilots/structures/document_delete.html",
        {
            **region_context(request, region, "structures"),
            "document": stored,
            "confirmation": check,
        },
    )


urlpatterns = [
    path("pilotregionen/<slug:slug>/strukturen/", structures, name="structures"),
    path("pilotregionen/<slug:slug>/strukturen/gruppen/neu/", group_add, name="group_add"),
    path("pilotregionen/<slug:slug>/strukturen/gruppen/<int:pk>/", group, name="group"),
    path(
        "pilotregionen/<slug:slug>/strukturen/gruppen/<int:pk>/bearbeiten/",
        group_edit,
        name="group_edit",
    ),
    path(
        "pilotregionen/<slug:slug>/strukturen/gruppen/<int:pk>/sitzungen/neu/",
        meeting_add,
        name="meeting_add",
    ),
    path(
        "pilotregionen/<slug:slug>/strukturen/sitzungen/<int:pk>/bearbeiten/",
        meeting_edit,
        name="meeting_edit",
    ),
    path(
        "pilotregionen/<slug:slug>/strukturen/dokumente/neu/",
        document_upload,
        name="document_upload",
    ),
    path("pilotregionen/<slug:slug>/strukturen/dokumente/<int:pk>/", document, name="document"),
    path(
        "pilotregionen/<slug:slug>/strukturen/dokumente/<int:pk>/entfernen/",
        document_delete,
        name="document_delete",
    ),
]
