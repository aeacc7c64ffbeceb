"""Issue 3's acceptance point in a real browser: a new person registers, creates the
organisation, fills in and submits an expression of interest and receives the confirmation
e-mail with the PDF receipt – in German and in English, and by keyboard alone. Plus the
error summary, the form without JavaScript and the printed application."""

import io
import re

import pypdf
import pytest
from django.core import mail

from inklusiv.applications.models import Application, Concept, Partner, SocialSpace, Status
from inklusiv.applications.services import submit
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    QuestionFactory,
    complete,
)

from .conftest import axe_violations, log_in
from .test_flows import link_in_last_mail, press_enter_and_wait, tab_to, type_into

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Ein-gutes-Passwort-2016"
# A minimal file whose magic bytes say PDF: enough for the upload check.
LETTER = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

TEXTS = {
    "de": {
        "population": "31.000",
        "starting_situation": "Viele Wege in der Altstadt sind für Rollstühle zu steil.",
        "goals": "Alle Jugendlichen nehmen an den Freizeitangeboten der Stadt teil.",
        "approach": "Ein runder Tisch mit Vereinen, Schulen und Stadtverwaltung.",
        "expected_network": "Sportvereine, Volkshochschule, Behindertenbeirat.",
        "answer": "Weil hier schon viele Vereine zusammenarbeiten.",
        "submitted": "Vielen Dank! Ihre Bewerbung wurde mit dem Aktenzeichen",
        "status": "Eingereicht",
        "subject": "Ihre Bewerbung {reference} ist eingegangen",
        "hello": "Guten Tag Paula Neumann,",
        "receipt": "Eingangsbestätigung",
    },
    "en": {
        "population": "31,000",
        "starting_situation": "Many paths in the old town are too steep for wheelchairs.",
        "goals": "All young people take part in the town's leisure activities.",
        "approach": "A round table with clubs, schools and the town administration.",
        "expected_network": "Sports clubs, adult education centre, disability council.",
        "answer": "Because many associations already work together here.",
        "submitted": "Thank you! Your application has been submitted with reference number",
        "status": "Submitted",
        "subject": "Your application {reference} has been received",
        "hello": "Hello Paula Neumann,",
        "receipt": "Acknowledgement of receipt",
    },
}


def choose_by_keyboard(page, selector, value, limit=20):
    """Focus a <select> by Tab and press ArrowDown until the wanted option is chosen."""
    tab_to(page, selector)
    field = page.locator(selector)
    for _ in range(limit):
        if field.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    assert field.input_value() == value


def activate(page, selector):
    """Tab to a link or button and press Enter; wait for the page it leads to."""
    tab_to(page, selector)
    press_enter_and_wait(page)


def assert_accessible(page, visited):
    visited.append(page.url)
    assert axe_violations(page) == []


def flat(text):
    return " ".join(text.split())


@pytest.fixture
def draft():
    membership = MembershipFactory(user__name="Katrin Lehmann")
    application = ApplicationFactory(organisation=membership.organisation)
    return application, membership.user


