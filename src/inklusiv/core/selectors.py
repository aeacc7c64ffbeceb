"""Reads of the audit log."""

from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from .models import AuditEntry


def _start_of(day: date) -> datetime:
    """The first moment of a calendar day in Europe/Berlin (the site's time zone)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(
    *,
    content_type_id: str | int = "",
    action: str = "",
    person: str = "",
    since: date | None = None,
    until: date | None = None,
):
    """Entries newest first, filtered; `person` matches the actor's name or e-mail address,
    `since` and `until` are Berlin calendar days, both included."""
    entries = AuditEntry.objects.select_related("actor")
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if action:
        entries = entries.filter(action=action)
    if person:
        entries = entries.filter(
            Q(actor_label__icontains=person)
            | Q(actor__name__icontains=person)
            | Q(actor__email__icontains=person)
        )
    if since:
        entries = entries.filter(created_at__gte=_start_of(since))
    if until:
        entries = entries.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    return entries


def audited_content_types():
    ids = AuditEntry.objects.values_list("content_type_id", flat=True).distinct()
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


def audited_actions() -> list[str]:
    """The action keys that occur in the log."""
    return list(AuditEntry.objects.order_by().values_list("action", flat=True).distinct())
