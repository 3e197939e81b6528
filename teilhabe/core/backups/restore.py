"""Restoring a backup archive onto an empty installation: every checksum is verified before
anything is touched; the target database must have no tables and the storages no files (a
restore never merges into or overwrites a live installation); the archive's database engine
must be the configured one. Afterwards row counts and file checksums are compared with the
manifest."""

import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections

from .archive import MANIFEST_FORMAT, MANIFEST_NAME, file_member, manifest_checksum
from .database import DUMP_NAMES, SQLITE, describe, engine_of, list_tables, load_dump, row_counts
from .errors import BackupFailure, RestoreError, RestoreRefused
from .files import STORAGE_ALIASES, first_stored_file, is_safe_name, sha256_of


@dataclass
class RestoreResult:
    tables: int
    rows: int
    files: int


def verify_archive(path: Path) -> dict:
    """The archive's manifest, after checking that the archive holds exactly the entries the
    manifest lists, each with its checksum. Raises RestoreRefused otherwise."""
    try:
        with tarfile.open(path, mode="r:") as tar:
            members = {}
            for member in tar:
                if not member.isfile() or member.name in members:
                    raise RestoreRefused(f"{path}: unexpected entry {member.name!r}.")
                members[member.name] = member
            if MANIFEST_NAME not in members:
                raise RestoreRefused(f"{path} has no {MANIFEST_NAME}: not a Teilhabe backup.")
            manifest = json.loads(tar.extractfile(members.pop(MANIFEST_NAME)).read())
            expected = _expected_entries(manifest, path)
            if set(expected) != set(members):
                missing = sorted(set(expected) - set(members))
                extra = sorted(set(members) - set(expected))
                raise RestoreRefused(
                    f"{path} does not match its manifest (missing: {missing[:5]}, "
                    f"not listed: {extra[:5]})."
                )
            for name, member in members.items():
                sha256, size = sha256_of(tar.extractfile(member))
                if (sha256, size) != expected[name]:
                    raise RestoreRefused(f"{path}: checksum mismatch for {name}; corrupted.")
    except RestoreRefused:
        raise
    except (tarfile.TarError, OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise RestoreRefused(f"{path} is not a readable backup archive: {error}") from error
    return manifest


def _expected_entries(manifest: dict, path: Path) -> dict[str, tuple[str, int]]:
    if manifest.get("format") != MANIFEST_FORMAT:
        raise RestoreRefused(f"{path}: unknown manifest format {manifest.get('format')!r}.")
    if manifest.get("checksum") != manifest_checksum(manifest):
        raise RestoreRefused(f"{path}: the manifest's checksum does not match; corrupted.")
    database = manifest["database"]
    if DUMP_NAMES.get(database["engine"]) != database["file"]:
        raise RestoreRefused(f"{path}: unknown database engine {database['engine']!r}.")
    expected = {database["file"]: (database["sha256"], database["size"])}
    for entry in manifest["files"]:
        if entry["storage"] not in STORAGE_ALIASES or not is_safe_name(entry["name"]):
            raise RestoreRefused(f"{path}: unsafe file entry {entry['storage']}:{entry['name']}.")
        expected[file_member(entry["storage"], entry["name"])] = (entry["sha256"], entry["size"])
    return expected


def check_target_is_empty(engine: str, using: str = DEFAULT_DB_ALIAS) -> None:
    current = engine_of(using)
    if engine != current:
        raise RestoreRefused(
            f"The archive holds a {engine} database, but this installation uses {current}; "
            "restoring across database engines is not supported."
        )
    connection = connections[using]
    if current == SQLITE and not connection.is_in_memory_db():
        # A new installation's folder may not exist yet; SQLite creates only the file.
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    tables = list_tables(using)
    if tables:
        raise RestoreRefused(
            f"The {describe(using)} is not empty ({len(tables)} tables). Restore only into an "
            "empty database: create a new one (PostgreSQL: createdb; SQLite: a new file name) "
            "and point DATABASE_URL at it."
        )
    if current == SQLITE and connection.is_in_memory_db():
        raise RestoreRefused(
            "The configured SQLite database lives in memory: nothing to restore into."
        )
    for alias in STORAGE_ALIASES:
        found = first_stored_file(alias)
        if found is not None:
            raise RestoreRefused(
                f'The "{alias}" file storage is not empty (it holds {found}). Restore only into '
                "empty storages: new folders or a new bucket/prefix."
            )


def restore_backup(
    path: Path, *, confirm: Callable[[str], bool] | None = None, using: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    manifest = verify_archive(path)
    database = manifest["database"]
    check_target_is_empty(database["engine"], using)
    if confirm is not None and not confirm(
        f"Restore {path.name} ({manifest['created']}) into the {describe(using)} and the "
        "file storages?"
    ):
        raise RestoreRefused("Not confirmed; nothing was changed.")

    with tarfile.open(path, mode="r:") as tar:
        with tempfile.TemporaryDirectory(prefix="teilhabe-restore-") as work:
            dump = Path(work) / database["file"]
            with open(dump, "wb") as handle:
                shutil.copyfileobj(tar.extractfile(database["file"]), handle, 1024 * 1024)
            try:
                load_dump(dump, database["engine"], using)
            except BackupFailure as error:
                raise RestoreError(
                    f"Loading the database failed: {error}\nEmpty the database before trying again."
                ) from error
        members = {member.name: member for member in tar.getmembers()}
        try:
            for entry in manifest["files"]:
                _restore_file(tar, members[file_member(entry["storage"], entry["name"])], entry)
        except (BackupFailure, OSError) as error:
            raise RestoreError(
                f"The database is restored, but copying the files failed: {error}\n"
                "The installation is incomplete: empty the database and the storages, then "
                "restore again."
            ) from error
    return _verify_restored(manifest, using)


def _restore_file(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: dict) -> None:
    content = File(tar.extractfile(member), name=entry["name"])
    content.size = member.size
    saved = storages[entry["storage"]].save(entry["name"], content)
    if saved != entry["name"]:
        raise RestoreError(f"{entry['name']} was stored as {saved}.")


def _verify_restored(manifest: dict, using: str) -> RestoreResult:
    expected = manifest["database"]["tables"]
    counts = row_counts(using)
    if counts != expected:
        differing = sorted(
            table
            for table in set(counts) | set(expected)
            if counts.get(table) != expected.get(table)
        )
        raise RestoreError(f"Row counts differ from the manifest in: {', '.join(differing[:10])}.")
    for entry in manifest["files"]:
        with storages[entry["storage"]].open(entry["name"], "rb") as handle:
            sha256, size = sha256_of(handle)
        if (sha256, size) != (entry["sha256"], entry["size"]):
            raise RestoreError(f"{entry['storage']}:{entry['name']} differs after the restore.")
    return RestoreResult(
        tables=len(counts), rows=sum(counts.values()), files=len(manifest["files"])
    )
