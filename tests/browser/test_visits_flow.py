"""Issue 5's on-site meetings in a real browser: a contact without an account answers the
availability poll by keyboard alone (and without JavaScript), staff run the optimiser and
send the invitations with a calendar part, and an impossible round is explained, not failed."""

import re

import icalendar
import pytest
from django.core import mail
from django.utils import formats, timezone, translation

from inklusiv.selection.models import OpenQuestion, ResearchNote
from inklusiv.visits.models import AccessibilityNeed, PollAnswer, PollSlot, Visit
from tests.factories import berlin, make_user
from tests.visits.conftest import visit_round  # noqa: F401 – the fixture, found by name

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fast_solver(settings):
    settings.VISITS_SOLVER_SECONDS = 5


def poll_url(live_server, participant, language="de"):
    return f"{live_server.url}/{language}/visits/poll/{participant.token}/"


def focused(page, selector):
    return page.locator(selector).first.evaluate("el => el === document.activeElement")


def submit_by_keyboard(page):
    """Tab to the form's button, press Enter; the HTTP status of the page it leads to."""
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    return navigation.value.status


def de(text):
    """What the German pages say for an English message id (the catalogue keeps growing)."""
    with translation.override("de"):
        return translation.gettext(text)


def short(moment):
    """A moment as the German staff pages show it."""
    with translation.override("de"):
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def test_contact_answers_the_poll_by_keyboard(page, live_server, visit_round):  # noqa: F811
    contact = visit_round.contacts[0]
    first, second = PollSlot.objects.filter(visit=contact.visit).order_by("start")
    page.goto(poll_url(live_server, contact))
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "de"
    assert axe_violations(page) == []

    # "Yes" for the first time (Space checks the focused radio), nothing for the second.
    tab_to(page, f"#id_slot_{first.pk}_0")
    page.keyboard.press("Space")
    assert page.locator(f"#id_slot_{first.pk}_0").is_checked()
    assert submit_by_keyboard(page) == 400

    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    # The project's script moves focus to the summary so that screen readers announce it.
    assert summary.get_attribute("role") == "alert"
    assert focused(page, "[data-error-summary]")
    links = summary.locator("a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == f"#id_slot_{second.pk}_0"
    assert de("Please choose yes, if need be or no.") in links.first.inner_text()
    # What was answered is still there.
    assert page.locator(f"#id_slot_{first.pk}_0").is_checked()
    assert not page.locator(f"input[name=slot_{second.pk}]:checked").count()
    assert axe_violations(page) == []

    # From the summary, Tab reaches its link; Enter puts the focus on the missing answer.
    page.keyboard.press("Tab")
    assert focused(page, f"[data-error-summary] a[href='#id_slot_{second.pk}_0']")
    page.keyboard.press("Enter")
    assert focused(page, f"#id_slot_{second.pk}_0")
    # ArrowDown moves to (and chooses) "if need be".
    page.keyboard.press("ArrowDown")
    assert page.locator(f"#id_slot_{second.pk}_1").is_checked()
    # Step-free access, but no consent yet.
    tab_to(page, "#id_needs_1")
    assert page.locator("#id_needs_1").get_attribute("value") == "step_free"
    page.keyboard.press("Space")
    assert submit_by_keyboard(page) == 400

    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert focused(page, "[data-error-summary]")
    assert summary.locator("a").first.get_attribute("href") == "#id_consent"
    consent_message = de(
        "Please confirm that we may store this information about your accessibility "
        "needs. Without your consent we cannot store it."
    )
    assert consent_message in summary.inner_text()
    assert page.locator(f"#id_slot_{first.pk}_0").is_checked()
    assert page.locator(f"#id_slot_{second.pk}_1").is_checked()
    assert page.locator("#id_needs_1").is_checked()
    assert not page.locator("#id_consent").is_checked()
    assert not PollAnswer.objects.exists()
    assert axe_violations(page) == []

    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    assert submit_by_keyboard(page) == 200  # after the redirect

    assert page.url == poll_url(live_server, contact)
    assert page.locator("[data-error-summary]").count() == 0
    assert page.locator(".messages .kern-alert--success[role=status]").count() == 1
    saved = page.locator("section[aria-labelledby=saved-heading]")
    assert saved.count() == 1
    assert axe_violations(page) == []

    answers = dict(PollAnswer.objects.filter(participant=contact).values_list("slot_id", "answer"))
    assert answers == {first.pk: "yes", second.pk: "if_need_be"}
    need = AccessibilityNeed.objects.get(participant=contact)
    assert need.needs == ["step_free"]
    assert need.consent_at is not None
    contact.refresh_from_db()
    assert contact.responded_at is not None

    # The same page in English, with what was saved.
    page.goto(poll_url(live_server, contact, "en"))
    assert page.locator("html").get_attribute("lang") == "en"
    main = page.locator("main").inner_text()
    assert "On-site meeting with Jugendarbeit Neuruppin e.V." in main
    assert "Your saved answers" in main
    assert "Your accessibility needs: step-free access" in main
    assert page.locator("label[for=id_needs_1]").inner_text() == "step-free access"
    assert page.locator("label[for=id_consent]").inner_text() == (
        "I agree that my accessibility needs are stored for this meeting"
    )
    assert page.locator(f"label[for=id_slot_{first.pk}_1]").inner_text() == "if need be"
    assert page.locator("main form button[type=submit]").inner_text() == "Save my answers"
    # The stored answers are the form's starting point.
    assert page.locator(f"#id_slot_{second.pk}_1").is_checked()
    assert page.locator("#id_consent").is_checked()
    assert axe_violations(page) == []


def test_poll_works_without_javascript(browser, live_server, visit_round):  # noqa: F811
    contact = visit_round.contacts[1]
    slots = list(PollSlot.objects.filter(visit=contact.visit).order_by("start"))
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="de-DE"
    )
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(poll_url(live_server, contact))
        # Without answers: the summary comes from the server, no script needed.
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit]").click()
        assert navigation.value.status == 400
        assert page.locator("[data-error-summary]").count() == 1
        assert page.locator("[data-error-summary] a").count() == len(slots)

        page.locator(f"#id_slot_{slots[0].pk}_2").check()
        page.locator(f"#id_slot_{slots[1].pk}_0").check()
        page.locator("#id_needs_0").check()
        page.fill("#id_details", "Deutsche Gebärdensprache, bitte zwei Dolmetscherinnen.")
        page.locator("#id_consent").check()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.url == poll_url(live_server, contact)
        assert page.locator("[data-error-summary]").count() == 0
        assert page.locator("section[aria-labelledby=saved-heading]").count() == 1
    finally:
        context.close()

    answers = dict(PollAnswer.objects.filter(participant=contact).values_list("slot_id", "answer"))
    assert answers == {slots[0].pk: "no", slots[1].pk: "yes"}
    need = AccessibilityNeed.objects.get(participant=contact)
    assert need.needs == ["sign_language"]
    assert need.details == "Deutsche Gebärdensprache, bitte zwei Dolmetscherinnen."
    assert need.consent_at is not None


