"""Content that staff write in German and English: pick the reader's language."""

from django.utils.translation import get_language


def pick(german: str, english: str) -> str:
    """The English text for English readers when there is one; German otherwise."""
    if (get_language() or "de")[:2] == "en" and english:
        return english
    return german


def localized(obj, field: str) -> str:
    return pick(getattr(obj, f"{field}_de", ""), getattr(obj, f"{field}_en", ""))
