"""Tables as downloads: CSV for any spreadsheet, XLSX for Excel and LibreOffice.

Generic over the table: a header row and rows of plain values (text, numbers, dates,
datetimes). Cells a spreadsheet would run as a formula (text starting with = + - @, a tab or
a carriage return) get a leading apostrophe, so that a name like "=HYPERLINK(…)" stays text.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils.formats import date_format, number_format
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(value, decimals: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, datetime):
        return date_format(value, "Y-m-d H:i")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return number_format(value, decimal_pos=decimals, use_l10n=True)
    return str(safe_cell(value))


def table_csv(
    header: Sequence[str], rows: Iterable[Sequence], *, float_decimals: int | None = 2
) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, so that Excel in German opens it right;
    decimal numbers in the active language's notation (a comma in German), for the same
    reason."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([_csv_text(cell, float_decimals) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str,
    number_formats: dict[int, str] | None = None,
    title: str = "",
) -> bytes:
    """One sheet, a bold frozen header row; `number_formats` maps a column index (from 0) to
    an Excel number format such as "0.0%" or "0.0"."""
    number_formats = number_formats or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([str(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif index in number_formats and isinstance(cell.value, int | float):
                cell.number_format = number_formats[index]
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(len(name) + 4, 40))
    sheet.freeze_panes = "A2"
    if title:
        workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes, *, filename: str, file_format: str) -> HttpResponse:
    content_type = XLSX_TYPE if file_format == "xlsx" else CSV_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def table_response(
    file_format: str,
    *,
    filename: str,
    header: Sequence[str],
    rows: Sequence[Sequence],
    sheet_title: str,
    number_formats: dict[int, str] | None = None,
    csv_values: Sequence[Sequence] | None = None,
) -> HttpResponse:
    """The table as a CSV or XLSX download (`file_format` "csv" or "xlsx"; the file name gets
    the extension). `csv_values` may give other cells for the CSV, e.g. percentages as
    12.5 where the XLSX holds 0.125 formatted as a percentage."""
    if file_format == "xlsx":
        content = table_xlsx(
            header, rows, sheet_title=sheet_title, number_formats=number_formats, title=filename
        )
    else:
        content = table_csv(header, csv_values if csv_values is not None else rows)
    return download(content, filename=f"{filename}.{file_format}", file_format=file_format)
