"""The public pages of the pilot regions and the structures pages pass axe (WCAG 2.2 AA)."""

import pytest
from django.urls import reverse

from inklusiv.pilots.models import Group, GroupMeeting, RegionDocument
from inklusiv.pilots.services import structures
from tests.factories import berlin
from tests.pilots.conftest import world  # noqa: F401 - the region and its people
from tests.pilots.test_public import profile  # noqa: F401 - a region with everything filled
from tests.pilots.test_structures import actors, pdf

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_list_and_profile_pass_axe_anonymously(page, live_server, profile):  # noqa: F811
    page.goto(live_server.url + reverse("pilots:public_list"))
    assert page.get_by_role("link", name=profile.name).is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=profile.name).click()
    page.wait_for_url(f"**/regionen/{profile.slug}/")
    # The map is a titled figure naming the place and its state.
    assert page.get_by_role("img", name="Lage von Neuruppin in Brandenburg").count() == 1
    assert page.locator('section[lang="de"] h2').inner_text() == "In Leichter Sprache"
    assert axe_violations(page) == []
    # Printing leaves the navigation out.
    page.emulate_media(media="print")
    assert not page.locator("nav.breadcrumbs").is_visible()


def test_structures_pages_pass_axe_for_the_coordinator(page, context, live_server, world):  # noqa: F811
    region = world.region
    steering = structures.create_group(
        actor=world.coordinator,
        region=region,
        kind=Group.Kind.STEERING,
        name="Steuerungsgruppe Neuruppin",
        spokesperson="Bürgermeisterin Weber",
        members=actors(region),
    )
    structures.record_meeting(
        actor=world.coordinator,
        group=steering,
        held_on=berlin(2017, 4, 5, 17, 0),
        place="Rathaus",
        minutes="Ziele besprochen.",
        decisions="Erste Zielgruppe: Jugendliche.",
    )
    structures.create_group(
        actor=world.coordinator,
        region=region,
        kind=Group.Kind.WORKING,
        name="AG Barrierefreiheit",
        topic="Barrierefreie Innenstadt",
        members=actors(region)[:2],
    )
    document = structures.upload_document(
        actor=world.coordinator,
        region=region,
        kind=RegionDocument.Kind.RULES_OF_PROCEDURE,
        title="Geschäftsordnung",
        upload=pdf("Geschaeftsordnung.pdf"),
    )
    meeting = GroupMeeting.objects.get(group=steering)
    log_in(context, live_server, world.coordinator)
    for name, args in [
        ("structures", []),
        ("group", [steering.pk]),
        ("group_add", []),
        ("group_edit", [steering.pk]),
        ("meeting_add", [steering.pk]),
        ("meeting_edit", [meeting.pk]),
        ("document_upload", []),
        ("document_delete", [document.pk]),
    ]:
        page.goto(live_server.url + reverse(f"pilots:{name}", args=[region.slug, *args]))
        assert page.locator("h1").count() == 1, name
        assert axe_violations(page) == [], name
    # A refused form keeps its error summary accessible too.
    page.goto(live_server.url + reverse("pilots:group_add", args=[region.slug]))
    page.get_by_label("Steuerungsgruppe").check()
    page.get_by_label("Name", exact=True).fill("Zweite Steuerungsgruppe")
    page.get_by_role("button", name="Gruppe speichern").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []
