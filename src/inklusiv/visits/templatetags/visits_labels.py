"""Labels of on-site meeting rounds for templates that hold a stage."""

from django import template

from ..models import round_label as _round_label

register = template.Library()


@register.filter
def round_label(stage) -> str:
    return _round_label(stage) if stage else ""
