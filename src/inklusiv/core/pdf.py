"""HTML to PDF with WeasyPrint, for every document the platform renders (receipts, letters,
rankings): the vendored fonts, a URL fetcher that reads nothing but local files, the page
footer, PDF/UA tagging, and one font configuration per process.

A WeasyPrint FontConfiguration loads the system's fontconfig and a Pango font map: about a
quarter of a megabyte that Pango never gives back. Made per document, a worker that renders
receipts all day grows with every one of them, so the configuration (and the parsed
@font-face stylesheet that registers the vendored fonts in it) is made once per process.
Pango and fontconfig are not thread-safe, so renders that share it are serialised by a lock.
"""

from __future__ import annotations

import io
import re
import threading
from functools import cache
from pathlib import Path

import weasyprint
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _
from fontTools.ttLib import woff2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

FONT_DIR = "vendor/kern-ux/fonts/fira-sans"
# (file, weight): the only faces the documents use (no italics, headings at 600).
FONT_FACES = (("FiraSans-Regular", 400), ("FiraSans-SemiBold", 600))
# Tagged PDF (structure tree, /Lang, document title shown by viewers) with PDF/UA-1
# identification in the XMP metadata.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

_render_lock = threading.Lock()


@cache
def vendored_fonts() -> dict[str, tuple[int, bytes]]:
    """file:// URL → (weight, TrueType data) of the vendored Fira Sans faces.

    The staticfiles finders look into the apps' static folders, so this works without
    collectstatic (tests, development). WOFF2 is decompressed once per process: WeasyPrint
    would otherwise spend about a third of a second per face on every document. A face that
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


class LocalFetcher(weasyprint.URLFetcher):
    """Serves the fonts from memory and allows nothing but local files otherwise."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"})

    def fetch(self, url, headers=None):
        font = vendored_fonts().get(url)
        if font is not None:
            return URLFetcherResponse(url, body=font[1])
        return super().fetch(url, headers)


@cache
def _fetcher() -> LocalFetcher:
    return LocalFetcher()


@cache
def _fonts() -> tuple[FontConfiguration, weasyprint.CSS]:
    """The process's font configuration, with the vendored faces registered in it once."""
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=font_face_css(), url_fetcher=_fetcher(), font_config=font_config
    )
    return font_config, stylesheet


def css_string(text: str) -> str:
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
            tokens.append(css_string(part))
    return " ".join(tokens)


def footer_css(left: str) -> str:
    """Page furniture: `left` in the bottom-left corner, „Seite X von Y" in the right one.

    Margin boxes stay outside the PDF's tag tree: page furniture, not content."""
    return (
        "@page { "
        f"@bottom-left {{ content: {css_string(left)}; }} "
        f"@bottom-right {{ content: {page_counter_content()}; }} "
        "}"
    )


def render_pdf(html: str, *, base_url: str, page_css: str = "") -> bytes:
    """The PDF of `html` with the vendored fonts; `page_css` adds per-document rules (footer).

    `base_url` resolves the document's relative links (its stylesheet next to the template).
    Never call this under a row lock: a long document holds the lock for seconds."""
    font_config, font_faces = _fonts()
    fetcher = _fetcher()
    with _render_lock:
        stylesheets = [font_faces]
        if page_css:
            stylesheets.append(
                weasyprint.CSS(string=page_css, url_fetcher=fetcher, font_config=font_config)
            )
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        return document.write_pdf(stylesheets=stylesheets, font_config=font_config, **PDF_OPTIONS)


def template_base_url(module_file: str) -> str:
    """The base URL for a document whose relative links start next to `module_file`."""
    return Path(module_file).parent.as_uri() + "/"
