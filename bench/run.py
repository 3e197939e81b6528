"""Load test of the public programme against a production-like server.

    python -m bench.run      (after `python -m bench.generate`; `make bench` does both)

Starts gunicorn with bench.settings (DEBUG off, PostgreSQL, Redis cache, WhiteNoise) on the
loopback and measures with wrk a bare Django view (same middleware: the baseline), the
programme page (German, filtered, Arabic — cached whole, as anonymous visitors get it), the
same page on cache misses (a new URL each request, as the many filter combinations are) and
the whole-programme iCalendar feed. Each page is also rendered on a cache miss in-process
first, for its render time and SQL queries. Prints one table — requests per second,
p50/p95/p99 latency, ratio to the bare view — and the targets with PASS/FAIL, and writes the
same to var/bench/results.json. gunicorn is stopped at the end, also on errors and Ctrl+C.

Knobs (environment): BENCH_SECONDS (10) per endpoint and trial, BENCH_WARMUP_SECONDS (3),
BENCH_CONCURRENCY (8) connections, BENCH_WRK_THREADS (2), BENCH_TRIALS (3: the median is
reported, so that one burst of other work on the machine does not decide), BENCH_ONLY (e.g.
"filtered,feed"; the bare view and the programme page always run), BENCH_PORT (8765; when
taken and not set, any free port), BENCH_WORKER_CLASS (gthread), BENCH_WORKERS (2 per core),
BENCH_THREADS (2 per worker), BENCH_STRICT (1: exit status 1 when a target fails).

Why gthread, 2 workers per core × 2 threads: 8 request slots for 8 connections, so none
waits in the listen queue; keep-alive, as browsers and a reverse proxy use it (sync workers
close every connection); threads overlap the waits for Redis and PostgreSQL; and more
processes than cores, so the GIL of one process never caps the machine. On this machine it
measured at or above 4 or 5 sync workers and 2 workers × 4 threads for the cached pages, and
the same for renders on a cache miss (those are bound by the two cores whatever the model).
"""

import contextlib
import json
import math
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import statistics as bench_statistics  # noqa: E402
from teilhabe.core.cache import invalidate_public_pages  # noqa: E402
from teilhabe.programme.models import Category, Offer  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = Path(settings.BENCH_DIR) / "results.json"
GUNICORN_LOG = Path(settings.BENCH_DIR) / "gunicorn.log"
HOST = "127.0.0.1"

P95_TARGET_MS = 100.0
RATIO_TARGET = 1 / 3


def knob(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


SECONDS = knob("BENCH_SECONDS", 10)
WARMUP_SECONDS = knob("BENCH_WARMUP_SECONDS", 3)
CONCURRENCY = knob("BENCH_CONCURRENCY", 8)
WRK_THREADS = min(knob("BENCH_WRK_THREADS", 2), CONCURRENCY)
TRIALS = max(1, knob("BENCH_TRIALS", 3))
DEFAULT_PORT = 8765
CORES = os.cpu_count() or 1
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "").strip() or "gthread"
WORKERS = knob("BENCH_WORKERS", 2 * CORES)
THREADS = knob("BENCH_THREADS", 2 if WORKER_CLASS == "gthread" else 1)
REQUEST_TIMEOUT = 60  # seconds; the whole-programme feed may be large
STRICT = os.environ.get("BENCH_STRICT", "") == "1"
MISS_RENDERS = 5  # at most, per page, in-process
MAX_SECONDS = 60  # per wrk run, however slow the endpoint


@dataclass
class Endpoint:
    key: str
    name: str
    path: str
    note: str = ""
    bust: bool = False  # every request another URL: the whole-page cache always misses
    status: int | None = None
    bytes: int | None = None
    content_type: str = ""
    miss_ms: float | None = None  # one render on a cache miss, in-process, warm process
    queries: int | None = None  # SQL queries of that render
    probe_ms: float | None = None  # one request over HTTP before the load
    skipped: str = ""
    trials: list[dict] = field(default_factory=list)
    result: dict = field(default_factory=dict)


