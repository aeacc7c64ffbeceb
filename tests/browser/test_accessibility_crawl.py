"""Crawl every page of the demo as each role: no axe-core WCAG 2.2 AA violation, no error.

Later issues add pages simply by linking them; the crawl follows every link a role sees.
"""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from inklusiv.accounts.models import User
from inklusiv.demo.people import DEMO_PEOPLE, TRAINER

from .conftest import axe_violations, log_in

# The pilot phase's network coordinator (demo/pilot_phase) has no platform role.
COORDINATOR = "m.schulz@jugendarbeit-neuruppin.example"
ROLES = ["anonymous"] + [email for _, email, _, _ in DEMO_PEOPLE] + [COORDINATOR, TRAINER[1]]
ROLE_IDS = (
    ["anonymous"]
    + [(role or "applicant") for _, _, _, role in DEMO_PEOPLE]
    + ["coordinator", "trainer"]
)
# Links the crawl must not follow: they change state or leave the product.
SKIP = re.compile(r"^/(static|media)/|/admin/|/logout/|\.(pdf|ics|csv|xlsx|eml)$")
# A list page with many detail pages is checked on one of them in each language, not all; the
# same holds for a list's variants by filter, sort order and page number (two of those).
PER_PATTERN = 1
PER_QUERY_PATTERN = 2
MAX_PAGES = 600
# Pages the crawl must have reached (by some role, in German and English), so that a page that
# loses its last link drops out loudly instead of silently.
MUST_REACH = [
    r"^/(de|en)/staff/visits/$",
    r"^/(de|en)/staff/visits/stages/\d+/$",
    r"^/(de|en)/staff/visits/meetings/\d+/$",
    r"^/(de|en)/visits/$",
    r"^/(de|en)/visits/poll/[\w-]+/$",
    r"^/(de|en)/visits/availability/$",
    r"^/(de|en)/visits/calendar/$",
    r"^/(de|en)/visits/meetings/\d+/agenda/$",
    r"^/(de|en)/visits/meetings/\d+/minutes/$",
    r"^/(de|en)/staff/selection/stages/\d+/ranking/",
    r"^/(de|en)/notifications/$",
    r"^/(de|en)/notifications/settings/$",
    # A letter batch's progress page (and its hold-back); the questions before mass actions
    # answer POSTs, which a crawl does not send: test_confirmation_pages.py checks those.
    r"^/(de|en)/staff/selection/batches/\d+/$",
    r"^/(de|en)/staff/selection/stages/\d+/reviews/$",
    r"^/(de|en)/staff/audit/$",
    r"^/(de|en)/staff/history/\d+/",
    # The pilot phase (for coach, expert, staff, coordinator and the public).
    r"^/(de|en)/regionen/$",
    r"^/(de|en)/regionen/[\w-]+/$",
    r"^/(de|en)/pilotregionen/$",
    r"^/(de|en)/pilotregionen/meine-aufgaben/$",
    r"^/(de|en)/pilotregionen/[\w-]+/$",
    r"^/(de|en)/pilotregionen/[\w-]+/mitglieder/$",
    r"^/(de|en)/pilotregionen/[\w-]+/strukturen/$",
    r"^/(de|en)/pilotregionen/[\w-]+/strukturen/gruppen/\d+/$",
    r"^/(de|en)/pilotregionen/[\w-]+/netzwerk/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/zeitplan/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/versionen/$",
    r"^/(de|en)/pilotregionen/[\w-]+/konzept/massnahmen/\d+/$",
    r"^/(de|en)/pilotregionen/[\w-]+/prozessbegleitung/$",
    r"^/(de|en)/pilotregionen/[\w-]+/prozessbegleitung/aufgaben/$",
    r"^/(de|en)/pilotregionen/[\w-]+/prozessbegleitung/profile/$",
    r"^/(de|en)/pilotregionen/[\w-]+/berichte/$",
    r"^/(de|en)/pilotregionen/[\w-]+/berichte/\d+/$",
    # The trainings (public catalogue; the funder's side organises and reads the figures).
    r"^/(de|en)/fortbildungen/$",
    r"^/(de|en)/fortbildungen/kurs/[\w-]+/$",
    r"^/(de|en)/fortbildungen/termine/\d+/$",
    r"^/(de|en)/fortbildungen/verwaltung/$",
    r"^/(de|en)/fortbildungen/termine/\d+/teilnehmende/$",
    r"^/(de|en)/fortbildungen/termine/\d+/anwesenheitsliste/$",
    r"^/(de|en)/fortbildungen/termine/\d+/check-in/$",
    r"^/(de|en)/fortbildungen/termine/\d+/rueckmeldungen/$",
    r"^/(de|en)/fortbildungen/kurs/[\w-]+/rueckmeldungen/$",
    r"^/(de|en)/fortbildungen/auswertung/$",
    r"^/(de|en)/fortbildungen/region/[\w-]+/$",
    r"^/(de|en)/evaluation/$",
    r"^/(de|en)/evaluation/wirkungsmodell/$",
    r"^/(de|en)/evaluation/region/[\w-]+/wirkungsmodell/$",
    r"^/(de|en)/evaluation/indikatoren/$",
    r"^/(de|en)/evaluation/berichte/$",
]


# The pilot regions' pages are many (six regions, each with its concept, network, sessions and
# reports) and look alike in both languages: each kind of page is checked once per role. So are
# the trainings' (ten sessions; tests/browser/test_trainings_pages.py checks each organiser's
# page in both languages), and the evaluation's (six regions, some sixty indicators, five
# surveys; tests/evaluation checks their pages in both languages).
REGION_PAGES = re.compile(r"^/L/(pilotregionen|regionen|fortbildungen|evaluation)/")


def _pattern(path: str) -> str:
    # A region's pages differ by its slug, not by a number: six regions are one pattern.
    path = re.sub(r"^/(de|en)/(?=(pilotregionen|regionen|fortbildungen|evaluation)/)", "/L/", path)
    path = re.sub(
        r"^/L/(pilotregionen|regionen)/(?!meine-aufgaben/|starten/)[\w-]+/", r"/L/\1/S/", path
    )
    # So do the courses, and a region's trainings.
    path = re.sub(r"/fortbildungen/(kurs|region)/[\w-]+/", r"/fortbildungen/\1/S/", path)
    # And a region's evaluation, a survey's pages and its results in a region.
    path = re.sub(r"/evaluation/(region|umfragen)/(?!neu/)[\w-]+/", r"/evaluation/\1/S/", path)
    path = re.sub(r"/umfragen/[\w-]+/$", "/umfragen/S/", path)
    return re.sub(r"\d+", "N", path)


# The crawl takes the longest of all tests; its roles are split over two modules (this one and
# test_accessibility_crawl_more.py), so that `make test` runs the halves on two cores. This half
# has the funder's side and the public, who reach every page of MUST_REACH between them.
FIRST_HALF = ["anonymous", "funder_staff", "programme_expert", "commission_member"]


@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_for_every_role(live_server, browser):
    crawl_roles(live_server, browser, FIRST_HALF, must_reach=MUST_REACH)


def crawl_roles(live_server, browser, role_ids, *, must_reach=()):
    # The demo is loaded once: it holds a whole call with 129 applications.
    call_command("load_demo", stdout=open("/dev/null", "w"))
    problems, reached = [], set()
    for email, role in zip(ROLES, ROLE_IDS, strict=True):
        if role not in role_ids:
            continue
        context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
        context.set_default_timeout(15_000)
        try:
            found, visited = _crawl(email, live_server, context)
            problems += [f"[{role}] {problem}" for problem in found]
            reached |= visited
        finally:
            context.close()
    assert problems == [], "\n".join(problems)
    for pattern in must_reach:
        assert any(re.search(pattern, path) for path in reached), f"never reached: {pattern}"


def _crawl(email, live_server, context):
    page = context.new_page()
    if email != "anonymous":
        log_in(context, live_server, User.objects.get(email=email))
    start = ["/de/", "/en/"] + (
        ["/de/dashboard/", "/en/dashboard/"] if email != "anonymous" else []
    )
    queue = deque((path, False) for path in start)
    seen = set(start)
    per_pattern = Counter()
    problems, visited, reached = [], 0, set()
    while queue and visited < MAX_PAGES:
        path, is_download = queue.popleft()
        visited += 1
        reached.add(urlsplit(path).path)
        if is_download:
            # A download never renders, so only its answer is checked.
            download = page.request.get(live_server.url + path)
            if download.status >= 400:
                problems.append(f"{path}: HTTP {download.status}")
            continue
        response = page.goto(live_server.url + path)
        status = response.status if response else 0
        if status >= 400:
            problems.append(f"{path}: HTTP {status}")
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        problems.extend(axe_violations(page))
        links = page.eval_on_selector_all(
            "a[href]", "els => els.map(e => [e.href, e.hasAttribute('download')])"
        )
        for href, is_download in links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc != urlsplit(live_server.url).netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or SKIP.search(parts.path):
                continue
            seen.add(target)
            key = _pattern(parts.path) + ("?" if parts.query else "")
            limit = PER_QUERY_PATTERN if parts.query else PER_PATTERN
            if per_pattern[key] >= (1 if REGION_PAGES.match(key) else limit):
                continue
            per_pattern[key] += 1
            queue.append((target, is_download))
    assert visited > len(start), "the crawl found no links to follow"
    return problems, reached
