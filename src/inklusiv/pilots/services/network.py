"""The network's actors and ties: adding them, changing them and ending them.

Nothing of the network's history is deleted: an actor leaves by getting the date it left, a tie
ends by getting the date it ended, so the map can still be drawn as it was on any earlier day.
The region's editors and its accompanying side (pilots.edit_structures) change the network.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusiv.accounts.models import User
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require

from ..models import Actor, PilotRegion, Sector, Tie

PERMISSION = "pilots.edit_structures"
ACTOR_FIELDS = (
    "name",
    "kind",
    "sector",
    "description",
    "contact_name",
    "contact_email",
    "joined_on",
    "left_on",
    "public",
)
TIE_FIELDS = ("kind", "began_on", "ended_on", "note")
# Fields written in the audit entry when a tie is added (its ends name the actors).
TIE_RECORD = ("source", "target", *TIE_FIELDS)


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _clean_text(value) -> str:
    return (value or "").strip()


def _check_actor(region: PilotRegion, values: dict, *, pk: int | None = None) -> None:
    if not values["name"]:
        raise DomainError(_("Please enter the name of the actor."), field="name")
    if values["kind"] not in Actor.Kind.values:
        raise DomainError(
            _("Please choose whether the actor is an organisation or a person."), field="kind"
        )
    if values["sector"] not in Sector.values:
        raise DomainError(_("Please choose the sector of the actor."), field="sector")
    if values["joined_on"] is None:
        raise DomainError(
            _("Please enter the date the actor joined the network."), field="joined_on"
        )
    left_on = values.get("left_on")
    if left_on is not None and left_on < values["joined_on"]:
        raise DomainError(_("An actor cannot leave the network before it joined."), field="left_on")
    same_name = Actor.objects.filter(region=region, name__iexact=values["name"])
    if pk is not None:
        same_name = same_name.exclude(pk=pk)
    if same_name.exists():
        raise DomainError(
            _("The network already has an actor named “%(name)s”.") % {"name": values["name"]},
            field="name",
        )


def add_actor(
    *,
    actor: User,
    region: PilotRegion,
    name: str,
    kind: str,
    sector: str,
    joined_on: datetime.date,
    description: str = "",
    contact_name: str = "",
    contact_email: str = "",
    public: bool = False,
) -> Actor:
    """Add an organisation or a person to the region's network from the day it joined."""
    require(actor, PERMISSION, region)
    values = {
        "name": _clean_text(name),
        "kind": kind,
        "sector": sector,
        "description": _clean_text(description),
        "contact_name": _clean_text(contact_name),
        "contact_email": _clean_text(contact_email),
        "joined_on": joined_on,
        "public": bool(public),
    }
    with transaction.atomic():
        PilotRegion.objects.select_for_update().filter(pk=region.pk).first()
        _check_actor(region, values)
        network_actor = Actor(region=region, **values)
        network_actor.full_clean()
        network_actor.save()
        audit.record(
            actor=actor,
            obj=network_actor,
            action="pilot_actor_added",
            after=audit.snapshot(network_actor, values.keys()),
        )
    return network_actor


def _ties_of(network_actor: Actor):
    return Tie.objects.filter(Q(source=network_actor) | Q(target=network_actor))


def update_actor(*, actor: User, network_actor: Actor, data: dict) -> Actor:
    """Change an actor; setting `left_on` ends its membership (and its open ties that day)."""
    region = network_actor.region
    require(actor, PERMISSION, region)
    fields = [name for name in ACTOR_FIELDS if name in data]
    with transaction.atomic():
        locked = Actor.objects.select_for_update().get(pk=network_actor.pk)
        before = audit.snapshot(locked, fields)
        values = {name: getattr(locked, name) for name in ACTOR_FIELDS}
        for name in fields:
            value = data[name]
            values[name] = _clean_text(value) if isinstance(value, str) else value
        values["public"] = bool(values["public"])
        _check_actor(region, values, pk=locked.pk)
        ties = list(_ties_of(locked).select_for_update().select_related("source", "target"))
        earliest = min(ties, key=lambda tie: tie.began_on, default=None)
        if earliest is not None and values["joined_on"] > earliest.began_on:
            raise DomainError(
                _(
                    "The tie with “%(other)s” began on %(date)s: the actor must have joined "
                    "the network by then."
                )
                % {"other": _other(earliest, locked), "date": _day(earliest.began_on)},
                field="joined_on",
            )
        left_on = values["left_on"]
        ended = []
        if left_on is not None:
            for tie in ties:
                if tie.began_on > left_on:
                    raise DomainError(
                        _(
                            "The tie with “%(other)s” began on %(date)s, after that date. "
                            "Please change or end that tie first."
                        )
                        % {"other": _other(tie, locked), "date": _day(tie.began_on)},
                        field="left_on",
                    )
                # Ties still open on the day the actor leaves end with it (only when that
                # day is set or moved now: a later change of the name leaves ties alone).
                leaving_now = "left_on" in fields and left_on != before["left_on"]
                if leaving_now and (tie.ended_on is None or tie.ended_on > left_on):
                    ended.append((tie, tie.ended_on))
        for name in fields:
            setattr(locked, name, values[name])
        locked.full_clean()
        changed = [name for name in fields if before[name] != getattr(locked, name)]
        if not changed:
            return locked
        locked.save(update_fields=changed)
        for tie, old_end in ended:
            tie.ended_on = left_on
            tie.save(update_fields=["ended_on"])
            audit.record(
                actor=actor,
                obj=tie,
                action="pilot_tie_changed",
                before={"ended_on": old_end},
                after={"ended_on": left_on},
            )
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_actor_changed",
            before={name: before[name] for name in changed},
            after=audit.snapshot(locked, changed),
        )
    return locked


