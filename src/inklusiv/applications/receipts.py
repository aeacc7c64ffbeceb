"""The PDF receipt (Eingangsbestätigung) of a submitted version, rendered with WeasyPrint.

It shows `content.present(version.content)` – exactly what was submitted – in the active
language; callers choose the language with `translation.override(recipient.language)`.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# The fonts, fetcher and footer are shared with every other PDF (core/pdf.py); the names are
# re-exported because the receipt was the first PDF and tests still reach for them here.
from inklusiv.core.pdf import (  # noqa: F401
    PDF_OPTIONS,
    css_string,
    font_face_css,
    footer_css,
    page_counter_content,
    render_pdf,
    template_base_url,
    vendored_fonts,
)

from . import content


def _page_css(version) -> str:
    reference = _("Reference number %(reference)s, version %(number)s") % {
        "reference": version.application.reference,
        "number": version.number,
    }
    return footer_css(reference)


def render_receipt(version) -> bytes:
    """The A4 PDF receipt of `version` in the active language."""
    application = version.application
    call = application.call
    html = render_to_string(
        "applications/receipt.html",
        {
            "version": version,
            "application": application,
            "reference": application.reference,
            "call": call,
            "initiative": call.initiative,
            "funder": call.initiative.funder,
            "stage": version.stage,
            "submitted_by": version.submitted_by,
            # Deadlines are Berlin wall-clock time (settings.TIME_ZONE), so is the receipt.
            "time_zone": settings.TIME_ZONE,
            "sections": content.present(version.content),
        },
    )
    return render_pdf(html, base_url=template_base_url(__file__), page_css=_page_css(version))
