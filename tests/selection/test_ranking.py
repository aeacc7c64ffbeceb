"""The ranking of a stage: its arithmetic (weighted means, spread, z-scores, ties, the quota
line), the page and its CSV export, who may see them, and a query count that does not grow
with the applications."""

import csv
import datetime
import io
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from inklusiv.accounts.models import Organisation, User
from inklusiv.applications.models import Application, SocialSpace, Status
from inklusiv.calls.models import Criterion
from inklusiv.core.models import AuditEntry
from inklusiv.selection.models import ConflictOfInterest, Decision, Outcome, Review, Score
from inklusiv.selection.ranking import RankedApplication, _ranked, rank
from inklusiv.selection.services.reviews import compute_total
from tests.factories import CallFactory, StageFactory, berlin, make_user

pytestmark = pytest.mark.django_db

SUBMITTED = Review.Status.SUBMITTED


@pytest.fixture
def stage():
    call = CallFactory()
    first = call.first_stage()
    first.quota = 2
    first.save(update_fields=["quota"])
    StageFactory(
        call=call,
        position=2,
        name_de="Vor-Ort-Gespräche",
        name_en="On-site meetings",
        opens_at=berlin(2016, 11, 1, 0, 0),
        closes_at=berlin(2017, 1, 31, 23, 59),
    )
    return first


_numbers = iter(range(1, 100000))


def _application(stage, name, *, status=Status.IN_REVIEW, state="BB", kind="city", space=None):
    number = next(_numbers)
    organisation = Organisation.objects.create(
        name=name,
        legal_form="ev",
        street="Hauptstraße 1",
        postcode="16816",
        city="Neuruppin",
        state=state,
    )
    application = Application.objects.create(
        call=stage.call,
        organisation=organisation,
        stage=stage,
        status=status,
        reference=f"KI-{stage.call.reference_year}-{number:04d}",
        submitted_at=berlin(2016, 8, 1, 12, 0),
    )
    SocialSpace.objects.create(
        application=application,
        kind=kind,
        name=space or f"Ort {number}",
        state=state,
        population=10000,
    )
    return application


def _reviewer(number):
    return User.objects.create(email=f"reviewer{number}@example.org", name=f"Gutachter·in {number}")


def _review(stage, application, reviewer, total, recommendation="advance", status=SUBMITTED):
    return Review.objects.create(
        stage=stage,
        application=application,
        reviewer=reviewer,
        status=status,
        recommendation=recommendation,
        total=None if total is None else Decimal(str(total)),
    )


def _reviewed(stage, name, totals, *, reviewers=None, **kwargs):
    application = _application(stage, name, **kwargs)
    reviewers = reviewers or [_reviewer(f"{name}-{index}") for index in range(len(totals))]
    for reviewer, total in zip(reviewers, totals, strict=True):
        _review(stage, application, reviewer, total)
    return application


def _by_application(ranking):
    return {row.application.pk: row for row in ranking}


# --- arithmetic -----------------------------------------------------------------------------


def test_mean_count_and_spread_come_from_submitted_reviews_only(stage):
    application = _application(stage, "Jugendarbeit Neuruppin e.V.")
    people = [_reviewer(number) for number in range(4)]
    _review(stage, application, people[0], 4, "advance")
    _review(stage, application, people[1], 3, "undecided")
    _review(stage, application, people[2], 2, "decline")
    _review(stage, application, people[3], 1, "decline", status=Review.Status.DRAFT)

    row = rank(stage)[0]

    assert row.mean == pytest.approx(3.0)
    assert row.count == 3
    assert (row.minimum, row.maximum, row.spread) == (2.0, 4.0, 2.0)
    assert row.deviation == pytest.approx(math.sqrt(2 / 3))
    assert row.recommendations == {"advance": 1, "undecided": 1, "decline": 1}
    assert row.rank == 1


