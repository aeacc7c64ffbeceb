"""The waiting list in a real browser, by keyboard alone (Tab, Enter, Space; no clicks): a
person registers for a full session and lands on the waiting list; someone cancels, the offer
mail carries the one-click link, the person opens it and accepts the seat. The same
registration works with JavaScript switched off. The participant's pages have no axe
violations."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.trainings.models import Course, Format, Registration, Service, TrainingSession
from inklusiv.trainings.services import registrations as svc
from tests.factories import UserFactory

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

Status = Registration.Status
LINK = re.compile(r"""https?://[^\s"'<>]+""")


def de(text):
    with translation.override("de"):
        return translation.gettext(text)


def tab_to(page, locator, limit=80):
    """Press Tab until the element has focus; fail if the keyboard never reaches it."""
    target = locator.first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{locator} cannot be reached by keyboard")


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.fixture
def full_session(db):
    trainer = UserFactory(name="Katrin Albers", email="albers@example.org")
    course = Course.objects.create(
        slug="leichte-sprache",
        title="Leichte Sprache im Alltag",
        description="Texte verständlich schreiben.",
        learning_goals="Regeln kennen\nTexte prüfen",
        target_group="Steuerungsgruppen",
        format=Format.HYBRID,
        length_minutes=240,
        trainer=trainer,
        published=True,
        summary_easy="Hier lernen Sie Leichte Sprache.",
    )
    start = timezone.now() + datetime.timedelta(days=10)
    session = TrainingSession.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        format=Format.HYBRID,
        venue="Haus der Begegnung",
        address="Marktplatz 1, 16816 Neuruppin",
        step_free=True,
        quiet_room=True,
        online_link="https://meet.example.org/leichte-sprache",
        capacity=1,
        registration_deadline=start - datetime.timedelta(days=2),
        cancellation_deadline=start - datetime.timedelta(days=3),
        services=[Service.SIGN_LANGUAGE, Service.EASY_READ],
        trainer=trainer,
    )
    first = UserFactory(name="Anna Erste", email="anna@example.org")
    seat = svc.register(actor=first, session=session)
    assert seat.status == Status.CONFIRMED
    person = UserFactory(name="Ben Zweiter", email="ben@example.org", language="de")
    mail.outbox.clear()
    return session, seat, person


def _register_for_waiting_list_by_keyboard(page, session):
    page.goto(reverse("trainings:session", args=[session.pk]))
    tab_to(page, page.get_by_role("link", name=de("Join the waiting list")))
    press_and_wait(page, "Enter")
    assert page.url.endswith(reverse("trainings:register", args=[session.pk]))
    # A need with its consent, ticked with the space bar.
    tab_to(page, page.get_by_label(de("A step-free seat")))
    page.keyboard.press("Space")
    tab_to(page, page.locator("#id_consent"))
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_to(page, page.get_by_role("button", name=de("Join the waiting list")))
    press_and_wait(page, "Enter")


def test_register_wait_get_the_offer_and_accept_it_by_keyboard(browser, live_server, full_session):
    session, seat, person = full_session
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
    try:
        log_in(context, live_server, person)
        page = context.new_page()
        _register_for_waiting_list_by_keyboard(page, session)
        registration = Registration.objects.get(session=session, user=person)
        assert registration.status == Status.WAITING
        assert page.url.endswith(reverse("trainings:registration", args=[registration.pk]))
        assert de("On the waiting list") in page.content()
        # Waiting people never see the online room.
        assert session.online_link not in page.content()

        # Anna cancels: the seat is offered to Ben by mail.
        mail.outbox.clear()
        svc.cancel(actor=seat.user, registration=seat)
        registration.refresh_from_db()
        assert registration.status == Status.OFFERED
        offers = [m for m in mail.outbox if person.email in m.to]
        assert len(offers) == 1
        offer_path = reverse("trainings:offer", args=["TOKEN"]).rsplit("TOKEN", 1)[0]
        links = [url for url in LINK.findall(offers[0].body) if offer_path in url]
        assert links, offers[0].body

        # The link works without signing in: a fresh browser opens it.
        anonymous = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
        try:
            offer_page = anonymous.new_page()
            offer_page.goto(urlsplit(links[0]).path)
            assert de("A seat is free for you") in offer_page.content()
            tab_to(offer_page, offer_page.get_by_role("button", name=de("Accept the seat")))
            press_and_wait(offer_page, "Space")
            assert de("Your seat is confirmed") in offer_page.content()
        finally:
            anonymous.close()
        registration.refresh_from_db()
        assert registration.status == Status.CONFIRMED

        # Now Ben has a seat: the session page gives him the online room.
        page.goto(reverse("trainings:session", args=[session.pk]))
        assert session.online_link in page.content()
    finally:
        context.close()


def test_joining_the_waiting_list_works_without_javascript(browser, live_server, full_session):
    session, _seat, person = full_session
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, bypass_csp=True, locale="de-DE"
    )
    try:
        log_in(context, live_server, person)
        page = context.new_page()
        _register_for_waiting_list_by_keyboard(page, session)
        registration = Registration.objects.get(session=session, user=person)
        assert registration.status == Status.WAITING
        assert registration.accessibility_need.needs == ["step_free"]
        assert de("On the waiting list") in page.content()
    finally:
        context.close()


def test_participant_pages_have_no_axe_violations(browser, live_server, full_session):
    session, seat, person = full_session
    waiting = svc.register(actor=person, session=session)
    svc.cancel(actor=seat.user, registration=seat)
    waiting.refresh_from_db()
    pages = [
        (None, reverse("trainings:catalogue")),
        (None, reverse("trainings:course", args=[session.course.slug])),
        (None, reverse("trainings:session", args=[session.pk])),
        (None, reverse("trainings:offer", args=[svc.offer_token(waiting)])),
        (None, reverse("trainings:offer", args=["kaputt"])),
        (person, reverse("trainings:mine")),
        (person, reverse("trainings:registration", args=[waiting.pk])),
        (seat.user, reverse("trainings:register", args=[session.pk])),
        (session.course.trainer, reverse("trainings:session", args=[session.pk])),
    ]
    violations = []
    for who, url in pages:
        for language in ("de", "en"):
            context = browser.new_context(
                base_url=live_server.url, bypass_csp=True, locale=f"{language}-DE"
            )
            try:
                if who is not None:
                    log_in(context, live_server, who)
                page = context.new_page()
                page.goto(url.replace("/de/", f"/{language}/", 1))
                violations += axe_violations(page)
            finally:
                context.close()
    assert violations == []
