"""What every page of a region starts with: load the region and check the reader's right.

Whoever may not see the region gets 404, so nothing tells them it exists; whoever sees it but
may not do the page's action gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import sections
from ..models import PilotRegion


def region_for(request, slug: str, perm: str = "pilots.view_region") -> PilotRegion:
    region = get_object_or_404(
        PilotRegion.objects.select_related("organisation", "expert", "coach"), slug=slug
    )
    if not request.user.has_perm("pilots.view_region", region):
        raise Http404
    if perm != "pilots.view_region" and not request.user.has_perm(perm, region):
        raise PermissionDenied
    return region


def region_context(request, region: PilotRegion, section: str) -> dict:
    """The context every region page's layout needs (its sub-navigation and what it may show)."""
    user = request.user
    return {
        "region": region,
        "section": section,
        "can_manage": user.has_perm("pilots.manage_region", region),
        "can_view_internal": user.has_perm("pilots.view_internal", region),
        "can_edit_structures": user.has_perm("pilots.edit_structures", region),
        "can_edit_concept": user.has_perm("pilots.edit_concept", region),
        "more_sections": sections.links(region),
    }
