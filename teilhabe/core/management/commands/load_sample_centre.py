from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from teilhabe.core.samples import SampleContext, sample_builders


class Command(BaseCommand):
    help = (
        "Builds the invented sample centre (modelled on Erfurt's Centre for Integration and "
        "Migration). Running it again changes nothing."
    )

    def handle(self, *args, **options):
        context = SampleContext(password=settings.SAMPLE_PASSWORD)
        with transaction.atomic():
            for label, build in sample_builders():
                build(context)
                self.stdout.write(f"  sample {label}: ok")
        self.stdout.write(self.style.SUCCESS("Sample centre ready. Logins (one per role):"))
        width = max(len(role) for role, _email in context.logins)
        for role, email in context.logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}")
        self.stdout.write(f"  password for all: {context.password}")