@pytest.mark.parametrize("language", ["de", "en"])
def test_new_user_applies_by_keyboard_and_gets_pdf_receipt(page, live_server, language):
    texts = TEXTS[language]
    call = CallFactory()
    question = QuestionFactory(stage=call.first_stage(), kind="long_text", max_length=300)
    visited = []

    # The public call page: the apply button leads to the login, which keeps where to go.
    page.goto(f"{live_server.url}/{language}/calls/{call.slug}/")
    assert_accessible(page, visited)
    activate(page, f"main a[href='/{language}/calls/{call.slug}/apply/']")
    assert f"/{language}/accounts/login/" in page.url
    assert_accessible(page, visited)

    # No account yet: register, keeping the way back to the call.
    activate(page, "main a[href*='/accounts/signup/']")
    assert "next=" in page.url
    assert_accessible(page, visited)
    type_into(page, "#id_email", "neu@verein-neuruppin.example")
    type_into(page, "#id_name", "Paula Neumann")
    type_into(page, "#id_password1", PASSWORD)
    type_into(page, "#id_password2", PASSWORD)
    press_enter_and_wait(page)
    assert_accessible(page, visited)
    assert mail.outbox[-1].to == ["neu@verein-neuruppin.example"]

    # The person pastes the link from the mail into the address bar.
    page.goto(link_in_last_mail(r"http://\S+/accounts/confirm-email/\S+"))
    assert_accessible(page, visited)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{language}/calls/{call.slug}/apply/$"))
    assert_accessible(page, visited)

    # No organisation yet: create it, and come straight back to applying.
    activate(page, "main a[href*='/organisations/new/']")
    assert_accessible(page, visited)
    type_into(page, "#id_name", "Inklusion Neuruppin e.V.")
    choose_by_keyboard(page, "#id_legal_form", "ev")
    type_into(page, "#id_street", "Schinkelstraße 3")
    type_into(page, "#id_postcode", "16816")
    type_into(page, "#id_city", "Neuruppin")
    choose_by_keyboard(page, "#id_state", "BB")
    tab_to(page, "#id_fields_of_work_0")
    page.keyboard.press("Space")
    activate(page, "main form button[type=submit]")
    assert page.url.endswith(f"/{language}/calls/{call.slug}/apply/")
    assert_accessible(page, visited)
    # The only organisation is already chosen.
    assert page.locator("main input[name=organisation]").first.is_checked()
    activate(page, "main form button[type=submit]")
    assert re.search(r"/applications/\d+/$", page.url)
    assert_accessible(page, visited)
    application = Application.objects.get(organisation__name="Inklusion Neuruppin e.V.")

    # Step 1: the contact is filled in from the account.
    activate(page, "main .task-list a[href$='/steps/contact/']")
    assert_accessible(page, visited)
    assert page.locator("#id_contact_name").input_value() == "Paula Neumann"
    assert page.locator("#id_contact_email").input_value() == "neu@verein-neuruppin.example"
    type_into(page, "#id_contact_phone", "03391 123456")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/applications/{application.pk}/steps/space/")

    # Step 2: the social space.
    assert_accessible(page, visited)
    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")
    type_into(page, "#id_name", "Neuruppin")
    choose_by_keyboard(page, "#id_state", "BB")
    type_into(page, "#id_population", texts["population"])
    type_into(page, "#id_ags", "12068320")
    press_enter_and_wait(page)
    assert page.url.endswith(f"/applications/{application.pk}/partners/")

    # Step 3: one partner, with a letter of intent chosen in the file dialog.
    assert_accessible(page, visited)
    activate(page, "main a[href$='/partners/new/']")
    assert_accessible(page, visited)
    type_into(page, "#id_name", "Stadt Neuruppin")
    tab_to(page, "#id_sector_0")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_sector_3").is_checked()
    choose_by_keyboard(page, "#id_kind", "municipal_administration")
    type_into(page, "#id_contact_name", "Jens Winter")
    type_into(page, "#id_contact_email", "j.winter@neuruppin.example")
    type_into(page, "#id_role", "Bauamt und Sozialamt am runden Tisch")
    tab_to(page, "#id_letter")
    # The file input is reached by keyboard; the operating system's file dialog it opens is
    # outside the page, so the test hands the file to the focused input directly (headless
    # Chromium does not reliably open a chooser on a synthetic key press).
    assert page.evaluate("document.activeElement.id") == "id_letter"
    page.locator("#id_letter").set_input_files(
        files=[{"name": "absichtserklaerung.pdf", "mimeType": "application/pdf", "buffer": LETTER}]
    )
    activate(page, "main form button[type=submit]")
    assert page.url.endswith(f"/applications/{application.pk}/partners/")
    assert "Stadt Neuruppin" in page.locator("main .task-list").inner_text()
    assert "absichtserklaerung.pdf" in page.locator("main .task-list").inner_text()
    assert_accessible(page, visited)
    activate(page, "main .form-actions a.kern-btn--primary")
    assert page.url.endswith(f"/applications/{application.pk}/steps/concept/")

    # Step 4: the concept; fields of action are checkboxes, ticked with Space.
    assert_accessible(page, visited)
    type_into(page, "#id_starting_situation", texts["starting_situation"])
    type_into(page, "#id_goals", texts["goals"])
    tab_to(page, "#id_fields_of_action_3")
    page.keyboard.press("Space")
    tab_to(page, "#id_fields_of_action_4")
    page.keyboard.press("Space")
    type_into(page, "#id_approach", texts["approach"])
    type_into(page, "#id_expected_network", texts["expected_network"])
    activate(page, "main form button[type=submit]:not([name])")
    assert page.url.endswith(f"/applications/{application.pk}/steps/questions-{question.stage_id}/")

    # Step 5: the stage's own question, limited to 300 characters.
    assert_accessible(page, visited)
    # The limit is counted down beside the field (GOV.UK character count), not enforced by
    # a maxlength that would cut pasted text without notice.
    count = page.locator(f"#id_{question.key} ~ .character-count__status")
    assert (
        count.inner_text()
        == {
            "de": "Sie haben noch 300 Zeichen",
            "en": "You have 300 characters remaining",
        }[language]
    )
    type_into(page, f"#id_{question.key}", texts["answer"])
    activate(page, "main form button[type=submit]:not([name])")
    assert page.url.endswith(f"/applications/{application.pk}/review/")

    # Check and submit.
    assert_accessible(page, visited)
    review = flat(page.locator("main").inner_text())
    for name in ("starting_situation", "goals", "approach", "expected_network", "answer"):
        assert flat(texts[name]) in review
    assert "Stadt Neuruppin" in review
    assert "31" in review and "12068320" in review
    activate(page, "main form button[type=submit]")
    assert page.url.endswith(f"/applications/{application.pk}/")
    assert_accessible(page, visited)

    application.refresh_from_db()
    reference = f"KI-{call.reference_year}-0001"
    assert application.status == Status.SUBMITTED
    assert application.reference == reference
    main_text = page.locator("main").inner_text()
    assert texts["submitted"] in main_text
    assert reference in main_text
    assert texts["status"] in main_text
    assert application.social_space.population == 31000
    assert application.concept.fields_of_action == ["leisure", "mobility"]
    partner = Partner.objects.get(application=application)
    assert (partner.sector, partner.kind) == ("administration", "municipal_administration")
    assert partner.letter_of_intent.original_name == "absichtserklaerung.pdf"

    # The confirmation e-mail, in the person's language, with the PDF receipt.
    confirmations = [message for message in mail.outbox if message.attachments]
    assert len(confirmations) == 1
    confirmation = confirmations[0]
    assert confirmation.to == ["neu@verein-neuruppin.example"]
    assert confirmation.subject == texts["subject"].format(reference=reference)
    assert confirmation.body.startswith(texts["hello"])
    assert reference in confirmation.body
    ((filename, data, mimetype),) = confirmation.attachments
    assert filename == f"{reference}.pdf"
    assert mimetype == "application/pdf"
    assert data.startswith(b"%PDF")
    pdf_text = flat(
        "\n".join(pdf_page.extract_text() for pdf_page in pypdf.PdfReader(io.BytesIO(data)).pages)
    )
    assert texts["receipt"] in pdf_text
    assert reference in pdf_text
    assert "Inklusion Neuruppin e.V." in pdf_text
    for name in ("starting_situation", "goals", "approach", "expected_network"):
        assert flat(texts[name]) in pdf_text
    assert len(visited) >= 18


