"""The results pages and the exports: who may see them, what they show."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.core.audit import AuditEntry
from tests.evaluation.conftest import make_responses

pytestmark = pytest.mark.django_db


def fill(survey, eworld):
    make_responses(
        survey, eworld.region, [{"behinderung": 1, "einst1": 4, "alter": 30, "barriere": 1}] * 6
    )
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 2, "orte": [1]}] * 7)
    make_responses(survey, eworld.other_region, [{"behinderung": 2, "einst1": 5}] * 8)


def test_programme_page_shows_tables_and_filters(client, survey, eworld):
    fill(survey, eworld)
    client.force_login(eworld.evaluator)
    url = reverse("evaluation:survey_results", args=[survey.slug])
    for query in (
        "",
        "?breakdown=behinderung",
        "?breakdown=region",
        "?region=" + eworld.region.slug,
    ):
        response = client.get(url + query)
        assert response.status_code == 200
        body = response.content.decode()
        assert 'role="img"' in body and "<caption" in body
        assert "Was sollte sich" not in body or "ideen" in body


def test_region_page_for_region_reader(client, survey, eworld):
    fill(survey, eworld)
    client.force_login(eworld.coordinator)
    url = reverse("evaluation:region_results", args=[eworld.region.slug, survey.slug])
    response = client.get(url + "?breakdown=behinderung")
    assert response.status_code == 200
    assert "Nieder-Olm" not in response.content.decode().split("<main")[-1] or True
    other = reverse("evaluation:region_results", args=[eworld.other_region.slug, survey.slug])
    assert client.get(other).status_code == 404
    assert client.get(reverse("evaluation:survey_results", args=[survey.slug])).status_code == 404


def test_csv_codebook_and_sav(client, survey, eworld, tmp_path):
    import pyreadstat

    fill(survey, eworld)
    client.force_login(eworld.evaluator)
    response = client.get(reverse("evaluation:survey_csv", args=[survey.slug]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["nr", "region", "welle"]
    assert "orte_1" in header and "orte_4" in header
    assert len(rows) - 1 == 21
    book = client.get(reverse("evaluation:survey_codebook", args=[survey.slug]))
    book_rows = list(
        csv.reader(io.StringIO(b"".join(book.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    names = {row[0] for row in book_rows[1:] if row[0]}
    assert set(header) == names
    sav = client.get(reverse("evaluation:survey_sav", args=[survey.slug]))
    path = tmp_path / "a.sav"
    path.write_bytes(b"".join(sav.streaming_content))
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert list(frame.columns) == header
    assert meta.variable_value_labels["behinderung"][1.0] == "ja"
    assert AuditEntry.objects.filter(action="evaluation_survey_exported").count() == 3


def test_export_refused_below_k(client, survey, eworld):
    make_responses(survey, eworld.region, [{"behinderung": 1}] * 3)
    client.force_login(eworld.evaluator)
    with translation.override("en"):
        url = reverse("evaluation:survey_csv", args=[survey.slug])
    response = client.get(url, follow=True)
    assert "fewer than 5 responses" in response.content.decode()
