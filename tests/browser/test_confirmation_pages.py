"""The questions before mass or irreversible actions, in a real browser: reached from their
buttons, in German and English, with no axe violation; the confirm button is reached by
keyboard, and a held-back batch of letters is cancelled from its progress page."""

import pytest
from django.core import mail

from inklusiv.applications.models import Status
from inklusiv.selection.models import LetterBatch
from inklusiv.visits.models import Visit
from tests.factories import berlin, make_user
from tests.selection.test_decisions import make_procedure
from tests.selection.test_letters import decided
from tests.visits.conftest import visit_round  # noqa: F401 – the fixture, found by name

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en"]


def _asks(page, question):
    """The page is the question: one heading saying it, a confirm button, no violation."""
    assert page.locator("h1").count() == 1
    assert question in page.locator("h1").inner_text(), page.locator("h1").inner_text()
    assert page.locator("main form input[name=confirm]").count() == 1
    assert axe_violations(page) == [], page.url
    tab_to(page, "main form button[type=submit]", limit=200)


@pytest.mark.parametrize("language", LANGUAGES)
def test_selection_questions_and_the_held_back_batch(
    page, context, live_server, settings, language
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LETTER_HOLD_BACK_MINUTES = 10
    staff = make_user("funder_staff", email="referentin@aktion-mensch.example")
    _call, first, _second, _applications = decided(staff, count=3)
    _call, waiting, _second, _applications = make_procedure(count=3, quota=1)
    _call, submitted, _second, _applications = make_procedure(count=2, status=Status.SUBMITTED)
    log_in(context, live_server, staff)
    base = f"{live_server.url}/{language}/staff/selection/stages"
    de = language == "de"

    page.goto(f"{base}/{submitted.pk}/decisions/")
    with page.expect_navigation():
        page.locator("form[action$='/decisions/eligible/'] button[type=submit]").click()
    _asks(page, "2 Bewerbungen als formal zulässig" if de else "Mark 2 applications eligible?")

    page.goto(f"{base}/{waiting.pk}/decisions/")
    page.fill("#id_reason_advance", "Überzeugend.")
    page.fill("#id_reason_decline", "Andere passten besser.")
    with page.expect_navigation():
        page.locator("#batch form button[type=submit]").click()
    _asks(page, "3 Entscheidungen erfassen?" if de else "Record 3 decisions?")

    page.goto(f"{base}/{first.pk}/decisions/")
    with page.expect_navigation():
        page.locator("form[action$='/letters/send/'] button[type=submit]").click()
    _asks(
        page,
        "3 Schreiben an 3 Träger versenden?"
        if de
        else "Send 3 letters to 3 applicant organisations?",
    )
    press_enter_and_wait(page)
    batch = LetterBatch.objects.get()
    assert batch.held_back and mail.outbox == []
    assert page.locator("[data-held-back]").count() == 1
    assert axe_violations(page) == []
    tab_to(page, "form[action$='/cancel/'] button[type=submit]", limit=200)
    press_enter_and_wait(page)
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.CANCELLED
    assert page.locator("form[action$='/cancel/']").count() == 0
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_visits_questions(page, context, live_server, visit_round, language):  # noqa: F811
    staff = make_user("funder_staff", email="referentin@aktion-mensch.example")
    log_in(context, live_server, staff)
    de = language == "de"
    stage = visit_round.stage
    page.goto(f"{live_server.url}/{language}/staff/visits/stages/{stage.pk}/")
    with page.expect_navigation():
        page.locator("form[action$='/poll/'] button[type=submit]").click()
    _asks(page, "Terminabfrage an 3 Personen senden?" if de else "Send the poll to 3 people?")

    visit = visit_round.visits[0]
    Visit.objects.filter(pk=visit.pk).update(
        status=Visit.Status.CONFIRMED, start=berlin(2016, 11, 10, 10, 0)
    )
    page.goto(f"{live_server.url}/{language}/staff/visits/meetings/{visit.pk}/")
    with page.expect_navigation():
        page.locator("form[action$='/remove/'] button[type=submit]").first.click()
    _asks(page, "entfernen?" if de else "from the meeting with")

    page.goto(f"{live_server.url}/{language}/staff/visits/meetings/{visit.pk}/cancel/")
    assert page.locator("main form input[name=confirm]").count() == 1
    assert page.locator("#cancel-recipients-heading").count() == 1
    assert axe_violations(page) == []
    assert mail.outbox == []

    log_in(context, live_server, visit_round.expert)
    page.goto(f"{live_server.url}/{language}/visits/availability/")
    with page.expect_navigation():
        page.locator("form[action*='/availability/'][action$='/delete/'] button").first.click()
    _asks(page, "Verfügbarkeit" if de else "Remove your availability from")