def endpoints() -> list[Endpoint]:
    category = Category.objects.order_by("position", "slug").values_list("slug", flat=True)[:1]
    slug = category[0] if category else "language-course"
    filtered = f"/de/programme/?category={slug}&weekday=1"
    items = [
        Endpoint("bare", "bare Django view", "/bench/bare", "baseline: HttpResponse('ok')"),
        Endpoint("programme", "programme", "/de/programme/", "first page, German"),
        Endpoint("filtered", "programme, filtered", filtered, "a category, Tuesdays"),
        Endpoint("arabic", "programme, Arabic", "/ar/programme/", "right-to-left"),
        Endpoint(
            "programme-miss",
            "programme, cache miss",
            "/de/programme/?page=__n__",
            "a new URL each request",
            bust=True,
        ),
        Endpoint(
            "filtered-miss",
            "filtered, cache miss",
            f"{filtered}&page=__n__",
            "a new URL each request",
            bust=True,
        ),
        # Last: answers that take seconds keep the server busy after wrk has stopped.
        Endpoint("feed", "whole-programme feed", "/de/programme/calendar.ics", "iCalendar"),
    ]
    only = {key.strip() for key in os.environ.get("BENCH_ONLY", "").split(",") if key.strip()}
    unknown = only - {item.key for item in items}
    if unknown:
        sys.exit(f"BENCH_ONLY: unknown {', '.join(sorted(unknown))}")
    # The bare view and the programme page are always measured: the targets need them.
    return [item for item in items if not only or item.key in only | {"bare", "programme"}]


# --- preparation -------------------------------------------------------------------------------


def check_data_set() -> None:
    """Bring the schema up to date (the code may have moved on since the data set was made)."""
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as error:
        sys.exit(
            f"{error}\nThe data set's schema does not fit the migrations any more: rebuild it "
            "with `python -m bench.generate --reset`."
        )
    if not Offer.objects.exists():
        sys.exit("No data set: run `python -m bench.generate` first (or `make bench`).")


def collect_static() -> None:
    """collectstatic into var/bench/static, unless nothing changed since the last time."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        collected_at = manifest.stat().st_mtime
        sources = (
            storage.path(path)
            for finder in finders.get_finders()
            for path, storage in finder.list(["CVS", ".*", "*~"])
        )
        if all(os.stat(source).st_mtime <= collected_at for source in sources):
            return
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Collected static files into {settings.STATIC_ROOT} ({elapsed(started)})")


def render_in_process(items: list[Endpoint], port: int) -> None:
    """Render each page on a cache miss in this process (no HTTP): time and SQL queries.
    The first render of each page stays in the cache, so that no gunicorn worker has to
    render a slow page under load, where its time-out could kill it half-way. Quick pages are
    rendered again under new URLs (more misses) and the fastest render is reported: a single
    one is at the mercy of whatever else the machine does."""
    # The host the server sees, so the cache keys are the same; errors as answers, not raised.
    client = Client(HTTP_HOST=f"{HOST}:{port}", raise_request_exception=False)
    for path in ("/bench/bare", "/de/programme/"):  # imports, templates, catalogues
        client.get(path)
    invalidate_public_pages()
    for item in items:
        path = item.path.replace("__n__", "in-process")
        timings = []
        while len(timings) < MISS_RENDERS and sum(timings) < 1500:
            again = f"{'&' if '?' in path else '?'}miss={len(timings)}" if timings else ""
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path + again)
                if response.streaming:
                    b"".join(response.streaming_content)
                timings.append((time.perf_counter() - started) * 1000)
            if not again:
                item.queries = len(queries)
                status = response.status_code
        item.miss_ms = round(min(timings), 1)
        print(
            f"  {item.name:<24} HTTP {status}  {item.miss_ms:9.0f} ms  {item.queries} queries",
            flush=True,
        )


def choose_port() -> int:
    """BENCH_PORT if set (it must be free); else 8765, or any free port if that is taken."""
    wanted = os.environ.get("BENCH_PORT", "").strip()
    port = int(wanted) if wanted else DEFAULT_PORT
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) != 0:
            return port
    if wanted:
        sys.exit(f"Something already listens on {HOST}:{port}; set BENCH_PORT to another.")
    with socket.socket() as free:
        free.bind((HOST, 0))
        other = free.getsockname()[1]
    print(f"Port {port} is taken by another process; using {other}.")
    return other


# --- the server --------------------------------------------------------------------------------


def start_gunicorn(port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--worker-class={WORKER_CLASS}",
        f"--workers={WORKERS}",
        f"--threads={THREADS}",
        f"--timeout={REQUEST_TIMEOUT * 2}",
        "--graceful-timeout=5",
        "--keep-alive=5",
        "--log-level=warning",
        f"--chdir={REPO}",
    ]
    if Path("/dev/shm").is_dir():
        command.append("--worker-tmp-dir=/dev/shm")
    GUNICORN_LOG.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    # Its own process group, so that stopping it reaches its workers and nothing else.
    with GUNICORN_LOG.open("w") as log:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until_up(server: subprocess.Popen, base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log_tail()}")
        try:
            with urllib.request.urlopen(f"{base}/bench/bare", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{log_tail()}")


def stop_gunicorn(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)
    # Workers left behind by a killed master: same process group, which is our own.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time used so far by gunicorn's master and its workers (Linux /proc)."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if server.pid in (pid, ppid):
            ticks += int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_idle(server: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the server has finished what the last run left it (a client that wrk
    dropped mid-answer still gets its slow page rendered), so runs do not overlap."""
    if not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + timeout
    used = server_cpu_seconds(server)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = server_cpu_seconds(server)
        if now - used < 0.05:  # under a tenth of a core over the half second
            return
        used = now


