"""Importing funding programmes from CSV and JSON: good rows are created or updated, bad rows
are rejected with the row number and the reason and change nothing, a dry run changes
nothing at all; the command and the upload page give the same report."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.funding.imports import import_programmes
from teilhabe.funding.models import DeadlineKind, Funder, FunderLevel, FundingProgramme

from .factories import FunderFactory, FundingTopicFactory, ProgrammeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "external_id;title;funder;funder_level;summary_de;summary_en;topics;target_groups;"
    "applicants;region;min_amount;max_amount;funding_rate;own_share;deadline_kind;deadlines;"
    "min_months;max_months;final_report_months;has_interim_reports;interim_report_months;url;"
    "notes;is_active"
)


@pytest.fixture(autouse=True)
def vocabulary():
    FundingTopicFactory(slug="education")
    FundingTopicFactory(slug="integration")
    TargetGroupFactory(slug="children")
    TargetGroupFactory(slug="women")


def _csv(*rows: str, bom=True) -> bytes:
    text = "\n".join([HEADER, *rows]) + "\n"
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


GOOD_ROW = (
    "lernen-vor-ort;Lernen vor Ort;Stiftung Bildung;foundation;Fördert Lernhilfe für Kinder.;"
    "Funds homework help.;education|integration;children;association|migrant_org;Thüringen;"
    "1.000,00;25.000,50;80;20;yearly;2027-03-15|2027-09-15;6;24;6;ja;4;"
    "https://example.org/lernen;Beispieldaten;ja"
)


def _import(content, filename="programmes.csv", **kwargs):
    with translation.override("en"):
        return import_programmes(content, filename=filename, **kwargs)


def test_csv_with_semicolons_bom_and_german_decimals_creates_the_programme():
    report = _import(_csv(GOOD_ROW))
    assert [r.external_id for r in report.created] == ["lernen-vor-ort"]
    assert report.rejected == [] and report.updated == []
    programme = FundingProgramme.objects.get(external_id="lernen-vor-ort")
    assert programme.title == "Lernen vor Ort"
    assert programme.funder.name == "Stiftung Bildung"
    assert programme.funder.level == FunderLevel.FOUNDATION
    assert programme.min_amount == Decimal("1000.00")
    assert programme.max_amount == Decimal("25000.50")
    assert (programme.funding_rate, programme.own_share) == (80, 20)
    assert programme.summary_de == "Fördert Lernhilfe für Kinder."
    assert programme.summary_en == "Funds homework help."
    assert sorted(t.slug for t in programme.topics.all()) == ["education", "integration"]
    assert [g.slug for g in programme.target_groups.all()] == ["children"]
    assert programme.applicants == ["association", "migrant_org"]
    assert programme.deadline_kind == DeadlineKind.YEARLY
    assert [d.day for d in programme.deadlines.all()] == [date(2027, 3, 15), date(2027, 9, 15)]
    assert (programme.min_months, programme.max_months) == (6, 24)
    assert programme.has_interim_reports and programme.is_active
    assert programme.url == "https://example.org/lernen"


def test_csv_with_commas_and_no_bom():
    header = "external_id,title,funder,funder_level,max_amount,deadlines"
    content = f'{header}\nkomm-mit,Komm mit,Land Thüringen,state,"5000.5",2027-01-31\n'.encode()
    report = _import(content)
    assert len(report.created) == 1, report.as_text()
    programme = FundingProgramme.objects.get(external_id="komm-mit")
    assert programme.max_amount == Decimal("5000.50")
    assert programme.deadline_kind == DeadlineKind.FIXED  # dates given, no kind: fixed


def test_json_with_lists():
    data = [
        {
            "external_id": "demokratie-leben",
            "title": "Demokratie leben!",
            "funder": "Bundesministerium",
            "funder_level": "federal",
            "topics": ["integration"],
            "target_groups": ["women", "children"],
            "applicants": ["association"],
            "min_amount": 5000,
            "max_amount": "100000",
            "deadline_kind": "rolling",
            "has_interim_reports": False,
            "is_active": True,
        }
    ]
    report = _import(json.dumps(data).encode(), filename="programmes.json")
    assert len(report.created) == 1, report.as_text()
    programme = FundingProgramme.objects.get(external_id="demokratie-leben")
    assert programme.funder.level == FunderLevel.FEDERAL
    assert sorted(g.slug for g in programme.target_groups.all()) == ["children", "women"]
    assert programme.max_amount == Decimal("100000")
    assert programme.has_interim_reports is False


def test_unknown_topic_rejects_the_row_and_lists_the_known_ones():
    row = GOOD_ROW.replace("education|integration", "education|sport")
    report = _import(_csv(row))
    assert report.created == []
    (rejected,) = report.rejected
    assert rejected.row == 2
    assert rejected.external_id == "lernen-vor-ort"
    reason = " ".join(rejected.reasons)
    assert "sport" in reason and "education, integration" in reason
    assert not FundingProgramme.objects.exists()
    assert not Funder.objects.exists()  # nothing half-imported


def test_min_above_max_is_rejected():
    row = GOOD_ROW.replace("1.000,00;25.000,50", "30.000;25.000,50")
    report = _import(_csv(row))
    assert len(report.rejected) == 1
    assert "maximum amount cannot be below the minimum" in " ".join(report.rejected[0].reasons)
    assert not FundingProgramme.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("2027-03-15|2027-09-15", "2027-02-30", "deadlines"),
        (";80;20;", ";0;20;", "funding_rate"),
        (";80;20;", ";120;20;", "funding_rate"),
        ("1.000,00;", "tausend;", "min_amount"),
        (";yearly;", ";monthly;", "deadline_kind"),
        ("association|migrant_org", "association|company", "applicants"),
        (";ja;4;", ";vielleicht;4;", "has_interim_reports"),
        ("https://example.org/lernen", "not a link", "url"),
    ],
)
def test_bad_values_are_rejected_with_the_column(old, new, column):
    report = _import(_csv(GOOD_ROW.replace(old, new)))
    assert len(report.rejected) == 1, report.as_text()
    assert any(reason.startswith(f"{column}:") for reason in report.rejected[0].reasons)
    assert not FundingProgramme.objects.exists()


def test_good_rows_are_imported_and_bad_rows_reported_by_row_number():
    bad = GOOD_ROW.replace("lernen-vor-ort", "zweites").replace("2027-03-15", "15.03.2027")
    third = GOOD_ROW.replace("lernen-vor-ort", "drittes")
    report = _import(_csv(GOOD_ROW, bad, third))
    assert [r.external_id for r in report.created] == ["lernen-vor-ort", "drittes"]
    assert [(r.row, r.external_id) for r in report.rejected] == [(3, "zweites")]
    assert "15.03.2027" in report.rejected[0].reasons[0]
    assert FundingProgramme.objects.count() == 2
    assert Funder.objects.count() == 1  # the funder created in row 2 is known in row 4


def test_a_new_funder_needs_a_level():
    row = GOOD_ROW.replace(";foundation;", ";;")
    report = _import(_csv(row))
    assert "funder_level" in report.rejected[0].reasons[0]


def test_update_of_an_existing_programme_by_external_id():
    funder = FunderFactory(name="Stiftung Bildung")
    old = ProgrammeFactory(
        external_id="lernen-vor-ort",
        title="Alter Titel",
        funder=funder,
        deadlines=[date(2026, 1, 1)],
    )
    report = _import(_csv(GOOD_ROW))
    assert [r.external_id for r in report.updated] == ["lernen-vor-ort"]
    assert report.created == []
    old.refresh_from_db()
    assert old.title == "Lernen vor Ort"
    assert old.funder == funder
    assert [d.day for d in old.deadlines.all()] == [date(2027, 3, 15), date(2027, 9, 15)]
    assert FundingProgramme.objects.count() == 1


def test_an_update_leaves_columns_that_are_not_in_the_file():
    programme = ProgrammeFactory(external_id="p1", region="Erfurt", funding_rate=50)
    content = b"external_id;title\np1;Neuer Titel\n"
    report = _import(content)
    assert len(report.updated) == 1, report.as_text()
    programme.refresh_from_db()
    assert programme.title == "Neuer Titel"
    assert (programme.region, programme.funding_rate) == ("Erfurt", 50)


def test_a_key_twice_in_the_file_is_rejected_the_second_time():
    report = _import(_csv(GOOD_ROW, GOOD_ROW))
    assert len(report.created) == 1
    assert report.rejected[0].row == 3
    assert "row 2" in report.rejected[0].reasons[0]


def test_dry_run_changes_nothing_but_reports_the_same():
    existing = ProgrammeFactory(external_id="drittes", title="Unverändert")
    bad = GOOD_ROW.replace("lernen-vor-ort", "zweites").replace("children", "pensioners")
    third = GOOD_ROW.replace("lernen-vor-ort", "drittes")
    report = _import(_csv(GOOD_ROW, bad, third), dry_run=True)
    assert report.dry_run
    assert [r.external_id for r in report.created] == ["lernen-vor-ort"]
    assert [r.external_id for r in report.updated] == ["drittes"]
    assert [r.external_id for r in report.rejected] == ["zweites"]
    assert list(FundingProgramme.objects.all()) == [existing]
    existing.refresh_from_db()
    assert existing.title == "Unverändert"
    assert not Funder.objects.filter(name="Stiftung Bildung").exists()


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"", "p.csv"),
        (b"\xff\xfe\x00x", "p.csv"),
        (b"title;funder\nx;y\n", "p.csv"),
        (b'{"external_id": "x"}', "p.json"),
        (b"[{", "p.json"),
    ],
)
def test_unreadable_files_are_reported_not_crashed(content, filename):
    report = _import(content, filename=filename)
    assert report.error
    assert report.rows == 0


def test_unknown_columns_are_reported():
    report = _import(b"external_id;title;funder;funder_level;colour\nx;X;F;other;blue\n")
    assert len(report.created) == 1
    assert "colour" in report.warnings[0]


# --- the command ------------------------------------------------------------------------------


def test_command_imports_and_prints_the_report(tmp_path, capsys):
    path = tmp_path / "programmes.csv"
    path.write_bytes(_csv(GOOD_ROW))
    with translation.override("en"):
        call_command("import_funding_programmes", str(path))
    out = capsys.readouterr().out
    assert "Created: 1" in out and "lernen-vor-ort" in out
    assert FundingProgramme.objects.filter(external_id="lernen-vor-ort").exists()


def test_command_dry_run_and_rejected_rows(tmp_path, capsys):
    path = tmp_path / "programmes.csv"
    path.write_bytes(_csv(GOOD_ROW, GOOD_ROW.replace("lernen-vor-ort", "b").replace("80", "0")))
    with translation.override("en"):
        call_command("import_funding_programmes", str(path), "--dry-run")
    captured = capsys.readouterr()
    assert "Dry run" in captured.out
    assert "Rejected: 1" in captured.out and "row 3" in captured.out
    assert "1 row(s) rejected" in captured.err
    assert not FundingProgramme.objects.exists()


def test_command_with_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_funding_programmes", str(tmp_path / "none.csv"))


# --- the upload page ----------------------------------------------------------------------------


def _upload(client, content, name="programmes.csv", dry_run=False):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/en/funding/programmes/import/", data)


def test_upload_shows_the_report(client, staff_user):
    client.force_login(staff_user)
    bad = GOOD_ROW.replace("lernen-vor-ort", "zweites").replace("children", "pensioners")
    response = _upload(client, _csv(GOOD_ROW, bad))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Report of the import" in html
    assert "pensioners" in html and "zweites" in html
    assert FundingProgramme.objects.filter(external_id="lernen-vor-ort").exists()
    assert not FundingProgramme.objects.filter(external_id="zweites").exists()


def test_upload_dry_run_saves_nothing(client, staff_user):
    client.force_login(staff_user)
    response = _upload(client, _csv(GOOD_ROW), dry_run=True)
    assert "Dry run: nothing was saved" in response.content.decode()
    assert not FundingProgramme.objects.exists()


def test_upload_of_another_format_is_refused(client, staff_user):
    client.force_login(staff_user)
    response = _upload(client, b"%PDF-1.4", name="programmes.pdf")
    assert response.status_code == 200
    assert "Please upload a .csv or .json file." in response.content.decode()


def test_upload_of_a_broken_file_reports_it(client, staff_user):
    client.force_login(staff_user)
    response = _upload(client, b"[{", name="programmes.json")
    assert response.status_code == 200
    assert "The file could not be imported" in response.content.decode()


MAY_IMPORT = {"staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_staff_import(request, client, user_in_role):
    name = request.node.callspec.params["user_in_role"]
    if name != "anonymous":
        client.force_login(user_in_role)
    url = reverse("funding:programme-import")
    response = client.get(url)
    post = _upload(client, _csv(GOOD_ROW))
    if name == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
        assert post.status_code == 302
    elif name in MAY_IMPORT:
        assert response.status_code == 200 and post.status_code == 200
    else:
        assert response.status_code == 403 and post.status_code == 403
    assert FundingProgramme.objects.exists() is (name in MAY_IMPORT)


# --- the documented examples ------------------------------------------------------------------


def _documented(language: str) -> bytes:
    from pathlib import Path

    from django.conf import settings

    text = (Path(settings.BASE_DIR) / "docs" / "funding-import.md").read_text()
    block = text.split(f"```{language}\n", 1)[1].split("```", 1)[0]
    return block.encode()


@pytest.mark.parametrize(("language", "count"), [("csv", 2), ("json", 1)])
def test_the_documented_examples_import(language, count):
    report = _import(_documented(language), filename=f"example.{language}")
    assert len(report.created) == count, report.as_text()
    assert report.rejected == [] and report.warnings == []
    programme = FundingProgramme.objects.get(external_id="lernen-vor-ort")
    assert programme.max_amount == Decimal("25000")
    assert programme.min_amount == Decimal("1000")
