"""The beat scheduler keeps its schedule in the database and sends each entry once per due time,
also when two schedulers run by mistake; the settings' schedule is written into the database
without undoing edits made there."""

import socket
import time
from datetime import timedelta

import pytest
from celery import Celery
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from teilhabe.core.beat import OncePerDueTimeScheduler, prune_scheduled_runs
from teilhabe.core.models import OutboxTask, ScheduledRun
from teilhabe.core.testing import all_in_parallel

from .test_outbox import in_a_thread, shared_database  # noqa: F401 (a fixture)

ENTRY = "beat-test-entry"
TASK = "beat-test.record"
sent: list[float] = []


def make_app(every: float, *, broker: str = "memory://", eager: bool = True) -> Celery:
    beat_app = Celery("beat-test", set_as_current=False, broker=broker)
    beat_app.conf.update(
        timezone="Europe/Berlin",
        task_always_eager=eager,
        result_expires=None,
        beat_schedule={ENTRY: {"task": TASK, "schedule": every}},
    )

    beat_app.task(name=TASK)(record)
    return beat_app


def record():
    sent.append(time.monotonic())


def run_beat(beat_app, seconds: float) -> None:
    scheduler = OncePerDueTimeScheduler(app=beat_app)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        delay = scheduler.tick()
        time.sleep(max(0.0, min(delay, 0.02)))
    scheduler.close()


def interval_of(name=ENTRY) -> float:
    return PeriodicTask.objects.get(name=name).schedule.run_every.total_seconds()


def set_last_run(ago: timedelta, name=ENTRY) -> None:
    PeriodicTask.objects.filter(name=name).update(last_run_at=timezone.now() - ago)


# --- once per due time ---------------------------------------------------------------------


def two_beats_send_a_due_entry_once():
    sent.clear()
    beat_app = make_app(3600)
    in_a_thread(lambda: OncePerDueTimeScheduler(app=beat_app).close())
    in_a_thread(lambda: set_last_run(timedelta(hours=2)))

    all_in_parallel(lambda _: run_beat(beat_app, 1.0), range(2))

    assert len(sent) == 1
    runs = in_a_thread(lambda: list(ScheduledRun.objects.filter(name=ENTRY)))
    assert len(runs) == 1
    task = in_a_thread(lambda: PeriodicTask.objects.get(name=ENTRY))
    assert task.total_run_count == 1
    assert timezone.now() - task.last_run_at < timedelta(seconds=10)


def two_beats_send_once_per_interval():
    sent.clear()
    beat_app = make_app(1)
    in_a_thread(lambda: OncePerDueTimeScheduler(app=beat_app).close())
    in_a_thread(lambda: set_last_run(timedelta(seconds=1)))

    all_in_parallel(lambda _: run_beat(beat_app, 4.5), range(2))

    runs = in_a_thread(lambda: list(ScheduledRun.objects.filter(name=ENTRY).order_by("sent_at")))
    assert 3 <= len(runs) <= 5, [run.sent_at for run in runs]  # ~every second, never twice
    assert len(sent) == len(runs)
    assert len({run.due_at for run in runs}) == len(runs)
    gaps = [(b.sent_at - a.sent_at).total_seconds() for a, b in zip(runs, runs[1:], strict=False)]
    assert min(gaps) >= 0.9, gaps
    gaps_executed = [b - a for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps_executed) >= 0.9, gaps_executed


@pytest.mark.usefixtures("shared_database")
def test_two_beats_send_a_due_entry_once():
    two_beats_send_a_due_entry_once()


@pytest.mark.usefixtures("shared_database")
def test_two_beats_send_an_entry_once_per_interval():
    two_beats_send_once_per_interval()


@pytest.mark.postgres
@pytest.mark.usefixtures("shared_database")
def test_two_beats_on_postgresql_send_a_due_entry_once():
    two_beats_send_a_due_entry_once()


@pytest.mark.postgres
@pytest.mark.usefixtures("shared_database")
def test_two_beats_on_postgresql_send_an_entry_once_per_interval():
    two_beats_send_once_per_interval()


