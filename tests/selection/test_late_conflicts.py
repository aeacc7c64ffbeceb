"""A conflict of interest declared after a review was submitted: while the stage is undecided
the review stops counting in the ranking (kept, noted to staff, audited); once the decision on
the application is made, the declaration is refused and not offered."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    Outcome,
    Review,
)
from inklusiv.selection.ranking import rank
from inklusiv.selection.services import commission as commission_services
from inklusiv.selection.services import decisions as decision_services
from tests.factories import make_user

from .test_decisions import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _with_second_reviewer(*, total=Decimal(100)):
    """Three applications reviewed 90, 80, 70; a second member gave the third one `total`."""
    call, first, second, applications = make_procedure(count=3, quota=1)
    member = make_user("commission_member", name="Bernd Befangen")
    CommissionMember.objects.create(stage=first, user=member)
    Review.objects.create(
        stage=first,
        application=applications[2],
        reviewer=member,
        status=Review.Status.SUBMITTED,
        total=total,
        submitted_at=timezone.now(),
    )
    return first, applications, member


def _decide(staff, stage, best):
    decision_services.decide_batch(
        actor=staff,
        stage=stage,
        advance=[best.pk],
        reason_advance="Überzeugendes Netzwerk.",
        reason_decline="Andere passten besser.",
    )


def _order(stage):
    return [row.application.pk for row in rank(stage)]


def test_conflict_declared_after_a_submitted_review_takes_it_out_of_the_ranking(staff):
    stage, (a, b, c), member = _with_second_reviewer()
    assert _order(stage) == [a.pk, c.pk, b.pk]  # c: (70 + 100) / 2 = 85

    commission_services.declare_conflict(
        actor=staff, user=member, application=c, reason="Sitzt im Vorstand des Partners."
    )

    ranking = rank(stage)
    assert [row.application.pk for row in ranking] == [a.pk, b.pk, c.pk]
    assert ranking.excluded_reviews == {c.pk: 1}
    # Kept for the record, and the audit log says why it no longer counts.
    review = Review.objects.get(reviewer=member, application=c)
    assert review.status == Review.Status.SUBMITTED
    entry = AuditEntry.objects.get(action="review_excluded_for_conflict", object_id=str(review.pk))
    assert entry.reason == "Sitzt im Vorstand des Partners."


def test_staff_see_on_the_ranking_how_many_reviews_were_left_out(client, staff):
    stage, (_a, _b, c), member = _with_second_reviewer()
    commission_services.declare_conflict(actor=staff, user=member, application=c, reason="Nah")
    client.force_login(staff)
    page = client.get(reverse("selection:ranking", args=[stage.pk])).content.decode()
    assert (
        "1 review not counted because of a conflict of interest declared after it was "
        f"submitted ({c.reference})." in page
    )
    with translation.override("de"):
        german = client.get(reverse("selection:ranking", args=[stage.pk])).content.decode()
    assert "1 Bewertung wegen nachträglich erklärter Befangenheit nicht gewertet" in german


def test_a_conflict_after_the_decision_is_refused_and_the_ranking_stays(staff):
    stage, (a, b, c), member = _with_second_reviewer()
    _decide(staff, stage, a)
    before = _order(stage)
    with pytest.raises(DomainError) as refused:
        commission_services.declare_conflict(
            actor=staff, user=member, application=c, reason="Zu spät bemerkt."
        )
    assert "already been made" in str(refused.value)
    assert not ConflictOfInterest.objects.filter(user=member, application=c).exists()
    assert _order(stage) == before


def test_a_member_is_not_offered_the_declaration_once_decided_and_a_post_is_refused(client, staff):
    stage, (a, _b, c), member = _with_second_reviewer()
    Assignment.objects.create(stage=stage, application=c, reviewer=member, method="manual")
    client.force_login(member)
    url = reverse("selection:declare_conflict", args=[c.pk])
    assert url in client.get(reverse("selection:my_reviews")).content.decode()
    assert url in client.get(reverse("selection:application", args=[c.pk])).content.decode()

    _decide(staff, stage, a)
    c.refresh_from_db()
    assert c.decisions.get().outcome == Outcome.DECLINE

    assert url not in client.get(reverse("selection:my_reviews")).content.decode()
    assert url not in client.get(reverse("selection:application", args=[c.pk])).content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert "can no longer be recorded" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[1]
    refused = client.post(url, {"reason": "Befreundet mit dem Vorstand."})
    assert refused.status_code == 409
    assert not ConflictOfInterest.objects.filter(user=member, application=c).exists()
