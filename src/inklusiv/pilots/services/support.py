"""Process support: the coach's session log, the region's tasks with their reminders, and the
strengths/weaknesses profile of the social space.

Sessions are written by the region's coach (and funder staff); their internal note is for the
accompanying side only. Tasks belong to a person with a part in the region; their owner is
told when a task is given to them and reminded, at most once a day, when it falls due.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Role
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.notifications.services import notify

from ..models import CoachingSession, Measure, PilotRegion, Profile, RegionMember, Task

User = get_user_model()

SESSION_FIELDS = (
    "held_on",
    "format",
    "participants",
    "topics",
    "agreements",
    "next_steps",
    "internal_note",
)
TASK_FIELDS = ("title", "description", "owner", "due_on", "measure", "session")
PROFILE_FIELDS = ("taken_on", "label", "strengths", "weaknesses", "opportunities", "risks")

# Which task status may follow which, and by which service.
TASK_TRANSITIONS = {
    Task.Status.OPEN: {"complete": Task.Status.DONE, "cancel": Task.Status.CANCELLED},
    Task.Status.DONE: {"reopen": Task.Status.OPEN},
    Task.Status.CANCELLED: {"reopen": Task.Status.OPEN},
}

# Open tasks due within this many days (or overdue) are reminded, once a day.
REMIND_DAYS_AHEAD = 3


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _changes(before: dict, after: dict) -> tuple[dict, dict, list[str]]:
    changed = [name for name in after if before[name] != after[name]]
    return (
        {name: _json(before[name]) for name in changed},
        {name: _json(after[name]) for name in changed},
        changed,
    )


def region_url(name: str, region: PilotRegion, *args) -> str:
    """The absolute address of a region page, for mails."""
    return settings.SITE_URL + reverse(f"pilots:{name}", args=[region.slug, *args])


# --- sessions ------------------------------------------------------------------------------


def _check_session(data: dict) -> None:
    if "topics" in data and not (data["topics"] or "").strip():
        raise DomainError(_("Please say which topics the session was about."), field="topics")
    if "format" in data and data["format"] not in CoachingSession.Format.values:
        raise DomainError(_("Please choose the format of the session."), field="format")
    held_on = data.get("held_on")
    if held_on is not None and held_on > timezone.localdate() + datetime.timedelta(days=1):
        raise DomainError(
            _("The session log records sessions that have taken place; the date is in the future."),
            field="held_on",
        )


def log_session(
    *,
    actor,
    region: PilotRegion,
    held_on: datetime.date,
    format: str,
    topics: str,
    participants: str = "",
    agreements: str = "",
    next_steps: str = "",
    internal_note: str = "",
) -> CoachingSession:
    """Record a coaching session in the region's log."""
    require(actor, "pilots.log_session", region)
    data = {
        "held_on": held_on,
        "format": format,
        "topics": topics,
        "participants": participants,
        "agreements": agreements,
        "next_steps": next_steps,
        "internal_note": internal_note,
    }
    _check_session(data)
    with transaction.atomic():
        session = CoachingSession(
            region=region, author=actor, **{name: _clean(value) for name, value in data.items()}
        )
        session.full_clean()
        session.save()
        audit.record(
            actor=actor,
            obj=session,
            action="pilot_session_logged",
            after={"held_on": held_on.isoformat(), "format": format},
        )
    return session


def update_session(*, actor, session: CoachingSession, data: dict) -> CoachingSession:
    require(actor, "pilots.log_session", session.region)
    _check_session(data)
    fields = [name for name in SESSION_FIELDS if name in data]
    with transaction.atomic():
        locked = CoachingSession.objects.select_for_update().get(pk=session.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, _clean(data[name]))
        locked.full_clean()
        old, new, changed = _changes(before, audit.snapshot(locked, fields))
        if changed:
            locked.save(update_fields=changed)
            # The internal note's text stays out of the log that other readers may see.
            for values in (old, new):
                if "internal_note" in values:
                    values["internal_note"] = "…"
            audit.record(
                actor=actor, obj=locked, action="pilot_session_updated", before=old, after=new
            )
    return locked


# --- tasks ---------------------------------------------------------------------------------


