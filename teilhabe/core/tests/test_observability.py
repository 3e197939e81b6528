"""Request ids and one JSON log line per request, Prometheus metrics for allowed addresses only,
error reports to Sentry without personal data."""

import gzip
import json
import logging
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import brotli
import pytest
from django.core.signals import request_finished
from django.http import HttpResponse
from django.test import override_settings

from teilhabe.celery import app
from teilhabe.core.observability import JsonFormatter, RequestLogMiddleware, current_request_id

from .processes import PRODUCTION_ENV, UNREACHABLE_DATABASE, run_django

# --- request ids and the request log ----------------------------------------------------------


def test_one_json_line_per_request_with_the_proxys_request_id_and_no_query_string():
    """A real process with production settings and JSON logs; its database is away, so the home
    page fails — and the error's traceback carries the same request id as the request line."""
    script = (
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "client.get('/healthz?token=secret-token', HTTP_HOST='localhost',"
        " HTTP_X_REQUEST_ID='0123456789abcdef0123456789abcdef')\n"
        "client.get('/en/', HTTP_HOST='localhost', HTTP_X_REQUEST_ID='home-request-1')\n"
    )
    result = run_django(
        script,
        LOG_FORMAT="json",
        DATABASE_URL=UNREACHABLE_DATABASE,
        CONN_MAX_AGE="0",
        **PRODUCTION_ENV,
    )
    records = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    requests = [r for r in records if r["logger"] == "teilhabe.request"]
    assert len(requests) == 2, result.stderr[-3000:]
    health = requests[0]
    assert health["level"] == "INFO"
    assert health["request_id"] == "0123456789abcdef0123456789abcdef"
    assert (health["method"], health["path"], health["status"]) == ("GET", "/healthz", 200)
    assert health["view"] == "healthz"
    assert health["user_id"] is None
    assert isinstance(health["duration_ms"], float)
    assert "time" in health
    assert "secret-token" not in result.stderr
    error = next(r for r in records if r["logger"] == "django.request")
    assert error["request_id"] == requests[1]["request_id"] == "home-request-1"
    assert "OperationalError" in error["exc_info"]


@pytest.mark.parametrize("hostile", ["abc\nforged log line", "a" * 500, "<script>", ""])
def test_a_hostile_or_missing_request_id_is_replaced(client, hostile):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_the_request_line_names_the_user_by_id_only(client, participant, caplog):
    participant.email = "amina@example.org"
    participant.save()
    client.force_login(participant)
    with caplog.at_level(logging.INFO, logger="teilhabe.request"):
        response = client.get("/en/programme/?q=amina", HTTP_X_REQUEST_ID="req-12345678")
    assert response["X-Request-ID"] == "req-12345678"
    (record,) = [r for r in caplog.records if r.name == "teilhabe.request"]
    line = json.loads(JsonFormatter("%(message)s").format(record))
    assert line["user_id"] == participant.pk
    assert line["path"] == "/en/programme/"
    assert line["view"] == "programme:offer-list"
    assert "amina" not in json.dumps(line).lower()


@app.task(name="teilhabe.core.tests.record_request_id")
def record_request_id():
    logging.getLogger(__name__).info("task ran")
    seen_in_tasks.append(current_request_id())


seen_in_tasks: list[str] = []


@pytest.mark.django_db(transaction=True)
def test_a_tasks_log_records_carry_the_id_of_the_request_that_sent_it(real_worker, rf):
    seen_in_tasks.clear()

    def view(request):
        record_request_id.delay()
        return HttpResponse()

    RequestLogMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="web-request-42"))
    request_finished.send(sender=None)  # as the WSGI handler does when the response is closed
    record_request_id.delay()  # from no request: the task's own id
    deadline = time.monotonic() + 60
    while len(seen_in_tasks) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen_in_tasks[0] == "web-request-42"
    assert re.fullmatch(r"task-[0-9a-f-]{36}", seen_in_tasks[1])


