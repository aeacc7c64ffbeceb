"""The yearly report (Sachbericht): opened for one funding year, written by the region,
submitted as a frozen version with a PDF (generated figures plus the region's text), then
acknowledged by the programme expert or returned with a request for changes.

Report year N covers the region's funding year that starts in N: with funding from
1 March 2017, the report 2017 covers 1 March 2017 to 28 February 2018 and is due two months
after, on 28 April 2018.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.notifications.services import notify

from ..models import (
    Actor,
    CoachingSession,
    FieldOfAction,
    Measure,
    Milestone,
    PilotRegion,
    ReportVersion,
    Tie,
    YearlyReport,
)
from .support import region_editors, region_url

logger = logging.getLogger(__name__)

Status = YearlyReport.Status

SECTIONS = ("summary", "highlights", "difficulties", "outlook")

# Which status may follow which, and by which action. Printed for funders as "who may do
# what when": the region (pilots.write_report) submits, the expert (pilots.review_report)
# acknowledges or asks for changes; a report with changes requested is submitted again.
TRANSITIONS = {
    Status.DRAFT: {"submit": Status.SUBMITTED},
    Status.CHANGES_REQUESTED: {"submit": Status.SUBMITTED},
    Status.SUBMITTED: {
        "acknowledge": Status.ACKNOWLEDGED,
        "request_changes": Status.CHANGES_REQUESTED,
    },
    Status.ACKNOWLEDGED: {},
}
EDITABLE = (Status.DRAFT, Status.CHANGES_REQUESTED)


def _next(report: YearlyReport, action: str) -> str:
    new_status = TRANSITIONS[Status(report.status)].get(action)
    if new_status is None:
        raise DomainError(
            _("A report that is “%(status)s” cannot be changed this way.")
            % {"status": report.get_status_display()}
        )
    return new_status


# --- the funding years -----------------------------------------------------------------------


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def period_of(region: PilotRegion, year: int) -> tuple[datetime.date, datetime.date]:
    """The funding year of region that starts in `year` (the last one ends with the funding)."""
    index = year - region.funding_start.year
    start = _add_months(region.funding_start, 12 * index)
    end = _add_months(region.funding_start, 12 * (index + 1)) - datetime.timedelta(days=1)
    end = min(end, region.funding_end)
    return start, end


def report_years(region: PilotRegion) -> list[int]:
    """The years a report can be opened for: one per funding year."""
    years = []
    year = region.funding_start.year
    while period_of(region, year)[0] <= region.funding_end:
        years.append(year)
        year += 1
    return years


def due_on(period_end: datetime.date) -> datetime.date:
    return _add_months(period_end, 2)


def open_report(*, actor, region: PilotRegion, year: int) -> YearlyReport:
    """Start the report of one funding year (one per region and year)."""
    require(actor, "pilots.write_report", region)
    if year not in report_years(region):
        raise DomainError(
            _("The funding of this region has no year starting in %(year)s.") % {"year": year},
            field="year",
        )
    start, end = period_of(region, year)
    with transaction.atomic():
        PilotRegion.objects.select_for_update().get(pk=region.pk)
        if YearlyReport.objects.filter(region=region, year=year).exists():
            raise DomainError(
                _("The report %(year)s has already been started.") % {"year": year}, field="year"
            )
        report = YearlyReport.objects.create(
            region=region,
            year=year,
            period_start=start,
            period_end=end,
            due_on=due_on(end),
            text={section: "" for section in SECTIONS},
        )
        audit.record(
            actor=actor,
            obj=report,
            action="pilot_report_opened",
            after={
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "due_on": report.due_on.isoformat(),
            },
        )
    return report


def save_text(*, actor, report: YearlyReport, text: dict) -> YearlyReport:
    """Save the region's own text (summary, highlights, difficulties, outlook)."""
    require(actor, "pilots.write_report", report.region)
    unknown = set(text) - set(SECTIONS)
    if unknown:
        raise DomainError(_("The report has no section “%(name)s”.") % {"name": min(unknown)})
    for section in SECTIONS:
        if len(text.get(section) or "") > 20000:
            raise DomainError(
                _("Please shorten this section to at most 20,000 characters."), field=section
            )
    with transaction.atomic():
        locked = YearlyReport.objects.select_for_update().get(pk=report.pk)
        if locked.status not in EDITABLE:
            raise DomainError(
                _(
                    "The report has been submitted; its text can be changed only when "
                    "changes are requested."
                )
            )
        before = dict(locked.text)
        after = {**before, **{key: (value or "").strip() for key, value in text.items()}}
        changed = [key for key in SECTIONS if before.get(key, "") != after.get(key, "")]
        if changed:
            locked.text = after
            locked.save(update_fields=["text"])
            audit.record(
                actor=actor,
                obj=locked,
                action="pilot_report_text_saved",
                before={key: before.get(key, "") for key in changed},
                after={key: after[key] for key in changed},
            )
    return locked


# --- the generated figures ------------------------------------------------------------------


