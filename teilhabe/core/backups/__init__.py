"""Backups of a whole installation: one tar archive with the database dump, every uploaded
file of the "default" and "private" storages and a manifest of checksums and row counts;
restored onto an empty installation only. `manage.py backup` and `manage.py restore` call
create_backup and restore_backup."""

from .archive import BackupError, create_backup, prune_backups
from .restore import RestoreError, RestoreRefused, restore_backup, verify_archive

__all__ = [
    "BackupError",
    "RestoreError",
    "RestoreRefused",
    "create_backup",
    "prune_backups",
    "restore_backup",
    "verify_archive",
]
