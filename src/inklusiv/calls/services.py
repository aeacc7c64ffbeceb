"""Every change to initiatives, calls, stages, criteria and questions: checked and audited."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from .models import Call, Criterion, Initiative, Question, Stage

FIELDS = {
    Initiative: ["name", "slug", "funder", "description_de", "description_en"],
    Call: [
        "initiative",
        "slug",
        "title_de",
        "title_en",
        "summary_de",
        "summary_en",
        "purpose_de",
        "purpose_en",
        "eligibility_de",
        "eligibility_en",
        "easy_read_summary",
        "reference_prefix",
        "reference_year",
        "retention_months",
        "is_published",
    ],
    Stage: [
        "call",
        "position",
        "name_de",
        "name_en",
        "description_de",
        "description_en",
        "opens_at",
        "closes_at",
        "quota",
        "reviewers_per_application",
        "reviews_due_at",
        "max_reviews_per_reviewer",
        "reviews_visible_before_submit",
        "requires_site_visit",
    ],
    Criterion: [
        "stage",
        "position",
        "name_de",
        "name_en",
        "description_de",
        "description_en",
        "weight",
        "max_score",
    ],
    Question: [
        "stage",
        "position",
        "kind",
        "label_de",
        "label_en",
        "help_de",
        "help_en",
        "required",
        "max_length",
        "options",
    ],
}


def _require(actor) -> None:
    if not actor.has_perm("calls.manage_calls"):
        raise PermissionDenied


def _json(values: dict) -> dict:
    """Audit entries are JSON: moments become ISO strings, in UTC so that the same moment read
    from the database and typed into a form in Berlin time compares equal."""
    return {
        key: _iso(value) if hasattr(value, "isoformat") else value for key, value in values.items()
    }


def _iso(value) -> str:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.isoformat()


def save(*, actor, instance):
    """Create or change one of the call's building blocks, with a before/after audit entry."""
    _require(actor)
    model = type(instance)
    fields = FIELDS[model]
    name = model._meta.model_name
    with transaction.atomic():
        created = instance.pk is None
        before = {}
        if not created:
            stored = model.objects.select_for_update().get(pk=instance.pk)
            before = _json(audit.snapshot(stored, fields))
        if created and model is Stage:
            last = Stage.objects.filter(call=instance.call).aggregate(last=Max("position"))["last"]
            instance.position = (last or 0) + 1
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise DomainError(" ".join(error.messages)) from error
        instance.save()
        after = _json(audit.snapshot(instance, fields))
        audit.record(
            actor=actor,
            obj=instance,
            action=f"{name}_{'created' if created else 'changed'}",
            before=before,
            after={key: value for key, value in after.items() if before.get(key) != value},
        )
    return instance


def set_published(*, actor, call: Call, published: bool) -> Call:
    """Publishing makes the call public; it needs at least one stage to apply in."""
    _require(actor)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if published and not call.stages.exists():
            raise DomainError(_("Add at least one stage before publishing the call."))
        if call.is_published == published:
            return call
        call.is_published = published
        call.save(update_fields=["is_published"])
        audit.record(
            actor=actor,
            obj=call,
            action="call_published" if published else "call_unpublished",
            before={"is_published": not published},
            after={"is_published": published},
        )
    return call


def delete(*, actor, instance) -> None:
    """Remove a stage, criterion or question; a stage that applications are in stays."""
    _require(actor)
    model = type(instance)
    with transaction.atomic():
        if model is Stage and instance.applications.exists():
            raise DomainError(
                _("Applications are in this stage, so it cannot be removed. Change it instead.")
            )
        audit.record(
            actor=actor,
            obj=instance,
            action=f"{model._meta.model_name}_deleted",
            before=_json(audit.snapshot(instance, FIELDS[model])),
        )
        instance.delete()
