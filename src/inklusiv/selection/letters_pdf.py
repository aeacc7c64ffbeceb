"""The PDF decision letter, rendered with WeasyPrint like the receipt.

Fonts, the URL fetcher, the page counter and the PDF/UA options come from
applications/receipts.py, so letters and receipts look and behave the same. Callers choose
the language with `translation.override(language)`.
"""

from __future__ import annotations

from pathlib import Path

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration

from inklusiv.applications.receipts import (
    PDF_OPTIONS,
    ReceiptFetcher,
    _css_string,
    font_face_css,
    page_counter_content,
)


def _page_css(reference: str) -> str:
    # Margin boxes stay outside the PDF's tag tree: page furniture, not content.
    footer = f"{_('Reference number')} {reference}"
    return (
        "@page { "
        f"@bottom-left {{ content: {_css_string(footer)}; }} "
        f"@bottom-right {{ content: {page_counter_content()}; }} "
        "}"
    )


def render_letter_pdf(*, decision=None, application=None, text, dated=None) -> bytes:
    """The A4 letter of `text` (services.letters.LetterText) to the application's organisation.

    `decision` is given when sending; a preview passes only the application."""
    application = application or decision.application
    call = application.call
    dated = dated or timezone.now()
    paragraphs = [part.strip() for part in text.body.replace("\r\n", "\n").split("\n\n")]
    html = render_to_string(
        "selection/letters/letter.html",
        {
            "application": application,
            "organisation": application.organisation,
            "call": call,
            "initiative": call.initiative,
            "funder": call.initiative.funder,
            "subject": text.subject,
            "paragraphs": [part for part in paragraphs if part],
            "date": formats.date_format(timezone.localtime(dated), "DATE_FORMAT"),
            "dated": dated,
            "time_zone": settings.TIME_ZONE,
        },
    )
    fetcher = ReceiptFetcher()
    document = weasyprint.HTML(
        string=html, base_url=Path(__file__).parent.as_uri() + "/", url_fetcher=fetcher
    )
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=font_face_css() + "\n" + _page_css(application.reference or str(application.pk)),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config, **PDF_OPTIONS)
