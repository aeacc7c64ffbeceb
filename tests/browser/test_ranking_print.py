"""The ranking printed from the browser (Chromium's print to PDF, A4): every column of the
table is on paper, the last one too, on landscape pages."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.factories import make_user
from tests.selection.test_ranking import _application, _reviewed

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Columns of the ranking with normalised scores (the widest table there is).
COLUMNS = 14


def _flat(text: str) -> str:
    # Headers may wrap inside their cell; compare without line breaks and hyphenation.
    return re.sub(r"\s+", " ", text.replace("-\n", ""))


@pytest.fixture
def ranked_stage(db):
    from tests.factories import CallFactory

    call = CallFactory(title_de="Kommune Inklusiv – Aufruf 2016", reference_year=2016)
    stage = call.first_stage()
    stage.quota = 2
    stage.save(update_fields=["quota"])
    _reviewed(stage, "Jugendarbeit Neuruppin und Umgebung e.V.", [5, 4], space="Neuruppin")
    _reviewed(stage, "Lebenshilfe Köln-Chorweiler e.V.", [4, 4], state="NW")
    _reviewed(stage, "Inklusionsnetzwerk Landkreis Vorpommern-Greifswald e.V.", [3, 2])
    _application(stage, "Ohne Gutachten e.V.")
    return stage


def test_printed_ranking_keeps_every_column_on_a4_landscape(context, live_server, ranked_stage):
    staff = make_user("funder_staff", email="druck@inklusiv.example", name="Miriam Albers")
    log_in(context, live_server, staff)
    page = context.new_page()
    with translation.override("de"):
        url = reverse("selection:ranking", args=[ranked_stage.pk])
    page.goto(f"{url}?normalise=1")
    headers = [_flat(text).strip() for text in page.locator("thead th").all_inner_texts()]
    assert len(headers) == COLUMNS, headers
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)

    reader = PdfReader(io.BytesIO(pdf))
    text = _flat("\n".join(page.extract_text() for page in reader.pages))
    missing = [header for header in headers if header not in text]
    assert not missing, f"columns cut off in print: {missing}"
    first = reader.pages[0].mediabox
    assert first.width > first.height, "the ranking prints on landscape pages"
    # The last column's values are on paper too, not only its header.
    assert "ja" in text and "nein" in text
