"""manage.py import_demography FILE: create or update the city's demography profiles from a
CSV in the Wegweiser Kommune format (see docs/demography-import.md) and print the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from teilhabe.impact.demography import import_demography


class Command(BaseCommand):
    help = (
        "Import the demography profile (Wegweiser Kommune CSV: Kommune; GKZ; Jahr; "
        "Bevölkerung; …) – see docs/demography-import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        report = import_demography(content, filename=path.name)
        if report.error:
            raise CommandError(report.as_text())
        self.stdout.write(report.as_text())
        if report.rejected:
            self.stderr.write(self.style.WARNING(f"{len(report.rejected)} row(s) rejected."))
