"""The evaluation's indicators pages: the performance table (IPTT) of the programme and of one
region, its exports, an indicator's page (definition, chart over time with the same figures as
a table, values per category, history of values), and the forms for definition, targets and
values. Reads go through the selectors, writes through the services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core.exceptions import DomainError
from inklusiv.core.exports import csv_response, xlsx_response
from inklusiv.core.forms import add_domain_error
from inklusiv.core.pagination import paginate
from inklusiv.pilots.views.common import region_context

from .. import charts, periods
from ..forms.indicators import (
    CorrectionForm,
    FilterForm,
    IndicatorForm,
    TargetsForm,
    ValuesForm,
    category_field,
    field_name,
    target_periods,
)
from ..models import DISAGGREGATIONS, Indicator, IndicatorValue
from ..selectors import indicators as selectors
from ..services import indicators as services
from .home import region_for

EXPORT_HEADERS = [
    "region",
    "code",
    "name",
    "unit",
    "period",
    "category",
    "target",
    "value",
    "source",
    "entered_at",
    "deviation",
]


def _visible_indicator(request, pk) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.select_related("region", "field", "contributes_to"), pk=pk
    )
    if not request.user.has_perm("evaluation.view_object", indicator):
        raise Http404
    return indicator


def _require(request, perm, obj):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _iptt_context(request, queryset, filters, *, region=None):
    """The page of indicators with their rows, the half-years shown and the filter form."""
    queryset = selectors.filtered(
        queryset,
        region=filters["region"],
        field=filters["field"],
        step=filters["step"],
        programme_only=filters["programme_only"],
    )
    period_keys = selectors.period_choice(queryset, span=filters["span"], last=filters.get("until"))
    page = paginate(request, queryset)
    rows = selectors.performance(page.object_list, period_keys)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page,
        "rows": rows,
        "period_keys": period_keys,
        "period_labels": [periods.label(key) for key in period_keys],
        "query": query.urlencode(),
    }


@login_required
@require_GET
def indicators(request):
    if not request.user.has_perm("evaluation.view_programme"):
        raise Http404
    form = FilterForm(request.GET)
    filters = form.chosen()
    context = _iptt_context(request, selectors.indicators_for_programme(), filters)
    context.update(
        {
            "form": form,
            "can_add": request.user.has_perm("evaluation.edit_indicators", None),
            "can_export": True,
        }
    )
    return render(request, "evaluation/indicators/iptt.html", context)


@login_required
@require_GET
def region_indicators(request, slug):
    region = region_for(request, slug)
    if not request.user.has_perm("evaluation.view_region", region):
        raise Http404
    form = FilterForm(request.GET, region=region)
    filters = form.chosen()
    filters["region"] = region
    filters["programme_only"] = False
    context = region_context(request, region, "evaluation")
    context.update(_iptt_context(request, selectors.indicators_of_region(region), filters))
    context.update(
        {
            "form": form,
            "can_add": request.user.has_perm("evaluation.edit_indicators", region),
        }
    )
    return render(request, "evaluation/indicators/region_iptt.html", context)


def _export(request, file_format):
    if not request.user.has_perm("evaluation.view_programme"):
        raise Http404
    filters = FilterForm(request.GET).chosen()
    queryset = selectors.filtered(
        selectors.indicators_for_programme(),
        region=filters["region"],
        field=filters["field"],
        step=filters["step"],
        programme_only=filters["programme_only"],
    )
    services.record_export(
        actor=request.user,
        file_format=file_format,
        rows=0,
        filters={
            "region": filters["region"].pk if filters["region"] else None,
            "field": filters["field"].pk if filters["field"] else None,
            "step": filters["step"],
        },
    )
    rows = selectors.export_rows(queryset)
    if file_format == "csv":
        return csv_response(
            headers=EXPORT_HEADERS, rows=_csv_rows(rows), filename="indikatoren.csv"
        )
    return xlsx_response(
        headers=EXPORT_HEADERS, rows=rows, filename="indikatoren.xlsx", title=_("Indicators")
    )


def _csv_rows(rows):
    for row in rows:
        yield [
            value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value
            for value in row
        ]


@login_required
@require_GET
def indicators_csv(request):
    return _export(request, "csv")


@login_required
@require_GET
def indicators_xlsx(request):
    return _export(request, "xlsx")


def _indicator_form_page(request, *, region=None, indicator=None):
    form_region = indicator.region if indicator else region
    if request.method == "POST":
        form = IndicatorForm(request.POST, region=form_region)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if indicator is None:
                    indicator = services.create_indicator(
                        actor=request.user, region=region, data=data
                    )
                else:
                    indicator = services.update_indicator(
                        actor=request.user, indicator=indicator, data=data
                    )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return redirect("evaluation:indicator", pk=indicator.pk)
    else:
        initial = IndicatorForm.initial_for(indicator) if indicator else {}
        form = IndicatorForm(initial=initial, region=form_region)
    context = _layout_context(request, form_region)
    context.update({"form": form, "indicator": indicator, "form_region": form_region})
    return render(request, "evaluation/indicators/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_add(request):
    if not request.user.has_perm("evaluation.view_programme"):
        raise Http404
    _require(request, "evaluation.edit_indicators", None)
    return _indicator_form_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def region_indicator_add(request, slug):
    region = region_for(request, slug)
    _require(request, "evaluation.edit_indicators", region)
    return _indicator_form_page(request, region=region)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk):
    indicator = _visible_indicator(request, pk)
    _require(request, "evaluation.edit_indicators", indicator)
    return _indicator_form_page(request, indicator=indicator)


PROGRAMME_LAYOUT = "evaluation/indicators/_layout_programme.html"
REGION_LAYOUT = "evaluation/indicators/_layout_region.html"


def _layout_context(request, region) -> dict:
    """A region's indicator pages sit in the region's tab; the programme's in the evaluation."""
    if region is None:
        return {"layout": PROGRAMME_LAYOUT}
    context = region_context(request, region, "evaluation")
    context.update({"layout": REGION_LAYOUT, "section_link": True})
    return context


def _page_context(request, indicator):
    return _layout_context(request, indicator.region)


@login_required
@require_GET
def indicator(request, pk):
    indicator = _visible_indicator(request, pk)
    first, last = selectors.figure_span(Indicator.objects.filter(pk=indicator.pk))
    last = last or periods.current()
    if first is None or periods.start(first) > periods.start(last):
        first = last
    period_keys = periods.span(first, last)
    row = selectors.performance([indicator], period_keys)[0]
    labels = [cell.label for cell in row.cells]
    chart = charts.line_chart(
        [
            {
                "label": _("Target"),
                "points": [(cell.label, cell.target) for cell in row.cells],
            },
            {
                "label": _("Actual"),
                "points": [(cell.label, cell.actual) for cell in row.cells],
            },
        ],
        indicator.get_unit_display(),
    )
    disaggregations = [
        {
            "label": DISAGGREGATIONS[key][0],
            "rows": selectors.category_table(indicator, period_keys, key, DISAGGREGATIONS[key][1]),
        }
        for key in indicator.disaggregations
        if key in DISAGGREGATIONS
    ]
    category_names = services.categories(indicator)
    history = [
        (value, category_names.get(value.category)) for value in selectors.history(indicator)
    ]
    context = _page_context(request, indicator)
    context.update(
        {
            "indicator": indicator,
            "row": row,
            "period_labels": labels,
            "chart": chart,
            "goals": list(indicator.goals.select_related("field")),
            "disaggregation_labels": [
                DISAGGREGATIONS[key][0]
                for key in indicator.disaggregations
                if key in DISAGGREGATIONS
            ],
            "disaggregations": disaggregations,
            "history": history,
            "contributions": list(indicator.contributions.select_related("region")),
            "can_edit": request.user.has_perm("evaluation.edit_indicators", indicator),
            "can_enter": request.user.has_perm("evaluation.enter_values", indicator),
        }
    )
    return render(request, "evaluation/indicators/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_targets(request, pk):
    indicator = _visible_indicator(request, pk)
    _require(request, "evaluation.edit_indicators", indicator)
    period_keys = target_periods(indicator)
    if request.method == "POST":
        form = TargetsForm(request.POST, period_keys=period_keys)
        if form.is_valid():
            try:
                services.set_targets(
                    actor=request.user, indicator=indicator, targets=form.targets()
                )
            except DomainError as error:
                add_domain_error(form, error, {key: field_name(key) for key in period_keys})
            else:
                return redirect("evaluation:indicator", pk=indicator.pk)
    else:
        existing = {target.period: target.value for target in indicator.targets.all()}
        form = TargetsForm(
            initial={field_name(key): existing.get(key) for key in period_keys},
            period_keys=period_keys,
        )
    context = _page_context(request, indicator)
    context.update({"form": form, "indicator": indicator})
    return render(request, "evaluation/indicators/targets.html", context)


def _value_periods(indicator):
    """Half-years a value may be entered for: from the earliest target period (or the baseline,
    or the region's funding) to the current half-year, newest first."""
    current = periods.current()
    if indicator.region_id:
        first = periods.key_for(indicator.region.funding_start)
    else:
        first = "2017-H1"
    if indicator.baseline_date:
        first = min(first, periods.key_for(indicator.baseline_date), key=periods.start)
    if periods.start(first) > periods.start(current):
        first = current
    return list(reversed(periods.choices(first, current)))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_values(request, pk):
    indicator = _visible_indicator(request, pk)
    _require(request, "evaluation.enter_values", indicator)
    period_choices = _value_periods(indicator)
    keys = [key for key, _label in period_choices]
    categories = services.categories(indicator)
    chosen = request.POST.get("period") or request.GET.get("period") or keys[0]
    if chosen not in keys:
        chosen = keys[0]
    existing = selectors.current_values(indicator, chosen)
    kwargs = {"indicator": indicator, "period_choices": period_choices, "categories": categories}
    if request.method == "POST" and "show" not in request.POST:
        form = ValuesForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.enter_values(
                    actor=request.user,
                    indicator=indicator,
                    period=form.cleaned_data["period"],
                    values=form.values(),
                    source=form.cleaned_data["source"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                mapping = {f"value_{c}": category_field(c) for c in categories}
                add_domain_error(form, error, mapping)
            else:
                return redirect("evaluation:indicator", pk=indicator.pk)
    else:
        initial = {"period": chosen}
        for category, row in existing.items():
            initial[category_field(category)] = row.value
        total = existing.get("")
        if total is not None:
            initial["source"] = total.source
        form = ValuesForm(initial=initial, **kwargs)
    context = _page_context(request, indicator)
    context.update(
        {
            "form": form,
            "indicator": indicator,
            "period": chosen,
            "period_label": periods.label(chosen),
            "has_existing": bool(existing),
        }
    )
    return render(request, "evaluation/indicators/values.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def value_correct(request, pk):
    value = get_object_or_404(
        IndicatorValue.objects.select_related("indicator__region", "entered_by"), pk=pk
    )
    indicator = value.indicator
    if not request.user.has_perm("evaluation.view_object", indicator):
        raise Http404
    _require(request, "evaluation.enter_values", indicator)
    if not value.is_current:
        raise Http404
    if request.method == "POST":
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.correct_value(
                    actor=request.user,
                    value=value,
                    new_value=form.cleaned_data["value"],
                    source=form.cleaned_data["source"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                return redirect(reverse("evaluation:indicator", args=[indicator.pk]) + "#history")
    else:
        form = CorrectionForm(initial={"value": value.value, "source": value.source})
    context = _page_context(request, indicator)
    context.update(
        {
            "form": form,
            "indicator": indicator,
            "value": value,
            "period_label": periods.label(value.period),
            "category_label": services.categories(indicator).get(value.category),
        }
    )
    return render(request, "evaluation/indicators/correct.html", context)


urlpatterns = [
    path("evaluation/indikatoren/", indicators, name="indicators"),
    path("evaluation/indikatoren/export.csv", indicators_csv, name="indicators_csv"),
    path("evaluation/indikatoren/export.xlsx", indicators_xlsx, name="indicators_xlsx"),
    path("evaluation/indikatoren/neu/", indicator_add, name="indicator_add"),
    path("evaluation/region/<slug:slug>/indikatoren/", region_indicators, name="region_indicators"),
    path(
        "evaluation/region/<slug:slug>/indikatoren/neu/",
        region_indicator_add,
        name="region_indicator_add",
    ),
    path("evaluation/indikatoren/<int:pk>/", indicator, name="indicator"),
    path("evaluation/indikatoren/<int:pk>/bearbeiten/", indicator_edit, name="indicator_edit"),
    path("evaluation/indikatoren/<int:pk>/ziele/", indicator_targets, name="indicator_targets"),
    path("evaluation/indikatoren/<int:pk>/werte/", indicator_values, name="indicator_values"),
    path("evaluation/indikatoren/werte/<int:pk>/korrigieren/", value_correct, name="value_correct"),
]