def log_tail(lines: int = 30) -> str:
    try:
        return "\n".join(GUNICORN_LOG.read_text().splitlines()[-lines:])
    except OSError:
        return ""


def probe(item: Endpoint, base: str) -> None:
    """One request over HTTP: does the page answer, and how large is it?"""
    url = f"{base}{item.path.replace('__n__', 'probe')}"
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as answer:
            body = answer.read()
            item.status = answer.status
            item.content_type = answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        body = error.read()
        item.status = error.code
    except OSError as error:  # time-out, connection reset
        item.skipped = f"no answer ({error})"
        return
    item.bytes = len(body)
    item.probe_ms = round((time.perf_counter() - started) * 1000, 1)
    if item.status != 200:
        reason = "not built yet?" if item.status == 404 else "see var/bench/gunicorn.log"
        item.skipped = f"HTTP {item.status} ({reason})"


# --- the load tool -----------------------------------------------------------------------------


def duration_for(item: Endpoint, seconds: int) -> int:
    """Long enough for a slow answer (the feed) to come back a few times per connection."""
    slowest = (item.probe_ms or 0) / 1000
    return max(seconds, min(MAX_SECONDS, math.ceil(4 * slowest)))


def wrk(item: Endpoint, base: str, seconds: int) -> dict:
    command = [
        "wrk",
        f"--threads={WRK_THREADS}",
        f"--connections={CONCURRENCY}",
        f"--duration={seconds}s",
        f"--timeout={REQUEST_TIMEOUT}s",
        f"--script={BENCH_DIR / 'report.lua'}",
        f"{base}{item.path}",
    ]
    env = {**os.environ, "BENCH_BUST": "1" if item.bust else "0", "BENCH_SALT": uuid4().hex[:12]}
    finished = subprocess.run(
        command,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + REQUEST_TIMEOUT + 30,
        check=False,
    )
    for line in finished.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk gave no result for {item.path}:\n{finished.stdout}{finished.stderr}")


def measure(
    item: Endpoint, server: subprocess.Popen, base: str, seconds: int, *, keep: bool = True
) -> None:
    """One wrk run; a failure marks this endpoint and leaves the others to be measured."""
    wait_until_idle(server)
    try:
        result = wrk(item, base, duration_for(item, seconds))
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        item.skipped = f"wrk failed: {str(error).splitlines()[0]}"
        return
    if not result["requests"]:
        item.skipped = f"no answer within {duration_for(item, seconds)} s"
        return
    if keep:
        item.trials.append(result)


