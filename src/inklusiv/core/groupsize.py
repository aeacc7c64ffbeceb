"""The minimum group size rule, in one place: a figure about a group smaller than
settings.MIN_GROUP_SIZE is never shown, charted or exported, so that nobody in a small group
can be recognised by their answers. Every breakdown asks here."""

from django.conf import settings


def minimum() -> int:
    return settings.MIN_GROUP_SIZE


def reportable(count: int) -> bool:
    """Whether figures about `count` people may be shown."""
    return count >= minimum()
