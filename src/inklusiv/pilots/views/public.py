"""The public pages of the pilot regions: an overview of all regions and each region's profile.

No login. They show what the programme publishes anyway: who runs the region and how to reach
them, where it lies, what it wants to achieve and how far it has come, the network of the
actors who agreed to be shown, and the funding the funder granted. Nothing of the internal
work appears here (the coach's log, tasks, reports, documents, notes, costs of measures,
actors who did not agree).
"""

from django.db.models import F
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_GET

from inklusiv.core.pagination import paginate

from ..mapsvg import germany_map
from ..models import Concept, PilotRegion
from ..network import snapshot
from ..progress import region_progress, regions_progress

# Only these fields of a region are read for the public pages.
# The concept goes public once its steering group has decided it.
PUBLISHED = (Concept.Status.STEERING_APPROVED, Concept.Status.APPROVED)

PUBLIC_FIELDS = (
    "pk",
    "name",
    "slug",
    "space_kind",
    "state",
    "population",
    "latitude",
    "longitude",
    "contact_name",
    "contact_email",
    "contact_phone",
    "funding_start",
    "funding_end",
    "approved_amount",
    "phase",
    "summary",
    "summary_easy",
    "organisation__name",
)


def _public_concept(progress) -> list[dict]:
    """Only titles, statuses and progress of the concept: fields → goals → measures (nothing
    of who is responsible, costs or descriptions)."""
    fields = []
    for field_node in progress.fields:
        goals = []
        for goal_node in field_node.children:
            measures = [
                {
                    "title": measure_node.obj.title,
                    "status": measure_node.obj.get_status_display(),
                    "progress": measure_node.progress,
                }
                for measure_node in goal_node.children
            ]
            goals.append(
                {
                    "title": goal_node.obj.title,
                    "step": goal_node.obj.step,
                    "progress": goal_node.progress,
                    "measures": measures,
                }
            )
        fields.append(
            {"name": field_node.obj.name, "progress": field_node.progress, "goals": goals}
        )
    return fields


@require_GET
def public_list(request):
    regions = (
        PilotRegion.objects.select_related("organisation")
        .only(*PUBLIC_FIELDS)
        .annotate(concept_status=F("concept__status"))
    )
    page = paginate(request, regions.order_by("name"))
    progress = regions_progress(list(page.object_list))
    # A concept is public once its steering group has decided it: a draft has no progress yet.
    rows = [
        (region, progress.get(region.pk) if region.concept_status in PUBLISHED else None)
        for region in page.object_list
    ]
    return render(request, "pilots/public/list.html", {"page_obj": page, "rows": rows})


@require_GET
def public_region(request, slug):
    region = get_object_or_404(
        PilotRegion.objects.select_related("organisation").only(*PUBLIC_FIELDS), slug=slug
    )
    progress = region_progress(region)
    published = Concept.objects.filter(region=region, status__in=PUBLISHED).exists()
    # Only the actors who agreed to be shown, and only the ties between them.
    network = snapshot(region, public_only=True)
    return render(
        request,
        "pilots/public/region.html",
        {
            "region": region,
            "map_svg": germany_map(
                name=region.name,
                state=region.get_state_display(),
                latitude=region.latitude,
                longitude=region.longitude,
            ),
            "overall": progress.overall if published else None,
            "concept": _public_concept(progress) if published else [],
            "network": network,
            "network_rows": network.rows,
        },
    )


urlpatterns = [
    path("regionen/", public_list, name="public_list"),
    path("regionen/<slug:slug>/", public_region, name="public_region"),
]
