"""The timeline of a region's measures and milestones: a Gantt-like SVG drawn on the server
(no JavaScript) and a table with the same data, both from one function."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Measure
from .progress import RegionProgress

WIDTH = 960
LABEL_WIDTH = 300
ROW_HEIGHT = 26
HEADER_HEIGHT = 34
PAD = 8

# Presentation attributes, not style="": the Content Security Policy forbids inline styles.
# Each status has its own fill and pattern of outline, and the table says it in words.
STATUS_FILL = {
    Measure.Status.PLANNED: "#ffffff",
    Measure.Status.RUNNING: "#4a7fb5",
    Measure.Status.DONE: "#1f6b3a",
    Measure.Status.PAUSED: "#d9a400",
    Measure.Status.DROPPED: "#d0d0d0",
}
STATUS_DASH = {Measure.Status.PLANNED: "4 3", Measure.Status.DROPPED: "2 2"}


@dataclass
class MilestoneRow:
    title: str
    due_on: datetime.date
    done_on: datetime.date | None


@dataclass
class Row:
    field: str
    measure: Measure
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    status_label: str
    progress: int
    milestones: list[MilestoneRow] = field(default_factory=list)


@dataclass
class Timeline:
    svg: SafeString
    rows: list[Row]
    start: datetime.date | None
    end: datetime.date | None


def _truncate(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def rows_of(tree: RegionProgress) -> list[Row]:
    rows = []
    for field_node in tree.fields:
        for goal_node in field_node.children:
            for measure_node in goal_node.children:
                measure = measure_node.obj
                rows.append(
                    Row(
                        field=field_node.obj.name,
                        measure=measure,
                        starts_on=measure.starts_on,
                        ends_on=measure.ends_on,
                        status=measure.status,
                        status_label=measure.get_status_display(),
                        progress=100 if measure.status == Measure.Status.DONE else measure.progress,
                        milestones=[
                            MilestoneRow(milestone.title, milestone.due_on, milestone.done_on)
                            for milestone in measure_node.milestones
                        ],
                    )
                )
    return rows


def _bounds(rows: list[Row]) -> tuple[datetime.date, datetime.date]:
    days = [row.starts_on for row in rows] + [row.ends_on for row in rows]
    days += [milestone.due_on for row in rows for milestone in row.milestones]
    days += [milestone.done_on for row in rows for milestone in row.milestones if milestone.done_on]
    start, end = min(days), max(days)
    # Whole quarters, so the axis starts and ends on a tick.
    start = datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    month = 3 * ((end.month - 1) // 3) + 4
    end = datetime.date(end.year + (month > 12), (month - 1) % 12 + 1, 1)
    return start, end


def build(tree: RegionProgress, *, today: datetime.date | None = None) -> Timeline:
    """The timeline and its table from the concept's roll-up tree (no further queries)."""
    rows = rows_of(tree)
    title = _("Timeline of the measures and milestones")
    if not rows:
        return Timeline(svg=mark_safe(""), rows=[], start=None, end=None)
    start, end = _bounds(rows)
    today = today or timezone.localdate()
    span = max((end - start).days, 1)
    plot = WIDTH - LABEL_WIDTH - PAD

    def x(day: datetime.date) -> float:
        return round(LABEL_WIDTH + plot * (day - start).days / span, 1)

    fields_count = len({row.field for row in rows})
    # The names of fields of action and measures are written in German on the platform: on a
    # page in another language their labels say so (WCAG 3.1.2).
    lang = "" if (get_language() or "de")[:2] == "de" else ' lang="de"'
    height = HEADER_HEIGHT + ROW_HEIGHT * (len(rows) + fields_count) + PAD
    desc = _(
        "%(measures)s measures in %(fields)s fields of action from %(start)s to %(end)s. "
        "Bars show each measure from its start to its end; diamonds show milestones (filled: "
        "reached, hollow: open). The table below has the same data."
    ) % {
        "measures": len(rows),
        "fields": fields_count,
        "start": _day(min(row.starts_on for row in rows)),
        "end": _day(max(row.ends_on for row in rows)),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'aria-labelledby="timeline-title timeline-desc">',
        f'<title id="timeline-title">{escape(title)}</title>',
        f'<desc id="timeline-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # Quarter ticks with the year at each January.
    tick = start
    while tick <= end:
        tx = x(tick)
        parts.append(
            f'<line x1="{tx}" y1="{HEADER_HEIGHT - 6}" x2="{tx}" y2="{height - PAD}" '
            f'stroke="#c8c8c8" stroke-width="1"/>'
        )
        label = f"{tick.year}" if tick.month == 1 else f"Q{(tick.month - 1) // 3 + 1}"
        parts.append(
            f'<text x="{tx + 3}" y="{HEADER_HEIGHT - 12}" font-size="12" fill="#1b1b1b">'
            f"{escape(label)}</text>"
        )
        month = tick.month + 3
        tick = datetime.date(tick.year + (month > 12), (month - 1) % 12 + 1, 1)
    y = HEADER_HEIGHT
    current_field = None
    for row in rows:
        if row.field != current_field:
            current_field = row.field
            parts.append(
                f'<text x="{PAD}" y="{y + 17}" font-size="13" font-weight="bold" '
                f'fill="#1b1b1b"{lang}>{escape(_truncate(row.field, 44))}</text>'
            )
            y += ROW_HEIGHT
        parts.append(
            f'<text x="{PAD + 12}" y="{y + 17}" font-size="12" fill="#1b1b1b"{lang}>'
            f"{escape(_truncate(row.measure.title))}</text>"
        )
        x1, x2 = x(row.starts_on), x(row.ends_on)
        dash = STATUS_DASH.get(row.status)
        parts.append(
            f'<rect x="{x1}" y="{y + 5}" width="{max(x2 - x1, 2)}" height="{ROW_HEIGHT - 10}" '
            f'rx="3" fill="{STATUS_FILL[row.status]}" stroke="#1b1b1b" stroke-width="1"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + "/>"
        )
        for milestone in row.milestones:
            mx, my = x(milestone.due_on), y + ROW_HEIGHT / 2
            fill = "#1b1b1b" if milestone.done_on else "#ffffff"
            parts.append(
                f'<polygon points="{mx},{my - 8} {mx + 8},{my} {mx},{my + 8} {mx - 8},{my}" '
                f'fill="{fill}" stroke="#1b1b1b" stroke-width="1.5"/>'
            )
        y += ROW_HEIGHT
    if start <= today <= end:
        tx = x(today)
        parts.append(
            f'<line x1="{tx}" y1="{HEADER_HEIGHT - 6}" x2="{tx}" y2="{height - PAD}" '
            f'stroke="#b00020" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{tx + 3}" y="{height - PAD - 2}" font-size="11" fill="#b00020">'
            f"{escape(_('today'))}</text>"
        )
    parts.append("</svg>")
    return Timeline(svg=mark_safe("".join(parts)), rows=rows, start=start, end=end)  # noqa: S308 - every text is escaped
