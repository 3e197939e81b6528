"""manage.py import_funding_programmes FILE [--dry-run]: create and update funding programmes
from a CSV or JSON file (see docs/funding-import.md) and print the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.funding.imports import import_programmes


class Command(BaseCommand):
    help = "Import or update funding programmes from a CSV or JSON file (docs/funding-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or JSON file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report only, save nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        report = import_programmes(content, filename=path.name, dry_run=dry_run, by=None)
        if report.error:
            raise CommandError(report.as_text())
        self.stdout.write(report.as_text())
        if report.rejected:
            self.stderr.write(self.style.WARNING(f"{len(report.rejected)} row(s) rejected."))
