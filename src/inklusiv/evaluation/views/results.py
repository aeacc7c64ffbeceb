"""A survey's results: for the programme side over all its regions (filters by region, breakdown
and a comparison of the waves), and on a region's tab for whoever may read the region (its own
responses only). Every figure comes from selectors.results, which applies the minimum group
size; the exports for the scientists are anonymised by services.exports and audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET

from inklusiv.core.exceptions import DomainError
from inklusiv.core.exports import csv_response
from inklusiv.pilots.views.common import region_context

from ..forms.reports import ResultsFilterForm
from ..models import Survey
from ..selectors.results import (
    breakdown_questions,
    responses_per_region,
    results,
    wave_comparison,
)
from ..services import exports
from .home import region_for

# Geometry of the bar charts (SVG user units; the chart scales to the page width).
CHART_WIDTH = 640
BAR_AREA = 480
ROW_HEIGHT = 48
LABEL_BASELINE = 17
BAR_TOP = 23
BAR_HEIGHT = 16


def bar_chart(items) -> dict:
    """Horizontal bars for (label, count or None); a hidden count draws no bar and says so."""
    largest = max((value for _label, value in items if value is not None), default=0)
    bars = []
    for index, (label, value) in enumerate(items):
        top = index * ROW_HEIGHT
        width = round(BAR_AREA * value / largest, 1) if largest and value else 0
        bars.append(
            {
                "label": label,
                "value": value,
                "label_y": top + LABEL_BASELINE,
                "bar_y": top + BAR_TOP,
                "width": width,
                "value_x": width + 8,
                "value_y": top + BAR_TOP + BAR_HEIGHT - 2,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(items) * ROW_HEIGHT, ROW_HEIGHT),
        "bar_height": BAR_HEIGHT,
    }


def _charts(outcome):
    for number, question in enumerate(outcome.questions):
        question.chart = bar_chart(question.chart_rows) if question.rows else None
        question.anchor = f"q{number}"
    return outcome


def _survey_for_programme(request, slug):
    if not request.user.has_perm("evaluation.view_all_results"):
        raise Http404
    return get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), slug=slug)


@login_required
@require_GET
def survey_results(request, slug):
    survey = _survey_for_programme(request, slug)
    regions = list(survey.regions.order_by("name"))
    splits = list(breakdown_questions(survey))
    form = ResultsFilterForm(request.GET or None, regions=regions, splits=splits)
    region = next((r for r in regions if r.slug == form.value("region")), None)
    breakdown = form.value("breakdown") or None
    if region is not None and breakdown == "region":
        breakdown = None
    outcome = _charts(results(survey, region=region, breakdown=breakdown))
    per_region, _table = responses_per_region(survey, regions)
    return render(
        request,
        "evaluation/results/survey.html",
        {
            "survey": survey,
            "form": form,
            "outcome": outcome,
            "chosen_region": region,
            "per_region": per_region,
            "waves": wave_comparison(survey, region=region),
            # Exports refuse a survey with fewer than k responses in all: no link to a refusal.
            "can_export": request.user.has_perm("evaluation.export_data")
            and survey.responses.count() >= survey.min_group_size,
        },
    )


@login_required
@require_GET
def region_results(request, slug, survey):
    region = region_for(request, slug)
    survey = get_object_or_404(
        Survey.objects.exclude(status=Survey.Status.DRAFT).filter(regions=region), slug=survey
    )
    splits = list(breakdown_questions(survey))
    form = ResultsFilterForm(request.GET or None, splits=splits, by_region=False)
    breakdown = form.value("breakdown") or None
    outcome = _charts(results(survey, region=region, breakdown=breakdown))
    context = region_context(request, region, "evaluation")
    context.update(
        {
            "survey": survey,
            "form": form,
            "outcome": outcome,
            "waves": wave_comparison(survey, region=region),
        }
    )
    return render(request, "evaluation/results/region.html", context)


def _export(request, slug, fmt):
    if not request.user.has_perm("evaluation.export_data"):
        raise Http404
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), slug=slug)
    try:
        data = exports.export(actor=request.user, survey=survey, fmt=fmt)
    except DomainError as error:
        messages.error(request, str(error))
        return None, redirect("evaluation:survey_results", slug=survey.slug)
    return survey, data


@login_required
@require_GET
def survey_csv(request, slug):
    survey, data = _export(request, slug, "csv")
    if survey is None:
        return data
    headers, rows = exports.csv_rows(data)
    return csv_response(headers=headers, rows=rows, filename=f"{survey.slug}-antworten.csv")


@login_required
@require_GET
def survey_codebook(request, slug):
    survey, data = _export(request, slug, "codebook")
    if survey is None:
        return data
    headers, rows = exports.codebook_rows(data, survey)
    return csv_response(headers=headers, rows=rows, filename=f"{survey.slug}-codebuch.csv")


@login_required
@require_GET
def survey_sav(request, slug):
    survey, data = _export(request, slug, "sav")
    if survey is None:
        return data
    return FileResponse(
        exports.sav_file(data, survey),
        as_attachment=True,
        filename=f"{survey.slug}-antworten.sav",
        content_type="application/x-spss-sav",
    )


urlpatterns = [
    path("evaluation/umfragen/<slug:slug>/ergebnisse/", survey_results, name="survey_results"),
    path(
        "evaluation/region/<slug:slug>/umfragen/<slug:survey>/",
        region_results,
        name="region_results",
    ),
    path("evaluation/umfragen/<slug:slug>/export/antworten.csv", survey_csv, name="survey_csv"),
    path(
        "evaluation/umfragen/<slug:slug>/export/codebuch.csv",
        survey_codebook,
        name="survey_codebook",
    ),
    path("evaluation/umfragen/<slug:slug>/export/antworten.sav", survey_sav, name="survey_sav"),
]
