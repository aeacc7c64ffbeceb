"""The second half of the accessibility crawl (see test_accessibility_crawl.py): the applicant,
the process coach, the evaluator, the network coordinator of a pilot region and the trainer."""

import pytest

from .test_accessibility_crawl import FIRST_HALF, ROLE_IDS, crawl_roles

SECOND_HALF = [role for role in ROLE_IDS if role not in FIRST_HALF]
# The coordinator reaches the region's own pages from the dashboard.
COORDINATOR_MUST_REACH = [
    r"^/(de|en)/pilotregionen/[\w-]+/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/massnahmen/\d+/fortschritt/$",
    r"^/(de|en)/pilotregionen/[\w-]+/berichte/\d+/$",
    # The trainer organises their sessions; a coordinator registered for some.
    r"^/(de|en)/fortbildungen/verwaltung/$",
    r"^/(de|en)/fortbildungen/termine/\d+/teilnehmende/$",
    r"^/(de|en)/fortbildungen/meine-anmeldungen/$",
    # The evaluator builds and distributes surveys; a region's people read its evaluation.
    r"^/(de|en)/evaluation/$",
    r"^/(de|en)/evaluation/region/[\w-]+/$",
    r"^/(de|en)/evaluation/region/[\w-]+/indikatoren/$",
    r"^/(de|en)/evaluation/region/[\w-]+/umfragen/[\w-]+/$",
    r"^/(de|en)/evaluation/umfragen/$",
    r"^/(de|en)/evaluation/umfragen/[\w-]+/verteilen/$",
    r"^/(de|en)/evaluation/umfragen/[\w-]+/ergebnisse/$",
    r"^/(de|en)/evaluation/indikatoren/\d+/$",
    r"^/(de|en)/evaluation/berichte/\d+/$",
]


def test_the_halves_cover_every_role():
    assert set(SECOND_HALF) == {
        "applicant",
        "process_coach",
        "evaluator",
        "coordinator",
        "trainer",
    }


@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_for_every_other_role(live_server, browser):
    crawl_roles(live_server, browser, SECOND_HALF, must_reach=COORDINATOR_MUST_REACH)
