"""The region's structures: its steering group and working groups, their meetings with
minutes, and the region's documents (uploaded with the intake's checks).

Every change is audited. Documents may carry personal data (signatures under a cooperation
agreement, names in minutes), so every download is kept in the audit log as well, like the
application's attachments: a copy cannot be taken back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.accounts.models import User
from inklusiv.applications.uploads import check_upload
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require

from ..models import Actor, FieldOfAction, Group, GroupMeeting, PilotRegion, RegionDocument

GROUP_FIELDS = (
    "name",
    "topic",
    "field_of_action",
    "spokesperson",
    "founded_on",
    "dissolved_on",
)
MEETING_FIELDS = ("held_on", "place", "minutes", "decisions")


def _json(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _clean_text(value) -> str:
    return (value or "").strip()


def _check_field_of_action(region: PilotRegion, field_of_action) -> None:
    if field_of_action is not None and field_of_action.region_id != region.pk:
        raise DomainError(
            _("Please choose a field of action of this region."), field="field_of_action"
        )


def _check_members(region: PilotRegion, members: Iterable[Actor]) -> list[Actor]:
    members = list(members)
    if any(member.region_id != region.pk for member in members):
        raise DomainError(
            _("Members of a group must be actors of this region's network."), field="members"
        )
    return members


def _check_dates(founded_on, dissolved_on) -> None:
    if founded_on and dissolved_on and dissolved_on < founded_on:
        raise DomainError(
            _("A group cannot be dissolved before it was founded."), field="dissolved_on"
        )


def _storage():
    """Where documents' files live (their removal is not a row's deletion)."""
    return RegionDocument._meta.get_field("file").storage


def _member_ids(group: Group) -> list[int]:
    return sorted(group.members.values_list("pk", flat=True))


def create_group(
    *,
    actor: User,
    region: PilotRegion,
    kind: str,
    name: str,
    topic: str = "",
    field_of_action: FieldOfAction | None = None,
    spokesperson: str = "",
    founded_on: datetime.date | None = None,
    members: Iterable[Actor] = (),
) -> Group:
    """A working group, or the region's one steering group."""
    require(actor, "pilots.edit_structures", region)
    if kind not in Group.Kind.values:
        raise DomainError(_("Please choose the kind of group."), field="kind")
    name = _clean_text(name)
    if not name:
        raise DomainError(_("Please name the group."), field="name")
    _check_field_of_action(region, field_of_action)
    members = _check_members(region, members)
    with transaction.atomic():
        # The region's row is the lock: two people creating a steering group at once wait
        # for each other, and the second is told there is one already.
        PilotRegion.objects.select_for_update().get(pk=region.pk)
        if (
            kind == Group.Kind.STEERING
            and Group.objects.filter(region=region, kind=Group.Kind.STEERING).exists()
        ):
            raise DomainError(
                _("The region has a steering group already; a region has only one."),
                field="kind",
            )
        group = Group(
            region=region,
            kind=kind,
            name=name,
            topic=_clean_text(topic),
            field_of_action=field_of_action,
            spokesperson=_clean_text(spokesperson),
            founded_on=founded_on,
        )
        group.full_clean()
        group.save()
        group.members.set(members)
        audit.record(
            actor=actor,
            obj=group,
            action="pilot_group_created",
            after={
                "kind": kind,
                "name": group.name,
                "topic": group.topic,
                "field_of_action": field_of_action.pk if field_of_action else None,
                "spokesperson": group.spokesperson,
                "founded_on": _json(founded_on),
                "members": sorted(member.pk for member in members),
            },
        )
    return group


