"""The evaluation's reports: written by the evaluators as drafts, released for the region's
readers (or the programme's). The PDF is rendered from the figures of the moment it is
downloaded, so a released report holds the evaluator's text, not frozen numbers."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require

from .. import periods
from ..models import EvaluationReport, Survey

FIELDS = ("title", "first_period", "last_period", "summary", "summary_easy")
Status = EvaluationReport.Status

# Which status may follow which (a released report stays released).
TRANSITIONS = {Status.DRAFT: {Status.RELEASED}, Status.RELEASED: set()}


def _snapshot(report: EvaluationReport) -> dict:
    values = audit.snapshot(report, (*FIELDS, "region", "status"))
    values["surveys"] = sorted(report.surveys.values_list("pk", flat=True)) if report.pk else []
    return values


def _clean(data: dict, region) -> dict:
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError(_("Give the report a title."), field="title")
    first, last = data.get("first_period") or "", data.get("last_period") or ""
    for name, key in (("first_period", first), ("last_period", last)):
        if not periods.is_valid(key):
            raise DomainError(_("Choose a half-year."), field=name)
    if periods.start(first) > periods.start(last):
        raise DomainError(
            _("The first half-year must not come after the last."), field="last_period"
        )
    surveys = list(data.get("surveys") or [])
    for survey in surveys:
        if not isinstance(survey, Survey):
            raise DomainError(_("Choose surveys from the list."), field="surveys")
        if survey.status == Survey.Status.DRAFT:
            raise DomainError(
                _("The survey “%(title)s” has not been opened yet.") % {"title": survey.title},
                field="surveys",
            )
        if region is not None and not survey.regions.filter(pk=region.pk).exists():
            raise DomainError(
                _("The survey “%(title)s” does not cover %(region)s.")
                % {"title": survey.title, "region": region.name},
                field="surveys",
            )
    return {
        "title": title,
        "first_period": first,
        "last_period": last,
        "summary": (data.get("summary") or "").strip(),
        "summary_easy": (data.get("summary_easy") or "").strip(),
        "surveys": surveys,
    }


def create_report(*, actor, region=None, data: dict) -> EvaluationReport:
    require(actor, "evaluation.write_reports", region)
    clean = _clean(data, region)
    surveys = clean.pop("surveys")
    with transaction.atomic():
        report = EvaluationReport.objects.create(region=region, created_by=actor, **clean)
        report.surveys.set(surveys)
        audit.record(
            actor=actor, obj=report, action="evaluation_report_created", after=_snapshot(report)
        )
    return report


def update_report(*, actor, report: EvaluationReport, data: dict) -> EvaluationReport:
    require(actor, "evaluation.write_reports", report)
    if report.status != Status.DRAFT:
        raise DomainError(_("A released report cannot be changed any more."))
    merged = {name: getattr(report, name) for name in FIELDS}
    merged["surveys"] = list(report.surveys.all())
    merged.update(data)
    clean = _clean(merged, report.region)
    surveys = clean.pop("surveys")
    with transaction.atomic():
        report = EvaluationReport.objects.select_for_update().get(pk=report.pk)
        before = _snapshot(report)
        for name, value in clean.items():
            setattr(report, name, value)
        report.save()
        report.surveys.set(surveys)
        after = _snapshot(report)
        changed = [name for name in after if after[name] != before[name]]
        if changed:
            audit.record(
                actor=actor,
                obj=report,
                action="evaluation_report_updated",
                before={name: before[name] for name in changed},
                after={name: after[name] for name in changed},
            )
    return report


def release(*, actor, report: EvaluationReport) -> EvaluationReport:
    require(actor, "evaluation.write_reports", report)
    with transaction.atomic():
        report = EvaluationReport.objects.select_for_update().get(pk=report.pk)
        if Status.RELEASED not in TRANSITIONS[report.status]:
            raise DomainError(_("This report has already been released."))
        report.status = Status.RELEASED
        report.released_at = timezone.now()
        report.save(update_fields=["status", "released_at"])
        audit.record(
            actor=actor,
            obj=report,
            action="evaluation_report_released",
            before={"status": Status.DRAFT},
            after={"status": Status.RELEASED},
        )
    return report


def record_download(*, actor, report: EvaluationReport) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=report,
            action="evaluation_report_downloaded",
            after={"format": "pdf"},
        )