def test_error_summary_links_to_the_field(page, live_server, context, draft):
    application, member = draft
    log_in(context, live_server, member)
    page.goto(f"{live_server.url}/en/applications/{application.pk}/steps/space/")
    # Kind of social space and Bundesland stay empty; the AGS has a digit too few.
    type_into(page, "#id_name", "Neuruppin")
    type_into(page, "#id_population", "31000")
    type_into(page, "#id_ags", "1206832")
    press_enter_and_wait(page)

    summary = page.get_by_role("alert")
    assert summary.is_visible()
    assert summary.evaluate("el => el === document.activeElement")
    summary_text = summary.inner_text()
    assert "There is a problem" in summary_text
    assert "exactly 8 digits" in summary_text
    links = summary.locator("a")
    assert links.count() == 3
    assert links.first.get_attribute("href") == "#id_kind_0"

    # From the focused summary, Tab reaches its first link; Enter moves focus to the field.
    page.keyboard.press("Tab")
    assert links.first.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_kind_0"

    assert page.locator("#id_name").input_value() == "Neuruppin"
    assert page.locator("#id_population").input_value() == "31000"
    assert page.locator("#id_ags").input_value() == "1206832"
    assert page.locator("#id_ags").get_attribute("aria-invalid") == "true"
    assert not SocialSpace.objects.filter(application=application).exists()
    assert axe_violations(page) == []


