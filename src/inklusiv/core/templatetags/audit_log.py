"""The readable audit log in any template: `{% audit_rows entries as rows %}`."""

from django import template

from inklusiv.core import audit

register = template.Library()


@register.simple_tag
def audit_rows(entries):
    """Entries as readable rows (names instead of ids); rows already presented pass through."""
    entries = list(entries or [])
    if entries and isinstance(entries[0], audit.Row):
        return entries
    return audit.present(entries)
