"""The inclusion concept: fields of action, goals, measures and milestones, their progress, the
concept's approval by the steering group and the funder, and its versions after approval.

Once the concept has been approved (by the steering group, and later by the funder), every
structural change (adding, changing or removing a field of action, goal, measure or
milestone) needs a reason and freezes the whole concept as a new ConceptVersion with who, when
and why. Progress updates and completed milestones are everyday work: they are audited but do
not make a version.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require

from ..models import (
    Actor,
    Concept,
    ConceptVersion,
    FieldOfAction,
    Goal,
    Group,
    Measure,
    Milestone,
    PilotRegion,
)
from ..models.concept import LifeArea
from ..models.region import IMPACT_STEPS

EDIT = "pilots.edit_concept"

# Which status may follow which, and the right it takes. Printed on the concept page as "who
# may approve what".
TRANSITIONS = {
    Concept.Status.DRAFT: {Concept.Status.STEERING_APPROVED: "pilots.approve_concept_steering"},
    Concept.Status.STEERING_APPROVED: {Concept.Status.APPROVED: "pilots.approve_concept"},
    Concept.Status.APPROVED: {},
}

FIELD_FIELDS = ("name", "life_area", "weight", "order")
GOAL_FIELDS = ("title", "description", "step", "weight", "order")
MEASURE_FIELDS = (
    "title",
    "description",
    "responsible_actor",
    "responsible_group",
    "target_group",
    "starts_on",
    "ends_on",
    "weight",
    "cost",
)
MILESTONE_FIELDS = ("title", "due_on")


def _at_most(limit: int) -> str:
    return ngettext(
        "Please write at most %(limit)s character.",
        "Please write at most %(limit)s characters.",
        limit,
    ) % {"limit": limit}


# -- checks -----------------------------------------------------------------------------------


def _text(value, *, field: str, limit: int, required: bool = False, message=None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(message or _("Please fill in this field."), field=field)
    if len(value) > limit:
        raise DomainError(_at_most(limit), field=field)
    return value


def _whole(value, *, field: str, low: int, high: int, message) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(message, field=field) from None
    if number != value and str(number) != str(value).strip():
        raise DomainError(message, field=field)
    if not low <= number <= high:
        raise DomainError(message, field=field)
    return number


def _weight(value) -> int:
    return _whole(
        value,
        field="weight",
        low=1,
        high=100,
        message=_("The weight must be a whole number from 1 to 100."),
    )


def _order(value) -> int:
    return _whole(
        value,
        field="order",
        low=0,
        high=999,
        message=_("The order must be a whole number from 0 to 999."),
    )


def _progress(value) -> int:
    return _whole(
        value,
        field="progress",
        low=0,
        high=100,
        message=_("The progress must be a whole number from 0 to 100 (percent)."),
    )


def _step(value) -> int:
    return _whole(
        value,
        field="step",
        low=1,
        high=7,
        message=_("Please choose a step of the impact staircase from 1 to 7."),
    )


def _life_area(value) -> str:
    value = value or ""
    if value and value not in LifeArea.values:
        raise DomainError(_("Please choose a field of life from the list."), field="life_area")
    return value


def _date(value, *, field: str, message) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(message, field=field)
    return value


def _dates(starts_on, ends_on) -> None:
    _date(starts_on, field="starts_on", message=_("Please enter the start of the measure."))
    _date(ends_on, field="ends_on", message=_("Please enter the end of the measure."))
    if ends_on < starts_on:
        raise DomainError(_("The measure must end on or after its start."), field="ends_on")


def _cost(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        cost = Decimal(str(value))
    except InvalidOperation:
        raise DomainError(_("Please enter the cost in euros."), field="cost") from None
    if cost < 0 or cost >= Decimal("100000000"):
        raise DomainError(_("The cost must lie between 0 and 99,999,999.99 euros."), field="cost")
    return cost.quantize(Decimal("0.01"))


def _status(value) -> str:
    if value not in Measure.Status.values:
        raise DomainError(_("Please choose a status from the list."), field="status")
    return value


def _responsible(region: PilotRegion, responsible_actor, responsible_group) -> None:
    if responsible_actor is not None and (
        not isinstance(responsible_actor, Actor) or responsible_actor.region_id != region.pk
    ):
        raise DomainError(
            _("The responsible actor must belong to this region's network."),
            field="responsible_actor",
        )
    if responsible_group is not None and (
        not isinstance(responsible_group, Group) or responsible_group.region_id != region.pk
    ):
        raise DomainError(
            _("The responsible group must be a group of this region."),
            field="responsible_group",
        )


def _done_on(value) -> datetime.date:
    _date(value, field="done_on", message=_("Please enter the day the milestone was reached."))
    if value > timezone.localdate():
        raise DomainError(_("A milestone cannot be reached in the future."), field="done_on")
    return value


# -- the concept, its versions and the reason for a change --------------------------------------


def concept_of(region: PilotRegion) -> Concept:
    concept, _created = Concept.objects.get_or_create(region=region)
    return concept


def is_approved(concept: Concept) -> bool:
    """Approved by the steering group or the funder: changes now need a reason and a version."""
    return concept.status != Concept.Status.DRAFT


def _lock(region_id: int) -> Concept:
    concept, _created = Concept.objects.get_or_create(region_id=region_id)
    return Concept.objects.select_for_update().get(pk=concept.pk)


def _reason(concept: Concept, reason: str) -> str:
    reason = (reason or "").strip()
    if is_approved(concept) and not reason:
        raise DomainError(
            _(
                "The concept has been approved: please say why it changes. The reason is kept "
                "with the new version."
            ),
            field="reason",
        )
    if len(reason) > 2000:
        raise DomainError(_at_most(2000), field="reason")
    return reason


def snapshot(region_id: int) -> dict:
    """The whole concept as JSON: every field of action, goal, measure and milestone."""
    from ..progress import fields_queryset

    fields = []
    for field_of_action in fields_queryset([region_id]):
        goals = []
        for goal in field_of_action.goals.all():
            measures = []
            for measure in goal.measures.all():
                measures.append(
                    {
                        "id": measure.pk,
                        "title": measure.title,
                        "description": measure.description,
                        "responsible_actor": str(measure.responsible_actor or ""),
                        "responsible_group": str(measure.responsible_group or ""),
                        "target_group": measure.target_group,
                        "starts_on": measure.starts_on.isoformat(),
                        "ends_on": measure.ends_on.isoformat(),
                        "status": measure.status,
                        "progress": measure.progress,
                        "weight": measure.weight,
                        "cost": None if measure.cost is None else str(measure.cost),
                        "milestones": [
                            {
                                "id": milestone.pk,
                                "title": milestone.title,
                                "due_on": milestone.due_on.isoformat(),
                                "done_on": milestone.done_on.isoformat()
                                if milestone.done_on
                                else None,
                            }
                            for milestone in measure.milestones.all()
                        ],
                    }
                )
            goals.append(
                {
                    "id": goal.pk,
                    "title": goal.title,
                    "description": goal.description,
                    "step": goal.step,
                    "weight": goal.weight,
                    "order": goal.order,
                    "measures": measures,
                }
            )
        fields.append(
            {
                "id": field_of_action.pk,
                "name": field_of_action.name,
                "life_area": field_of_action.life_area,
                "weight": field_of_action.weight,
                "order": field_of_action.order,
                "goals": goals,
            }
        )
    return {"fields": fields}


def _new_version(*, actor, concept: Concept, reason: str) -> ConceptVersion:
    """Freeze the concept (locked by the caller) as its next version."""
    concept.version += 1
    concept.save(update_fields=["version", "updated_at"])
    return ConceptVersion.objects.create(
        concept=concept,
        number=concept.version,
        content=snapshot(concept.region_id),
        reason=reason,
        created_by=actor,
        created_at=timezone.now(),
    )


def _changed(*, actor, concept: Concept, reason: str) -> None:
    """After a structural change: a new version once the concept has been approved."""
    if is_approved(concept):
        _new_version(actor=actor, concept=concept, reason=reason)
    else:
        concept.save(update_fields=["updated_at"])


def _json(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _snap(obj, fields) -> dict:
    return {name: _json(value) for name, value in audit.snapshot(obj, fields).items()}


def _apply(obj, data: dict, allowed: tuple[str, ...]) -> tuple[dict, dict]:
    """Set the allowed keys of data on obj; (before, after) of the values that changed."""
    names = [name for name in allowed if name in data]
    before = _snap(obj, names)
    for name in names:
        setattr(obj, name, data[name])
    after = _snap(obj, names)
    changed = [name for name in names if before[name] != after[name]]
    return {name: before[name] for name in changed}, {name: after[name] for name in changed}


# -- fields of action -------------------------------------------------------------------------


def _clean_field(data: dict) -> dict:
    cleaned = {}
    if "name" in data:
        cleaned["name"] = _text(
            data["name"],
            field="name",
            limit=200,
            required=True,
            message=_("Please name the field of action."),
        )
    if "life_area" in data:
        cleaned["life_area"] = _life_area(data["life_area"])
    if "weight" in data:
        cleaned["weight"] = _weight(data["weight"])
    if "order" in data:
        cleaned["order"] = _order(data["order"])
    return cleaned


def add_field(
    *, actor, region: PilotRegion, name, life_area="", weight=1, order=0, reason=""
) -> FieldOfAction:
    require(actor, EDIT, region)
    data = _clean_field({"name": name, "life_area": life_area, "weight": weight, "order": order})
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        if FieldOfAction.objects.filter(region=region, name__iexact=data["name"]).exists():
            raise DomainError(
                _("The region already has a field of action of this name."), field="name"
            )
        field_of_action = FieldOfAction.objects.create(region=region, **data)
        audit.record(
            actor=actor,
            obj=field_of_action,
            action="pilot_field_added",
            after=_snap(field_of_action, FIELD_FIELDS),
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return field_of_action


def update_field(*, actor, field: FieldOfAction, data: dict, reason="") -> FieldOfAction:
    require(actor, EDIT, field.region)
    cleaned = _clean_field(data)
    with transaction.atomic():
        concept = _lock(field.region_id)
        locked = FieldOfAction.objects.select_for_update().get(pk=field.pk)
        if (
            "name" in cleaned
            and FieldOfAction.objects.filter(
                region_id=locked.region_id, name__iexact=cleaned["name"]
            )
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise DomainError(
                _("The region already has a field of action of this name."), field="name"
            )
        before, after = _apply(locked, cleaned, FIELD_FIELDS)
        if not after:
            return locked
        reason = _reason(concept, reason)
        locked.save(update_fields=list(after))
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_field_changed",
            before=before,
            after=after,
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return locked


def remove_field(*, actor, field: FieldOfAction, reason="") -> None:
    require(actor, EDIT, field.region)
    with transaction.atomic():
        concept = _lock(field.region_id)
        reason = _reason(concept, reason)
        locked = FieldOfAction.objects.select_for_update().get(pk=field.pk)
        if locked.goals.exists():
            raise DomainError(
                _("This field of action still has goals. Please remove its goals first."),
                field="reason",
            )
        audit.record(
            actor=actor,
            obj=concept,
            action="pilot_field_removed",
            before={"field_name": locked.name, "weight": locked.weight},
            reason=reason,
        )
        locked.delete()
        _changed(actor=actor, concept=concept, reason=reason)


# -- goals ------------------------------------------------------------------------------------


def _clean_goal(data: dict) -> dict:
    cleaned = {}
    if "title" in data:
        cleaned["title"] = _text(
            data["title"],
            field="title",
            limit=300,
            required=True,
            message=_("Please name the goal."),
        )
    if "description" in data:
        cleaned["description"] = _text(data["description"], field="description", limit=4000)
    if "step" in data:
        cleaned["step"] = _step(data["step"])
    if "weight" in data:
        cleaned["weight"] = _weight(data["weight"])
    if "order" in data:
        cleaned["order"] = _order(data["order"])
    return cleaned


def add_goal(
    *, actor, field: FieldOfAction, title, step, description="", weight=1, order=0, reason=""
) -> Goal:
    require(actor, EDIT, field.region)
    data = _clean_goal(
        {"title": title, "step": step, "description": description, "weight": weight, "order": order}
    )
    with transaction.atomic():
        concept = _lock(field.region_id)
        reason = _reason(concept, reason)
        goal = Goal.objects.create(field=field, **data)
        audit.record(
            actor=actor,
            obj=goal,
            action="pilot_goal_added",
            after={"field": field.pk, **_snap(goal, GOAL_FIELDS)},
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return goal


def update_goal(*, actor, goal: Goal, data: dict, reason="") -> Goal:
    region = goal.field.region
    require(actor, EDIT, region)
    cleaned = _clean_goal(data)
    if "field" in data:
        if data["field"] is None or data["field"].region_id != region.pk:
            raise DomainError(_("Please choose a field of action of this region."), field="field")
        cleaned["field"] = data["field"]
    with transaction.atomic():
        concept = _lock(region.pk)
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        before, after = _apply(locked, cleaned, ("field", *GOAL_FIELDS))
        if not after:
            return locked
        reason = _reason(concept, reason)
        locked.save(update_fields=list(after))
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_goal_changed",
            before=before,
            after=after,
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return locked


def remove_goal(*, actor, goal: Goal, reason="") -> None:
    region = goal.field.region
    require(actor, EDIT, region)
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        locked = Goal.objects.select_for_update().get(pk=goal.pk)
        if locked.measures.exists():
            raise DomainError(
                _("This goal still has measures. Please remove or drop its measures first."),
                field="reason",
            )
        audit.record(
            actor=actor,
            obj=concept,
            action="pilot_goal_removed",
            before={"goal_title": locked.title, "field": locked.field_id, "weight": locked.weight},
            reason=reason,
        )
        locked.delete()
        _changed(actor=actor, concept=concept, reason=reason)


# -- measures ---------------------------------------------------------------------------------


def _clean_measure(region: PilotRegion, data: dict, current: Measure | None = None) -> dict:
    cleaned = {}
    if "title" in data:
        cleaned["title"] = _text(
            data["title"],
            field="title",
            limit=300,
            required=True,
            message=_("Please name the measure."),
        )
    for name, limit in (("description", 4000), ("target_group", 300)):
        if name in data:
            cleaned[name] = _text(data[name], field=name, limit=limit)
    starts_on = data.get("starts_on", current.starts_on if current else None)
    ends_on = data.get("ends_on", current.ends_on if current else None)
    if "starts_on" in data or "ends_on" in data:
        _dates(starts_on, ends_on)
        cleaned["starts_on"], cleaned["ends_on"] = starts_on, ends_on
    if "responsible_actor" in data or "responsible_group" in data:
        responsible_actor = data.get(
            "responsible_actor", current.responsible_actor if current else None
        )
        responsible_group = data.get(
            "responsible_group", current.responsible_group if current else None
        )
        _responsible(region, responsible_actor, responsible_group)
        cleaned["responsible_actor"] = responsible_actor
        cleaned["responsible_group"] = responsible_group
    if "weight" in data:
        cleaned["weight"] = _weight(data["weight"])
    if "cost" in data:
        cleaned["cost"] = _cost(data["cost"])
    return cleaned


def add_measure(
    *,
    actor,
    goal: Goal,
    title,
    starts_on,
    ends_on,
    status="planned",
    progress=0,
    responsible_actor=None,
    responsible_group=None,
    target_group="",
    description="",
    weight=1,
    cost=None,
    reason="",
) -> Measure:
    region = goal.field.region
    require(actor, EDIT, region)
    data = _clean_measure(
        region,
        {
            "title": title,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "responsible_actor": responsible_actor,
            "responsible_group": responsible_group,
            "target_group": target_group,
            "description": description,
            "weight": weight,
            "cost": cost,
        },
    )
    status = _status(status)
    progress = 100 if status == Measure.Status.DONE else _progress(progress)
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        measure = Measure.objects.create(goal=goal, status=status, progress=progress, **data)
        audit.record(
            actor=actor,
            obj=measure,
            action="pilot_measure_added",
            after={
                "goal": goal.pk,
                **_snap(measure, MEASURE_FIELDS),
                "status": status,
                "progress": progress,
            },
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return measure


def update_measure(*, actor, measure: Measure, data: dict, reason="") -> Measure:
    """Change what a measure is (not its progress or status: see update_progress)."""
    region = measure.goal.field.region
    require(actor, EDIT, region)
    cleaned = _clean_measure(region, data, current=measure)
    if "goal" in data:
        if data["goal"] is None or data["goal"].field.region_id != region.pk:
            raise DomainError(_("Please choose a goal of this region."), field="goal")
        cleaned["goal"] = data["goal"]
    with transaction.atomic():
        concept = _lock(region.pk)
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        before, after = _apply(locked, cleaned, ("goal", *MEASURE_FIELDS))
        if not after:
            return locked
        reason = _reason(concept, reason)
        locked.save(update_fields=[*after, "updated_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_measure_changed",
            before=before,
            after=after,
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return locked


def remove_measure(*, actor, measure: Measure, reason="") -> None:
    """Delete a measure with its milestones (a measure given up is better dropped: it stays
    visible and leaves the roll-up)."""
    region = measure.goal.field.region
    require(actor, EDIT, region)
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        audit.record(
            actor=actor,
            obj=concept,
            action="pilot_measure_removed",
            before={"measure_title": locked.title, "goal": locked.goal_id, "weight": locked.weight},
            reason=reason,
        )
        locked.delete()
        _changed(actor=actor, concept=concept, reason=reason)


def update_progress(*, actor, measure: Measure, progress, status=None) -> Measure:
    """The coordinator's everyday update: progress in percent and the status. Audited, not
    versioned. A done measure is at 100 %."""
    require(actor, EDIT, measure.goal.field.region)
    progress = _progress(progress)
    if status is not None:
        status = _status(status)
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        status = status or locked.status
        if status == Measure.Status.DONE:
            progress = 100
        before, after = _apply(
            locked, {"progress": progress, "status": status}, ("progress", "status")
        )
        if after:
            locked.save(update_fields=[*after, "updated_at"])
            audit.record(
                actor=actor,
                obj=locked,
                action="pilot_progress_updated",
                before=before,
                after=after,
            )
    return locked


# -- milestones -------------------------------------------------------------------------------


def _clean_milestone(data: dict) -> dict:
    cleaned = {}
    if "title" in data:
        cleaned["title"] = _text(
            data["title"],
            field="title",
            limit=300,
            required=True,
            message=_("Please name the milestone."),
        )
    if "due_on" in data:
        cleaned["due_on"] = _date(
            data["due_on"], field="due_on", message=_("Please enter the day the milestone is due.")
        )
    return cleaned


def add_milestone(*, actor, measure: Measure, title, due_on, done_on=None, reason="") -> Milestone:
    region = measure.goal.field.region
    require(actor, EDIT, region)
    data = _clean_milestone({"title": title, "due_on": due_on})
    if done_on is not None:
        data["done_on"] = _done_on(done_on)
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        milestone = Milestone.objects.create(measure=measure, **data)
        audit.record(
            actor=actor,
            obj=milestone,
            action="pilot_milestone_added",
            after={"measure": measure.pk, **_snap(milestone, (*MILESTONE_FIELDS, "done_on"))},
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return milestone


def update_milestone(*, actor, milestone: Milestone, data: dict, reason="") -> Milestone:
    region = milestone.measure.goal.field.region
    require(actor, EDIT, region)
    cleaned = _clean_milestone(data)
    with transaction.atomic():
        concept = _lock(region.pk)
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before, after = _apply(locked, cleaned, MILESTONE_FIELDS)
        if not after:
            return locked
        reason = _reason(concept, reason)
        locked.save(update_fields=list(after))
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_milestone_changed",
            before=before,
            after=after,
            reason=reason,
        )
        _changed(actor=actor, concept=concept, reason=reason)
    return locked


def remove_milestone(*, actor, milestone: Milestone, reason="") -> None:
    region = milestone.measure.goal.field.region
    require(actor, EDIT, region)
    with transaction.atomic():
        concept = _lock(region.pk)
        reason = _reason(concept, reason)
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        audit.record(
            actor=actor,
            obj=concept,
            action="pilot_milestone_removed",
            before={
                "milestone_title": locked.title,
                "measure": locked.measure_id,
                "due_on": locked.due_on.isoformat(),
            },
            reason=reason,
        )
        locked.delete()
        _changed(actor=actor, concept=concept, reason=reason)


def complete_milestone(*, actor, milestone: Milestone, done_on) -> Milestone:
    """Mark a milestone reached on a day (None reopens it). Audited, not versioned."""
    require(actor, EDIT, milestone.measure.goal.field.region)
    if done_on is not None:
        done_on = _done_on(done_on)
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
        before, after = _apply(locked, {"done_on": done_on}, ("done_on",))
        if after:
            locked.save(update_fields=["done_on"])
            audit.record(
                actor=actor,
                obj=locked,
                action="pilot_milestone_done" if done_on else "pilot_milestone_reopened",
                before=before,
                after=after,
            )
    return locked


# -- approval ---------------------------------------------------------------------------------


def allowed_transitions(user, concept: Concept) -> list[str]:
    """The statuses the user may move the concept to now."""
    region = concept.region
    return [
        status
        for status, perm in TRANSITIONS[Concept.Status(concept.status)].items()
        if user.has_perm(perm, region)
    ]


def _approve(*, actor, concept: Concept, to: str, note: str, action: str) -> Concept:
    perm = {
        Concept.Status.STEERING_APPROVED: "pilots.approve_concept_steering",
        Concept.Status.APPROVED: "pilots.approve_concept",
    }[to]
    require(actor, perm, concept.region)
    note = _text(note, field="note", limit=2000)
    with transaction.atomic():
        locked = Concept.objects.select_for_update().select_related("region").get(pk=concept.pk)
        if to not in TRANSITIONS[Concept.Status(locked.status)]:
            raise DomainError(
                _("A concept with the status “%(old)s” cannot become “%(new)s”.")
                % {"old": locked.get_status_display(), "new": Concept.Status(to).label},
                field="note",
            )
        if not FieldOfAction.objects.filter(region_id=locked.region_id).exists():
            raise DomainError(
                _("The concept has no field of action yet: there is nothing to approve."),
                field="note",
            )
        old = locked.status
        now = timezone.now()
        locked.status = to
        if to == Concept.Status.STEERING_APPROVED:
            locked.steering_approved_at, locked.steering_approved_by = now, actor
            fields = ["status", "steering_approved_at", "steering_approved_by"]
        else:
            locked.approved_at, locked.approved_by = now, actor
            fields = ["status", "approved_at", "approved_by"]
        locked.save(update_fields=[*fields, "updated_at"])
        version = _new_version(
            actor=actor, concept=locked, reason=note or str(Concept.Status(to).label)
        )
        audit.record(
            actor=actor,
            obj=locked,
            action=action,
            before={"status": old},
            after={"status": to, "version": version.number},
            reason=note,
        )
    return locked


def approve_by_steering(*, actor, concept: Concept, note="") -> Concept:
    return _approve(
        actor=actor,
        concept=concept,
        to=Concept.Status.STEERING_APPROVED,
        note=note,
        action="pilot_concept_steering_approved",
    )


def approve(*, actor, concept: Concept, note="") -> Concept:
    return _approve(
        actor=actor,
        concept=concept,
        to=Concept.Status.APPROVED,
        note=note,
        action="pilot_concept_approved",
    )


# -- comparing two versions ------------------------------------------------------------------


@dataclass
class CompareRow:
    element: str
    attribute: str
    a: str
    b: str

    @property
    def changed(self) -> bool:
        return self.a != self.b

    @property
    def change(self) -> str:
        if not self.changed:
            return ""
        if not self.a:
            return _("new in this version")
        if not self.b:
            return _("no longer in this version")
        return _("changed")


_KIND_LABELS = {
    "field": gettext_lazy("Field of action"),
    "goal": gettext_lazy("Goal"),
    "measure": gettext_lazy("Measure"),
    "milestone": gettext_lazy("Milestone"),
}


def _day(value) -> str:
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")


def _attributes(kind: str, item: dict) -> list[tuple[str, str]]:
    """(attribute label, readable value) of one element of a snapshot."""
    steps = dict(IMPACT_STEPS)
    if kind == "field":
        return [
            (_("Name"), item["name"]),
            (
                _("Field of life"),
                str(LifeArea(item["life_area"]).label) if item.get("life_area") else "",
            ),
            (_("Weight"), str(item["weight"])),
        ]
    if kind == "goal":
        return [
            (_("Goal"), item["title"]),
            (_("Description"), item.get("description", "")),
            (_("Step of the impact staircase"), str(steps.get(item["step"], item["step"]))),
            (_("Weight"), str(item["weight"])),
        ]
    if kind == "measure":
        cost = item.get("cost")
        return [
            (_("Measure"), item["title"]),
            (_("Description"), item.get("description", "")),
            (_("Responsible actor"), item.get("responsible_actor", "")),
            (_("Responsible group"), item.get("responsible_group", "")),
            (_("Target group"), item.get("target_group", "")),
            (_("Start"), _day(item["starts_on"])),
            (_("End"), _day(item["ends_on"])),
            (_("Status"), str(Measure.Status(item["status"]).label)),
            (_("Progress"), f"{item['progress']} %"),
            (_("Weight"), str(item["weight"])),
            (
                _("Cost"),
                f"{number_format(Decimal(cost), decimal_pos=2, use_l10n=True)} €" if cost else "",
            ),
        ]
    return [
        (_("Milestone"), item["title"]),
        (_("Due on"), _day(item["due_on"])),
        (_("Done on"), _day(item.get("done_on"))),
    ]


def _flatten(content: dict) -> dict[tuple[str, int], tuple[str, list[tuple[str, str]]]]:
    """Every element of a snapshot by (kind, id) → (its label, its attributes), in order."""
    elements = {}

    def add(kind, item, name, prefix=""):
        label = f"{prefix}{_KIND_LABELS[kind]}: {name}"
        elements[(kind, item["id"])] = (label, _attributes(kind, item))

    for field_item in content.get("fields", []):
        add("field", field_item, field_item["name"])
        for goal in field_item.get("goals", []):
            add("goal", goal, goal["title"], "– ")
            for measure in goal.get("measures", []):
                add("measure", measure, measure["title"], "– – ")
                for milestone in measure.get("milestones", []):
                    add("milestone", milestone, milestone["title"], "– – – ")
    return elements


def compare(content_a: dict, content_b: dict) -> list[CompareRow]:
    """The two versions side by side, one row per attribute of every element of either."""
    a, b = _flatten(content_a), _flatten(content_b)
    keys = list(a)
    keys += [key for key in b if key not in a]
    rows = []
    for key in keys:
        label_a, attributes_a = a.get(key, ("", []))
        label_b, attributes_b = b.get(key, ("", []))
        values_a, values_b = dict(attributes_a), dict(attributes_b)
        labels = [label for label, _value in attributes_b or attributes_a]
        for label in labels:
            rows.append(
                CompareRow(
                    element=label_b or label_a,
                    attribute=label,
                    a=values_a.get(label, "") if key in a else "",
                    b=values_b.get(label, "") if key in b else "",
                )
            )
    return rows
