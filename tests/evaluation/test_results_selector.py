"""The results selector: counts per question and group, suppressed with the survey's k."""

import pytest

from inklusiv.evaluation.selectors.results import NONE, results
from tests.evaluation.conftest import make_responses

pytestmark = pytest.mark.django_db


def rows(n, **answer):
    return [dict(answer) for _ in range(n)]


def test_counts_without_breakdown(survey, eworld):
    make_responses(survey, eworld.region, rows(6, behinderung=1, einst1=4, alter=30, barriere=2))
    make_responses(survey, eworld.other_region, rows(7, behinderung=2, einst1=2, alter=50))
    outcome = results(survey)
    by_code = {q.question.code: q for q in outcome.questions}
    assert outcome.response_total == 13
    disability = by_code["behinderung"]
    assert [r.total for r in disability.rows] == [6, 7]
    likert = by_code["einst1"]
    # points 1, 3 and 5 are zero (hidden), so 2 and 4 are hidden too: a lone hidden cell
    # would be the total minus the others.
    assert likert.total == 13
    assert likert.mean == pytest.approx((6 * 4 + 7 * 2) / 13, abs=0.01)
    number = by_code["alter"]
    assert number.number_total.n == 13 and number.number_total.mean == pytest.approx(
        (6 * 30 + 7 * 50) / 13, abs=0.01
    )
    # skip logic: only those asked answered
    assert by_code["barriere"].total == 6
    assert by_code["ideen"].is_text


def test_breakdown_by_question_and_region(survey, eworld):
    make_responses(survey, eworld.region, rows(6, behinderung=1, einst1=4))
    make_responses(survey, eworld.region, rows(6, behinderung=2, einst1=5))
    make_responses(survey, eworld.other_region, rows(3, einst1=1))
    outcome = results(survey, breakdown="behinderung")
    assert [g.key for g in outcome.groups] == [1, 2, NONE]
    likert = {q.question.code: q for q in outcome.questions}["einst1"]
    # the "no answer" group (3 people) is hidden, so a second column is hidden with it
    assert likert.col_totals[2] is None
    assert sorted(likert.col_totals[:2], key=str) == [6, None]
    for mean, total in zip(likert.means, likert.col_totals, strict=True):
        assert (mean is None) == (total is None)
    assert likert.total == 15
    by_region = results(survey, breakdown="region")
    assert [g.label for g in by_region.groups] == ["Neuruppin", "Nieder-Olm"]
    only = results(survey, region=eworld.other_region)
    assert only.response_total is None  # 3 < k


def test_queries_are_constant(survey, eworld, django_assert_num_queries):
    make_responses(survey, eworld.region, rows(10, behinderung=1, einst1=4, alter=20))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        results(survey, breakdown="behinderung")
    make_responses(survey, eworld.region, rows(200, behinderung=2, einst1=3, orte=[1, 2]))
    with CaptureQueriesContext(connection) as large:
        results(survey, breakdown="behinderung")
    assert len(small) == len(large)
