"""The one permission check services start with."""

from django.core.exceptions import PermissionDenied


def require(actor, perm: str, obj=None) -> None:
    """Refuse the action unless `actor` has `perm` (on `obj`, for object rules)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied
