"""Who may do what in a pilot region.

The funder's staff see and manage every region; the responsible programme expert and the
region's process coach see their own regions only (another region's coach gets 404). The
evaluator reads every region (the scientific evaluation covers them all) but nothing internal.
Members act by their role in the region: coordinators and region editors edit the concept and
the structures; read-only members read. Internal notes of the coach are for the coach and the
funder's side only.
"""

import rules
from django.db.models import Q

from inklusiv.accounts.models import Role
from inklusiv.accounts.rules import is_evaluator, is_funder_staff

from .models import RegionMember
from .models.region import EDITING_ROLES


def region_of(obj):
    """The region an object belongs to (a region is its own)."""
    return getattr(obj, "region", obj)


def roles_in(user, region) -> frozenset[str]:
    """The user's roles in the region, cached on the user for the request."""
    if not (user and user.is_authenticated and user.is_active and region):
        return frozenset()
    cache = user.__dict__.setdefault("_pilot_roles", {})
    if region.pk not in cache:
        cache[region.pk] = frozenset(
            RegionMember.objects.filter(region=region, user=user).values_list("role", flat=True)
        )
    return cache[region.pk]


@rules.predicate
def is_region_expert(user, obj):
    region = region_of(obj)
    return bool(user and user.is_authenticated and region and region.expert_id == user.pk)


@rules.predicate
def is_region_coach(user, obj):
    region = region_of(obj)
    return bool(user and user.is_authenticated and region and region.coach_id == user.pk)


@rules.predicate
def is_region_member(user, obj):
    return bool(roles_in(user, region_of(obj)))


@rules.predicate
def is_region_editor(user, obj):
    return bool(roles_in(user, region_of(obj)) & EDITING_ROLES)


@rules.predicate
def is_region_coordinator(user, obj):
    return RegionMember.Role.COORDINATOR in roles_in(user, region_of(obj))


@rules.predicate
def is_steering_member(user, obj):
    return RegionMember.Role.STEERING in roles_in(user, region_of(obj))


@rules.predicate
def has_any_region(user):
    """Whether the person has a part in at least one region (cached for the request)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if "_has_pilot_region" not in user.__dict__:
        from .models import PilotRegion

        # One query: only experts and coaches can be responsible for a region.
        responsible = user.has_role(Role.PROGRAMME_EXPERT) or user.has_role(Role.PROCESS_COACH)
        if responsible:
            user._has_pilot_region = PilotRegion.objects.filter(
                Q(expert=user) | Q(coach=user) | Q(members__user=user)
            ).exists()
        else:
            user._has_pilot_region = RegionMember.objects.filter(user=user).exists()
    return user._has_pilot_region


funder_side = is_funder_staff | is_region_expert
accompanying = funder_side | is_region_coach

# Start a region from a selected application; the overview of all regions' amounts.
rules.add_perm("pilots.start_region", is_funder_staff)
rules.add_perm("pilots.view_programme", is_funder_staff)
# The list of regions in the navigation: whoever sees at least one region.
rules.add_perm("pilots.list_regions", is_funder_staff | is_evaluator | has_any_region)
# Read the region's internal pages (a non-member with no part in the region gets 404).
rules.add_perm("pilots.view_region", accompanying | is_evaluator | is_region_member)
# The coach's internal notes and the funding details: the coach and the funder's side only.
rules.add_perm("pilots.view_internal", accompanying)
# Funding, phase, people and the coach of the region.
rules.add_perm("pilots.manage_region", funder_side)
# Structures, documents and the network: the accompanying side and the region's editors.
rules.add_perm("pilots.edit_structures", accompanying | is_region_editor)
# Goals, measures, milestones and their progress.
rules.add_perm("pilots.edit_concept", accompanying | is_region_editor)
# The steering group's approval is recorded by its members or the coordinator.
rules.add_perm(
    "pilots.approve_concept_steering", is_funder_staff | is_steering_member | is_region_coordinator
)
rules.add_perm("pilots.approve_concept", funder_side)
# The coach's session log and the strengths/weaknesses profile.
rules.add_perm("pilots.log_session", is_funder_staff | is_region_coach)
rules.add_perm("pilots.edit_profile", accompanying | is_region_coordinator)
# Tasks: the accompanying side and the coordinator create and change them.
rules.add_perm("pilots.manage_tasks", accompanying | is_region_coordinator)
# The yearly report: written by the region, read and acknowledged by the expert.
rules.add_perm("pilots.write_report", is_funder_staff | is_region_editor)
rules.add_perm("pilots.review_report", funder_side)