def update_group(*, actor: User, group: Group, data: dict) -> Group:
    """Change a group's name, topic, field of action, spokesperson, dates or members."""
    region = group.region
    require(actor, "pilots.edit_structures", region)
    if "kind" in data and data["kind"] != group.kind:
        raise DomainError(_("The kind of a group cannot be changed."), field="kind")
    fields = [name for name in GROUP_FIELDS if name in data]
    if "field_of_action" in data:
        _check_field_of_action(region, data["field_of_action"])
    if "name" in data and not _clean_text(data["name"]):
        raise DomainError(_("Please name the group."), field="name")
    members = _check_members(region, data["members"]) if "members" in data else None
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            value = data[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        _check_dates(locked.founded_on, locked.dissolved_on)
        locked.full_clean()
        after = audit.snapshot(locked, fields)
        changed = [name for name in fields if before[name] != after[name]]
        before_json = {name: _json(before[name]) for name in changed}
        after_json = {name: _json(after[name]) for name in changed}
        if changed:
            locked.save(update_fields=changed)
        if members is not None:
            old_members = _member_ids(locked)
            new_members = sorted(member.pk for member in members)
            if old_members != new_members:
                locked.members.set(members)
                before_json["members"] = old_members
                after_json["members"] = new_members
        if after_json:
            audit.record(
                actor=actor,
                obj=locked,
                action="pilot_group_updated",
                before=before_json,
                after=after_json,
            )
    return locked


def record_meeting(
    *,
    actor: User,
    group: Group,
    held_on: datetime.datetime,
    place: str = "",
    minutes: str = "",
    decisions: str = "",
) -> GroupMeeting:
    """A meeting of a group (past or planned), with its minutes and decisions."""
    require(actor, "pilots.edit_structures", group.region)
    if held_on is None:
        raise DomainError(_("Please give the date and time of the meeting."), field="held_on")
    with transaction.atomic():
        Group.objects.select_for_update().get(pk=group.pk)
        meeting = GroupMeeting(
            group=group,
            held_on=held_on,
            place=_clean_text(place),
            minutes=_clean_text(minutes),
            decisions=_clean_text(decisions),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        meeting.full_clean()
        meeting.save()
        audit.record(
            actor=actor,
            obj=group,
            action="pilot_meeting_recorded",
            after={
                "meeting": meeting.pk,
                "held_on": _json(held_on),
                "place": meeting.place,
                "minutes": meeting.minutes,
                "decisions": meeting.decisions,
            },
        )
    return meeting


def update_meeting(*, actor: User, meeting: GroupMeeting, data: dict) -> GroupMeeting:
    """Change a meeting's date, place, minutes or decisions."""
    group = meeting.group
    require(actor, "pilots.edit_structures", group.region)
    fields = [name for name in MEETING_FIELDS if name in data]
    if "held_on" in data and data["held_on"] is None:
        raise DomainError(_("Please give the date and time of the meeting."), field="held_on")
    with transaction.atomic():
        locked = GroupMeeting.objects.select_for_update().get(pk=meeting.pk)
        before = audit.snapshot(locked, fields)
        for name in fields:
            value = data[name]
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.full_clean()
        after = audit.snapshot(locked, fields)
        changed = [name for name in fields if before[name] != after[name]]
        if changed:
            locked.recorded_by = actor
            locked.recorded_at = timezone.now()
            locked.save(update_fields=[*changed, "recorded_by", "recorded_at"])
            audit.record(
                actor=actor,
                obj=group,
                action="pilot_meeting_updated",
                before={"meeting": locked.pk, **{n: _json(before[n]) for n in changed}},
                after={"meeting": locked.pk, **{n: _json(after[n]) for n in changed}},
            )
    return locked


def upload_document(
    *, actor: User, region: PilotRegion, kind: str, title: str, upload
) -> RegionDocument:
    """Check an upload like the intake does (type by content, size, zip bombs, huge images)
    and keep it as a document of the region. A refused file leaves no trace in storage."""
    require(actor, "pilots.edit_structures", region)
    if kind not in RegionDocument.Kind.values:
        raise DomainError(_("Please choose the kind of document."), field="kind")
    title = _clean_text(title)
    if not title:
        raise DomainError(_("Please give the document a title."), field="title")
    if upload is None:
        raise DomainError(_("Please choose a file."), field="upload")
    try:
        checked = check_upload(upload)
    except DomainError as error:
        raise DomainError(str(error), field="upload") from None
    document = RegionDocument(
        region=region,
        kind=kind,
        title=title,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
    document.file.save(checked.name, upload, save=False)
    stored = document.file.name
    try:
        with transaction.atomic():
            document.save()
            audit.record(
                actor=actor,
                obj=region,
                action="pilot_document_uploaded",
                after={
                    "document": document.pk,
                    "kind": kind,
                    "title": title,
                    "name": checked.name,
                },
            )
    except BaseException:
        _storage().delete(stored)
        raise
    return document


def delete_document(*, actor: User, document: RegionDocument) -> None:
    """Remove a document; its file goes once the removal has been committed."""
    region = document.region
    require(actor, "pilots.edit_structures", region)
    with transaction.atomic():
        locked = RegionDocument.objects.select_for_update().get(pk=document.pk)
        name = locked.file.name
        audit.record(
            actor=actor,
            obj=region,
            action="pilot_document_deleted",
            before={
                "document": locked.pk,
                "kind": locked.kind,
                "title": locked.title,
                "name": locked.original_name,
            },
        )
        locked.delete()
        transaction.on_commit(lambda: _storage().delete(name))


def record_download(*, actor: User, document: RegionDocument) -> None:
    """Someone took a document out of the platform (audited as a read: it may carry
    personal data, and a copy cannot be taken back)."""
    require(actor, "pilots.view_region", document.region)
    audit.record(
        actor=actor,
        obj=document.region,
        action="pilot_document_downloaded",
        after={"document": document.pk, "title": document.title, "name": document.original_name},
    )
