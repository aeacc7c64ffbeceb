"""Review due dates in the browser: staff set the due date by keyboard and read the progress
per reviewer, the member reads the due date on their list and the review form, in German
and English, without JavaScript too, with no axe violation."""

import datetime

import pytest
from django.utils import timezone

from inklusiv.applications.models import SocialSpace, Status
from inklusiv.selection.models import Assignment, CommissionMember
from inklusiv.selection.services.review_reminders import send_review_reminders
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, make_user

from .conftest import axe_violations, log_in
from .test_flows import press_enter_and_wait, tab_to

pytestmark = pytest.mark.django_db(transaction=True)


def _world():
    stage = CallFactory().first_stage()
    stage.reviews_due_at = timezone.now() + datetime.timedelta(days=2)
    stage.save(update_fields=["reviews_due_at"])
    reviewer = make_user("commission_member", name="Rita Reviewerin")
    CommissionMember.objects.create(stage=stage, user=reviewer)
    for number in (1, 2):
        application = ApplicationFactory(
            call=stage.call,
            organisation=MembershipFactory(
                organisation__name=f"Inklusionsnetz {number} e.V."
            ).organisation,
        )
        SocialSpace.objects.create(
            application=application, kind="city", name=f"Ort {number}", state="BB", population=1
        )
        type(application).objects.filter(pk=application.pk).update(
            status=Status.IN_REVIEW, reference=f"KI-2016-{number:04d}"
        )
        Assignment.objects.create(
            stage=stage, application=application, reviewer=reviewer, method="manual"
        )
    send_review_reminders()
    return stage, reviewer


def test_staff_reach_the_progress_by_keyboard_and_every_page_passes_axe(live_server, context, page):
    stage, reviewer = _world()
    staff = make_user("funder_staff", name="Miriam Albers")
    log_in(context, live_server, staff)
    page.goto(f"/de/staff/selection/stages/{stage.pk}/")
    tab_to(page, f'a[href="/de/staff/selection/stages/{stage.pk}/reviews/"]')
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Stand der Bewertungen"
    row = page.locator("tr", has_text="Rita Reviewerin")
    assert row.locator("td").nth(2).inner_text() == "2"
    problems = axe_violations(page)
    for path in (
        f"/en/staff/selection/stages/{stage.pk}/reviews/",
        f"/de/staff/selection/stages/{stage.pk}/",
        f"/de/staff/stages/{stage.pk}/edit/",
        f"/en/staff/stages/{stage.pk}/edit/",
    ):
        page.goto(path)
        problems += axe_violations(page)
    assert problems == []


def test_member_reads_the_due_date_without_javascript(live_server, browser):
    stage, reviewer = _world()
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=True, locale="de-DE", java_script_enabled=False
    )
    try:
        log_in(context, live_server, reviewer)
        page = context.new_page()
        page.goto("/de/reviews/")
        assert "Ihre offenen Bewertungen" in page.content()
        application = Assignment.objects.filter(reviewer=reviewer).first().application
        page.goto(f"/de/reviews/{application.pk}/")
        assert "Bewertungen fällig" in page.content()
    finally:
        context.close()
    # axe needs scripts: the same pages once more with JavaScript, in both languages.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="de-DE")
    try:
        log_in(context, live_server, reviewer)
        page = context.new_page()
        problems = []
        for path in ("/de/reviews/", "/en/reviews/", f"/en/reviews/{application.pk}/"):
            page.goto(path)
            problems += axe_violations(page)
        assert problems == []
    finally:
        context.close()
