"""The minimum group size rule, in one place: a figure about a group smaller than
settings.MIN_GROUP_SIZE is never shown, charted or exported, so that nobody in a small group
can be recognised by their answers. Every breakdown asks here."""

from dataclasses import dataclass, field

from django.conf import settings


def minimum() -> int:
    return settings.MIN_GROUP_SIZE


def reportable(count: int) -> bool:
    """Whether figures about `count` people may be shown."""
    return count >= minimum()


# --- tables --------------------------------------------------------------------------------
#
# A table of counts (rows × columns, e.g. answers × regions) is published with its margins: row
# totals, column totals and the grand total. Hiding the small cells is not enough, because a
# hidden cell could be recovered by subtracting the published cells of its row from the row's
# total (complementary suppression). We see the table with its margins as an (R+1) × (C+1)
# grid whose every line adds up: a hidden entry can be worked out exactly from the published
# ones exactly when it is a bridge of the bipartite graph "line r — line c" formed by the
# hidden entries (no cycle of hidden entries runs through it). So we hide, until nothing changes:
# every entry below k; a second entry in every line with a single hidden one; more entries in
# a line whose hidden cells add up to fewer than k people behind a published total; and a
# further entry beside every bridge. The hidden set only grows, so this ends (at the latest
# with everything hidden).

TOTAL = object()  # the key of the margins' line in `Table`


@dataclass
class Table:
    rows: list
    cols: list
    k: int
    # (row, col) → count or None (hidden); row or col may be TOTAL for the margins.
    entries: dict = field(default_factory=dict)

    def cell(self, row, col):
        return self.entries[(row, col)]

    def row_total(self, row):
        return self.entries[(row, TOTAL)]

    def col_total(self, col):
        return self.entries[(TOTAL, col)]

    @property
    def total(self):
        return self.entries[(TOTAL, TOTAL)]

    @property
    def hidden(self) -> int:
        return sum(value is None for value in self.entries.values())


def suppress_table(counts: dict, rows: list, cols: list, k: int | None = None) -> Table:
    """The table of `counts` ((row, col) → count; missing pairs count 0) as it may be published.

    Zero counts are hidden as well: "nobody in this group said no" is a figure about the group."""
    k = minimum() if k is None else k
    rows, cols = list(rows), list(cols)
    all_rows, all_cols = [*rows, TOTAL], [*cols, TOTAL]
    value = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in cols}
    for r in rows:
        value[(r, TOTAL)] = sum(value[(r, c)] for c in cols)
    for c in cols:
        value[(TOTAL, c)] = sum(value[(r, c)] for r in rows)
    value[(TOTAL, TOTAL)] = sum(value[(r, TOTAL)] for r in rows)

    hidden = {key for key, count in value.items() if count < k}
    lines = [[(r, c) for c in all_cols] for r in all_rows]
    lines += [[(r, c) for r in all_rows] for c in all_cols]

    def hide_one_more(line):
        """Hide the line's smallest published inner cell, else its total."""
        inner = [key for key in line[:-1] if key not in hidden]
        if inner:
            hidden.add(min(inner, key=lambda key: (value[key], _order(key, all_rows, all_cols))))
        elif line[-1] not in hidden:
            hidden.add(line[-1])

    changed = True
    while changed:
        before = len(hidden)
        for line in lines:
            inside = [key for key in line if key in hidden]
            if len(inside) == 1:
                hide_one_more(line)
                continue
            if inside and line[-1] not in hidden and sum(value[key] for key in inside) < k:
                hide_one_more(line)
        for key in _bridges(hidden):
            row_line = [(key[0], c) for c in all_cols]
            hide_one_more(row_line)
        changed = len(hidden) != before

    entries = {key: (None if key in hidden else count) for key, count in value.items()}
    return Table(rows=rows, cols=cols, k=k, entries=entries)


def suppress_counts(counts: dict, keys: list, k: int | None = None) -> Table:
    """A one-way table (answer → count) as it may be published: a table with one column."""
    column = "n"
    return suppress_table({(key, column): counts.get(key, 0) for key in keys}, keys, [column], k)


def _order(key, all_rows, all_cols):
    return (all_rows.index(key[0]), all_cols.index(key[1]))


def _bridges(hidden: set) -> list:
    """The hidden entries no cycle of hidden entries runs through (their values are implied)."""
    adjacent: dict = {}
    for r, c in hidden:
        adjacent.setdefault(("r", r), set()).add(("c", c))
        adjacent.setdefault(("c", c), set()).add(("r", r))

    def connected_without(start, goal, skipped):
        seen, stack = {start}, [start]
        while stack:
            node = stack.pop()
            for other in adjacent[node]:
                if {node, other} == skipped or other in seen:
                    continue
                if other == goal:
                    return True
                seen.add(other)
                stack.append(other)
        return False

    found = []
    for r, c in sorted(hidden, key=repr):
        a, b = ("r", r), ("c", c)
        if not connected_without(a, b, {a, b}):
            found.append((r, c))
    return found


# --- records (answers exported one person per row) -----------------------------------------


SUPPRESSED = "suppressed"


def k_anonymise(records: list[dict], keys: list[str], k: int | None = None):
    """Records whose combination of `keys` (region, breakdown variables) is shared by at least k
    records. In the rarer combinations the keys become SUPPRESSED — first the breakdown
    variables (all but the first key), then the first key — and records that still form a group
    of fewer than k are withheld. Returns (records, number withheld)."""
    k = minimum() if k is None else k

    def recode(rows, names):
        groups: dict = {}
        for row in rows:
            groups.setdefault(tuple(row[name] for name in keys), []).append(row)
        for group in groups.values():
            if len(group) < k:
                for row in group:
                    for name in names:
                        row[name] = SUPPRESSED

    rows = [dict(record) for record in records]
    recode(rows, keys[1:])
    recode(rows, keys)
    counts: dict = {}
    for row in rows:
        combination = tuple(row[name] for name in keys)
        counts[combination] = counts.get(combination, 0) + 1
    kept = [row for row in rows if counts[tuple(row[name] for name in keys)] >= k]
    return kept, len(rows) - len(kept)
