"""The demography import: a Wegweiser-Kommune CSV (semicolons, decimal commas, German headers)
creates or updates the profile by municipality key and year; bad rows are rejected with their
reasons and change nothing; the command and the staff upload page call the same import."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.impact.demography import import_demography
from teilhabe.impact.models import DemographyProfile

pytestmark = pytest.mark.django_db

HEADER = (
    "Kommune;GKZ;Jahr;Bevölkerung;Bevölkerungsentwicklung bis 2040 (%);Demographietyp;"
    "Anteil ausländischer Bevölkerung (%);Medianalter"
)
GOOD = f"""{HEADER}
Erfurt;16051000;2022;213.981;+1,3;Typ 5: Beispieltyp;10,4;44,3
Erfurt;16051000;2023;214.969;−0,8;5;11,2;44,1
"""
BAD = f"""{HEADER}
Erfurt;1605100A;2023;viele;+250;;;
;16051000;1850;-3;;;120,5;
Weimar;16055000;2023;65.000;;;;
Weimar;16055000;2023;65.100;;;;
"""


def run(text: str, **kwargs):
    with translation.override("en"):
        return import_demography(text.encode(), filename="wegweiser.csv", **kwargs)


def test_good_rows_are_created_with_german_numbers():
    report = run(GOOD)
    assert not report.error and not report.rejected
    assert len(report.created) == 2
    profile = DemographyProfile.objects.get(ags="16051000", year=2022)
    assert profile.municipality == "Erfurt"
    assert profile.population == 213981
    assert profile.projected_change == Decimal("1.3")
    assert profile.projection_year == 2040
    assert profile.demography_type == 5
    assert profile.demography_type_name == "Beispieltyp"
    assert profile.share_foreign == Decimal("10.4")
    assert profile.median_age == Decimal("44.3")
    assert "Wegweiser Kommune" in profile.source
    later = DemographyProfile.objects.get(ags="16051000", year=2023)
    assert later.projected_change == Decimal("-0.8")  # the typographic minus


def test_a_second_import_updates_by_key_and_year():
    run(GOOD)
    report = run(GOOD.replace("213.981", "214.100"))
    assert len(report.updated) == 2 and not report.created
    assert DemographyProfile.objects.count() == 2
    assert DemographyProfile.objects.get(year=2022).population == 214100


def test_a_missing_column_leaves_the_field_as_it_was():
    run(GOOD)
    run("Kommune;AGS;Jahr;Einwohner\nErfurt;16051000;2022;215000\n")
    profile = DemographyProfile.objects.get(year=2022)
    assert profile.population == 215000
    assert profile.median_age == Decimal("44.3")


def test_bad_rows_are_rejected_with_reasons_and_change_nothing():
    report = run(BAD)
    assert len(report.created) == 1  # the first Weimar row
    rows = {result.row: result.reasons for result in report.rejected}
    assert set(rows) == {2, 3, 5}
    text = " ".join(rows[2])
    assert "“1605100A” is not a municipality key" in text
    assert "“viele” in “population” is not a number" in text
    assert "+250 in “projected change” is not between -100 and 100" in text
    text = " ".join(rows[3])
    assert "municipality’s name" in text
    assert "“1850” is not a year" in text
    assert "population" in text and "120,5" in text
    assert "row 4 already" in " ".join(rows[5])
    assert DemographyProfile.objects.filter(ags="16051000").count() == 0
    assert DemographyProfile.objects.get(ags="16055000").population == 65000


def test_reasons_are_in_the_language_of_the_user():
    with translation.override("de"):
        report = import_demography(BAD.encode())
    assert report.rejected and report.rejected[0].reasons


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"Name;Wert\nErfurt;1\n", "No header line"),
        (b"Kommune;GKZ;Jahr\nErfurt;16051000;2023\n", "missing"),
        ("Kommune;GKZ;Jahr;Bevölkerung\n".encode(), "no rows"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(content, message):
    with translation.override("en"):
        report = import_demography(content)
    assert message in report.error
    assert not DemographyProfile.objects.exists()


def test_title_lines_windows_encoding_and_seven_digit_keys():
    text = (
        "Wegweiser Kommune – Export\n\nKommune;GKZ;Jahr;Bevölkerung\nKöln;5315000;2023;1.084.831\n"
    )
    report = import_demography(text.encode("cp1252"))
    assert not report.rejected and not report.error
    profile = DemographyProfile.objects.get()
    assert profile.ags == "05315000" and profile.municipality == "Köln"
    assert profile.population == 1084831


def test_the_command_imports_and_reports(tmp_path):
    path = tmp_path / "erfurt.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("import_demography", str(path), stdout=out)
    assert DemographyProfile.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_demography", str(tmp_path / "missing.csv"))


def test_staff_upload_imports_and_shows_the_report(client, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("wegweiser.csv", BAD.encode(), content_type="text/csv")
    response = client.post("/en/impact/demography/import/", {"file": upload})
    assert response.status_code == 200
    content = response.content.decode()
    assert "is not a municipality key" in content
    assert DemographyProfile.objects.filter(ags="16055000").exists()


def test_upload_without_a_file_rerenders_with_a_message(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/en/impact/demography/import/", {})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_staff_may_import(client, user_in_role):
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(reverse("impact:demography-import"))
    allowed = user_in_role.is_authenticated and user_in_role.role in ("staff", "administrator")
    if allowed:
        assert response.status_code == 200
    elif not user_in_role.is_authenticated:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
