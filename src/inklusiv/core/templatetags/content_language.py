"""`{{ text|lang_attr }}`: ` lang="de"` where a text is in another language than the page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def lang_attr(value) -> str:
    """The lang attribute for an element holding `value`, or nothing when the text is in the
    page's language, empty, or of unknown language."""
    lang = getattr(value, "lang", "")
    if not lang or not str(value).strip() or lang == (get_language() or "de")[:2]:
        return ""
    return format_html(' lang="{}"', lang)


@register.simple_tag
def lang_german() -> str:
    """` lang="de"` on a page in another language, for what people write on the platform in
    the programme's language: research notes, open questions and answers, review comments."""
    if (get_language() or "de")[:2] == "de":
        return ""
    return format_html(' lang="{}"', "de")


@register.filter
def german(value):
    """A user's German text quoted inside a translated sentence ("Change the goal “…”"): on a
    page in another language it is wrapped in <span lang="de">, which blocktranslate keeps."""
    if (get_language() or "de")[:2] == "de" or not str(value).strip():
        return value
    return format_html('<span lang="de">{}</span>', value)