def people_of(region: PilotRegion):
    """Everyone with a part in the region: its coach and expert, funder staff, its members."""
    return (
        User.objects.filter(
            Q(pk=region.expert_id)
            | Q(pk=region.coach_id)
            | Q(role_grants__role=Role.FUNDER_STAFF)
            | Q(region_memberships__region=region),
            is_active=True,
        )
        .distinct()
        .order_by("name", "email")
    )


def _check_task(region: PilotRegion, data: dict) -> None:
    if "title" in data and not (data["title"] or "").strip():
        raise DomainError(_("Please name the task."), field="title")
    owner = data.get("owner")
    if "owner" in data and (owner is None or not people_of(region).filter(pk=owner.pk).exists()):
        raise DomainError(
            _(
                "The task can only be given to someone with a part in the region: its coach, "
                "its programme expert, funder staff or a member of the region."
            ),
            field="owner",
        )
    measure = data.get("measure")
    if (
        measure is not None
        and not Measure.objects.filter(pk=measure.pk, goal__field__region=region).exists()
    ):
        raise DomainError(_("Please choose a measure of this region."), field="measure")
    session = data.get("session")
    if session is not None and session.region_id != region.pk:
        raise DomainError(_("Please choose a session of this region."), field="session")


def _notify_assigned(task: Task, actor) -> None:
    if task.owner_id == getattr(actor, "pk", None):
        return
    region = task.region
    notify(
        kind="pilots.task_assigned",
        recipients=[task.owner],
        context={
            "task": task,
            "region": region,
            "actor": actor,
            "url": region_url("tasks", region),
        },
        actor=actor,
        obj=task,
        link=reverse("pilots:tasks", args=[region.slug]),
    )


def create_task(
    *,
    actor,
    region: PilotRegion,
    title: str,
    owner,
    due_on: datetime.date,
    description: str = "",
    measure=None,
    session=None,
) -> Task:
    """A task for a person with a part in the region; they are told by mail."""
    require(actor, "pilots.manage_tasks", region)
    data = {
        "title": title,
        "owner": owner,
        "due_on": due_on,
        "description": description,
        "measure": measure,
        "session": session,
    }
    _check_task(region, data)
    with transaction.atomic():
        task = Task(
            region=region, created_by=actor, **{name: _clean(value) for name, value in data.items()}
        )
        task.full_clean()
        task.save()
        audit.record(
            actor=actor,
            obj=task,
            action="pilot_task_created",
            after={"owner": owner.pk, "due_on": due_on.isoformat()},
        )
        transaction.on_commit(lambda: _notify_assigned(task, actor))
    return task


def update_task(*, actor, task: Task, data: dict) -> Task:
    region = task.region
    require(actor, "pilots.manage_tasks", region)
    _check_task(region, data)
    fields = [name for name in TASK_FIELDS if name in data]
    with transaction.atomic():
        locked = Task.objects.select_for_update().select_related("region").get(pk=task.pk)
        if locked.status != Task.Status.OPEN:
            raise DomainError(_("Only an open task can be changed. Reopen it first."))
        before = audit.snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, _clean(data[name]))
        locked.full_clean()
        old, new, changed = _changes(before, audit.snapshot(locked, fields))
        if changed:
            if "due_on" in changed:
                # A new due date deserves a reminder of its own.
                locked.reminded_at = None
                changed_fields = [*changed, "reminded_at"]
            else:
                changed_fields = changed
            locked.save(update_fields=changed_fields)
            audit.record(
                actor=actor, obj=locked, action="pilot_task_updated", before=old, after=new
            )
            if "owner" in changed:
                transaction.on_commit(lambda: _notify_assigned(locked, actor))
    return locked


def may_complete(user, task: Task) -> bool:
    """Who manages the region's tasks, and the owner of a task for their own one."""
    return user.has_perm("pilots.manage_tasks", task.region) or (
        task.owner_id == user.pk and user.has_perm("pilots.view_region", task.region)
    )


