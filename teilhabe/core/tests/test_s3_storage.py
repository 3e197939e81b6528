"""Uploaded files in an S3-compatible store, chosen by settings (FILE_STORAGE=s3 and S3_*).
The store here is moto's S3 server on a free loopback port: real HTTP, real boto3 and
django-storages, no network beyond 127.0.0.1."""

import io
import logging
import runpy
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from moto.server import ThreadedMotoServer
from PIL import Image

from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.funding.models import ApplicationDocument
from teilhabe.funding.tests.factories import ApplicationFactory
from teilhabe.impact.models import ReportJob

REGION = "eu-central-1"
PDF = b"%PDF-1.7\n% a funding document\n"
SETTINGS_FILE = Path(settings.BASE_DIR) / "teilhabe" / "settings.py"
# Plain HTTP without any proxy from the environment: the store is on loopback.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@contextmanager
def running_s3_server():
    """moto's S3 server on a free port of 127.0.0.1; yields its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_environment(endpoint: str, bucket: str, **extra: str) -> dict[str, str]:
    return {
        "FILE_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": "teilhabe-test",
        "S3_SECRET_ACCESS_KEY": "teilhabe-test-secret",
        **extra,
    }


def settings_with(monkeypatch, environment: dict[str, str]) -> dict:
    """The settings module evaluated with `environment`: what a deployment with these
    variables gets."""
    with monkeypatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="teilhabe-test",
        aws_secret_access_key="teilhabe-test-secret",
        config=Config(s3={"addressing_style": "path"}),
    )


def new_bucket(endpoint: str) -> str:
    name = f"teilhabe-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return name


def bucket_objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listed
    }


def use_s3_storages(settings, monkeypatch, endpoint: str, bucket: str, **extra: str) -> None:
    """Point the "default" and "private" storages at the store, as FILE_STORAGE=s3 does. The
    private file fields resolved their storage when the models were loaded, so they follow."""
    configured = settings_with(monkeypatch, s3_environment(endpoint, bucket, **extra))
    settings.STORAGES = configured["STORAGES"]
    for field in (
        ApplicationDocument._meta.get_field("file"),
        ReportJob._meta.get_field("file"),
    ):
        monkeypatch.setattr(field, "storage", storages["private"])


def unsigned_get(url: str) -> int:
    try:
        with DIRECT.open(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def s3_endpoint():
    with running_s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    name = new_bucket(s3_endpoint)
    use_s3_storages(settings, monkeypatch, s3_endpoint, name)
    return name


# --- the settings ---------------------------------------------------------------------------


def test_s3_settings_make_two_private_storages_with_their_own_prefixes(monkeypatch):
    configured = settings_with(
        monkeypatch,
        s3_environment("http://127.0.0.1:9000", "teilhabe-files", S3_PRIVATE_BUCKET="secret"),
    )
    default, private = configured["STORAGES"]["default"], configured["STORAGES"]["private"]
    assert default["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (default["OPTIONS"]["bucket_name"], default["OPTIONS"]["location"]) == (
        "teilhabe-files",
        "media",
    )
    assert (private["OPTIONS"]["bucket_name"], private["OPTIONS"]["location"]) == (
        "secret",
        "private",
    )
    for options in (default["OPTIONS"], private["OPTIONS"]):
        assert options["default_acl"] is None
        assert options["querystring_auth"] is True
        assert options["file_overwrite"] is False
        assert options["addressing_style"] == "path"
    assert configured["UPLOADED_IMAGE_ORIGINS"] == ["http://127.0.0.1:9000"]


def test_the_file_system_stays_the_default(monkeypatch):
    configured = settings_with(monkeypatch, {"FILE_STORAGE": "filesystem"})
    assert (
        configured["STORAGES"]["private"]["OPTIONS"]["location"]
        == (configured["PRIVATE_MEDIA_ROOT"])
    )
    assert configured["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.parametrize(
    "environment", [{"FILE_STORAGE": "s3"}, {"FILE_STORAGE": "ftp", "S3_BUCKET": "x"}]
)
def test_an_incomplete_storage_setting_stops_the_start(monkeypatch, environment):
    with pytest.raises(ImproperlyConfigured):
        settings_with(monkeypatch, {"S3_BUCKET": "", **environment})


# --- uploads through the real pages ---------------------------------------------------------


@pytest.mark.django_db
def test_a_logo_uploaded_on_the_edit_page_lands_in_the_bucket_and_shows(
    client, s3_endpoint, bucket
):
    association = AssociationFactory(slug="al-nour")
    admin = MembershipFactory(association=association, role="admin").user
    other = AssociationFactory(slug="zweiter-verein")
    client.force_login(admin)
    logo = png_bytes()
    response = client.post(
        reverse("associations:association-edit", kwargs={"slug": association.slug}),
        {
            "name": association.name,
            "short_description_de": "Neu",
            "founding_year": "2015",
            "languages": ["de"],
            "logo": SimpleUploadedFile("logo.png", logo, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    # A second association's logo of the same name does not overwrite the first.
    other.logo.save("logo.png", io.BytesIO(logo))

    association.refresh_from_db()
    objects = bucket_objects(s3_endpoint, bucket)
    key = f"media/{association.logo.name}"
    assert objects[key] == logo
    assert f"media/{other.logo.name}" in objects and other.logo.name != association.logo.name

    html = client.get("/en/associations/al-nour/").content.decode()
    image_url = association.logo.url.replace("&", "&amp;")
    assert image_url in html
    assert association.logo.url.startswith(f"{s3_endpoint}/{bucket}/{key}?")
    with DIRECT.open(association.logo.url) as shown:  # the signed link the page carries
        assert shown.read() == logo


@pytest.mark.django_db
def test_a_funding_document_is_stored_privately_and_downloaded_through_the_view(
    client, s3_endpoint, bucket
):
    association = AssociationFactory()
    admin = MembershipFactory(association=association, role="admin").user
    outsider = MembershipFactory(role="admin").user
    application = ApplicationFactory(association=association)
    client.force_login(admin)
    with translation.override("en"):
        upload_url = reverse("funding:document-upload", kwargs={"pk": application.pk})
    response = client.post(
        upload_url,
        {
            "document-kind": "budget",
            "document-title": "Finanzplan",
            "document-file": SimpleUploadedFile("finanzplan.pdf", PDF),
        },
    )
    assert response.status_code == 302

    document = ApplicationDocument.objects.get()
    key = f"private/{document.file.name}"
    assert bucket_objects(s3_endpoint, bucket) == {key: PDF}
    # Not readable without a signature: only the permission-checking view hands it out.
    assert unsigned_get(f"{s3_endpoint}/{bucket}/{key}") == 403

    with translation.override("en"):
        download_url = reverse("funding:document-download", kwargs={"pk": document.pk})
    download = client.get(download_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    client.force_login(outsider)
    assert client.get(download_url).status_code == 403
