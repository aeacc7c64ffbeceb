"""The inclusion concept: its services, the approval by the steering group and the funder,
versions after approval with their reasons, the comparison of two versions, the pages and
who may see and change them."""


import pytest
from django.urls import reverse

from .concept_fixtures import build_concept

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"pilots:{name}", args=[region.slug, *args])


def test_smoke_pages(client, world):
    fields, goals, measures = build_concept(world)
    client.force_login(world.coordinator)
    for name, args in [
        ("concept", []),
        ("field_add", []),
        ("field_edit", [fields[0].pk]),
        ("goal_add", [fields[0].pk]),
        ("goal_edit", [goals[0].pk]),
        ("measure_add", [goals[0].pk]),
        ("measure", [measures[0].pk]),
        ("measure_progress", [measures[0].pk]),
        ("milestone_add", [measures[0].pk]),
        ("milestone_edit", [measures[0].milestones.first().pk]),
        ("concept_versions", []),
        ("timeline", []),
    ]:
        response = client.get(url(name, world.region, *args))
        assert response.status_code == 200, name
