"""Template helpers shared by all apps: KERN widgets, time elements, language links, query
strings."""

from datetime import date, datetime

from django import template
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()

_INPUT_CLASS = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
}


@register.simple_tag
def kern_widget(field):
    """The field's widget with KERN classes and the ARIA links to its hint and error."""
    widget_type = field.widget_type
    css = _INPUT_CLASS.get(widget_type, "kern-form-input__input")
    if field.errors:
        css += f" {css}--error"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
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