def summarise(trials: list[dict], bare_trials: list[dict]) -> dict:
    """The median of each figure over the trials; latencies in milliseconds. The ratio to the
    bare view is the median of the ratios of each trial, whose two runs lie close in time:
    steadier than a ratio of medians while the machine's other load comes and goes."""

    def median(key):
        return statistics.median(trial[key] for trial in trials)

    ratios = [trial["rps"] / bare["rps"] for trial, bare in zip(trials, bare_trials, strict=False)]
    errors = sum(sum(trial["errors"].values()) for trial in trials)
    return {
        "rps": round(median("rps"), 1),
        "p50_ms": round(median("p50_us") / 1000, 2),
        "p95_ms": round(median("p95_us") / 1000, 2),
        "p99_ms": round(median("p99_us") / 1000, 2),
        "ratio_to_bare": round(statistics.median(ratios), 4) if ratios else None,
        "requests": sum(trial["requests"] for trial in trials),
        "errors": errors,
    }


# --- the report ----------------------------------------------------------------------------------


def elapsed(started: float) -> str:
    return f"{time.perf_counter() - started:.1f} s"


def share_of_bare(share: float | None) -> str:
    if not share:
        return "–"
    if share >= 0.1:
        return f"{share:.2f} (1/{1 / share:.1f})"
    return f"{share:.4f} (1/{1 / share:.0f})"


