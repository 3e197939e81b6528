"""Send the tasks the outbox holds because the broker was away (core.outbox): once, or in a
loop. The beat scheduler does this every few seconds already; this is for installations that
run no beat, and for operators who want the queue emptied now."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from teilhabe.core.models import OutboxTask
from teilhabe.core.outbox import relay_outbox

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the tasks waiting in the outbox to the broker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep relaying until stopped.")
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between rounds with --loop."
        )

    def handle(self, *args, loop=False, interval=5.0, **options):
        if not loop:
            self._relay()
            return
        while True:
            try:
                self._relay(quiet=True)
            except Exception:  # the database is away: keep going, say so
                logger.exception("Relaying the outbox failed")
            close_old_connections()
            time.sleep(interval)

    def _relay(self, *, quiet=False):
        sent = relay_outbox()
        if sent or not quiet:
            waiting = OutboxTask.objects.count()
            self.stdout.write(f"{sent} sent, {waiting} waiting")
