"""Gunicorn settings for one web instance of Teilhabe (systemd: teilhabe-web@<port>).

Every value can be overridden from the environment file, so the same file serves a small
centre and a city: WEB_CONCURRENCY (processes), GUNICORN_THREADS, GUNICORN_BIND …"""

import os
import shutil
from pathlib import Path


def _bind() -> str:
    """GUNICORN_BIND as given; otherwise from the systemd instance name (teilhabe-web@<name>):
    a port number listens on 127.0.0.1:<port>, any other name on a Unix socket."""
    if os.environ.get("GUNICORN_BIND"):
        return os.environ["GUNICORN_BIND"]
    instance = os.environ.get("GUNICORN_INSTANCE", "8001")
    if instance.isdigit():
        return f"127.0.0.1:{instance}"
    return f"unix:/run/teilhabe-web-{instance}/gunicorn.sock"


bind = _bind()
wsgi_app = "teilhabe.wsgi:application"

# Threads suit Django here: requests mostly wait on PostgreSQL and Redis. Each thread holds
# its own database connection (CONN_MAX_AGE), so processes × threads × instances must stay
# below PostgreSQL's max_connections (or go through PgBouncer).
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# A request that takes longer than this is stuck: the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On HUP or stop, running requests get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
# Longer than nginx's upstream keepalive_timeout (4 s), so nginx closes idle connections first
# and never sends a request on a connection gunicorn is closing.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 10))
# Recycle workers now and then, so a slow leak never grows into an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 200))

# nginx on the same host sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# The application writes one JSON line per request itself; gunicorn's access log is off
# unless asked for (GUNICORN_ACCESS_LOG=- writes it to the journal).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "teilhabe-web")


def on_starting(server):
    # Prometheus multiprocess mode: the files of an earlier run would count twice.
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