def _transition(*, actor, task: Task, action: str, audit_action: str) -> Task:
    with transaction.atomic():
        locked = Task.objects.select_for_update().select_related("region").get(pk=task.pk)
        new_status = TASK_TRANSITIONS[Task.Status(locked.status)].get(action)
        if new_status is None:
            raise DomainError(
                _("A task that is “%(status)s” cannot be changed this way.")
                % {"status": locked.get_status_display()}
            )
        old_status = locked.status
        locked.status = new_status
        locked.done_at = timezone.now() if new_status == Task.Status.DONE else None
        locked.save(update_fields=["status", "done_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action=audit_action,
            before={"status": old_status},
            after={"status": new_status},
        )
    return locked


def complete_task(*, actor, task: Task) -> Task:
    if not may_complete(actor, task):
        require(actor, "pilots.manage_tasks", task.region)
    return _transition(actor=actor, task=task, action="complete", audit_action="pilot_task_done")


def reopen_task(*, actor, task: Task) -> Task:
    if not may_complete(actor, task):
        require(actor, "pilots.manage_tasks", task.region)
    return _transition(actor=actor, task=task, action="reopen", audit_action="pilot_task_reopened")


def cancel_task(*, actor, task: Task) -> Task:
    require(actor, "pilots.manage_tasks", task.region)
    return _transition(actor=actor, task=task, action="cancel", audit_action="pilot_task_cancelled")


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def send_task_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind the owners of open tasks due within three days or overdue, once a day each.

    Returns the number of tasks reminded. Whoever switched reminders off gets none; whoever
    chose the digest finds them in it."""
    now = now or timezone.now()
    today = _day(now)
    candidates = Task.objects.filter(
        status=Task.Status.OPEN,
        due_on__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD),
        owner__is_active=True,
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(candidates):
        with transaction.atomic():
            task = (
                Task.objects.select_for_update(of=("self",))
                .select_related("region", "owner")
                .get(pk=pk)
            )
            if task.status != Task.Status.OPEN:
                continue
            if task.reminded_at is not None and _day(task.reminded_at) >= today:
                continue
            task.reminded_at = now
            task.save(update_fields=["reminded_at"])
            audit.record(
                actor=None,
                obj=task,
                action="pilot_task_reminded",
                after={"owner": task.owner_id, "due_on": task.due_on.isoformat()},
            )
            region = task.region
            notify(
                kind="pilots.task_reminder",
                recipients=[task.owner],
                context={
                    "task": task,
                    "region": region,
                    "overdue": task.due_on < today,
                    "url": region_url("tasks", region),
                },
                obj=task,
                link=reverse("pilots:tasks", args=[region.slug]),
            )
            reminded += 1
    return reminded


# --- profiles ------------------------------------------------------------------------------


def _check_profile(data: dict) -> None:
    for name, message in (
        ("label", _("Please give the profile a title, e.g. “Profile at the start”.")),
        ("strengths", _("Please describe the strengths of the social space.")),
        ("weaknesses", _("Please describe the weaknesses of the social space.")),
    ):
        if name in data and not (data[name] or "").strip():
            raise DomainError(message, field=name)


def record_profile(
    *,
    actor,
    region: PilotRegion,
    taken_on: datetime.date,
    label: str,
    strengths: str,
    weaknesses: str,
    opportunities: str = "",
    risks: str = "",
) -> Profile:
    require(actor, "pilots.edit_profile", region)
    data = {
        "taken_on": taken_on,
        "label": label,
        "strengths": strengths,
        "weaknesses": weaknesses,
        "opportunities": opportunities,
        "risks": risks,
    }
    _check_profile(data)
    with transaction.atomic():
        profile = Profile(
            region=region, author=actor, **{name: _clean(value) for name, value in data.items()}
        )
        profile.full_clean()
        profile.save()
        audit.record(
            actor=actor,
            obj=profile,
            action="pilot_profile_recorded",
            after={"taken_on": taken_on.isoformat(), "label": profile.label},
        )
    return profile


def update_profile(*, actor, profile: Profile, data: dict) -> Profile:
    require(actor, "pilots.edit_profile", profile.region)
    _check_profile(data)
    fields = [name for name in PROFILE_FIELDS if name in data]
    with transaction.atomic():
        locked = Profile.objects.select_for_update().get(pk=profile.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, _clean(data[name]))
        locked.full_clean()
        old, new, changed = _changes(before, audit.snapshot(locked, fields))
        if changed:
            locked.save(update_fields=changed)
            audit.record(
                actor=actor, obj=locked, action="pilot_profile_updated", before=old, after=new
            )
    return locked


def region_editors(region: PilotRegion):
    """The region's coordinators and editors (who write the yearly report)."""
    return (
        User.objects.filter(
            region_memberships__region=region,
            region_memberships__role__in=[RegionMember.Role.COORDINATOR, RegionMember.Role.EDITOR],
            is_active=True,
        )
        .distinct()
        .order_by("name")
    )
