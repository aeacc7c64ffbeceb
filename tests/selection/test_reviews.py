"""Reviews: the reviewer's list, the review form with drafts, submission with the total, the
lock afterwards, two tabs saving at once, who may review, and constant queries."""

import html
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from inklusiv.applications.models import SocialSpace, Status
from inklusiv.calls.models import Criterion
from inklusiv.core.exceptions import DomainError
from inklusiv.core.models import AuditEntry
from inklusiv.selection import selectors
from inklusiv.selection.models import Assignment, CommissionMember, ConflictOfInterest, Review
from inklusiv.selection.services import reviews as services
from inklusiv.selection.services.reviews import compute_total
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_urls():
    with translation.override("de"):
        yield


def _in_review(call, number, *, name=None, state="BB"):
    organisation = MembershipFactory(
        organisation__name=name or f"Inklusionsnetz {number} e.V."
    ).organisation
    application = ApplicationFactory(call=call, organisation=organisation)
    SocialSpace.objects.create(
        application=application, kind="city", name=f"Ort {number}", state=state, population=1000
    )
    type(application).objects.filter(pk=application.pk).update(
        status=Status.IN_REVIEW, reference=f"KI-2016-{number:04d}"
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def setup():
    """One stage with two criteria (1–5 weight 2, 1–10 weight 1), an application, a reviewer."""
    call = CallFactory()
    stage = call.first_stage()
    network = Criterion.objects.create(
        stage=stage, position=1, name_de="Netzwerk", name_en="Network", weight=2, max_score=5
    )
    idea = Criterion.objects.create(
        stage=stage, position=2, name_de="Idee", name_en="Idea", weight=1, max_score=10
    )
    application = _in_review(call, 1, name="Jugendarbeit Neuruppin e.V.")
    reviewer = make_user("commission_member", name="Rita Reviewerin")
    CommissionMember.objects.create(stage=stage, user=reviewer)
    Assignment.objects.create(
        stage=stage, application=application, reviewer=reviewer, method="manual"
    )
    return {
        "call": call,
        "stage": stage,
        "network": network,
        "idea": idea,
        "application": application,
        "reviewer": reviewer,
    }


def _url(application):
    return reverse("selection:review", args=[application.pk])


def _post(client, s, *, revision=0, network="4", idea="8", recommendation="advance", submit=True):
    data = {
        "revision": str(revision),
        f"score_{s['network'].pk}": network,
        f"comment_{s['network'].pk}": "Breites Bündnis mit der Stadt.",
        f"score_{s['idea'].pk}": idea,
        f"comment_{s['idea'].pk}": "",
        "recommendation": recommendation,
        "comment": "Überzeugend.",
    }
    data["submit" if submit else "save"] = "1"
    return client.post(_url(s["application"]), data)


# --- scoring ----------------------------------------------------------------------------


def test_total_is_the_weighted_mean_on_a_five_point_scale(setup):
    criteria = [setup["network"], setup["idea"]]
    # 4 of 5 → 4.0; 8 of 10 → 4.0; weights 2 and 1 → 4.0.
    assert compute_total(criteria, {setup["network"].pk: 4, setup["idea"].pk: 8}) == Decimal("4")
    # 5 of 5 → 5 (×2), 2 of 10 → 1 (×1): (10 + 1) / 3 = 3.667.
    assert compute_total(criteria, {setup["network"].pk: 5, setup["idea"].pk: 2}) == Decimal(
        "3.667"
    )


def test_equal_scales_give_the_plain_weighted_mean(setup):
    setup["idea"].max_score = 5
    setup["idea"].save()
    criteria = [setup["network"], setup["idea"]]
    assert compute_total(criteria, {setup["network"].pk: 3, setup["idea"].pk: 5}) == Decimal(
        "3.667"
    )


def test_draft_then_submit_sets_total_and_locks(client, setup):
    client.force_login(setup["reviewer"])
    response = _post(client, setup, network="3", idea="", recommendation="", submit=False)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.status == Review.Status.DRAFT and review.total is None
    assert review.revision == 1
    assert {s.criterion_id: s.value for s in review.scores.all()} == {
        setup["network"].pk: 3,
        setup["idea"].pk: None,
    }
    page = client.get(_url(setup["application"])).content.decode()
    assert 'value="3"' in page and "checked" in page

    response = _post(client, setup, revision=1, network="5", idea="2")
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED
    assert review.submitted_at is not None
    assert review.total == Decimal("3.667")
    assert review.recommendation == Review.Recommendation.ADVANCE
    actions = list(
        AuditEntry.objects.filter(object_id=str(review.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["review_draft_saved", "review_submitted"]

    # Later edits are refused, with a message, and change nothing.
    response = _post(client, setup, revision=2, network="1", idea="1", submit=False)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "can no longer be changed" in page or "nicht mehr geändert" in page
    review.refresh_from_db()
    assert review.total == Decimal("3.667")
    with pytest.raises(DomainError, match="submitted"):
        with translation.override("en"):
            services.save_review(
                actor=setup["reviewer"],
                application=setup["application"],
                revision=review.revision,
                scores={setup["network"].pk: (1, "")},
                recommendation="decline",
            )


def test_incomplete_submit_is_refused_and_input_kept(client, setup):
    client.force_login(setup["reviewer"])
    with translation.override("en"):
        url = _url(setup["application"])
        response = client.post(
            url,
            {
                "revision": "0",
                f"score_{setup['network'].pk}": "4",
                f"comment_{setup['network'].pk}": "Mein Kommentar bleibt.",
                "recommendation": "",
                "comment": "Gesamturteil bleibt.",
                "submit": "1",
            },
        )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a score from 1 to 10 to submit the review." in page
    assert "Choose a recommendation to submit the review." in page
    # The summary links to the first radio button of the missing criterion.
    assert f'href="#id_score_{setup["idea"].pk}_0"' in page
    assert "Mein Kommentar bleibt." in page and "Gesamturteil bleibt." in page
    assert not Review.objects.exists()


def test_incomplete_submit_message_in_german(client, setup):
    client.force_login(setup["reviewer"])
    response = client.post(
        _url(setup["application"]),
        {"revision": "0", f"score_{setup['network'].pk}": "4", "submit": "1"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Es gibt ein Problem" in page
    # The message is rendered in the request's language (German msgstr added by the lead).
    with translation.override("de"):
        expected = translation.gettext("Choose a score from 1 to %(max)s to submit the review.")
    assert html.escape(expected % {"max": 10}) in page
    # The error summary names the German criterion.
    assert re.search(rf'href="#id_score_{setup["idea"].pk}_0">[^<]*Idee[^<]*:', page)
    assert not Review.objects.exists()


def test_service_refuses_incomplete_submission(setup):
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.save_review(
            actor=setup["reviewer"],
            application=setup["application"],
            revision=0,
            scores={setup["network"].pk: (4, ""), setup["idea"].pk: (None, "")},
            recommendation="advance",
            submit=True,
        )
    assert error.value.field == f"score_{setup['idea'].pk}"
    assert "Idee" in str(error.value) or "Idea" in str(error.value)
    with translation.override("en"), pytest.raises(DomainError, match="between 1 and 5"):
        services.save_review(
            actor=setup["reviewer"],
            application=setup["application"],
            revision=0,
            scores={setup["network"].pk: (6, "")},
        )


def test_two_tabs_the_later_save_is_told(client, setup):
    client.force_login(setup["reviewer"])
    # Both tabs loaded the empty form (revision 0); the first saves.
    assert _post(client, setup, network="2", submit=False).status_code == 302
    response = _post(client, setup, network="5", submit=False)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Was inzwischen gespeichert wurde" in page
    # The form keeps this tab's entry and now carries the current revision.
    assert re.search(r'name="revision" value="1"', page)
    assert Review.objects.get().scores.get(criterion=setup["network"]).value == 2
    # Saving again from the refreshed form wins.
    assert _post(client, setup, revision=1, network="5", submit=False).status_code == 302
    assert Review.objects.get().scores.get(criterion=setup["network"]).value == 5


# --- who may review ---------------------------------------------------------------------


def test_only_the_assigned_reviewer_without_conflict(client, setup, staff, applicant, outsider):
    url = _url(setup["application"])
    other_member = make_user("commission_member")
    CommissionMember.objects.create(stage=setup["stage"], user=other_member)
    for person in (staff, applicant, outsider, other_member):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert _post(client, setup).status_code == 404
    with pytest.raises(PermissionDenied):
        services.save_review(
            actor=other_member, application=setup["application"], revision=0, scores={}
        )

    ConflictOfInterest.objects.create(
        user=setup["reviewer"], application=setup["application"], source="declared", reason="x"
    )
    client.force_login(setup["reviewer"])
    assert client.get(url).status_code == 404
    assert _post(client, setup).status_code == 404
    assert (
        client.get(reverse("selection:application", args=[setup["application"].pk])).status_code
        == 404
    )
    page = client.get(reverse("selection:my_reviews")).content.decode()
    assert "Jugendarbeit Neuruppin" not in page and "KI-2016-0001" not in page
    assert not Review.objects.exists()


def test_automatic_conflict_hides_the_application(client, setup):
    # The reviewer belongs to the applicant organisation.
    MembershipFactory(user=setup["reviewer"], organisation=setup["application"].organisation)
    client.force_login(setup["reviewer"])
    assert client.get(_url(setup["application"])).status_code == 404
    assert "KI-2016-0001" not in client.get(reverse("selection:my_reviews")).content.decode()


# --- my reviews -------------------------------------------------------------------------


def test_my_reviews_lists_assignments_with_status(client, setup):
    second = _in_review(setup["call"], 2, name="Netzwerk Kiel e.V.", state="SH")
    third = _in_review(setup["call"], 3, name="Nicht zugewiesen e.V.")
    Assignment.objects.create(
        stage=setup["stage"], application=second, reviewer=setup["reviewer"], method="automatic"
    )
    Review.objects.create(
        stage=setup["stage"],
        application=second,
        reviewer=setup["reviewer"],
        status=Review.Status.SUBMITTED,
    )
    client.force_login(setup["reviewer"])
    with translation.override("en"):
        response = client.get(reverse("selection:my_reviews"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jugendarbeit Neuruppin e.V." in page and "Netzwerk Kiel e.V." in page
    assert third.organisation.name not in page
    assert "Schleswig-Holstein" in page and "Ort 2" in page
    assert "Not started" in page and "Submitted" in page
    assert reverse("selection:review", args=[second.pk]).replace("/de/", "/en/") in page


def test_my_reviews_needs_a_commission_seat(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("selection:my_reviews")).status_code == 403


def test_my_reviews_query_count_is_constant(client, setup, django_assert_max_num_queries):
    reviewer = setup["reviewer"]
    client.force_login(reviewer)
    url = reverse("selection:my_reviews")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for number in range(2, 6):
        application = _in_review(setup["call"], number)
        Assignment.objects.create(
            stage=setup["stage"], application=application, reviewer=reviewer, method="manual"
        )
    few = count()
    for number in range(6, 51):
        application = _in_review(setup["call"], number)
        Assignment.objects.create(
            stage=setup["stage"], application=application, reviewer=reviewer, method="manual"
        )
        if number % 2:
            Review.objects.create(stage=setup["stage"], application=application, reviewer=reviewer)
    assert selectors.applications_for_reviewer(reviewer).count() == 50
    assert count() == few
    with django_assert_max_num_queries(few):
        client.get(url + "?page=2")
