"""The acceptance's core: no published figure rests on fewer than k answers, and no hidden
figure can be worked out from the published ones — on the results selector (both kinds of
breakdown), the rendered page, the CSV, the SPSS file and the PDF. Random answer sets come from
hypothesis over both regions (0–15 responses per region and breakdown category)."""

import csv
import io
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inklusiv.core.groupsize import TOTAL
from inklusiv.evaluation.models import EvaluationReport, Response
from inklusiv.evaluation.selectors.results import NONE, results
from inklusiv.evaluation.services.exports import HIDDEN
from tests.evaluation.conftest import make_responses

pytestmark = pytest.mark.django_db

K = 5
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- generating answer sets -------------------------------------------------------------------


def one_response(category):
    """A response of a breakdown category (1 ja, 2 nein, None: no answer), with random answers."""
    return st.builds(
        lambda einst, alter, orte, barriere: {
            key: value
            for key, value in {
                "behinderung": category,
                "einst1": einst,
                "alter": alter,
                "orte": orte or None,
                "barriere": barriere if category == 1 else None,
            }.items()
            if value is not None
        },
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(14, 90)),
        st.lists(st.integers(1, 4), unique=True, max_size=4),
        st.one_of(st.none(), st.integers(1, 3)),
    )


def cells(category):
    return st.lists(one_response(category), min_size=0, max_size=15)


answer_sets = st.fixed_dictionaries(
    {region: st.tuples(cells(1), cells(2), cells(None)) for region in ("region", "other_region")}
)


def store(survey, eworld, answer_set):
    Response.objects.filter(survey=survey).delete()
    everyone = []
    for name, groups in answer_set.items():
        region = getattr(eworld, name)
        rows = [row for group in groups for row in group]
        if rows:
            make_responses(survey, region, rows)
        everyone += [(region, row) for row in rows]
    return everyone


# --- the truth, counted in Python ---------------------------------------------------------------


def group_of(region, row, breakdown):
    if breakdown == "region":
        return region.pk
    if breakdown == "behinderung":
        return row.get("behinderung", NONE)
    return "total"


def truth(everyone, code, breakdown):
    counts = Counter()
    for region, row in everyone:
        values = row.get(code)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            counts[(value, group_of(region, row, breakdown))] += 1
    return counts


def check_table(table, counts, keys):
    """Published = true and ≥ k; every line with a published total hides nothing or at least
    two entries together holding at least k (so a hidden entry is never the published total
    minus the other published ones)."""
    rows, cols = [*table.rows, TOTAL], [*keys, TOTAL]
    value = {}
    for r in table.rows:
        for c in keys:
            value[(r, c)] = counts.get((r, c), 0)
        value[(r, TOTAL)] = sum(value[(r, c)] for c in keys)
    for c in cols:
        value[(TOTAL, c)] = sum(value[(r, c)] for r in table.rows)
    for key, shown in table.entries.items():
        if shown is not None:
            assert shown == value[key]
            assert shown >= K, (key, shown)
    lines = [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]
    for line in lines:
        total = line[-1]
        if table.entries[total] is None:
            continue
        hidden = [key for key in line[:-1] if table.entries[key] is None]
        published = sum(table.entries[key] for key in line[:-1] if key not in hidden)
        if hidden:
            assert len(hidden) >= 2, line
            assert table.entries[total] - published >= K
            for key in hidden:
                assert value[key] != table.entries[total] - published or len(hidden) > 1


def check_results(survey, everyone, breakdown, region=None):
    if region is not None:
        everyone = [(r, row) for r, row in everyone if r == region]
    outcome = results(survey, region=region, breakdown=breakdown)
    keys = [g.key for g in outcome.groups] if outcome.breakdown else ["total"]
    for result in outcome.questions:
        if result.table is None:
            continue
        code = result.question.code
        if result.kind == "number":
            per_group = Counter()
            for r, row in everyone:
                if code in row:
                    per_group[group_of(r, row, outcome.breakdown)] += 1
            counts = {(key, "n"): per_group.get(key, 0) for key in keys}
            check_table(result.table, counts, ["n"])
            for stats in [*result.numbers, result.number_total]:
                if stats.mean is not None:
                    assert stats.n is not None and stats.n >= K
            continue
        check_table(result.table, truth(everyone, code, outcome.breakdown), keys)
        if result.kind == "likert":
            for mean, total in zip(result.means, result.col_totals, strict=False):
                assert mean is None or (total is not None and total >= K)
            assert result.mean is None or (result.total is not None and result.total >= K)
    return outcome


