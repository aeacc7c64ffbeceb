"""Certificates of attendance exist only for people checked in as present: the PDF names the
person, the course, the dates, the length and the goals, in the participant's language; the
download answers 404 to anyone else and for a no-show; a session's certificates are issued in
the background with a progress page."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.trainings.certificates_pdf import dates_display, length_display
from inklusiv.trainings.models import Certificate, CertificateBatch
from inklusiv.trainings.services import certificates as services
from tests.confirmations import confirmation_fields
from tests.factories import InitiativeFactory, UserFactory, berlin, make_user

from .h3_fixtures import NO_SHOW, PRESENT, UNKNOWN, no_show, participant, past_session, register

__all__ = ["no_show", "participant", "past_session"]

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_certificate_is_a_pdf_with_name_course_length_goals_and_number(
    past_session, participant, trainer, django_capture_on_commit_callbacks, mailoutbox
):
    InitiativeFactory(funder="Aktion Mensch e.V.")
    registration = register(past_session, participant, PRESENT)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.issue_certificate(actor=trainer, registration=registration)
    pdf = certificate.pdf.read()
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert "Netzwerkkoordination im Sozialraum" in reader.metadata.title
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de" and "/StructTreeRoot" in catalog
    text = _text(pdf)
    assert "Paula Anwesend" in text
    assert "Netzwerkkoordination im Sozialraum" in text
    assert "Akteure finden" in text and "Treffen moderieren" in text
    assert "Katrin Albers" in text
    assert certificate.number in text
    assert "Aktion Mensch e.V." in text
    assert certificate.language == "de"
    entry = AuditEntry.objects.get(action="training_certificate_issued")
    assert entry.after["number"] == certificate.number
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["paula@example.org"]
    assert reverse("trainings:certificate", args=[registration.pk]) in mailoutbox[0].body


def test_the_certificate_speaks_the_participants_language(past_session, trainer):
    english = UserFactory(name="Emma Present", language="en")
    registration = register(past_session, english, PRESENT)
    certificate = services.issue_certificate(actor=trainer, registration=registration)
    text = _text(certificate.pdf.read())
    assert certificate.language == "en"
    assert "Certificate of attendance" in text
    assert "6 hours" in text


def test_issuing_is_idempotent(
    past_session, participant, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    registration = register(past_session, participant, PRESENT)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.issue_certificate(actor=trainer, registration=registration)
        second = services.issue_certificate(actor=participant, registration=registration)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    assert AuditEntry.objects.filter(action="training_certificate_issued").count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("attendance", [NO_SHOW, UNKNOWN])
def test_no_certificate_without_check_in(past_session, participant, trainer, attendance):
    registration = register(past_session, participant, attendance)
    with pytest.raises(DomainError):
        services.issue_certificate(actor=trainer, registration=registration)
    assert not Certificate.objects.exists()


def test_a_stranger_cannot_issue_anyones_certificate(past_session, participant, outsider):
    registration = register(past_session, participant, PRESENT)
    with pytest.raises(PermissionDenied):
        services.issue_certificate(actor=outsider, registration=registration)


# --- the download --------------------------------------------------------------------------


def test_the_participant_downloads_their_certificate_issued_on_the_fly(
    client, past_session, participant
):
    registration = register(past_session, participant, PRESENT)
    client.force_login(participant)
    response = client.get(reverse("trainings:certificate", args=[registration.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "Paula Anwesend" in _text(response.content)
    assert Certificate.objects.filter(registration=registration).count() == 1
    # The second download serves the stored file.
    again = client.get(reverse("trainings:certificate", args=[registration.pk]))
    assert again.content == response.content


def test_the_organiser_downloads_a_participants_certificate(
    client, past_session, participant, trainer
):
    registration = register(past_session, participant, PRESENT)
    client.force_login(trainer)
    response = client.get(reverse("trainings:certificate", args=[registration.pk]))
    assert response.status_code == 200


def test_no_certificate_for_a_no_show_nor_for_someone_elses_registration(
    client, past_session, participant, no_show, outsider
):
    present = register(past_session, participant, PRESENT)
    absent = register(past_session, no_show, NO_SHOW)
    unknown = register(past_session, outsider, UNKNOWN)
    client.force_login(no_show)
    assert client.get(reverse("trainings:certificate", args=[absent.pk])).status_code == 404
    assert client.get(reverse("trainings:certificate", args=[present.pk])).status_code == 404
    client.force_login(outsider)
    assert client.get(reverse("trainings:certificate", args=[unknown.pk])).status_code == 404
    assert client.get(reverse("trainings:certificate", args=[present.pk])).status_code == 404
    assert client.get(reverse("trainings:certificate", args=[99999])).status_code == 404
    assert not Certificate.objects.exists()


def test_the_organiser_gets_no_certificate_for_a_no_show(client, past_session, no_show, trainer):
    absent = register(past_session, no_show, NO_SHOW)
    client.force_login(trainer)
    assert client.get(reverse("trainings:certificate", args=[absent.pk])).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, past_session, participant):
    registration = register(past_session, participant, PRESENT)
    response = client.get(reverse("trainings:certificate", args=[registration.pk]))
    assert response.status_code == 302
    assert not Certificate.objects.exists()


# --- a whole session --------------------------------------------------------------------------


def test_issuing_a_session_certifies_everyone_present_and_nobody_else(
    client, past_session, trainer, people, django_capture_on_commit_callbacks, mailoutbox
):
    present = [register(past_session, person, PRESENT) for person in people[:3]]
    register(past_session, people[3], NO_SHOW)
    register(past_session, people[4], UNKNOWN)
    client.force_login(trainer)
    url = reverse("trainings:certificates_issue", args=[past_session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "3" in page.content.decode()
    # A POST from elsewhere only shows the question again: nobody is mailed.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 200
    assert not CertificateBatch.objects.exists() and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, confirmation_fields(page))
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("trainings:certificate_batch", args=[batch.pk])
    assert batch.status == CertificateBatch.Status.FINISHED
    assert (batch.total, batch.done, batch.failed) == (3, 3, 0)
    assert batch.task_id
    assert set(Certificate.objects.values_list("registration", flat=True)) == {
        registration.pk for registration in present
    }
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        registration.user.email for registration in present
    )
    assert AuditEntry.objects.get(action="training_certificates_queued").after == {"total": 3}

    progress = client.get(response["Location"])
    content = progress.content.decode()
    assert progress.status_code == 200
    assert '<progress id="batch-progress-bar" max="3" value="3">' in content
    assert "batch_progress.js" in content and 'data-progress-url="' in content
    assert "data-running" not in content
    fragment = client.get(response["Location"], {"fragment": 1}).content.decode()
    assert fragment.lstrip().startswith("<section") and "<progress" in fragment
    # Again: nothing is issued twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, confirmation_fields(client.get(url)))
    assert Certificate.objects.count() == 3
    assert len(mailoutbox) == 3


def test_a_running_batch_shows_a_refresh_link_without_javascript(client, past_session, trainer):
    batch = CertificateBatch.objects.create(session=past_session, total=4, done=1)
    client.force_login(trainer)
    content = client.get(reverse("trainings:certificate_batch", args=[batch.pk])).content.decode()
    assert "data-running" in content
    assert 'max="4" value="1"' in content
    assert f'href="{reverse("trainings:certificate_batch", args=[batch.pk])}"' in content


def test_nobody_present_means_nothing_to_issue(client, past_session, trainer, people):
    register(past_session, people[0], NO_SHOW)
    client.force_login(trainer)
    url = reverse("trainings:certificates_issue", args=[past_session.pk])
    page = client.get(url)
    assert "Noch niemand ist als anwesend eingetragen" in page.content.decode()
    response = client.post(url, {"confirm": "0" * 32})
    assert response.status_code == 200
    assert not CertificateBatch.objects.exists()


@pytest.mark.parametrize("who", ["participant", "outsider", "programme_expert"])
def test_only_organisers_issue_a_sessions_certificates(
    client, past_session, participant, who, django_capture_on_commit_callbacks
):
    register(past_session, participant, PRESENT)
    batch = CertificateBatch.objects.create(session=past_session, total=1)
    user = (
        participant
        if who == "participant"
        else make_user(None if who == "outsider" else who, email=f"{who}@example.org")
    )
    client.force_login(user)
    url = reverse("trainings:certificates_issue", args=[past_session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    progress = reverse("trainings:certificate_batch", args=[batch.pk])
    assert client.get(progress).status_code == 403
    assert CertificateBatch.objects.count() == 1
    assert not Certificate.objects.exists()


def test_length_in_hours_and_minutes_and_the_days_of_a_longer_session(make_session):
    with translation.override("en"):
        assert length_display(210) == "3 hours 30 minutes"
        assert length_display(60) == "1 hour"
        assert length_display(45) == "45 minutes"
        two_days = make_session(starts_at=berlin(2017, 3, 9, 10), ends_at=berlin(2017, 3, 10, 16))
        assert dates_display(two_days) == "9 March 2017 – 10 March 2017"
        one_day = make_session(starts_at=berlin(2017, 3, 9, 10), ends_at=berlin(2017, 3, 9, 16))
        assert dates_display(one_day) == "9 March 2017"
