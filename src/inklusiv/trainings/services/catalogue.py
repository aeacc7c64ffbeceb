"""The catalogue's writes: courses and their dated sessions, created, changed and cancelled by
funder staff and the courses' trainers.

A change of a session's time, place or online link raises its calendar sequence and tells
everyone registered (the mails go out on commit); cancelling does the same with the reason.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.accounts.rules import is_funder_staff
from inklusiv.core import audit, slugs
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.pilots.models import RegionMember

from .. import selectors
from ..models import Course, Format, Service, TrainingSession
from . import mails, registrations

COURSE_FIELDS = (
    "title",
    "description",
    "learning_goals",
    "target_group",
    "format",
    "length_minutes",
    "trainer",
    "summary_easy",
    "published",
)
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "format",
    "trainer",
    "venue",
    "address",
    "step_free",
    "accessible_toilet",
    "induction_loop",
    "quiet_room",
    "access_notes",
    "online_link",
    "capacity",
    "registration_deadline",
    "cancellation_deadline",
    "audience",
    "member_roles",
    "services",
)
# A change of one of these reaches the participants' calendars and inboxes.
ANNOUNCED_FIELDS = ("starts_at", "ends_at", "format", "venue", "address", "online_link")


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    return value


def _changes(before: dict, after: dict) -> tuple[dict, dict, list[str]]:
    changed = [name for name in after if before[name] != after[name]]
    return (
        {name: _json(before[name]) for name in changed},
        {name: _json(after[name]) for name in changed},
        changed,
    )


def slug_for(title: str, *, exclude_pk=None) -> str:
    """A web address from the title ("Leichte Sprache für Ämter" → "leichte-sprache-fuer-aemter"),
    numbered when it is taken."""
    return slugs.unique_slug(Course, title, fallback="fortbildung", exclude_pk=exclude_pk)


# --- courses -----------------------------------------------------------------------------


def _check_course(data: dict) -> None:
    if "title" in data and not (data["title"] or "").strip():
        raise DomainError(_("Please give the course a title."), field="title")
    if "description" in data and not (data["description"] or "").strip():
        raise DomainError(_("Please describe the course."), field="description")
    if "format" in data and data["format"] not in Format.values:
        raise DomainError(_("Please choose the format of the course."), field="format")
    if "length_minutes" in data and not (data["length_minutes"] or 0) >= 1:
        raise DomainError(_("Please give the length in minutes."), field="length_minutes")


def create_course(*, actor, data: dict) -> Course:
    """A new course; a trainer who is not funder staff teaches the courses they create."""
    require(actor, "trainings.create_course")
    _check_course(
        {name: data.get(name) for name in ("title", "description", "format", "length_minutes")}
    )
    values = {name: _clean(data[name]) for name in COURSE_FIELDS if name in data}
    if not is_funder_staff(actor):
        values["trainer"] = actor
    with transaction.atomic():
        course = Course(created_by=actor, slug=slug_for(values["title"]), **values)
        course.full_clean(exclude=["created_by"])
        course.save()
        audit.record(
            actor=actor,
            obj=course,
            action="training_course_created",
            after={
                name: _json(getattr(course, name))
                for name in ("title", "format", "trainer", "published")
            },
        )
    return course


def update_course(*, actor, course: Course, data: dict) -> Course:
    """Change a course; its web address stays, so links in mails and calendars keep working."""
    require(actor, "trainings.change_course", course)
    _check_course(data)
    fields = [name for name in COURSE_FIELDS if name in data]
    if not is_funder_staff(actor) and "trainer" in fields:
        # A trainer cannot hand their course to someone else (or to nobody).
        fields.remove("trainer")
    with transaction.atomic():
        locked = Course.objects.select_for_update().get(pk=course.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, _clean(data[name]))
        locked.full_clean(exclude=["created_by"])
        old, new, changed = _changes(before, audit.snapshot(locked, fields))
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
            audit.record(
                actor=actor, obj=locked, action="training_course_updated", before=old, after=new
            )
    return locked


# --- sessions ----------------------------------------------------------------------------


def _check_session(values: dict, regions, *, session: TrainingSession | None = None) -> None:
    """The rules a session's facts must keep together (values: every field of the session)."""
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts is None:
        raise DomainError(_("Please give the start of the session."), field="starts_at")
    if ends is None or ends <= starts:
        raise DomainError(_("The session must end after it starts."), field="ends_at")
    deadline = values.get("registration_deadline")
    if deadline is None or deadline > starts:
        raise DomainError(
            _("Registration must close before the session starts."),
            field="registration_deadline",
        )
    cancellation = values.get("cancellation_deadline")
    if cancellation is None or cancellation > starts:
        raise DomainError(
            _("The cancellation deadline must not be after the start of the session."),
            field="cancellation_deadline",
        )
    capacity = values.get("capacity")
    if capacity is None or capacity < 1:
        raise DomainError(_("A session needs at least one seat."), field="capacity")
    if session is not None:
        taken = selectors.seats_taken(session)
        if capacity < taken:
            raise DomainError(
                _(
                    "%(taken)s seats are already taken or on offer; the session cannot have "
                    "fewer seats."
                )
                % {"taken": taken},
                field="capacity",
            )
    format_ = values.get("format")
    if format_ not in Format.values:
        raise DomainError(
            _("Please choose whether the session is on site, online or hybrid."), field="format"
        )
    if format_ in (Format.ONLINE, Format.HYBRID) and not (values.get("online_link") or "").strip():
        raise DomainError(
            _("An online or hybrid session needs the link to the online room."),
            field="online_link",
        )
    if format_ in (Format.ON_SITE, Format.HYBRID) and not (values.get("venue") or "").strip():
        raise DomainError(
            _("A session on site or hybrid needs its venue."),
            field="venue",
        )
    services = values.get("services") or []
    if any(code not in Service.values for code in services):
        raise DomainError(_("Please choose services from the list."), field="services")
    if values.get("audience") not in TrainingSession.Audience.values:
        raise DomainError(_("Please say who may register."), field="audience")
    if any(code not in RegionMember.Role.values for code in values.get("member_roles") or []):
        raise DomainError(_("Please choose roles from the list."), field="member_roles")
    if values.get("audience") == TrainingSession.Audience.REGIONS and not regions:
        raise DomainError(
            _("Please choose the pilot regions whose members may register."), field="regions"
        )