NUMBER = re.compile(r"^\d+$")


def page_cells(html):
    found = re.findall(r"data-cell>(.*?)</td>", html, flags=re.S)
    return [int(text) for text in found if NUMBER.match(text.strip())]


def key_combinations(rows, header):
    at = {name: header.index(name) for name in ("region", "behinderung")}
    return Counter((row[at["region"]], row[at["behinderung"]]) for row in rows)


@SETTINGS
@given(answer_set=answer_sets)
def test_no_published_figure_rests_on_fewer_than_k(
    answer_set, survey, eworld, client, tmp_path_factory
):
    import pyreadstat

    everyone = store(survey, eworld, answer_set)
    for breakdown in (None, "behinderung", "region"):
        check_results(survey, everyone, breakdown)
    check_results(survey, everyone, "behinderung", region=eworld.region)

    client.force_login(eworld.evaluator)
    url = reverse("evaluation:survey_results", args=[survey.slug])
    for query in ("?breakdown=behinderung", "?breakdown=region", f"?region={eworld.region.slug}"):
        html = client.get(url + query).content.decode()
        assert all(value >= K for value in page_cells(html))

    response = client.get(reverse("evaluation:survey_csv", args=[survey.slug]))
    if len(everyone) < K:
        assert response.status_code == 302
        return
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, rows = table[0], table[1:]
    for combination, count in key_combinations(rows, header).items():
        assert count >= K, combination
    sav = client.get(reverse("evaluation:survey_sav", args=[survey.slug]))
    path = tmp_path_factory.mktemp("sav") / "answers.sav"
    path.write_bytes(b"".join(sav.streaming_content))
    frame, _meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert len(frame) == len(rows)
    combos = Counter(zip(frame["region"], frame["behinderung"], strict=True))
    assert all(count >= K for count in combos.values())
    # a suppressed breakdown answer is not given away by the question behind its skip logic
    hidden_rows = frame[frame["behinderung"] == HIDDEN]
    assert (hidden_rows["barriere"] == HIDDEN).all()


# --- exports: the codebook and the SPSS file agree -----------------------------------------------


def fill(survey, eworld):
    make_responses(
        survey,
        eworld.region,
        [{"behinderung": 1, "einst1": 4, "alter": 30, "barriere": 2, "ideen": "Mehr Rampen"}] * 6,
    )
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 3, "orte": [1, 3]}] * 7)
    make_responses(survey, eworld.other_region, [{"behinderung": 2, "einst1": 5}] * 6)
    make_responses(survey, eworld.other_region, [{"behinderung": 1, "einst1": 1}] * 2)


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def parse_labels(text):
    head, _sep, tail = text.partition(": ")
    text = tail if tail and "=" not in head else text  # the missing codes lead with a word
    labels = {}
    for part in filter(None, (item.strip() for item in text.split(";"))):
        code, label = part.split("=", 1)
        labels[float(code)] = label
    return labels


def test_sav_value_labels_match_the_codebook(client, survey, eworld, tmp_path):
    import pyreadstat

    fill(survey, eworld)
    client.force_login(eworld.evaluator)
    answers = read_csv(client.get(reverse("evaluation:survey_csv", args=[survey.slug])))
    book = read_csv(client.get(reverse("evaluation:survey_codebook", args=[survey.slug])))
    entries = {row[0]: row for row in book[1:] if row[0]}
    assert set(answers[0]) == set(entries)  # every column of the CSV is in the codebook
    assert len(answers) - 1 == 19  # the 2 of (Nieder-Olm, ja) are withheld
    assert re.search(r"\b2\b.*\b21\b", book[-1][1])
    sav = client.get(reverse("evaluation:survey_sav", args=[survey.slug]))
    path = tmp_path / "answers.sav"
    path.write_bytes(b"".join(sav.streaming_content))
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert list(frame.columns) == answers[0]
    for name, labels in meta.variable_value_labels.items():
        expected = parse_labels(entries[name][3]) | parse_labels(entries[name][4])
        assert labels == expected, name
    for name, label in zip(meta.column_names, meta.column_labels, strict=True):
        assert label == entries[name][1]
    assert "behinderung" in meta.missing_ranges


# --- refusals -----------------------------------------------------------------------------------


