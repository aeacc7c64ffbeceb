"""The ranking as a PDF for the commission's meeting: staff only, every column, the moment it
was made, the quota line and late conflicts as on screen, audited as an export."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from inklusiv.core.models import AuditEntry
from inklusiv.selection.services import commission as commission_services
from inklusiv.selection.views.ranking import SORTABLE_COLUMNS
from tests.factories import make_user

from .test_late_conflicts import _with_second_reviewer
from .test_ranking import _application, _reviewed
from .test_ranking import stage as stage  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _url(stage, **query):
    with translation.override("en"):
        url = reverse("selection:ranking_pdf", args=[stage.pk])
    return url + ("?normalise=1" if query.get("normalise") else "")


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_staff_download_the_ranking_as_of_now_with_every_column(client, staff, stage):  # noqa: F811
    _reviewed(stage, "Erster e.V.", [5, 4], space="Neuruppin")
    _reviewed(stage, "Zweiter e.V.", [4, 3], space="Köln-Chorweiler", state="NW")
    _reviewed(stage, "Dritter e.V.", [3, 2])
    _application(stage, "Ohne Gutachten e.V.")
    client.force_login(staff)

    with translation.override("en"):
        page = client.get(reverse("selection:ranking", args=[stage.pk])).content.decode()
    assert _url(stage) in page

    response = client.get(_url(stage, normalise=True))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="ranking-stage-')
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = _text(response.content)
    with translation.override("en"):
        headers = [str(label) for _key, label in SORTABLE_COLUMNS]
        assert stage.label in text
    for header in [*headers, "Recommend", "Undecided", "Do not recommend", "Within the quota"]:
        assert header in text, header
    assert "Ranking as of" in text and "made by Miriam Albers" in text
    assert "Quota: 2 of 4" in text
    entry = AuditEntry.objects.get(action="ranking_exported")
    assert entry.after["format"] == "pdf" and entry.after["rows"] == 4
    # By mean score: the quota line between the second and the third, as on screen.
    text = _text(client.get(_url(stage)).content)
    assert "Normalised score (z)" not in text
    assert text.index("Erster e.V.") < text.index("Zweiter e.V.") < text.index("Dritter e.V.")
    assert text.index("Zweiter e.V.") < text.index("above this line") < text.index("Dritter")


def test_the_pdf_notes_reviews_left_out_for_a_late_conflict(client, staff):
    stage, (_a, _b, c), member = _with_second_reviewer()
    commission_services.declare_conflict(actor=staff, user=member, application=c, reason="Nah")
    client.force_login(staff)
    text = _text(client.get(_url(stage)).content)
    assert (
        f"1 review not counted because of a conflict of interest declared after it was "
        f"submitted ({c.reference})." in text
    )


@pytest.mark.parametrize("role", ["programme_expert", "commission_member", "applicant", None])
def test_only_funder_staff_get_the_ranking_pdf(client, stage, role):  # noqa: F811
    _reviewed(stage, "Erster e.V.", [5, 4])
    client.force_login(make_user(role))
    assert client.get(_url(stage)).status_code == 404
    assert not AuditEntry.objects.filter(action="ranking_exported").exists()
