"""Process support pages of a region: the coach's session log, the tasks and the
strengths/weaknesses profiles. Internal notes are shown only to pilots.view_internal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inklusiv.core.exceptions import DomainError
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate

from ..forms.support import ProfileForm, SessionForm, TaskForm
from ..models import CoachingSession, Task
from ..services import support as services
from .common import region_context, region_for

OPEN_TASKS_ON_SUPPORT_PAGE = 10


def _context(request, region, **extra) -> dict:
    user = request.user
    return {
        **region_context(request, region, "support"),
        "can_log_session": user.has_perm("pilots.log_session", region),
        "can_manage_tasks": user.has_perm("pilots.manage_tasks", region),
        "can_edit_profile": user.has_perm("pilots.edit_profile", region),
        **extra,
    }


def _sessions(region, *, internal: bool):
    sessions = CoachingSession.objects.filter(region=region).select_related("author")
    if not internal:
        # The note is not even loaded for readers who may not see it.
        sessions = sessions.defer("internal_note")
    return sessions.order_by("-held_on", "-pk")


def _open_tasks(region):
    return (
        Task.objects.filter(region=region, status=Task.Status.OPEN)
        .select_related("owner", "measure", "session")
        .order_by("due_on", "pk")
    )


@login_required
@require_GET
def support(request, slug):
    region = region_for(request, slug)
    internal = request.user.has_perm("pilots.view_internal", region)
    page = paginate(request, _sessions(region, internal=internal))
    open_tasks = list(_open_tasks(region)[: OPEN_TASKS_ON_SUPPORT_PAGE + 1])
    profile = region.profiles.select_related("author").order_by("-taken_on", "-pk").first()
    return render(
        request,
        "pilots/support/support.html",
        _context(
            request,
            region,
            page_obj=page,
            sessions=page.object_list,
            open_tasks=open_tasks[:OPEN_TASKS_ON_SUPPORT_PAGE],
            more_tasks=len(open_tasks) > OPEN_TASKS_ON_SUPPORT_PAGE,
            profile=profile,
            show_internal=internal,
        ),
    )


def _session_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in SessionForm.base_fields}


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, slug):
    region = region_for(request, slug, "pilots.log_session")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.log_session(actor=request.user, region=region, **_session_data(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The session has been added to the log."))
            return redirect("pilots:session", slug=region.slug, pk=session.pk)
    return render(
        request,
        "pilots/support/session_form.html",
        _context(request, region, form=form, session=None),
        status=400 if form.errors else 200,
    )


def _session(region, pk, *, internal: bool):
    return get_object_or_404(_sessions(region, internal=internal), pk=pk)


@login_required
@require_GET
def session(request, slug, pk):
    region = region_for(request, slug)
    internal = request.user.has_perm("pilots.view_internal", region)
    found = _session(region, pk, internal=internal)
    tasks = found.tasks.select_related("owner").order_by("status", "due_on", "pk")
    return render(
        request,
        "pilots/support/session.html",
        _context(request, region, session=found, tasks=tasks, show_internal=internal),
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, slug, pk):
    region = region_for(request, slug, "pilots.log_session")
    found = _session(region, pk, internal=True)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(actor=request.user, session=found, data=_session_data(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("pilots:session", slug=region.slug, pk=found.pk)
    return render(
        request,
        "pilots/support/session_form.html",
        _context(request, region, form=form, session=found),
        status=400 if form.errors else 200,
    )


# --- tasks ---------------------------------------------------------------------------------

TASK_VIEWS = {
    "open": Task.Status.OPEN,
    "done": Task.Status.DONE,
    "cancelled": Task.Status.CANCELLED,
}


@login_required
@require_GET
def tasks(request, slug):
    region = region_for(request, slug)
    shown = request.GET.get("status", "open")
    if shown not in TASK_VIEWS:
        shown = "open"
    queryset = (
        Task.objects.filter(region=region, status=TASK_VIEWS[shown])
        .select_related("owner", "measure", "session", "region")
        .order_by("due_on", "pk")
        if shown == "open"
        else Task.objects.filter(region=region, status=TASK_VIEWS[shown])
        .select_related("owner", "measure", "session", "region")
        .order_by("-due_on", "-pk")
    )
    page = paginate(request, queryset)
    user = request.user
    can_manage = user.has_perm("pilots.manage_tasks", region)
    rows = [(task, can_manage or task.owner_id == user.pk) for task in page.object_list]
    return render(
        request,
        "pilots/support/tasks.html",
        _context(
            request,
            region,
            page_obj=page,
            rows=rows,
            shown=shown,
            views=[
                ("open", _("Open")),
                ("done", _("Done")),
                ("cancelled", _("Cancelled")),
            ],
        ),
    )


def _task_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in TaskForm.base_fields}


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request, slug):
    region = region_for(request, slug, "pilots.manage_tasks")
    initial = {}
    session_pk = request.GET.get("session")
    if session_pk and session_pk.isdigit():
        initial["session"] = int(session_pk)
    form = TaskForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_task(actor=request.user, region=region, **_task_data(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The task has been created."))
            return redirect("pilots:tasks", slug=region.slug)
    return render(
        request,
        "pilots/support/task_form.html",
        _context(request, region, form=form, task=None),
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, slug, pk):
    region = region_for(request, slug, "pilots.manage_tasks")
    task = get_object_or_404(Task.objects.select_related("region"), pk=pk, region=region)
    form = TaskForm(request.POST or None, region=region, initial=TaskForm.initial_for(task))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_task(actor=request.user, task=task, data=_task_data(form))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The task has been saved."))
            return redirect("pilots:tasks", slug=region.slug)
    return render(
        request,
        "pilots/support/task_form.html",
        _context(request, region, form=form, task=task),
        status=400 if form.errors else 200,
    )


TASK_ACTIONS = {
    "done": (services.complete_task, gettext_lazy("The task is done.")),
    "reopen": (services.reopen_task, gettext_lazy("The task is open again.")),
    "cancel": (services.cancel_task, gettext_lazy("The task has been cancelled.")),
}


@login_required
@require_POST
def task_done(request, slug, pk):
    """Mark a task done (or reopen or cancel it), from the tasks page's buttons."""
    region = region_for(request, slug)
    task = get_object_or_404(Task.objects.select_related("region"), pk=pk, region=region)
    action = request.POST.get("action", "done")
    if action not in TASK_ACTIONS:
        action = "done"
    if not services.may_complete(request.user, task) or (
        action == "cancel" and not request.user.has_perm("pilots.manage_tasks", region)
    ):
        raise PermissionDenied
    service, message = TASK_ACTIONS[action]
    try:
        service(actor=request.user, task=task)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(message))
    return redirect("pilots:tasks", slug=region.slug)


