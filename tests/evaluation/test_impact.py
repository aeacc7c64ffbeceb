"""The impact model's services: creating and editing a model and its elements (a step that fits
the level, goals of the region), refusals for people without the right, and templates: export,
strict import, and the round trip into another region."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.evaluation.models import ImpactElement, ImpactModel, Indicator
from inklusiv.evaluation.services import impact as services

pytestmark = pytest.mark.django_db


def make_model(eworld, region=None, actor=None):
    return services.create_model(
        actor=actor or eworld.evaluator,
        region=eworld.region if region is None else region,
        title="Wirkungsmodell Neuruppin",
        vision="Alle gehören dazu.",
        vision_easy="Alle sind dabei.",
    )


def make_indicator(region, code="I1", step=4, **extra):
    return Indicator.objects.create(
        region=region,
        code=code,
        name=f"Indikator {code}",
        definition="Anteil der Befragten, die zustimmen.",
        unit="percent",
        direction="higher",
        data_source="Einstellungsbefragung",
        verification="Bericht der Hochschule",
        disaggregations=["disability"],
        step=step,
        maximum=100,
        minimum=0,
        **extra,
    )


def test_coordinator_creates_the_regions_model_and_it_is_audited(eworld):
    model = make_model(eworld, actor=eworld.coordinator)
    assert model.region == eworld.region and model.updated_by == eworld.coordinator
    assert AuditEntry.objects.filter(action="evaluation_impact_model_created").count() == 1
    with pytest.raises(DomainError):
        make_model(eworld)  # one model per region


@pytest.mark.parametrize("who", ["outsider", "reader", "steering", "other_coordinator", "expert"])
def test_people_without_the_right_cannot_create_a_regions_model(eworld, who):
    with pytest.raises(PermissionDenied):
        make_model(eworld, actor=getattr(eworld, who))
    assert not ImpactModel.objects.exists()


def test_only_the_evaluators_create_the_programmes_model(eworld):
    with pytest.raises(PermissionDenied):
        services.create_model(actor=eworld.coordinator, region=None, title="Programm")
    model = services.create_model(actor=eworld.evaluator, region=None, title="Programm")
    assert model.region is None
    with pytest.raises(DomainError):
        services.create_model(actor=eworld.staff, region=None, title="Noch eins")


def test_update_model_validates_and_records_the_change(eworld):
    model = make_model(eworld)
    with pytest.raises(DomainError) as error:
        services.update_model(actor=eworld.editor, model=model, data={"title": "  "})
    assert error.value.field == "title"
    services.update_model(actor=eworld.editor, model=model, data={"title": "Neu"})
    model.refresh_from_db()
    assert model.title == "Neu" and model.vision == "Alle gehören dazu."
    entry = AuditEntry.objects.get(action="evaluation_impact_model_changed")
    assert entry.before == {"title": "Wirkungsmodell Neuruppin"} and entry.after == {"title": "Neu"}
    with pytest.raises(PermissionDenied):
        services.update_model(actor=eworld.other_coordinator, model=model, data={"title": "X"})


@pytest.mark.parametrize(
    ("level", "step"),
    [("input", 1), ("output", 4), ("outcome", 3), ("outcome", None), ("impact", 6), ("x", 1)],
)
def test_a_step_that_does_not_fit_the_level_is_refused(eworld, level, step):
    model = make_model(eworld)
    with pytest.raises(DomainError) as error:
        services.add_element(actor=eworld.evaluator, model=model, level=level, step=step, title="E")
    assert error.value.field in {"step", "level"}
    assert not ImpactElement.objects.exists()


def test_elements_link_only_the_regions_goals(eworld):
    model = make_model(eworld)
    element = services.add_element(
        actor=eworld.coordinator,
        model=model,
        level="outcome",
        step=5,
        title="Mehr Begegnung",
        goals=eworld.goals[:2],
    )
    assert set(element.goals.all()) == set(eworld.goals[:2])
    inputs = services.add_element(
        actor=eworld.coordinator, model=model, level="input", title="Geld"
    )
    assert inputs.step is None and inputs.order == element.order + 1
    other = services.create_model(
        actor=eworld.evaluator, region=eworld.other_region, title="Nieder-Olm"
    )
    with pytest.raises(DomainError) as error:
        services.add_element(
            actor=eworld.evaluator,
            model=other,
            level="impact",
            step=7,
            title="X",
            goals=[eworld.goals[0]],
        )
    assert error.value.field == "goals"


def test_update_and_remove_element(eworld):
    model = make_model(eworld)
    element = services.add_element(
        actor=eworld.evaluator, model=model, level="output", step=1, title="Workshops"
    )
    services.update_element(
        actor=eworld.editor, element=element, data={"level": "outcome", "step": 4}
    )
    element.refresh_from_db()
    assert (element.level, element.step, element.title) == ("outcome", 4, "Workshops")
    with pytest.raises(DomainError):
        services.update_element(actor=eworld.editor, element=element, data={"level": "impact"})
    with pytest.raises(PermissionDenied):
        services.remove_element(actor=eworld.reader, element=element)
    services.remove_element(actor=eworld.coach, element=element)
    assert not ImpactElement.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "evaluation_impact_element_added",
        "evaluation_impact_element_changed",
        "evaluation_impact_element_removed",
    } <= actions


def _filled_model(eworld):
    model = make_model(eworld)
    services.add_element(actor=eworld.evaluator, model=model, level="input", title="Personal")
    services.add_element(
        actor=eworld.evaluator,
        model=model,
        level="output",
        step=2,
        title="Erreicht",
        description="Die Zielgruppen kommen.",
        goals=[eworld.goals[0]],
    )
    services.add_element(
        actor=eworld.evaluator, model=model, level="impact", step=7, title="Teilhabe"
    )
    indicator = make_indicator(eworld.region, "I1")
    make_indicator(eworld.region, "I2", step=2)
    # Values and targets never leave with the template.
    indicator.targets.create(period="2018-H1", value=50)
    return model


def test_template_holds_structure_and_definitions_but_no_values_or_people(eworld):
    model = _filled_model(eworld)
    data = services.template_for(model)
    assert data["format"] == "inklusiv-impact-model" and data["version"] == 1
    assert [e["title"] for e in data["elements"]] == ["Personal", "Erreicht", "Teilhabe"]
    assert [i["code"] for i in data["indicators"]] == ["I1", "I2"]
    text = json.dumps(data)
    for private in ("targets", "values", "baseline", eworld.coordinator.email, "goals", "50.00"):
        assert private not in text


def _round_trip(eworld):
    model = _filled_model(eworld)
    raw = json.dumps(services.template_for(model)).encode()
    return model, services.import_template(
        actor=eworld.other_coordinator,
        region=eworld.other_region,
        data=services.parse_template(raw),
    )


def test_round_trip_into_another_region_gives_the_same_elements_and_indicators(eworld):
    pytest.importorskip("inklusiv.evaluation.services.indicators").create_indicator  # noqa: B018
    model, copy = _round_trip(eworld)
    assert copy.region == eworld.other_region and copy.title == model.title
    fields = ("level", "step", "title", "description")
    assert list(copy.elements.values_list(*fields)) == list(model.elements.values_list(*fields))
    definition = (
        "code",
        "name",
        "definition",
        "unit",
        "direction",
        "data_source",
        "verification",
        "disaggregations",
        "step",
        "minimum",
        "maximum",
        "decimals",
    )
    assert list(Indicator.objects.filter(region=eworld.other_region).values_list(*definition)) == (
        list(Indicator.objects.filter(region=eworld.region).values_list(*definition))
    )
    copied = Indicator.objects.filter(region=eworld.other_region)
    assert not any(i.targets.exists() or i.values.exists() for i in copied)
    assert AuditEntry.objects.filter(action="evaluation_impact_model_imported").exists()


def _template(**changes):
    data = {
        "format": "inklusiv-impact-model",
        "version": 1,
        "title": "Vorlage",
        "vision": "",
        "elements": [{"level": "output", "step": 1, "title": "A", "description": ""}],
        "indicators": [
            {
                "code": "X1",
                "name": "N",
                "definition": "D",
                "unit": "count",
                "direction": "higher",
                "data_source": "S",
                "verification": "",
                "disaggregations": [],
                "step": 1,
            }
        ],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "other"}, "not a template"),
        ({"version": 2}, "version"),
        ({"title": "x" * 201}, "200"),
        ({"elements": [{"level": "output", "step": 5, "title": "A"}]}, "Element 1"),
        ({"elements": [{"level": "input", "step": None, "title": ""}]}, "Element 1"),
        ({"elements": "nein"}, "not a template"),
        ({"indicators": [{"code": "X"}]}, "Indicator 1"),
    ],
)
def test_import_refuses_a_bad_template_saying_where_and_writes_nothing(eworld, changes, message):
    # The messages are gettext's (German once the lead merges the translations).
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.import_template(
            actor=eworld.coordinator, region=eworld.region, data=_template(**changes)
        )
    assert message in str(error.value)
    assert not ImpactModel.objects.exists() and not Indicator.objects.exists()


def test_parse_template_refuses_large_files_and_no_json():
    with pytest.raises(DomainError, match="200"):
        services.parse_template(b" " * 200_001)
    with pytest.raises(DomainError):
        services.parse_template(b"\xff\xfe not json")
    with pytest.raises(DomainError):
        services.parse_template(b"[1, 2]")


def test_import_writes_nothing_when_an_indicator_fails_late(eworld):
    pytest.importorskip("inklusiv.evaluation.services.indicators")
    make_indicator(eworld.region, "X1")
    with pytest.raises(DomainError, match="X1"):
        services.import_template(actor=eworld.coordinator, region=eworld.region, data=_template())
    assert not ImpactModel.objects.exists()


def test_import_needs_the_right_and_a_region_without_model(eworld):
    with pytest.raises(PermissionDenied):
        services.import_template(actor=eworld.reader, region=eworld.region, data=_template())
    with pytest.raises(PermissionDenied):
        services.import_template(
            actor=eworld.other_coordinator, region=eworld.region, data=_template()
        )
    make_model(eworld)
    with pytest.raises(DomainError):
        services.import_template(
            actor=eworld.coordinator, region=eworld.region, data=_template(indicators=[])
        )
