"""Import and update funding programmes from a CSV or JSON file (the format is documented in
docs/funding-import.md). The management command and the upload page both call
`import_programmes`: it reads the file, checks every row and creates or updates the programme
of each good row in its own transaction — a rejected row changes nothing — and returns a
report of what was created, updated and rejected and why."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .models import (
    ApplicantKind,
    DeadlineKind,
    Funder,
    FunderLevel,
    FundingProgramme,
    FundingTopic,
    TargetGroup,
)

LIST_SEPARATOR = "|"
# 25.000 or 1.250.000: dots that group thousands (amounts have at most two decimal places)
THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
MAX_FILE_BYTES = 5 * 1024 * 1024

TEXT_FIELDS = ("title", "region", "url", "notes")
DECIMAL_FIELDS = ("min_amount", "max_amount")
# field: (lowest, highest) allowed
INTEGER_FIELDS = {
    "funding_rate": (1, 100),
    "own_share": (0, 100),
    "min_months": (1, 240),
    "max_months": (1, 240),
    "final_report_months": (0, 36),
    "interim_report_months": (0, 12),
}
BOOLEAN_FIELDS = ("has_interim_reports", "is_active")
TRUE_WORDS = {"1", "true", "yes", "ja", "y", "j", "x", "wahr"}
FALSE_WORDS = {"0", "false", "no", "nein", "n", "falsch"}


def summary_columns() -> list[str]:
    return [f"summary_{code}" for code, _name in settings.LANGUAGES]


def known_columns() -> list[str]:
    return [
        "external_id",
        "title",
        "funder",
        "funder_level",
        *summary_columns(),
        "topics",
        "target_groups",
        "applicants",
        "region",
        *DECIMAL_FIELDS,
        "funding_rate",
        "own_share",
        "deadline_kind",
        "deadlines",
        "min_months",
        "max_months",
        "final_report_months",
        "has_interim_reports",
        "interim_report_months",
        "url",
        "notes",
        "is_active",
    ]


class ImportFileError(Exception):
    """The file as a whole cannot be read (the message says why, translated)."""


@dataclass
class RowResult:
    row: int
    external_id: str
    title: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[RowResult] = field(default_factory=list)
    updated: list[RowResult] = field(default_factory=list)
    rejected: list[RowResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def rows(self) -> int:
        return len(self.created) + len(self.updated) + len(self.rejected)

    def as_text(self) -> str:
        """The report as the command prints it."""
        lines = []
        if self.error:
            return _("The file could not be imported: %(error)s") % {"error": self.error}
        if self.dry_run:
            lines.append(_("Dry run: nothing was saved."))
        lines.extend(self.warnings)
        for title, results in (
            (_("Created"), self.created),
            (_("Updated"), self.updated),
            (_("Rejected"), self.rejected),
        ):
            lines.append(f"{title}: {len(results)}")
            for result in results:
                text = _("row %(row)s: %(key)s") % {"row": result.row, "key": result.external_id}
                if result.title:
                    text += f" – {result.title}"
                if result.reasons:
                    text += " – " + "; ".join(result.reasons)
                lines.append(f"  {text}")
        return "\n".join(lines)


# --- reading the file --------------------------------------------------------------------------


def read_rows(content: bytes, filename: str = "") -> list[tuple[int, dict]]:
    """(row number, {column: value}) of every programme in the file. CSV row numbers count
    the header as row 1 (as a spreadsheet shows them); JSON objects are numbered from 1."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is too large (at most 5 MB)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not in UTF-8: save it as “CSV UTF-8”.")) from None
    suffix = Path(filename or "").suffix.lower()
    is_json = suffix == ".json" or (suffix != ".csv" and text.lstrip()[:1] in ("[", "{"))
    return _read_json(text) if is_json else _read_csv(text)