def test_a_missing_total_is_the_weighted_mean_of_the_scores(stage):
    concept = Criterion.objects.create(stage=stage, name_de="Konzept", weight=3, max_score=5)
    # A criterion scored 1–10 counts on the common scale 1–5, as services.reviews does it.
    network = Criterion.objects.create(stage=stage, name_de="Netzwerk", weight=1, max_score=10)
    application = _application(stage, "Lebenshilfe Köln e.V.")
    review = _review(stage, application, _reviewer(1), None)
    Score.objects.create(review=review, criterion=concept, value=4)
    Score.objects.create(review=review, criterion=network, value=6)

    row = rank(stage)[0]

    assert row.mean == pytest.approx((4 * 3 + 3 * 1) / 4)
    stored = compute_total([concept, network], {concept.pk: 4, network.pk: 6})
    assert row.mean == pytest.approx(float(stored))
    assert row.count == 1


def test_equal_means_share_a_rank_and_the_next_rank_is_skipped(stage):
    best = _reviewed(stage, "A e.V.", [4, 4, 4])
    # The same mean from different totals: float sums must not split the tie.
    tied_one = _reviewed(stage, "B e.V.", [3.1, 3.2, 3.3])
    tied_two = _reviewed(stage, "C e.V.", [3.2, 3.2, 3.2])
    last = _reviewed(stage, "D e.V.", [3, 3, 3])
    unreviewed = _application(stage, "E e.V.")

    ranking = rank(stage)
    rows = _by_application(ranking)

    assert [rows[a.pk].rank for a in (best, tied_one, tied_two, last)] == [1, 2, 2, 4]
    assert rows[tied_one.pk].tied and rows[tied_two.pk].tied
    assert not rows[best.pk].tied and not rows[last.pk].tied
    assert rows[unreviewed.pk].rank is None
    assert ranking[-1].application == unreviewed


def test_the_quota_marks_the_best_applications(stage):
    first = _reviewed(stage, "A e.V.", [5, 4])
    second = _reviewed(stage, "B e.V.", [4, 4])
    third = _reviewed(stage, "C e.V.", [3, 3])

    ranking = rank(stage)
    rows = _by_application(ranking)

    assert rows[first.pk].within_quota and rows[second.pk].within_quota
    assert not rows[third.pk].within_quota
    assert ranking.within_quota_count == 2
    assert not ranking.tie_across_quota


def test_a_tie_across_the_quota_line_is_flagged(stage):
    first = _reviewed(stage, "A e.V.", [5, 5])
    tied = [_reviewed(stage, f"B{n} e.V.", [4, 3]) for n in range(2)]
    last = _reviewed(stage, "C e.V.", [2, 2])

    ranking = rank(stage)
    rows = _by_application(ranking)

    assert [rows[a.pk].rank for a in (first, *tied, last)] == [1, 2, 2, 4]
    assert ranking.tie_across_quota
    assert ranking.within_quota_count == 3
    assert all(rows[a.pk].tie_across_quota and rows[a.pk].within_quota for a in tied)
    assert not rows[first.pk].tie_across_quota
    assert not rows[last.pk].within_quota


def test_normalisation_removes_harsh_and_lenient_reviewers(stage):
    lenient, harsh, middle = _reviewer("mild"), _reviewer("streng"), _reviewer("mitte")
    a = _application(stage, "A e.V.")
    b = _application(stage, "B e.V.")
    c = _application(stage, "C e.V.")
    d = _application(stage, "D e.V.")
    # The lenient reviewer scores everything high, the harsh one everything low.
    _review(stage, a, lenient, 5.0)
    _review(stage, c, lenient, 4.2)
    _review(stage, b, harsh, 2.5)
    _review(stage, d, harsh, 1.5)
    # Someone who read both A and B finds B clearly better.
    _review(stage, a, middle, 3.0)
    _review(stage, b, middle, 4.0)

    by_mean = [row.application for row in rank(stage)]
    normalised = rank(stage, normalise=True)
    rows = _by_application(normalised)

    assert by_mean == [c, a, b, d]
    assert [row.application for row in normalised][:2] == [b, a]
    # Lenient: mean 4.6, SD 0.4; harsh: mean 2, SD 0.5; middle: mean 3.5, SD 0.5.
    assert rows[a.pk].z_mean == pytest.approx((1 + -1) / 2)
    assert rows[b.pk].z_mean == pytest.approx((1 + 1) / 2)
    assert rows[c.pk].z_mean == pytest.approx(-1)
    assert rows[d.pk].z_mean == pytest.approx(-1)
    assert [rows[x.pk].rank for x in (b, a, c, d)] == [1, 2, 3, 3]
    # The mean is still there beside the normalised score.
    assert rows[a.pk].mean == pytest.approx(4.0)


