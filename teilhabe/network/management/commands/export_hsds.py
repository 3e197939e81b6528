import json

from django.core.management.base import BaseCommand

from teilhabe.network.hsds import export_directory


class Command(BaseCommand):
    help = "Write the network directory as Open Referral HSDS 3.0 JSON (a list of services)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to write ('-' for standard output)")

    def handle(self, *args, file, **options):
        body = json.dumps(export_directory(), ensure_ascii=False, indent=2, sort_keys=True)
        if file == "-":
            self.stdout.write(body)
            return
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(body + "\n")
        self.stdout.write(self.style.SUCCESS(f"Wrote {file}"))