# --- profiles ------------------------------------------------------------------------------


@login_required
@require_GET
def profiles(request, slug):
    """The profiles side by side: the first (at the start) and a chosen later one."""
    region = region_for(request, slug)
    all_profiles = list(region.profiles.select_related("author").order_by("taken_on", "pk"))
    first = all_profiles[0] if all_profiles else None
    later = None
    if len(all_profiles) > 1:
        chosen = request.GET.get("later", "")
        later = next((p for p in all_profiles[1:] if str(p.pk) == chosen), all_profiles[-1])
    rows = []
    if first is not None:
        for name in ("strengths", "weaknesses", "opportunities", "risks"):
            rows.append(
                (
                    first._meta.get_field(name).verbose_name,
                    getattr(first, name),
                    getattr(later, name) if later else None,
                )
            )
    return render(
        request,
        "pilots/support/profiles.html",
        _context(
            request,
            region,
            first=first,
            later=later,
            later_choices=all_profiles[1:],
            rows=rows,
            profile_count=len(all_profiles),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_add(request, slug):
    region = region_for(request, slug, "pilots.edit_profile")
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_profile(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The profile has been recorded."))
            return redirect("pilots:profiles", slug=region.slug)
    return render(
        request,
        "pilots/support/profile_form.html",
        _context(request, region, form=form),
        status=400 if form.errors else 200,
    )


_BASE = "pilotregionen/<slug:slug>/prozessbegleitung/"

urlpatterns = [
    path(_BASE, support, name="support"),
    path(f"{_BASE}sitzungen/neu/", session_add, name="session_add"),
    path(f"{_BASE}sitzungen/<int:pk>/", session, name="session"),
    path(f"{_BASE}sitzungen/<int:pk>/bearbeiten/", session_edit, name="session_edit"),
    path(f"{_BASE}aufgaben/", tasks, name="tasks"),
    path(f"{_BASE}aufgaben/neu/", task_add, name="task_add"),
    path(f"{_BASE}aufgaben/<int:pk>/bearbeiten/", task_edit, name="task_edit"),
    path(f"{_BASE}aufgaben/<int:pk>/erledigt/", task_done, name="task_done"),
    path(f"{_BASE}profile/", profiles, name="profiles"),
    path(f"{_BASE}profile/neu/", profile_add, name="profile_add"),
]
