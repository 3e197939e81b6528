"""One stack for the whole session: PostgreSQL and Redis of its own, an SMTP sink, two gunicorn
instances behind nginx, a Celery worker and beat. The scenarios run in file order; the last one
wipes and restores the database."""

import json
import shlex
import time

import pytest

from deploy.stack import Stack
from deploy.tests.stack_data import MARKER

TIMINGS: list[tuple[str, str, float]] = []
NOTES: dict[str, str] = {}


def note(request, text: str) -> None:
    """A line for the summary, under the test's name."""
    NOTES[request.node.name] = text


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    started = time.monotonic()
    with Stack(tmp_path_factory.mktemp("stack"), web_processes=2, beats=1) as running:
        TIMINGS.append(("stack start", "ok", time.monotonic() - started))
        yield running
        stopping = time.monotonic()
    TIMINGS.append(("stack stop", "ok", time.monotonic() - stopping))


def data(stack, function: str, **kwargs):
    """Run deploy/tests/stack_data.<function>(**kwargs) inside the stack, return its result."""
    code = (
        "import json; from deploy.tests import stack_data; "
        f"stack_data.{function}(**json.loads({json.dumps(json.dumps(kwargs))}))"
    )
    result = stack.manage("shell", "-c", code)
    for line in result.stdout.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise AssertionError(
        f"manage.py shell -c {shlex.quote(code)} failed ({result.returncode}):\n"
        f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    )


def wait_until(condition, timeout: float, interval: float = 0.5, message: str = ""):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            if not value and message:
                raise AssertionError(f"{message} (waited {timeout} s)")
            return value
        time.sleep(interval)


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        TIMINGS.append((report.nodeid.split("::")[-1], report.outcome, report.duration))


def pytest_terminal_summary(terminalreporter):
    terminalreporter.section("stack scenarios")
    for name, outcome, seconds in TIMINGS:
        terminalreporter.write_line(f"{name:<60} {outcome:<8} {seconds:6.1f} s")
        if name in NOTES:
            terminalreporter.write_line(f"    {NOTES[name]}")
