"""Documents of an application: validated uploads into the private storage, downloads only
through the permission-checked view, never under MEDIA_URL."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from teilhabe.funding.models import ApplicationDocument

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path, monkeypatch):
    """The private storage in pytest's folder. The field resolves its storage when the model
    is loaded, so it is pointed at the changed setting as well."""
    location = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    field = ApplicationDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", storages["private"])
    return location


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"funding:{name}", kwargs=kwargs)


@pytest.fixture
def application(association):
    return ApplicationFactory(association=association)


def upload(client, application, name="antrag.pdf", content=PDF, kind="application", title=""):
    with translation.override("en"):
        return client.post(
            url("document-upload", pk=application.pk),
            {
                "document-kind": kind,
                "document-title": title,
                "document-file": SimpleUploadedFile(name, content),
            },
        )


def test_a_good_pdf_is_stored_privately(client, association_admin, application, private_files):
    client.force_login(association_admin)
    response = upload(client, application, title="Antragsformular")
    assert response.status_code == 302
    document = ApplicationDocument.objects.get()
    assert document.title == "Antragsformular"
    assert document.uploaded_by == association_admin
    stored = Path(private_files) / document.file.name
    assert stored.read_bytes() == PDF
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert url("document-download", pk=document.pk) in page
    assert "Antragsformular" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "Please upload a PDF"),
        ("antrag.pdf", b"MZ\x90\x00 not a pdf", "does not match its name"),
    ],
)
def test_wrong_files_are_refused(client, association_admin, application, name, content, message):
    client.force_login(association_admin)
    response = upload(client, application, name=name, content=content, title="Mein Titel")
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert 'value="Mein Titel"' in text
    assert not ApplicationDocument.objects.exists()


def test_a_file_too_large_is_refused(client, association_admin, application, settings):
    settings.FUNDING_MAX_DOCUMENT_BYTES = 1000
    client.force_login(association_admin)
    response = upload(client, application, content=PDF + b"0" * 2000)
    assert "The file is too large" in response.content.decode()
    assert not ApplicationDocument.objects.exists()


def test_an_upload_without_a_file_is_refused(client, association_admin, application):
    client.force_login(association_admin)
    response = client.post(url("document-upload", pk=application.pk), {"document-kind": "other"})
    assert response.status_code == 200
    assert "file" in response.context["document_form"].errors
    assert not ApplicationDocument.objects.exists()


@pytest.fixture
def document(client, association_admin, application):
    client.force_login(association_admin)
    upload(client, application, name="budget.pdf", kind="budget")
    client.logout()
    return ApplicationDocument.objects.get()


@pytest.mark.parametrize("viewer", ["association_admin", "staff_user", "administrator"])
def test_the_owner_and_staff_download(client, request, document, viewer):
    client.force_login(request.getfixturevalue(viewer))
    response = client.get(url("document-download", pk=document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert "budget" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "viewer", ["other_association_admin", "association_member", "participant", "counsellor"]
)
def test_others_cannot_download(client, request, document, viewer):
    client.force_login(request.getfixturevalue(viewer))
    assert client.get(url("document-download", pk=document.pk)).status_code == 403


def test_anonymous_is_sent_to_the_login(client, document):
    response = client.get(url("document-download", pk=document.pk))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_file_is_not_reachable_under_media_url(client, document, staff_user):
    client.force_login(staff_user)
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_another_association_cannot_upload_or_delete(
    client, other_association_admin, document, application
):
    client.force_login(other_association_admin)
    assert upload(client, application).status_code == 403
    response = client.post(url("document-delete", pk=document.pk))
    assert response.status_code == 403
    assert ApplicationDocument.objects.count() == 1


def test_the_owner_deletes_a_document_and_its_file(
    client, association_admin, document, private_files
):
    stored = Path(private_files) / document.file.name
    assert stored.exists()
    client.force_login(association_admin)
    response = client.post(url("document-delete", pk=document.pk))
    assert response.status_code == 302
    assert not ApplicationDocument.objects.exists()
    assert not stored.exists()


def test_deleting_needs_a_post(client, association_admin, document):
    client.force_login(association_admin)
    assert client.get(url("document-delete", pk=document.pk)).status_code == 405
    assert ApplicationDocument.objects.exists()
