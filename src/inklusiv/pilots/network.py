"""The network of a pilot region as it was on one day: its map, its table and its metrics.

`snapshot()` is the one function behind the network page, the public profile and the yearly
report: the map (an SVG drawn on the server, no JavaScript) and the table (its accessible
alternative) are built from the same graph, so they always show the same actors and ties.

Pure: reads the region's actors and ties (two queries, whatever the size) and writes nothing.
An actor belongs to the network on a day when it had joined by then and not yet left; a tie
when it had begun and not yet ended and both its actors belong to the network that day.
The layout is computed once over every actor and tie the region ever had, so an actor keeps
its place on the map from one date to the next and two dates can be compared side by side.
"""

from __future__ import annotations

import datetime
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Actor, PilotRegion, Sector, Tie

# Colour and shape of each sector. Colour alone would not tell the sectors apart for everyone
# (WCAG 1.4.1), so each sector also has its own shape; every shape has a dark outline, which
# gives it the contrast a graphical object needs against the white ground (WCAG 1.4.11).
# Colours from Okabe and Ito's palette, which stays distinguishable with colour blindness.
SECTOR_STYLE = {
    Sector.ADMINISTRATION: ("#0072b2", "square"),
    Sector.CIVIL_SOCIETY: ("#e69f00", "circle"),
    Sector.BUSINESS: ("#009e73", "diamond"),
    Sector.SCIENCE: ("#56b4e9", "triangle"),
    Sector.SELF_ADVOCACY: ("#cc79a7", "star"),
    Sector.OTHER: ("#f0e442", "triangle_down"),
}
# Kinds of tie by the line's width and dash pattern (again not by colour).
TIE_STYLE = {
    Tie.Kind.COOPERATION_AGREEMENT: ("3.5", ""),
    Tie.Kind.WORKING_GROUP: ("1.75", ""),
    Tie.Kind.JOINT_MEASURE: ("2", "9 5"),
    Tie.Kind.INFORMAL: ("2", "2 4"),
}
OUTLINE = "#1b1b1b"
EDGE_COLOUR = "#595959"
TEXT_COLOUR = "#1b1b1b"

WIDTH = 1100
MAP_HEIGHT = 760
MARGIN_X = 110  # room for the labels at the left and right edge
MARGIN_Y = 40
NODE_RADIUS = 11
FONT_SIZE = 14
LABEL_LENGTH = 30
LAYOUT_SEED = 2017
# The force layout needs only numpy below this size; beyond it networkx would need scipy.
FORCE_LAYOUT_LIMIT = 400
BROKER_COUNT = 5
HUB = -1  # never an actor's pk
HUB_WEIGHT = 0.2
MAX_STRETCH = 1.6
# Distance between actors, relative to networkx's default (more room for the labels).
SPACING = 2.0

# Columns of the table by which it can be sorted (the `sort` parameter; "-" for descending).
SORT_KEYS = ("name", "kind", "sector", "ties", "neighbours", "joined")


@dataclass(frozen=True)
class Row:
    """One actor in the table: who, which sector, how connected."""

    actor: Actor
    kind: str
    sector: str
    sector_label: str
    ties: int
    neighbours: list[str]
    joined_on: datetime.date

    @property
    def name(self) -> str:
        return self.actor.name


@dataclass(frozen=True)
class SectorCount:
    sector: str
    label: str
    count: int


@dataclass(frozen=True)
class Broker:
    """An actor on many shortest paths between others (normalised betweenness, 0–1)."""

    actor: Actor
    betweenness: float


@dataclass
class Metrics:
    actors: int
    ties: int
    # Sector value → number of actors, every sector included (0 when none), in Sector order.
    per_sector: dict[str, int]
    # Share of the sectors with at least one actor (0–1).
    sector_coverage: float
    # Share of all possible pairs of actors that are connected (0–1).
    density: float
    brokers: list[Broker]
    isolated: list[Actor]

    @property
    def sectors_present(self) -> int:
        return sum(1 for count in self.per_sector.values() if count)

    @property
    def sectors_total(self) -> int:
        return len(self.per_sector)

    @property
    def sector_counts(self) -> list[SectorCount]:
        labels = dict(Sector.choices)
        return [
            SectorCount(value, str(labels[value]), count)
            for value, count in self.per_sector.items()
        ]


