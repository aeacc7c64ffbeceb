"""Evaluation reports: services, pages, release, PDF and who may see them."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from inklusiv.core.audit import AuditEntry
from inklusiv.core.exceptions import DomainError
from inklusiv.evaluation.models import EvaluationReport
from inklusiv.evaluation.services import reports as services
from tests.evaluation.conftest import make_responses

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def data(survey, **extra):
    return {
        "title": "Zwischenbericht Neuruppin",
        "first_period": "2017-H1",
        "last_period": "2018-H2",
        "summary": "Die Einstellungen haben sich verbessert.",
        "summary_easy": "Viele Menschen finden Inklusion gut.",
        "surveys": [survey],
        **extra,
    }


def test_create_update_release(survey, eworld):
    report = services.create_report(actor=eworld.evaluator, region=eworld.region, data=data(survey))
    assert report.status == EvaluationReport.Status.DRAFT
    services.update_report(actor=eworld.evaluator, report=report, data={"title": "Bericht 2018"})
    report.refresh_from_db()
    assert report.title == "Bericht 2018"
    services.release(actor=eworld.evaluator, report=report)
    report.refresh_from_db()
    assert report.status == "released" and report.released_at
    with pytest.raises(DomainError):
        services.release(actor=eworld.evaluator, report=report)
    with pytest.raises(DomainError):
        services.update_report(actor=eworld.evaluator, report=report, data={"title": "x"})
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"evaluation_report_created", "evaluation_report_updated"} <= actions
    assert "evaluation_report_released" in actions


def test_periods_must_be_in_order(survey, eworld):
    with pytest.raises(DomainError) as caught:
        services.create_report(
            actor=eworld.evaluator,
            region=eworld.region,
            data=data(survey, first_period="2019-H1", last_period="2018-H1"),
        )
    assert caught.value.field == "last_period"


def test_only_evaluators_write(survey, eworld):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_report(actor=eworld.coordinator, region=eworld.region, data=data(survey))


def test_pages_and_pdf(client, survey, eworld):
    make_responses(survey, eworld.region, [{"behinderung": 1, "einst1": 4}] * 6)
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 2}] * 3)
    client.force_login(eworld.evaluator)
    response = client.post(
        reverse("evaluation:report_add"),
        {
            "title": "Bericht Neuruppin",
            "region": eworld.region.pk,
            "first_period": "2017-H1",
            "last_period": "2017-H2",
            "summary": "Zusammenfassung.",
            "summary_easy": "Das ist die Zusammenfassung in einfachen Worten.",
            "surveys": [survey.pk],
        },
    )
    report = EvaluationReport.objects.get()
    assert response.status_code == 302
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 200
    assert client.get(reverse("evaluation:report_edit", args=[report.pk])).status_code == 200
    # a draft is invisible to the region's members
    client.force_login(eworld.coordinator)
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 404
    client.force_login(eworld.evaluator)
    release = reverse("evaluation:report_release", args=[report.pk])
    page = client.get(release)
    assert page.status_code == 200
    client.post(release)  # without the confirmation: just the page again
    report.refresh_from_db()
    assert report.status == "draft"
    client.post(release, {"confirm": page.context["confirmation"].token})
    report.refresh_from_db()
    assert report.status == "released"
    client.force_login(eworld.coordinator)
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 200
    assert client.get(reverse("evaluation:reports")).status_code == 404  # programme side only
    pdf = client.get(reverse("evaluation:report_pdf", args=[report.pk]))
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "Zusammenfassung in Leichter Sprache" in text
    assert AuditEntry.objects.filter(action="evaluation_report_downloaded").exists()
    client.force_login(eworld.other_coordinator)
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 404
    assert client.get(reverse("evaluation:report_pdf", args=[report.pk])).status_code == 404


def test_add_form_shows_errors(client, eworld):
    client.force_login(eworld.evaluator)
    response = client.post(reverse("evaluation:report_add"), {"title": ""})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
