"""Writes of the impact model: the model of a region (or the programme's), its elements on the
levels and steps of the impact staircase, and templates other municipalities can reuse.

A template holds the model's structure and its indicators' definitions, never a value and never
a person, so it can leave the platform. Importing one is all or nothing: it is checked in full
before anything is written, and written in one transaction.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.pilots.models import Goal, PilotRegion

from ..models import (
    DISAGGREGATIONS,
    LEVEL_STEPS,
    Aggregation,
    Direction,
    ImpactElement,
    ImpactModel,
    Indicator,
    Level,
    Unit,
)

FORMAT = "inklusiv-impact-model"
VERSION = 1
# A template is a few kilobytes; anything much larger is not one.
MAX_TEMPLATE_BYTES = 200_000
MAX_ELEMENTS = 200
MAX_INDICATORS = 200

MODEL_FIELDS = ("title", "vision", "vision_easy")
ELEMENT_FIELDS = ("level", "step", "title", "description", "goals")
# Field → (the model field whose max_length applies, required).
_MODEL_LIMITS = {"title": (200, True), "vision": (4000, False), "vision_easy": (4000, False)}
_ELEMENT_LIMITS = {"title": (300, True), "description": (4000, False)}
_INDICATOR_LIMITS = {
    "code": (20, True),
    "name": (300, True),
    "definition": (4000, True),
    "data_source": (500, True),
    "verification": (500, False),
}


def _region_of(model: ImpactModel) -> PilotRegion | None:
    return model.region


def _text(value, *, field: str, label: str, limit: int, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(label)s: please enter text.") % {"label": label}, field=field)
    value = value.strip()
    if required and not value:
        raise DomainError(_("%(label)s: please fill this in.") % {"label": label}, field=field)
    if len(value) > limit:
        raise DomainError(
            ngettext(
                "%(label)s: at most %(limit)s character, please.",
                "%(label)s: at most %(limit)s characters, please.",
                limit,
            )
            % {"label": label, "limit": limit},
            field=field,
        )
    return value


def _model_labels() -> dict[str, str]:
    return {
        "title": _("Title"),
        "vision": _("Impact goal"),
        "vision_easy": _("Impact goal in Leichte Sprache"),
    }


def _clean_model_data(data: dict) -> dict:
    labels = _model_labels()
    return {
        key: _text(data.get(key, ""), field=key, label=labels[key], limit=limit, required=required)
        for key, (limit, required) in _MODEL_LIMITS.items()
    }


def _model_values(model: ImpactModel) -> dict:
    return {key: getattr(model, key) for key in MODEL_FIELDS}


def _element_values(element: ImpactElement, goals=None) -> dict:
    values = {key: getattr(element, key) for key in ("level", "step", "title", "description")}
    values["goals"] = sorted(
        goal.pk for goal in (goals if goals is not None else element.goals.all())
    )
    return values


def _clean_level_step(level, step) -> tuple[str, int | None]:
    if level not in Level.values:
        raise DomainError(_("Please choose a level of the logic model."), field="level")
    allowed = LEVEL_STEPS[Level(level)]
    if step in ("", None):
        step = None
    else:
        try:
            step = int(step)
        except (TypeError, ValueError):
            raise DomainError(
                _("Please choose a step of the impact staircase."), field="step"
            ) from None
    if not allowed:
        if step is not None:
            raise DomainError(
                _("Inputs stand before the impact staircase: please choose no step for them."),
                field="step",
            )
        return level, None
    if step not in allowed:
        raise DomainError(
            _(
                "The level %(level)s covers the steps %(first)s to %(last)s of the impact "
                "staircase; please choose one of them."
            )
            % {"level": Level(level).label, "first": allowed[0], "last": allowed[-1]}
            if len(allowed) > 1
            else _("The level %(level)s is step %(step)s of the impact staircase.")
            % {"level": Level(level).label, "step": allowed[0]},
            field="step",
        )
    return level, step


def _clean_goals(model: ImpactModel, goals) -> list[Goal]:
    goals = list(goals or ())
    if not goals:
        return []
    if model.region_id is None:
        raise DomainError(
            _("The programme's impact model links no goals of a region's concept."), field="goals"
        )
    ids = {goal.pk if isinstance(goal, Goal) else int(goal) for goal in goals}
    found = list(Goal.objects.filter(pk__in=ids, field__region_id=model.region_id))
    if len(found) != len(ids):
        raise DomainError(
            _("Please choose only goals of this region's inclusion concept."), field="goals"
        )
    return found


@transaction.atomic
def create_model(
    *, actor, region: PilotRegion | None = None, title: str, vision: str = "", vision_easy: str = ""
) -> ImpactModel:
    require(actor, "evaluation.edit_impact_model", region)
    values = _clean_model_data({"title": title, "vision": vision, "vision_easy": vision_easy})
    if ImpactModel.objects.select_for_update().filter(region=region).exists():
        raise DomainError(
            _("This region already has an impact model.")
            if region
            else _("The programme already has an impact model.")
        )
    model = ImpactModel.objects.create(region=region, updated_by=actor, **values)
    audit.record(actor=actor, obj=model, action="evaluation_impact_model_created", after=values)
    return model


@transaction.atomic
def update_model(*, actor, model: ImpactModel, data: dict) -> ImpactModel:
    require(actor, "evaluation.edit_impact_model", _region_of(model))
    model = ImpactModel.objects.select_for_update().get(pk=model.pk)
    before = _model_values(model)
    values = _clean_model_data({**before, **{k: v for k, v in data.items() if k in MODEL_FIELDS}})
    changed = {key: value for key, value in values.items() if before[key] != value}
    if changed:
        for key, value in changed.items():
            setattr(model, key, value)
        model.updated_by = actor
        model.save(update_fields=[*changed, "updated_by", "updated_at"])
        audit.record(
            actor=actor,
            obj=model,
            action="evaluation_impact_model_changed",
            before={key: before[key] for key in changed},
            after=changed,
        )
    return model


def _touch(model: ImpactModel, actor) -> None:
    model.updated_by = actor
    model.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def add_element(
    *,
    actor,
    model: ImpactModel,
    level: str,
    step: int | None = None,
    title: str,
    description: str = "",
    goals=(),
) -> ImpactElement:
    require(actor, "evaluation.edit_impact_model", _region_of(model))
    level, step = _clean_level_step(level, step)
    title = _text(title, field="title", label=_("Title"), limit=300, required=True)
    description = _text(
        description, field="description", label=_("Description"), limit=4000, required=False
    )
    chosen = _clean_goals(model, goals)
    model = ImpactModel.objects.select_for_update().get(pk=model.pk)
    last = model.elements.aggregate(last=Max("order"))["last"]
    element = ImpactElement.objects.create(
        model=model,
        level=level,
        step=step,
        title=title,
        description=description,
        order=0 if last is None else last + 1,
    )
    element.goals.set(chosen)
    _touch(model, actor)
    audit.record(
        actor=actor,
        obj=model,
        action="evaluation_impact_element_added",
        after=_element_values(element, chosen),
    )
    return element


@transaction.atomic
def update_element(*, actor, element: ImpactElement, data: dict) -> ImpactElement:
    model = element.model
    require(actor, "evaluation.edit_impact_model", _region_of(model))
    element = ImpactElement.objects.select_for_update().get(pk=element.pk)
    before = _element_values(element)
    merged = {**before, **{key: data[key] for key in ELEMENT_FIELDS if key in data}}
    level, step = _clean_level_step(merged["level"], merged["step"])
    title = _text(merged["title"], field="title", label=_("Title"), limit=300, required=True)
    description = _text(
        merged["description"],
        field="description",
        label=_("Description"),
        limit=4000,
        required=False,
    )
    chosen = _clean_goals(model, merged["goals"])
    element.level, element.step, element.title, element.description = (
        level,
        step,
        title,
        description,
    )
    after = _element_values(element, chosen)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        element.save(update_fields=["level", "step", "title", "description"])
        element.goals.set(chosen)
        _touch(model, actor)
        audit.record(
            actor=actor,
            obj=model,
            action="evaluation_impact_element_changed",
            before={key: before[key] for key in changed} | {"title": before["title"]},
            after={key: after[key] for key in changed} | {"title": after["title"]},
        )
    return element


@transaction.atomic
def remove_element(*, actor, element: ImpactElement) -> None:
    model = element.model
    require(actor, "evaluation.edit_impact_model", _region_of(model))
    before = _element_values(element)
    element.delete()
    _touch(model, actor)
    audit.record(actor=actor, obj=model, action="evaluation_impact_element_removed", before=before)


# --- templates -------------------------------------------------------------------------------


def _number(value: Decimal | None):
    return None if value is None else str(value)


def template_for(model: ImpactModel) -> dict:
    """The model as a reusable template: its structure and its indicators' definitions (the
    region's, or the programme's for the programme's model), never values, targets or people."""
    indicators = Indicator.objects.filter(region_id=model.region_id).order_by("order", "code", "pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": model.title,
        "vision": model.vision,
        "vision_easy": model.vision_easy,
        "elements": [
            {
                "level": element.level,
                "step": element.step,
                "title": element.title,
                "description": element.description,
            }
            for element in model.elements.order_by("order", "pk")
        ],
        "indicators": [
            {
                "code": indicator.code,
                "name": indicator.name,
                "definition": indicator.definition,
                "unit": indicator.unit,
                "decimals": indicator.decimals,
                "minimum": _number(indicator.minimum),
                "maximum": _number(indicator.maximum),
                "direction": indicator.direction,
                "data_source": indicator.data_source,
                "verification": indicator.verification,
                "disaggregations": list(indicator.disaggregations or []),
                "step": indicator.step,
            }
            for indicator in indicators
        ],
    }


