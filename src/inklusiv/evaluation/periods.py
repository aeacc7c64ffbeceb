"""Reporting periods of the indicators: half-years, written "2017-H1" in the database and in
exports and "1. Halbjahr 2017" on pages. One module so every page, form and export agrees."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

PATTERN = re.compile(r"^(?P<year>(19|20)\d\d)-H(?P<half>[12])$")
KEY_LENGTH = 7


def is_valid(key: str) -> bool:
    return bool(PATTERN.match(key or ""))


def parse(key: str) -> tuple[int, int]:
    match = PATTERN.match(key or "")
    if not match:
        raise ValueError(key)
    return int(match["year"]), int(match["half"])


def key_for(day: datetime.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def start(key: str) -> datetime.date:
    year, half = parse(key)
    return datetime.date(year, 1 if half == 1 else 7, 1)


def end(key: str) -> datetime.date:
    year, half = parse(key)
    return datetime.date(year, 6, 30) if half == 1 else datetime.date(year, 12, 31)


def current(today: datetime.date | None = None) -> str:
    return key_for(today or timezone.localdate())


def is_future(key: str, today: datetime.date | None = None) -> bool:
    """A period that has not begun yet: no value may be entered for it."""
    return start(key) > (today or timezone.localdate())


def following(key: str) -> str:
    year, half = parse(key)
    return f"{year}-H2" if half == 1 else f"{year + 1}-H1"


def span(first: str, last: str) -> list[str]:
    """Every period from first to last, both included."""
    keys, key = [], first
    while start(key) <= start(last):
        keys.append(key)
        key = following(key)
    return keys


def label(key: str) -> str:
    year, half = parse(key)
    if half == 1:
        return _("1st half of %(year)s") % {"year": year}
    return _("2nd half of %(year)s") % {"year": year}


def choices(first: str, last: str) -> list[tuple[str, str]]:
    return [(key, label(key)) for key in span(first, last)]