def table(items: list[Endpoint]) -> str:
    header = (
        "endpoint",
        "req/s",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "ratio to bare",
        "errors",
        "KB",
        "miss ms",
        "queries",
    )
    rows = []
    for item in items:
        size = f"{item.bytes / 1024:.0f}" if item.bytes is not None else "–"
        miss = f"{item.miss_ms:.0f}" if item.miss_ms is not None else "–"
        queries = str(item.queries) if item.queries is not None else "–"
        if item.skipped:
            rows.append((item.name, "–", "–", "–", "–", item.skipped, "–", size, miss, queries))
            continue
        result = item.result
        ratio = share_of_bare(result["ratio_to_bare"])
        if item.key == "bare":
            ratio = "1"
        rows.append(
            (
                item.name,
                f"{result['rps']:.0f}",
                f"{result['p50_ms']:.1f}",
                f"{result['p95_ms']:.1f}",
                f"{result['p99_ms']:.1f}",
                ratio,
                str(result["errors"]),
                size,
                miss,
                queries,
            )
        )
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]

    def line(row):
        cells = [
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def targets(items: list[Endpoint]) -> list[dict]:
    page = next(item for item in items if item.key == "programme")
    bare = next(item for item in items if item.key == "bare")
    if not page.result or not bare.result:
        reason = page.skipped or bare.skipped or "not measured"
        return [
            {"target": "programme page and bare view measured", "value": reason, "passed": False}
        ]
    p95 = page.result["p95_ms"]
    ratio = page.result["ratio_to_bare"]
    return [
        {
            "target": f"programme page p95 under {P95_TARGET_MS:.0f} ms",
            "value": f"{p95:.1f} ms",
            "passed": p95 < P95_TARGET_MS,
        },
        {
            "target": "programme page at least 1/3 of the bare view's throughput",
            "value": f"{ratio:.2f} of bare ({page.result['rps']:.0f} vs {bare.result['rps']:.0f} "
            "req/s)",
            "passed": ratio >= RATIO_TARGET,
        },
    ]


def main() -> int:
    if shutil.which("wrk") is None:
        sys.exit("The load tool wrk is missing: apt-get install wrk (`make bench` does it).")
    check_data_set()
    items = endpoints()
    port = choose_port()
    base = f"http://{HOST}:{port}"
    collect_static()
    print("Rendering each page on a cache miss, in-process (the feed may take minutes):")
    started = time.perf_counter()
    render_in_process(items, port)
    print(f"  … {elapsed(started)}")
    connection.close()

    load_before = os.getloadavg()
    server = start_gunicorn(port)

    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        wait_until_up(server, base)
        print(
            f"gunicorn on {base}: {WORKERS} {WORKER_CLASS} workers × {THREADS} threads; "
            f"wrk: {CONCURRENCY} connections, {WRK_THREADS} threads, {SECONDS} s per endpoint "
            f"× {TRIALS} trial(s); load average {load_before[0]:.2f} on {CORES} cores"
        )
        for item in items:
            probe(item, base)
            if not item.skipped:
                measure(item, server, base, WARMUP_SECONDS, keep=False)
            if item.skipped:
                print(f"  {item.name}: skipped, {item.skipped}")
        for trial in range(TRIALS):
            for item in items:
                if item.skipped:
                    continue
                measure(item, server, base, SECONDS)
                if item.trials:
                    last = item.trials[-1]
                    print(
                        f"  [{trial + 1}/{TRIALS}] {item.name:<24} {last['rps']:8.1f} req/s  "
                        f"p95 {last['p95_us'] / 1000:8.1f} ms",
                        flush=True,
                    )
    except (KeyboardInterrupt, SystemExit):
        print("Interrupted: stopping gunicorn.", file=sys.stderr)
        raise
    finally:
        stop_gunicorn(server)
        signal.signal(signal.SIGTERM, previous)
    load_after = os.getloadavg()

    bare = next(item for item in items if item.key == "bare")
    for item in items:
        if item.trials:
            item.result = summarise(item.trials, bare.trials)
    checks = targets(items)
    print("Statistics: the staff dashboard for one year on a cache miss, in-process …")
    dashboard = bench_statistics.measure()
    if "skipped" in dashboard:
        items.append(Endpoint("statistics", "staff dashboard, 1 year", "", skipped="no data"))
        checks.append(
            {
                "target": "staff dashboard for one year p95 under 1 s",
                "value": dashboard["skipped"],
                "passed": False,
            }
        )
    else:
        items.append(
            Endpoint(
                "statistics",
                "staff dashboard, 1 year",
                dashboard["path"],
                f"cache miss, in-process, {dashboard['requests']} requests",
                status=dashboard["status"],
                bytes=dashboard["bytes"],
                queries=dashboard["queries"],
                result={
                    "rps": 1000 / dashboard["p50_ms"],
                    "p50_ms": dashboard["p50_ms"],
                    "p95_ms": dashboard["p95_ms"],
                    "p99_ms": dashboard["max_ms"],
                    "ratio_to_bare": None,
                    "errors": 0,
                },
            )
        )
        checks.append(dashboard["target"])
    print()
    print(table(items))
    print()
    print(
        "miss ms / queries: one render on a cache miss in-process (no HTTP), and its SQL "
        "queries. Cache-miss rows: a new URL each request, as many filter combinations are."
    )
    for check in checks:
        verdict = "PASS" if check["passed"] else "FAIL"
        print(f"{verdict}  {check['target']}: {check['value']}")
    if load_after[0] > CORES:
        print(
            f"Note: the load average was {load_after[0]:.1f} on {CORES} cores; other work on "
            "this machine skews the figures; more BENCH_TRIALS steady the medians."
        )

    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": CORES,
            "load_average_before": [round(v, 2) for v in load_before],
            "load_average_after": [round(v, 2) for v in load_after],
        },
        "server": {
            "command": "gunicorn bench.wsgi:application",
            "worker_class": WORKER_CLASS,
            "workers": WORKERS,
            "threads": THREADS,
            "database": settings.DATABASES["default"]["NAME"],
            "cache": settings.CACHES["default"]["BACKEND"],
        },
        "load": {
            "tool": "wrk",
            "connections": CONCURRENCY,
            "threads": WRK_THREADS,
            "seconds": SECONDS,
            "warmup_seconds": WARMUP_SECONDS,
            "trials": TRIALS,
        },
        "endpoints": [asdict(item) for item in items],
        "targets": checks,
        "statistics": dashboard,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Results: {RESULTS.relative_to(REPO) if RESULTS.is_relative_to(REPO) else RESULTS}")
    return 1 if STRICT and not all(check["passed"] for check in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
