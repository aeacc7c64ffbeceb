"""The PDF receipt (Eingangsbestätigung) of a submitted version, rendered with WeasyPrint.

It shows `content.present(version.content)` – exactly what was submitted – in the active
language; callers choose the language with `translation.override(recipient.language)`.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from fontTools.ttLib import woff2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from . import content

FONT_DIR = "vendor/kern-ux/fonts/fira-sans"
# (file, weight): the only faces the receipt uses (no italics, headings at 600).
FONT_FACES = (("FiraSans-Regular", 400), ("FiraSans-SemiBold", 600))
# Tagged PDF (structure tree, /Lang, document title shown by viewers) with PDF/UA-1
# identification in the XMP metadata.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@cache
def vendored_fonts() -> dict[str, tuple[int, bytes]]:
    """file:// URL → (weight, TrueType data) of the vendored Fira Sans faces.

    The staticfiles finders look into the apps' static folders, so this works without
    collectstatic (tests, development). WOFF2 is decompressed once per process: WeasyPrint
    would otherwise spend about a third of a second per face on every receipt. A face that
    is missing is left out and WeasyPrint falls back to a system sans-serif.
    """
    fonts = {}
    for name, weight in FONT_FACES:
        path = finders.find(f"{FONT_DIR}/{name}.woff2")
        if path:
            data = io.BytesIO()
            woff2.decompress(path, data)
            fonts[Path(path).resolve().as_uri()] = (weight, data.getvalue())
    return fonts


def font_face_css() -> str:
    return "\n".join(
        f"@font-face {{ font-family: 'Fira Sans'; src: url('{url}'); font-weight: {weight}; }}"
        for url, (weight, _data) in vendored_fonts().items()
    )


class ReceiptFetcher(weasyprint.URLFetcher):
    """Serves the fonts from memory and allows nothing but local files otherwise."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"})

    def fetch(self, url, headers=None):
        font = vendored_fonts().get(url)
        if font is not None:
            return URLFetcherResponse(url, body=font[1])
        return super().fetch(url, headers)


def _css_string(text: str) -> str:
    """A CSS string literal for text that comes from translations or data."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def page_counter_content() -> str:
    """The CSS `content` value for the translated „Seite X von Y" footer."""
    # Translators: footer of every page of the PDF receipt. Keep both placeholders.
    text = _("Page %(page)s of %(pages)s")
    tokens = []
    for part in re.split(r"(%\(pages?\)s)", text):
        if part == "%(page)s":
            tokens.append("counter(page)")
        elif part == "%(pages)s":
            tokens.append("counter(pages)")
        elif part:
            tokens.append(_css_string(part))
    return " ".join(tokens)


def _page_css(version) -> str:
    # Margin boxes stay outside the PDF's tag tree: page furniture, not content.
    reference = _("Reference number %(reference)s, version %(number)s") % {
        "reference": version.application.reference,
        "number": version.number,
    }
    return (
        "@page { "
        f"@bottom-left {{ content: {_css_string(reference)}; }} "
        f"@bottom-right {{ content: {page_counter_content()}; }} "
        "}"
    )


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
    fetcher = ReceiptFetcher()
    document = weasyprint.HTML(
        string=html, base_url=Path(__file__).parent.as_uri() + "/", url_fetcher=fetcher
    )
    # @font-face rules outside the document need a font configuration shared with the render.
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=font_face_css() + "\n" + _page_css(version),
        url_fetcher=fetcher,
        font_config=font_config,
    )
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config, **PDF_OPTIONS)
