"""The evaluation's start pages and the impact model's pages: who sees them (200) and who gets
404, the forms (a step that does not fit its level is an error on the page), the figure and its
table both listing every element, the template downloads (JSON, PDF) and the upload."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from inklusiv.core import confirmation
from inklusiv.core.models import AuditEntry
from inklusiv.evaluation.models import ImpactElement, ImpactModel, Indicator, IndicatorValue, Target
from inklusiv.evaluation.services import impact as services

from .test_impact import make_indicator, make_model

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def model(eworld):
    model = make_model(eworld)
    services.add_element(actor=eworld.evaluator, model=model, level="input", title="Zeit und Geld")
    services.add_element(
        actor=eworld.evaluator,
        model=model,
        level="outcome",
        step=5,
        title="Begegnung im Alltag",
        goals=[eworld.goals[0]],
    )
    services.add_element(
        actor=eworld.evaluator, model=model, level="impact", step=7, title="Alle gehören dazu"
    )
    return model


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("evaluator", 200),
        ("staff", 200),
        ("expert", 200),
        ("coordinator", 404),
        ("reader", 404),
        ("outsider", 404),
    ],
)
def test_home_is_for_the_programme_side(client, eworld, who, status):
    assert _get(client, getattr(eworld, who), reverse("evaluation:home")).status_code == status


def test_home_lists_the_regions_with_a_fixed_number_of_queries(client, eworld, model):
    client.force_login(eworld.evaluator)
    url = reverse("evaluation:home")
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    html = response.content.decode()
    assert reverse("evaluation:region", args=[eworld.region.slug]) in html
    assert reverse("evaluation:region", args=[eworld.other_region.slug]) in html
    assert reverse("evaluation:surveys") in html
    services.create_model(actor=eworld.evaluator, region=eworld.other_region, title="Zwei")
    make_indicator(eworld.other_region)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
    # The expert reads but builds no surveys: no link to them.
    assert reverse("evaluation:surveys") not in _get(client, eworld.expert, url).content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("evaluator", 200),
        ("coordinator", 200),
        ("reader", 200),
        ("coach", 200),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_region_tab_for_whoever_reads_the_region(client, eworld, model, who, status):
    url = reverse("evaluation:region", args=[eworld.region.slug])
    assert _get(client, getattr(eworld, who), url).status_code == status


def test_region_tab_shows_latest_target_and_actual_and_the_surveys(client, eworld, model, survey):
    indicator = make_indicator(eworld.region, "T1", decimals=1)
    Target.objects.create(indicator=indicator, period="2018-H1", value=40)
    Target.objects.create(indicator=indicator, period="2018-H2", value=45)
    for period, value in [("2018-H1", 38), ("2018-H2", 47)]:
        IndicatorValue.objects.create(
            indicator=indicator,
            period=period,
            value=value,
            source="Zählung",
            entered_by=eworld.coordinator,
            entered_at="2019-01-10T10:00:00Z",
        )
    response = _get(
        client, eworld.coordinator, reverse("evaluation:region", args=[eworld.region.slug])
    )
    html = response.content.decode()
    row = re.search(r"T1 Indikator T1.*?</tr>", html, re.S).group(0)
    assert "45" in row and "47" in row and "40" not in row
    assert reverse("evaluation:region_results", args=[eworld.region.slug, survey.slug]) in html
    assert reverse("evaluation:region_model", args=[eworld.region.slug]) in html
    assert reverse("evaluation:region_indicator_add", args=[eworld.region.slug]) in html
    reader = _get(client, eworld.reader, reverse("evaluation:region", args=[eworld.region.slug]))
    assert reverse("evaluation:region_indicator_add", args=[eworld.region.slug]) not in (
        reader.content.decode()
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("evaluator", 200),
        ("expert", 200),
        ("coordinator", 200),
        ("reader", 200),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_region_model_page(client, eworld, model, who, status):
    url = reverse("evaluation:region_model", args=[eworld.region.slug])
    assert _get(client, getattr(eworld, who), url).status_code == status


def _figure_and_table(html):
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    table = re.search(r'<table class="kern-table impact-table">.*?</table>', html, re.S).group(0)
    return svg, table


def test_figure_and_table_both_list_every_element_goal_and_indicator(client, eworld, model):
    indicator = make_indicator(eworld.region, "G1", step=3)
    indicator.goals.add(eworld.goals[1])
    make_indicator(eworld.region, "S6", step=6)
    html = _get(
        client, eworld.reader, reverse("evaluation:region_model", args=[eworld.region.slug])
    ).content.decode()
    svg, table = _figure_and_table(html)
    assert 'role="img"' in svg and "<desc" in svg
    for part in (svg, table):
        for element in model.elements.all():
            assert element.title in part
        for goal in eworld.goals:
            assert goal.title in part
        for measure in eworld.measures:
            assert measure.title in part
        assert "G1 Indikator G1" in part and "S6 Indikator S6" in part
    assert "<caption" in table and 'scope="rowgroup"' in table


def test_a_region_without_model_offers_creation_or_import_to_its_editors(client, eworld):
    url = reverse("evaluation:region_model", args=[eworld.region.slug])
    html = _get(client, eworld.coordinator, url).content.decode()
    assert 'name="title"' in html
    assert reverse("evaluation:model_import", args=[eworld.region.slug]) in html
    assert 'name="title"' not in _get(client, eworld.reader, url).content.decode()
    client.force_login(eworld.reader)
    assert client.post(url, {"title": "Nein"}).status_code == 302
    assert not ImpactModel.objects.exists()
    client.force_login(eworld.coordinator)
    response = client.post(url, {"title": "Unser Modell", "vision": "", "vision_easy": ""})
    assert response.status_code == 302
    assert ImpactModel.objects.get().region == eworld.region


@pytest.mark.parametrize(
    ("who", "status"),
    [("evaluator", 200), ("expert", 200), ("coordinator", 404), ("outsider", 404)],
)
def test_programme_model_page(client, eworld, who, status):
    services.create_model(actor=eworld.evaluator, region=None, title="Programm")
    url = reverse("evaluation:programme_model")
    assert _get(client, getattr(eworld, who), url).status_code == status


def test_programme_model_counts_the_regions_goals_per_step(client, eworld):
    model = services.create_model(actor=eworld.evaluator, region=None, title="Programm")
    services.add_element(
        actor=eworld.evaluator, model=model, level="impact", step=7, title="Inklusion"
    )
    html = _get(client, eworld.staff, reverse("evaluation:programme_model")).content.decode()
    svg, table = _figure_and_table(html)
    count = len(eworld.goals)  # all on step 3
    assert "Inklusion" in svg and "Inklusion" in table
    assert f"{count} goals of the regions" in svg or f"{count} Ziele" in svg
    assert f"{count} goals" in table or f"{count} Ziele" in table


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("evaluator", 200),
        ("coordinator", 200),
        ("editor", 200),
        ("coach", 200),
        ("reader", 403),
        ("expert", 403),
        ("other_coordinator", 404),
        ("outsider", 404),
    ],
)
def test_edit_pages(client, eworld, model, who, status):
    element = model.elements.first()
    for url in (
        reverse("evaluation:model_edit", args=[model.pk]),
        reverse("evaluation:element_add", args=[model.pk]),
        reverse("evaluation:element_edit", args=[element.pk]),
        reverse("evaluation:element_delete", args=[element.pk]),
    ):
        assert _get(client, getattr(eworld, who), url).status_code == status, url


def test_element_form_shows_a_step_that_does_not_fit_as_an_error(client, eworld, model):
    client.force_login(eworld.coordinator)
    url = reverse("evaluation:element_add", args=[model.pk])
    response = client.post(url, {"level": "output", "step": "6", "title": "Falsch"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and 'href="#id_step"' in html
    response = client.post(
        url, {"level": "output", "step": "2", "title": "Richtig", "goals": [eworld.goals[2].pk]}
    )
    assert response.status_code == 302
    assert list(ImpactElement.objects.get(title="Richtig").goals.all()) == [eworld.goals[2]]


def test_element_edit_and_delete_by_the_page_that_is_the_question(client, eworld, model):
    element = model.elements.get(level="input")
    client.force_login(eworld.editor)
    response = client.post(
        reverse("evaluation:element_edit", args=[element.pk]),
        {"level": "input", "step": "", "title": "Zeit, Geld und Räume"},
    )
    assert response.status_code == 302
    element.refresh_from_db()
    assert element.title == "Zeit, Geld und Räume"
    url = reverse("evaluation:element_delete", args=[element.pk])
    assert client.post(url).status_code == 200  # a POST from elsewhere only shows the question
    assert ImpactElement.objects.filter(pk=element.pk).exists()
    token = confirmation.token("remove-impact-element", [element.pk])
    assert client.post(url, {"confirm": token}).status_code == 302
    assert not ImpactElement.objects.filter(pk=element.pk).exists()


def test_model_edit_saves(client, eworld, model):
    client.force_login(eworld.coach)
    response = client.post(
        reverse("evaluation:model_edit", args=[model.pk]),
        {"title": "Neuer Titel", "vision": "V", "vision_easy": ""},
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.title == "Neuer Titel"


@pytest.mark.parametrize(
    ("who", "status"),
    [("reader", 200), ("evaluator", 200), ("other_coordinator", 404), ("outsider", 404)],
)
def test_downloads_for_the_models_readers_only(client, eworld, model, who, status):
    url = reverse("evaluation:model_json", args=[model.pk])
    assert _get(client, getattr(eworld, who), url).status_code == status


def test_json_download_is_the_template_and_audited(client, eworld, model):
    make_indicator(eworld.region)
    response = _get(client, eworld.reader, reverse("evaluation:model_json", args=[model.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data == services.template_for(model)
    assert AuditEntry.objects.filter(action="evaluation_impact_model_exported").count() == 1


def test_pdf_download(client, eworld, model):
    make_indicator(eworld.region, "P1")
    response = _get(client, eworld.coordinator, reverse("evaluation:model_pdf", args=[model.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert model.title in text
    for title in ("Zeit und Geld", "Begegnung im Alltag", "Alle gehören dazu", "P1"):
        assert title in text
    assert "Wirkungsmodell" in text or "Wirkungstreppe" in text or "impact" in text.lower()
    assert AuditEntry.objects.filter(
        action="evaluation_impact_model_exported", after__format="pdf"
    ).exists()


def test_import_page_round_trip(client, eworld, model):
    pytest.importorskip("inklusiv.evaluation.services.indicators")
    make_indicator(eworld.region, "R1")
    raw = _get(client, eworld.reader, reverse("evaluation:model_json", args=[model.pk])).content
    url = reverse("evaluation:model_import", args=[eworld.other_region.slug])
    assert _get(client, eworld.coordinator, url).status_code == 404  # not their region
    client.force_login(eworld.other_coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": SimpleUploadedFile("vorlage.json", b"{nope")})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("vorlage.json", raw)})
    assert response.status_code == 302
    copy = ImpactModel.objects.get(region=eworld.other_region)
    assert copy.elements.count() == model.elements.count()
    assert Indicator.objects.filter(region=eworld.other_region, code="R1").exists()
    # Once a model exists, the import page sends people to it.
    assert client.get(url).status_code == 302


def test_import_refuses_a_file_over_the_limit(client, eworld):
    client.force_login(eworld.coordinator)
    url = reverse("evaluation:model_import", args=[eworld.region.slug])
    response = client.post(url, {"file": SimpleUploadedFile("gross.json", b" " * 200_001)})
    assert response.status_code == 200 and "200" in response.content.decode()
    assert not ImpactModel.objects.exists()
