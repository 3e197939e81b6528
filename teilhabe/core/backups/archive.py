"""Writing a backup archive: teilhabe-YYYYmmdd-HHMMSS.tar (UTC) with

    database.pgdump | database.sqlite3   the dump (pg_dump -Fc, or an SQLite copy)
    files/default/<name>, files/private/<name>   every uploaded file
    manifest.json                        what is inside, with checksums and row counts

written under a temporary name, synced and then renamed, so that an archive with the final
name is always complete."""

import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.files.storage import storages

from .database import dump_database
from .errors import BackupError, BackupFailure
from .files import CHUNK_BYTES, STORAGE_ALIASES, sha256_of, stored_files

ARCHIVE_NAME = re.compile(r"^teilhabe-\d{8}-\d{6}\.tar$")
MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
# Leftovers of a backup that was killed (partial archives, work folders) after this long.
STALE_SECONDS = 24 * 60 * 60


@dataclass
class BackupResult:
    path: Path
    tables: int
    rows: int
    files: int
    skipped: list[str] = field(default_factory=list)  # files deleted while the backup ran
    removed: list[Path] = field(default_factory=list)  # older archives, by retention


def file_member(alias: str, name: str) -> str:
    return f"files/{alias}/{name}"


def manifest_checksum(manifest: dict) -> str:
    """The checksum over the whole manifest (which holds every other checksum)."""
    content = {key: value for key, value in manifest.items() if key != "checksum"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_backup(*, output_dir: Path, keep: int, now: datetime | None = None) -> BackupResult:
    if keep < 1:
        raise BackupError("BACKUP_KEEP must be at least 1.")
    now = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"The backup folder cannot be created: {error}") from error
    final = output_dir / f"teilhabe-{now:%Y%m%d-%H%M%S}.tar"
    if final.exists():
        raise BackupError(f"{final} exists already; another backup ran in the same second.")
    handle, partial = tempfile.mkstemp(dir=output_dir, prefix=f".{final.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                result = _write_archive(tar, output_dir, now)
            raw.flush()
            os.fsync(raw.fileno())
        os.rename(partial, final)
        _fsync_directory(output_dir)
    except BaseException as error:
        Path(partial).unlink(missing_ok=True)
        if isinstance(error, BackupFailure):
            raise BackupError(f"{error} (no archive written)") from error
        if isinstance(error, Exception):  # a storage or the database failed: say which way
            raise BackupError(f"{type(error).__name__}: {error} (no archive written)") from error
        raise
    result.path = final
    # Only now that the new archive is complete may older ones go.
    try:
        result.removed = prune_backups(output_dir, keep)
    except OSError as error:
        message = f"{final} is written, but older archives could not be removed: {error}"
        raise BackupError(message) from error
    return result


def _write_archive(tar: tarfile.TarFile, output_dir: Path, now: datetime) -> BackupResult:
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".teilhabe-work-") as work:
        # The database first, then the files: an upload stores its file before the row that
        # names it, so every file named in the dump already exists when the files are read
        # afterwards. (Files uploaded in between are merely extra.) The other order would miss
        # the files of rows written while the files were being copied.
        dump = dump_database(Path(work))
        with open(dump.path, "rb") as handle:
            dump_sha256, dump_size = sha256_of(handle)
        _add_file(tar, dump.path.name, dump.path, now)
        entries, skipped = [], []
        for alias in STORAGE_ALIASES:
            storage = storages[alias]
            for name in stored_files(storage):
                entry = _add_stored_file(tar, alias, name, storage, work, now)
                if entry is None:
                    skipped.append(f"{alias}:{name}")
                else:
                    entries.append(entry)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created": now.isoformat(),
        "app": {"version": _app_version(), "migrations": dump.migrations},
        "database": {
            "engine": dump.engine,
            "file": dump.path.name,
            "size": dump_size,
            "sha256": dump_sha256,
            "tables": dump.tables,
        },
        "files": entries,
    }
    manifest["checksum"] = manifest_checksum(manifest)
    content = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode()
    _add_bytes(tar, MANIFEST_NAME, content, now)
    return BackupResult(
        path=Path(),
        tables=len(dump.tables),
        rows=sum(dump.tables.values()),
        files=len(entries),
        skipped=skipped,
    )


def _add_stored_file(tar, alias, name, storage, work, now) -> dict | None:
    # Copied to a spool first: the tar header needs the exact size before the content, and
    # hashing the bytes actually written is the only honest checksum.
    digest = hashlib.sha256()
    with tempfile.SpooledTemporaryFile(max_size=16 * CHUNK_BYTES, dir=work) as spool:
        try:
            with storage.open(name, "rb") as source:
                while chunk := source.read(CHUNK_BYTES):
                    digest.update(chunk)
                    spool.write(chunk)
        except FileNotFoundError:  # deleted since it was listed, and so since the dump
            return None
        size = spool.tell()
        spool.seek(0)
        info = _tar_info(file_member(alias, name), size, now)
        tar.addfile(info, spool)
    return {"storage": alias, "name": name, "size": size, "sha256": digest.hexdigest()}


def _add_file(tar, member: str, path: Path, now) -> None:
    with open(path, "rb") as handle:
        tar.addfile(_tar_info(member, path.stat().st_size, now), handle)


def _add_bytes(tar, member: str, content: bytes, now) -> None:
    tar.addfile(_tar_info(member, len(content), now), io.BytesIO(content))


def _tar_info(name: str, size: int, now: datetime) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(now.timestamp())
    info.mode = 0o600
    return info


def prune_backups(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives (by the time in their names) and leftovers
    of killed backups; return the deleted archives."""
    archives = sorted(
        (path for path in directory.iterdir() if ARCHIVE_NAME.match(path.name)), reverse=True
    )
    for old in archives[keep:]:
        old.unlink()
    for leftover in directory.glob(".teilhabe-*"):
        if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
    return archives[keep:]


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _app_version() -> str:
    try:
        return metadata.version("teilhabe")
    except metadata.PackageNotFoundError:
        pass
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"
