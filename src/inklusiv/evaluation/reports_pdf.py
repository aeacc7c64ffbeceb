"""The PDF of an evaluation report, in German, A4: a title page, the evaluator's summary, the
indicators' IPTT for the report's half-years, the chosen surveys' results (through
selectors.results, so with the same minimum group size as the pages), the network's growth per
half-year from the pilots app, and a page in Leichte Sprache. Figures are those of the moment of
the download; never rendered under a lock (WeasyPrint takes seconds)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url
from inklusiv.pilots.models import PilotRegion

from . import periods
from .models import EvaluationReport, Indicator
from .selectors.results import results


def _iptt(report: EvaluationReport, keys: list[str]):
    from .selectors.indicators import performance

    indicators = (
        (
            Indicator.objects.filter(region=report.region)
            if report.region_id
            else Indicator.objects.filter(region__isnull=True)
        )
        .select_related("region", "field", "contributes_to")
        .order_by("order", "code", "pk")
    )
    return performance(indicators, keys)


def _growth(report: EvaluationReport, keys: list[str]):
    """(half-year label, actors, ties) at the end of each half-year; the programme's sums."""
    from inklusiv.pilots import network

    regions = [report.region] if report.region_id else list(PilotRegion.objects.order_by("pk"))
    days = [periods.end(key) for key in keys]
    totals = [[0, 0] for _day in days]
    for region in regions:
        for index, counts in enumerate(network.growth(region, days)):
            totals[index][0] += counts.actors
            totals[index][1] += counts.ties
    return [(periods.label(key), *totals[i]) for i, key in enumerate(keys)]


def context_for(report: EvaluationReport) -> dict:
    keys = periods.span(report.first_period, report.last_period)
    surveys = list(report.surveys.order_by("-wave", "title"))
    return {
        "report": report,
        "span": f"{periods.label(report.first_period)} – {periods.label(report.last_period)}",
        "iptt": _iptt(report, keys),
        "period_labels": [periods.label(key) for key in keys],
        "survey_results": [results(survey, region=report.region) for survey in surveys],
        "growth": _growth(report, keys),
    }


def render_report(report: EvaluationReport) -> bytes:
    with translation.override("de"):
        html = render_to_string("evaluation/reports/pdf.html", context_for(report))
        footer = _("Evaluation report: %(title)s") % {"title": report.title}
        page_css = footer_css(footer)
    return render_pdf(html, base_url=template_base_url(__file__), page_css=page_css)
