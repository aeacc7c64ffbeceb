"""The audit log: the one helper every service calls to write it, and how people read it.

Entries store machine keys and raw values (action "application_mark_eligible", {"stage": 1}).
Each app registers what its keys mean in its `audit_actions.py` (imported from its
AppConfig.ready()); `present()` turns a page of entries into labelled, readable rows with
names instead of ids, loading every referenced object of the page in one query per model.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import AuditEntry


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The given fields of obj as JSON-ready values, for the before/after of an entry."""
    values = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        values[name] = value
    return values


def record(
    *,
    actor,
    obj: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Write one audit entry for obj; call it inside the service's transaction."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_label=str(actor) if is_person else "system",
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_label=str(obj)[:255],
        action=action,
        before=before or {},
        after=after or {},
        reason=reason,
    )


def history_for(obj: models.Model):
    """Entries about obj, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor")


# --- what the keys mean ----------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """How to read one key of an entry's before/after values.

    `model` ("app_label.Model"): the value, or each item of a list, is that object's primary
    key; a tuple of models reads each item of a list as a row of keys (e.g. [application,
    reviewer]). `key_model`: the value is a dict whose keys are such primary keys.
    `choices`: stored values → labels. `fields_of`: the value is a dict of that model's fields.
    """

    label: Any
    model: str | tuple[str, ...] = ""
    key_model: str = ""
    choices: Any = None
    fields_of: str = ""
    # Dict keys carry a prefix before the primary key (answers are keyed "q<pk>").
    key_prefix: str = ""
    # A decimal stored as text ("2.917"), shown with the page's decimal separator.
    decimal: bool = False
    # For key_model dicts: how a value reads given the object of its key (an answer by
    # its question's kind and options).
    key_value: Callable[[models.Model, Any], str] | None = None


@dataclass(frozen=True)
class Action:
    """An action key's label; `values_of` names the model whose fields the values are when
    they are not fields of the entry's object; `describe` builds a label from the entry."""

    label: Any
    values_of: str = ""
    fields: Mapping[str, Field] = field(default_factory=dict)
    describe: Callable[[AuditEntry], str] | None = None


_ACTIONS: dict[str, Action] = {}
_FIELDS: dict[str, Field] = {}
_NAME_JOINS: dict[str, tuple[str, ...]] = {}
_NAME_FUNCTIONS: dict[str, Callable[[models.Model], str]] = {}


def register_actions(labels: Mapping[str, Any]) -> None:
    """Action key → lazy label (or an Action); called from each app's AppConfig.ready()."""
    for key, label in labels.items():
        action = label if isinstance(label, Action) else Action(label)
        fields = {name: _as_field(spec) for name, spec in action.fields.items()}
        _ACTIONS[key] = replace(action, fields=fields)


def register_fields(fields: Mapping[str, Any]) -> None:
    """Value keys shared by several actions → lazy label (or a Field)."""
    for key, spec in fields.items():
        _FIELDS[key] = _as_field(spec)


def _as_field(spec) -> Field:
    return spec if isinstance(spec, Field) else Field(spec)


def register_names(
    joins: Mapping[str, tuple[str, ...]],
    functions: Mapping[str, Callable[[models.Model], str]] | None = None,
) -> None:
    """Models whose str() reads related objects → the select_related that names them;
    models whose str() does not read well in the log → a function that names an object."""
    _NAME_JOINS.update(joins)
    _NAME_FUNCTIONS.update(functions or {})


def action_label(key: str) -> str:
    """The translated label of an action key; an unknown key is shown humanised."""
    action = _ACTIONS.get(key)
    if action is None:
        return capfirst(key.replace("_", " "))
    return str(action.label)


def action_labels() -> dict[str, Any]:
    """Every registered action key → its label."""
    return {key: action.label for key, action in _ACTIONS.items()}


def is_registered(key: str) -> bool:
    return key in _ACTIONS