def test_application_form_works_without_javascript(browser, live_server, draft):
    application, member = draft
    complete(application)
    # Everything but the concept is there; the concept is written without JavaScript.
    Concept.objects.filter(application=application).delete()
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    try:
        log_in(context, live_server, member)
        page = context.new_page()
        page.goto(f"/de/applications/{application.pk}/steps/concept/")
        page.fill("#id_starting_situation", "Kaum Angebote für Jugendliche mit Behinderung.")
        page.click("main form button[type=submit]:not([name])")
        # Without JavaScript the server still explains what is missing and keeps the input.
        summary = page.locator("[data-error-summary]")
        assert "Es gibt ein Problem" in summary.inner_text()
        assert summary.locator("a[href='#id_fields_of_action_0']").count() == 1
        assert (
            page.locator("#id_starting_situation").input_value()
            == "Kaum Angebote für Jugendliche mit Behinderung."
        )

        page.fill("#id_goals", "Barrierefreie Freizeit für alle.")
        page.check("#id_fields_of_action_3")
        page.fill("#id_approach", "Runder Tisch mit Vereinen und Schulen.")
        page.fill("#id_expected_network", "Sportvereine und Volkshochschule.")
        page.click("main form button[type=submit]:not([name])")
        assert page.url.endswith(f"/de/applications/{application.pk}/review/")
        concept = Concept.objects.get(application=application)
        assert concept.goals == "Barrierefreie Freizeit für alle."
        assert concept.fields_of_action == ["leisure"]
        assert "Runder Tisch mit Vereinen und Schulen." in page.locator("main").inner_text()

        page.click("main form button[type=submit]")
        assert page.url.endswith(f"/de/applications/{application.pk}/")
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
        assert application.reference in page.locator("main").inner_text()
        assert any(message.attachments for message in mail.outbox)
        # (axe itself needs JavaScript; the same pages are checked in the keyboard test.)
    finally:
        context.close()


def _hidden(locator):
    """Every element the locator matches is hidden (and there is at least one)."""
    assert locator.count() > 0
    return all(
        locator.nth(index).evaluate(
            "el => !el.checkVisibility() || getComputedStyle(el).display === 'none'"
        )
        for index in range(locator.count())
    )


def test_application_pages_print_cleanly(page, live_server, context, draft):
    application, member = draft
    complete(application)
    log_in(context, live_server, member)

    page.goto(f"/de/applications/{application.pk}/review/")
    assert page.locator("main form button[type=submit]").is_visible()
    page.emulate_media(media="print")
    for selector in (".skip-link", ".site-nav", ".site-account", ".site-language"):
        assert _hidden(page.locator(selector)), selector
    assert _hidden(page.locator(".site-footer nav"))
    assert _hidden(page.locator("main .step-nav"))
    assert _hidden(page.locator("main .no-print"))
    assert _hidden(page.locator("main button"))
    assert page.locator("h1").is_visible()
    for key in ("contact", "space", "partners", "concept"):
        assert page.locator(f"#section-{key}").is_visible()
    assert page.get_by_text(
        "Runder Tisch mit Vereinen, Schulen und der Stadtverwaltung."
    ).is_visible()

    # The draft's overview: its steps print, its "Check and submit" button does not.
    page.emulate_media(media="screen")
    page.goto(f"/de/applications/{application.pk}/")
    assert page.locator("main a.kern-btn").is_visible()
    page.emulate_media(media="print")
    for selector in (".skip-link", ".site-nav", ".site-footer nav", "main .no-print"):
        assert _hidden(page.locator(selector)), selector
    assert _hidden(page.locator("main a.kern-btn"))
    assert page.locator("h1").is_visible()
    assert page.locator("main .task-list").is_visible()

    # The submitted application's overview, as someone would print it for the files.
    submit(actor=member, application=application)
    page.emulate_media(media="screen")
    page.goto(f"/de/applications/{application.pk}/")
    page.emulate_media(media="print")
    for selector in (".skip-link", ".site-nav", ".site-footer nav", "main .no-print"):
        assert _hidden(page.locator(selector)), selector
    application.refresh_from_db()
    assert application.reference in page.locator("main dl").first.inner_text()
    assert page.locator("#content-heading").is_visible()
    assert page.locator("#section-concept").is_visible()
    assert page.get_by_text("Stadt Neuruppin", exact=True).first.is_visible()


def test_call_page_prints_without_apply_box_and_navigation(page, live_server):
    call = CallFactory(easy_read_summary="Wir suchen Orte.")
    page.goto(f"/de/calls/{call.slug}/")
    assert page.locator("#apply-heading").is_visible()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    for selector in (".skip-link", ".site-nav", ".site-footer nav", "main .no-print"):
        assert _hidden(page.locator(selector)), selector
    assert page.locator("h1").is_visible()
    assert page.locator("#stages-heading").is_visible()
    assert page.get_by_text(call.purpose_de).is_visible()
