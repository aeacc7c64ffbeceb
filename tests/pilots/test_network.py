"""The network on a date: one snapshot feeds the map and its table, which agree; the metrics of
known small networks; the public view; and the services that change actors and ties."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from inklusiv.core.audit import present
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Actor, Sector, Tie
from inklusiv.pilots.network import snapshot, sort_rows
from inklusiv.pilots.services import network as services

from .conftest import make_region
from .network_fixtures import START, actor, clear_network, tie

SVG = "{http://www.w3.org/2000/svg}"
LATER = datetime.date(2018, 6, 1)


def parse(svg: str):
    """The map's actors (pk → label) and ties (pk → (source, target)) from its SVG."""
    root = ET.fromstring(str(svg))
    nodes = {
        int(group.get("data-actor")): group.find(f"{SVG}text").text
        for group in root.iter(f"{SVG}g")
        if group.get("data-actor")
    }
    edges = {
        int(line.get("data-tie")): (int(line.get("data-source")), int(line.get("data-target")))
        for line in root.iter(f"{SVG}line")
        if line.get("data-tie")
    }
    return root, nodes, edges


@pytest.fixture
def small(world):
    """Rathaus – Lebenshilfe – Uni in a line, a second tie Rathaus–Lebenshilfe, a firm alone,
    and a self-advocacy group that joins a year later with a tie to the Lebenshilfe."""
    region = world.region
    clear_network(region)
    people = {
        "rathaus": actor(region, "Rathaus", Sector.ADMINISTRATION),
        "lebenshilfe": actor(region, "Lebenshilfe", Sector.CIVIL_SOCIETY),
        "uni": actor(region, "Hochschule", Sector.SCIENCE),
        "firma": actor(region, "Firma Ohne Kontakt", Sector.BUSINESS, public=False),
        "selbst": actor(region, "Selbstvertretung", Sector.SELF_ADVOCACY, joined_on=LATER),
    }
    ties = {
        "r-l": tie(people["rathaus"], people["lebenshilfe"], kind=Tie.Kind.COOPERATION_AGREEMENT),
        "r-l2": tie(people["lebenshilfe"], people["rathaus"], kind=Tie.Kind.WORKING_GROUP),
        "l-u": tie(people["lebenshilfe"], people["uni"]),
        "s-l": tie(people["selbst"], people["lebenshilfe"], began_on=LATER),
    }
    return region, people, ties


def test_map_and_table_come_from_one_snapshot_and_agree(small):
    region, people, ties = small
    shot = snapshot(region, on=datetime.date(2019, 1, 1))
    _root, nodes, edges = parse(shot.svg)
    assert set(nodes) == {row.actor.pk for row in shot.rows}
    assert {pk: label for pk, label in nodes.items()} == {
        row.actor.pk: row.name for row in shot.rows
    }
    # One line per tie; each tie counts once at both its ends in the table.
    assert set(edges) == {t.pk for t in ties.values()}
    assert len(edges) == shot.metrics.ties == sum(row.ties for row in shot.rows) // 2
    by_pk = {row.actor.pk: row for row in shot.rows}
    for source, target in edges.values():
        assert by_pk[target].name in by_pk[source].neighbours
        assert by_pk[source].name in by_pk[target].neighbours
    lebenshilfe = by_pk[people["lebenshilfe"].pk]
    assert lebenshilfe.ties == 4
    assert lebenshilfe.neighbours == ["Hochschule", "Rathaus", "Selbstvertretung"]


def test_the_map_at_a_past_date_leaves_out_later_actors_and_ties(small):
    region, people, ties = small
    shot = snapshot(region, on=datetime.date(2017, 6, 1))
    _root, nodes, edges = parse(shot.svg)
    assert people["selbst"].pk not in nodes
    assert ties["s-l"].pk not in edges
    assert set(edges) == {ties["r-l"].pk, ties["r-l2"].pk, ties["l-u"].pk}
    assert [row.name for row in shot.rows] == [
        "Firma Ohne Kontakt",
        "Hochschule",
        "Lebenshilfe",
        "Rathaus",
    ]
    # Before the start nothing is there; the day before a tie begins it is not drawn yet.
    assert snapshot(region, on=START - datetime.timedelta(days=1)).metrics.actors == 0
    day_before = snapshot(region, on=LATER - datetime.timedelta(days=1))
    assert ties["s-l"].pk not in parse(day_before.svg)[2]
    assert ties["s-l"].pk in parse(snapshot(region, on=LATER).svg)[2]


