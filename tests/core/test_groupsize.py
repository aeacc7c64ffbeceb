"""The minimum group size rule on tables and records: whatever the counts, no published figure
rests on fewer than k people, and no hidden figure can be worked out from the published ones —
neither by subtracting a line's published cells from its total nor by any combination of the
table's sums (checked with linear algebra, independently of how the suppression decides)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inklusiv.core import groupsize
from inklusiv.core.groupsize import SUPPRESSED, TOTAL, k_anonymise, suppress_counts, suppress_table


@st.composite
def tables(draw):
    rows = list(range(draw(st.integers(1, 6))))
    cols = [f"c{n}" for n in range(draw(st.integers(1, 5)))]
    counts = {
        (r, c): draw(st.one_of(st.integers(0, 4), st.integers(0, 30))) for r in rows for c in cols
    }
    k = draw(st.integers(2, 8))
    return counts, rows, cols, k


def _lines(table):
    all_rows, all_cols = [*table.rows, TOTAL], [*table.cols, TOTAL]
    lines = [[(r, c) for c in all_cols] for r in all_rows]
    lines += [[(r, c) for r in all_rows] for c in all_cols]
    return lines


def _true_values(counts, rows, cols):
    value = {(r, c): counts[(r, c)] for r in rows for c in cols}
    for r in rows:
        value[(r, TOTAL)] = sum(counts[(r, c)] for c in cols)
    for c in cols:
        value[(TOTAL, c)] = sum(counts[(r, c)] for r in rows)
    value[(TOTAL, TOTAL)] = sum(counts.values())
    return value


def _determined(table) -> list:
    """Hidden entries whose value follows from the published ones through the table's sums."""
    hidden = [key for key, value in table.entries.items() if value is None]
    if not hidden:
        return []
    index = {key: number for number, key in enumerate(hidden)}
    equations = []
    for line in _lines(table):
        row = np.zeros(len(hidden))
        for key in line[:-1]:
            if key in index:
                row[index[key]] += 1
        if line[-1] in index:
            row[index[line[-1]]] -= 1
        if row.any():
            equations.append(row)
    if not equations:
        return []
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for key, number in index.items():
        unit = np.zeros(len(hidden))
        unit[number] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(key)
    return found


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_published_figure_rests_on_fewer_than_k(data):
    counts, rows, cols, k = data
    table = suppress_table(counts, rows, cols, k)
    truth = _true_values(counts, rows, cols)
    for key, value in table.entries.items():
        if value is not None:
            assert value == truth[key]
            assert value >= k, key


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_figure_follows_from_a_published_total(data):
    counts, rows, cols, k = data
    table = suppress_table(counts, rows, cols, k)
    truth = _true_values(counts, rows, cols)
    for line in _lines(table):
        total = table.entries[line[-1]]
        hidden = [key for key in line[:-1] if table.entries[key] is None]
        if total is None or not hidden:
            continue
        # The published total minus the published cells is what the hidden ones add up to.
        assert len(hidden) >= 2, line
        assert sum(truth[key] for key in hidden) >= k, line


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_figure_follows_from_any_combination_of_sums(data):
    counts, rows, cols, k = data
    assert _determined(suppress_table(counts, rows, cols, k)) == []


def test_a_small_cell_hides_a_partner_in_its_row_and_its_column():
    counts = {("ja", "A"): 10, ("ja", "B"): 3, ("nein", "A"): 8, ("nein", "B"): 9}
    table = suppress_table(counts, ["ja", "nein"], ["A", "B"], 5)
    assert table.cell("ja", "B") is None
    # Alone, the 3 would follow from the row total 13 (13 − 10): a second cell goes too.
    assert table.row_total("ja") is None or table.cell("ja", "A") is None
    assert table.total == 30


def test_one_way_counts_hide_small_answers_and_enough_beside_them():
    table = suppress_counts({1: 20, 2: 3, 3: 9, 4: 0, 5: 11}, [1, 2, 3, 4, 5], 5)
    shown = {key: table.cell(key, "n") for key in table.rows}
    assert shown[1] == 20 and shown[5] == 11 and table.total == 43
    hidden = [key for key, value in shown.items() if value is None]
    assert len(hidden) >= 2 and sum({2: 3, 3: 9, 4: 0}[key] for key in hidden) >= 5


def test_the_default_k_is_the_setting(settings):
    settings.MIN_GROUP_SIZE = 7
    assert groupsize.minimum() == 7
    assert suppress_counts({"a": 6, "b": 8}, ["a", "b"]).cell("a", "n") is None


@st.composite
def records(draw):
    regions = ["A", "B", "C"]
    answers = [1, 2, -1]
    n = draw(st.integers(0, 60))
    rows = [
        {
            "region": draw(st.sampled_from(regions)),
            "behinderung": draw(st.sampled_from(answers)),
            "alter": draw(st.sampled_from(["u18", "18-64", "65+"])),
            "id": number,
        }
        for number in range(n)
    ]
    return rows, draw(st.integers(2, 8))


@settings(max_examples=300, deadline=None)
@given(records())
def test_every_exported_combination_is_shared_by_at_least_k_records(data):
    rows, k = data
    keys = ["region", "behinderung", "alter"]
    kept, withheld = k_anonymise(rows, keys, k)
    assert len(kept) + withheld == len(rows)
    combinations = {}
    for row in kept:
        combinations.setdefault(tuple(row[key] for key in keys), []).append(row)
    for combination, group in combinations.items():
        assert len(group) >= k, combination
    originals = {row["id"]: row for row in rows}
    for row in kept:
        for key in keys:
            assert row[key] in (originals[row["id"]][key], SUPPRESSED)


def test_a_cell_between_two_hidden_blocks_does_not_follow_from_the_blocks():
    # Two blocks of small cells joined by one more small cell: every row and column holds two
    # or more hidden cells, yet the joining cell would follow from adding up one block's rows
    # and columns, unless a further cell is hidden beside it.
    small = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]
    counts = {(r, c): (4 if (r, c) in small else 40) for r in range(4) for c in range(4)}
    table = suppress_table(counts, range(4), range(4), 5)
    assert _determined(table) == []
