"""A network coordinator updates a measure's progress and a milestone by keyboard alone, and
the roll-up changes on the concept page and the region's overview; the concept page and the
timeline have no axe violations."""

import re

import pytest

from inklusiv.pilots.progress import region_progress
from inklusiv.pilots.services import concept as services
from tests.pilots.concept_fixtures import build_concept
from tests.pilots.conftest import world  # noqa: F401 - the fixture, found by name

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def _overall(page, selector):
    text = page.locator(selector).inner_text()
    match = re.search(r"(\d+) %", text)
    assert match, text
    return int(match.group(1))


def test_coordinator_updates_progress_and_a_milestone_by_keyboard(
    page,
    live_server,
    world,  # noqa: F811
):
    _fields, _goals, measures = build_concept(world)
    measure = measures[0]  # planned, 0 %
    milestone = measure.milestones.get()
    region = world.region
    log_in(page.context, live_server, world.coordinator)
    concept_url = f"{live_server.url}/de/pilotregionen/{region.slug}/konzept/"
    region_url = f"{live_server.url}/de/pilotregionen/{region.slug}/"

    page.goto(region_url)
    region_before = _overall(page, "#region-progress")
    page.goto(concept_url)
    before = _overall(page, "#concept-overall")
    assert before == round(region_progress(region).overall)

    # The compact form of the first measure: progress, status, button — keyboard only.
    page.locator(f"#id_m{measure.pk}-progress").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("90")
    page.keyboard.press("Tab")  # to the status select
    page.keyboard.press("Tab")  # to the button
    assert page.locator(f"#measure-{measure.pk}-update").evaluate(
        "el => el.closest('button') === document.activeElement"
    )
    press_enter_and_wait(page)
    measure.refresh_from_db()
    assert measure.progress == 90
    after = _overall(page, "#concept-overall")
    assert after > before
    assert after == round(region_progress(region).overall)

    # The milestone: from the measure's link to its progress page, by keyboard.
    tab_to(page, f"a[href$='/massnahmen/{measure.pk}/fortschritt/']")
    press_enter_and_wait(page)
    page.locator("#id_progress").focus()
    tab_to(page, "#id_milestone")
    page.keyboard.press("ArrowDown")  # the first open milestone; the day defaults to today
    tab_to(page, "main form button[type=submit]")
    press_enter_and_wait(page)
    milestone.refresh_from_db()
    assert milestone.done_on is not None
    page.goto(concept_url)
    assert "1 von 1 Meilenstein erreicht" in page.locator(f"#measure-{measure.pk}").inner_text()

    # The region's overview shows the changed roll-up too.
    page.goto(region_url)
    assert _overall(page, "#region-progress") == after != region_before


def test_concept_pages_have_no_axe_violations(page, live_server, world):  # noqa: F811
    fields, _goals, measures = build_concept(world, measures=6)
    services.approve_by_steering(actor=world.steering, concept=world.region.concept)
    services.update_measure(
        actor=world.coordinator, measure=measures[0], data={"weight": 3}, reason="AG-Beschluss"
    )
    log_in(page.context, live_server, world.coordinator)
    base = f"{live_server.url}/de/pilotregionen/{world.region.slug}/konzept/"
    violations = []
    for address in [
        base,
        f"{base}zeitplan/",
        f"{base}versionen/",
        f"{base}versionen/vergleich/?a=1&b=2",
        f"{base}massnahmen/{measures[0].pk}/",
        f"{base}massnahmen/{measures[0].pk}/fortschritt/",
        f"{base}handlungsfelder/{fields[0].pk}/",
    ]:
        page.goto(address)
        violations += axe_violations(page)
    assert violations == []
