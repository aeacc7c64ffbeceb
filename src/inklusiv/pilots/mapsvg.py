"""A map of Germany with a region's place on it, drawn on the server as SVG.

No third-party tiles and no outline data: the offline gazetteer's postcode coordinates, thinned
to one dot per grid cell, form Germany's shape as a faint cloud of dots (computed once per
process). The place is marked by a ring with its name beside it. Works without JavaScript;
the figure names the place and the state in its title, the page says it in words as well.
"""

from __future__ import annotations

import csv
import gzip
import math
from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from inklusiv.core import gazetteer

# Germany lies within these bounds (with a small margin).
WEST, EAST = 5.6, 15.3
SOUTH, NORTH = 47.1, 55.2
# Equirectangular projection, stretched for the middle latitude so the shape is not squat.
_X_SCALE = math.cos(math.radians((SOUTH + NORTH) / 2))
WIDTH = 360
SCALE = WIDTH / ((EAST - WEST) * _X_SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)
# One dot per cell of this many pixels: about 2,700 dots, enough for the outline's shape.
CELL = 6


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """SVG coordinates of a point (x to the east, y to the south)."""
    x = (longitude - WEST) * _X_SCALE * SCALE
    y = (NORTH - latitude) * SCALE
    return x, y


@cache
def _dots() -> str:
    """The path data of the dot cloud: one zero-length round-capped stroke per grid cell
    that holds a postcode ("M x yh0"), the shortest markup for a dot."""
    cells: set[tuple[int, int]] = set()
    with gzip.open(gazetteer.DATA, "rt", encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            try:
                x, y = project(float(row["latitude"]), float(row["longitude"]))
            except (KeyError, ValueError):
                continue
            if 0 <= x <= WIDTH and 0 <= y <= HEIGHT:
                cells.add((int(x // CELL), int(y // CELL)))
    half = CELL / 2
    return "".join(
        f"M{column * CELL + half:g} {row * CELL + half:g}h0" for column, row in sorted(cells)
    )


def germany_map(
    *,
    name: str,
    state: str,
    latitude: float | None,
    longitude: float | None,
    id_prefix: str = "map",
) -> SafeString:
    """The SVG (role="img", titled with the place and its state) with the place marked."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    known = latitude is not None and longitude is not None
    if known:
        title = _("Location of %(name)s in %(state)s, Germany") % {"name": name, "state": state}
        description = _(
            "Map of Germany drawn from dots; a ring marks where %(name)s lies in %(state)s."
        ) % {"name": name, "state": state}
    else:
        title = _("Map of Germany; the location of %(name)s in %(state)s is not known") % {
            "name": name,
            "state": state,
        }
        description = _("Map of Germany drawn from dots, without a marked place.")
    marker = SafeString("")
    if known:
        x, y = project(latitude, longitude)
        x, y = min(max(x, 0), WIDTH), min(max(y, 0), HEIGHT)
        # The name goes to the right of the ring, or to its left near the eastern edge.
        left = x > WIDTH * 0.5
        label_x = x - 12 if left else x + 12
        marker = format_html(
            '<g class="map-marker">'
            '<circle cx="{x}" cy="{y}" r="9" fill="#ffffff" stroke="#b3003c" stroke-width="4"/>'
            '<circle cx="{x}" cy="{y}" r="3" fill="#b3003c"/>'
            '<text x="{lx}" y="{ly}" text-anchor="{anchor}" font-size="15" font-weight="bold" '
            'fill="#1b1b1b" stroke="#ffffff" stroke-width="4" paint-order="stroke">{name}</text>'
            "</g>",
            x=f"{x:.1f}",
            y=f"{y:.1f}",
            lx=f"{label_x:.1f}",
            ly=f"{y + 5:.1f}",
            anchor="end" if left else "start",
            name=name,
        )
    return format_html(
        '<svg class="figure-svg region-map" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{tid} {did}" focusable="false">'
        '<title id="{tid}">{title}</title><desc id="{did}">{desc}</desc>'
        '<path d="{dots}" fill="none" stroke="#9aa5b1" stroke-width="4" '
        'stroke-linecap="round" opacity="0.6"/>'
        "{marker}</svg>",
        w=WIDTH,
        h=HEIGHT,
        tid=title_id,
        did=desc_id,
        title=title,
        desc=description,
        dots=_dots(),
        marker=marker,
    )
