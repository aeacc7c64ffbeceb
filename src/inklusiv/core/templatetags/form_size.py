"""The size limit of a form's texts, for the script that warns before sending too much."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def form_text_limit() -> int:
    """Bytes of non-file form data Django accepts in one request (else: the 413 page)."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE
