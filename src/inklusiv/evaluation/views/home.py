"""The evaluation's start pages: the programme side's overview (impact model, indicators,
surveys, reports, the regions) and a region's tab "Evaluation"."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_GET

from inklusiv.pilots.models import PilotRegion
from inklusiv.pilots.views.common import region_context

from .. import periods
from ..selectors import impact as selectors


def region_for(request, slug: str) -> PilotRegion:
    """The region if the reader may read its evaluation, else 404. Wider than the pilots'
    region_for: the programme's experts read every region's evaluation, not only their own."""
    region = get_object_or_404(
        PilotRegion.objects.select_related("organisation", "expert", "coach"), slug=slug
    )
    if not request.user.has_perm("evaluation.view_region", region):
        raise Http404
    return region


@login_required
@require_GET
def home(request):
    if not request.user.has_perm("evaluation.view_programme"):
        raise Http404
    regions = list(selectors.regions_overview())
    for region in regions:
        try:
            region.model = region.impact_model
        except region.__class__.impact_model.RelatedObjectDoesNotExist:
            region.model = None
    return render(
        request,
        "evaluation/home.html",
        {
            "programme_model": selectors.model_of(None),
            "regions": regions,
            "can_manage_surveys": request.user.has_perm("evaluation.manage_surveys"),
            "can_edit_programme_model": request.user.has_perm("evaluation.edit_impact_model", None),
        },
    )


@login_required
@require_GET
def region(request, slug):
    region = region_for(request, slug)
    user = request.user
    indicators = list(selectors.indicator_summary(region))
    for indicator in indicators:
        indicator.period_label = (
            periods.label(indicator.latest_period) if indicator.latest_period else ""
        )
    context = region_context(request, region, "evaluation")
    context.update(
        {
            "model": selectors.model_of(region),
            "indicators": indicators,
            "surveys": list(selectors.region_surveys(region)),
            "reports": list(selectors.released_reports(region)),
            "can_edit_model": user.has_perm("evaluation.edit_impact_model", region),
            "can_edit_indicators": user.has_perm("evaluation.edit_indicators", region),
        }
    )
    return render(request, "evaluation/region.html", context)


urlpatterns = [
    path("evaluation/", home, name="home"),
    path("evaluation/region/<slug:slug>/", region, name="region"),
]
