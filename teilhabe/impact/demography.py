"""Import the city's demography profile from a CSV in the format of the Wegweiser Kommune
(Bertelsmann Stiftung, wegweiser-kommune.de): German column headers, semicolons, decimal
commas; one row per municipality and year. The columns are documented in
docs/demography-import.md.

The management command `import_demography` and the upload page both call
`import_demography`: it reads the file, checks every row and saves the profile of each good row
(a new one, or the one with the same municipality key and year updated); a rejected row changes
nothing. It returns a report of what was created, updated and rejected, and why, in the
language that is active."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.permissions import ensure_allowed

from .models import DemographyProfile

MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_SOURCE = "Wegweiser Kommune, Bertelsmann Stiftung (wegweiser-kommune.de)"

# Header (lower case, spaces squeezed) → field. The first header found for a field is used.
HEADERS = {
    "municipality": ("kommune", "gemeinde", "name", "gebietseinheit", "gebiet"),
    "ags": (
        "ags",
        "gkz",
        "amtlicher gemeindeschlüssel",
        "gemeindeschlüssel",
        "gemeindekennziffer",
        "kennziffer",
        "ars",
    ),
    "year": ("jahr",),
    "population": (
        "bevölkerung",
        "bevölkerung (anzahl)",
        "einwohner",
        "einwohnerinnen und einwohner",
        "einwohner (anzahl)",
    ),
    "demography_type": ("demographietyp", "demografietyp", "demographie-typ", "typ"),
    "share_foreign": (
        "anteil ausländischer bevölkerung (%)",
        "anteil ausländische bevölkerung (%)",
        "ausländeranteil (%)",
        "ausländeranteil",
        "anteil ausländischer bevölkerung",
    ),
    "median_age": ("medianalter", "medianalter (jahre)", "medianalter (in jahren)"),
    "source": ("quelle",),
}
# "Bevölkerungsentwicklung bis 2040 (%)", "Prognose 2040 (%)", "Bevölkerungsprognose bis 2040
# (%)", "Bevölkerungsentwicklung 2020-2040 (%)": the projected change and the year it reaches.
PROJECTION = re.compile(r"^(bevölkerungs)?(entwicklung|prognose)\b.*?(?P<year>(19|20)\d\d)\D*$")
REQUIRED = ("municipality", "ags", "year", "population")
TRUE_MINUS = "\u2212"


class DemographyFileError(Exception):
    """The file as a whole cannot be read (the message says why, translated)."""


@dataclass
class RowResult:
    row: int
    ags: str = ""
    municipality: str = ""
    year: int | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class DemographyReport:
    created: list[RowResult] = field(default_factory=list)
    updated: list[RowResult] = field(default_factory=list)
    rejected: list[RowResult] = field(default_factory=list)
    error: str = ""

    @property
    def saved(self) -> int:
        return len(self.created) + len(self.updated)

    def as_text(self) -> str:
        if self.error:
            return _("The file could not be imported: %(error)s") % {"error": self.error}
        lines = []
        for title, results in (
            (_("Created"), self.created),
            (_("Updated"), self.updated),
            (_("Rejected"), self.rejected),
        ):
            lines.append(f"{title}: {len(results)}")
            for result in results:
                text = _("row %(row)s") % {"row": result.row}
                if result.municipality or result.year:
                    text += f": {result.municipality} {result.year or ''}".rstrip()
                if result.reasons:
                    text += " – " + "; ".join(result.reasons)
                lines.append(f"  {text}")
        return "\n".join(lines)


# --- reading -----------------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Windows save "CSV" in Windows-1252.
        return content.decode("cp1252", errors="replace")


def _normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header.replace("\ufeff", "")).strip().lower()


def _columns(header: list[str]) -> tuple[dict[str, int], int | None]:
    """Field → column index, and the year of the projection column (if there is one)."""
    names = [_normalise(name) for name in header]
    columns: dict[str, int] = {}
    for field_name, candidates in HEADERS.items():
        for candidate in candidates:
            if candidate in names:
                columns[field_name] = names.index(candidate)
                break
    projection_year = None
    for index, name in enumerate(names):
        match = PROJECTION.match(name)
        if match and ("%" in name or "prozent" in name):
            columns["projected_change"] = index
            projection_year = int(match["year"])
            break
    return columns, projection_year


def read_table(content: bytes) -> tuple[dict[str, int], int | None, list[tuple[int, list[str]]]]:
    if len(content) > MAX_FILE_BYTES:
        raise DemographyFileError(_("The file is too large (at most 2 MB)."))
    text = _decode(content)
    if not text.strip():
        raise DemographyFileError(_("The file is empty."))
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise DemographyFileError(
            _("The CSV file cannot be read: %(problem)s") % {"problem": error}
        ) from None
    # Exports may start with a title line or two: the header is the first line naming the year
    # and the municipality (or its key).
    position = next(
        (
            index
            for index, record in enumerate(records)
            if {"year"} <= _columns(record)[0].keys()
            and {"ags", "municipality"} & _columns(record)[0].keys()
        ),
        None,
    )
    if position is None:
        raise DemographyFileError(
            _(
                "No header line found: the file needs the columns “Kommune”, “GKZ” (or “AGS”), "
                "“Jahr” and “Bevölkerung” (or “Einwohner”)."
            )
        )
    columns, projection_year = _columns(records[position])
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        labels = {
            "municipality": "Kommune",
            "ags": "GKZ / AGS",
            "year": "Jahr",
            "population": "Bevölkerung / Einwohner",
        }
        raise DemographyFileError(
            _("These columns are missing: %(columns)s.")
            % {"columns": ", ".join(f"“{labels[name]}”" for name in missing)}
        )
    rows = []
    for number, record in enumerate(records[position + 1 :], start=position + 2):
        if any(value.strip() for value in record):
            rows.append((number, record))
    return columns, projection_year, rows


# --- values ------------------------------------------------------------------------------------


def _number(text: str) -> Decimal | None:
    """A German number: decimal comma, dots (or spaces) grouping thousands, +/− signs."""
    text = text.strip().replace(TRUE_MINUS, "-").replace("\u00a0", "").replace(" ", "")
    text = text.removesuffix("%").strip()
    if not text or text in ("-", "–", "k.A.", "k. A.", "."):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


@dataclass
class _Row:
    values: dict
    reasons: list[str]


def _check_row(record: list[str], columns: dict[str, int], projection_year) -> _Row:
    def cell(name: str) -> str:
        index = columns.get(name)
        return record[index].strip() if index is not None and index < len(record) else ""

    values: dict = {}
    reasons: list[str] = []

    values["municipality"] = cell("municipality")[:200]
    if not values["municipality"]:
        reasons.append(_("The municipality’s name (“Kommune”) is missing."))

    ags = re.sub(r"[\s.]", "", cell("ags"))
    if not ags:
        reasons.append(_("The municipality key (“GKZ” or “AGS”) is missing."))
    elif not ags.isdigit() or len(ags) not in (5, 7, 8, 12):
        reasons.append(
            _("“%(value)s” is not a municipality key: it has 8 digits (e.g. 16051000).")
            % {"value": cell("ags")}
        )
    else:
        # Spreadsheets drop the leading zero of the keys of Schleswig-Holstein … Saarland.
        values["ags"] = ags.zfill(8) if len(ags) == 7 else ags

    year_text = cell("year")
    this_year = date.today().year
    if not year_text:
        reasons.append(_("The year (“Jahr”) is missing."))
    elif not year_text.isdigit() or not 1990 <= int(year_text) <= this_year + 1:
        reasons.append(
            _("“%(value)s” is not a year between 1990 and %(last)s.")
            % {"value": year_text, "last": this_year + 1}
        )
    else:
        values["year"] = int(year_text)

    def number(name: str, label: str, low, high, *, required=False, whole=False):
        text = cell(name)
        try:
            value = _number(text)
        except ValueError:
            reasons.append(
                _("“%(value)s” in “%(column)s” is not a number.") % {"value": text, "column": label}
            )
            return None
        if value is None:
            if required:
                reasons.append(_("“%(column)s” is missing.") % {"column": label})
            return None
        if whole and value != value.to_integral_value():
            reasons.append(
                _("“%(value)s” in “%(column)s” is not a whole number.")
                % {"value": text, "column": label}
            )
            return None
        if not low <= value <= high:
            reasons.append(
                _("%(value)s in “%(column)s” is not between %(low)s and %(high)s.")
                % {"value": text, "column": label, "low": low, "high": high}
            )
            return None
        return int(value) if whole else value.quantize(Decimal("0.1"))

    values["population"] = number(
        "population", _("population"), 1, 100_000_000, required=True, whole=True
    )
    if values["population"] is None:
        values.pop("population")
    values["projected_change"] = number("projected_change", _("projected change"), -100, 100)
    values["projection_year"] = projection_year if "projected_change" in columns else None
    values["share_foreign"] = number("share_foreign", _("share of foreign nationals"), 0, 100)
    values["median_age"] = number("median_age", _("median age"), 0, 120)

    kind = cell("demography_type")
    values["demography_type"], values["demography_type_name"] = None, ""
    if kind:
        match = re.match(r"^(typ\s*)?(?P<number>\d{1,2})\b[\s:.)–-]*(?P<name>.*)$", kind, re.I)
        if match and 1 <= int(match["number"]) <= 99:
            values["demography_type"] = int(match["number"])
            values["demography_type_name"] = match["name"].strip()[:200]
        elif kind.isdigit():
            reasons.append(
                _("“%(value)s” is not a demography type (a number from 1 on).") % {"value": kind}
            )
        else:
            values["demography_type_name"] = kind[:200]
    values["source"] = cell("source")[:300]
    # A column missing from the file leaves that field of an existing profile as it is.
    optional = {
        "projected_change": ("projected_change", "projection_year"),
        "share_foreign": ("share_foreign",),
        "median_age": ("median_age",),
        "demography_type": ("demography_type", "demography_type_name"),
    }
    for column, names in optional.items():
        if column not in columns:
            for name in names:
                values.pop(name)
    return _Row(values, reasons)


# --- the import --------------------------------------------------------------------------------


def import_demography(content: bytes, *, filename: str = "", by=None) -> DemographyReport:
    """Check every row and save the good ones (created, or updated by municipality key and
    year). `by` is the person uploading (None for the management command)."""
    if by is not None:
        ensure_allowed(by, "impact.import_demography")
    report = DemographyReport()
    try:
        columns, projection_year, rows = read_table(content)
    except DemographyFileError as error:
        report.error = str(error)
        return report
    if not rows:
        report.error = _("The file has a header line but no rows.")
        return report
    seen: dict[tuple[str, int], int] = {}
    default_source = DEFAULT_SOURCE + (f" – {filename}" if filename else "")
    for number, record in rows:
        checked = _check_row(record, columns, projection_year)
        values = checked.values
        result = RowResult(
            row=number,
            ags=values.get("ags", ""),
            municipality=values.get("municipality", ""),
            year=values.get("year"),
            reasons=checked.reasons,
        )
        key = (values.get("ags"), values.get("year"))
        if not result.reasons and key in seen:
            result.reasons.append(
                _("The same municipality and year are in row %(row)s already.") % {"row": seen[key]}
            )
        if result.reasons:
            report.rejected.append(result)
            continue
        seen[key] = number
        ags, year = values.pop("ags"), values.pop("year")
        values["source"] = values["source"] or default_source
        with transaction.atomic():
            _profile, created = DemographyProfile.objects.update_or_create(
                ags=ags, year=year, defaults=values
            )
        (report.created if created else report.updated).append(result)
    return report
