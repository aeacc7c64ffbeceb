"""The main navigation: each role sees the links it can use, grouped (Auswahl, Verwaltung) for
the funder, and every link it is shown opens for it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Role
from inklusiv.selection.models import CommissionMember
from tests.factories import CallFactory, MembershipFactory, make_user

pytestmark = pytest.mark.django_db

PERSONAL = ["core:dashboard"]
APPLICANT = ["accounts:my_organisations", "applications:mine", "visits:mine"]
SELECTION = [
    "calls:staff_list",
    "applications:staff_list",
    "selection:overview",
    "visits:stages",
]
ADMINISTRATION = [
    "accounts:staff_users",
    "accounts:staff_organisations",
    "core:audit_log",
    "core:outbox",
    "core:feedback_list",
]
PUBLIC = ["calls:list", "pilots:public_list", "trainings:catalogue"]
ACCOMPANIMENT = ["pilots:list", "pilots:my_tasks"]
TRAININGS = ["trainings:manage", "trainings:statistics"]
EVALUATION = ["evaluation:home", "evaluation:surveys"]
EXPECTED = {
    "anonymous": (PUBLIC, {}),
    # Someone who registered to apply and has no organisation yet.
    "registered": ([*PUBLIC, *PERSONAL, *APPLICANT], {}),
    "applicant": ([*PUBLIC, *PERSONAL, *APPLICANT], {}),
    Role.FUNDER_STAFF: (
        [*PUBLIC, *PERSONAL, "visits:mine"],
        {
            "Auswahl": SELECTION,
            "Begleitung": [*ACCOMPANIMENT, *TRAININGS, *EVALUATION],
            "Verwaltung": ADMINISTRATION,
        },
    ),
    # The expert reads the figures of the trainings and the evaluation of every region.
    Role.PROGRAMME_EXPERT: (
        [*PUBLIC, *PERSONAL, "visits:mine"],
        {
            "Auswahl": ["applications:staff_list", "selection:overview", "visits:stages"],
            "Begleitung": ["trainings:statistics", "evaluation:home"],
        },
    ),
    # On a commission: reviews and the meetings the commission takes part in.
    Role.COMMISSION_MEMBER: ([*PUBLIC, *PERSONAL, "selection:my_reviews", "visits:mine"], {}),
    # A coach without a region yet has nothing to accompany; the evaluator reads every region.
    Role.PROCESS_COACH: ([*PUBLIC, *PERSONAL], {}),
    Role.EVALUATOR: ([*PUBLIC, *PERSONAL], {"Begleitung": [*ACCOMPANIMENT, *EVALUATION]}),
    Role.TRAINER: ([*PUBLIC, *PERSONAL, "trainings:manage"], {}),
}


@pytest.fixture(autouse=True)
def _german():
    with translation.override("de"):
        yield


def _person(client, who):
    if who == "anonymous":
        return None
    user = make_user(None if who == "registered" else who)
    if who == Role.COMMISSION_MEMBER:
        CommissionMember.objects.create(stage=CallFactory().first_stage(), user=user)
    client.force_login(user)
    return user


def _navigation(html):
    """(top-level links, {group label: links}) of the main navigation, as paths."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    if nav is None:
        return [], {}
    nav = nav.group(0)
    groups = {}
    for label, body in re.findall(r"<summary[^>]*>([^<]+).*?</summary>(.*?)</details>", nav, re.S):
        groups[label.strip()] = re.findall(r'<a href="([^"]+)"', body)
    top = re.sub(r"<details.*?</details>", "", nav, flags=re.S)
    return re.findall(r'<a href="([^"]+)"', top), groups


def _paths(names):
    return [reverse(name) for name in names]


@pytest.mark.parametrize("who", list(EXPECTED), ids=str)
def test_each_role_sees_the_links_it_can_use_and_each_opens(client, who):
    _person(client, who)
    top, groups = _navigation(client.get(reverse("core:home")).content.decode())
    expected_top, expected_groups = EXPECTED[who]
    assert top == _paths(expected_top)
    assert groups == {label: _paths(names) for label, names in expected_groups.items()}
    for path in top + [path for links in groups.values() for path in links]:
        assert client.get(path).status_code == 200, path


def test_people_with_a_part_in_a_region_see_the_accompaniment(client, staff):
    from tests.pilots.conftest import make_region

    expert = make_user(Role.PROGRAMME_EXPERT)
    coach = make_user(Role.PROCESS_COACH)
    region = make_region(staff, expert, coach)
    coordinator = make_user(None)
    region.members.create(user=coordinator, role="coordinator")
    for person in (expert, coach, coordinator):
        client.force_login(person)
        top, groups = _navigation(client.get(reverse("core:home")).content.decode())
        links = top + [path for links in groups.values() for path in links]
        for path in _paths(ACCOMPANIMENT):
            assert path in links, person
            assert client.get(path).status_code == 200, path


def test_staff_who_belong_to_an_organisation_also_see_the_applicant_pages(client):
    staff = _person(client, Role.FUNDER_STAFF)
    top, _ = _navigation(client.get(reverse("core:home")).content.decode())
    assert reverse("applications:mine") not in top
    MembershipFactory(user=staff)
    top, _ = _navigation(client.get(reverse("core:home")).content.decode())
    assert reverse("accounts:my_organisations") in top
    assert reverse("applications:mine") in top


def test_commission_member_without_a_seat_has_neither_reviews_nor_meetings(client):
    user = make_user(Role.COMMISSION_MEMBER)
    client.force_login(user)
    top, groups = _navigation(client.get(reverse("core:home")).content.decode())
    assert top == _paths([*PUBLIC, *PERSONAL])
    assert groups == {}


def test_group_of_the_current_page_is_marked_and_the_page_link_is_current(client):
    _person(client, Role.FUNDER_STAFF)
    audit_log = reverse("core:audit_log")
    html = client.get(audit_log).content.decode()
    menus = re.findall(
        r"<details[^>]*>\s*<summary([^>]*)>(.*?)</summary>(.*?)</details>", html, re.S
    )
    marked = {summary.split("<")[0]: "--current" in attributes for attributes, summary, _ in menus}
    assert marked == {"Auswahl": False, "Begleitung": False, "Verwaltung": True}
    current = next(summary for _, summary, links in menus if audit_log in links)
    # Screen readers hear it too, not only see the bold label.
    assert "(aktueller Bereich)" in current
    assert f'<a href="{audit_log}" aria-current="page">' in html


def test_staff_overview_lists_the_areas_and_leaves_out_the_applicant_sections(client):
    _person(client, Role.FUNDER_STAFF)
    html = client.get(reverse("core:dashboard")).content.decode()
    main = html.split('<main id="main"', 1)[1]
    for name in SELECTION + ADMINISTRATION:
        assert f'href="{reverse(name)}"' in main, name
    assert reverse("applications:mine") not in main
    assert reverse("accounts:organisation_create") not in main


def test_applicant_overview_keeps_applications_and_organisations(client):
    _person(client, "applicant")
    main = client.get(reverse("core:dashboard")).content.decode().split('<main id="main"', 1)[1]
    assert reverse("applications:mine") in main
    assert reverse("accounts:organisation_create") in main
    assert "<details" not in main