def _read_json(text: str) -> list[tuple[int, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("The file is not valid JSON (line %(line)s): %(problem)s")
            % {"line": error.lineno, "problem": error.msg}
        ) from None
    if not isinstance(data, list):
        raise ImportFileError(_("The JSON file must contain a list of programmes."))
    rows = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            rows.append((number, None))
        else:
            rows.append((number, {str(k).strip().lower(): v for k, v in item.items()}))
    return rows


def _delimiter(text: str) -> str:
    sample = text[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return ";" if header.count(";") > header.count(",") else ","


def _read_csv(text: str) -> list[tuple[int, dict]]:
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(problem)s") % {"problem": error}
        ) from None
    header = [name.strip().lower() for name in records[0]]
    if "external_id" not in header:
        raise ImportFileError(_("The first line must name the columns, among them “external_id”."))
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(value.strip() for value in record):
            continue
        values = zip(header, record, strict=False)
        rows.append((number, {name: value for name, value in values if name}))
    return rows


# --- checking one row --------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


def _list(value) -> list[str]:
    if isinstance(value, list):
        items = [_text(item) for item in value]
    else:
        items = _text(value).split(LIST_SEPARATOR)
    return [item for item in items if item]


def _decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = _text(value).replace("€", "").replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if "," in text or THOUSANDS.fullmatch(text):  # German: 1.500,50 or 25.000
            text = text.replace(".", "").replace(",", ".")
        number = Decimal(text)
    if not number.is_finite() or number < 0:
        raise ValueError
    return number


def _integer(value) -> int | None:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = _text(value).replace("%", "").strip()
    if not text:
        return None
    number = Decimal(text.replace(",", "."))
    if number != number.to_integral_value():
        raise ValueError
    return int(number)


def _boolean(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError


@dataclass
class _Row:
    number: int
    data: dict
    errors: list[str] = field(default_factory=list)
    funder: Funder | None = None
    topics: list | None = None
    target_groups: list | None = None
    deadlines: list[date] | None = None

    def has(self, column: str) -> bool:
        return column in self.data

    def error(self, column: str, message: str) -> None:
        self.errors.append(f"{column}: {message}")


class _Vocabulary:
    """The known topics, target groups and funders, read once per import."""

    def __init__(self):
        self.topics = {t.slug: t for t in FundingTopic.objects.all()}
        self.groups = {g.slug: g for g in TargetGroup.objects.all()}

    @staticmethod
    def funder(name: str) -> Funder | None:
        return Funder.objects.filter(name__iexact=name).first()


def _check_row(row: _Row, programme: FundingProgramme, vocabulary: _Vocabulary) -> None:
    """Set the row's values on `programme` (unsaved) and collect what is wrong."""
    data = row.data
    for name in TEXT_FIELDS + tuple(summary_columns()):
        if row.has(name):
            setattr(programme, name, _text(data[name]))
    for name in DECIMAL_FIELDS:
        if row.has(name):
            try:
                setattr(programme, name, _decimal(data[name]))
            except (ValueError, InvalidOperation):
                row.error(
                    name,
                    _("“%(value)s” is not an amount (write e.g. 1500.50 or 1.500,50).")
                    % {"value": _text(data[name])},
                )
    for name, (lowest, highest) in INTEGER_FIELDS.items():
        if row.has(name):
            try:
                number = _integer(data[name])
            except (ValueError, InvalidOperation):
                row.error(name, _("“%(value)s” is not a whole number.") % {"value": data[name]})
                continue
            if number is not None and not lowest <= number <= highest:
                row.error(
                    name,
                    _("%(value)s is outside %(lowest)s–%(highest)s.")
                    % {"value": number, "lowest": lowest, "highest": highest},
                )
                continue
            if number is None:
                number = FundingProgramme._meta.get_field(name).get_default()
            setattr(programme, name, number)
    for name in BOOLEAN_FIELDS:
        if row.has(name):
            try:
                value = _boolean(data[name])
            except ValueError:
                row.error(name, _("“%(value)s” is not yes or no.") % {"value": data[name]})
                continue
            if value is None:
                value = FundingProgramme._meta.get_field(name).get_default()
            setattr(programme, name, value)
    if (
        programme.min_amount is not None
        and programme.max_amount is not None
        and programme.min_amount > programme.max_amount
    ):
        row.error("max_amount", _("The maximum amount cannot be below the minimum amount."))
    _check_applicants(row, programme)
    _check_vocabulary(row, vocabulary)
    _check_deadlines(row, programme)
    _check_funder(row, programme, vocabulary)


def _known(values) -> str:
    return ", ".join(sorted(values)) or "—"


def _check_applicants(row: _Row, programme: FundingProgramme) -> None:
    if not row.has("applicants"):
        return
    kinds = _list(row.data["applicants"])
    unknown = [kind for kind in kinds if kind not in ApplicantKind.values]
    if unknown:
        row.error(
            "applicants",
            _("unknown kind %(unknown)s (known: %(known)s)")
            % {"unknown": _known(unknown), "known": _known(ApplicantKind.values)},
        )
    else:
        programme.applicants = list(dict.fromkeys(kinds))


def _check_vocabulary(row: _Row, vocabulary: _Vocabulary) -> None:
    for column, known, attribute in (
        ("topics", vocabulary.topics, "topics"),
        ("target_groups", vocabulary.groups, "target_groups"),
    ):
        if not row.has(column):
            continue
        slugs = _list(row.data[column])
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            row.error(
                column,
                _("unknown %(unknown)s (known: %(known)s)")
                % {"unknown": _known(unknown), "known": _known(known)},
            )
        else:
            setattr(row, attribute, [known[slug] for slug in dict.fromkeys(slugs)])


def _check_deadlines(row: _Row, programme: FundingProgramme) -> None:
    if row.has("deadlines"):
        days = []
        for text in _list(row.data["deadlines"]):
            try:
                days.append(date.fromisoformat(text))
            except ValueError:
                row.error(
                    "deadlines",
                    _("“%(value)s” is not a valid date (write YYYY-MM-DD).") % {"value": text},
                )
        row.deadlines = sorted(set(days))
    if row.has("deadline_kind"):
        kind = _text(row.data["deadline_kind"]).lower()
        if kind in DeadlineKind.values:
            programme.deadline_kind = kind
        elif kind:
            row.error(
                "deadline_kind",
                _("unknown %(unknown)s (known: %(known)s)")
                % {"unknown": kind, "known": _known(DeadlineKind.values)},
            )
        else:
            kind = None
        if not kind:
            programme.deadline_kind = DeadlineKind.FIXED if row.deadlines else DeadlineKind.ROLLING
    elif programme._state.adding:
        programme.deadline_kind = DeadlineKind.FIXED if row.deadlines else DeadlineKind.ROLLING
    if row.deadlines and programme.deadline_kind == DeadlineKind.ROLLING:
        row.error(
            "deadlines",
            _("a programme with deadline_kind “rolling” has no deadlines."),
        )


def _check_funder(row: _Row, programme: FundingProgramme, vocabulary: _Vocabulary) -> None:
    if not row.has("funder"):
        if programme._state.adding:
            row.error("funder", _("Give the funder of a new programme."))
        return
    name = _text(row.data["funder"])
    if not name:
        row.error("funder", _("Give the funder."))
        return
    funder = vocabulary.funder(name)
    if funder is None:
        level = _text(row.data.get("funder_level")).lower()
        if level not in FunderLevel.values:
            row.error(
                "funder_level",
                _("“%(name)s” is a new funder: give its level (one of: %(known)s).")
                % {"name": name, "known": _known(FunderLevel.values)},
            )
            return
        funder = Funder(name=name, level=level)
    row.funder = funder


# --- the import --------------------------------------------------------------------------------


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        for message in errors:
            messages.append(message if name == "__all__" else f"{name}: {message}")
    return messages


def _import_row(row: _Row, vocabulary: _Vocabulary, by) -> tuple[str, RowResult]:
    """("created" | "updated" | "rejected", result) of one row."""
    external_id = _text(row.data.get("external_id"))
    result = RowResult(row=row.number, external_id=external_id)
    if not external_id:
        result.reasons.append(_("external_id: every row needs its key."))
        return "rejected", result
    programme = FundingProgramme.objects.filter(external_id=external_id).first()
    is_new = programme is None
    if is_new:
        programme = FundingProgramme(external_id=external_id)
    _check_row(row, programme, vocabulary)
    result.title = programme.title
    if row.errors:
        result.reasons = row.errors
        return "rejected", result
    try:
        with transaction.atomic():
            if row.funder is not None:
                if row.funder.pk is None:
                    services.save_funder(funder=row.funder, by=by)
                programme.funder = row.funder
            services.save_programme(
                programme=programme,
                by=by,
                topics=row.topics,
                target_groups=row.target_groups,
                deadlines=row.deadlines,
            )
    except ValidationError as error:
        result.reasons = _messages(error)
        return "rejected", result
    return ("created" if is_new else "updated"), result


def import_programmes(
    content: bytes, *, filename: str = "", dry_run: bool = False, by=None
) -> ImportReport:
    """Create or update the programmes of a CSV or JSON file (keyed by external_id). Each good
    row is saved in its own transaction; a rejected row changes nothing. With `dry_run`
    everything is checked exactly as in a real import (a funder created in one row is known
    in the next), and then nothing is kept. `by`: the staff member; None for the command."""
    report = ImportReport(dry_run=dry_run)
    try:
        rows = read_rows(content, filename)
    except ImportFileError as error:
        report.error = str(error)
        return report
    columns = {name for _number, data in rows if data for name in data}
    unknown = sorted(columns - set(known_columns()))
    if unknown:
        report.warnings.append(
            _("These columns are not known and were ignored: %(columns)s")
            % {"columns": ", ".join(unknown)}
        )
    vocabulary = _Vocabulary()
    seen: dict[str, int] = {}
    with transaction.atomic():
        for number, data in rows:
            if data is None:
                report.rejected.append(
                    RowResult(number, "", reasons=[_("Each entry must be an object.")])
                )
                continue
            key = _text(data.get("external_id"))
            if key and key in seen:
                report.rejected.append(
                    RowResult(
                        number,
                        key,
                        reasons=[
                            _("external_id: this key was already in row %(row)s.")
                            % {"row": seen[key]}
                        ],
                    )
                )
                continue
            seen.setdefault(key, number)
            outcome, result = _import_row(_Row(number, data), vocabulary, by)
            getattr(report, outcome).append(result)
        if dry_run:
            transaction.set_rollback(True)
    return report
