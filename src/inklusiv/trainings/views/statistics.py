"""Participation in the trainings for funder staff and programme experts: per pilot region
and per course, as a chart and the same figures in a table; the participants' export (CSV or
XLSX, streamed, audited before a row leaves) for funder staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inklusiv.core import audit
from inklusiv.core.exports import csv_response, xlsx_response

from .. import statistics
from ..forms.organise import YearForm

EXPORT_FORMATS = ("csv", "xlsx")
# The chart's geometry (SVG user units); it scales with the page.
CHART_WIDTH = 720
LABEL_WIDTH = 230
BAR_HEIGHT = 14
ROW_GAP = 18


def _bars(rows, largest: int) -> dict:
    """Each row's three bars (registrations, attended, no-shows) with their y and widths."""
    room = CHART_WIDTH - LABEL_WIDTH - 60
    placed = []
    row_height = 3 * BAR_HEIGHT + ROW_GAP
    for index, row in enumerate(rows):
        top = index * row_height + 8
        bars = []
        for offset, (kind, value) in enumerate(
            [
                ("registrations", row.registrations),
                ("attended", row.attended),
                ("no_shows", row.no_shows),
            ]
        ):
            width = round(room * value / largest, 1) if value else 0
            y = top + offset * BAR_HEIGHT
            bars.append(
                {
                    "kind": kind,
                    "value": value,
                    "y": y,
                    "width": width,
                    "text_x": LABEL_WIDTH + width + 6,
                    "text_y": y + BAR_HEIGHT - 3,
                }
            )
        placed.append({"row": row, "label_y": top + BAR_HEIGHT * 2 - 3, "bars": bars})
    return {
        "rows": placed,
        "height": max(len(rows) * row_height + 8, 40),
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 2,
    }


@login_required
@require_GET
def statistics_page(request):
    if not request.user.has_perm("trainings.view_statistics"):
        raise PermissionDenied
    form = YearForm(request.GET or None)
    year = form.chosen_year() if request.GET else None
    figures = statistics.participation(year=year)
    return render(
        request,
        "trainings/statistics/statistics.html",
        {
            "form": form,
            "year": year,
            "figures": figures,
            "region_chart": _bars(figures.by_region, figures.largest),
            "course_chart": _bars(figures.by_course, figures.largest),
            "can_export": request.user.has_perm("trainings.export_participants"),
        },
    )


@login_required
@require_GET
def export(request, fmt):
    if not request.user.has_perm("trainings.export_participants"):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise Http404
    year = YearForm(request.GET).chosen_year()
    registrations = statistics.exported(year)
    # Exports carry personal data: who took which rows out is logged before any row leaves.
    audit.record(
        actor=request.user,
        obj=request.user,
        action="training_participants_exported",
        after={"format": fmt, "year": year, "rows": registrations.count()},
    )
    stamp = f"{timezone.localtime():%Y-%m-%d-%H%M}"
    filename = f"fortbildungen-teilnehmende-{year or 'alle'}-{stamp}.{fmt}"
    if fmt == "csv":
        return csv_response(
            headers=statistics.EXPORT_HEADERS,
            rows=statistics.export_rows(registrations, as_text=True),
            filename=filename,
        )
    return xlsx_response(
        headers=statistics.EXPORT_HEADERS,
        rows=statistics.export_rows(registrations, as_text=False),
        filename=filename,
        title=_("Participants"),
    )


urlpatterns = [
    path("fortbildungen/auswertung/", statistics_page, name="statistics"),
    path("fortbildungen/auswertung/teilnehmende.<str:fmt>", export, name="export"),
]
