"""Each role's dashboard with waiting work of every kind, in the browser: no axe violation in
German and English, each work item reached and opened by keyboard, and the same list
without JavaScript."""

import pytest

from tests.notifications.work_world import grow, make_world

from .conftest import axe_violations, log_in
from .test_flows import tab_to

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["applicant", "staff", "expert", "member"]


def _people(world):
    return {
        "applicant": world.applicant,
        "staff": world.staff,
        "expert": world.expert,
        "member": world.member,
    }


def test_every_role_s_dashboard_passes_axe_and_its_work_opens_by_keyboard(browser, live_server):
    world = grow(make_world(), 2)
    problems = []
    for role, person in _people(world).items():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
        context.set_default_timeout(15_000)
        try:
            log_in(context, live_server, person)
            page = context.new_page()
            for language in ("de", "en"):
                page.goto(f"{live_server.url}/{language}/dashboard/")
                assert page.locator("li[data-work]").count() > 0, role
                problems += [f"[{role}] {problem}" for problem in axe_violations(page)]
            # The first (soonest due) item is reached by Tab and opens with Enter.
            page.goto(f"{live_server.url}/de/dashboard/")
            first = page.locator("li[data-work] a").first
            href = first.get_attribute("href")
            tab_to(page, "li[data-work] a")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url.endswith(href), role
            assert page.locator("h1").count() == 1, role
        finally:
            context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_lists_the_same_work_without_javascript(browser, live_server, role):
    world = grow(make_world(), 1)
    person = _people(world)[role]
    texts = []
    for javascript in (True, False):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, locale="de-DE"
        )
        try:
            log_in(context, live_server, person)
            page = context.new_page()
            page.goto(f"{live_server.url}/de/dashboard/")
            texts.append(page.locator("li[data-work]").all_inner_texts())
        finally:
            context.close()
    assert texts[0] and texts[0] == texts[1]