def _progress(region: PilotRegion) -> dict:
    """The concept's progress per field of action (the concept's one roll-up)."""
    try:
        from ..progress import region_progress
    except ImportError:  # pragma: no cover - until the concept part is merged
        region_progress = None
    if region_progress is not None:
        tree = region_progress(region)
        return {
            "overall": tree.overall,
            "fields": [
                {"name": node.obj.name, "progress": node.progress, "weight": node.weight}
                for node in tree.fields
            ],
        }
    # Fallback: the plain weighted mean of the measures' progress per field of action.
    fields = []
    totals = []
    for field in FieldOfAction.objects.filter(region=region).order_by("order", "name"):
        pairs = [
            (m.progress, m.weight)
            for m in Measure.objects.filter(goal__field=field).exclude(
                status=Measure.Status.DROPPED
            )
        ]
        weight_sum = sum(weight for _progress, weight in pairs)
        value = sum(p * w for p, w in pairs) / weight_sum if weight_sum else None
        fields.append({"name": field.name, "progress": value, "weight": field.weight})
        if value is not None:
            totals.append((value, field.weight))
    weight_sum = sum(weight for _value, weight in totals)
    overall = sum(v * w for v, w in totals) / weight_sum if weight_sum else None
    return {"overall": overall, "fields": fields}


def _count(value) -> int:
    return len(value) if hasattr(value, "__len__") else int(value or 0)


def _network_at(region: PilotRegion, on: datetime.date) -> dict:
    try:
        from ..network import snapshot
    except ImportError:  # pragma: no cover - until the network part is merged
        snapshot = None
    if snapshot is not None:
        metrics = snapshot(region, on=on).metrics
        return {
            "actors": _count(metrics.actors),
            "ties": _count(metrics.ties),
            "sectors": len([n for n in dict(metrics.per_sector or {}).values() if n]),
        }
    actors = Actor.objects.filter(region=region, joined_on__lte=on).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=on)
    )
    ties = Tie.objects.filter(region=region, began_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )
    return {
        "actors": actors.count(),
        "ties": ties.count(),
        "sectors": actors.values("sector").distinct().count(),
    }


def figures(report: YearlyReport) -> dict:
    """The generated part of the report, as JSON: what a version freezes and the page previews.

    Internal notes of the coaching sessions never enter it."""
    region = report.region
    start, end = report.period_start, report.period_end
    measures = Counter(
        dict(
            Measure.objects.filter(goal__field__region=region)
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
    )
    milestones = Milestone.objects.filter(measure__goal__field__region=region)
    due = milestones.filter(due_on__range=(start, end))
    sessions = list(
        CoachingSession.objects.filter(region=region, held_on__range=(start, end))
        .order_by("held_on", "pk")
        .values("held_on", "format", "topics")
    )
    return {
        "region": region.name,
        "year": report.year,
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "progress": _progress(region),
        "measures": {status: measures.get(status, 0) for status in Measure.Status.values},
        "milestones": {
            "due": due.count(),
            "due_done": due.filter(done_on__isnull=False, done_on__lte=end).count(),
            "done": milestones.filter(done_on__range=(start, end)).count(),
            "missed": due.filter(Q(done_on__isnull=True) | Q(done_on__gt=end)).count(),
        },
        "network": {"start": _network_at(region, start), "end": _network_at(region, end)},
        "sessions": {
            "count": len(sessions),
            "list": [
                {
                    "held_on": session["held_on"].isoformat(),
                    "format": session["format"],
                    "topics": session["topics"],
                }
                for session in sessions
            ],
        },
    }


def present(content: dict) -> dict:
    """A version's (or the preview's) content with labels, dates and differences for pages
    and the PDF, in the active language."""
    from ..models import CoachingSession as Session

    formats = dict(Session.Format.choices)
    statuses = dict(Measure.Status.choices)
    network = content["network"]
    progress = content["progress"]
    return {
        **content,
        "period_start": datetime.date.fromisoformat(content["period_start"]),
        "period_end": datetime.date.fromisoformat(content["period_end"]),
        "progress_fields": [
            {**row, "percent": None if row["progress"] is None else round(row["progress"])}
            for row in progress["fields"]
        ],
        "overall_percent": None if progress["overall"] is None else round(progress["overall"]),
        "measure_rows": [
            (statuses.get(status, status), count) for status, count in content["measures"].items()
        ],
        "measures_total": sum(content["measures"].values()),
        "network_rows": [
            (
                label,
                network["start"][key],
                network["end"][key],
                network["end"][key] - network["start"][key],
            )
            for key, label in (
                ("actors", _("Actors")),
                ("ties", _("Ties")),
                ("sectors", _("Sectors represented")),
            )
        ],
        "session_rows": [
            {
                "held_on": datetime.date.fromisoformat(row["held_on"]),
                "format": formats.get(row["format"], row["format"]),
                "topics": row["topics"],
            }
            for row in content["sessions"]["list"]
        ],
        "text": content.get("text", {}),
    }


# --- submitting and reviewing -------------------------------------------------------------


def submit(*, actor, report: YearlyReport) -> ReportVersion:
    """Freeze the figures and the text as a version, render its PDF and tell the expert."""
    from ..reports_pdf import render_report

    require(actor, "pilots.write_report", report.region)
    # The figures are read before the lock: they are a few queries over the region's data.
    content = figures(report)
    now = timezone.now()
    with transaction.atomic():
        locked = (
            YearlyReport.objects.select_for_update()
            .select_related("region", "region__expert")
            .get(pk=report.pk)
        )
        new_status = _next(locked, "submit")
        if not (locked.text or {}).get("summary", "").strip():
            raise DomainError(
                _("Please write the summary before you submit the report."), field="summary"
            )
        content["text"] = {section: locked.text.get(section, "") for section in SECTIONS}
        number = (
            locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        version = ReportVersion.objects.create(
            report=locked, number=number, content=content, submitted_by=actor, submitted_at=now
        )
        old_status = locked.status
        locked.status = new_status
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.save(update_fields=["status", "submitted_at", "submitted_by"])
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_report_submitted",
            before={"status": old_status},
            after={"status": new_status, "version": number},
        )
    # The PDF is rendered after the row lock is released: it takes a second or more.
    with translation.override(getattr(actor, "language", None) or "de"):
        pdf = render_report(version)
    with transaction.atomic():
        version.pdf.save(
            f"{locked.region.slug}-{locked.year}-v{number}.pdf", ContentFile(pdf), save=False
        )
        version.save(update_fields=["pdf"])
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_report_pdf_stored",
            after={"version": number, "sha256": hashlib.sha256(pdf).hexdigest()},
        )
    region = locked.region
    transaction.on_commit(
        lambda: notify(
            kind="pilots.report_submitted",
            recipients=[region.expert],
            context={
                "report": locked,
                "region": region,
                "actor": actor,
                "url": region_url("report", region, locked.year),
            },
            actor=actor,
            obj=locked,
            link=reverse("pilots:report", args=[region.slug, locked.year]),
        )
    )
    return version