@dataclass
class Snapshot:
    on: datetime.date
    svg: SafeString
    rows: list[Row]
    metrics: Metrics
    # The ties active on the day (each drawn as one line of the map).
    ties: list[Tie] = field(default_factory=list)


@dataclass(frozen=True)
class Counts:
    on: datetime.date
    actors: int
    ties: int


def today() -> datetime.date:
    return timezone.localdate()


def present(actor: Actor, on: datetime.date) -> bool:
    return actor.joined_on <= on and (actor.left_on is None or actor.left_on > on)


def active(tie: Tie, on: datetime.date) -> bool:
    return tie.began_on <= on and (tie.ended_on is None or tie.ended_on > on)


def _load(region: PilotRegion, public_only: bool) -> tuple[list[Actor], list[Tie]]:
    """Every actor and tie the region ever had (two queries)."""
    actors = Actor.objects.filter(region=region)
    if public_only:
        actors = actors.filter(public=True)
    actors = list(actors.order_by("pk"))
    known = {actor.pk for actor in actors}
    ties = [
        tie
        for tie in Tie.objects.filter(region=region).order_by("began_on", "pk")
        if tie.source_id in known and tie.target_id in known
    ]
    return actors, ties


def _on_day(
    actors: Sequence[Actor], ties: Sequence[Tie], on: datetime.date
) -> tuple[list[Actor], list[Tie]]:
    here = [actor for actor in actors if present(actor, on)]
    ids = {actor.pk for actor in here}
    return here, [
        tie for tie in ties if active(tie, on) and tie.source_id in ids and tie.target_id in ids
    ]


def growth(
    region: PilotRegion, dates: Iterable[datetime.date], *, public_only: bool = False
) -> list[Counts]:
    """How many actors and ties the network had on each of the dates (two queries)."""
    actors, ties = _load(region, public_only)
    result = []
    for day in dates:
        here, active_ties = _on_day(actors, ties, day)
        result.append(Counts(on=day, actors=len(here), ties=len(active_ties)))
    return result


def snapshot(
    region: PilotRegion, *, on: datetime.date | None = None, public_only: bool = False
) -> Snapshot:
    """The network of `region` on `on` (today in Berlin when None): map, table and metrics.

    `public_only` leaves out the actors who have not agreed to be shown in public, and their
    ties (for the public profile).
    """
    on = on or today()
    actors, ties = _load(region, public_only)
    here, active_ties = _on_day(actors, ties, on)

    graph = nx.Graph()
    for actor in sorted(here, key=lambda a: a.pk):
        graph.add_node(actor.pk)
    for tie in active_ties:
        graph.add_edge(tie.source_id, tie.target_id)

    metrics = _metrics(graph, here, active_ties)
    rows = _rows(graph, here, active_ties)
    positions = _layout(actors, ties)
    svg = _svg(region, on, here, active_ties, positions)
    return Snapshot(on=on, svg=svg, rows=rows, metrics=metrics, ties=active_ties)


# --- metrics and rows ------------------------------------------------------------------------


def _metrics(graph: nx.Graph, here: list[Actor], active_ties: list[Tie]) -> Metrics:
    by_pk = {actor.pk: actor for actor in here}
    per_sector = {value: 0 for value in Sector.values}
    for actor in here:
        per_sector[actor.sector] = per_sector.get(actor.sector, 0) + 1
    present_sectors = sum(1 for count in per_sector.values() if count)
    betweenness = nx.betweenness_centrality(graph) if len(graph) > 2 else {}
    brokers = sorted(
        (Broker(by_pk[pk], value) for pk, value in betweenness.items() if value > 0),
        key=lambda broker: (-broker.betweenness, sort_text(broker.actor.name)),
    )[:BROKER_COUNT]
    isolated = sorted((by_pk[pk] for pk in nx.isolates(graph)), key=lambda a: sort_text(a.name))
    return Metrics(
        actors=len(here),
        ties=len(active_ties),
        per_sector=per_sector,
        sector_coverage=present_sectors / len(per_sector),
        density=nx.density(graph) if len(graph) > 1 else 0.0,
        brokers=brokers,
        isolated=isolated,
    )


