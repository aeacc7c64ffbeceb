"""Letter templates with placeholders, preview, sending in a task, and what applicants see."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from inklusiv.accounts.models import Membership
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import Letter, LetterBatch, LetterTemplate, Outcome
from inklusiv.selection.services import decisions as decision_services
from inklusiv.selection.services import letters as services
from tests.confirmations import post_confirmed
from tests.factories import MembershipFactory, make_user

from .test_decisions import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def decided(staff, *, count=3, quota=1):
    """A stage whose applications are decided: the best one advances, the rest do not."""
    call, first, second, applications = make_procedure(count=count, quota=quota)
    decision_services.decide_batch(
        actor=staff,
        stage=first,
        advance=decision_services.ranked_candidate_ids(first)[:quota],
        reason_advance="Ein überzeugendes Netzwerk.",
        reason_decline="Andere Bewerbungen passten besser.",
    )
    return call, first, second, applications


# --- placeholders and templates --------------------------------------------------------------


def test_fill_replaces_known_placeholders_only_and_runs_no_template_code():
    text = "Hallo {{ organisation }}, {{organisation}}! {% if x %}{{ user.password }}{% endif %}"
    filled = services.fill(text, {"organisation": "Verein"})
    assert filled == "Hallo Verein, Verein! {% if x %}{{ user.password }}{% endif %}"
    assert services.unknown_placeholders(text) == ["user.password"]


def test_saving_a_template_refuses_unknown_placeholders_and_lists_the_allowed(staff):
    call, *_ = make_procedure(count=1)
    with pytest.raises(DomainError) as refused:
        services.save_template(
            actor=staff,
            call=call,
            outcome=Outcome.ADVANCE,
            language="de",
            subject="Ihre Bewerbung {{ reference }}",
            body="Liebe {{ vorname }}, {{ organisation.memberships }}",
        )
    message = str(refused.value)
    assert refused.value.field == "body"
    assert "{{ vorname }}" in message and "{{ organisation.memberships }}" in message
    assert "{{ next_stage }}" in message and "{{ funder }}" in message
    assert not LetterTemplate.objects.exists()
    saved = services.save_template(
        actor=staff,
        call=call,
        outcome=Outcome.ADVANCE,
        language="de",
        subject="Ihre Bewerbung {{ reference }}",
        body="Liebe {{ contact_name }}, willkommen in {{ next_stage }}.",
    )
    assert services.template_for(call, Outcome.ADVANCE, "de") == saved
    assert AuditEntry.objects.filter(action="letter_template_saved").exists()


def test_default_templates_exist_for_every_outcome_and_language():
    call, *_ = make_procedure(count=1)
    templates = services.templates_of(call)
    assert len(templates) == 8
    for template in templates.values():
        assert services.unknown_placeholders(template.subject + template.body) == []
    assert "Glückwunsch" in templates[(Outcome.ADVANCE, "de")].body
    assert "Congratulations" in templates[(Outcome.SELECT, "en")].body


def test_template_page_refuses_unknown_placeholders_and_keeps_the_text(client, staff):
    call, *_ = make_procedure(count=1)
    client.force_login(staff)
    overview = client.get(reverse("selection:letter_templates", args=[call.pk]))
    assert overview.status_code == 200
    assert "standard text" in overview.content.decode()
    url = reverse("selection:letter_template", args=[call.pk, "decline", "de"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"subject": "Absage", "body": "Hallo {{ foo }}, leider nein."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown placeholders: {{ foo }}" in html
    assert "Hallo {{ foo }}, leider nein." in html
    response = client.post(
        url, {"subject": "Absage {{ reference }}", "body": "Leider {{ reason }}"}
    )
    assert response.status_code == 302
    assert LetterTemplate.objects.get(call=call, outcome="decline", language="de").body == (
        "Leider {{ reason }}"
    )


def test_preview_shows_the_letter_for_a_chosen_application(client, staff):
    call, first, second, applications = decided(staff)
    best = decision_services.Decision.objects.get(outcome=Outcome.ADVANCE).application
    client.force_login(staff)
    url = reverse("selection:letter_template", args=[call.pk, "advance", "de"])
    response = client.post(
        url,
        {
            "subject": "Weiter: {{ reference }}",
            "body": "{{ organisation }} geht in {{ next_stage }}. {{ reason }}",
            "application": best.pk,
            "preview": "1",
        },
    )
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.subject == f"Weiter: {best.reference}"
    assert (
        preview.body
        == f"{best.organisation.name} geht in Zweite Runde. Ein überzeugendes Netzwerk."
    )
    # Preview does not save.
    assert not LetterTemplate.objects.exists()
    pdf = client.get(
        reverse("selection:letter_preview_pdf", args=[call.pk, "advance", "de"]),
        {"application": best.pk},
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert best.organisation.name in text and best.reference in text


# --- sending -----------------------------------------------------------------------------


def test_sending_letters_renders_pdfs_mails_them_per_language_and_records_them(
    staff, django_capture_on_commit_callbacks
):
    _call, first, _second, applications = decided(staff, count=3)
    english_colleague = make_user(None, email="colleague@verein.example", language="en")
    MembershipFactory(
        user=english_colleague,
        organisation=applications[0].organisation,
        role=Membership.Role.MEMBER,
    )
    mail.outbox.clear()
    pending = services.decisions_without_letter(first)
    assert pending.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.send_letters(actor=staff, decisions=pending)
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.FINISHED
    assert (batch.done, batch.total, batch.failed) == (3, 3, 0)
    assert batch.task_id
    # Applications 1–3: German members and contact; application 1 also an English member.
    assert Letter.objects.count() == 4
    # One mail per recipient: each application's admin and contact, and application 1's
    # English colleague.
    assert len(mail.outbox) == 7
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert mimetype == "application/pdf"
        assert name.endswith(".pdf")
    first_application = applications[0]
    to_first = [m for m in mail.outbox if first_application.reference in m.subject]
    assert sorted(tuple(m.to) for m in to_first) == sorted(
        [
            ("colleague@verein.example",),
            (
                first_application.organisation.memberships.get(
                    role=Membership.Role.ADMIN
                ).user.email,
            ),
            (first_application.contact_email,),
        ]
    )
    for letter in Letter.objects.select_related("application__organisation"):
        assert letter.sent_at
        with letter.pdf.open("rb") as stored:
            text = pdf_text(stored.read())
        assert letter.application.organisation.name in text
        assert letter.application.reference in text
    assert AuditEntry.objects.filter(action="decision_letter_sent").count() == 4
    # Nothing left to send.
    assert services.decisions_without_letter(first).count() == 0
    with pytest.raises(DomainError):
        services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))


def test_a_failing_letter_is_listed_and_the_others_still_go_out(
    staff, django_capture_on_commit_callbacks, monkeypatch
):
    _call, first, _second, applications = decided(staff, count=2)
    original = services.send_decision_letters
    broken = applications[1].pk

    def flaky(decision, **kwargs):
        if decision.application_id == broken:
            raise RuntimeError("Mailserver nicht erreichbar")
        return original(decision, **kwargs)

    monkeypatch.setattr(services, "send_decision_letters", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.send_letters(
            actor=staff, decisions=services.decisions_without_letter(first)
        )
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.failed) == (LetterBatch.Status.FINISHED, 1, 1)
    assert "Mailserver nicht erreichbar" in batch.error
    assert applications[1].reference in batch.error


def test_batch_page_shows_progress(client, staff, django_capture_on_commit_callbacks):
    _call, first, _second, _applications = decided(staff, count=2)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_confirmed(client, reverse("selection:send_letters", args=[first.pk]))
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert response["Location"] == reverse("selection:batch", args=[batch.pk])
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<progress id="batch-progress-bar" max="2" value="2">' in html
    assert "2 of 2 letters sent" in html
    fragment = client.get(response["Location"], {"fragment": "1"})
    assert "<html" not in fragment.content.decode()
    assert "2 of 2 letters sent" in fragment.content.decode()


# --- what applicants see -------------------------------------------------------------------


def test_applicant_sees_the_decision_and_downloads_the_letter(
    client, staff, django_capture_on_commit_callbacks
):
    _call, first, _second, applications = decided(staff, count=2)
    best = decision_services.Decision.objects.get(outcome=Outcome.ADVANCE).application
    member = best.organisation.memberships.get().user
    client.force_login(member)
    # Before the letter is sent, the dashboard says nothing about the decision.
    assert "data-decision" not in client.get(reverse("applications:mine")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))
    mine = client.get(reverse("applications:mine")).content.decode()
    assert "Your application has been chosen for the next stage: Second round." in mine
    overview = client.get(reverse("applications:overview", args=[best.pk])).content.decode()
    assert "Your application has been chosen for the next stage" in overview
    letter = Letter.objects.get(application=best)
    assert reverse("selection:letter_pdf", args=[letter.pk]) in overview
    download = client.get(reverse("selection:letter_pdf", args=[letter.pk]))
    assert download.status_code == 200
    assert best.reference in pdf_text(download.content)
    other = next(a for a in applications if a.pk != best.pk)
    other_member = other.organisation.memberships.get().user
    client.force_login(other_member)
    mine = client.get(reverse("applications:mine")).content.decode()
    assert "Your application has not been advanced to the next stage." in mine


@pytest.mark.parametrize("who", ["outsider", "other_applicant", "commission_member"])
def test_nobody_else_gets_the_letter(client, staff, django_capture_on_commit_callbacks, who):
    _call, first, _second, applications = decided(staff, count=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))
    letter = Letter.objects.get(application=applications[0])
    person = {
        "outsider": lambda: make_user(None),
        "other_applicant": lambda: applications[1].organisation.memberships.get().user,
        "commission_member": lambda: make_user("commission_member"),
    }[who]()
    client.force_login(person)
    assert client.get(reverse("selection:letter_pdf", args=[letter.pk])).status_code == 404
    client.force_login(staff)
    assert client.get(reverse("selection:letter_pdf", args=[letter.pk])).status_code == 200


@pytest.mark.parametrize("role", ["applicant", None, "commission_member"])
def test_letter_pages_refuse_everyone_but_staff(
    client, staff, role, django_capture_on_commit_callbacks
):
    call, first, _second, applications = decided(staff, count=1)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.send_letters(
            actor=staff, decisions=services.decisions_without_letter(first)
        )
    client.force_login(make_user(role))
    for url in (
        reverse("selection:batch", args=[batch.pk]),
        reverse("selection:letter_templates", args=[call.pk]),
        reverse("selection:letter_template", args=[call.pk, "decline", "en"]),
        reverse("selection:letter_preview_pdf", args=[call.pk, "decline", "en"])
        + f"?application={applications[0].pk}",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_letters_on_their_way_are_not_queued_twice(staff, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _call, first, _second, _applications = decided(staff, count=2)
    batch = services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))
    assert batch.status == LetterBatch.Status.QUEUED
    assert services.decisions_without_letter(first).count() == 0
    with pytest.raises(DomainError):
        services.send_letters(actor=staff, decisions=services.decisions_without_letter(first))


# --- what the letter says, who signs it, and its date --------------------------------------


def _sent_letter_text(staff, *, contact_name="Katrin Lehmann", language="de", dated=None):
    """The PDF text of the advance letter of a decided stage, sent as one batch."""
    from django.test.utils import override_settings

    from inklusiv.applications.models import Application

    _call, first, _second, applications = decided(staff, count=1)
    Application.objects.filter(pk=applications[0].pk).update(contact_name=contact_name)
    if language != "de":
        for membership in applications[0].organisation.memberships.select_related("user"):
            membership.user.language = language
            membership.user.save(update_fields=["language"])
        Application.objects.filter(pk=applications[0].pk).update(contact_email="")
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        batch = services.send_letters(
            actor=staff, decisions=services.decisions_without_letter(first)
        )
    if dated:
        LetterBatch.objects.filter(pk=batch.pk).update(created_at=dated)
    services.run_batch(batch.pk)
    letter = Letter.objects.get(language=language)
    with letter.pdf.open("rb") as stored:
        return letter, pdf_text(stored.read())


def test_german_letter_greets_the_contact_person_and_speaks_to_the_applicant(staff, settings):
    settings.LETTER_SENDER_PHONE = "0228 2092-0"
    letter, text = _sent_letter_text(staff)
    assert letter.body.startswith("Guten Tag Katrin Lehmann,")
    assert "Sehr geehrte Damen und Herren" not in text
    assert "Ihre Bewerbung (Aktenzeichen" in letter.body
    assert "Bewerbung von" not in text
    flat = " ".join(text.split())
    # The sender block: funder, its address, the contact person with e-mail and phone.
    for part in (
        "Heinemannstraße 36",
        "53175 Bonn",
        "Miriam Albers",
        "staff@inklusiv.example",
        "0228 2092-0",
    ):
        assert part in flat, part
    # Signed by the staff member who decided, for the funder.
    funder = letter.application.call.initiative.funder
    assert letter.body.endswith(f"Mit freundlichen Grüßen\nMiriam Albers\n{funder}")
    mail_text = mail.outbox[-1].body
    assert "Miriam Albers, staff@inklusiv.example" in mail_text


def test_letter_to_nobody_by_name_uses_the_impersonal_salutation(staff):
    letter, _text = _sent_letter_text(staff, contact_name="  ")
    assert letter.body.startswith("Sehr geehrte Damen und Herren,")


def test_english_letter_greets_by_name_and_says_your_application(staff):
    letter, _text = _sent_letter_text(staff, language="en")
    assert letter.body.startswith("Dear Katrin Lehmann,")
    assert "your application (reference" in letter.body
    assert "application of" not in letter.body


def test_letter_is_dated_when_staff_sent_it_not_when_the_worker_rendered_it(staff):
    from tests.factories import berlin

    _letter, text = _sent_letter_text(staff, dated=berlin(2016, 10, 12, 9, 0))
    assert "12. Oktober 2016" in text


def test_decisions_table_says_when_each_letter_was_sent(client, staff):
    from tests.factories import berlin

    letter, _text = _sent_letter_text(staff)
    Letter.objects.filter(pk=letter.pk).update(sent_at=berlin(2016, 10, 12, 9, 5))
    client.force_login(staff)
    with translation.override("de"):
        url = reverse("selection:decisions", args=[letter.decision.stage_id])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "gesendet am 12.10.2016" in html


def test_template_page_explains_what_each_placeholder_becomes(client, staff):
    call, *_ = make_procedure(count=1)
    client.force_login(staff)
    page = client.get(reverse("selection:letter_template", args=[call.pk, "advance", "de"]))
    html = page.content.decode()
    assert "{{ salutation }}</code>: the greeting without its comma" in html
    assert "{{ signature }}</code>: the staff member who decided and the funder" in html


def test_preview_pdf_of_a_decided_application_names_the_contact_person(client, staff):
    call, _first, _second, _applications = decided(staff)
    best = decision_services.Decision.objects.get(outcome=Outcome.ADVANCE).application
    client.force_login(staff)
    pdf = client.get(
        reverse("selection:letter_preview_pdf", args=[call.pk, "advance", "de"]),
        {"application": best.pk},
    )
    text = " ".join(pdf_text(pdf.content).split())
    assert "Miriam Albers staff@inklusiv.example" in text