def test_ended_ties_and_actors_who_left_disappear_from_that_day(small):
    region, people, ties = small
    Tie.objects.filter(pk=ties["l-u"].pk).update(ended_on=datetime.date(2018, 1, 1))
    Actor.objects.filter(pk=people["firma"].pk).update(left_on=datetime.date(2018, 1, 1))
    before = snapshot(region, on=datetime.date(2017, 12, 31))
    after = snapshot(region, on=datetime.date(2018, 1, 1))
    assert ties["l-u"].pk in parse(before.svg)[2]
    assert ties["l-u"].pk not in parse(after.svg)[2]
    assert people["firma"].pk in parse(before.svg)[1]
    assert people["firma"].pk not in parse(after.svg)[1]
    # The university is still there, but alone now.
    assert [a.name for a in after.metrics.isolated] == ["Hochschule"]


def test_metrics_of_a_known_network(small):
    region, people, _ties = small
    metrics = snapshot(region, on=datetime.date(2017, 6, 1)).metrics
    # Four actors, three ties (two between the same pair): three connected pairs of six.
    assert metrics.actors == 4
    assert metrics.ties == 3
    assert metrics.density == pytest.approx(2 / 6)
    assert metrics.per_sector == {
        Sector.ADMINISTRATION: 1,
        Sector.CIVIL_SOCIETY: 1,
        Sector.BUSINESS: 1,
        Sector.SCIENCE: 1,
        Sector.SELF_ADVOCACY: 0,
        Sector.OTHER: 0,
    }
    assert metrics.sector_coverage == pytest.approx(4 / 6)
    assert [a.name for a in metrics.isolated] == ["Firma Ohne Kontakt"]
    # The Lebenshilfe is the only one between others: on the path Rathaus – Hochschule,
    # one of the three pairs of the other actors.
    assert [(b.actor.name, round(b.betweenness, 3)) for b in metrics.brokers] == [
        ("Lebenshilfe", round(1 / 3, 3))
    ]


def test_an_empty_network_draws_an_empty_map(world):
    clear_network(world.region)
    shot = snapshot(world.region, on=START)
    root, nodes, edges = parse(shot.svg)
    assert nodes == {} and edges == {}
    assert shot.metrics.density == 0 and shot.metrics.sector_coverage == 0
    assert root.get("role") == "img"


def test_the_public_view_leaves_out_actors_who_did_not_agree(small):
    region, people, _ties = small
    Actor.objects.filter(pk=people["uni"].pk).update(public=False)
    shot = snapshot(region, on=LATER, public_only=True)
    _root, nodes, edges = parse(shot.svg)
    names = {row.name for row in shot.rows}
    assert names == {"Rathaus", "Lebenshilfe", "Selbstvertretung"}
    assert set(nodes) == {people[key].pk for key in ("rathaus", "lebenshilfe", "selbst")}
    # The tie to the university is hidden with it.
    assert all(people["uni"].pk not in pair for pair in edges.values())
    assert "Hochschule" not in str(shot.svg)


def test_the_map_is_accessible_markup(small):
    region, _people, _ties = small
    root, _nodes, _edges = parse(snapshot(region, on=LATER).svg)
    assert root.get("role") == "img"
    assert "figure-svg" in root.get("class")
    assert root.get("viewBox")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    with translation.override("en"):
        root = parse(snapshot(region, on=LATER).svg)[0]
    assert root.find(f"{SVG}desc").text.startswith("5 actors, 4 ties.")
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert not any(element.get("style") for element in root.iter())
    # The legend names every sector and every kind of tie.
    texts = {text.text for text in root.iter(f"{SVG}text")}
    with translation.override("en"):
        assert {str(label) for label in Sector.labels} <= texts
        assert {str(label) for label in Tie.Kind.labels} <= texts


def test_shapes_differ_by_sector_not_only_by_colour(small):
    region, people, _ties = small
    root, _nodes, _edges = parse(snapshot(region, on=LATER).svg)
    forms = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("data-actor"):
            symbol = next(child for child in group if child.tag != f"{SVG}title")
            points = symbol.get("points", "")
            forms[group.get("data-sector")] = (symbol.tag, len(points.split()))
    assert len(set(forms.values())) == len(forms) == 5


def test_names_are_escaped_in_the_map(world):
    region = world.region
    evil = actor(region, '<script>alert("x")</script> & Co', Sector.OTHER)
    shot = snapshot(region, on=LATER)
    assert "<script>" not in str(shot.svg)
    _root, nodes, _edges = parse(shot.svg)
    assert nodes[evil.pk] == '<script>alert("x")</script> & Co'[:29] + "…"


def test_the_same_network_gives_the_same_map(small):
    region, _people, _ties = small
    assert snapshot(region, on=LATER).svg == snapshot(region, on=LATER).svg


