"""Reads of the audit log."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit_entries(*, content_type_id: str = "", action: str = ""):
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if content_type_id:
        entries = entries.filter(content_type_id=content_type_id)
    if action:
        entries = entries.filter(action=action)
    return entries


def audited_content_types():
    ids = AuditEntry.objects.values_list("content_type_id", flat=True).distinct()
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")
