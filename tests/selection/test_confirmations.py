"""Letters and batch decisions ask first, say exactly what happens, and a confirmed batch of
letters waits (LETTER_HOLD_BACK_MINUTES) so that staff can still cancel it."""

import datetime
import re

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import Decision, LetterBatch, Outcome
from inklusiv.selection.services import decisions as decision_services
from inklusiv.selection.services import letters as services
from inklusiv.selection.tasks import send_letter_batch
from tests.confirmations import confirmation_fields, post_confirmed
from tests.factories import make_user

from .test_decisions import make_procedure
from .test_letters import decided

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in their English msgids; pages are then served under /en/.
    with translation.override("en"):
        yield


DEFERRING = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def held_back(settings):
    """A backend that runs tasks later (like the database worker) and ten minutes' wait."""
    settings.LETTER_HOLD_BACK_MINUTES = 10
    with override_settings(TASKS=DEFERRING):
        send_letter_batch.get_backend().clear()
        yield
        send_letter_batch.get_backend().clear()


def test_send_letters_page_asks_in_german_with_counts_list_and_a_sample(client, staff, settings):
    settings.LETTER_HOLD_BACK_MINUTES = 10
    _call, first, _second, applications = decided(staff, count=3)
    client.force_login(staff)
    with translation.override("de"):
        url = reverse("selection:send_letters", args=[first.pk])
    response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="kern-heading-x-large">3 Schreiben an 3 Träger versenden?</h1>' in html
    for application in applications:
        assert application.organisation.name in html
    assert "10 Minuten" in html and "abbrechen" in html
    assert not LetterBatch.objects.exists() and mail.outbox == []
    # The sample letter is a real PDF of one of these decisions.
    sample = re.search(r'href="([^"]*preview\.pdf\?application=\d+)"', html).group(1)
    pdf = client.get(sample)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_a_changed_selection_is_asked_again_not_sent(client, staff):
    _call, first, _second, applications = decided(staff, count=3)
    client.force_login(staff)
    url = reverse("selection:send_letters", args=[first.pk])
    fields = confirmation_fields(client.post(url))
    # Meanwhile another decision's letter goes out on its own: the batch would differ.
    services.send_letters(actor=staff, decisions=[Decision.objects.order_by("pk").first()])
    mail.outbox.clear()
    response = client.post(url, fields)
    assert response.status_code == 200
    assert "has changed in the meantime" in response.content.decode()
    assert LetterBatch.objects.count() == 1 and mail.outbox == []


def test_confirmed_batch_waits_and_is_scheduled_for_later(
    client, staff, held_back, django_capture_on_commit_callbacks
):
    _call, first, _second, _applications = decided(staff, count=2)
    client.force_login(staff)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_confirmed(client, reverse("selection:send_letters", args=[first.pk]))
    batch = LetterBatch.objects.get()
    assert response["Location"] == reverse("selection:batch", args=[batch.pk])
    assert batch.held_back
    assert before + datetime.timedelta(minutes=10) <= batch.send_after
    # The task waits in the queue until the hold-back has passed.
    (result,) = send_letter_batch.get_backend().results
    assert result.task.run_after == batch.send_after
    # A worker starting it early (a retry) sends nothing.
    services.run_batch(batch.pk)
    assert mail.outbox == []
    page = client.get(response["Location"]).content.decode()
    assert "data-held-back" in page and "Cancel the sending" in page


def test_staff_cancel_a_held_back_batch_and_nothing_is_sent(client, staff, held_back):
    _call, first, _second, _applications = decided(staff, count=2)
    client.force_login(staff)
    post_confirmed(client, reverse("selection:send_letters", args=[first.pk]))
    batch = LetterBatch.objects.get()
    response = client.post(reverse("selection:batch_cancel", args=[batch.pk]), follow=True)
    assert "The sending is cancelled; 2 letters were not sent." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.CANCELLED
    assert (batch.cancelled_by, batch.cancelled_at is not None) == (staff, True)
    entry = AuditEntry.objects.get(action="letter_batch_cancelled")
    assert entry.actor == staff
    # When the task comes due, the cancelled batch stays unsent.
    with override_settings(LETTER_HOLD_BACK_MINUTES=0):
        LetterBatch.objects.filter(pk=batch.pk).update(send_after=timezone.now())
        services.run_batch(batch.pk)
    assert mail.outbox == []
    # Its decisions wait for a letter again and can be sent anew.
    assert services.decisions_without_letter(first).count() == 2
    assert "Cancel the sending" not in client.get(response.request["PATH_INFO"]).content.decode()


def test_a_batch_that_is_due_cannot_be_cancelled(staff, held_back):
    _call, first, _second, _applications = decided(staff, count=1)
    batch = services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))
    LetterBatch.objects.filter(pk=batch.pk).update(
        send_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    services.run_batch(batch.pk)
    assert mail.outbox
    with pytest.raises(DomainError):
        services.cancel_batch(actor=staff, batch=batch)
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.FINISHED


def test_only_staff_may_cancel(client, staff, held_back):
    _call, first, _second, _applications = decided(staff, count=1)
    batch = services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))
    client.force_login(make_user("commission_member"))
    assert client.post(reverse("selection:batch_cancel", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.QUEUED


def test_without_hold_back_the_letters_go_at_once(
    client, staff, settings, django_capture_on_commit_callbacks
):
    settings.LETTER_HOLD_BACK_MINUTES = 0
    _call, first, _second, _applications = decided(staff, count=2)
    client.force_login(staff)
    first_post = client.post(reverse("selection:send_letters", args=[first.pk]))
    assert "go out at once" in first_post.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post_confirmed(client, reverse("selection:send_letters", args=[first.pk]))
    assert LetterBatch.objects.get().status == LetterBatch.Status.FINISHED
    assert mail.outbox
    assert Decision.objects.filter(letters__sent_at__isnull=False).distinct().count() == 2


def test_batch_decision_page_lists_each_outcome_and_records_nothing_yet(client, staff):
    _call, first, _second, applications = make_procedure(count=3, quota=1)
    client.force_login(staff)
    url = reverse("selection:decide_batch", args=[first.pk])
    data = {"count": "1", "reason_advance": "Stark.", "reason_decline": "Schwächer."}
    response = client.post(url, data)
    html = response.content.decode()
    assert "Record 3 decisions?" in html
    assert "1 application goes on, 2 do not." in html
    best = decision_services.ranked_candidate_ids(first)[0]
    best_name = next(a for a in applications if a.pk == best).organisation.name
    assert f"{best_name}: advance" in html.replace("Advance", "advance")
    assert not Decision.objects.exists()
    # The reasons travel with the confirmation; a changed reason is a new question.
    fields = confirmation_fields(response)
    assert fields["reason_advance"] == "Stark."
    changed = client.post(url, {**fields, "reason_decline": "Anders."})
    assert changed.status_code == 200 and not Decision.objects.exists()
    assert client.post(url, fields).status_code == 302
    assert Decision.objects.filter(outcome=Outcome.ADVANCE).count() == 1


def test_quota_warning_comes_before_the_question(client, staff):
    _call, first, _second, _applications = make_procedure(count=3, quota=1)
    client.force_login(staff)
    response = client.post(
        reverse("selection:decide_batch", args=[first.pk]),
        {"count": "2", "reason_advance": "a", "reason_decline": "b"},
    )
    assert response.status_code == 400
    assert response.context["quota_warning"]
    assert 'name="confirm"' not in response.content.decode()
