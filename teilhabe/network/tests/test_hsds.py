"""HSDS 3.0 export and import: the export is valid against our schema of the HSDS 3.0 fields
we use (NOT the official published schema, which is not available here — see docs/hsds.md),
round-trips through an import into an empty directory without loss (translations included),
and bad files are rejected with reasons."""

import copy
import json

import jsonschema
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from teilhabe.network import services
from teilhabe.network.hsds import SCHEMA, export_directory
from teilhabe.network.models import Organization, Phone, Schedule, Service

from .factories import LocationFactory, OrganizationFactory, full_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The import's reasons are read in English here."""
    with translation.override("en"):
        yield


FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def validate(data) -> None:
    jsonschema.validate(data, SCHEMA, format_checker=FORMATS)


@pytest.fixture
def directory():
    first = full_service(
        name_de="Migrationsberatung",
        name_en="Migration counselling",
        name_ar="استشارة الهجرة",
        description_fa="مشاوره",
        url="https://example.org/mbe",
        email="mbe@example.org",
        languages=["de", "ar", "prs"],
        service_type="legal_help",
    )
    first.organization.description_uk = "Консультація"
    first.organization.is_in_house = True
    first.organization.website = "https://example.org"
    first.organization.save()
    # a second service of the same organization, and a location no service uses yet
    full_service(organization=first.organization, status="inactive", languages=[])
    LocationFactory(organization=first.organization, district="")
    full_service()
    full_service(languages=["tr"])
    return first


def _empty_directory() -> None:
    Organization.objects.all().delete()
    assert not Service.objects.exists()


def test_the_export_is_valid_hsds(directory):
    data = export_directory()
    validate(data)
    assert len(data) == 4
    service = next(s for s in data if s["id"] == str(directory.uuid))
    assert service["status"] == "active"
    assert service["organization"]["id"] == service["organization_id"]
    assert [lang["code"] for lang in service["languages"]] == ["de", "ar", "prs"]
    assert service["attributes"][0]["taxonomy_term"]["code"] == "legal_help"
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["region"] == "Altstadt"
    assert location["schedules"][0] == {
        "id": location["schedules"][0]["id"],
        "location_id": location["id"],
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": "TU",
        "opens_at": "09:00",
        "closes_at": "15:00",
        "description": "",
    }
    assert service["x_translations"]["ar"] == {"name": "استشارة الهجرة"}


def test_the_schema_catches_what_hsds_requires(directory):
    good = export_directory()
    for mutate in (
        lambda s: s.pop("status"),
        lambda s: s.update(status="closed"),
        lambda s: s.update(id="not-a-uuid"),
        lambda s: s["organization"].pop("name"),
        lambda s: s["schedules"][0].update(opens_at="9 Uhr"),
        lambda s: s["service_at_locations"][0]["location"]["addresses"][0].pop("postal_code"),
    ):
        bad = copy.deepcopy(good)
        mutate(bad[0])
        with pytest.raises(jsonschema.ValidationError):
            validate(bad)


def test_round_trip_through_an_empty_directory_loses_nothing(directory):
    first = json.dumps(export_directory(), sort_keys=True)
    _empty_directory()
    report = services.import_hsds(data=json.loads(first))
    assert report.rejected == []
    assert report.created["service"] == 4
    second = json.dumps(export_directory(), sort_keys=True)
    assert second == first
    imported = Service.objects.get(uuid=directory.uuid)
    assert imported.name_ar == "استشارة الهجرة"
    assert imported.organization.description_uk == "Консультація"
    assert imported.organization.is_in_house


def test_importing_the_same_file_again_updates_and_changes_nothing(directory):
    data = export_directory()
    counts = (Service.objects.count(), Schedule.objects.count(), Phone.objects.count())
    report = services.import_hsds(data=data)
    assert report.total_created == 0
    assert report.updated["service"] == 4
    assert (Service.objects.count(), Schedule.objects.count(), Phone.objects.count()) == counts
    assert export_directory() == data


