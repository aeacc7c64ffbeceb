"""Streamed CSV downloads as German Excel opens them: UTF-8 with a byte order mark,
semicolons, and text that a spreadsheet would run as a formula defused (OWASP)."""

import csv
from collections.abc import Iterable

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(value):
    """Text starting like a formula gets a leading apostrophe; None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _lines(headers: list[str], rows: Iterable[list]):
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte order mark makes Excel read the file as UTF-8, so umlauts survive.
    yield "\ufeff" + writer.writerow([str(header) for header in headers])
    for row in rows:
        yield writer.writerow([defused(value) for value in row])


def csv_response(*, headers: list[str], rows: Iterable[list], filename: str):
    """A download that streams rows as they are produced, so memory stays flat."""
    response = StreamingHttpResponse(_lines(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
