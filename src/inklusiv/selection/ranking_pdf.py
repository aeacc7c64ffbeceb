"""The ranking of a stage as a PDF for the commission's meeting: every column, the quota
line, ties and reviews left out, and the moment it was made – rendered with WeasyPrint
through core/pdf.py, in the active language."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url


def render_ranking_pdf(
    *, stage, ranking, rows, headers, quota_line_after, excluded, made_at, made_by
) -> bytes:
    """A4 landscape PDF of `rows` (plain-text cells, see views.ranking._pdf_rows)."""
    as_of = formats.date_format(timezone.localtime(made_at), "DATETIME_FORMAT")
    html = render_to_string(
        "selection/ranking/ranking_pdf.html",
        {
            "stage": stage,
            "call": stage.call,
            "funder": stage.call.initiative.funder,
            "ranking": ranking,
            "rows": rows,
            "headers": headers,
            "column_count": len(headers),
            "quota_line_after": quota_line_after,
            "excluded": excluded,
            "as_of": as_of,
            "made_at": made_at,
            "made_by": made_by,
            "time_zone": settings.TIME_ZONE,
        },
    )
    footer = _("Ranking as of %(date)s") % {"date": as_of}
    return render_pdf(html, base_url=template_base_url(__file__), page_css=footer_css(footer))