def pdf_of(version: ReportVersion) -> bytes:
    """The stored PDF; a version stored without one (demo data) gets it rendered once."""
    from ..reports_pdf import render_report

    if not version.pdf:
        with translation.override("de"):
            pdf = render_report(version)
        report = version.report
        version.pdf.save(
            f"{report.region.slug}-{report.year}-v{version.number}.pdf",
            ContentFile(pdf),
            save=True,
        )
        return pdf
    with version.pdf.open("rb") as stored:
        return stored.read()


def _notify_reviewed(report: YearlyReport, actor, *, changes_requested: bool, note: str = ""):
    region = report.region
    recipients = list(region_editors(region))
    transaction.on_commit(
        lambda: notify(
            kind="pilots.report_reviewed",
            recipients=recipients,
            context={
                "report": report,
                "region": region,
                "actor": actor,
                "note": note,
                "changes_requested": changes_requested,
                "url": region_url("report", region, report.year),
            },
            actor=actor,
            obj=report,
            link=reverse("pilots:report", args=[region.slug, report.year]),
        )
    )


def acknowledge(*, actor, report: YearlyReport, note: str = "") -> YearlyReport:
    """The expert has read the submitted report and accepts it."""
    require(actor, "pilots.review_report", report.region)
    note = (note or "").strip()
    with transaction.atomic():
        locked = YearlyReport.objects.select_for_update().select_related("region").get(pk=report.pk)
        new_status = _next(locked, "acknowledge")
        old_status = locked.status
        locked.status = new_status
        locked.acknowledged_at = timezone.now()
        locked.acknowledged_by = actor
        locked.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_report_acknowledged",
            before={"status": old_status},
            after={"status": new_status, **({"note": note} if note else {})},
        )
        _notify_reviewed(locked, actor, changes_requested=False, note=note)
    return locked


def request_changes(*, actor, report: YearlyReport, request: str) -> YearlyReport:
    """The expert returns the report to the region with what should change."""
    require(actor, "pilots.review_report", report.region)
    request = (request or "").strip()
    if not request:
        raise DomainError(_("Please say what should be changed."), field="request")
    with transaction.atomic():
        locked = YearlyReport.objects.select_for_update().select_related("region").get(pk=report.pk)
        new_status = _next(locked, "request_changes")
        old_status = locked.status
        locked.status = new_status
        locked.change_request = request
        locked.save(update_fields=["status", "change_request"])
        audit.record(
            actor=actor,
            obj=locked,
            action="pilot_report_changes_requested",
            before={"status": old_status},
            after={"status": new_status, "request": request},
        )
        _notify_reviewed(locked, actor, changes_requested=True)
    return locked


def record_download(*, actor, version: ReportVersion) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=version.report,
            action="pilot_report_pdf_downloaded",
            after={"version": version.number},
        )


def section_labels() -> dict:
    """The headings of the region's own text, in the active language."""
    return {
        "summary": _("Summary"),
        "highlights": _("Highlights of the year"),
        "difficulties": _("Difficulties and how they were met"),
        "outlook": _("Outlook on the next year"),
    }