def _rows(graph: nx.Graph, here: list[Actor], active_ties: list[Tie]) -> list[Row]:
    by_pk = {actor.pk: actor for actor in here}
    tie_count = dict.fromkeys(by_pk, 0)
    for tie in active_ties:
        tie_count[tie.source_id] += 1
        tie_count[tie.target_id] += 1
    rows = [
        Row(
            actor=actor,
            kind=actor.get_kind_display(),
            sector=actor.sector,
            sector_label=actor.get_sector_display(),
            ties=tie_count[actor.pk],
            neighbours=sorted((by_pk[pk].name for pk in graph.neighbors(actor.pk)), key=sort_text),
            joined_on=actor.joined_on,
        )
        for actor in here
    ]
    return sort_rows(rows, "name")


def sort_text(text: str) -> str:
    """A sort key that puts "Ärztekammer" with the A's, as a German reader expects."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(column, descending) from the `sort` parameter; an unknown column sorts by name."""
    value = (value or "").strip()
    descending = value.startswith("-")
    column = value.lstrip("-")
    if column not in SORT_KEYS:
        return "name", False
    return column, descending


def sort_rows(rows: Iterable[Row], sort: str | None) -> list[Row]:
    """The rows sorted by a column of the table; ties in the sort order keep name order."""
    column, descending = parse_sort(sort)
    keys = {
        "name": lambda row: sort_text(row.name),
        "kind": lambda row: sort_text(row.kind),
        "sector": lambda row: sort_text(row.sector_label),
        "ties": lambda row: row.ties,
        "neighbours": lambda row: len(row.neighbours),
        "joined": lambda row: row.joined_on,
    }
    by_name = sorted(rows, key=lambda row: (sort_text(row.name), row.actor.pk))
    return sorted(by_name, key=keys[column], reverse=descending)


# --- layout and drawing ----------------------------------------------------------------------


