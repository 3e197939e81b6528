"""The participants of an offer as a spreadsheet for its hosts: CSV and XLSX.

Cells a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage
return) get a leading apostrophe, so that a name like "=HYPERLINK(…)" stays text."""

import csv
import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from teilhabe.core.languages import language_name

from .models import Offer, Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _yes(value: bool) -> str:
    return _("yes") if value else ""


def _header(with_dates: bool) -> list[str]:
    columns = [
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Persons"),
        _("Status"),
        _("Needs childcare"),
        _("Needs interpreting"),
        _("Note"),
        _("Language"),
        _("Registered at"),
    ]
    return [_("Date"), *columns] if with_dates else columns


def _row(registration: Registration, with_dates: bool) -> list:
    registered = timezone.localtime(registration.created_at).replace(tzinfo=None)
    cells = [
        registration.name,
        registration.email,
        registration.phone,
        registration.persons,
        registration.get_status_display(),
        _yes(registration.needs_childcare),
        _yes(registration.needs_interpreting),
        registration.note,
        language_name(registration.language),
        registered,
    ]
    if with_dates:
        session = registration.session
        starts = timezone.localtime(session.starts_at).replace(tzinfo=None) if session else ""
        cells.insert(0, starts)
    return [safe_cell(cell) for cell in cells]


def _has_dates(registrations) -> bool:
    return any(r.session_id for r in registrations)


def participants_csv(registrations: list[Registration]) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, so that Excel in German opens it right."""
    with_dates = _has_dates(registrations)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_header(with_dates))
    for registration in registrations:
        writer.writerow(
            [
                date_format(cell, "Y-m-d H:i") if hasattr(cell, "hour") else cell
                for cell in _row(registration, with_dates)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def participants_xlsx(offer: Offer, registrations: list[Registration]) -> bytes:
    with_dates = _has_dates(registrations)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(_header(with_dates))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for registration in registrations:
        sheet.append(_row(registration, with_dates))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif hasattr(cell.value, "hour"):
                cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    workbook.properties.title = str(offer.slug)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
