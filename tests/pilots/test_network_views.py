"""The network page and its forms: who sees what, who may change the network, the date and
sort parameters, and a fixed number of queries whatever the network's size."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from inklusiv.pilots.models import Actor, Sector, Tie

from .network_fixtures import START, actor, clear_network, many_actors, tie

SVG = "{http://www.w3.org/2000/svg}"


def url(region, name="network", *args):
    return reverse(f"pilots:{name}", args=[region.slug, *args])


def svg_of(response) -> ET.Element:
    html = response.content.decode()
    return ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))


@pytest.fixture
def network(world):
    region = world.region
    clear_network(region)
    rathaus = actor(region, "Rathaus", Sector.ADMINISTRATION)
    verein = actor(region, "Verein", Sector.CIVIL_SOCIETY)
    later = actor(region, "Spätere Firma", Sector.BUSINESS, joined_on=datetime.date(2018, 3, 1))
    tie(rathaus, verein)
    tie(later, verein, began_on=datetime.date(2018, 3, 1))
    return region


@pytest.mark.parametrize("person", ["coordinator", "editor", "coach", "expert", "staff"])
def test_editors_see_the_network_with_links_to_change_it(client, world, network, person):
    client.force_login(getattr(world, person))
    response = client.get(url(network), {"am": "2018-06-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert url(network, "actor_add") in html
    assert url(network, "tie_add") in html
    assert 'data-actor="' in html


@pytest.mark.parametrize("person", ["reader", "steering", "evaluator"])
def test_readers_see_the_network_without_links_to_change_it(client, world, network, person):
    client.force_login(getattr(world, person))
    response = client.get(url(network), {"am": "2018-06-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert url(network, "actor_add") not in html
    assert "Rathaus" in html
    reader_add = client.get(url(network, "actor_add"))
    assert reader_add.status_code == 403


@pytest.mark.parametrize("person", ["other_coach", "outsider", "applicant"])
def test_people_without_a_part_in_the_region_get_404(client, world, network, person):
    client.force_login(getattr(world, person))
    some = Actor.objects.filter(region=network).first()
    some_tie = Tie.objects.filter(region=network).first()
    for target in [
        url(network),
        url(network, "actor_add"),
        url(network, "actor_edit", some.pk),
        url(network, "tie_add"),
        url(network, "tie_edit", some_tie.pk),
    ]:
        assert client.get(target).status_code == 404, target


def test_anonymous_people_are_sent_to_the_login(client, network):
    response = client.get(url(network))
    assert response.status_code == 302
    assert "login" in response["Location"] or "anmelden" in response["Location"]


def test_objects_of_another_region_are_not_found_through_this_one(client, world, network):
    from .conftest import make_region

    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    theirs = Actor.objects.filter(region=other).first()
    client.force_login(world.coach)
    assert client.get(url(network, "actor_edit", theirs.pk)).status_code == 404


def test_the_page_shows_the_chosen_date_and_compares_with_the_start(client, world, network):
    client.force_login(world.coordinator)
    response = client.get(url(network), {"am": "2017-06-01"})
    html = response.content.decode()
    root = svg_of(response)
    actors = {g.get("data-actor") for g in root.iter(f"{SVG}g") if g.get("data-actor")}
    ties = [line for line in root.iter(f"{SVG}line") if line.get("data-tie")]
    assert len(actors) == 2 and len(ties) == 1
    assert "Spätere Firma" not in html
    assert 'id="network-compare"' in html
    later = client.get(url(network), {"am": "2018-06-01"})
    assert "Spätere Firma" in later.content.decode()
    # The compare line: two actors at the start, three on the chosen day.
    compare = re.search(r'id="network-compare">(.*?)</p>', later.content.decode(), re.S).group(1)
    assert "2" in compare and "3" in compare and "01.03.2017" in compare


def test_the_table_rows_match_the_map_on_the_page(client, world, network):
    client.force_login(world.reader)
    response = client.get(url(network), {"am": "2018-06-01"})
    html = response.content.decode()
    table = html[html.index('id="network-table"') :]
    rows = set(re.findall(r'<tr class="kern-table__row" data-actor="(\d+)"', table))
    root = svg_of(response)
    nodes = {g.get("data-actor") for g in root.iter(f"{SVG}g") if g.get("data-actor")}
    assert rows == nodes and len(rows) == 3


def test_the_table_sorts_by_a_column_with_aria_sort(client, world, network):
    client.force_login(world.reader)
    response = client.get(url(network), {"am": "2018-06-01", "sort": "-ties"})
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    names = re.findall(r'<th scope="row" class="kern-table__header">([^<]+)</th>', html)
    assert names[0] == "Verein"
    # The link of the sorted column turns its order round.
    assert "sort=ties" in html


def test_a_wrong_date_is_explained_and_today_is_shown(client, world, network):
    client.force_login(world.reader)
    response = client.get(url(network), {"am": "31.02.2018"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "31.02.2018" in html  # what was typed stays in the field


def test_an_editor_adds_an_actor_and_a_tie_through_the_forms(client, world, network):
    client.force_login(world.editor)
    response = client.post(
        url(network, "actor_add"),
        {
            "name": "Behindertenbeirat",
            "kind": "organisation",
            "sector": "self_advocacy",
            "joined_on": "2018-01-15",
            "public": "on",
        },
    )
    assert response.status_code == 302
    added = Actor.objects.get(region=network, name="Behindertenbeirat")
    assert added.public and added.sector == Sector.SELF_ADVOCACY
    rathaus = Actor.objects.get(region=network, name="Rathaus")
    response = client.post(
        url(network, "tie_add"),
        {
            "source": added.pk,
            "target": rathaus.pk,
            "kind": "cooperation_agreement",
            "began_on": "2018-02-01",
        },
    )
    assert response.status_code == 302
    assert Tie.objects.filter(source=added, target=rathaus).exists()


def test_a_refused_change_keeps_what_was_typed(client, world, network):
    client.force_login(world.editor)
    response = client.post(
        url(network, "actor_add"),
        {
            "name": "rathaus",
            "kind": "organisation",
            "sector": "business",
            "joined_on": "2018-01-15",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'value="rathaus"' in html
    verein = Actor.objects.get(region=network, name="Verein")
    rathaus = Actor.objects.get(region=network, name="Rathaus")
    response = client.post(
        url(network, "tie_add"),
        {"source": verein.pk, "target": rathaus.pk, "kind": "informal", "began_on": "2016-01-01"},
    )
    assert response.status_code == 400
    assert "01.03.2017" in response.content.decode()


def test_an_editor_ends_an_actor_and_a_tie(client, world, network):
    client.force_login(world.coordinator)
    verein = Actor.objects.get(region=network, name="Verein")
    page = client.get(url(network, "actor_edit", verein.pk))
    assert page.status_code == 200
    a_tie = Tie.objects.filter(region=network).first()
    assert url(network, "tie_edit", a_tie.pk) in page.content.decode()
    response = client.post(
        url(network, "tie_edit", a_tie.pk),
        {"kind": a_tie.kind, "began_on": a_tie.began_on.isoformat(), "ended_on": "2018-12-31"},
    )
    assert response.status_code == 302
    a_tie.refresh_from_db()
    assert a_tie.ended_on == datetime.date(2018, 12, 31)
    response = client.post(
        url(network, "actor_edit", verein.pk),
        {
            "name": "Verein",
            "kind": "organisation",
            "sector": "civil_society",
            "joined_on": START.isoformat(),
            "left_on": "2019-01-31",
        },
    )
    assert response.status_code == 302
    verein.refresh_from_db()
    assert verein.left_on == datetime.date(2019, 1, 31)


def test_the_page_keeps_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    region = world.region
    client.force_login(world.coordinator)
    many_actors(region, 10)
    with django_assert_max_num_queries(40) as small:
        client.get(url(region), {"am": "2018-01-01", "sort": "-ties"})
    many_actors_count = len(small.captured_queries)
    Actor.objects.filter(region=region, name__startswith="Akteur").delete()
    many_actors(region, 60)
    with django_assert_max_num_queries(many_actors_count):
        response = client.get(url(region), {"am": "2018-01-01", "sort": "-ties"})
    assert response.content.decode().count('<tr class="kern-table__row" data-actor=') >= 60
