"""Round one of 2016 in the browser: 129 reviewed applications, the top 10 advance, the rest
are declined, 129 PDF letters go out in the background while the progress bar moves, and
every applicant's dashboard shows the decision."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from inklusiv.accounts.models import Membership, Organisation, User
from inklusiv.applications.models import Application, Status
from inklusiv.selection.models import Decision, Letter, LetterBatch, Outcome, Review
from tests.factories import CallFactory, StageFactory, make_user

from .conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)

COUNT = 129
QUOTA = 10


def seed_round_one():
    """129 applications in review, each with one submitted review (bulk-created: fast)."""
    return _seed(COUNT, quota=QUOTA)


def _seed(count, *, quota):
    call = CallFactory(reference_year=2016, reference_prefix="KI")
    first = call.first_stage()
    first.quota = quota
    first.save(update_fields=["quota"])
    now = timezone.now()
    StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde",
        name_en="Second round",
        opens_at=now + datetime.timedelta(days=40),
        closes_at=now + datetime.timedelta(days=80),
        quota=6,
    )
    password = make_password("unused")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Inklusionsnetz {number:03d} e.V.",
            legal_form="ev",
            street=f"Marktplatz {number}",
            postcode="16816",
            city="Neuruppin",
            state="BB",
        )
        for number in range(1, count + 1)
    )
    users = User.objects.bulk_create(
        User(email=f"traeger{number:03d}@example.org", name=f"Kontakt {number}", password=password)
        for number in range(1, count + 1)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation, role=Membership.Role.ADMIN)
        for user, organisation in zip(users, organisations, strict=True)
    )
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            organisation=organisation,
            stage=first,
            status=Status.IN_REVIEW,
            reference=f"KI-2016-{number:04d}",
            contact_name=user.name,
            contact_email=user.email,
            submitted_at=now,
        )
        for number, (user, organisation) in enumerate(zip(users, organisations, strict=True), 1)
    )
    reviewer = make_user("commission_member")
    Review.objects.bulk_create(
        Review(
            stage=first,
            application=application,
            reviewer=reviewer,
            status=Review.Status.SUBMITTED,
            # Distinct totals: application 1 is best, 129 is last.
            total=Decimal(100) - Decimal(index) / 2,
            submitted_at=now,
        )
        for index, application in enumerate(applications)
    )
    return call, first, applications, users


def start_worker():
    """The database task worker, in a thread of this process (like `manage.py db_worker`)."""
    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test-worker",
        excluded_queue_names=[],
    )

    def run():
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return worker, thread


def test_batch_decision_and_letters_for_129_applications(page, context, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call, first, applications, users = seed_round_one()
    staff = make_user("funder_staff", email="referentin@aktion-mensch.example")
    log_in(context, live_server, staff)

    page.goto(f"{live_server.url}/de/staff/selection/stages/{first.pk}/decisions/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    assert page.locator("#id_count").input_value() == str(QUOTA)
    page.fill("#id_reason_advance", "Überzeugendes Konzept und starkes Netzwerk.")
    page.fill("#id_reason_decline", "Andere Sozialräume passten besser zum Aufruf.")
    with page.expect_navigation():
        page.locator("#batch form button[type=submit]").click()
    # The first click only asks, naming every decision; the second records them.
    assert page.locator("h1").inner_text() == f"{COUNT} Entscheidungen erfassen?"
    assert not Decision.objects.exists()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Decision.objects.filter(stage=first).count() == COUNT
    assert Decision.objects.filter(stage=first, outcome=Outcome.ADVANCE).count() == QUOTA
    best_ten = {a.pk for a in applications[:QUOTA]}
    assert (
        set(Decision.objects.filter(outcome=Outcome.ADVANCE).values_list("application", flat=True))
        == best_ten
    )
    assert axe_violations(page) == []

    mail.outbox.clear()
    with page.expect_navigation():
        page.locator("form[action$='/letters/send/'] button[type=submit]").click()
    assert page.locator("h1").inner_text() == (f"{COUNT} Schreiben an {COUNT} Träger versenden?")
    assert page.locator("main li").count() == COUNT
    assert "preview.pdf?application=" in page.locator("main a[href*='preview.pdf']").get_attribute(
        "href"
    )
    assert not LetterBatch.objects.exists() and not mail.outbox
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/staff/selection/batches/" in page.url
    batch = LetterBatch.objects.get()
    assert batch.total == COUNT
    assert page.locator("#batch-progress-bar").get_attribute("max") == str(COUNT)
    assert axe_violations(page) == []

    worker, thread = start_worker()
    seen = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            value = int(page.locator("#batch-progress-bar").get_attribute("value"))
            seen.add(value)
            status = page.locator("[data-batch-status]").get_attribute("data-batch-status")
            if status == "finished":
                break
            time.sleep(0.25)
        else:
            pytest.fail(f"The batch did not finish; progress seen: {sorted(seen)}")
    finally:
        worker.running = False
        thread.join(timeout=15)
    # The bar moved on the page without a reload: values strictly between 0 and 129.
    assert any(0 < value < COUNT for value in seen), sorted(seen)
    assert page.locator("[data-progress-text]").inner_text().startswith(f"{COUNT} ")
    assert axe_violations(page) == []

    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.failed) == (LetterBatch.Status.FINISHED, COUNT, 0)
    assert Letter.objects.filter(sent_at__isnull=False).count() == COUNT
    assert len(mail.outbox) == COUNT
    for message in mail.outbox:
        assert [mimetype for _name, _data, mimetype in message.attachments] == ["application/pdf"]
        assert message.attachments[0][1].startswith(b"%PDF-")

    # Every applicant's dashboard shows the decision with the letter.
    advanced_user, declined_user = users[0], users[-1]
    for user, expected in (
        (advanced_user, "Zweite Runde"),
        (declined_user, ""),
    ):
        client = Client()
        client.force_login(user)
        html = client.get("/de/applications/").content.decode()
        assert "data-decision" in html
        assert expected in html
    letter_ids = Letter.objects.values_list("application_id", flat=True)
    assert set(letter_ids) == {a.pk for a in applications}

    # The applicant's dashboard in the browser, checked with axe too.
    log_in(context, live_server, advanced_user)
    page.goto(f"{live_server.url}/de/applications/")
    assert page.locator("[data-decision]").count() == 1
    assert axe_violations(page) == []


def test_decision_and_letter_pages_have_no_axe_violations(page, context, live_server):
    call, first, applications, _users = seed_round_one_small()
    staff = make_user("funder_staff", email="referent@aktion-mensch.example")
    log_in(context, live_server, staff)
    base = f"{live_server.url}/de/staff/selection"
    submitted, best, second = applications

    visited = []

    def check(url=None):
        if url:
            page.goto(url)
        visited.append(page.url)
        assert page.locator("h1").count() == 1, page.url
        assert axe_violations(page) == []

    check(f"{base}/stages/{first.pk}/decisions/")
    check(f"{base}/applications/{submitted.pk}/formal-check/")
    # The error state: ineligible without a reason.
    page.locator("input[value=ineligible]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("[data-error-summary]").count() == 1
    check()
    # A decision, then one beyond the quota: the warning and the confirmation.
    check(f"{base}/applications/{best.pk}/decide/")
    page.locator("input[value=advance]").check()
    page.fill("#id_reason", "Sehr gutes Konzept.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto(f"{base}/applications/{second.pk}/decide/")
    page.locator("input[value=advance]").check()
    page.fill("#id_reason", "Auch gut.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".kern-alert--warning").count() == 1
    assert page.locator("#id_reason").input_value() == "Auch gut."
    check()
    check(f"{base}/calls/{call.pk}/letters/")
    check(f"{base}/calls/{call.pk}/letters/advance/de/")
    page.select_option("#id_application", str(best.pk))
    with page.expect_navigation():
        page.locator("button[name=preview]").click()
    assert page.locator("#preview").count() == 1
    check()
    assert len(visited) == 8


def seed_round_one_small():
    """One submitted application and two in review, quota 1."""
    call, first, applications, users = _seed(3, quota=1)
    Application.objects.filter(pk=applications[0].pk).update(status=Status.SUBMITTED)
    applications[0].refresh_from_db()
    return call, first, applications, users