def test_staff_run_the_optimiser_and_send_invitations(
    page,
    context,
    live_server,
    visit_round,  # noqa: F811
):
    staff = make_user("funder_staff", email="referentin@aktion-mensch.example")
    log_in(context, live_server, staff)
    round_url = f"{live_server.url}/de/staff/visits/stages/{visit_round.stage.pk}/"
    page.goto(round_url)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []

    tab_to(page, "form[action$='/schedule/'] button[type=submit]", limit=120)
    assert de("Run the optimiser") in page.evaluate("document.activeElement.textContent")
    press_enter_and_wait(page)
    assert page.url == round_url

    visits = list(Visit.objects.order_by("application__reference"))
    assert len(visits) == 3
    assert all(visit.proposed_start for visit in visits)
    table = page.locator("main table")
    for visit in visits:
        row = table.locator("tr", has_text=visit.application.organisation.name)
        assert short(visit.proposed_start) in row.inner_text()
    assert page.locator("#result-heading").count() == 1
    assert page.locator(".kern-alert--warning #result-heading").count() == 0
    assert axe_violations(page) == []

    mail.outbox.clear()
    tab_to(page, "form[action$='/confirm/'] button[type=submit]", limit=120)
    assert de("Confirm and send invitations") in page.evaluate("document.activeElement.textContent")
    press_enter_and_wait(page)
    # The first press only asks, naming each meeting; nothing is sent yet.
    assert page.locator("h1").inner_text() == (
        "Einladungen oder Aktualisierungen für 3 Gespräche senden?"
    )
    assert mail.outbox == []
    assert axe_violations(page) == []
    tab_to(page, "main form button[type=submit]", limit=120)
    press_enter_and_wait(page)
    assert page.url == round_url
    assert page.locator(".messages .kern-alert--success").count() == 1
    assert axe_violations(page) == []

    proposed = {visit.pk: visit.proposed_start for visit in visits}
    for visit in Visit.objects.all():
        assert visit.status == Visit.Status.CONFIRMED
        assert visit.start == proposed[visit.pk]
    # An expert and a contact per meeting.
    assert len(mail.outbox) == 6
    starts_by_reference = {v.application.reference: v.proposed_start for v in visits}
    for message in mail.outbox:
        parts = [
            part for part in message.message().walk() if part.get_content_type() == "text/calendar"
        ]
        assert len(parts) == 1, message.subject
        part = parts[0]
        assert part.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
        assert str(calendar["METHOD"]) == "REQUEST"
        events = calendar.walk("VEVENT")
        assert len(events) == 1
        reference = re.search(r"KI-2016-\d{4}", part.get_filename()).group(0)
        assert events[0].decoded("DTSTART") == starts_by_reference[reference]


