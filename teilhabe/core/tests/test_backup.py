"""`manage.py backup` and `manage.py restore`: a backup, a wipe (a new empty database and
empty storages) and a restore bring back every row and every file; damaged archives and
non-empty targets are refused without changing anything; old archives are pruned only after
a new one is complete. The restores run `manage.py restore` in a child process pointed at the
new empty installation (DATABASE_URL, MEDIA_ROOT … as a deployment sets them)."""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.funding.models import ApplicationDocument
from teilhabe.funding.services import add_document
from teilhabe.funding.tests.factories import ApplicationFactory
from teilhabe.impact.models import ReportJob
from teilhabe.programme.tests.factories import OfferFactory, RegistrationFactory, SessionFactory

from .test_s3_storage import (
    bucket_objects,
    new_bucket,
    running_s3_server,
    s3_environment,
    use_s3_storages,
)

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n% Finanzplan 2027\n"


def png_bytes(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (24, 24), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def folders(settings, tmp_path, monkeypatch):
    """Storage folders and the backup folder of this test."""
    media, private = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private, "base_url": None},
        },
    }
    point_private_fields_at_storage(monkeypatch)
    settings.BACKUP_DIR = tmp_path / "backups"
    return SimpleNamespace(
        root=tmp_path, media=media, private=private, backups=tmp_path / "backups"
    )


def point_private_fields_at_storage(monkeypatch):
    for field in (ApplicationDocument._meta.get_field("file"), ReportJob._meta.get_field("file")):
        monkeypatch.setattr(field, "storage", storages["private"])


def a_little_centre():
    """Rows in several apps, public files (logo, offer image) and a private one."""
    association = AssociationFactory()
    admin = MembershipFactory(association=association, role="admin").user
    association.logo.save("logo.png", ContentFile(png_bytes("teal")))
    offer = OfferFactory(lead_association=association, registration=True)
    offer.image.save("Straßenfest.png", ContentFile(png_bytes("orange")))
    SessionFactory(offer=offer)
    RegistrationFactory.create_batch(3, offer=offer)
    application = ApplicationFactory(association=association)
    add_document(
        application=application,
        kind="budget",
        title="Finanzplan",
        file=SimpleUploadedFile("finanzplan.pdf", PDF),
        by=admin,
    )


def row_counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return {table: count_rows(cursor, table) for table in tables}


def count_rows(cursor, table: str) -> int:
    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
    return cursor.fetchone()[0]


def row_counts_in(database_url: str) -> dict[str, int]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as restored:
            cursor = restored.cursor()
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
            return {table: count_rows(cursor, table) for (table,) in cursor.fetchall()}
    with psycopg.connect(database_url) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {table: count_rows(cursor, table) for (table,) in cursor.fetchall()}


def file_checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def backup(output_dir: Path | None = None) -> Path:
    out = io.StringIO()
    call_command("backup", *(["--output-dir", str(output_dir)] if output_dir else []), stdout=out)
    archive = Path(out.getvalue().split("Wrote ", 1)[1].split(" (", 1)[0])
    assert archive.is_file()
    return archive


def restore_elsewhere(archive: Path, root: Path, database_url: str, **environment: str):
    """`manage.py restore --yes` in a child process, in the installation these variables
    describe."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in ("TEST_DATABASE_URL", "DATABASE_URL", "REDIS_URL", "FILE_STORAGE")
        and not name.startswith("S3_")
    }
    child = {
        **inherited,
        "DEBUG": "1",
        "TEILHABE_VAR_DIR": str(root / "var"),
        "MEDIA_ROOT": str(root / "media"),
        "PRIVATE_MEDIA_ROOT": str(root / "private"),
        "DATABASE_URL": database_url,
        **environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive), "--yes"],
        cwd=settings.BASE_DIR,
        env=child,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def empty_database_url(tmp_path):
    """A new, empty database of the engine the tests run on; PostgreSQL's is dropped after."""
    if not settings.IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'restored' / 'teilhabe.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"teilhabe_restore_{uuid.uuid4().hex[:12]}"
    server = psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    server.execute(f'CREATE DATABASE "{name}"')
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    try:
        yield f"postgres://{credentials}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def test_backup_wipe_restore_brings_back_every_row_and_file(folders, empty_database_url):
    a_little_centre()
    archive = backup()
    assert archive.parent == folders.backups
    assert archive.name.startswith("teilhabe-") and archive.suffix == ".tar"
    assert os.listdir(folders.backups) == [archive.name]  # nothing partial left beside it
    counts, media, private = (
        row_counts_here(),
        file_checksums(folders.media),
        file_checksums(folders.private),
    )
    assert len(media) == 2 and len(private) == 1

    wiped = folders.root / "restored"
    finished = restore_elsewhere(archive, wiped, empty_database_url)

    assert finished.returncode == 0, finished.stderr
    assert f"{len(counts)} tables, {sum(counts.values())} rows, 3 files restored" in (
        finished.stdout
    )
    assert "checksums match" in finished.stdout
    assert row_counts_in(empty_database_url) == counts
    assert file_checksums(wiped / "media") == media
    assert file_checksums(wiped / "private") == private


