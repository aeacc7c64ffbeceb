"""Offline look-up of coordinates for a German postcode and town, from the vendored GeoNames
postcode data (data/de_postcodes.csv.gz, CC BY 4.0; see data/ATTRIBUTION.md).

Used where people type an address but the optimiser needs a point (meeting places, experts'
travel bases); a postcode-level centroid is accurate enough to estimate travel times.
"""

from __future__ import annotations

import csv
import gzip
import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "de_postcodes.csv.gz"
ATTRIBUTION = "© GeoNames (geonames.org), CC BY 4.0"


@dataclass(frozen=True)
class Place:
    postcode: str
    town: str
    latitude: float
    longitude: float


def _normalise(town: str) -> str:
    # "Schwäbisch Gmünd", "schwaebisch gmuend" and "Schwäbisch-Gmünd" name the same town.
    text = town.casefold().replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(
        char if char.isalnum() else " " for char in text if not unicodedata.combining(char)
    )
    return " ".join(text.split())


@cache
def _index() -> dict[str, list[tuple[int, Place]]]:
    """Postcode → places, the most accurate first; read once per process."""
    index: dict[str, list[tuple[int, Place]]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            place = Place(
                row["postcode"], row["town"], float(row["latitude"]), float(row["longitude"])
            )
            index.setdefault(row["postcode"], []).append((int(row["accuracy"]), place))
    for places in index.values():
        places.sort(key=lambda entry: -entry[0])
    return index


@cache
def _towns() -> dict[str, list[Place]]:
    """Normalised town name → its places, the most accurate first."""
    towns: dict[str, list[tuple[int, Place]]] = {}
    for places in _index().values():
        for accuracy, place in places:
            towns.setdefault(_normalise(place.town), []).append((accuracy, place))
    return {
        name: [place for _accuracy, place in sorted(entries, key=lambda entry: -entry[0])]
        for name, entries in towns.items()
    }


def _km(a: Place, b: Place) -> float:
    # An equirectangular estimate is plenty to tell one city's postcodes from two towns.
    dx = (b.longitude - a.longitude) * 111.32 * math.cos(math.radians(a.latitude))
    dy = (b.latitude - a.latitude) * 110.57
    return math.hypot(dx, dy)


# A town's postcodes lie within this distance of each other (Berlin spans about 40 km);
# places of one name further apart are different towns ("Neustadt").
ONE_TOWN_KM = 45


def lookup_town(town: str) -> Place | None:
    """The place of a town named without postcode, or None when the name is unknown or
    names several towns far apart (then only the postcode tells which one is meant)."""
    places = _towns().get(_normalise(town or ""))
    if not places:
        return None
    first = places[0]
    if any(_km(first, other) > ONE_TOWN_KM for other in places[1:]):
        return None
    return first


def lookup(postcode: str, town: str = "") -> Place | None:
    """The place of a five-digit German postcode, or None when it is unknown. Where several
    towns share the postcode, ``town`` picks the matching one (exactly, else by its first
    word, e.g. "Leipzig" for "Leipzig-Grünau"); otherwise the most accurate entry wins."""
    places = _index().get((postcode or "").strip())
    if not places:
        return None
    wanted = _normalise(town or "")
    if wanted:
        for _accuracy, place in places:
            if _normalise(place.town) == wanted:
                return place
        for _accuracy, place in places:
            name = _normalise(place.town)
            if name.startswith(wanted) or wanted.startswith(name):
                return place
    return places[0][1]