def test_impossible_round_is_explained_in_the_browser(
    page,
    context,
    live_server,
    visit_round,  # noqa: F811
):
    """Two meetings of one expert, and both can only take place at the same time."""
    first, second, third = visit_round.visits
    third.delete()
    PollSlot.objects.filter(visit__in=[first, second]).delete()
    for visit in (first, second):
        PollSlot.objects.create(visit=visit, start=berlin(2016, 11, 9, 10, 0))
    staff = make_user("funder_staff", email="referent@aktion-mensch.example")
    log_in(context, live_server, staff)
    round_url = f"{live_server.url}/de/staff/visits/stages/{visit_round.stage.pk}/"
    page.goto(round_url)

    tab_to(page, "form[action$='/schedule/'] button[type=submit]", limit=120)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert page.url == round_url

    alert = page.locator(".kern-alert--warning", has=page.locator("#result-heading"))
    assert alert.count() == 1
    assert page.locator(".messages [role=alert]").count() == 1
    explanation = " ".join(alert.inner_text().split())
    for named in ("KI-2016-0001 (Neuruppin)", "KI-2016-0002 (Rostock)", "Jonas Brandt"):
        assert named in explanation
    assert "09.11.2016 10:00" in explanation
    assert not Visit.objects.filter(proposed_start__isnull=False).exists()
    assert axe_violations(page) == []


def test_a_partner_without_an_account_reads_the_agenda_from_the_poll(
    browser,
    live_server,
    visit_round,  # noqa: F811
):
    # The agenda link of the poll page opens the participants' agenda by the seat's token,
    # without signing in; a long link in an open question wraps on a 320 px phone.
    contact = visit_round.contacts[0]
    application = contact.visit.application
    long_link = "https://www.neuruppin.example/" + "inklusionskonzept-" * 8 + "entwurf.pdf"
    OpenQuestion.objects.create(application=application, text=f"Siehe {long_link} – aktuell?")
    ResearchNote.objects.create(application=application, finding="Nur intern", source_url=long_link)
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, bypass_csp=True, locale="de-DE"
    )  # axe is injected inline
    page = context.new_page()
    try:
        page.goto(poll_url(live_server, contact))
        tab_to(page, f"main a[href$='/visits/poll/{contact.token}/agenda/']")
        press_enter_and_wait(page)
        assert page.url.endswith(f"/visits/poll/{contact.token}/agenda/")
        assert "login" not in page.url
        assert page.get_by_text("inklusionskonzept-", exact=False).first.is_visible()
        assert page.get_by_text("Nur intern").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert axe_violations(page) == []
    finally:
        context.close()