def test_retention_keeps_the_newest_archives_only(folders, settings):
    settings.BACKUP_KEEP = 2
    folders.backups.mkdir()
    for stamp in ("20240101-020000", "20250101-020000", "20250601-020000"):
        (folders.backups / f"teilhabe-{stamp}.tar").write_bytes(b"an older backup")
    (folders.backups / "notes.txt").write_text("not a backup")

    archive = backup()

    assert sorted(os.listdir(folders.backups)) == sorted(
        [archive.name, "teilhabe-20250601-020000.tar", "notes.txt"]
    )


def test_a_failed_backup_leaves_no_archive_and_prunes_nothing(folders, settings, monkeypatch):
    settings.BACKUP_KEEP = 1
    folders.backups.mkdir()
    older = ["teilhabe-20250101-020000.tar", "teilhabe-20250601-020000.tar"]
    for name in older:
        (folders.backups / name).write_bytes(b"an older backup")
    with running_s3_server() as endpoint:
        # The private files' bucket is gone: the backup fails after the database dump.
        use_s3_storages(
            settings, monkeypatch, endpoint, new_bucket(endpoint), S3_PRIVATE_BUCKET="teilhabe-gone"
        )
        with pytest.raises(CommandError) as refused:
            call_command("backup")
    assert "Backup failed" in str(refused.value) and "NoSuchBucket" in str(refused.value)
    assert sorted(os.listdir(folders.backups)) == older


def damage_a_file(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("files/private/"))
    with open(archive, "r+b") as handle:
        handle.seek(member.offset_data + 3)
        byte = handle.read(1)
        handle.seek(member.offset_data + 3)
        handle.write(bytes([byte[0] ^ 0xFF]))


def edit_the_manifest(archive: Path) -> None:
    with tarfile.open(archive) as tar:
        member = tar.getmember("manifest.json")
    content = archive.read_bytes()
    start, end = member.offset_data, member.offset_data + member.size
    # Another creation time of the same length: the overall checksum no longer fits.
    edited = content[start:end].replace(b'"created": "2', b'"created": "1', 1)
    assert edited != content[start:end]
    archive.write_bytes(content[:start] + edited + content[end:])


def cut_short(archive: Path) -> None:
    with open(archive, "r+b") as handle:
        handle.truncate(archive.stat().st_size // 2)


def test_damaged_archives_and_used_installations_are_refused_and_nothing_changes(folders):
    a_little_centre()
    archive = backup()
    counts, media, private = (
        row_counts_here(),
        file_checksums(folders.media),
        file_checksums(folders.private),
    )
    refusals = [
        (damage_a_file, "checksum mismatch"),
        (edit_the_manifest, "manifest's checksum does not match"),
        (cut_short, "not a readable backup archive"),
        (None, "is not empty"),  # a sound archive, but this installation is in use
    ]
    for damage, message in refusals:
        copy = folders.root / f"copy-{message[:5]}.tar"
        copy.write_bytes(archive.read_bytes())
        if damage:
            damage(copy)

        with pytest.raises(CommandError) as refused:
            call_command("restore", str(copy), "--yes")

        assert refused.value.returncode == 2
        assert message in str(refused.value)
        assert row_counts_here() == counts
        assert (file_checksums(folders.media), file_checksums(folders.private)) == (media, private)


def test_backup_and_restore_with_s3_storages(folders, settings, monkeypatch, empty_database_url):
    """The files come from the bucket and go back into a bucket (moto's S3 server)."""
    with running_s3_server() as endpoint:
        bucket = new_bucket(endpoint)
        use_s3_storages(settings, monkeypatch, endpoint, bucket)
        a_little_centre()
        archive = backup(folders.backups)
        original = bucket_objects(endpoint, bucket)
        assert len(original) == 3
        assert not list(folders.root.glob("media/**/*.*"))  # nothing went to the disk

        # Restoring into the bucket that still holds the files is refused, untouched.
        used = restore_elsewhere(
            archive, folders.root / "one", empty_database_url, **s3_environment(endpoint, bucket)
        )
        assert used.returncode == 2, used.stderr
        assert '"default" file storage is not empty' in used.stderr
        assert row_counts_in(empty_database_url) == {}

        empty = new_bucket(endpoint)
        finished = restore_elsewhere(
            archive, folders.root / "two", empty_database_url, **s3_environment(endpoint, empty)
        )
        assert finished.returncode == 0, finished.stderr
        assert "3 files restored, checksums match" in finished.stdout
        assert bucket_objects(endpoint, empty) == original


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_postgresql_archive_is_not_restored_into_sqlite(folders):
    archive = backup()
    finished = restore_elsewhere(archive, folders.root, f"sqlite:///{folders.root / 'db.sqlite3'}")
    assert finished.returncode == 2
    assert "restoring across database engines is not supported" in finished.stderr
