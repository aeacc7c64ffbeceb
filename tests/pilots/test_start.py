"""Starting a pilot region from a selected application."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Actor, Phase, Sector
from inklusiv.pilots.services import regions

from ..factories import ApplicationFactory, complete


def test_start_carries_over_organisation_space_partners_and_contact(world):
    region = world.region
    assert region.name == "Neuruppin"
    assert region.state == "BB"
    assert region.contact_name == "Katrin Lehmann"
    assert region.phase == Phase.PLANNING
    actors = {actor.name: actor for actor in Actor.objects.filter(region=region)}
    assert actors["Stadt Neuruppin"].sector == Sector.ADMINISTRATION
    assert region.organisation.name in actors
    assert AuditEntry.objects.filter(
        action="pilot_region_started", object_id=str(region.pk)
    ).exists()


def test_only_a_selected_application_becomes_a_region(world):
    application = complete(ApplicationFactory())
    with pytest.raises(DomainError):
        regions.start_region(
            actor=world.staff,
            application=application,
            funding_start=datetime.date(2017, 3, 1),
            funding_end=datetime.date(2019, 2, 28),
            approved_amount=Decimal("1000"),
            expert=world.expert,
        )


def test_an_application_becomes_a_region_only_once(world):
    with pytest.raises(DomainError):
        regions.start_region(
            actor=world.staff,
            application=world.region.application,
            funding_start=datetime.date(2017, 3, 1),
            funding_end=datetime.date(2019, 2, 28),
            approved_amount=Decimal("1000"),
            expert=world.expert,
        )


def test_nobody_but_staff_starts_a_region(world):
    for person in (world.expert, world.coach, world.coordinator):
        with pytest.raises(PermissionDenied):
            regions.start_region(
                actor=person,
                application=world.region.application,
                funding_start=datetime.date(2017, 3, 1),
                funding_end=datetime.date(2019, 2, 28),
                approved_amount=Decimal("1000"),
                expert=world.expert,
            )


def test_phase_moves_by_the_transition_table_with_a_reason(world):
    with pytest.raises(DomainError):
        regions.change_phase(
            actor=world.expert, region=world.region, new_phase=Phase.CONSOLIDATION, reason="x"
        )
    with pytest.raises(DomainError):
        regions.change_phase(
            actor=world.expert, region=world.region, new_phase=Phase.IMPLEMENTATION, reason=" "
        )
    region = regions.change_phase(
        actor=world.expert,
        region=world.region,
        new_phase=Phase.IMPLEMENTATION,
        reason="Konzept beschlossen",
    )
    assert region.phase == Phase.IMPLEMENTATION
    assert region.phase_changes.get().reason == "Konzept beschlossen"
    with pytest.raises(PermissionDenied):
        regions.change_phase(
            actor=world.coach, region=region, new_phase=Phase.CONSOLIDATION, reason="x"
        )


def test_permissions_follow_the_region(world):
    region = world.region
    assert world.coach.has_perm("pilots.view_region", region)
    assert not world.other_coach.has_perm("pilots.view_region", region)
    assert not world.applicant.has_perm("pilots.view_region", region)
    assert world.reader.has_perm("pilots.view_region", region)
    assert not world.reader.has_perm("pilots.edit_concept", region)
    assert world.editor.has_perm("pilots.edit_concept", region)
    assert not world.coordinator.has_perm("pilots.view_internal", region)
    assert world.evaluator.has_perm("pilots.view_region", region)
    assert not world.evaluator.has_perm("pilots.view_internal", region)


def test_a_regions_address_spells_umlauts_as_people_type_them(world):
    from .conftest import make_region

    region = make_region(world.staff, world.expert, world.coach, name="Schwäbisch Gmünd")
    assert region.slug == "schwaebisch-gmuend"
    again = make_region(world.staff, world.expert, world.coach, name="Schwäbisch Gmünd")
    assert again.slug == "schwaebisch-gmuend-2"