@pytest.fixture
def report(survey, eworld):
    return EvaluationReport.objects.create(
        region=eworld.region,
        title="Bericht",
        first_period="2017-H1",
        last_period="2017-H2",
        status=EvaluationReport.Status.RELEASED,
    )


def urls(survey, eworld, report):
    slug, region = survey.slug, eworld.region.slug
    return [
        reverse("evaluation:survey_results", args=[slug]),
        reverse("evaluation:region_results", args=[region, slug]),
        reverse("evaluation:survey_csv", args=[slug]),
        reverse("evaluation:survey_codebook", args=[slug]),
        reverse("evaluation:survey_sav", args=[slug]),
        reverse("evaluation:report_add"),
        reverse("evaluation:report", args=[report.pk]),
        reverse("evaluation:report_edit", args=[report.pk]),
        reverse("evaluation:report_release", args=[report.pk]),
        reverse("evaluation:report_pdf", args=[report.pk]),
    ]


@pytest.mark.parametrize("who", ["outsider", "other_coordinator", "applicant"])
def test_refusals(client, survey, eworld, report, who):
    fill(survey, eworld)
    client.force_login(getattr(eworld, who))
    for url in urls(survey, eworld, report):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("evaluation:reports")).status_code == 404


def test_anonymous_is_sent_to_the_login(client, survey, eworld, report):
    for url in [*urls(survey, eworld, report), reverse("evaluation:reports")]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_region_members_read_their_region_only(client, survey, eworld, report):
    fill(survey, eworld)
    client.force_login(eworld.coordinator)
    own = reverse("evaluation:region_results", args=[eworld.region.slug, survey.slug])
    assert client.get(own).status_code == 200
    assert client.get(own + "?breakdown=region").status_code == 200  # ignored, not an error
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 200
    client.force_login(eworld.other_coordinator)
    assert client.get(reverse("evaluation:report", args=[report.pk])).status_code == 404


def test_programme_side_sees_all_regions(client, survey, eworld):
    fill(survey, eworld)
    client.force_login(eworld.evaluator)
    for region in (eworld.region, eworld.other_region):
        url = reverse("evaluation:region_results", args=[region.slug, survey.slug])
        assert client.get(url).status_code == 200


# --- a fixed number of queries ------------------------------------------------------------------


def many(survey, eworld, n):
    Response.objects.filter(survey=survey).delete()
    rows = [
        {"behinderung": 1 + i % 2, "einst1": 1 + i % 5, "alter": 20 + i % 50, "orte": [1 + i % 4]}
        for i in range(n)
    ]
    make_responses(survey, eworld.region, rows[: n // 2])
    make_responses(survey, eworld.other_region, rows[n // 2 :])


@pytest.mark.parametrize(
    "query", ["", "?breakdown=behinderung", "?breakdown=region", "?region=neuruppin"]
)
def test_results_pages_keep_their_queries(client, survey, eworld, query):
    client.force_login(eworld.evaluator)
    pages = [
        reverse("evaluation:survey_results", args=[survey.slug]) + query,
        reverse("evaluation:region_results", args=[eworld.region.slug, survey.slug]) + query,
    ]
    counted = []
    for size in (30, 300):
        many(survey, eworld, size)
        sizes = []
        for url in pages:
            client.get(url)  # warm caches (sessions, permissions)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sizes.append(len(queries))
        counted.append(sizes)
    assert counted[0] == counted[1]


# --- the PDF ----------------------------------------------------------------------------------


def test_pdf_hides_what_the_pages_hide(client, survey, eworld):
    from pypdf import PdfReader

    make_responses(survey, eworld.region, [{"behinderung": 1, "einst1": 4}] * 11)
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 5}] * 12)
    make_responses(survey, eworld.region, [{"behinderung": 2, "einst1": 1}] * 3)
    report = EvaluationReport.objects.create(
        region=eworld.region,
        title="Bericht",
        first_period="2017-H1",
        last_period="2017-H2",
        summary_easy="Viele finden Inklusion gut.",
        status=EvaluationReport.Status.RELEASED,
    )
    report.surveys.set([survey])
    client.force_login(eworld.evaluator)
    content = client.get(reverse("evaluation:report_pdf", args=[report.pk])).content
    assert content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Zusammenfassung in Leichter Sprache" in text
    assert "Viele finden Inklusion gut." in text
    assert "stimme gar nicht zu –" in text
    assert not re.search(r"stimme gar nicht zu\s*3\b", text)
