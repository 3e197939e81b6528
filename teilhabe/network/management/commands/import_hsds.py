import json

from django.core.management.base import BaseCommand, CommandError

from teilhabe.network.services import import_hsds


class Command(BaseCommand):
    help = (
        "Upsert the network directory from an Open Referral HSDS 3.0 JSON file (a list of "
        "services, as export_hsds writes it), matching objects by their id."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but change nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = import_hsds(data=data, dry_run=dry_run)
        prefix = "Dry run: " if dry_run else ""
        self.stdout.write(
            f"{prefix}created {report.total_created}, updated {report.total_updated}, "
            f"rejected {len(report.rejected)}"
        )
        for kind in sorted(set(report.created) | set(report.updated)):
            self.stdout.write(
                f"  {kind}: created {report.created.get(kind, 0)}, "
                f"updated {report.updated.get(kind, 0)}"
            )
        for reference, reason in report.rejected:
            self.stderr.write(f"  rejected {reference}: {reason}")
        if report.rejected and not report.total_created and not report.total_updated:
            raise CommandError("Nothing could be imported.")