def test_actors_keep_their_place_from_one_date_to_the_next(small):
    region, people, _ties = small

    def place(shot, pk):
        root = ET.fromstring(str(shot.svg))
        group = next(g for g in root.iter(f"{SVG}g") if g.get("data-actor") == str(pk))
        return group.find(f"{SVG}text").get("x"), group.find(f"{SVG}text").get("y")

    early, late = snapshot(region, on=START), snapshot(region, on=LATER)
    assert place(early, people["rathaus"].pk) == place(late, people["rathaus"].pk)


def test_the_table_sorts_by_any_column(small):
    region, _people, _ties = small
    rows = snapshot(region, on=LATER).rows
    assert [r.name for r in sort_rows(rows, "-ties")][0] == "Lebenshilfe"
    assert [r.name for r in sort_rows(rows, "joined")][-1] == "Selbstvertretung"
    assert [r.sector_label for r in sort_rows(rows, "sector")] == sorted(
        r.sector_label for r in rows
    )
    assert [r.name for r in sort_rows(rows, "nonsense")] == sorted(r.name for r in rows)


def test_the_snapshot_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        snapshot(world.region, on=LATER)


# --- services -------------------------------------------------------------------------------


def test_an_editor_adds_actors_and_ties_and_the_log_reads_well(world):
    region = world.region
    added = services.add_actor(
        actor=world.coordinator,
        region=region,
        name="  Seniorenbeirat ",
        kind=Actor.Kind.ORGANISATION,
        sector=Sector.CIVIL_SOCIETY,
        joined_on=LATER,
        public=True,
    )
    assert added.name == "Seniorenbeirat"
    other = Actor.objects.filter(region=region).exclude(pk=added.pk).first()
    new_tie = services.add_tie(
        actor=world.editor,
        region=region,
        source=added,
        target=other,
        kind=Tie.Kind.JOINT_MEASURE,
        began_on=LATER,
    )
    assert new_tie in snapshot(region, on=LATER).ties
    entries = AuditEntry.objects.filter(
        action__in=["pilot_actor_added", "pilot_tie_added"]
    ).select_related("actor")
    with translation.override("en"):
        rows = present(entries.order_by("pk"))
        text = " ".join(
            f"{row.action} "
            + " ".join(f"{change.label}: {change.after.as_text()}" for change in row.changes)
            for row in rows
        )
    assert "Actor added to the network" in text
    assert "Sector: Civil society and associations" in text
    assert f"Connected with: {other.name}" in text
    assert "Kind of tie: Joint measure" in text
    assert "joint_measure" not in text and "civil_society" not in text


@pytest.mark.parametrize("person", ["reader", "steering", "evaluator", "other_coach", "outsider"])
def test_who_may_not_edit_the_network_is_refused(world, person):
    user = getattr(world, person)
    with pytest.raises(PermissionDenied):
        services.add_actor(
            actor=user,
            region=world.region,
            name="Neu",
            kind=Actor.Kind.PERSON,
            sector=Sector.OTHER,
            joined_on=START,
        )
    some = Actor.objects.filter(region=world.region).first()
    with pytest.raises(PermissionDenied):
        services.update_actor(actor=user, network_actor=some, data={"name": "Anders"})
    assert not Actor.objects.filter(name__in=["Neu", "Anders"]).exists()


def test_a_tie_across_regions_is_refused(world):
    other_region = make_region(world.staff, world.expert, world.other_coach, name="Rostock")
    ours = Actor.objects.filter(region=world.region).first()
    theirs = Actor.objects.filter(region=other_region).first()
    with pytest.raises(DomainError) as error:
        services.add_tie(
            actor=world.coach,
            region=world.region,
            source=ours,
            target=theirs,
            kind=Tie.Kind.INFORMAL,
            began_on=LATER,
        )
    assert error.value.field == "target"
    assert not Tie.objects.exists()


def test_a_tie_needs_two_actors_who_had_joined(small):
    region, people, _ties = small
    with pytest.raises(DomainError, match="verschiedene|different"):
        services.add_tie(
            actor=region.coach,
            region=region,
            source=people["uni"],
            target=people["uni"],
            kind=Tie.Kind.INFORMAL,
            began_on=LATER,
        )
    with pytest.raises(DomainError) as error:
        services.add_tie(
            actor=region.coach,
            region=region,
            source=people["uni"],
            target=people["selbst"],
            kind=Tie.Kind.INFORMAL,
            began_on=datetime.date(2018, 1, 1),
        )
    assert error.value.field == "began_on"
    assert "Selbstvertretung" in str(error.value)
    with pytest.raises(DomainError) as error:
        services.add_tie(
            actor=region.coach,
            region=region,
            source=people["uni"],
            target=people["rathaus"],
            kind=Tie.Kind.INFORMAL,
            began_on=LATER,
            ended_on=START,
        )
    assert error.value.field == "ended_on"


