"""The e-mail task goes through a real Celery worker: over Redis when REDIS_URL is set (as in
CI), otherwise over the embedded file-system broker that needs no service."""

import os
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from teilhabe.celery import app
from teilhabe.core.tasks import send_email


@pytest.fixture
def real_worker(tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url and os.environ.get("REQUIRE_REDIS") == "1":
        pytest.fail("REQUIRE_REDIS=1 but REDIS_URL is not set")
    saved = {
        key: app.conf.get(key)
        for key in (
            "task_always_eager",
            "broker_url",
            "result_backend",
            "task_default_queue",
            "broker_transport_options",
            "task_ignore_result",
        )
    }
    app.conf.task_always_eager = False
    app.conf.task_ignore_result = True
    app.conf.result_backend = None
    app.conf.task_default_queue = f"test-{uuid.uuid4().hex}"
    if redis_url:
        app.conf.broker_url = redis_url
        app.conf.broker_transport_options = {}
    else:
        queue = tmp_path / "queue"
        queue.mkdir()
        app.conf.broker_url = "filesystem://"
        app.conf.broker_transport_options = {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "control_folder": str(tmp_path / "control"),
        }
    _forget_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield "redis" if redis_url else "filesystem"
    finally:
        app.conf.update(saved)
        _forget_connections()


def _forget_connections():
    """Drop the producers and backend built for the previous broker settings."""
    app.close()
    for cached in ("amqp", "backend"):
        app.__dict__.pop(cached, None)


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_by_a_real_worker(real_worker):
    send_email.delay(subject="Hallo", body="Willkommen im Haus.", to=["a@example.org"])
    deadline = time.monotonic() + 90
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [m.subject for m in mail.outbox] == ["Hallo"]
    assert mail.outbox[0].to == ["a@example.org"]