def test_a_reviewer_with_one_review_or_one_total_counts_as_zero(stage):
    once, same, other = _reviewer("einmal"), _reviewer("gleich"), _reviewer("anders")
    a = _application(stage, "A e.V.")
    b = _application(stage, "B e.V.")
    _review(stage, a, once, 5.0)
    _review(stage, a, same, 3.0)
    _review(stage, b, same, 3.0)
    _review(stage, b, other, 2.0)

    rows = _by_application(rank(stage, normalise=True))

    assert rows[a.pk].z_mean == 0
    assert rows[b.pk].z_mean == 0
    assert rows[a.pk].rank == rows[b.pk].rank == 1


def test_decided_applications_stay_with_their_decision(stage):
    advanced = _reviewed(stage, "Weiter e.V.", [5, 5])
    declined = _reviewed(stage, "Nicht weiter e.V.", [2, 2], status=Status.NOT_ADVANCED)
    withdrawn_in_review = _reviewed(stage, "Zurück e.V.", [4, 4], status=Status.WITHDRAWN)
    draft = _application(stage, "Entwurf e.V.", status=Status.DRAFT)
    now = timezone.now()
    Decision.objects.create(
        application=advanced, stage=stage, outcome=Outcome.ADVANCE, decided_at=now
    )
    Decision.objects.create(
        application=declined, stage=stage, outcome=Outcome.DECLINE, decided_at=now
    )
    # Advancing moved it on: it is now in review in the second stage, and then withdrew.
    advanced.stage = stage.next_stage()
    advanced.status = Status.WITHDRAWN
    advanced.save(update_fields=["stage", "status"])

    rows = _by_application(rank(stage))

    assert set(rows) == {advanced.pk, declined.pk}
    assert rows[advanced.pk].decision == Outcome.ADVANCE
    assert rows[advanced.pk].rank == 1
    assert rows[declined.pk].decision == Outcome.DECLINE
    assert withdrawn_in_review.pk not in rows and draft.pk not in rows


def test_reviews_of_another_stage_do_not_count(stage):
    application = _reviewed(stage, "A e.V.", [4])
    _review(stage.next_stage(), application, _reviewer("später"), 1)

    assert rank(stage)[0].mean == pytest.approx(4)


@given(
    measures=st.lists(
        st.one_of(st.none(), st.sampled_from([1.0, 2.5, 3.0, 3.25, 4.0, 5.0])), max_size=30
    ),
    quota=st.one_of(st.none(), st.integers(min_value=0, max_value=12)),
)
def test_ranks_are_competition_ranks_and_the_quota_follows_them(measures, quota):
    rows = []
    for measure in measures:
        row = RankedApplication(
            application=None,
            mean=measure,
            count=1 if measure is not None else 0,
            minimum=measure,
            maximum=measure,
            deviation=0.0,
            z_mean=None,
            recommendations={},
            decision="",
        )
        row._measure = measure
        rows.append(row)

    ranking = _ranked(type("Stage", (), {"quota": quota})(), rows, normalise=False)

    ranked = [row for row in ranking if row.rank is not None]
    assert all(row.rank is None for row in ranking.rows[len(ranked) :])
    for row in ranked:
        better = sum(1 for other in ranked if other.measure > row.measure)
        equal = sum(1 for other in ranked if other.measure == row.measure)
        assert row.rank == better + 1
        assert row.tied == (equal > 1)
        assert row.within_quota == (quota is not None and row.rank <= quota)
    assert [row.rank for row in ranked] == sorted(row.rank for row in ranked)
    within = sum(1 for row in ranking if row.within_quota)
    assert ranking.within_quota_count == within
    if quota is not None:
        assert within >= min(quota, len(ranked))
        assert ranking.tie_across_quota == (within > quota)


