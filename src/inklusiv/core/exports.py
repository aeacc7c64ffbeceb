"""Downloads of tables: streamed CSV as German Excel opens them (UTF-8 with a byte order mark,
semicolons, and text that a spreadsheet would run as a formula defused, OWASP) and XLSX."""

import csv
import tempfile
from collections.abc import Iterable

from django.http import FileResponse, StreamingHttpResponse

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


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_file(*, headers: list[str], rows: Iterable[list], title: str):
    """A temporary file holding the workbook; write-only mode keeps memory flat."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    sheet.append([str(header) for header in headers])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                # openpyxl would store text starting with "=" as a formula.
                cell.data_type = "s"
            elif hasattr(value, "strftime"):
                cell.number_format = "DD.MM.YYYY HH:MM"
            cells.append(cell)
        sheet.append(cells)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_response(*, headers: list[str], rows: Iterable[list], filename: str, title: str):
    """A spreadsheet download; the workbook is written to a temporary file first (XLSX is a
    zip archive, which cannot be streamed row by row) and sent from there in chunks."""
    return FileResponse(
        _xlsx_file(headers=headers, rows=rows, title=title),
        as_attachment=True,
        filename=filename,
        content_type=XLSX_TYPE,
    )
