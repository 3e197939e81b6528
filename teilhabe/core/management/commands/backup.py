from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one backup archive (database dump, every uploaded file, manifest with checksums) "
        "into BACKUP_DIR and keep the newest BACKUP_KEEP archives."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            help=f"Folder of the archives (default: BACKUP_DIR, now {settings.BACKUP_DIR}).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            help="How many of the newest archives to keep "
            f"(default: BACKUP_KEEP, now {settings.BACKUP_KEEP}).",
        )

    def handle(self, *args, output_dir=None, keep=None, **options):
        output_dir = Path(output_dir or settings.BACKUP_DIR)
        keep = settings.BACKUP_KEEP if keep is None else keep
        try:
            result = create_backup(output_dir=output_dir, keep=keep)
        except BackupError as error:
            raise CommandError(f"Backup failed: {error}") from error
        for skipped in result.skipped:
            self.stderr.write(f"Skipped {skipped}: deleted while the backup ran.")
        for removed in result.removed:
            self.stdout.write(f"Removed old backup {removed.name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {result.path} ({result.tables} tables, {result.rows} rows, "
                f"{result.files} files)."
            )
        )