# --- metrics ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_served_to_allowed_addresses_only(client):
    client.get("/healthz")
    allowed = client.get("/metrics")
    assert allowed.status_code == 200
    assert allowed["Content-Type"].startswith("text/plain")
    assert "django_http_requests_total_by_method_total" in allowed.content.decode()
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 403


@pytest.mark.django_db
def test_a_spoofed_forwarded_for_does_not_get_in(client):
    # No proxy in front (PROXY_COUNT=0): the header is the client's own claim.
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 403


@pytest.mark.django_db
@override_settings(AXES_IPWARE_PROXY_COUNT=1, METRICS_ALLOWED_ADDRESSES=["10.0.0.0/8"])
def test_behind_the_proxy_the_address_it_saw_counts(client):
    # nginx on the same machine: REMOTE_ADDR is loopback for everyone; it appends what it saw.
    def through_nginx(forwarded_for):
        return client.get(
            "/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
        ).status_code

    assert through_nginx("10.1.2.3") == 200
    assert through_nginx("203.0.113.5") == 403
    assert through_nginx("10.1.2.3, 203.0.113.5") == 403  # the left part is the client's claim


def test_metrics_of_several_processes_are_summed(tmp_path):
    """Two processes (gunicorn workers) write to one PROMETHEUS_MULTIPROC_DIR; /metrics served
    by either shows the requests of both."""
    serve = (
        "from django.test import Client\n"
        "import sys\n"
        "client = Client()\n"
        "for _ in range({n}):\n"
        "    client.get('/healthz', HTTP_HOST='localhost')\n"
    )
    scrape = "print(client.get('/metrics', HTTP_HOST='localhost').content.decode())\n"
    env = {"DEBUG": "1", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    first = run_django(serve.format(n=3), **env)
    assert first.returncode == 0, first.stderr[-2000:]
    second = run_django(serve.format(n=2) + scrape, **env)
    assert second.returncode == 0, second.stderr[-2000:]
    counts = re.findall(
        r'^django_http_requests_total_by_view_transport_method_total\{[^}]*view="healthz"[^}]*\}'
        r" (\S+)$",
        second.stdout,
        re.MULTILINE,
    )
    assert sum(float(count) for count in counts) == 5


# --- Sentry -----------------------------------------------------------------------------------


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_collector():
    _Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


SENTRY_SCRIPT = """
import sentry_sdk
from django.test import Client, override_settings
from django.urls import path
from teilhabe.accounts.models import User

def broken(request):
    request.user = User(pk=7, email="amina@example.org", display_name="Amina Haddad")
    raise ValueError("boom for sentry")

class urls:
    urlpatterns = [path("broken", broken)]

print("active", sentry_sdk.get_client().is_active())
if sentry_sdk.get_client().is_active():
    with override_settings(ROOT_URLCONF=urls):
        client = Client(raise_request_exception=False)
        client.cookies["private"] = "secret-cookie-value"
        client.get("/broken", HTTP_HOST="localhost")
    sentry_sdk.flush(timeout=10)
"""


def test_errors_go_to_sentry_without_personal_data(sentry_collector):
    port = sentry_collector.server_address[1]
    result = run_django(
        SENTRY_SCRIPT,
        DEBUG="1",
        DATABASE_URL=UNREACHABLE_DATABASE,
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/1",
        SENTRY_ENVIRONMENT="test-city",
    )
    assert "active True" in result.stdout, result.stderr[-2000:]
    envelopes = b"\n".join(_Collector.received).decode()
    assert "boom for sentry" in envelopes
    assert "ValueError" in envelopes
    assert '"environment":"test-city"' in envelopes.replace(" ", "")
    assert "amina@example.org" not in envelopes
    assert "Amina Haddad" not in envelopes
    assert "secret-cookie-value" not in envelopes


def test_without_a_dsn_nothing_is_sent():
    result = run_django(SENTRY_SCRIPT, DEBUG="1", DATABASE_URL=UNREACHABLE_DATABASE)
    assert result.stdout.split() == ["active", "False"], result.stderr[-2000:]
