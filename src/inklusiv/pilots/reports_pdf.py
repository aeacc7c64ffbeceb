"""The PDF of a submitted yearly report, rendered with WeasyPrint from exactly what the
version froze (`services.reports.present(version.content)`), in the active language.
Internal notes of the coaching sessions are not part of a version, so never of its PDF."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url


def render_report(version) -> bytes:
    from .services.reports import SECTIONS, present, section_labels

    report = version.report
    region = report.region
    content = present(version.content)
    labels = section_labels()
    html = render_to_string(
        "pilots/reports/pdf.html",
        {
            "version": version,
            "report": report,
            "region": region,
            "content": content,
            "sections": [(labels[key], content["text"].get(key, "")) for key in SECTIONS],
            "time_zone": settings.TIME_ZONE,
        },
    )
    footer = _("Yearly report %(year)s of %(region)s, version %(number)s") % {
        "year": report.year,
        "region": region.name,
        "number": version.number,
    }
    return render_pdf(html, base_url=template_base_url(__file__), page_css=footer_css(footer))
