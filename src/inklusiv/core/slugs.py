"""Web addresses from German titles ("Leichte Sprache für Ämter" → "leichte-sprache-fuer-aemter"),
numbered when taken: one rule for every model with a slug."""

from django.utils.text import slugify

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def unique_slug(model, title: str, *, fallback: str, exclude_pk=None, reserved=frozenset()) -> str:
    """A free slug of `model` for `title` (its `slug` field's length), never one of `reserved`
    (words its URLs use in the slug's place)."""
    length = model._meta.get_field("slug").max_length
    base = slugify(title.translate(UMLAUTS))[:length].strip("-") or fallback
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    ) | set(reserved)
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = base[: length - len(suffix)].rstrip("-") + suffix
        number += 1
    return slug
