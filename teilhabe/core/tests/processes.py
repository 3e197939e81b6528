"""Running a short Django script in a process of its own, with its own settings environment
(an unreachable database, JSON logs, a Sentry DSN …), and a Redis server of its own."""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings

UNREACHABLE_DATABASE = "postgres://nobody@127.0.0.1:9/none"
# Production settings (DEBUG off: Django's handler500 path) that need no secrets of their own.
PRODUCTION_ENV = {
    "SECRET_KEY": "test-only-" + "k" * 50,
    "ALLOWED_HOSTS": "localhost",
    "SECURE_SSL_REDIRECT": "0",
}


def run_django(script: str, **env_overrides: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "teilhabe.settings", **env_overrides}
    # Nothing of the calling environment that would change what the script sees (CI sets
    # REDIS_URL, which would add Redis to the checks and make it the cache and broker).
    for name in ("DEBUG", "TEST_DATABASE_URL", "SENTRY_DSN", "LOG_FORMAT", "REDIS_URL"):
        if name not in env_overrides:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_port() -> int:
    """A port nothing listens on (bound and released at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """redis-server on a free port, no persistence."""

    def __init__(self):
        self.port = closed_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