def test_an_import_updates_by_id(directory):
    data = export_directory()
    item = next(s for s in data if s["id"] == str(directory.uuid))
    item["name"] = "Neuer Name"
    item["schedules"] = []
    services.import_hsds(data=data)
    directory.refresh_from_db()
    assert directory.name_de == "Neuer Name"
    assert not directory.schedules.exists()


def test_bad_entries_are_rejected_with_reasons_and_the_good_ones_imported(directory):
    data = export_directory()
    _empty_directory()
    data[0].pop("status")
    data[1]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = ""
    data[2]["schedules"][0].update(opens_at="18:00", closes_at="08:00")
    data.append({"name": "ohne id"})
    data.append("kein Objekt")
    report = services.import_hsds(data=data)
    reasons = dict(report.rejected)
    assert len(report.rejected) == 5
    assert "'status' is a required property" in " ".join(reasons.values())
    assert any("postal_code" in reason for reason in reasons.values())
    assert any("end after they begin" in reason for reason in reasons.values())
    assert any("'id' is a required property" in reason for reason in reasons.values())
    assert Service.objects.count() == 1


def test_a_rejected_service_leaves_nothing_behind(directory):
    data = [
        s for s in export_directory() if s["organization_id"] != str(directory.organization.uuid)
    ]
    _empty_directory()
    data[0]["attributes"][0]["taxonomy_term"]["code"] = "spaceflight"
    report = services.import_hsds(data=data[:1])
    assert "Unknown type of service" in report.rejected[0][1]
    assert not Organization.objects.exists()


def test_a_file_that_is_not_a_list_is_rejected():
    report = services.import_hsds(data={"services": []})
    assert report.rejected == [("file", "The file must hold a list of HSDS service objects.")]


def test_a_service_cannot_be_moved_to_another_organization(directory):
    data = export_directory()
    item = next(s for s in data if s["id"] == str(directory.uuid))
    other = OrganizationFactory()
    item["organization"]["id"] = item["organization_id"] = str(other.uuid)
    item["organization"]["locations"] = []
    item["service_at_locations"] = []
    report = services.import_hsds(data=[item])
    assert "belongs to another organization" in report.rejected[0][1]


def test_a_dry_run_reports_and_keeps_nothing(directory):
    data = export_directory()
    _empty_directory()
    report = services.import_hsds(data=data, dry_run=True)
    assert report.created["service"] == 4
    assert not Service.objects.exists()


def test_only_staff_import(association_admin):
    with pytest.raises(PermissionDenied):
        services.import_hsds(data=[], by=association_admin)


def test_the_commands_export_and_import(directory, tmp_path):
    path = tmp_path / "hsds.json"
    call_command("export_hsds", str(path))
    written = json.loads(path.read_text())
    validate(written)
    _empty_directory()
    out = []

    class Out:
        def write(self, text):
            out.append(text)

        def flush(self):
            pass

    call_command("import_hsds", str(path), "--dry-run", stdout=Out(), stderr=Out())
    assert not Service.objects.exists()
    assert "Dry run: created" in "".join(out)
    call_command("import_hsds", str(path), stdout=Out(), stderr=Out())
    assert json.loads(json.dumps(export_directory())) == written


def test_the_import_command_refuses_a_broken_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path))


def test_the_public_download(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/de/network/hsds.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    validate(json.loads(response.content))


def test_staff_upload_a_file_and_see_the_report(client, staff_user, directory):
    body = json.dumps(export_directory()).encode()
    _empty_directory()
    client.force_login(staff_user)
    page = client.post(
        "/en/network/hsds/import/",
        {"file": SimpleUploadedFile("hsds.json", body, "application/json")},
    ).content.decode()
    assert "Import done" in page
    assert Service.objects.count() == 4


def test_an_upload_that_is_not_json_shows_why(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/en/network/hsds/import/",
        {"file": SimpleUploadedFile("hsds.json", b"\xff\xfe nonsense", "application/json")},
    )
    assert response.status_code == 200
    assert "This is not a JSON file" in response.content.decode()
