"""The PDF decision letter, rendered with WeasyPrint like the receipt.

Fonts, the URL fetcher, the page counter and the PDF/UA options come from core/pdf.py,
so letters and receipts look and behave the same. Callers choose
the language with `translation.override(language)`.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url


def _page_css(reference: str) -> str:
    return footer_css(f"{_('Reference number')} {reference}")


def render_letter_pdf(*, decision=None, application=None, text, dated=None, sender=None) -> bytes:
    """The A4 letter of `text` (services.letters.LetterText) to the application's organisation.

    `decision` is given when sending; a preview passes only the application. `dated` is the
    letter's date (now when not given); `sender` its sender block (services.letters.Sender),
    by default the funder with the staff member who decided as contact person."""
    from .services.letters import sender_for

    application = application or decision.application
    if sender is None:
        sender = sender_for(
            application, signatory=decision.decided_by if decision else text.signatory
        )
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
            "sender": sender,
            "subject": text.subject,
            "paragraphs": [part for part in paragraphs if part],
            "date": formats.date_format(timezone.localtime(dated), "DATE_FORMAT"),
            "dated": dated,
            "time_zone": settings.TIME_ZONE,
        },
    )
    reference = application.reference or str(application.pk)
    return render_pdf(html, base_url=template_base_url(__file__), page_css=_page_css(reference))
