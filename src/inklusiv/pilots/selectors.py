"""Reads of the pilot regions that pages (and later the API) share."""

from django.db.models import Exists, OuterRef, Q

from inklusiv.accounts.models import Role
from inklusiv.applications.models import Application, Status

from .models import PilotRegion, RegionMember


def regions_for(user):
    """The regions `user` may see: all for the funder's staff and the evaluator; their own for
    experts, coaches and members."""
    regions = PilotRegion.objects.select_related("organisation", "expert", "coach")
    if not (user and user.is_authenticated and user.is_active):
        return regions.none()
    if user.has_role(Role.FUNDER_STAFF) or user.has_role(Role.EVALUATOR):
        return regions
    membership = RegionMember.objects.filter(region=OuterRef("pk"), user=user)
    return regions.filter(Q(expert=user) | Q(coach=user) | Q(Exists(membership)))


def startable_applications():
    """Selected applications that are not yet pilot regions, for staff to start."""
    return (
        Application.objects.filter(status=Status.SELECTED, pilot_region__isnull=True)
        .select_related("organisation", "social_space", "call")
        .order_by("social_space__name")
    )


def members_of(region):
    return (
        RegionMember.objects.filter(region=region)
        .select_related("user")
        .order_by("role", "user__name")
    )
