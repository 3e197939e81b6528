"""Tasks survive a broker outage: the task is stored with the write that needs it, published
after the commit, kept while the broker is away and relayed once it is back — once."""

import os
import socket
import sqlite3
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta

import pytest
from celery import shared_task
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from kombu import Connection, Queue

from teilhabe.celery import app
from teilhabe.core import outbox
from teilhabe.core.models import OutboxTask
from teilhabe.core.outbox import relay_outbox, send_after_commit
from teilhabe.core.tasks import send_email
from teilhabe.core.testing import all_in_parallel

TEST_REDIS_URL = "redis://127.0.0.1:6379/14"
recorded: list = []


@shared_task(name="teilhabe.core.tests.test_outbox.record")
def record(value):
    recorded.append(value)
    return value


# --- with tasks run inline (as in every other test) ------------------------------------------


@pytest.mark.django_db
def test_the_task_is_stored_with_the_write_and_sent_after_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_after_commit(send_email, subject="Hallo", body="Willkommen.", to=["a@b.org"])
        stored = OutboxTask.objects.get()
        assert stored.task_name == "teilhabe.core.tasks.send_email"
        assert stored.kwargs == {"subject": "Hallo", "body": "Willkommen.", "to": ["a@b.org"]}
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Hallo"]
    assert not OutboxTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_write_that_is_rolled_back_leaves_no_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        send_after_commit(send_email, subject="Hallo", body="Nie.", to=["a@b.org"])
        raise RuntimeError("the write fails")
    assert not OutboxTask.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_queueing_a_task_costs_two_queries(django_capture_on_commit_callbacks):
    def queue_and_commit():
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            send_after_commit(record, "x")
        return [q["sql"] for q in queries.captured_queries]

    queue_and_commit()  # warm-up
    sql = queue_and_commit()
    assert len(sql) == 2, sql
    assert sql[0].startswith("INSERT") and sql[1].startswith("DELETE")
    assert all("core_outboxtask" in statement for statement in sql)


# --- a real broker: away, then back ------------------------------------------------------------


def closed_port():
    """A port bound by this test and never listened on: connecting is refused."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


def redis_or_skip(url=TEST_REDIS_URL):
    try:
        with Connection(url, transport_options={"socket_connect_timeout": 1}) as conn:
            conn.ensure_connection(max_retries=0)
            conn.default_channel.client.flushdb()
    except Exception as error:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but Redis at {url} is not reachable: {error}")
        pytest.skip(f"Redis at {url} is not reachable")


@contextmanager
def broker(url):
    """Point the Celery app at `url` with tasks really sent (not run inline)."""
    keys = ("task_always_eager", "broker_url", "broker_transport_options", "task_default_queue")
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_transport_options = {"socket_connect_timeout": 1, "socket_timeout": 5}
    _forget_connections()
    try:
        yield
    finally:
        app.conf.update(saved)
        _forget_connections()


def _forget_connections():
    app.close()
    for cached in ("amqp", "backend", "pool", "producer_pool"):
        app.__dict__.pop(cached, None)
    app._pool = None


def messages_in(queue_name, url=TEST_REDIS_URL) -> list[dict]:
    with Connection(url) as conn:
        queue = Queue(queue_name, channel=conn.default_channel)
        taken = []
        while (message := queue.get(no_ack=True)) is not None:
            taken.append(message.headers)
        return taken


@pytest.mark.django_db(transaction=True)
def test_a_write_commits_while_the_broker_is_down_and_the_relay_sends_its_task_once():
    redis_or_skip()
    queue_name = f"test-outbox-{uuid.uuid4().hex}"
    app.conf.task_default_queue, saved_queue = queue_name, app.conf.task_default_queue
    port = closed_port()
    try:
        with broker(f"redis://127.0.0.1:{port.getsockname()[1]}/0"):
            started = time.monotonic()
            with transaction.atomic():
                send_after_commit(send_email, subject="Bestätigung", body="…", to=["a@b.org"])
            elapsed = time.monotonic() - started
        assert elapsed < 1.0, f"the write waited {elapsed:.2f}s for the broker"
        kept = OutboxTask.objects.get()
        assert kept.task_name == "teilhabe.core.tasks.send_email"
        assert kept.attempts == 1 and "127.0.0.1" in kept.last_error
        assert kept.next_attempt_at > timezone.now()

        with broker(TEST_REDIS_URL):
            assert relay_outbox() == 0  # not due yet: backoff
            OutboxTask.objects.update(next_attempt_at=timezone.now())
            assert relay_outbox() == 1
            assert relay_outbox() == 0
        assert not OutboxTask.objects.exists()
        messages = messages_in(queue_name)
        assert [(m["task"], m["id"]) for m in messages] == [
            ("teilhabe.core.tasks.send_email", str(kept.task_id))
        ]
    finally:
        port.close()
        app.conf.task_default_queue = saved_queue


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_up_the_task_goes_at_once_and_leaves_no_row():
    redis_or_skip()
    queue_name = f"test-outbox-{uuid.uuid4().hex}"
    app.conf.task_default_queue, saved_queue = queue_name, app.conf.task_default_queue
    try:
        with broker(TEST_REDIS_URL), transaction.atomic():
            row = send_after_commit(record, "now")
        assert not OutboxTask.objects.exists()
        assert [m["id"] for m in messages_in(queue_name)] == [str(row.task_id)]
    finally:
        app.conf.task_default_queue = saved_queue


@pytest.mark.django_db(transaction=True)
def test_the_relay_backs_off_while_the_broker_is_down_and_the_command_reports(capsys):
    port = closed_port()
    try:
        with broker(f"redis://127.0.0.1:{port.getsockname()[1]}/0"):
            send_after_commit(record, 1)
            send_after_commit(record, 2)
            OutboxTask.objects.update(next_attempt_at=timezone.now())
            assert relay_outbox() == 0
            first, second = OutboxTask.objects.order_by("id")
            assert first.attempts == 2 and second.attempts == 1
            assert first.next_attempt_at > timezone.now() + timedelta(seconds=3)
            call_command("relay_outbox")
    finally:
        port.close()
    assert "0 sent, 2 waiting" in capsys.readouterr().out


# --- two relays at once -------------------------------------------------------------------------


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database that threads really share. PostgreSQL is one already; SQLite's in-memory test
    database fails concurrent writers at once ("table is locked") instead of queueing them as a
    file does, so the threads get a file copy of it (each thread's connection opens the file;
    read results with `in_a_thread`)."""
    settings_dict = connections.settings["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    saved = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = saved


def in_a_thread(function):
    """Run function in a thread of its own: with `shared_database` it sees what threads wrote."""
    return all_in_parallel(lambda _: function(), [None])[0]


@pytest.mark.postgres
def test_two_relays_on_postgresql_send_each_row_once(shared_database, monkeypatch):
    two_relays_send_each_row_once(monkeypatch)


def test_two_relays_send_each_row_once(shared_database, monkeypatch):
    two_relays_send_each_row_once(monkeypatch)


def two_relays_send_each_row_once(monkeypatch):
    recorded.clear()
    monkeypatch.setattr(outbox, "RELAY_BATCH", 3)

    def store():
        OutboxTask.objects.bulk_create(
            OutboxTask(task_name=record.name, args=[value], next_attempt_at=timezone.now())
            for value in range(40)
        )

    in_a_thread(store)
    sent = all_in_parallel(lambda _: relay_outbox(), range(2))
    assert sum(sent) == 40
    assert sorted(recorded) == list(range(40))
    assert in_a_thread(lambda: OutboxTask.objects.count()) == 0
