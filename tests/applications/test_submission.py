"""Submitting: deadlines to the minute (also across DST), extensions, reference numbers,
frozen versions, the confirmation e-mail with its PDF, withdrawal and who may do what."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from inklusiv.applications import services
from inklusiv.applications.models import Status
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    StageFactory,
    UserFactory,
    berlin,
    complete,
    make_user,
)

UTC = datetime.UTC
pytestmark = pytest.mark.django_db


def _draft(closes_at, stage=None):
    """A complete draft of a new organisation; a second one may join the same stage."""
    if stage is None:
        call = CallFactory(
            stages=False, reference_year=2016 + closes_at.month * 100 + closes_at.day
        )
        stage = StageFactory(
            call=call, opens_at=closes_at - datetime.timedelta(days=60), closes_at=closes_at
        )
    membership = MembershipFactory()
    application = complete(
        ApplicationFactory(call=stage.call, stage=stage, organisation=membership.organisation)
    )
    return application, membership.user


def test_submitting_one_minute_after_the_deadline_is_refused():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    with pytest.raises(DomainError) as refused:
        services.submit(actor=member, application=application, now=berlin(2016, 9, 1, 0, 0))
    assert "31. August 2016 23:59" in str(refused.value)
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.reference == ""
    assert application.versions.count() == 0


def test_submitting_in_the_deadline_minute_is_accepted():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    version = services.submit(
        actor=member, application=application, now=berlin(2016, 8, 31, 23, 59)
    )
    assert version.application.status == Status.SUBMITTED


def test_extension_lets_one_applicant_submit_after_the_deadline():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    other, other_member = _draft(berlin(2016, 8, 31, 23, 59), stage=application.stage)
    staff = make_user("funder_staff")
    services.grant_extension(
        actor=staff,
        application=application,
        until=berlin(2016, 9, 7, 12, 0),
        reason="Vorstandssitzung erst am 6. September",
    )
    late = berlin(2016, 9, 5, 10, 0)
    version = services.submit(actor=member, application=application, now=late)
    assert version.application.status == Status.SUBMITTED
    with pytest.raises(DomainError):
        services.submit(actor=other_member, application=other, now=late)
    entry = AuditEntry.objects.get(action="application_extension_granted")
    assert entry.reason == "Vorstandssitzung erst am 6. September"


def test_only_staff_grant_extensions():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    with pytest.raises(PermissionDenied):
        services.grant_extension(
            actor=member, application=application, until=berlin(2016, 9, 7, 12, 0), reason="x"
        )


def test_deadline_after_the_autumn_clock_change_counts_in_winter_time():
    # 30 Oct 2016: clocks went back from 03:00 CEST to 02:00 CET. A deadline of 23:59 that
    # evening is 22:59 UTC; a fixed summer-time offset would make it 21:59 UTC.
    application, member = _draft(berlin(2016, 10, 30, 23, 59))
    assert application.stage.closes_at == datetime.datetime(2016, 10, 30, 22, 59, tzinfo=UTC)
    accepted = services.submit(
        actor=member,
        application=application,
        now=datetime.datetime(2016, 10, 30, 22, 30, tzinfo=UTC),
    )
    assert accepted.application.status == Status.SUBMITTED
    late, late_member = _draft(berlin(2016, 10, 30, 23, 59), stage=application.stage)
    with pytest.raises(DomainError):
        services.submit(
            actor=late_member,
            application=late,
            now=datetime.datetime(2016, 10, 30, 23, 0, tzinfo=UTC),
        )


def test_deadline_right_after_the_spring_clock_change():
    # 27 Mar 2016: 02:00 CET jumped to 03:00 CEST. 03:30 local is 01:30 UTC.
    application, member = _draft(berlin(2016, 3, 27, 3, 30))
    assert application.stage.closes_at == datetime.datetime(2016, 3, 27, 1, 30, tzinfo=UTC)
    with pytest.raises(DomainError):
        services.submit(actor=member, application=application, now=berlin(2016, 3, 27, 3, 31))
    services.submit(actor=member, application=application, now=berlin(2016, 3, 27, 3, 30))


def test_submission_numbers_freezes_and_confirms_with_pdf(django_capture_on_commit_callbacks):
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    second, second_member = _draft(berlin(2016, 8, 31, 23, 59), stage=application.stage)
    now = berlin(2016, 8, 1, 10, 0)
    with django_capture_on_commit_callbacks(execute=True):
        first_version = services.submit(actor=member, application=application, now=now)
    with pytest.raises(DomainError):
        # Already submitted: the transition table has no (submitted, submit).
        services.submit(actor=member, application=application, now=now)
    second_version = services.submit(actor=second_member, application=second, now=now)
    year = application.call.reference_year
    assert first_version.application.reference == f"KI-{year}-0001"
    assert second_version.application.reference == f"KI-{year}-0002"

    # Later edits to the live rows do not change what was submitted.
    application.social_space.name = "Geändert"
    application.social_space.save()
    first_version.refresh_from_db()
    assert first_version.content["social_space"]["name"] == "Neuruppin"

    confirmation = next(m for m in mail.outbox if member.email in m.to)
    name, pdf, mimetype = confirmation.attachments[0]
    assert mimetype == "application/pdf"
    assert name == f"KI-{year}-0001.pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"KI-{year}-0001" in text
    assert "Neuruppin" in text
    assert "Stadt Neuruppin" in text
    assert first_version.receipt.read() == pdf


def test_incomplete_application_cannot_be_submitted():
    call = CallFactory()
    membership = MembershipFactory()
    application = ApplicationFactory(call=call, organisation=membership.organisation)
    with pytest.raises(DomainError) as refused:
        services.submit(actor=membership.user, application=application)
    assert refused.value.field == "space"
    assert application.versions.count() == 0


def test_outsider_cannot_submit_or_withdraw():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        services.submit(actor=outsider, application=application, now=berlin(2016, 8, 1, 0, 0))
    with pytest.raises(PermissionDenied):
        services.withdraw(actor=outsider, application=application, reason="Spaß")


def test_withdrawal_needs_a_reason_and_is_recorded():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    services.submit(actor=member, application=application, now=berlin(2016, 8, 1, 0, 0))
    with pytest.raises(DomainError):
        services.withdraw(actor=member, application=application, reason="  ")
    services.withdraw(
        actor=member, application=application, reason="Der Kreistag hat die Mittel gestrichen."
    )
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.withdrawal_reason == "Der Kreistag hat die Mittel gestrichen."
    entry = AuditEntry.objects.get(action="application_withdraw")
    assert entry.before["status"] == "submitted" and entry.after["status"] == "withdrawn"
    with pytest.raises(DomainError):
        services.submit(actor=member, application=application, now=berlin(2016, 8, 2, 0, 0))


def test_an_organisation_applies_once_per_call():
    call = CallFactory()
    membership = MembershipFactory()
    services.start_application(
        actor=membership.user, call=call, organisation=membership.organisation
    )
    with pytest.raises(DomainError):
        services.start_application(
            actor=membership.user, call=call, organisation=membership.organisation
        )


def test_only_members_start_an_application_for_their_organisation():
    call = CallFactory()
    membership = MembershipFactory()
    with pytest.raises(PermissionDenied):
        services.start_application(
            actor=UserFactory(), call=call, organisation=membership.organisation
        )


def test_no_new_application_after_the_first_stage_closed():
    call = CallFactory(stages=False)
    StageFactory(call=call)  # 2016, long closed
    membership = MembershipFactory()
    with pytest.raises(DomainError):
        services.start_application(
            actor=membership.user, call=call, organisation=membership.organisation
        )


def test_submitting_again_from_a_second_tab_shows_the_reference_and_the_receipt(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    application = complete(ApplicationFactory(organisation=membership.organisation))
    client.force_login(membership.user)
    review = reverse("applications:review", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review).status_code == 302
    application.refresh_from_db()

    # The same form, sent again (a second tab, the back button, a double click).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "bereits eingereicht" in page
    assert application.reference in page
    assert reverse("applications:receipt", args=[application.pk, 1]) in page
    assert application.versions.count() == 1
    # One receipt each to the submitter and the contact person, and none for the second post.
    assert sorted(m.to for m in mail.outbox) == sorted(
        [[membership.user.email], [application.contact_email]]
    )


def test_a_second_submission_at_the_same_time_is_told_it_was_already_submitted():
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    services.submit(actor=member, application=application, now=berlin(2016, 8, 1, 0, 0))
    # The second request read the application before the first one committed.
    with pytest.raises(services.AlreadySubmitted) as refused:
        services.submit(actor=member, application=application, now=berlin(2016, 8, 1, 0, 1))
    application.refresh_from_db()
    assert application.reference in str(refused.value)
    assert application.versions.count() == 1


def test_outsiders_posting_to_a_submitted_applications_review_get_404(client):
    application, member = _draft(berlin(2016, 8, 31, 23, 59))
    services.submit(actor=member, application=application, now=berlin(2016, 8, 1, 0, 0))
    client.force_login(UserFactory())
    response = client.post(reverse("applications:review", args=[application.pk]))
    assert response.status_code == 404
