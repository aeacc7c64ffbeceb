"""Formal check, start of the review and decisions: services, quota, refusals and pages."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.applications.models import Status
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import Decision, Outcome, Review
from inklusiv.selection.services import decisions as services
from tests.confirmations import post_confirmed
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    StageFactory,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in their English msgids; pages are then served under /en/.
    with translation.override("en"):
        yield


def make_procedure(*, count=5, quota=2, final_quota=1, status=Status.IN_REVIEW, scores=None):
    """A call with two stages and `count` applications in stage 1, each scored by reviews.

    scores: the review totals per application (best is the highest); by default falling."""
    call = CallFactory()
    first = call.first_stage()
    first.quota = quota
    first.save(update_fields=["quota"])
    now = timezone.now()
    second = StageFactory(
        call=call,
        position=2,
        name_de="Zweite Runde",
        name_en="Second round",
        opens_at=now + datetime.timedelta(days=40),
        closes_at=now + datetime.timedelta(days=80),
        quota=final_quota,
    )
    reviewer = make_user("commission_member")
    applications = []
    scores = scores or [Decimal(90 - 10 * i) for i in range(count)]
    for number in range(count):
        application = ApplicationFactory(
            call=call, status=status, reference=f"KI-{call.reference_year}-{number + 1:04d}"
        )
        applications.append(application)
        MembershipFactory(organisation=application.organisation)
        Review.objects.create(
            stage=first,
            application=application,
            reviewer=reviewer,
            status=Review.Status.SUBMITTED,
            total=scores[number],
            submitted_at=now,
        )
    return call, first, second, applications


# --- formal check ---------------------------------------------------------------------------


def test_formal_check_marks_eligible_and_ineligible_with_reason(staff):
    _call, stage, _second, (a, b) = make_procedure(count=2, status=Status.SUBMITTED)
    services.check_formally(actor=staff, application=a, eligible=True)
    with pytest.raises(DomainError) as refused:
        services.check_formally(actor=staff, application=b, eligible=False, reason="  ")
    assert refused.value.field == "reason"
    b.refresh_from_db()
    assert b.status == Status.SUBMITTED
    services.check_formally(
        actor=staff, application=b, eligible=False, reason="Kein Partner aus der Verwaltung."
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (Status.ELIGIBLE, Status.INELIGIBLE)
    entry = AuditEntry.objects.get(object_id=str(b.pk), action="application_mark_ineligible")
    assert entry.reason == "Kein Partner aus der Verwaltung."


def test_ineligible_applicant_is_told_with_the_reason_in_their_language(
    staff, django_capture_on_commit_callbacks, mailoutbox
):
    _call, _stage, _second, (a, b) = make_procedure(count=2, status=Status.SUBMITTED)
    member = b.organisation.memberships.first().user
    member.language = "de"
    member.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.check_formally(actor=staff, application=a, eligible=True)
    assert mailoutbox == []  # eligible applications just go on
    with django_capture_on_commit_callbacks(execute=True):
        services.check_formally(
            actor=staff, application=b, eligible=False, reason="Kein Partner aus der Verwaltung."
        )
    (message,) = mailoutbox
    assert message.to == [member.email]
    assert b.reference in message.subject and "formalen Prüfung" in message.subject
    assert "Kein Partner aus der Verwaltung." in message.body


def test_formal_check_needs_staff(applicant):
    _call, _stage, _second, (a,) = make_procedure(count=1, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.check_formally(actor=applicant, application=a, eligible=True)
    commission = make_user("commission_member")
    with pytest.raises(PermissionDenied):
        services.check_formally(actor=commission, application=a, eligible=True)


def test_mark_remaining_eligible_then_start_review(staff):
    _call, stage, _second, applications = make_procedure(count=3, status=Status.SUBMITTED)
    services.check_formally(
        actor=staff, application=applications[0], eligible=False, reason="Zu spät."
    )
    assert services.mark_remaining_eligible(actor=staff, stage=stage) == 2
    assert services.start_review_for_stage(actor=staff, stage=stage) == 2
    statuses = sorted(a.status for a in type(applications[0]).objects.all())
    assert statuses == sorted([Status.INELIGIBLE, Status.IN_REVIEW, Status.IN_REVIEW])


def test_advanced_applications_start_the_review_in_the_next_stage(staff):
    _call, first, second, (a, b) = make_procedure(count=2)
    services.decide(actor=staff, application=a, outcome=Outcome.ADVANCE, reason="Überzeugend.")
    assert services.start_review_for_stage(actor=staff, stage=second) == 1
    a.refresh_from_db()
    assert (a.stage_id, a.status) == (second.pk, Status.IN_REVIEW)


# --- single decisions ----------------------------------------------------------------------


def test_decide_advances_into_the_next_stage_and_records_the_decision(staff):
    _call, first, second, (a, _b) = make_procedure(count=2)
    decision = services.decide(
        actor=staff, application=a, outcome=Outcome.ADVANCE, reason="Starkes Netzwerk."
    )
    a.refresh_from_db()
    assert a.status == Status.ADVANCED
    assert a.stage_id == second.pk
    # The decision belongs to the stage in which it was made, not the one it leads to.
    assert (decision.stage_id, decision.outcome, decision.decided_by) == (
        first.pk,
        Outcome.ADVANCE,
        staff,
    )
    assert decision.reason == "Starkes Netzwerk."
    assert AuditEntry.objects.filter(
        object_id=str(a.pk), action="decision_recorded", reason="Starkes Netzwerk."
    ).exists()


def test_decide_requires_a_reason(staff):
    _call, _first, _second, (a,) = make_procedure(count=1)
    with pytest.raises(DomainError) as refused:
        services.decide(actor=staff, application=a, outcome=Outcome.DECLINE, reason="")
    assert refused.value.field == "reason"
    assert not Decision.objects.exists()


def test_decide_refuses_a_transition_the_table_does_not_allow(staff):
    _call, _first, _second, (a,) = make_procedure(count=1, status=Status.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        services.decide(actor=staff, application=a, outcome=Outcome.ADVANCE, reason="Gut.")
    assert "not possible while the application is" in str(refused.value)
    assert not Decision.objects.exists()


def test_decide_refuses_an_outcome_of_another_stage_and_a_second_decision(staff):
    _call, _first, _second, (a, b) = make_procedure(count=2)
    with pytest.raises(DomainError) as refused:
        services.decide(actor=staff, application=a, outcome=Outcome.SELECT, reason="Gut.")
    assert refused.value.field == "outcome"
    services.decide(actor=staff, application=b, outcome=Outcome.DECLINE, reason="Zu vage.")
    with pytest.raises(DomainError) as again:
        services.decide(actor=staff, application=b, outcome=Outcome.DECLINE, reason="Zu vage.")
    assert "already has a decision" in str(again.value)


def test_last_stage_selects_and_rejects(staff):
    _call, _first, second, (a, b) = make_procedure(count=2, quota=2)
    for application in (a, b):
        services.decide(
            actor=staff, application=application, outcome=Outcome.ADVANCE, reason="Weiter."
        )
    services.start_review_for_stage(actor=staff, stage=second)
    assert [value for value, _label in services.outcomes_for(second)] == ["select", "reject"]
    services.decide(actor=staff, application=a, outcome=Outcome.SELECT, reason="Modellregion.")
    services.decide(actor=staff, application=b, outcome=Outcome.REJECT, reason="Knapp.")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (Status.SELECTED, Status.NOT_SELECTED)


def test_single_decision_beyond_the_quota_needs_confirmation(staff):
    _call, _first, _second, (a, b, c) = make_procedure(count=3, quota=2)
    services.decide(actor=staff, application=a, outcome=Outcome.ADVANCE, reason="1")
    services.decide(actor=staff, application=b, outcome=Outcome.ADVANCE, reason="2")
    with pytest.raises(services.QuotaExceeded) as refused:
        services.decide(actor=staff, application=c, outcome=Outcome.ADVANCE, reason="3")
    assert refused.value.total == 3 and refused.value.quota == 2
    assert "quota" in str(refused.value)
    services.decide(
        actor=staff, application=c, outcome=Outcome.ADVANCE, reason="3", confirm_over_quota=True
    )
    assert Decision.objects.filter(outcome=Outcome.ADVANCE).count() == 3


def test_decide_needs_staff(applicant):
    _call, _first, _second, (a,) = make_procedure(count=1)
    with pytest.raises(PermissionDenied):
        services.decide(actor=applicant, application=a, outcome=Outcome.DECLINE, reason="x")


# --- batch decisions -----------------------------------------------------------------------


def test_ranked_candidates_are_best_first():
    _call, first, _second, applications = make_procedure(
        count=4, scores=[Decimal(50), Decimal(80), Decimal(65), Decimal(90)]
    )
    ids = services.ranked_candidate_ids(first)
    assert ids == [applications[i].pk for i in (3, 1, 2, 0)]


def test_batch_advances_the_top_and_declines_the_rest_with_one_reason_each(staff):
    _call, first, second, applications = make_procedure(count=5, quota=2)
    top = services.ranked_candidate_ids(first)[:2]
    made = services.decide_batch(
        actor=staff,
        stage=first,
        advance=top,
        reason_advance="Überzeugendes Konzept.",
        reason_decline="Andere Bewerbungen waren stärker.",
    )
    assert len(made) == 5
    by_application = {d.application_id: d for d in made}
    for application in applications:
        application.refresh_from_db()
        decision = by_application[application.pk]
        assert decision.stage_id == first.pk
        if application.pk in top:
            assert application.status == Status.ADVANCED
            assert application.stage_id == second.pk
            assert decision.reason == "Überzeugendes Konzept."
        else:
            assert application.status == Status.NOT_ADVANCED
            assert decision.outcome == Outcome.DECLINE
            assert decision.reason == "Andere Bewerbungen waren stärker."
    assert AuditEntry.objects.filter(action="decision_recorded").count() == 5


def test_batch_beyond_the_quota_warns_and_needs_confirmation(staff):
    _call, first, _second, _applications = make_procedure(count=5, quota=2)
    top3 = services.ranked_candidate_ids(first)[:3]
    kwargs = {"actor": staff, "stage": first, "advance": top3, "reason_advance": "a"}
    with pytest.raises(services.QuotaExceeded) as refused:
        services.decide_batch(**kwargs, reason_decline="b")
    assert refused.value.field == "confirm_over_quota"
    assert not Decision.objects.exists()
    made = services.decide_batch(**kwargs, reason_decline="b", confirm_over_quota=True)
    assert sum(d.outcome == Outcome.ADVANCE for d in made) == 3


def test_batch_counts_earlier_decisions_against_the_quota(staff):
    _call, first, _second, applications = make_procedure(count=4, quota=2)
    services.decide(actor=staff, application=applications[3], outcome="advance", reason="früh")
    top2 = services.ranked_candidate_ids(first)[:2]
    with pytest.raises(services.QuotaExceeded):
        services.decide_batch(
            actor=staff, stage=first, advance=top2, reason_advance="a", reason_decline="b"
        )
    made = services.decide_batch(
        actor=staff, stage=first, advance=top2[:1], reason_advance="a", reason_decline="b"
    )
    assert len(made) == 3


def test_batch_needs_reasons_and_is_all_or_nothing(staff):
    _call, first, _second, applications = make_procedure(count=3, quota=2)
    top = services.ranked_candidate_ids(first)[:1]
    with pytest.raises(DomainError) as refused:
        services.decide_batch(actor=staff, stage=first, advance=top, reason_advance="a")
    assert refused.value.field == "reason_decline"
    with pytest.raises(DomainError) as refused:
        services.decide_batch(actor=staff, stage=first, advance=top, reason_decline="b")
    assert refused.value.field == "reason_advance"
    stranger = ApplicationFactory(status=Status.IN_REVIEW)
    with pytest.raises(DomainError):
        services.decide_batch(
            actor=staff,
            stage=first,
            advance=[*top, stranger.pk],
            reason_advance="a",
            reason_decline="b",
        )
    assert not Decision.objects.exists()
    assert {a.status for a in type(stranger).objects.all()} == {Status.IN_REVIEW}


# --- pages -------------------------------------------------------------------------------


def test_decisions_page_shows_the_ranking_and_the_quota(client, staff):
    _call, first, _second, applications = make_procedure(count=3, quota=2)
    client.force_login(staff)
    response = client.get(reverse("selection:decisions", args=[first.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert applications[0].organisation.name in html
    assert [row["within_quota"] for row in response.context["ranked"]] == [True, True, False]
    assert response.context["batch_form"].initial["count"] == 2


def test_batch_page_warns_over_quota_and_keeps_the_input(client, staff):
    _call, first, _second, _applications = make_procedure(count=4, quota=2)
    client.force_login(staff)
    url = reverse("selection:decide_batch", args=[first.pk])
    data = {"count": "3", "reason_advance": "Stark.", "reason_decline": "Schwächer."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["quota_warning"]
    assert "Stark." in response.content.decode()
    assert not Decision.objects.exists()
    response = post_confirmed(client, url, {**data, "confirm_over_quota": "on"})
    assert response.status_code == 302
    assert Decision.objects.filter(outcome=Outcome.ADVANCE).count() == 3


def test_decide_page_records_and_shows_refusals(client, staff):
    _call, _first, _second, (a, b) = make_procedure(count=2)
    client.force_login(staff)
    url = reverse("selection:decide", args=[a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"outcome": "advance", "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"outcome": "decline", "reason": "Zu vage."})
    assert response.status_code == 302
    assert Decision.objects.get(application=a).outcome == Outcome.DECLINE
    response = client.post(url, {"outcome": "decline", "reason": "Nochmal."})
    assert response.status_code == 400
    assert "already has a decision" in response.content.decode()


def test_formal_check_page_requires_a_reason_for_ineligible(client, staff):
    _call, _first, _second, (a,) = make_procedure(count=1, status=Status.SUBMITTED)
    client.force_login(staff)
    url = reverse("selection:formal_check", args=[a.pk])
    response = client.post(url, {"result": "ineligible", "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"result": "ineligible", "reason": "Frist versäumt."})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.INELIGIBLE


@pytest.mark.parametrize("role", ["applicant", None, "commission_member", "process_coach"])
def test_decision_pages_refuse_everyone_but_staff(client, role):
    call, first, _second, (a,) = make_procedure(count=1)
    client.force_login(make_user(role))
    pages = [
        ("get", reverse("selection:decisions", args=[first.pk])),
        ("get", reverse("selection:decide", args=[a.pk])),
        ("post", reverse("selection:decide", args=[a.pk])),
        ("get", reverse("selection:formal_check", args=[a.pk])),
        ("post", reverse("selection:decide_batch", args=[first.pk])),
        ("post", reverse("selection:mark_remaining_eligible", args=[first.pk])),
        ("post", reverse("selection:start_review", args=[first.pk])),
        ("post", reverse("selection:send_letters", args=[first.pk])),
        ("get", reverse("selection:letter_templates", args=[call.pk])),
        ("get", reverse("selection:letter_template", args=[call.pk, "advance", "de"])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url, {"outcome": "advance", "reason": "x"})
        assert response.status_code in (403, 404), url
    assert not Decision.objects.exists()


def test_decision_pages_send_anonymous_people_to_the_login(client):
    _call, first, _second, _applications = make_procedure(count=1)
    response = client.get(reverse("selection:decisions", args=[first.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_batch_warns_when_the_line_splits_a_tie(client, staff):
    _call, first, _second, _applications = make_procedure(
        count=3, quota=1, scores=[Decimal(80), Decimal(80), Decimal(50)]
    )
    client.force_login(staff)
    page = client.get(reverse("selection:decisions", args=[first.pk]))
    assert [(row["rank"], row["tied"]) for row in page.context["ranked"]] == [
        (1, True),
        (1, True),
        (3, False),
    ]
    response = post_confirmed(
        client,
        reverse("selection:decide_batch", args=[first.pk]),
        {"count": "1", "reason_advance": "a", "reason_decline": "b"},
        follow=True,
    )
    texts = [str(message) for message in response.context["messages"]]
    assert any("Rank 1 was shared across the line" in text for text in texts)


def test_decisions_page_keeps_its_query_count(client, staff):
    def queries_with(count):
        Decision.objects.all().delete()
        _call, first, _second, applications = make_procedure(count=count, quota=2)
        services.decide(actor=staff, application=applications[0], outcome="advance", reason="a")
        services.decide(actor=staff, application=applications[1], outcome="decline", reason="b")
        url = reverse("selection:decisions", args=[first.pk])
        client.get(url)  # warm the session and the permission caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(staff)
    small, large = queries_with(3), queries_with(15)
    assert small == large
    assert large <= 25


def test_applicant_learns_the_decision_only_with_its_letter(
    client, staff, django_capture_on_commit_callbacks
):
    from inklusiv.selection.services import letters

    _call, _first, _second, (declined, _other) = make_procedure(count=2)
    decision = services.decide(
        actor=staff, application=declined, outcome=Outcome.DECLINE, reason="Netzwerk zu klein."
    )
    member = declined.organisation.memberships.first().user
    client.force_login(member)
    overview = reverse("applications:overview", args=[declined.pk])
    for url in (reverse("applications:mine"), overview):
        page = client.get(url).content.decode()
        assert "In review" in page and "Not advanced" not in page, url
    assert "Netzwerk zu klein." not in client.get(overview).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        letters.send_letters(actor=staff, decisions=[decision])  # the task runs at once
    page = client.get(reverse("applications:mine")).content.decode()
    assert "Not advanced" in page
    assert "has not been advanced to the next stage" in page
    assert "Decision letter sent: Not advanced" in client.get(overview).content.decode()


def test_dashboard_queries_do_not_grow_with_decided_applications(
    client, staff, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from inklusiv.accounts.models import Membership
    from inklusiv.selection.services import letters

    _call, _first, _second, applications = make_procedure(count=6, quota=6)
    member = get_user_model().objects.create_user(email="vorstand@example.org", password="x")
    for application in applications:
        Membership.objects.create(user=member, organisation=application.organisation)
    client.force_login(member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("applications:mine")).status_code == 200
        return len(queries)

    decided = []
    with django_capture_on_commit_callbacks(execute=True):
        for application in applications[:1]:
            decided.append(
                services.decide(
                    actor=staff, application=application, outcome=Outcome.ADVANCE, reason="Gut."
                )
            )
        letters.send_letters(actor=staff, decisions=decided)
    few = count()
    with django_capture_on_commit_callbacks(execute=True):
        more = [
            services.decide(
                actor=staff, application=application, outcome=Outcome.ADVANCE, reason="Gut."
            )
            for application in applications[1:]
        ]
        letters.send_letters(actor=staff, decisions=more)
    assert (
        "has been chosen for the next stage"
        in client.get(reverse("applications:mine")).content.decode()
    )
    assert count() == few