def _layout(actors: list[Actor], ties: list[Tie]) -> dict[int, tuple[float, float]]:
    """Positions in the map's drawing area for every actor the region ever had.

    Deterministic: the same actors and ties give the same map (fixed seed, nodes by pk).
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(actor.pk for actor in actors))
    graph.add_edges_from((tie.source_id, tie.target_id) for tie in ties)
    if not graph:
        return {}
    if len(graph) >= FORCE_LAYOUT_LIMIT:
        raw = nx.circular_layout(graph)
    else:
        # A hidden hub pulls every actor lightly towards the middle: otherwise actors without
        # ties drift to the edge and squeeze the connected network into a corner.
        graph.add_edges_from(((HUB, pk) for pk in list(graph)), weight=HUB_WEIGHT)
        raw = nx.spring_layout(
            graph,
            seed=LAYOUT_SEED,
            method="force",
            iterations=100,
            k=SPACING / math.sqrt(len(graph)),
        )
        raw.pop(HUB)
    xs = [float(point[0]) for point in raw.values()]
    ys = [float(point[1]) for point in raw.values()]
    # Each axis fills the drawing area, so a larger network uses the whole width; a small
    # one is not stretched more than MAX_STRETCH times along one axis, and stays centred.
    left, right = MARGIN_X, WIDTH - MARGIN_X
    top, bottom = MARGIN_Y, MAP_HEIGHT - MARGIN_Y - FONT_SIZE
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    factor_x = (right - left) / span_x if span_x > 1e-9 else math.inf
    factor_y = (bottom - top) / span_y if span_y > 1e-9 else math.inf
    smaller = min(factor_x, factor_y)
    if smaller == math.inf:
        factor_x = factor_y = 0
    else:
        factor_x = min(factor_x, smaller * MAX_STRETCH)
        factor_y = min(factor_y, smaller * MAX_STRETCH)
    middle_x, middle_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        pk: (
            round((left + right) / 2 + (float(x) - middle_x) * factor_x, 1),
            round((top + bottom) / 2 + (float(y) - middle_y) * factor_y, 1),
        )
        for pk, (x, y) in raw.items()
    }


def _points(corners: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)


def _polygon(x: float, y: float, radius: float, count: int, turn: float) -> str:
    return _points(
        (
            x + radius * math.cos(turn + 2 * math.pi * index / count),
            y + radius * math.sin(turn + 2 * math.pi * index / count),
        )
        for index in range(count)
    )


def shape(sector: str, x: float, y: float, radius: float = NODE_RADIUS) -> str:
    """The sector's symbol centred on (x, y), with its fill and outline."""
    colour, form = SECTOR_STYLE.get(sector, SECTOR_STYLE[Sector.OTHER])
    paint = f'fill="{colour}" stroke="{OUTLINE}" stroke-width="1.5"'
    if form == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" {paint}/>'
    if form == "square":
        side = radius * 1.7
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" {paint}/>'
        )
    if form == "diamond":
        points = _polygon(x, y, radius * 1.2, 4, 0)
    elif form == "triangle":
        points = _polygon(x, y + radius * 0.15, radius * 1.25, 3, -math.pi / 2)
    elif form == "triangle_down":
        points = _polygon(x, y - radius * 0.15, radius * 1.25, 3, math.pi / 2)
    else:  # star
        points = _points(
            (
                x
                + (radius * 1.3 if index % 2 == 0 else radius * 0.6)
                * math.cos(-math.pi / 2 + math.pi * index / 5),
                y
                + (radius * 1.3 if index % 2 == 0 else radius * 0.6)
                * math.sin(-math.pi / 2 + math.pi * index / 5),
            )
            for index in range(10)
        )
    return f'<polygon points="{points}" {paint}/>'


def _line_style(kind: str) -> str:
    width, dash = TIE_STYLE.get(kind, TIE_STYLE[Tie.Kind.INFORMAL])
    style = f'stroke="{EDGE_COLOUR}" stroke-width="{width}"'
    if dash:
        style += f' stroke-dasharray="{dash}"'
    return style


def _label(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def _text(x: float, y: float, text: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT_SIZE}" '
        f'fill="{TEXT_COLOUR}"{weight}>{escape(text)}</text>'
    )


def _edges(active_ties: list[Tie], positions) -> list[str]:
    """One line per tie; several ties between the same two actors run side by side."""
    parts = []
    seen: dict[frozenset, int] = {}
    for tie in active_ties:
        (x1, y1), (x2, y2) = positions[tie.source_id], positions[tie.target_id]
        pair = frozenset((tie.source_id, tie.target_id))
        index = seen.get(pair, 0)
        seen[pair] = index + 1
        if index:
            length = math.hypot(x2 - x1, y2 - y1) or 1
            offset = 4 * ((index + 1) // 2) * (1 if index % 2 else -1)
            dx, dy = -(y2 - y1) / length * offset, (x2 - x1) / length * offset
            x1, y1, x2, y2 = x1 + dx, y1 + dy, x2 + dx, y2 + dy
        parts.append(
            f'<line data-tie="{tie.pk}" data-source="{tie.source_id}" '
            f'data-target="{tie.target_id}" data-kind="{escape(tie.kind)}" '
            f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f"{_line_style(tie.kind)}/>"
        )
    return parts


def _nodes(here: list[Actor], positions) -> list[str]:
    parts = []
    for actor in sorted(here, key=lambda a: a.pk):
        x, y = positions[actor.pk]
        label = _label(actor.name)
        # Keep the label inside the picture: shift it in from the edge (estimated width).
        half = len(label) * FONT_SIZE * 0.3
        label_x = min(max(x, half + 4), WIDTH - half - 4)
        parts.append(
            f'<g data-actor="{actor.pk}" data-sector="{escape(actor.sector)}">'
            f"<title>{escape(actor.name)} ({escape(actor.get_sector_display())})</title>"
            f"{shape(actor.sector, x, y)}"
            f'<text x="{label_x:.1f}" y="{y + NODE_RADIUS + FONT_SIZE + 2:.1f}" '
            f'text-anchor="middle" '
            f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}" stroke="#ffffff" stroke-width="4" '
            f'stroke-linejoin="round" paint-order="stroke">{escape(label)}</text>'
            "</g>"
        )
    return parts


