"""The inclusion concept: its services, the approval by the steering group and the funder,
versions after approval with their reasons, the comparison of two versions, the pages and
who may see and change them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Actor, Concept, ConceptVersion, Group
from inklusiv.pilots.services import concept as services

from ..confirmations import confirmation_fields
from .concept_fixtures import START, build_concept
from .conftest import make_region

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


# -- services ---------------------------------------------------------------------------------


def test_coordinator_builds_a_concept_and_each_step_is_audited(world):
    fields, goals, measures = build_concept(world)
    assert [field.name for field in fields] == ["Handlungsfeld 1", "Handlungsfeld 2"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "pilot_field_added",
        "pilot_goal_added",
        "pilot_measure_added",
        "pilot_milestone_added",
    } <= actions
    # A draft makes no versions.
    assert not ConceptVersion.objects.exists()


@pytest.mark.parametrize("who", ["reader", "steering", "applicant", "outsider", "other_coach"])
def test_people_without_the_right_cannot_change_the_concept(world, who):
    with pytest.raises(PermissionDenied):
        services.add_field(actor=getattr(world, who), region=world.region, name="Arbeit")


@pytest.mark.parametrize("who", ["coordinator", "editor", "coach", "expert", "staff"])
def test_editors_and_the_accompanying_side_may_change_the_concept(world, who):
    field = services.add_field(actor=getattr(world, who), region=world.region, name="Arbeit")
    assert field.region == world.region


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"starts_on": START, "ends_on": START - datetime.timedelta(days=1)}, "ends_on"),
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"weight": 0}, "weight"),
        ({"title": "  "}, "title"),
        ({"status": "finished"}, "status"),
    ],
)
def test_measures_are_checked_with_clear_messages(world, kwargs, field):
    _fields, goals, _measures = build_concept(world, measures=0)
    data = {"title": "Inklusive Ausbildung", "starts_on": START, "ends_on": START, **kwargs}
    with pytest.raises(DomainError) as caught:
        services.add_measure(actor=world.coordinator, goal=goals[0], **data)
    assert caught.value.field == field
    assert str(caught.value)


@pytest.mark.parametrize("step", [0, 8, "x"])
def test_a_goal_aims_at_a_step_from_1_to_7(world, step):
    fields, _goals, _measures = build_concept(world, measures=0)
    with pytest.raises(DomainError) as caught:
        services.add_goal(actor=world.coordinator, field=fields[0], title="Ziel", step=step)
    assert caught.value.field == "step"


def test_the_responsible_actor_and_group_must_be_of_the_same_region(world):
    _fields, goals, _measures = build_concept(world, measures=0)
    other = make_region(world.staff, world.expert, world.coach, name="Erlangen")
    foreign_actor = Actor.objects.filter(region=other).first()
    foreign_group = Group.objects.create(region=other, kind="working", name="AG Arbeit")
    for kwargs, field in [
        ({"responsible_actor": foreign_actor}, "responsible_actor"),
        ({"responsible_group": foreign_group}, "responsible_group"),
    ]:
        with pytest.raises(DomainError) as caught:
            services.add_measure(
                actor=world.coordinator,
                goal=goals[0],
                title="M",
                starts_on=START,
                ends_on=START,
                **kwargs,
            )
        assert caught.value.field == field
    own = Actor.objects.filter(region=world.region).first()
    measure = services.add_measure(
        actor=world.coordinator,
        goal=goals[0],
        title="M",
        starts_on=START,
        ends_on=START,
        responsible_actor=own,
    )
    assert measure.responsible_actor == own


def test_progress_and_milestones_are_audited_but_not_versioned(world):
    _fields, _goals, measures = build_concept(world)
    concept = world.region.concept
    services.approve_by_steering(actor=world.steering, concept=concept)
    assert ConceptVersion.objects.count() == 1
    measure = services.update_progress(
        actor=world.coordinator, measure=measures[0], progress=60, status="running"
    )
    assert (measure.progress, measure.status) == (60, "running")
    milestone = measures[0].milestones.get()
    services.complete_milestone(
        actor=world.coordinator, milestone=milestone, done_on=datetime.date(2017, 9, 1)
    )
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2017, 9, 1)
    assert ConceptVersion.objects.count() == 1
    assert AuditEntry.objects.filter(action="pilot_progress_updated").exists()
    assert AuditEntry.objects.filter(action="pilot_milestone_done").exists()


def test_a_done_measure_is_at_100_percent(world):
    _fields, _goals, measures = build_concept(world)
    measure = services.update_progress(
        actor=world.coordinator, measure=measures[1], progress=70, status="done"
    )
    assert measure.progress == 100


def test_a_milestone_cannot_be_reached_in_the_future(world):
    _fields, _goals, measures = build_concept(world)
    with pytest.raises(DomainError) as caught:
        services.complete_milestone(
            actor=world.coordinator,
            milestone=measures[0].milestones.get(),
            done_on=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert caught.value.field == "done_on"


# -- approval and versions --------------------------------------------------------------------


def test_approval_goes_from_the_steering_group_to_the_funder(world):
    build_concept(world)
    concept = world.region.concept
    # The funder cannot approve before the steering group.
    with pytest.raises(DomainError):
        services.approve(actor=world.expert, concept=concept)
    # A read-only member and the coach do not record the steering group's approval.
    for who in (world.reader, world.coach, world.editor):
        with pytest.raises(PermissionDenied):
            services.approve_by_steering(actor=who, concept=concept)
    concept = services.approve_by_steering(
        actor=world.steering, concept=concept, note="Sitzung vom 3. Mai"
    )
    assert concept.status == Concept.Status.STEERING_APPROVED
    assert concept.steering_approved_by == world.steering
    assert concept.steering_approved_at is not None
    first = ConceptVersion.objects.get()
    assert (first.number, first.created_by, first.reason) == (
        1,
        world.steering,
        "Sitzung vom 3. Mai",
    )
    assert [field["name"] for field in first.content["fields"]] == [
        "Handlungsfeld 1",
        "Handlungsfeld 2",
    ]
    # Steering members and coordinators do not approve for the funder.
    for who in (world.steering, world.coordinator, world.coach):
        with pytest.raises(PermissionDenied):
            services.approve(actor=who, concept=concept)
    concept = services.approve(actor=world.expert, concept=concept)
    assert concept.status == Concept.Status.APPROVED
    assert concept.approved_by == world.expert
    assert concept.version == 2
    # Nothing follows the funder's approval.
    with pytest.raises(DomainError):
        services.approve(actor=world.staff, concept=concept)
    assert services.allowed_transitions(world.staff, concept) == []


def test_an_empty_concept_cannot_be_approved(world):
    with pytest.raises(DomainError):
        services.approve_by_steering(actor=world.steering, concept=world.region.concept)


def test_after_approval_every_structural_change_needs_a_reason_and_makes_a_version(world):
    fields, goals, measures = build_concept(world)
    concept = world.region.concept
    services.approve_by_steering(actor=world.steering, concept=concept)
    milestone = measures[0].milestones.get()
    changes = [
        lambda reason: services.add_field(
            actor=world.coordinator, region=world.region, name="Wohnen", reason=reason
        ),
        lambda reason: services.update_field(
            actor=world.coordinator, field=fields[0], data={"weight": 5}, reason=reason
        ),
        lambda reason: services.add_goal(
            actor=world.coordinator, field=fields[0], title="Neu", step=4, reason=reason
        ),
        lambda reason: services.update_goal(
            actor=world.coordinator, goal=goals[0], data={"step": 5}, reason=reason
        ),
        lambda reason: services.update_measure(
            actor=world.coordinator, measure=measures[0], data={"weight": 9}, reason=reason
        ),
        lambda reason: services.update_milestone(
            actor=world.coordinator,
            milestone=milestone,
            data={"title": "Anders"},
            reason=reason,
        ),
        lambda reason: services.remove_milestone(
            actor=world.coordinator, milestone=milestone, reason=reason
        ),
        lambda reason: services.remove_measure(
            actor=world.coordinator, measure=measures[2], reason=reason
        ),
    ]
    number = 1
    for change in changes:
        with pytest.raises(DomainError) as caught:
            change("  ")
        assert caught.value.field == "reason"
        assert ConceptVersion.objects.count() == number
        change("Beschluss der Steuerungsgruppe")
        number += 1
        latest = ConceptVersion.objects.order_by("-number").first()
        assert latest.number == number
        assert latest.reason == "Beschluss der Steuerungsgruppe"
        assert latest.created_by == world.coordinator
    concept.refresh_from_db()
    assert concept.version == number


def test_comparing_two_versions_shows_the_changes(world):
    fields, _goals, measures = build_concept(world)
    concept = world.region.concept
    services.approve_by_steering(actor=world.steering, concept=concept)
    services.update_measure(
        actor=world.coordinator,
        measure=measures[0],
        data={"title": "Inklusive Ausbildung"},
        reason="Neuer Titel",
    )
    services.add_field(
        actor=world.coordinator, region=world.region, name="Mobilität", reason="Neues Feld"
    )
    first, third = (ConceptVersion.objects.get(number=n) for n in (1, 3))
    rows = services.compare(first.content, third.content)
    changed = {(row.attribute, row.a, row.b, row.change) for row in rows if row.changed}
    assert ("Maßnahme", "Maßnahme 1", "Inklusive Ausbildung", "geändert") in changed
    assert ("Name", "", "Mobilität", "neu in dieser Version") in changed
    assert all(not row.changed for row in rows if row.element.startswith("Handlungsfeld: Hand"))


# -- pages ------------------------------------------------------------------------------------


def test_concept_page_shows_the_roll_up_with_its_weights(client, world):
    build_concept(world)
    client.force_login(world.reader)
    response = client.get(url("concept", world.region))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Handlungsfeld 1" in text and "Maßnahme 1" in text
    assert "1 von 3 Teilen = 33 %" in text  # field 1 has weight 1 of 1 + 2
    assert "Wie der Fortschritt berechnet wird" in text
    # A reader sees no edit links and no update form.
    assert url("field_add", world.region) not in text
    assert "measure_progress" not in text and "/fortschritt/" not in text


def test_coordinator_updates_progress_and_a_milestone_on_the_measure_page(client, world):
    _fields, _goals, measures = build_concept(world)
    measure = measures[0]
    milestone = measure.milestones.get()
    client.force_login(world.coordinator)
    response = client.post(
        url("measure_progress", world.region, measure.pk),
        {
            "progress": "55",
            "status": "running",
            "milestone": str(milestone.pk),
            "done_on": "2017-08-01",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    milestone.refresh_from_db()
    assert (measure.progress, measure.status) == (55, "running")
    assert milestone.done_on == datetime.date(2017, 8, 1)


def test_compact_form_errors_come_back_with_what_was_entered(client, world):
    _fields, _goals, measures = build_concept(world)
    measure = measures[0]
    client.force_login(world.coordinator)
    response = client.post(
        url("measure_progress", world.region, measure.pk),
        {
            "prefix": f"m{measure.pk}",
            f"m{measure.pk}-progress": "150",
            f"m{measure.pk}-status": "running",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Es gibt ein Problem" in text
    assert 'value="150"' in text


def test_after_approval_a_change_without_reason_keeps_the_input(client, world):
    fields, _goals, _measures = build_concept(world)
    services.approve_by_steering(actor=world.steering, concept=world.region.concept)
    client.force_login(world.coordinator)
    edit = url("field_edit", world.region, fields[0].pk)
    response = client.post(edit, {"name": "Arbeit und Ausbildung", "weight": "3", "order": "0"})
    assert response.status_code == 200
    assert "Arbeit und Ausbildung" in response.content.decode()
    assert ConceptVersion.objects.count() == 1
    response = client.post(
        edit,
        {"name": "Arbeit und Ausbildung", "weight": "3", "order": "0", "reason": "AG-Beschluss"},
    )
    assert response.status_code == 302
    assert ConceptVersion.objects.count() == 2


def test_removing_asks_first(client, world):
    _fields, _goals, measures = build_concept(world)
    milestone = measures[0].milestones.get()
    client.force_login(world.coordinator)
    edit = url("milestone_edit", world.region, milestone.pk)
    first = client.post(edit, {"remove": "1"})
    assert first.status_code == 200
    assert measures[0].milestones.exists()
    second = client.post(edit, confirmation_fields(first))
    assert second.status_code == 302
    assert not measures[0].milestones.exists()


def test_approval_page_and_buttons(client, world):
    build_concept(world)
    client.force_login(world.steering)
    page = client.get(url("concept", world.region)).content.decode()
    assert "Zustimmung der Steuerungsgruppe festhalten" in page
    response = client.post(url("concept_approve", world.region), {"to": "steering_approved"})
    assert response.status_code == 302
    world.region.concept.refresh_from_db()
    assert world.region.concept.status == "steering_approved"
    # The steering member may not take the funder's step.
    response = client.post(url("concept_approve", world.region), {"to": "approved"})
    assert response.status_code == 403
    client.force_login(world.expert)
    response = client.post(url("concept_approve", world.region), {"to": "approved"})
    assert response.status_code == 302
    world.region.concept.refresh_from_db()
    assert world.region.concept.status == "approved"


def test_versions_and_compare_pages(client, world):
    _fields, _goals, measures = build_concept(world)
    services.approve_by_steering(actor=world.steering, concept=world.region.concept)
    services.update_measure(
        actor=world.coordinator,
        measure=measures[0],
        data={"ends_on": START + datetime.timedelta(days=400)},
        reason="Verlängert",
    )
    client.force_login(world.reader)
    versions = client.get(url("concept_versions", world.region)).content.decode()
    assert "Verlängert" in versions
    response = client.get(url("concept_compare", world.region), {"a": 1, "b": 2})
    text = response.content.decode()
    assert response.status_code == 200
    assert "<caption>" in text
    assert "geändert" in text  # the change is said in words, not by colour alone
    only = client.get(url("concept_compare", world.region), {"a": 1, "b": 2, "changes": 1})
    assert only.content.decode().count("<del>") == 1


def test_timeline_draws_and_tabulates_the_same_measures(client, world):
    _fields, _goals, measures = build_concept(world, measures=5)
    client.force_login(world.reader)
    text = client.get(url("timeline", world.region)).content.decode()
    assert 'role="img"' in text and "<title" in text and "<desc" in text
    assert text.count("<rect") - 1 == len(measures)  # one bar each, besides the background
    assert text.count("<polygon") == len(measures)  # one milestone each
    for measure in measures:
        assert measure.title in text


# -- refusals ---------------------------------------------------------------------------------


def _all_urls(world):
    fields, goals, measures = build_concept(world)
    milestone = measures[0].milestones.get()
    services.approve_by_steering(actor=world.steering, concept=world.region.concept)
    region = world.region
    read = [
        url("concept", region),
        url("measure", region, measures[0].pk),
        url("concept_versions", region),
        url("concept_compare", region),
        url("timeline", region),
    ]
    edit = [
        url("field_add", region),
        url("field_edit", region, fields[0].pk),
        url("goal_add", region, fields[0].pk),
        url("goal_edit", region, goals[0].pk),
        url("measure_add", region, goals[0].pk),
        url("measure_progress", region, measures[0].pk),
        url("milestone_add", region, measures[0].pk),
        url("milestone_edit", region, milestone.pk),
    ]
    return read, edit


@pytest.mark.parametrize("who", ["other_coach", "outsider", "applicant"])
def test_people_outside_the_region_get_404(client, world, who):
    read, edit = _all_urls(world)
    client.force_login(getattr(world, who))
    for address in [*read, *edit, url("concept_approve", world.region)]:
        assert client.get(address).status_code == 404, address
        assert client.post(address, {}).status_code in (404, 405), address


def test_anonymous_people_are_sent_to_log_in(client, world):
    read, edit = _all_urls(world)
    for address in [*read, *edit]:
        response = client.get(address)
        assert response.status_code == 302 and "login" in response.url.lower(), address


def test_a_reader_gets_403_on_every_edit_url(client, world):
    read, edit = _all_urls(world)
    client.force_login(world.reader)
    for address in read:
        assert client.get(address).status_code == 200, address
    for address in edit:
        assert client.get(address).status_code == 403, address
        assert client.post(address, {"progress": "10", "status": "running"}).status_code == 403
    # The measure page is readable, but changing it is refused.
    assert client.post(read[1], {"title": "x"}).status_code == 403
    assert client.post(url("concept_approve", world.region), {"to": "approved"}).status_code == 403


def test_objects_of_another_region_are_not_found(client, world):
    other = make_region(world.staff, world.expert, world.coach, name="Rostock")
    _fields, goals, measures = build_concept(world)
    client.force_login(world.coach)
    # The coach coaches both regions, but a measure is only found under its own region.
    assert client.get(url("measure", other, measures[0].pk)).status_code == 404
    assert client.get(url("goal_edit", other, goals[0].pk)).status_code == 404


# -- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["concept", "timeline"])
def test_pages_keep_a_fixed_number_of_queries(client, world, django_assert_max_num_queries, name):
    build_concept(world, measures=10)
    client.force_login(world.coordinator)
    address = url(name, world.region)
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200
    build_concept(world, measures=40, prefix="B ")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(address)
    assert response.status_code == 200
    assert "Maßnahme 40" in response.content.decode()


def test_german_titles_quoted_in_english_sentences_carry_their_language(client, world):
    from django.utils import translation

    from inklusiv.pilots.services import concept as concept_services

    field = concept_services.add_field(
        actor=world.staff, region=world.region, name="Freizeit", life_area="leisure"
    )
    goal = concept_services.add_goal(
        actor=world.staff, field=field, title="Alle Jugendlichen machen mit", step=3
    )
    client.force_login(world.coordinator)
    with translation.override("en"):
        url = reverse("pilots:goal_edit", args=[world.region.slug, goal.pk])
    html = client.get(url).content.decode()
    assert 'Change the goal “<span lang="de">Alle Jugendlichen machen mit</span>”' in html
    # The page's title cannot hold markup: the title stays plain text there.
    assert "<title>" in html and '<span lang="de">' not in html.split("</title>")[0]
    # On the German page nothing is marked.
    with translation.override("de"):
        url = reverse("pilots:goal_edit", args=[world.region.slug, goal.pk])
    html = client.get(url).content.decode()
    assert '<html lang="de"' in html
    assert 'lang="de">Alle Jugendlichen' not in html
