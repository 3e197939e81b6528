"""The uploaded files of a backup, always through Django's storage API, so that the same code
reads and writes a folder on disk or a bucket of an S3-compatible store."""

import hashlib
import posixpath
from collections.abc import Iterator

from django.core.files.storage import Storage, storages

# Every storage of uploaded files (see STORAGES); "staticfiles" is built from the code.
STORAGE_ALIASES = ("default", "private")
CHUNK_BYTES = 1024 * 1024


def stored_files(storage: Storage, directory: str = "") -> Iterator[str]:
    """The names of all files in `storage`, folder by folder."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a folder that was never created holds nothing
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(directories):
        yield from stored_files(storage, posixpath.join(directory, name) if directory else name)


def first_stored_file(alias: str) -> str | None:
    return next(stored_files(storages[alias]), None)


def sha256_of(handle) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def is_safe_name(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and "\\" not in name and ".." not in parts