def parse_template(raw: bytes) -> dict:
    """An uploaded file's bytes as a template's data; a file too large or no JSON is refused."""
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise DomainError(
            _("The file is too large for a template (at most %(size)s kB).")
            % {"size": MAX_TEMPLATE_BYTES // 1000},
            field="file",
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise DomainError(
            _("The file is not a template of an impact model (it is no JSON file)."), field="file"
        ) from None
    if not isinstance(data, dict):
        raise DomainError(_("The file is not a template of an impact model."), field="file")
    return data


def _where(kind: str, number: int) -> str:
    if kind == "element":
        return _("Element %(number)s of the template") % {"number": number}
    return _("Indicator %(number)s of the template") % {"number": number}


def _decimal_or_none(value, *, where: str, label: str):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise DomainError(
            _("%(where)s: %(label)s is not a number.") % {"where": where, "label": label},
            field="file",
        )
    return number


def _clean_template(data: dict) -> dict:
    """The template checked in full; every problem names where it is."""
    if data.get("format") != FORMAT:
        raise DomainError(_("The file is not a template of an impact model."), field="file")
    if data.get("version") != VERSION:
        raise DomainError(
            _("This version of the template cannot be read (expected version %(version)s).")
            % {"version": VERSION},
            field="file",
        )
    try:
        model = _clean_model_data(data)
    except DomainError as error:
        raise DomainError(
            _("The template's model: %(problem)s") % {"problem": error}, field="file"
        ) from None
    elements_in, indicators_in = data.get("elements", []), data.get("indicators", [])
    if not isinstance(elements_in, list) or not isinstance(indicators_in, list):
        raise DomainError(_("The file is not a template of an impact model."), field="file")
    if len(elements_in) > MAX_ELEMENTS or len(indicators_in) > MAX_INDICATORS:
        raise DomainError(
            ngettext(
                "The template has too many elements or indicators (at most %(count)s each).",
                "The template has too many elements or indicators (at most %(count)s each).",
                MAX_ELEMENTS,
            )
            % {"count": MAX_ELEMENTS},
            field="file",
        )
    elements = []
    for number, item in enumerate(elements_in, start=1):
        where = _where("element", number)
        try:
            if not isinstance(item, dict):
                raise DomainError(_("it is not an element."))
            level, step = _clean_level_step(item.get("level"), item.get("step"))
            elements.append(
                {
                    "level": level,
                    "step": step,
                    "title": _text(
                        item.get("title"),
                        field="title",
                        label=_("Title"),
                        limit=300,
                        required=True,
                    ),
                    "description": _text(
                        item.get("description"),
                        field="description",
                        label=_("Description"),
                        limit=4000,
                        required=False,
                    ),
                }
            )
        except DomainError as error:
            raise DomainError(f"{where}: {error}", field="file") from None
    indicators, codes = [], set()
    labels = {
        "code": _("Short name"),
        "name": _("Name"),
        "definition": _("Definition"),
        "data_source": _("Data source"),
        "verification": _("Means of verification"),
    }
    for number, item in enumerate(indicators_in, start=1):
        where = _where("indicator", number)
        try:
            if not isinstance(item, dict):
                raise DomainError(_("it is not an indicator."))
            clean = {
                key: _text(
                    item.get(key), field=key, label=labels[key], limit=limit, required=required
                )
                for key, (limit, required) in _INDICATOR_LIMITS.items()
            }
            if clean["code"] in codes:
                raise DomainError(
                    _("the short name %(code)s appears twice.") % {"code": clean["code"]}
                )
            codes.add(clean["code"])
            if item.get("unit") not in Unit.values:
                raise DomainError(_("the unit is not one the platform knows."))
            if item.get("direction") not in Direction.values:
                raise DomainError(_("the direction of change must be higher or lower."))
            step = item.get("step")
            if not isinstance(step, int) or isinstance(step, bool) or not 1 <= step <= 7:
                raise DomainError(_("the step of the impact staircase must be 1 to 7."))
            disaggregations = item.get("disaggregations") or []
            if not isinstance(disaggregations, list) or any(
                key not in DISAGGREGATIONS for key in disaggregations
            ):
                raise DomainError(_("a disaggregation is not one the platform knows."))
            decimals = item.get("decimals", 0)
            if (
                not isinstance(decimals, int)
                or isinstance(decimals, bool)
                or not 0 <= decimals <= 2
            ):
                raise DomainError(_("the decimal places must be 0, 1 or 2."))
            minimum = _decimal_or_none(
                item.get("minimum"), where=where, label=_("Smallest possible value")
            )
            maximum = _decimal_or_none(
                item.get("maximum"), where=where, label=_("Largest possible value")
            )
            if minimum is not None and maximum is not None and maximum < minimum:
                raise DomainError(_("the largest possible value is below the smallest."))
        except DomainError as error:
            raise DomainError(f"{where}: {error}", field="file") from None
        clean.update(
            unit=item["unit"],
            direction=item["direction"],
            step=step,
            disaggregations=list(dict.fromkeys(disaggregations)),
            decimals=decimals,
            minimum=minimum,
            maximum=maximum,
        )
        indicators.append(clean)
    return {"model": model, "elements": elements, "indicators": indicators}


def import_template(*, actor, region: PilotRegion, data: dict) -> ImpactModel:
    """Start the region's impact model from a template: its elements and its indicators'
    definitions (without values). Nothing is written unless everything fits."""
    require(actor, "evaluation.edit_impact_model", region)
    clean = _clean_template(data)
    if clean["indicators"]:
        require(actor, "evaluation.edit_indicators", region)
    taken = set(
        Indicator.objects.filter(
            region=region, code__in=[i["code"] for i in clean["indicators"]]
        ).values_list("code", flat=True)
    )
    if taken:
        raise DomainError(
            _("The region already has indicators with these short names: %(codes)s.")
            % {"codes": ", ".join(sorted(taken))},
            field="file",
        )
    # The indicators' own service (validation, audit) writes them; imported here because the
    # indicators' area is built beside this one.
    from .indicators import create_indicator

    with transaction.atomic():
        model = create_model(actor=actor, region=region, **clean["model"])
        for element in clean["elements"]:
            add_element(actor=actor, model=model, **element)
        for order, indicator in enumerate(clean["indicators"]):
            create_indicator(
                actor=actor,
                region=region,
                data={
                    **indicator,
                    "baseline": None,
                    "baseline_date": None,
                    "goals": [],
                    "field": None,
                    "contributes_to": None,
                    "aggregation": Aggregation.SUM,
                    "order": order,
                },
            )
        audit.record(
            actor=actor,
            obj=model,
            action="evaluation_impact_model_imported",
            after={
                "title": model.title,
                "elements": len(clean["elements"]),
                "indicators": len(clean["indicators"]),
            },
        )
    return model


def record_export(*, actor, model: ImpactModel, file_format: str) -> None:
    """Downloads of a template are audited (who took which model out of the platform)."""
    audit.record(
        actor=actor,
        obj=model,
        action="evaluation_impact_model_exported",
        after={"format": file_format},
    )
