"""Reads of the notifications app: a person's inbox, unread count and preferences."""

from . import kinds
from .models import Notification, Preference


def inbox_of(user):
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_of(user, pk):
    """The person's own notification, or None: someone else's is as absent as a missing one."""
    return Notification.objects.filter(user=user, pk=pk).first()


def preferences_of(user) -> dict[str, str]:
    """kind key -> the delivery in force (within what the kind allows)."""
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "choice"))
    return {
        kind.key: stored[kind.key] if stored.get(kind.key) in kind.choices else "immediately"
        for kind in kinds.all_kinds()
    }