def action_choices(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(key, label) for the given keys, sorted by label in the current language."""
    return sorted(((key, action_label(key)) for key in keys), key=lambda pair: pair[1].lower())


def content_type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(capfirst(model._meta.verbose_name)) if model else content_type.model


def actor_name(entry: AuditEntry) -> str:
    """Who acted, by their current name; the label kept at the time once the account is gone."""
    if entry.actor_id is not None and entry.actor is not None:
        return str(entry.actor)
    if entry.actor_label == "system":
        return _("System")
    return entry.actor_label


# --- reading an entry ------------------------------------------------------------------------

ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LONG_TEXT = 300
LONG_LIST = 20

# Keys that fell back to a humanised name: the tests read this to find unlabelled keys.
unlabelled: set[str] = set()


@dataclass
class Value:
    """A value as people read it: a text, a list of values, or labelled values."""

    text: str = ""
    items: list[Value] | None = None
    pairs: list[tuple[str, Value]] | None = None

    def as_text(self) -> str:
        if self.items is not None:
            return ", ".join(item.as_text() for item in self.items) or "–"
        if self.pairs is not None:
            return "; ".join(f"{label}: {value.as_text()}" for label, value in self.pairs) or "–"
        return self.text


@dataclass
class Change:
    label: str
    before: Value | None
    after: Value | None
    # An unchanged value that says what the entry concerns; shown without before and after.
    context: bool = False


@dataclass
class Row:
    """One entry as the audit page, the history and the export show it."""

    entry: AuditEntry
    action: str
    actor: str
    object_type: str
    changes: list[Change]

    def __getattr__(self, name):
        # Templates read created_at, reason, object_label… from the entry itself.
        if name.startswith("__") or name == "entry":
            raise AttributeError(name)
        return getattr(self.entry, name)


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _model_label(model) -> str:
    return model._meta.label


def _field_spec(key: str, action: Action | None, model) -> Field:
    """What a key means: the action's own fields, the model's field, then the shared ones."""
    if action is not None and key in action.fields:
        return action.fields[key]
    if model is not None:
        try:
            model_field = model._meta.get_field(key)
        except FieldDoesNotExist:
            model_field = None
        if model_field is not None and key in _FIELDS:
            shared = _FIELDS[key]
            # A shared spec (e.g. list choices of a JSON field) knows more than the field.
            return Field(
                label=shared.label,
                model=shared.model
                or (_model_label(model_field.related_model) if model_field.is_relation else ""),
                key_model=shared.key_model,
                choices=shared.choices or model_field.choices,
                fields_of=shared.fields_of,
            )
        if model_field is not None and getattr(model_field, "verbose_name", None) is not None:
            verbose = model_field.verbose_name
            if not isinstance(verbose, Promise):
                unlabelled.add(key)
            related = model_field.related_model if model_field.is_relation else None
            return Field(
                label=capfirst(verbose),
                model=_model_label(related) if related is not None else "",
                choices=model_field.choices,
            )
    if key in _FIELDS:
        return _FIELDS[key]
    unlabelled.add(key)
    return Field(label=capfirst(str(key).replace("_", " ")))


MACHINE_KEY = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^[a-z]+$")


def _inner_spec(key, spec: Field) -> Field:
    """A key inside a dict value: a field of `fields_of`, a shared key, or (a dict keyed by
    what people read, e.g. proposals per meeting) the key itself."""
    if spec.fields_of:
        return _field_spec(key, None, _model(spec.fields_of))
    if key in _FIELDS:
        return _FIELDS[key]
    if MACHINE_KEY.match(str(key)):
        unlabelled.add(str(key))
    return Field(str(key))


def _strip(key, prefix: str):
    return key[len(prefix) :] if prefix and str(key).startswith(prefix) else key


def _choices_map(choices) -> dict:
    if choices is None:
        return {}
    if isinstance(choices, type) and issubclass(choices, models.Choices):
        choices = choices.choices
    elif callable(choices):
        choices = choices()
    if isinstance(choices, Mapping):
        return dict(choices)
    return {value: label for value, label in choices}


class _Names:
    """The names of every object a page of entries refers to, one query per model."""

    def __init__(self):
        self.wanted: dict[str, set] = defaultdict(set)
        self.names: dict[str, dict[str, str]] = {}
        self.objects: dict[str, dict[str, models.Model]] = {}

    def want(self, model: str, pk) -> None:
        if pk is not None and not isinstance(pk, bool | dict | list):
            self.wanted[model].add(str(pk))

    def load(self) -> None:
        for label, pks in self.wanted.items():
            model = _model(label)
            if model is None:
                self.names[label] = {}
                continue
            valid = []
            for pk in pks:
                try:
                    valid.append(model._meta.pk.to_python(pk))
                except Exception:  # noqa: BLE001 - a stored key that is no longer a valid pk
                    continue
            objects = model._default_manager.filter(pk__in=valid)
            joins = _NAME_JOINS.get(label)
            if joins:
                objects = objects.select_related(*joins)
            name = _NAME_FUNCTIONS.get(label) or (
                content_type_label if model is ContentType else str
            )
            self.objects[label] = {str(obj.pk): obj for obj in objects}
            self.names[label] = {pk: name(obj) for pk, obj in self.objects[label].items()}

    def name(self, model: str, pk) -> str:
        if pk is None:
            return "–"
        return self.names.get(model, {}).get(str(pk)) or _("(deleted)")


def _collect(value, spec: Field, names: _Names) -> None:
    if value is None:
        return
    if spec.key_model and isinstance(value, Mapping):
        for key in value:
            names.want(spec.key_model, _strip(key, spec.key_prefix))
        return
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _collect(inner, _inner_spec(key, spec), names)
        return
    if isinstance(spec.model, tuple):
        for row in value if isinstance(value, list) else []:
            for model, pk in zip(spec.model, row if isinstance(row, list) else [], strict=False):
                names.want(model, pk)
        return
    if spec.model:
        for pk in value if isinstance(value, list) else [value]:
            names.want(spec.model, pk)


def _scalar(value, choices: dict) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value in choices:
        return str(choices[value])
    if isinstance(value, int | float):
        return number_format(value)
    if isinstance(value, str):
        if ISO_MOMENT.match(value):
            moment = parse_datetime(value)
            if moment is not None:
                if timezone.is_naive(moment):
                    moment = timezone.make_aware(moment)
                return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        if ISO_DAY.match(value):
            day = parse_date(value)
            if day is not None:
                return date_format(day, "DATE_FORMAT")
        if len(value) > LONG_TEXT:
            return value[:LONG_TEXT].rstrip() + " …"
        return value
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _render(value, spec: Field, names: _Names, *, full_text: bool) -> Value:
    choices = _choices_map(spec.choices)
    if spec.key_model and isinstance(value, Mapping):
        pairs = []
        for key, inner in value.items():
            pk = str(_strip(key, spec.key_prefix))
            obj = names.objects.get(spec.key_model, {}).get(pk)
            if spec.key_value is not None and obj is not None:
                shown = Value(spec.key_value(obj, inner) or "–")
            else:
                shown = _render(inner, Field("", choices=spec.choices), names, full_text=full_text)
            pairs.append((names.name(spec.key_model, pk), shown))
        return Value(pairs=pairs)
    if isinstance(value, Mapping):
        pairs = []
        for key, inner in value.items():
            inner_spec = _inner_spec(key, spec)
            pairs.append(
                (str(inner_spec.label), _render(inner, inner_spec, names, full_text=full_text))
            )
        return Value(pairs=pairs)
    if isinstance(value, list) and not full_text and len(value) > LONG_LIST:
        # The page shows the start of a long list (387 assignments); the export holds it all.
        shown = _render(value[:LONG_LIST], spec, names, full_text=full_text)
        rest = len(value) - LONG_LIST
        more = ngettext("and %(count)s more", "and %(count)s more", rest) % {"count": rest}
        return Value(items=[*shown.items, Value(more)])
    if isinstance(spec.model, tuple) and isinstance(value, list):
        return Value(
            items=[
                Value(
                    " – ".join(
                        names.name(model, pk)
                        for model, pk in zip(
                            spec.model, row if isinstance(row, list) else [], strict=False
                        )
                    )
                )
                for row in value
            ]
        )
    if isinstance(value, list):
        return Value(items=[_render(item, spec, names, full_text=full_text) for item in value])
    if spec.model and value is not None:
        return Value(names.name(spec.model, value))
    if spec.decimal and isinstance(value, str):
        try:
            return Value(number_format(Decimal(value)))
        except InvalidOperation:
            return Value(value)
    if full_text and isinstance(value, str) and value not in choices:
        if not (ISO_MOMENT.match(value) or ISO_DAY.match(value)):
            return Value(value or "–")
    return Value(_scalar(value, choices))


def _entry_model(entry: AuditEntry, action: Action | None):
    if action is not None and action.values_of:
        return _model(action.values_of)
    return ContentType.objects.get_for_id(entry.content_type_id).model_class()


def present(entries: Iterable[AuditEntry], *, full_text: bool = False) -> list[Row]:
    """Readable rows for entries (already loaded with select_related("actor")).

    Costs one query per model the entries refer to, however many entries there are.
    """
    entries = list(entries)
    names = _Names()
    specs = []
    for entry in entries:
        action = _ACTIONS.get(entry.action)
        model = _entry_model(entry, action)
        entry_specs = [
            (key, _field_spec(key, action, model), old, new, False)
            for key, old, new in entry.changes()
        ]
        # Unchanged references say whom or what the entry concerns (whose poll answers, in
        # which stage): they are shown as context, without before and after.
        context = [
            (key, spec, None, value, True)
            for key, value in sorted(entry.after.items())
            if key in entry.before and entry.before[key] == value and value is not None
            for spec in [_field_spec(key, action, model)]
            if spec.model and not isinstance(spec.model, tuple) and not isinstance(value, list)
        ]
        entry_specs = context + entry_specs
        for _key, spec, old, new, _context in entry_specs:
            _collect(old, spec, names)
            _collect(new, spec, names)
        specs.append((entry, action, entry_specs))
    names.load()
    rows = []
    for entry, action, entry_specs in specs:
        if action is None:
            unlabelled.add(entry.action)
        label = action_label(entry.action)
        if action is not None and action.describe is not None:
            label = action.describe(entry) or label
        content_type = ContentType.objects.get_for_id(entry.content_type_id)
        rows.append(
            Row(
                entry=entry,
                action=label,
                actor=actor_name(entry),
                object_type=content_type_label(content_type),
                changes=[
                    Change(
                        label=str(spec.label),
                        before=None
                        if context or key not in entry.before
                        else _render(old, spec, names, full_text=full_text),
                        after=None
                        if key not in entry.after
                        else _render(new, spec, names, full_text=full_text),
                        context=context,
                    )
                    for key, spec, old, new, context in entry_specs
                ],
            )
        )
    return rows


def status_change(choices) -> Callable[[AuditEntry], str]:
    """A describe function for transitions: "Status: Eingereicht → Formal zulässig"."""
    labels = _choices_map(choices)

    def describe(entry: AuditEntry) -> str:
        before, after = entry.before.get("status"), entry.after.get("status")
        if before is None or after is None:
            return ""
        return _("Status: %(before)s → %(after)s") % {
            "before": labels.get(before, before),
            "after": labels.get(after, after),
        }

    return describe


# Keys many apps write, registered once here.
register_fields(
    {
        "application": Field(gettext_lazy("Application"), model="applications.Application"),
        "applications": gettext_lazy("Applications"),
        "stage": Field(gettext_lazy("Stage"), model="calls.Stage"),
        "user": Field(gettext_lazy("Person"), model="accounts.User"),
        "reviewer": Field(gettext_lazy("Reviewer"), model="accounts.User"),
        "organiser": Field(gettext_lazy("Organiser"), model="accounts.User"),
        "count": gettext_lazy("Number"),
        "total": gettext_lazy("Total"),
        "rows": gettext_lazy("Rows"),
        "format": gettext_lazy("Format"),
        "email": gettext_lazy("E-mail address"),
        "name": gettext_lazy("Name"),
        "subject": gettext_lazy("Subject"),
        "body": gettext_lazy("Text"),
        "text": gettext_lazy("Text"),
        "version": gettext_lazy("Version"),
        "reference": gettext_lazy("Reference number"),
        "page": gettext_lazy("Page"),
        "status": gettext_lazy("Status"),
        "language": gettext_lazy("Language"),
        "sort": gettext_lazy("Sort order"),
    }
)
