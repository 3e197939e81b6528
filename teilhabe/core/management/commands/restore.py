from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.backups import RestoreError, RestoreRefused, restore_backup

# Exit status when the archive or the target is refused (nothing was changed).
REFUSED = 2


class Command(BaseCommand):
    help = (
        "Restore a backup archive onto an EMPTY installation (database without tables, "
        "storages without files): checks every checksum first, then restores and verifies "
        "row counts and file checksums."
    )
    # The target is empty: there is nothing for the system checks to look at yet.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A teilhabe-YYYYmmdd-HHMMSS.tar archive.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, archive, yes=False, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.", returncode=REFUSED)
        try:
            result = restore_backup(archive, confirm=None if yes else self._confirm)
        except RestoreRefused as error:
            raise CommandError(f"Restore refused: {error}", returncode=REFUSED) from error
        except RestoreError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.tables} tables, {result.rows} rows, {result.files} files restored, "
                "checksums match."
            )
        )

    def _confirm(self, question: str) -> bool:
        try:
            answer = input(f"{question} Type 'yes' to continue: ")
        except EOFError:
            self.stderr.write("No answer (no terminal): pass --yes to restore without asking.")
            return False
        return answer.strip().lower() == "yes"
