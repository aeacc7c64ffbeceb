"""The trainings' organiser and participant pages in a real browser, in German and English:
no axe-core violation. The accessibility crawl checks each kind of trainings page once per
role; this checks each page in both languages on a session that is running now, with its
check-in, certificates, waiting list and feedback."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.trainings.h5_fixtures import build_world

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _pages(world):
    session, course = world.session, world.course
    organiser = [
        ("trainings:manage", []),
        ("trainings:course_edit", [course.slug]),
        ("trainings:session_edit", [session.pk]),
        ("trainings:participants", [session.pk]),
        ("trainings:attendance_sheet", [session.pk]),
        ("trainings:check_in", [session.pk]),
        ("trainings:certificates_issue", [session.pk]),
        ("trainings:certificate_batch", [world.batch.pk]),
        ("trainings:session_feedback", [session.pk]),
        ("trainings:course_feedback", [course.slug]),
        ("trainings:statistics", []),
        ("trainings:region", [world.region.slug]),
    ]
    participant = [
        ("trainings:mine", []),
        ("trainings:registration", [world.registration.pk]),
        ("trainings:feedback", [world.registration.pk]),
        ("trainings:session", [session.pk]),
    ]
    return [(world.staff, organiser), (world.participant, participant)]


def test_the_trainings_pages_have_no_axe_violations(browser, live_server, staff):
    world = build_world(staff)
    problems = []
    for user, pages in _pages(world):
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        try:
            log_in(context, live_server, user)
            page = context.new_page()
            for language in ("de", "en"):
                for name, args in pages:
                    with translation.override(language):
                        path = reverse(name, args=args)
                    response = page.goto(path)
                    if response.status >= 400:
                        problems.append(f"{path}: HTTP {response.status}")
                        continue
                    problems += axe_violations(page)
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