@pytest.mark.django_db(transaction=True)
def test_the_schedulers_sync_cannot_move_a_newer_last_run_backwards():
    sent.clear()
    beat_app = make_app(3600)
    scheduler = OncePerDueTimeScheduler(app=beat_app)
    set_last_run(timedelta(hours=2))
    scheduler = OncePerDueTimeScheduler(app=beat_app)
    for _ in range(3):
        scheduler.tick()
    assert len(sent) == 1
    newer = timezone.now() + timedelta(minutes=5)  # another beat ran it since
    PeriodicTask.objects.filter(name=ENTRY).update(last_run_at=newer)
    scheduler.sync()
    scheduler.close()
    assert PeriodicTask.objects.get(name=ENTRY).last_run_at == newer


@pytest.mark.django_db(transaction=True)
def test_a_run_due_while_the_broker_is_down_is_recorded_and_kept_for_the_relay():
    port = socket.socket()
    port.bind(("127.0.0.1", 0))
    try:
        beat_app = make_app(3600, broker=f"redis://127.0.0.1:{port.getsockname()[1]}/0")
        beat_app.conf.task_always_eager = False
        beat_app.conf.broker_transport_options = {"socket_connect_timeout": 1}
        OncePerDueTimeScheduler(app=beat_app)
        set_last_run(timedelta(hours=2))
        scheduler = OncePerDueTimeScheduler(app=beat_app)
        started = time.monotonic()
        for _ in range(3):
            scheduler.tick()
        assert time.monotonic() - started < 2
    finally:
        port.close()
    run = ScheduledRun.objects.get(name=ENTRY)
    waiting = OutboxTask.objects.get()
    assert waiting.task_name == TASK and waiting.task_id == run.task_id
    assert waiting.options["headers"]["periodic_task_name"] == ENTRY
    assert waiting.attempts >= 1


# --- the schedule in the database ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_settings_schedule_is_written_into_the_database():
    OncePerDueTimeScheduler(app=make_app(900))
    task = PeriodicTask.objects.get(name=ENTRY)
    assert task.task == TASK and task.enabled
    assert interval_of() == 900


@pytest.mark.django_db(transaction=True)
def test_an_interval_shortened_in_the_database_is_honoured_and_kept_across_restarts():
    beat_app = make_app(900)
    running = OncePerDueTimeScheduler(app=beat_app)
    task = PeriodicTask.objects.get(name=ENTRY)
    task.interval, _ = IntervalSchedule.objects.get_or_create(every=5, period="seconds")
    task.save()

    assert running.schedule[ENTRY].schedule.run_every == timedelta(seconds=5)
    restarted = OncePerDueTimeScheduler(app=beat_app)
    assert restarted.schedule[ENTRY].schedule.run_every == timedelta(seconds=5)
    assert interval_of() == 5


@pytest.mark.django_db(transaction=True)
def test_an_entry_changed_in_the_settings_is_written_again():
    OncePerDueTimeScheduler(app=make_app(900))
    task = PeriodicTask.objects.get(name=ENTRY)
    task.interval, _ = IntervalSchedule.objects.get_or_create(every=5, period="seconds")
    task.save()
    OncePerDueTimeScheduler(app=make_app(1800))
    assert interval_of() == 1800


@pytest.mark.django_db(transaction=True)
def test_an_entry_created_in_the_database_before_the_first_beat_is_kept():
    interval, _ = IntervalSchedule.objects.get_or_create(every=7, period="seconds")
    PeriodicTask.objects.create(name=ENTRY, task=TASK, interval=interval)
    OncePerDueTimeScheduler(app=make_app(900))
    assert interval_of() == 7


@pytest.mark.django_db
def test_runs_older_than_thirty_days_are_pruned():
    now = timezone.now()
    for days in (1, 29, 31, 40):
        ScheduledRun.objects.create(
            name=ENTRY,
            task_name=TASK,
            due_at=now - timedelta(days=days),
            sent_at=now - timedelta(days=days),
        )
    assert prune_scheduled_runs() == 2
    assert sorted((now - run.sent_at).days for run in ScheduledRun.objects.all()) == [1, 29]