def _legend(top: float) -> tuple[list[str], float]:
    """The key to shapes and lines, drawn below the map; returns its parts and its height."""
    parts = [_text(20, top + 20, _("Sectors"), bold=True)]
    y = top + 48
    column_width = (WIDTH - 40) / 2
    sectors = list(Sector.choices)
    for index, (value, label) in enumerate(sectors):
        x = 20 + (index % 2) * column_width
        row_y = y + (index // 2) * 28
        parts.append(shape(value, x + 12, row_y - 5, 9))
        parts.append(_text(x + 32, row_y, str(label)))
    y += math.ceil(len(sectors) / 2) * 28 + 12
    parts.append(_text(20, y, _("Kinds of tie"), bold=True))
    y += 28
    kinds = list(Tie.Kind.choices)
    for index, (value, label) in enumerate(kinds):
        x = 20 + (index % 2) * column_width
        row_y = y + (index // 2) * 28
        parts.append(
            f'<line x1="{x:.1f}" y1="{row_y - 5:.1f}" x2="{x + 44:.1f}" y2="{row_y - 5:.1f}" '
            f"{_line_style(value)}/>"
        )
        parts.append(_text(x + 56, row_y, str(label)))
    y += math.ceil(len(kinds) / 2) * 28
    return parts, y - top


def _svg(region, on, here, active_ties, positions) -> SafeString:
    day = date_format(on, "SHORT_DATE_FORMAT")
    base_id = f"network-{region.pk}-{on:%Y%m%d}"
    title = _("Network of %(region)s on %(date)s") % {"region": region.name, "date": day}
    description = " ".join(
        [
            ngettext("%(count)s actor", "%(count)s actors", len(here)) % {"count": len(here)}
            + ", "
            + ngettext("%(count)s tie", "%(count)s ties", len(active_ties))
            % {"count": len(active_ties)}
            + ".",
            _(
                "Each actor is a symbol whose shape and colour stand for its sector; each tie is "
                "a line whose width and dashes stand for its kind. The table below lists the "
                "same actors with their ties."
            ),
        ]
    )
    legend, legend_height = _legend(MAP_HEIGHT + 10)
    height = MAP_HEIGHT + 10 + legend_height + 10
    body = []
    if here:
        body.append('<g class="network-ties">')
        body.extend(_edges(active_ties, positions))
        body.append("</g>")
        body.append('<g class="network-actors">')
        body.extend(_nodes(here, positions))
        body.append("</g>")
    else:
        body.append(
            _text(
                WIDTH / 2,
                MAP_HEIGHT / 2,
                _("The network had no actors on this date."),
                anchor="middle",
            )
        )
    markup = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{base_id}-title {base_id}-desc" font-family="sans-serif">'
        f'<title id="{base_id}-title">{escape(title)}</title>'
        f'<desc id="{base_id}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
        f'<line x1="0" y1="{MAP_HEIGHT + 5}" x2="{WIDTH}" y2="{MAP_HEIGHT + 5}" '
        f'stroke="#c9c9c9" stroke-width="1"/>'
        + "".join(body)
        + '<g class="network-legend">'
        + "".join(legend)
        + "</g></svg>"
    )
    return mark_safe(markup)  # noqa: S308 - every text above is escaped
