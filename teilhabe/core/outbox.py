"""Tasks that survive a broker outage (the transactional outbox).

`send_after_commit(task, ...)` writes an OutboxTask row in the caller's transaction, so the
task exists exactly when the change that needs it commits. After the commit it is published
once, without waiting for a broker that is down (no publish retries, a short connect timeout);
the row is deleted when the broker has taken it. Rows whose publishing failed stay and
`relay_outbox()` sends them, oldest first, with backoff: from the beat scheduler's tick every
few seconds and from `manage.py relay_outbox`.

Delivery is at least once: a process that dies between publishing and deleting the row leaves
it for the relay, which publishes it again under the same task id.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)

# A new row belongs to the process that wrote it for this long (longer than any request's
# transaction); the relay takes it over only if that process never published it.
NEW_ROW_LEASE = timedelta(minutes=2)
# Rows the relay has claimed are its own for this long while it publishes them.
RELAY_LEASE = timedelta(minutes=2)
RELAY_BATCH = 50
MAX_BACKOFF_SECONDS = 60


def send_after_commit(task, *args, **kwargs) -> OutboxTask:
    """Queue `task(*args, **kwargs)` once the surrounding transaction commits (at once when
    there is none). Arguments must be JSON: they are stored until the broker takes them."""
    row = store_task(task.name, args, kwargs)
    transaction.on_commit(lambda: publish_now(row))
    return row


def send_now(task, *args, **kwargs) -> OutboxTask:
    """Queue a task for a change that has already committed (a caller outside any
    transaction): stored first, so a broker that is down only delays it."""
    row = store_task(task.name, args, kwargs)
    publish_now(row)
    return row


def publish_now(row: OutboxTask, *, app=None) -> bool:
    """Publish a committed row once and delete it; on a broker error keep it for the relay.
    Costs one query when the broker takes it. Returns whether it was sent."""
    app = app or current_app
    if app.conf.task_always_eager:
        # Tests: the task runs here and now, and its errors reach the caller as before.
        _publish(row, app)
        _forget(row)
        return True
    try:
        _publish(row, app)
    except Exception as error:  # any broker or network error: the relay sends it later
        logger.warning(
            "Task %s (%s) not queued, kept for the relay: %s", row.task_name, row.task_id, error
        )
        _record_failure(row, error)
        return False
    _forget(row)
    return True


def relay_outbox(*, app=None, limit: int | None = None) -> int:
    """Publish the rows that are due, oldest first; stop at the first broker error (the
    others wait for their next attempt). Returns how many were sent."""
    app = app or current_app
    sent = 0
    while limit is None or sent < limit:
        rows = _claim(RELAY_BATCH if limit is None else min(RELAY_BATCH, limit - sent))
        if not rows:
            break
        for index, row in enumerate(rows):
            try:
                _publish(row, app)
            except Exception as error:
                logger.warning(
                    "Relay could not queue %s (%s), attempt %s: %s",
                    row.task_name,
                    row.task_id,
                    row.attempts + 1,
                    error,
                )
                _record_failure(row, error, others=rows[index + 1 :])
                return sent
            _forget(row)
            sent += 1
    return sent


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


def store_task(task_name: str, args=(), kwargs=None, options=None) -> OutboxTask:
    """The row for a task this process publishes itself right after the commit (publish_now);
    the relay leaves it alone for NEW_ROW_LEASE."""
    return OutboxTask.objects.create(
        task_name=task_name,
        args=list(args),
        kwargs=kwargs or {},
        options=options or {},
        next_attempt_at=timezone.now() + NEW_ROW_LEASE,
    )


def _claim(count: int) -> list[OutboxTask]:
    """Take due rows for this relay by moving their next attempt past the lease. PostgreSQL
    skips rows another relay holds; SQLite's IMMEDIATE transactions (our settings) run one
    claim at a time, so the second relay sees the first one's lease."""
    now = timezone.now()
    with transaction.atomic():
        due = OutboxTask.objects.filter(next_attempt_at__lte=now).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due[:count])
        if rows:
            OutboxTask.objects.filter(pk__in=[row.pk for row in rows]).update(
                next_attempt_at=now + RELAY_LEASE
            )
    return rows


def _publish(row: OutboxTask, app) -> None:
    options = {**row.options, "task_id": str(row.task_id), "ignore_result": True}
    task = app.tasks.get(row.task_name)
    if app.conf.task_always_eager and task is not None:
        task.apply_async(row.args, row.kwargs, **options)
        return
    with app.producer_or_acquire() as producer:
        # One connection attempt, no retries: a broker that is down must not hold up a request.
        producer.connection.ensure_connection(max_retries=0)
        if task is not None:
            task.apply_async(row.args, row.kwargs, producer=producer, retry=False, **options)
        else:
            app.send_task(
                row.task_name, row.args, row.kwargs, producer=producer, retry=False, **options
            )


def _forget(row: OutboxTask) -> None:
    try:
        OutboxTask.objects.filter(pk=row.pk).delete()
    except DatabaseError:
        # Sent but still stored: the relay sends it again later (same task id).
        logger.exception("Task %s (%s) sent but not removed from the outbox", *_names(row))


def _record_failure(row: OutboxTask, error: Exception, *, others=()) -> None:
    now = timezone.now()
    try:
        OutboxTask.objects.filter(pk=row.pk).update(
            attempts=row.attempts + 1,
            last_error=(str(error) or error.__class__.__name__)[:1000],
            next_attempt_at=now + backoff(row.attempts + 1),
        )
        if others:
            OutboxTask.objects.filter(pk__in=[other.pk for other in others]).update(
                next_attempt_at=now + backoff(1)
            )
    except DatabaseError:
        logger.exception("Could not record the failed attempt of %s (%s)", *_names(row))


def _names(row: OutboxTask) -> tuple[str, str]:
    return row.task_name, str(row.task_id)