def _other(tie: Tie, network_actor: Actor) -> str:
    return tie.target.name if tie.source_id == network_actor.pk else tie.source.name


def _check_tie(source: Actor, target: Actor, values: dict) -> None:
    began_on, ended_on = values["began_on"], values.get("ended_on")
    if began_on is None:
        raise DomainError(_("Please enter the date the tie began."), field="began_on")
    if values["kind"] not in Tie.Kind.values:
        raise DomainError(_("Please choose the kind of tie."), field="kind")
    if ended_on is not None and ended_on < began_on:
        raise DomainError(_("A tie cannot end before it began."), field="ended_on")
    for end in (source, target):
        if began_on < end.joined_on:
            raise DomainError(
                _("“%(name)s” joined the network on %(date)s: a tie with it cannot begin earlier.")
                % {"name": end.name, "date": _day(end.joined_on)},
                field="began_on",
            )
        if end.left_on is not None and began_on >= end.left_on:
            raise DomainError(
                _(
                    "“%(name)s” left the network on %(date)s: a tie with it cannot begin "
                    "then or later."
                )
                % {"name": end.name, "date": _day(end.left_on)},
                field="began_on",
            )


def add_tie(
    *,
    actor: User,
    region: PilotRegion,
    source: Actor,
    target: Actor,
    kind: str,
    began_on: datetime.date,
    ended_on: datetime.date | None = None,
    note: str = "",
) -> Tie:
    """Connect two actors of the region from the day the tie began."""
    require(actor, PERMISSION, region)
    if source.region_id != region.pk or target.region_id != region.pk:
        raise DomainError(
            _("Both actors of a tie must belong to this region's network."), field="target"
        )
    if source.pk == target.pk:
        raise DomainError(_("A tie connects two different actors."), field="target")
    values = {"kind": kind, "began_on": began_on, "ended_on": ended_on, "note": _clean_text(note)}
    with transaction.atomic():
        ends = {
            end.pk: end
            for end in Actor.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
        }
        source, target = ends[source.pk], ends[target.pk]
        _check_tie(source, target, values)
        duplicate = Tie.objects.filter(
            region=region,
            kind=kind,
            ended_on__isnull=True,
            source__in=[source, target],
            target__in=[source, target],
        )
        if ended_on is None and duplicate.exists():
            raise DomainError(
                _("“%(source)s” and “%(target)s” already have an open tie of this kind.")
                % {"source": source.name, "target": target.name},
                field="kind",
            )
        tie = Tie(region=region, source=source, target=target, **values)
        tie.full_clean()
        tie.save()
        audit.record(
            actor=actor, obj=tie, action="pilot_tie_added", after=audit.snapshot(tie, TIE_RECORD)
        )
    return tie


def update_tie(*, actor: User, tie: Tie, data: dict) -> Tie:
    """Change a tie's kind, dates or note; setting `ended_on` ends it (its ends stay)."""
    require(actor, PERMISSION, tie.region)
    fields = [name for name in TIE_FIELDS if name in data]
    with transaction.atomic():
        locked = Tie.objects.select_for_update().select_related("source", "target").get(pk=tie.pk)
        before = audit.snapshot(locked, fields)
        values = {name: getattr(locked, name) for name in TIE_FIELDS}
        for name in fields:
            value = data[name]
            values[name] = _clean_text(value) if isinstance(value, str) else value
        _check_tie(locked.source, locked.target, values)
        for name in fields:
            setattr(locked, name, values[name])
        locked.full_clean()
        changed = [name for name in fields if before[name] != getattr(locked, name)]
        if not changed:
            return locked
        locked.save(update_fields=changed)
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_tie_changed",
            before={name: before[name] for name in changed},
            after=audit.snapshot(locked, changed),
        )
    return locked
