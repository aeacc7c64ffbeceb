"""The yearly report: one per funding year, the region's text beside generated figures, frozen
as a version with a PDF when submitted, acknowledged by the expert or returned for changes."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.pilots.models import Actor, Sector, Tie, YearlyReport
from inklusiv.pilots.services import reports
from tests.confirmations import confirmation_fields

from .support_fixtures import NOTE, a_session, assert_links_open_for, client_for, committed

Status = YearlyReport.Status


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def opened(world, year=2017, summary="Ein Jahr des Aufbaus in Neuruppin."):
    report = reports.open_report(actor=world.editor, region=world.region, year=year)
    return reports.save_text(
        actor=world.editor,
        report=report,
        text={"summary": summary, "highlights": "Die erste Inklusionskonferenz."},
    )


def submitted(world, **kwargs):
    report = opened(world, **kwargs)
    with committed():
        version = reports.submit(actor=world.editor, report=report)
    report.refresh_from_db()
    return report, version


# --- the funding years ---------------------------------------------------------------------


def test_report_year_n_covers_the_funding_year_starting_in_n(world):
    # Funding 1 March 2017 to 28 February 2019: reports 2017 and 2018.
    assert reports.report_years(world.region) == [2017, 2018]
    report = reports.open_report(actor=world.coordinator, region=world.region, year=2018)
    assert report.period_start == datetime.date(2018, 3, 1)
    assert report.period_end == datetime.date(2019, 2, 28)
    assert report.due_on == datetime.date(2019, 4, 28)
    assert report.status == Status.DRAFT
    assert AuditEntry.objects.filter(action="pilot_report_opened").count() == 1


def test_one_report_per_region_and_year_and_only_within_the_funding(world):
    reports.open_report(actor=world.editor, region=world.region, year=2017)
    with pytest.raises(DomainError):
        reports.open_report(actor=world.editor, region=world.region, year=2017)
    with pytest.raises(DomainError):
        reports.open_report(actor=world.editor, region=world.region, year=2019)


@pytest.mark.parametrize("who", ["reader", "steering", "coach", "evaluator"])
def test_only_editors_and_staff_write_the_report(world, who):
    with pytest.raises(PermissionDenied):
        reports.open_report(actor=getattr(world, who), region=world.region, year=2017)
    report = reports.open_report(actor=world.staff, region=world.region, year=2017)
    with pytest.raises(PermissionDenied):
        reports.save_text(actor=getattr(world, who), report=report, text={"summary": "x"})


# --- submitting ----------------------------------------------------------------------------


def test_submitting_needs_a_summary(world):
    report = opened(world, summary="")
    with pytest.raises(DomainError) as error:
        reports.submit(actor=world.editor, report=report)
    assert error.value.field == "summary"
    report.refresh_from_db()
    assert report.status == Status.DRAFT and not report.versions.exists()


def test_a_submitted_report_is_frozen_with_figures_text_and_a_pdf(world):
    a_session(world, held_on=datetime.date(2017, 5, 10), topics="Aufbau der Steuerungsgruppe")
    a_session(world, held_on=datetime.date(2018, 5, 10), topics="Nicht in diesem Jahr")
    a, b = Actor.objects.filter(region=world.region)[:2]
    late = Actor.objects.create(
        region=world.region,
        name="Werkstatt Ruppiner Land",
        kind=Actor.Kind.ORGANISATION,
        sector=Sector.BUSINESS,
        joined_on=datetime.date(2017, 9, 1),
    )
    Tie.objects.create(
        region=world.region,
        source=a,
        target=late,
        kind="informal",
        began_on=datetime.date(2017, 10, 1),
    )
    report, version = submitted(world)
    assert report.status == Status.SUBMITTED
    assert version.number == 1 and version.submitted_by == world.editor
    content = version.content
    assert content["text"]["summary"] == "Ein Jahr des Aufbaus in Neuruppin."
    assert content["sessions"]["count"] == 1
    assert content["sessions"]["list"][0]["topics"] == "Aufbau der Steuerungsgruppe"
    network = content["network"]
    assert network["end"]["actors"] == network["start"]["actors"] + 1
    assert network["end"]["ties"] == network["start"]["ties"] + 1
    assert NOTE not in str(content)

    text = pdf_text(version.pdf.read())
    assert "Ein Jahr des Aufbaus in Neuruppin." in text
    assert "Aufbau der Steuerungsgruppe" in text
    assert "Nicht in diesem Jahr" not in text
    assert "Vertraulich" not in text
    assert "2017" in text
    # The text cannot change now.
    with pytest.raises(DomainError):
        reports.save_text(actor=world.editor, report=report, text={"summary": "Neu"})
    with pytest.raises(DomainError):
        reports.submit(actor=world.editor, report=report)


def test_the_expert_is_told_and_the_links_open_for_them(world):
    submitted(world)
    messages = [m for m in mail.outbox if m.to == [world.expert.email]]
    assert len(messages) == 1
    assert "2017" in messages[0].subject
    assert_links_open_for(messages[0], world.expert)


def test_the_pdf_is_downloaded_by_people_of_the_region_and_not_by_others(world):
    _report, version = submitted(world)
    url = reverse("pilots:report_pdf", args=[world.region.slug, 2017, 1])
    response = client_for(world.reader).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Ein Jahr des Aufbaus" in pdf_text(response.content)
    assert NOTE not in pdf_text(response.content)
    assert AuditEntry.objects.filter(action="pilot_report_pdf_downloaded").count() == 1
    assert client_for(world.other_coach).get(url).status_code == 404
    missing = reverse("pilots:report_pdf", args=[world.region.slug, 2017, 2])
    assert client_for(world.reader).get(missing).status_code == 404


# --- reviewing -----------------------------------------------------------------------------


def test_the_expert_acknowledges_and_the_region_is_told(world):
    report, _version = submitted(world)
    mail.outbox = []
    with committed():
        report = reports.acknowledge(actor=world.expert, report=report, note="Danke!")
    assert report.status == Status.ACKNOWLEDGED and report.acknowledged_by == world.expert
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([world.coordinator.email, world.editor.email])
    for message in mail.outbox:
        person = world.coordinator if message.to == [world.coordinator.email] else world.editor
        assert_links_open_for(message, person)
    with pytest.raises(DomainError):
        reports.request_changes(actor=world.expert, report=report, request="x")


def test_changes_requested_reopen_the_text_and_a_second_version_follows(world):
    report, _version = submitted(world)
    with pytest.raises(DomainError) as error:
        reports.request_changes(actor=world.expert, report=report, request="  ")
    assert error.value.field == "request"
    mail.outbox = []
    with committed():
        report = reports.request_changes(
            actor=world.expert, report=report, request="Bitte die AG Mobilität ergänzen."
        )
    assert report.status == Status.CHANGES_REQUESTED
    assert all("Bitte die AG Mobilität ergänzen." in m.body for m in mail.outbox)
    assert len(mail.outbox) == 2
    report = reports.save_text(
        actor=world.editor, report=report, text={"summary": "Mit der AG Mobilität."}
    )
    with committed():
        version = reports.submit(actor=world.editor, report=report)
    assert version.number == 2
    assert "Mit der AG Mobilität." in pdf_text(version.pdf.read())


@pytest.mark.parametrize("who", ["coach", "coordinator", "editor", "evaluator"])
def test_only_the_expert_and_staff_review(world, who):
    report, _version = submitted(world)
    with pytest.raises(PermissionDenied):
        reports.acknowledge(actor=getattr(world, who), report=report)
    with pytest.raises(PermissionDenied):
        reports.request_changes(actor=getattr(world, who), report=report, request="x")
    response = client_for(getattr(world, who)).get(
        reverse("pilots:report_review", args=[world.region.slug, 2017])
    )
    assert response.status_code == 403


def test_a_draft_cannot_be_acknowledged(world):
    report = opened(world)
    with pytest.raises(DomainError):
        reports.acknowledge(actor=world.expert, report=report)


def test_the_transition_table_names_every_status():
    assert set(reports.TRANSITIONS) == set(Status)
    for targets in reports.TRANSITIONS.values():
        assert set(targets.values()) <= set(Status)


# --- the pages -----------------------------------------------------------------------------


def test_the_region_writes_and_submits_through_the_pages_after_a_confirmation(world):
    client = client_for(world.coordinator)
    slug = world.region.slug
    response = client.post(reverse("pilots:report_open", args=[slug]), {"year": "2017"})
    assert response.status_code == 302
    url = reverse("pilots:report", args=[slug, 2017])
    response = client.post(
        url,
        {
            "summary": "Unser erstes Jahr.",
            "highlights": "",
            "difficulties": "Wenig Zeit",
            "outlook": "",
        },
    )
    assert response.status_code == 302
    page = client.get(url)
    assert "Unser erstes Jahr." in page.content.decode()

    submit_url = reverse("pilots:report_submit", args=[slug, 2017])
    first = client.post(submit_url)
    assert first.status_code == 200
    with translation.override("de"):
        assert "Bericht 2017 einreichen?" in first.content.decode()
    assert YearlyReport.objects.get().status == Status.DRAFT
    with committed():
        second = client.post(submit_url, confirmation_fields(first))
    assert second.status_code == 302
    report = YearlyReport.objects.get()
    assert report.status == Status.SUBMITTED and report.versions.count() == 1
    assert [m.to for m in mail.outbox] == [[world.expert.email]]

    page = client.get(url).content.decode()
    assert reverse("pilots:report_pdf", args=[slug, 2017, 1]) in page


def test_the_expert_reviews_through_the_page(world):
    submitted(world)
    client = client_for(world.expert)
    url = reverse("pilots:report_review", args=[world.region.slug, 2017])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "request_changes", "text": ""})
    assert response.status_code == 400
    with committed():
        response = client.post(url, {"decision": "request_changes", "text": "Bitte ergänzen."})
    assert response.status_code == 302
    assert YearlyReport.objects.get().status == Status.CHANGES_REQUESTED
    page = client_for(world.editor).get(reverse("pilots:report", args=[world.region.slug, 2017]))
    assert "Bitte ergänzen." in page.content.decode()


def test_a_reader_sees_the_report_but_cannot_change_it(world):
    opened(world)
    client = client_for(world.reader)
    url = reverse("pilots:report", args=[world.region.slug, 2017])
    page = client.get(url)
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    assert client.post(url, {"summary": "Hack"}).status_code == 403
    assert (
        client.post(reverse("pilots:report_submit", args=[world.region.slug, 2017])).status_code
        == 403
    )
    assert YearlyReport.objects.get().text["summary"] == "Ein Jahr des Aufbaus in Neuruppin."


def test_the_report_list_and_page_keep_their_queries(world, django_assert_max_num_queries):
    submitted(world)
    client = client_for(world.editor)
    slug = world.region.slug
    for name, args in (("reports", [slug]), ("report", [slug, 2017])):
        client.get(reverse(f"pilots:{name}", args=args))
        with django_assert_max_num_queries(40):
            assert client.get(reverse(f"pilots:{name}", args=args)).status_code == 200