# --- the page ---------------------------------------------------------------------------


# English pages: the texts the tests look for are the msgids.
def _page(stage):
    with translation.override("en"):
        return reverse("selection:ranking", args=[stage.pk])


def _export(stage):
    with translation.override("en"):
        return reverse("selection:ranking_export", args=[stage.pk])


def _row_order(content: str, names) -> list[str]:
    return sorted(names, key=content.index)


def test_the_page_shows_ranks_and_the_quota_line_for_screen_readers(client, staff, stage):
    _reviewed(stage, "Erster e.V.", [5, 4], space="Neuruppin")
    _reviewed(stage, "Zweiter e.V.", [4, 4], space="Köln-Chorweiler", state="NW")
    _reviewed(stage, "Dritter e.V.", [3, 2])
    _application(stage, "Ohne Gutachten e.V.")
    client.force_login(staff)

    response = client.get(_page(stage))

    assert response.status_code == 200
    content = response.content.decode()
    assert _row_order(content, ["Dritter", "Zweiter", "Erster", "Ohne Gutachten"]) == [
        "Erster",
        "Zweiter",
        "Dritter",
        "Ohne Gutachten",
    ]
    # The quota line is a row of text (not only a colour) between the second and the third.
    line = content.index("ranking-table__quota-line")
    assert content.index("Zweiter") < line < content.index("Dritter")
    assert "Quota: 2 of 4" in content[line : line + 400]
    assert "Köln-Chorweiler" in content and "Nordrhein-Westfalen" in content
    assert 'aria-sort="ascending"' in content
    assert reverse("selection:ranking_export", args=[stage.pk]) in content


def test_a_tie_across_the_quota_is_explained_on_the_page(client, staff, stage):
    _reviewed(stage, "A e.V.", [5, 5])
    _reviewed(stage, "B e.V.", [4, 3])
    _reviewed(stage, "C e.V.", [3, 4])
    _reviewed(stage, "D e.V.", [1, 1])
    client.force_login(staff)

    content = client.get(_page(stage)).content.decode()

    assert "A tie crosses the quota line" in content
    assert content.count("tied across the quota line") == 2
    line = content.index("ranking-table__quota-line")
    assert content.index("C e.V.") < line < content.index("D e.V.")


def test_normalisation_and_sorting_are_chosen_by_links(client, staff, stage):
    lenient, harsh, middle = _reviewer("mild"), _reviewer("streng"), _reviewer("mitte")
    a = _application(stage, "Aaa e.V.")
    b = _application(stage, "Bbb e.V.")
    c = _application(stage, "Ccc e.V.")
    _review(stage, a, lenient, 5.0)
    _review(stage, c, lenient, 4.2)
    _review(stage, b, harsh, 2.5)
    _review(stage, b, middle, 4.0)
    _review(stage, a, middle, 3.0)
    _review(stage, c, harsh, 1.5)
    client.force_login(staff)
    names = ["Aaa", "Bbb", "Ccc"]

    plain = client.get(_page(stage)).content.decode()
    normalised = client.get(_page(stage), {"normalise": "1"}).content.decode()
    by_name = client.get(_page(stage), {"sort": "-organisation"}).content.decode()
    tampered = client.get(_page(stage), {"sort": "__class__", "normalise": "x"})

    # Means: A 4.0, B 3.25, C 2.85; z: B +1, A 0, C −1.
    assert _row_order(plain, names) == ["Aaa", "Bbb", "Ccc"]
    assert _row_order(normalised, names) == ["Bbb", "Aaa", "Ccc"]
    assert "Normalised score (z)" in normalised and "?normalise=1" in plain
    assert _row_order(by_name, names) == ["Ccc", "Bbb", "Aaa"]
    assert 'aria-sort="descending"' in by_name
    # Sorted otherwise, the quota line would be meaningless: the page says so instead.
    assert "ranking-table__quota-line" not in by_name
    assert "The quota line is drawn when the table is in rank order" in by_name
    assert tampered.status_code == 200
    assert _row_order(tampered.content.decode(), names) == ["Aaa", "Bbb", "Ccc"]