def test_an_open_tie_of_the_same_kind_is_not_added_twice(small):
    region, people, _ties = small
    with pytest.raises(DomainError) as error:
        services.add_tie(
            actor=region.coach,
            region=region,
            source=people["rathaus"],
            target=people["lebenshilfe"],
            kind=Tie.Kind.COOPERATION_AGREEMENT,
            began_on=LATER,
        )
    assert error.value.field == "kind"


def test_actor_names_are_unique_in_a_region(small):
    region, people, _ties = small
    with pytest.raises(DomainError) as error:
        services.add_actor(
            actor=region.coach,
            region=region,
            name="rathaus",
            kind=Actor.Kind.ORGANISATION,
            sector=Sector.ADMINISTRATION,
            joined_on=START,
        )
    assert error.value.field == "name"
    with pytest.raises(DomainError):
        services.update_actor(
            actor=region.coach, network_actor=people["uni"], data={"name": "Lebenshilfe"}
        )


def test_an_actor_who_leaves_ends_its_open_ties_and_history_stays(small):
    region, people, ties = small
    left = datetime.date(2018, 9, 1)
    services.update_actor(actor=region.coach, network_actor=people["uni"], data={"left_on": left})
    ties["l-u"].refresh_from_db()
    assert ties["l-u"].ended_on == left
    assert Tie.objects.filter(pk=ties["l-u"].pk).exists()
    assert people["uni"].pk in {row.actor.pk for row in snapshot(region, on=LATER).rows}
    assert people["uni"].pk not in {row.actor.pk for row in snapshot(region, on=left).rows}
    assert AuditEntry.objects.filter(action="pilot_tie_changed", object_id=str(ties["l-u"].pk))


def test_an_actor_cannot_join_after_its_ties_began_or_leave_before_one(small):
    region, people, _ties = small
    with pytest.raises(DomainError) as error:
        services.update_actor(
            actor=region.coach, network_actor=people["uni"], data={"joined_on": LATER}
        )
    assert error.value.field == "joined_on"
    with pytest.raises(DomainError) as error:
        services.update_actor(
            actor=region.coach,
            network_actor=people["lebenshilfe"],
            data={"left_on": datetime.date(2018, 1, 1)},
        )
    assert error.value.field == "left_on"
    assert "Selbstvertretung" in str(error.value)


def test_ending_a_tie_keeps_it(small):
    region, _people, ties = small
    services.update_tie(actor=region.coach, tie=ties["r-l2"], data={"ended_on": LATER})
    assert ties["r-l2"].pk not in {t.pk for t in snapshot(region, on=LATER).ties}
    assert ties["r-l2"].pk in {t.pk for t in snapshot(region, on=START).ties}
    with pytest.raises(DomainError):
        services.update_tie(
            actor=region.coach, tie=ties["r-l2"], data={"began_on": datetime.date(2016, 1, 1)}
        )


def test_changing_the_name_of_an_actor_who_left_leaves_its_ties_alone(small):
    region, people, ties = small
    left = datetime.date(2018, 9, 1)
    services.update_actor(actor=region.coach, network_actor=people["uni"], data={"left_on": left})
    # Its open tie ended with it once; a later change of its name does not end ties again.
    services.update_actor(
        actor=region.coach,
        network_actor=people["uni"],
        data={"name": "Hochschule Neuruppin", "left_on": left},
    )
    assert (
        AuditEntry.objects.filter(action="pilot_tie_changed", object_id=str(ties["l-u"].pk)).count()
        == 1
    )
    changed = AuditEntry.objects.filter(action="pilot_actor_changed").latest("pk")
    assert changed.after == {"name": "Hochschule Neuruppin"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_audit_log_reads_the_network_changes_without_machine_keys(
    client, small, world, language
):
    from django.urls import reverse

    from inklusiv.core import audit

    region, people, ties = small
    services.add_actor(
        actor=world.editor,
        region=region,
        name="Beirat",
        kind=Actor.Kind.PERSON,
        sector=Sector.SELF_ADVOCACY,
        joined_on=LATER,
    )
    services.update_actor(
        actor=world.editor, network_actor=people["uni"], data={"left_on": LATER, "public": True}
    )
    services.add_tie(
        actor=world.editor,
        region=region,
        source=people["rathaus"],
        target=people["uni"],
        kind=Tie.Kind.JOINT_MEASURE,
        began_on=START,
        note="Inklusive Stadtführung",
    )
    client.force_login(world.staff)
    audit.unlabelled.clear()
    with translation.override(language):
        for action in ["pilot_actor_added", "pilot_actor_changed", "pilot_tie_added"]:
            response = client.get(reverse("core:audit_log"), {"action": action})
            text = response.content.decode()
            assert response.status_code == 200
            assert "self_advocacy" not in text and "joint_measure" not in text
            assert "pilot_" not in text.split("<table", 1)[1].split("</table>", 1)[0]
    assert audit.unlabelled == set()
