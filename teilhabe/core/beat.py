"""The beat scheduler: django-celery-beat's DatabaseScheduler, made safe to run twice.

- Once per due time: before sending an entry the scheduler locks its PeriodicTask row and
  checks due-ness against the database's last_run_at (another beat may have sent it a moment
  ago). Still due: it writes a ScheduledRun, the new last_run_at and the task (as an outbox row)
  in that one transaction, then publishes it. Not due: it adopts the database's last_run_at.
  ScheduledRun's unique (name, due_at) is the backstop. DatabaseScheduler's own sync(), which
  writes the in-memory last_run_at back, is switched off: it could move a newer one backwards.
- Scheduled tasks go through the outbox, so a run that falls into a broker outage is sent
  when the broker is back; every tick also relays the outbox.
- CELERY_BEAT_SCHEDULE is written into the database when an entry is new or its definition in
  the settings changed; an entry edited in the database (admin) keeps the edit otherwise.
"""

import hashlib
import json
import logging
import time
from datetime import timedelta

from celery.utils.time import maybe_make_aware
from django.db import DatabaseError, IntegrityError, InterfaceError, transaction
from django.db.models import F
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler, ModelEntry
from kombu.utils.json import loads

from .models import OutboxTask, ScheduledRun, ScheduleSync
from .outbox import publish_now, relay_outbox, store_task

logger = logging.getLogger(__name__)

RELAY_EVERY_SECONDS = 5
PRUNE_EVERY_SECONDS = 60 * 60
SCHEDULED_RUNS_KEPT = timedelta(days=30)
_SENDING_OPTIONS = ("queue", "exchange", "routing_key", "priority")


class OncePerDueTimeScheduler(DatabaseScheduler):
    """CELERY_BEAT_SCHEDULER: sends each entry once per due time however many beats run."""

    def __init__(self, *args, **kwargs):
        self._reserved = {}
        self._next_relay = 0.0
        self._next_prune = 0.0
        super().__init__(*args, **kwargs)

    # --- once per due time --------------------------------------------------------------------

    @property
    def producer(self):
        """Unused: scheduled tasks are published through the outbox, which never waits for a
        broker that is down (Scheduler.producer would connect with long retries)."""
        return None

    def reserve(self, entry):
        # Unlike DatabaseScheduler.reserve, nothing is marked for sync(): claim_run records it.
        new_entry = next(entry)
        self._reserved[entry.name] = new_entry
        return new_entry

    def apply_entry(self, entry, producer=None):
        reserved = self._reserved.pop(entry.name, None)
        run_at = reserved.last_run_at if reserved else timezone.now()
        try:
            row, database_last_run = claim_run(entry.model.pk, run_at=run_at)
        except (DatabaseError, InterfaceError):
            logger.exception("beat: could not claim %s; it is tried again when next due", entry)
            return
        if row is None:
            logger.info("beat: %s was already sent by another scheduler", entry.name)
            if reserved is not None and database_last_run is not None:
                reserved.model.last_run_at = reserved.last_run_at = database_last_run
            return
        logger.info("beat: sending due task %s (%s)", entry.name, entry.task)
        publish_now(row, app=self.app)

    def sync(self):
        self._dirty.clear()

    # --- relay and housekeeping on every tick -------------------------------------------------

    def tick(self, *args, **kwargs):
        delay = super().tick(*args, **kwargs)
        now = time.monotonic()
        if now >= self._next_relay:
            self._next_relay = now + RELAY_EVERY_SECONDS
            try:
                relay_outbox(app=self.app)
            except Exception:  # the database is away: try again next time
                logger.exception("beat: relaying the outbox failed")
        if now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY_SECONDS
            try:
                prune_scheduled_runs()
            except Exception:
                logger.exception("beat: pruning scheduled runs failed")
        return min(delay, RELAY_EVERY_SECONDS)

    # --- the settings as the source of the schedule ---------------------------------------------

    def update_from_dict(self, mapping):
        entries = {}
        for name, definition in mapping.items():
            try:
                model = _sync_entry_from_settings(name, definition)
                if model.enabled:
                    entries[name] = self.Entry(model, app=self.app)
            except Exception:
                logger.exception("beat: cannot add %r to the database schedule", name)
        self.schedule.update(entries)


def claim_run(periodic_task_id: int, *, run_at) -> tuple[OutboxTask | None, object]:
    """Record one run of a periodic task if it is still due by the database's last_run_at.
    Returns (the outbox row to publish, None) or (None, the database's last_run_at)."""
    with transaction.atomic():
        task = PeriodicTask.objects.select_for_update().filter(pk=periodic_task_id).first()
        if task is None or not task.enabled or (task.one_off and task.total_run_count):
            return None, None
        schedule = task.schedule
        last_run = task.last_run_at
        if last_run is not None:
            last_run_local = maybe_make_aware(last_run).astimezone(schedule.tz)
            is_due, _next_check = schedule.is_due(last_run_local)
            if not is_due:
                return None, last_run
            due_at = _due_time(schedule, last_run_local, fallback=run_at)
        else:
            due_at = run_at
        row = store_task(
            task.task, loads(task.args or "[]"), loads(task.kwargs or "{}"), _sending_options(task)
        )
        ScheduledRun.objects.create(
            name=task.name, task_name=task.task, due_at=due_at, task_id=row.task_id
        )
        PeriodicTask.objects.filter(pk=task.pk).update(
            last_run_at=run_at, total_run_count=F("total_run_count") + 1
        )
    return row, None


def prune_scheduled_runs() -> int:
    """Keep the record of runs bounded: the last SCHEDULED_RUNS_KEPT."""
    old = ScheduledRun.objects.filter(sent_at__lt=timezone.now() - SCHEDULED_RUNS_KEPT)
    deleted, _by_model = old.delete()
    return deleted


def _due_time(schedule, last_run, *, fallback):
    """The due time this run is for: computed from last_run_at alone (never from the clock), so
    every beat that reads the same last_run_at names the same due time."""
    if hasattr(schedule, "remaining_delta"):  # crontab
        start, delta, _now = schedule.remaining_delta(last_run)
        return start + delta
    if hasattr(schedule, "run_every"):  # interval
        return last_run + schedule.run_every
    return fallback  # solar, clocked: no shared due time to name


def _sending_options(task: PeriodicTask) -> dict:
    options = {
        name: getattr(task, name) for name in _SENDING_OPTIONS if getattr(task, name) is not None
    }
    if task.expire_seconds:
        options["expires"] = task.expire_seconds
    headers = loads(task.headers or "{}")
    headers.update(periodic_task_name=task.name, celery_beat_task=True)
    options["headers"] = headers
    return options


def _fingerprint(definition: dict) -> str:
    text = json.dumps(definition, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()


def _sync_entry_from_settings(name: str, definition: dict) -> PeriodicTask:
    """Write a settings entry into the database when it is new there or changed in the
    settings since it was last written; otherwise the database's version stands."""
    fingerprint = _fingerprint(definition)
    for attempt in range(2):  # two beats starting together may both create the record
        try:
            with transaction.atomic():
                synced = ScheduleSync.objects.select_for_update().filter(name=name).first()
                existing = PeriodicTask.objects.filter(name=name).first()
                if existing is not None and (synced is None or synced.fingerprint == fingerprint):
                    model = existing
                else:
                    model = ModelEntry.from_entry(name, **definition).model
                if synced is None:
                    ScheduleSync.objects.create(name=name, fingerprint=fingerprint)
                elif synced.fingerprint != fingerprint:
                    synced.fingerprint = fingerprint
                    synced.save()
                return model
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")