def _read_csv(response):
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_the_export_has_the_same_rows_for_german_excel_and_is_logged(client, staff, stage):
    _reviewed(stage, "A e.V.", [5, 4], space="Neuruppin")
    _reviewed(stage, "=HYPERLINK(1) e.V.", [3, 2])
    _reviewed(stage, "Gleich 1 e.V.", [4, 4])
    _reviewed(stage, "Gleich 2 e.V.", [4, 4])
    client.force_login(staff)

    response = client.get(_export(stage))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw, (header, *rows) = _read_csv(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert header[:4] == ["Rank", "Tied", "Within the quota", "Reference number"]
    assert "Standard deviation" in header and "Normalised score (z)" not in header
    assert len(rows) == 4 and all(len(row) == len(header) for row in rows)
    first = dict(zip(header, rows[0], strict=True))
    assert first["Organisation"] == "A e.V."
    assert first["Social space"] == "Neuruppin"
    assert first["Bundesland"] == "Brandenburg"
    assert first["Mean score"] == "4,500"
    assert first["Lowest total"] == "4,000" and first["Highest total"] == "5,000"
    assert first["Spread (highest − lowest)"] == "1,000"
    assert first["Standard deviation"] == "0,500"
    assert first["Recommend"] == "2"
    assert first["Status or decision"] == "In review"
    ranks = [(row[0], row[1], row[2]) for row in rows]
    assert ranks == [
        ("1", "no", "yes"),
        ("2", "tied across the quota line", "yes"),
        ("2", "tied across the quota line", "yes"),
        ("4", "no", "no"),
    ]
    assert rows[-1][4].startswith("'=")
    entry = AuditEntry.objects.get(action="ranking_exported")
    assert entry.actor == staff
    assert entry.after == {"normalise": False, "sort": "rank", "rows": 4}

    _raw, (header, *rows) = _read_csv(client.get(_export(stage), {"normalise": "1"}))
    assert "Normalised score (z)" in header
    # Every reviewer here read one application only: no normalisation is possible, all tie.
    assert {row[header.index("Normalised score (z)")] for row in rows} == {"0,000"}
    assert AuditEntry.objects.filter(action="ranking_exported").count() == 2


# --- who may see it ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["applicant", None, "commission_member", "process_coach"])
def test_only_staff_and_programme_experts_see_the_ranking(client, stage, role):
    _reviewed(stage, "A e.V.", [4])
    client.force_login(make_user(role))
    assert client.get(_page(stage)).status_code == 403
    assert client.get(_export(stage)).status_code == 403
    # The refusal comes first: an unknown stage answers the same.
    assert client.get(reverse("selection:ranking", args=[999999])).status_code == 403
    assert not AuditEntry.objects.filter(action="ranking_exported").exists()


def test_the_applicants_own_members_are_refused(client, stage):
    application = _reviewed(stage, "A e.V.", [4])
    member = make_user(None)
    application.organisation.memberships.create(user=member, role="admin")
    client.force_login(member)
    assert client.get(_page(stage)).status_code == 403


def test_anonymous_people_are_sent_to_the_login(client, stage):
    response = client.get(_page(stage))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_unknown_stage_answers_404_to_staff(client, staff):
    client.force_login(staff)
    assert client.get(reverse("selection:ranking", args=[999999])).status_code == 404
    assert client.get(reverse("selection:ranking_export", args=[999999])).status_code == 404


def test_programme_experts_never_see_applications_they_have_a_conflict_with(client, stage):
    expert = make_user("programme_expert")
    _reviewed(stage, "Sichtbar eins e.V.", [5, 5])
    hidden = _reviewed(stage, "Befangen e.V.", [4, 4])
    _reviewed(stage, "Sichtbar zwei e.V.", [3, 3])
    ConflictOfInterest.objects.create(
        user=expert, application=hidden, source="declared", reason="Vorstand im Verein"
    )
    client.force_login(expert)

    page = client.get(_page(stage)).content.decode()
    _raw, (header, *rows) = _read_csv(client.get(_export(stage)))

    assert "Befangen" not in page and hidden.reference not in page
    assert "Sichtbar eins" in page and "Sichtbar zwei" in page
    assert "a conflict of interest with are left out" in page
    assert [row[4] for row in rows] == ["Sichtbar eins e.V.", "Sichtbar zwei e.V."]
    # No gap in the ranks tells where the hidden application stands.
    assert [row[0] for row in rows] == ["1", "2"]


def test_a_programme_expert_without_conflicts_sees_everything(client, stage):
    _reviewed(stage, "A e.V.", [5])
    _reviewed(stage, "B e.V.", [4])
    client.force_login(make_user("programme_expert"))
    _raw, (_header, *rows) = _read_csv(client.get(_export(stage)))
    assert len(rows) == 2


# --- queries ------------------------------------------------------------------------------


def _bulk(stage, count: int, reviewers: list, offset: int) -> None:
    """count applications in review with three submitted reviews each, in a few INSERTs."""
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Träger {offset + number} e.V.",
            legal_form="ev",
            street="Hauptstraße 1",
            postcode="10115",
            city="Berlin",
            state="BE",
        )
        for number in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(
            call=stage.call,
            organisation=organisation,
            stage=stage,
            status=Status.IN_REVIEW,
            reference=f"KI-{stage.call.reference_year}-{offset + number:04d}",
            submitted_at=berlin(2016, 8, 1, 12, 0) + datetime.timedelta(minutes=number),
        )
        for number, organisation in enumerate(organisations)
    )
    SocialSpace.objects.bulk_create(
        SocialSpace(
            application=application,
            kind="city",
            name=f"Stadt {number}",
            state=["BB", "BE", "NW", "SN"][number % 4],
            population=10000 + number,
        )
        for number, application in enumerate(applications)
    )
    Review.objects.bulk_create(
        Review(
            stage=stage,
            application=application,
            reviewer=reviewers[(number + index) % len(reviewers)],
            status=SUBMITTED,
            recommendation=["advance", "undecided", "decline"][(number + index) % 3],
            total=Decimal(1 + (number * 7 + index * 3) % 40) / 10,
        )
        for number, application in enumerate(applications)
        for index in range(3)
    )


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"normalise": "1", "sort": "-spread"}])
def test_page_and_export_queries_do_not_grow_with_the_applications(client, staff, stage, params):
    reviewers = User.objects.bulk_create(
        User(email=f"gutachter{number}@example.org", name=f"Gutachter {number}")
        for number in range(12)
    )
    _bulk(stage, 5, reviewers, offset=0)
    client.force_login(staff)
    _queries(client, _page(stage), params)  # sessions, roles and other first-request work
    few = _queries(client, _page(stage), params)
    few_export = _queries(client, _export(stage), params)
    _bulk(stage, 495, reviewers, offset=5)
    many = _queries(client, _page(stage), params)
    many_export = _queries(client, _export(stage), params)

    assert Application.objects.count() == 500
    assert Review.objects.filter(status=SUBMITTED).count() == 1500
    assert few == many
    assert few_export == many_export
    assert len(rank(stage)) == 500
