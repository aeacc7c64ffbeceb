"""The public pages of the pilot regions: anyone reads the overview and each profile, which
show who, where, the goals and measures with their progress and the public part of the
network, and never anything internal."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from inklusiv.pilots import mapsvg
from inklusiv.pilots.models import Actor, Group, Measure, RegionDocument, Sector
from inklusiv.pilots.services import concept, network, regions, structures, support

from .conftest import make_region
from .test_structures import pdf

START = datetime.date(2017, 3, 1)

SECRETS = (
    "Verdeckter Förderverein",  # an actor who did not agree to be public
    "vertraulich@verein.example",  # a public actor's contact e-mail
    "Notiz nur für die Prozessbegleitung",  # the coach's internal note
    "Themen der Beratung",  # the coach's session log
    "Aufgabe nur intern",  # a task
    "9.876",  # a measure's cost
    "Kooperationsvereinbarung intern",  # a document
    "Protokoll der Steuerungsgruppe",  # minutes
    "Antworten vor Ort",  # the on-site meeting's answers
)


@pytest.fixture
def profile(world):
    region = world.region
    coach = world.coach
    regions.update_region(
        actor=world.staff,
        region=region,
        data={
            "summary": "Neuruppin macht die Innenstadt barrierefrei.",
            "summary_easy": "In Neuruppin sollen alle Menschen gut leben.",
        },
    )
    region.onsite_minutes = "Antworten vor Ort"
    region.save(update_fields=["onsite_minutes"])
    shown = network.add_actor(
        actor=coach,
        region=region,
        name="Lebenshilfe Neuruppin",
        kind=Actor.Kind.ORGANISATION,
        sector=Sector.SELF_ADVOCACY,
        joined_on=START,
        contact_email="vertraulich@verein.example",
        public=True,
    )
    also_shown = network.add_actor(
        actor=coach,
        region=region,
        name="Stadtbibliothek",
        kind=Actor.Kind.ORGANISATION,
        sector=Sector.ADMINISTRATION,
        joined_on=START,
        public=True,
    )
    hidden = network.add_actor(
        actor=coach,
        region=region,
        name="Verdeckter Förderverein",
        kind=Actor.Kind.ORGANISATION,
        sector=Sector.CIVIL_SOCIETY,
        joined_on=START,
    )
    network.add_tie(
        actor=coach, region=region, source=shown, target=also_shown, kind="informal", began_on=START
    )
    network.add_tie(
        actor=coach, region=region, source=shown, target=hidden, kind="informal", began_on=START
    )
    field = concept.add_field(actor=coach, region=region, name="Mobilität")
    goal = concept.add_goal(actor=coach, field=field, title="Barrierefreier Busverkehr", step=2)
    concept.add_measure(
        actor=coach,
        goal=goal,
        title="Haltestellen umbauen",
        starts_on=START,
        ends_on=datetime.date(2018, 12, 31),
        status=Measure.Status.RUNNING,
        progress=40,
        cost=Decimal("9876.00"),
    )
    # The concept goes public once the steering group has decided it.
    concept.approve_by_steering(actor=world.coordinator, concept=region.concept)
    support.log_session(
        actor=coach,
        region=region,
        held_on=datetime.date(2017, 4, 3),
        format="on_site",
        topics="Themen der Beratung",
        internal_note="Notiz nur für die Prozessbegleitung",
    )
    support.create_task(
        actor=coach,
        region=region,
        title="Aufgabe nur intern",
        owner=world.coordinator,
        due_on=datetime.date(2017, 5, 1),
    )
    steering = structures.create_group(
        actor=coach, region=region, kind=Group.Kind.STEERING, name="Steuerungsgruppe"
    )
    structures.record_meeting(
        actor=coach,
        group=steering,
        held_on=datetime.datetime(2017, 4, 5, 15, tzinfo=datetime.UTC),
        minutes="Protokoll der Steuerungsgruppe",
    )
    structures.upload_document(
        actor=coach,
        region=region,
        kind=RegionDocument.Kind.COOPERATION_AGREEMENT,
        title="Kooperationsvereinbarung intern",
        upload=pdf(),
    )
    return region


def test_anyone_reads_the_list_of_regions(world, client):
    response = client.get(reverse("pilots:public_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Neuruppin" in page
    assert "Brandenburg" in page
    assert reverse("pilots:public_region", args=[world.region.slug]) in page


def test_anyone_reads_the_profile(profile, client):
    response = client.get(reverse("pilots:public_region", args=[profile.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        profile.organisation.name,
        profile.contact_name,
        profile.contact_email,
        "Neuruppin macht die Innenstadt barrierefrei.",
        "In Neuruppin sollen alle Menschen gut leben.",
        "Mobilität",
        "Barrierefreier Busverkehr",
        "Haltestellen umbauen",
        "40 %",
        "Lebenshilfe Neuruppin",
        "Stadtbibliothek",
        "480.000",  # the approved amount is published by the funder
    ):
        assert text in page, text
    easy = re.search(r'<section[^>]*lang="de"[^>]*>(.*?)</section>', page, re.S)
    assert easy and "In Leichter Sprache" in easy.group(1)
    assert "In Neuruppin sollen alle Menschen gut leben." in easy.group(1)


def test_the_profile_says_when_there_is_no_easy_read_text(world, client):
    page = client.get(reverse("pilots:public_region", args=[world.region.slug])).content.decode()
    assert "In Leichter Sprache" in page
    assert "noch keinen Text in Leichter Sprache" in page


def test_nothing_internal_and_no_actor_without_consent_appears(profile, client):
    for address in (
        reverse("pilots:public_list"),
        reverse("pilots:public_region", args=[profile.slug]),
    ):
        page = client.get(address).content.decode()
        for secret in SECRETS:
            assert secret not in page, (address, secret)
    # The actors carried over from the application did not agree either: the network shows
    # none of them (the provider organisation is named as such under "who").
    page = client.get(reverse("pilots:public_region", args=[profile.slug])).content.decode()
    section = re.search(r'<section[^>]*aria-labelledby="network-heading".*?</section>', page, re.S)
    shown = section.group(0)
    assert "Lebenshilfe Neuruppin" in shown and "Stadtbibliothek" in shown
    for actor in Actor.objects.filter(region=profile, public=False):
        assert actor.name not in shown, actor.name


def test_the_map_marks_the_region(world, client):
    region = world.region
    assert region.latitude is not None
    page = client.get(reverse("pilots:public_region", args=[region.slug])).content.decode()
    svg = re.search(r'<svg class="figure-svg region-map".*?</svg>', page, re.S).group(0)
    assert 'role="img"' in svg
    title = re.search(r"<title[^>]*>(.*?)</title>", svg).group(1)
    assert "Neuruppin" in title and "Brandenburg" in title
    x, y = mapsvg.project(region.latitude, region.longitude)
    assert f'cx="{x:.1f}" cy="{y:.1f}"' in svg
    assert ">Neuruppin</text>" in svg
    # No third-party tiles: nothing is loaded from elsewhere.
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_dot_cloud_is_computed_once_and_is_small():
    first = mapsvg._dots()
    assert mapsvg._dots() is first
    assert 1000 < first.count("M") < 5000


def test_a_region_without_coordinates_gets_a_map_without_marker():
    svg = mapsvg.germany_map(name="Irgendwo", state="Bayern", latitude=None, longitude=None)
    assert "<circle" not in svg
    assert "Irgendwo" in svg


def test_unknown_region_is_404(db, client):
    assert client.get(reverse("pilots:public_region", args=["gibt-es-nicht"])).status_code == 404


def test_the_list_keeps_its_queries_with_6_and_with_60_regions(
    world, client, django_assert_max_num_queries
):
    for number in range(5):
        make_region(world.staff, world.expert, world.coach, name=f"Region {number}")
    client.get(reverse("pilots:public_list"))
    with django_assert_max_num_queries(20) as six:
        assert client.get(reverse("pilots:public_list")).status_code == 200
    for number in range(5, 59):
        make_region(world.staff, world.expert, world.coach, name=f"Region {number}")
    with django_assert_max_num_queries(len(six.captured_queries)):
        response = client.get(reverse("pilots:public_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 60


def test_a_draft_concept_is_not_public(world, client):
    field = concept.add_field(actor=world.coach, region=world.region, name="Wohnen")
    concept.add_goal(actor=world.coach, field=field, title="Wohnungen ohne Stufen", step=2)
    page = client.get(reverse("pilots:public_region", args=[world.region.slug])).content.decode()
    assert "Wohnungen ohne Stufen" not in page
    assert "Die Region erarbeitet ihr Inklusionskonzept noch." in page
