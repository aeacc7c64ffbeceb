"""Reflow (WCAG 1.4.10) and text spacing (1.4.12) on the demo's pages.

At 320 CSS px nothing may make the whole page scroll sideways: long words and links wrap, and a
wide table scrolls inside its own box (which 1.4.10 allows for tables), together with everything
in it, the visually hidden texts included. The commission page must also take the text spacing of
WCAG 1.4.12 at 1280 px.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Organisation, Role, User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.demo.people import DEMO_PEOPLE
from inklusiv.selection.models import Assignment, ResearchNote
from inklusiv.trainings.models import TrainingSession
from inklusiv.visits.models import Visit
from tests.factories import make_user

from .conftest import axe_violations, log_in
from .test_flows import tab_to

STAFF, EXPERT, COMMISSION, APPLICANT, COACH, _EVALUATOR = (email for _, email, _, _ in DEMO_PEOPLE)

# The text-spacing bookmarklet of WCAG 1.4.12 (Steve Faulkner's), as a style sheet.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# What scrolls the page sideways, for the failure message: elements reaching past the right edge
# that no scroll box of their own holds, and boxes whose content is wider than they are.
OVERFLOW = """() => {
  const root = document.documentElement;
  const result = {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: []};
  if (root.scrollWidth <= root.clientWidth) return result;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const past = box.width > 0 && box.right > root.clientWidth + 1;
    const tooWide = el.clientWidth > 0 && style.overflowX === 'visible'
      && el.scrollWidth > el.clientWidth + 1;
    const held = scrolls(el) && !['absolute', 'fixed'].includes(style.position);
    if ((past || tooWide) && !held) {
      result.culprits.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
        + ' «' + el.textContent.trim().slice(0, 40).replace(/\\s+/g, ' ') + '»');
    }
  }
  result.culprits = result.culprits.slice(-4);
  return result;
}"""


def _pages():
    """(who, path) for the pages that scrolled sideways at 320 px, and their neighbours."""
    users = {email: User.objects.get(email=email) for email in (STAFF, COMMISSION, APPLICANT)}
    call_2016 = Call.objects.filter(applications__reference__startswith="KI-2016").distinct().get()
    first, second = call_2016.stages.order_by("position")[:2]
    assignment = Assignment.objects.filter(reviewer=users[COMMISSION], stage=first).first()
    visit = Visit.objects.filter(
        application__in=ResearchNote.objects.exclude(source_url="").values("application")
    ).first()
    shortlisted = visit.application
    draft = Application.objects.filter(
        status=Status.DRAFT, organisation__memberships__user=users[APPLICANT]
    ).first()
    organisation = Organisation.objects.filter(memberships__user=users[APPLICANT]).first()
    user_type = ContentType.objects.get_for_model(User)
    coming = TrainingSession.objects.filter(status="scheduled").order_by("-starts_at").first()
    held = (
        TrainingSession.objects.filter(registrations__attendance="present")
        .distinct()
        .order_by("starts_at")
        .first()
    )
    from inklusiv.evaluation.models import Indicator, PublicLink, Survey

    wave = Survey.objects.filter(status="closed").exclude(series="").first()
    running = Survey.objects.filter(status="open").first()
    indicator = Indicator.objects.filter(region__slug="neuruppin").first()
    public = PublicLink.objects.filter(survey=running).first()
    with translation.override("de"):
        staff_pages = [
            reverse("selection:commission", args=[first.pk]),
            reverse("selection:commission", args=[second.pk]),
            reverse("selection:stage", args=[first.pk]),
            reverse("selection:ranking", args=[first.pk]),
            reverse("selection:ranking", args=[second.pk]),
            reverse("selection:statistics", args=[call_2016.pk]),
            reverse("selection:letter_templates", args=[call_2016.pk]),
            reverse("visits:round", args=[second.pk]),
            reverse("visits:visit", args=[visit.pk]),
            reverse("visits:agenda", args=[visit.pk]),
            reverse("core:audit_log"),
            reverse("core:object_history", args=[user_type.pk, users[COMMISSION].pk]),
            reverse("accounts:staff_user_detail", args=[users[COMMISSION].pk]),
            reverse("calls:staff_call", args=[call_2016.pk]),
            reverse("applications:staff_detail", args=[shortlisted.pk]),
        ]
        pages = [(STAFF, path) for path in staff_pages]
        pages += [
            (COMMISSION, reverse("selection:my_reviews")),
            (COMMISSION, reverse("selection:review", args=[assignment.application_id])),
            (EXPERT, reverse("visits:agenda", args=[visit.pk])),
            (APPLICANT, reverse("applications:overview", args=[draft.pk])),
            (APPLICANT, reverse("accounts:organisation_detail", args=[organisation.pk])),
            (COACH, reverse("accounts:profile")),
            (None, reverse("core:privacy")),
            (None, reverse("core:easy_read")),
            # The pilot phase: wide tables, figures drawn on the server, long German words.
            (None, reverse("pilots:public_list")),
            (None, reverse("pilots:public_region", args=["neuruppin"])),
            (STAFF, reverse("pilots:list")),
            (COACH, reverse("pilots:region", args=["neuruppin"])),
            (COACH, reverse("pilots:network", args=["neuruppin"])),
            (COACH, reverse("pilots:concept", args=["neuruppin"])),
            (COACH, reverse("pilots:timeline", args=["neuruppin"])),
            (COACH, reverse("pilots:support", args=["neuruppin"])),
            (COACH, reverse("pilots:structures", args=["neuruppin"])),
            (EXPERT, reverse("pilots:report", args=["neuruppin", 2018])),
            # The trainings: tables of sessions and people, the chart of participation.
            (None, reverse("trainings:catalogue")),
            (None, reverse("trainings:session", args=[coming.pk])),
            (STAFF, reverse("trainings:manage")),
            (STAFF, reverse("trainings:participants", args=[coming.pk])),
            (STAFF, reverse("trainings:check_in", args=[held.pk])),
            (STAFF, reverse("trainings:statistics")),
            (STAFF, reverse("trainings:session_feedback", args=[held.pk])),
            # The evaluation: the staircase figure, the wide IPTT, results with breakdowns and a
            # survey answered on a small phone.
            (STAFF, reverse("evaluation:region_model", args=["neuruppin"])),
            (STAFF, reverse("evaluation:indicators")),
            (STAFF, reverse("evaluation:region_indicators", args=["neuruppin"])),
            (STAFF, reverse("evaluation:indicator", args=[indicator.pk])),
            (STAFF, reverse("evaluation:survey", args=[wave.slug])),
            (STAFF, reverse("evaluation:survey_distribution", args=[running.slug])),
            (STAFF, reverse("evaluation:survey_results", args=[wave.slug]) + "?breakdown=region"),
            (COACH, reverse("evaluation:region", args=["neuruppin"])),
            (None, reverse("evaluation:answer_start", args=[public.token])),
        ]
    overview = next(path for email, path in pages if f"/applications/{draft.pk}/" in path)
    return pages, draft, overview


def _sideways(page):
    result = page.evaluate(OVERFLOW)
    if result["scrollWidth"] <= result["clientWidth"]:
        return None
    return f"{result['scrollWidth']} px wide in {result['clientWidth']} px: " + "; ".join(
        result["culprits"]
    )


def _context(browser, live_server, email, width):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 800},
        locale="de-DE",
        # The text-spacing style sheet is injected inline, which our CSP rightly forbids.
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    if email:
        log_in(context, live_server, User.objects.get(email=email))
    return context


@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_at_320_px_and_commission_takes_text_spacing(browser, live_server):
    # One demo for both checks: loading it takes longer than the checks.
    call_command("load_demo", stdout=open("/dev/null", "w"))
    pages, draft, overview = _pages()
    problems = []
    contexts = {}
    try:
        for email, path in pages:
            if email not in contexts:
                contexts[email] = _context(browser, live_server, email, 320)
            page = contexts[email].new_page()
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{path} as {email}: HTTP {response.status}"
            if problem := _sideways(page):
                problems.append(f"{path} as {email or 'anonymous'}: {problem}")
            if path == overview:
                # Every step of the application, each with its step navigation beside it.
                steps = page.eval_on_selector_all(
                    f"a[href*='/applications/{draft.pk}/']", "links => links.map(a => a.href)"
                )
                for url in sorted(set(steps)):
                    if url.endswith(".pdf") or "/withdraw/" in url:
                        continue
                    page.goto(url)
                    if problem := _sideways(page):
                        problems.append(f"{url} as {email}: {problem}")
            page.close()

        # WCAG 1.4.12 at a desktop width: the commission pages with the bookmarklet's spacing.
        wide = _context(browser, live_server, STAFF, 1280)
        contexts["wide"] = wide
        page = wide.new_page()
        for _email, path in pages:
            if "/commission/" not in path:
                continue
            page.goto(live_server.url + path)
            page.add_style_tag(content=TEXT_SPACING)
            if problem := _sideways(page):
                problems.append(f"{path} at 1280 px with text spacing: {problem}")
    finally:
        for context in contexts.values():
            context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_staff_menus_open_by_keyboard_at_320_px_and_stay_in_the_page(
    browser, live_server, javascript
):
    staff = make_user(Role.FUNDER_STAFF)
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 320, "height": 800},
        locale="de-DE",
        java_script_enabled=javascript,
        bypass_csp=True,  # axe is injected inline
    )
    try:
        log_in(context, live_server, staff)
        page = context.new_page()
        page.goto(live_server.url + "/de/dashboard/")
        menu = page.locator("details[data-nav-menu]", has_text="Verwaltung")
        assert not menu.locator("a").first.is_visible()

        tab_to(page, "details[data-nav-menu]:has-text('Verwaltung') > summary")
        page.keyboard.press("Enter")
        assert menu.get_attribute("open") is not None
        assert _sideways(page) is None
        page.keyboard.press("Tab")
        first_link = menu.locator("a").first
        assert first_link.evaluate("el => el === document.activeElement")
        assert first_link.get_attribute("href") == "/de/staff/users/"
        # The open menu pushes the page down instead of covering it (WCAG 2.4.11).
        main_top = page.locator("main").bounding_box()["y"]
        assert menu.bounding_box()["y"] + menu.bounding_box()["height"] <= main_top

        if javascript:
            assert axe_violations(page) == []
            # Escape closes the menu and puts focus back on its button; opening another
            # menu closes this one.
            page.keyboard.press("Escape")
            assert menu.get_attribute("open") is None
            summary = menu.locator("summary")
            assert summary.evaluate("el => el === document.activeElement")
            page.keyboard.press("Enter")
            page.locator("details[data-nav-menu] > summary", has_text="Auswahl").click()
            assert menu.get_attribute("open") is None
    finally:
        context.close()
