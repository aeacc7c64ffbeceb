"""The network page in Chromium: no axe violation for the network coordinator, and the table
sorts by keyboard alone (Tab to a column's sort link, Enter)."""

import datetime

import pytest
from django.urls import reverse

from tests.pilots.conftest import world  # noqa: F401 - the region and its people
from tests.pilots.network_fixtures import actor, clear_network, tie

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_network_page_passes_axe_and_sorts_by_keyboard(page, context, live_server, world):  # noqa: F811
    region = world.region
    clear_network(region)
    rathaus = actor(region, "Rathaus", "administration")
    verein = actor(region, "Verein Miteinander", "civil_society")
    uni = actor(region, "Hochschule", "science")
    actor(region, "Selbstvertretung", "self_advocacy", joined_on=datetime.date(2018, 1, 1))
    tie(rathaus, verein)
    tie(verein, uni, kind="joint_measure")
    log_in(context, live_server, world.coordinator)
    address = reverse("pilots:network", args=[region.slug])
    page.goto(f"{live_server.url}{address}?am=2018-06-01")
    assert page.locator("svg.figure-svg g[data-actor]").count() == 4
    problems = axe_violations(page)
    page.goto(f"{live_server.url}/en{address[3:]}?am=2018-06-01")
    problems += axe_violations(page)
    assert problems == [], "\n".join(problems)

    page.goto(f"{live_server.url}{address}?am=2018-06-01")
    names = page.locator("#network-table tbody th[scope=row]")
    assert names.all_inner_texts()[0] == "Hochschule"
    tab_to(page, "#network-table a[data-sort=ties]")
    press_enter_and_wait(page)
    assert page.locator("#network-table th[aria-sort=descending] a[data-sort=ties]").count() == 1
    assert names.all_inner_texts()[0] == "Verein Miteinander"

    # The forms, one of them with an error summary.
    for name, args in [("actor_add", []), ("actor_edit", [verein.pk]), ("tie_add", [])]:
        page.goto(live_server.url + reverse(f"pilots:{name}", args=[region.slug, *args]))
        problems += axe_violations(page)
    page.get_by_role("button", name="Verbindung hinzufügen").click()
    assert page.locator(".error-summary").count() == 1
    problems += axe_violations(page)
    assert problems == [], "\n".join(problems)
