"""Process support and yearly reports in a real browser: the coach logs a session without
JavaScript and finds it in the log; the support and report pages have no axe violations."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.pilots.models import CoachingSession
from inklusiv.pilots.services import reports, support
from tests.pilots.conftest import world  # noqa: F401 - the fixture, found by name
from tests.pilots.support_fixtures import NOTE, a_session

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def de(text):
    with translation.override("de"):
        return translation.gettext(text)


def test_a_coach_logs_a_session_without_javascript(browser, live_server, world):  # noqa: F811
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True, locale="de-DE"
    )
    try:
        log_in(context, live_server, world.coach)
        page = context.new_page()
        page.goto(reverse("pilots:support", args=[world.region.slug]))
        page.get_by_role("link", name=de("Log a session")).first.click()
        page.get_by_label(de("Date of the session")).fill("2017-04-03")
        page.get_by_label(de("Workshop")).check()
        page.get_by_label(de("Participants")).fill("Steuerungsgruppe, Netzwerkkoordination")
        page.get_by_label(de("Topics")).fill("Geschäftsordnung der Steuerungsgruppe")
        page.get_by_label(de("Agreements")).fill("Entwurf bis Mai")
        page.get_by_label(de("Internal note")).fill("Nur für uns")
        with page.expect_navigation():
            page.get_by_role("button", name=de("Add the session to the log")).click()
        session = CoachingSession.objects.get(region=world.region)
        assert page.url.endswith(reverse("pilots:session", args=[world.region.slug, session.pk]))
        assert session.topics == "Geschäftsordnung der Steuerungsgruppe"
        assert session.format == "workshop"
        page.goto(reverse("pilots:support", args=[world.region.slug]))
        log = page.locator("#sessions-caption").locator("xpath=..")
        assert "Geschäftsordnung der Steuerungsgruppe" in log.inner_text()
    finally:
        context.close()


def _pages(world):  # noqa: F811
    session = a_session(world, held_on=datetime.date(2017, 5, 10))
    support.create_task(
        actor=world.coach,
        region=world.region,
        title="Geschäftsordnung entwerfen",
        owner=world.coordinator,
        due_on=datetime.date(2017, 6, 1),
        session=session,
    )
    support.record_profile(
        actor=world.coach,
        region=world.region,
        taken_on=datetime.date(2017, 3, 15),
        label="Profil zu Beginn",
        strengths="Viel Ehrenamt",
        weaknesses="Wenig ÖPNV",
    )
    support.record_profile(
        actor=world.coordinator,
        region=world.region,
        taken_on=datetime.date(2018, 3, 15),
        label="Profil 2018",
        strengths="Netzwerk",
        weaknesses="Wenig ÖPNV",
    )
    report = reports.open_report(actor=world.editor, region=world.region, year=2017)
    reports.save_text(actor=world.editor, report=report, text={"summary": "Ein Jahr."})
    reports.submit(actor=world.editor, report=report)
    reports.open_report(actor=world.editor, region=world.region, year=2018)
    slug = world.region.slug
    return {
        "coach": [
            reverse("pilots:support", args=[slug]),
            reverse("pilots:session", args=[slug, session.pk]),
            reverse("pilots:session_add", args=[slug]),
            reverse("pilots:tasks", args=[slug]),
            reverse("pilots:task_add", args=[slug]),
            reverse("pilots:profiles", args=[slug]),
            reverse("pilots:profile_add", args=[slug]),
            reverse("pilots:reports", args=[slug]),
            reverse("pilots:report", args=[slug, 2017]),
        ],
        "expert": [
            reverse("pilots:report", args=[slug, 2017]),
            reverse("pilots:report_review", args=[slug, 2017]),
        ],
        "editor": [
            reverse("pilots:support", args=[slug]),
            reverse("pilots:report", args=[slug, 2018]),
            reverse("pilots:report_submit", args=[slug, 2018]),
            reverse("pilots:report_open", args=[slug]),
        ],
    }


def test_support_and_report_pages_have_no_axe_violations(browser, live_server, world):  # noqa: F811
    pages = _pages(world)
    violations = []
    for who, urls in pages.items():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
        try:
            log_in(context, live_server, getattr(world, who))
            page = context.new_page()
            for url in urls:
                response = page.goto(url)
                assert response.status == 200, url
                if who == "editor":
                    assert NOTE not in page.content()
                violations += axe_violations(page)
        finally:
            context.close()
    assert not violations, "\n".join(violations)