def _session_values(data: dict, course: Course) -> dict:
    values = {name: _clean(data[name]) for name in SESSION_FIELDS if name in data}
    values.setdefault("format", course.format)
    values.setdefault("audience", TrainingSession.Audience.EVERYONE)
    values["services"] = list(dict.fromkeys(values.get("services") or []))
    # Roles in a region narrow only an audience of pilot-region members.
    values["member_roles"] = (
        []
        if values["audience"] == TrainingSession.Audience.EVERYONE
        else list(dict.fromkeys(values.get("member_roles") or []))
    )
    if values["format"] == Format.ON_SITE:
        # An on-site session has no online room: an old link must not reach anyone.
        values["online_link"] = ""
    return values


def _announce(session: TrainingSession, *, cancelled: bool = False, reason: str = "") -> None:
    """Tell the registered people on commit (the mails service decides who hears what)."""
    transaction.on_commit(
        lambda: mails.send_session_changed(session, cancelled=cancelled, reason=reason)
    )


def create_session(*, actor, course: Course, data: dict, regions=()) -> TrainingSession:
    require(actor, "trainings.create_session", course)
    values = _session_values(data, course)
    regions = list(regions or [])
    _check_session(values, regions)
    if values.get("audience") != TrainingSession.Audience.REGIONS:
        regions = []
    with transaction.atomic():
        session = TrainingSession(course=course, created_by=actor, **values)
        session.full_clean(exclude=["created_by"])
        session.save()
        session.regions.set(regions)
        audit.record(
            actor=actor,
            obj=session,
            action="training_session_created",
            after={
                **{
                    name: _json(getattr(session, name))
                    for name in ("starts_at", "ends_at", "format", "capacity", "audience")
                },
                "regions": [region.pk for region in regions],
            },
        )
    return session


def update_session(*, actor, session: TrainingSession, data: dict, regions=None) -> TrainingSession:
    """Change a session; if its time, place or link changed, participants hear of it."""
    require(actor, "trainings.change_session", session)
    fields = [name for name in SESSION_FIELDS if name in data]
    with transaction.atomic():
        locked = (
            TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)
        )
        if locked.status == TrainingSession.Status.CANCELLED:
            raise DomainError(_("The session has been cancelled; it cannot be changed."))
        before = audit.snapshot(locked, SESSION_FIELDS)
        current = {name: getattr(locked, name) for name in SESSION_FIELDS}
        values = {**current, **{name: _clean(data[name]) for name in fields}}
        values["services"] = list(dict.fromkeys(values.get("services") or []))
        if values["format"] == Format.ON_SITE:
            values["online_link"] = ""
        old_regions = sorted(locked.regions.values_list("pk", flat=True))
        new_regions = list(regions) if regions is not None else None
        if values["audience"] != TrainingSession.Audience.REGIONS:
            new_regions = []
        check_regions = new_regions if new_regions is not None else old_regions
        _check_session(values, check_regions, session=locked)
        for name in SESSION_FIELDS:
            setattr(locked, name, values[name])
        locked.full_clean(exclude=["created_by"])
        old, new, changed = _changes(before, audit.snapshot(locked, SESSION_FIELDS))
        region_pks = (
            sorted(region.pk for region in new_regions) if new_regions is not None else old_regions
        )
        if region_pks != old_regions:
            locked.regions.set(new_regions)
            old["regions"], new["regions"] = old_regions, region_pks
        announced = [name for name in changed if name in ANNOUNCED_FIELDS]
        if announced:
            locked.sequence += 1
            changed.append("sequence")
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
        if old:
            audit.record(
                actor=actor, obj=locked, action="training_session_updated", before=old, after=new
            )
        if announced:
            _announce(locked)
        if "capacity" in changed and locked.capacity > before["capacity"]:
            # New seats go to the waiting list, in its order, as time-limited offers.
            registrations.offer_free_seats(session=locked)
    return locked


def cancel_session(*, actor, session: TrainingSession, reason: str) -> TrainingSession:
    """Cancel a session that has not started; everyone registered hears why."""
    require(actor, "trainings.change_session", session)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Please give a reason; the participants will read it."), field="reason")
    with transaction.atomic():
        locked = (
            TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)
        )
        if locked.status == TrainingSession.Status.CANCELLED:
            raise DomainError(_("The session has already been cancelled."))
        if locked.starts_at <= timezone.now():
            raise DomainError(_("The session has already started; it cannot be cancelled."))
        locked.status = TrainingSession.Status.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "updated_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="training_session_cancelled",
            before={"status": TrainingSession.Status.SCHEDULED},
            after={"status": TrainingSession.Status.CANCELLED},
            reason=reason,
        )
        _announce(locked, cancelled=True, reason=reason)
        # Nothing is to be booked for a session that will not take place.
        registrations.purge_session_needs(locked)
    return locked


def sessions_taught_by(user):
    """The filter for the sessions a person teaches (the session's or the course's trainer)."""
    return Q(trainer=user) | Q(course__trainer=user)
