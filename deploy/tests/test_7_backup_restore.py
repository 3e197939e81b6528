"""Scenario 6, run last because it wipes the installation: backup, wipe the database and the
uploaded files, restore; every row and every file comes back."""

import shutil

from deploy.tests.clients import Visitor
from deploy.tests.conftest import data, note, wait_until


def test_backup_wipe_restore_brings_back_every_row_and_file(stack, request):
    written = data(stack, "write_files", count=3)
    # Nothing may change the data between the fingerprint and the dump: the schedulers stop
    # (the worker only sends mail, the web processes get no requests).
    stack.stop_beats()
    tables_before = data(stack, "table_fingerprints")
    files_before = data(stack, "file_fingerprints")
    assert {f"media/{name}" for name in written[::2]} <= set(files_before)
    assert {f"private/{name}" for name in written[1::2]} <= set(files_before)
    assert sum(count for count, _ in tables_before.values()) > 200

    backup = stack.manage("backup")
    assert backup.returncode == 0, backup.stdout + backup.stderr
    archives = sorted(stack.backup_dir.glob("*.tar*"))
    assert len(archives) == 1, archives

    stack.recreate_database()
    for root in (stack.media_root, stack.private_media_root):
        shutil.rmtree(root)
        root.mkdir()
    assert data(stack, "table_fingerprints") == {}
    assert data(stack, "file_fingerprints") == {}

    restore = stack.manage("restore", archives[0], "--yes")
    assert restore.returncode == 0, restore.stdout + restore.stderr

    assert data(stack, "table_fingerprints") == tables_before
    assert data(stack, "file_fingerprints") == files_before
    rows = sum(count for count, _ in tables_before.values())
    note(request, f"{len(tables_before)} tables, {rows} rows, {len(files_before)} files equal")
    visitor = Visitor(stack)
    wait_until(lambda: visitor.get("/readyz").status_code == 200, timeout=30)
    assert visitor.get("/de/programme/").status_code == 200
    logo = next(name for name in written if name.startswith("associations/"))
    assert visitor.get(f"/media/{logo}").status_code == 200
