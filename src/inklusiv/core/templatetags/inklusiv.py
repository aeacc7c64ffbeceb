"""Template helpers shared by all apps: KERN widgets, time elements, language links, query
strings."""

from datetime import date, datetime

from django import template
from django.urls import translate_url
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext

register = template.Library()

_INPUT_CLASS = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
}


# Fields that say their limit and, with JavaScript, count down to it (GOV.UK character count).
_COUNTED_WIDGETS = {"textarea", "text"}
# A one-line field shows the live count only from this share of its limit on (GOV.UK's
# "threshold"): a name field need not announce "186 characters remaining" at every pause.
_SINGLE_LINE_THRESHOLD = 80
# One-line fields with a shorter limit hold codes with a format of their own (postcode,
# phone number, coordinates), which their label and hint explain better than a count.
_SINGLE_LINE_MINIMUM = 100


def _character_limit(field) -> int | None:
    limit = getattr(field.field, "max_length", None)
    if not limit or field.is_hidden or field.widget_type not in _COUNTED_WIDGETS:
        return None
    if field.widget_type == "text" and limit < _SINGLE_LINE_MINIMUM:
        return None
    return limit


@register.simple_tag
def character_count(field):
    """The limit of a limited text field and the texts of its count, or None.

    Without JavaScript the hint ("At most 2,000 characters") is all there is; inklusiv.js
    turns it into a live count, picking the singular or plural text rendered here.
    """
    limit = _character_limit(field)
    if limit is None:
        return None

    # Both forms go to the page; the browser picks one per count (Intl.PluralRules). The
    # literal calls let makemessages find the texts.
    return {
        "limit": limit,
        "threshold": _SINGLE_LINE_THRESHOLD if field.widget_type == "text" else 0,
        "hint": ngettext("At most %(count)s character", "At most %(count)s characters", limit)
        % {"count": number_format(limit, force_grouping=True)},
        "remaining": {
            "one": ngettext(
                "You have %(count)s character remaining",
                "You have %(count)s characters remaining",
                1,
            ),
            "other": ngettext(
                "You have %(count)s character remaining",
                "You have %(count)s characters remaining",
                2,
            ),
        },
        "over": {
            "one": ngettext(
                "You have %(count)s character too many", "You have %(count)s characters too many", 1
            ),
            "other": ngettext(
                "You have %(count)s character too many", "You have %(count)s characters too many", 2
            ),
        },
    }


@register.simple_tag
def kern_widget(field):
    """The field's widget with KERN classes and the ARIA links to its hint, count and error."""
    widget_type = field.widget_type
    css = _INPUT_CLASS.get(widget_type, "kern-form-input__input")
    if field.errors:
        css += f" {css}--error"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if _character_limit(field):
        described.append(f"{field.auto_id}-count")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def datetime_attribute(value) -> str:
    """The machine-readable value of a <time datetime="…">: local time with its offset, to
    the second (HTML allows at most three decimals, and nobody needs microseconds)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.simple_tag(takes_context=True)
def language_url(context, language):
    """The current page in another language (the same path with the other prefix)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    url = translate_url(request.get_full_path(), language)
    if url == request.get_full_path() and language != get_language():
        return f"/{language}/"
    return url


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced, for pagination and sorting."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
