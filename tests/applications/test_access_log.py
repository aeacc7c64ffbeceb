"""Reading an application's personal data leaves a trace in the audit log: the funder's views
of an application, and every file taken out of the platform (letters of intent, answer files,
receipts), whoever takes it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inklusiv.applications import services
from inklusiv.applications.models import Application, Status
from inklusiv.core.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    QuestionFactory,
    UserFactory,
    complete,
    make_user,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def submitted():
    """A submitted application whose partner sent a letter of intent."""
    membership = MembershipFactory()
    application = complete(ApplicationFactory(organisation=membership.organisation))
    member = membership.user
    partner = application.partners.get()
    services.save_partner(
        actor=member,
        application=application,
        partner=partner,
        revision=partner.revision,
        letter=SimpleUploadedFile("absichtserklaerung.pdf", PDF),
        **{name: getattr(partner, name) for name in services.PARTNER_FIELDS},
    )
    services.submit(actor=member, application=application)
    application = Application.objects.get(pk=application.pk)
    assert application.status == Status.SUBMITTED
    return application, member


def _entries(application, action):
    return list(
        AuditEntry.objects.filter(object_id=str(application.pk), action=action).order_by("pk")
    )


def test_staff_opening_an_application_is_logged(client, staff, submitted):
    application, _member = submitted
    client.force_login(staff)
    assert (
        client.get(reverse("applications:staff_detail", args=[application.pk])).status_code == 200
    )
    (entry,) = _entries(application, "application_viewed")
    assert entry.actor == staff
    assert entry.after == {"page": "staff_detail"}
    assert entry.created_at is not None


def test_a_programme_expert_reading_the_applicants_pages_is_logged(client, submitted):
    application, _member = submitted
    expert = make_user("programme_expert")
    client.force_login(expert)
    for name in ["overview", "review", "partners"]:
        response = client.get(reverse(f"applications:{name}", args=[application.pk]))
        assert response.status_code == 200
    entries = _entries(application, "application_viewed")
    assert [entry.after["page"] for entry in entries] == ["overview", "review", "partners"]
    assert {entry.actor for entry in entries} == {expert}


def test_members_working_on_their_own_application_are_not_logged_as_views(client, submitted):
    application, member = submitted
    client.force_login(member)
    assert client.get(reverse("applications:overview", args=[application.pk])).status_code == 200
    assert _entries(application, "application_viewed") == []


def test_staff_downloading_a_letter_of_intent_is_logged(client, staff, submitted):
    application, _member = submitted
    letter = application.partners.get().letter_of_intent
    client.force_login(staff)
    response = client.get(reverse("applications:attachment", args=[application.pk, letter.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    (entry,) = _entries(application, "application_file_downloaded")
    assert entry.actor == staff
    assert entry.after == {
        "attachment": letter.pk,
        "name": "absichtserklaerung.pdf",
        "sha256": letter.sha256,
    }


def test_a_member_downloading_their_own_answer_file_is_logged_too(client):
    membership = MembershipFactory()
    application = ApplicationFactory(organisation=membership.organisation)
    question = QuestionFactory(stage=application.stage, kind="file")
    client.force_login(membership.user)
    client.post(
        reverse("applications:step", args=[application.pk, f"questions-{application.stage.pk}"]),
        {"revision": 0, question.key: SimpleUploadedFile("finanzplan.pdf", PDF)},
    )
    stored = application.attachments.get()
    response = client.get(reverse("applications:attachment", args=[application.pk, stored.pk]))
    assert response.status_code == 200
    (entry,) = _entries(application, "application_file_downloaded")
    assert entry.actor == membership.user
    assert entry.after["name"] == "finanzplan.pdf"


def test_downloading_a_receipt_is_logged(client, staff, submitted):
    application, member = submitted
    for person in (staff, member):
        client.force_login(person)
        response = client.get(reverse("applications:receipt", args=[application.pk, 1]))
        assert response.status_code == 200
    entries = _entries(application, "application_receipt_downloaded")
    assert [(entry.actor, entry.after) for entry in entries] == [
        (staff, {"version": 1}),
        (member, {"version": 1}),
    ]


def test_refused_downloads_leave_no_entry(client, submitted):
    application, _member = submitted
    letter = application.partners.get().letter_of_intent
    client.force_login(UserFactory())
    assert (
        client.get(reverse("applications:attachment", args=[application.pk, letter.pk])).status_code
        == 404
    )
    assert client.get(reverse("applications:receipt", args=[application.pk, 1])).status_code == 404
    assert not AuditEntry.objects.filter(
        action__in=["application_file_downloaded", "application_receipt_downloaded"]
    ).exists()


def test_views_do_not_crowd_the_recent_changes_on_the_staff_page(client, staff, submitted):
    application, _member = submitted
    client.force_login(staff)
    url = reverse("applications:staff_detail", args=[application.pk])
    for _ in range(12):
        client.get(url)
    history = client.get(url).context["history"]
    assert "application_submit" in [entry.action for entry in history]
    assert "application_viewed" not in [entry.action for entry in history]
