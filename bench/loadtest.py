"""Load test of the whole stack at city scale: `make loadtest`.

    python -m bench.loadtest     (after `python -m bench.generate`; `make loadtest` does both)

Prepares what the load needs in the bench database (idempotent: member logins of the bench
associations with a known password, a pool of offers open for registration with enough
places, and the registrations and bookings of earlier runs removed), then for 1 and 2 web
processes starts the production stack on that database (deploy.stack: nginx with TLS, gunicorn
with teilhabe.settings — DEBUG off, Redis cache —, a Celery worker and beat), warms it up, runs
locust headless on the loopback (bench/locustfile.py: 100 users, 1–4 s think time, catalogue in
seven languages with and without filters, searches, offer pages, iCalendar feeds,
registrations, room bookings by logged-in association admins) and stops the stack again, also
on errors and Ctrl+C.

Prints per number of web processes requests/s, p50/p95/p99 and count per kind and the errors,
then the targets with PASS/FAIL (no errors; the catalogue's p95 below 200 ms), and writes
var/bench/loadtest.json and var/bench/loadtest.md (the table for docs/operations.md). To tell
why a figure is what it is, it also reports each page's render time and SQL queries on a cache
miss (in-process), how often the page cache hit, how often it was invalidated during the run,
and the CPU that locust and the rest of the machine used.

Knobs (environment): LOADTEST_USERS (100), LOADTEST_SECONDS (60), LOADTEST_PROCESSES ("1,2"),
LOADTEST_SPAWN_RATE (20 users/s), LOADTEST_RAMP_SECONDS (20: run before the measured
seconds and reported apart), LOADTEST_GUNICORN_WORKERS and LOADTEST_GUNICORN_THREADS (the
deploy defaults), LOADTEST_WHOLE_FEED ("auto": in the mix when it holds at most 5,000 events;
"1", "0"), LOADTEST_STRICT (1: exit status 1 when a target fails), and for diagnosis only
LOADTEST_WITHOUT (kinds left out of the mix, e.g. "registration"; no verdict on such a run).
"""

import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django

django.setup()

import psutil  # noqa: E402
import redis  # noqa: E402
import requests  # noqa: E402
import urllib3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from deploy.stack import Stack  # noqa: E402
from teilhabe.accounts import services as account_services  # noqa: E402
from teilhabe.accounts.models import User  # noqa: E402
from teilhabe.associations.models import Association, Membership, MembershipRole  # noqa: E402
from teilhabe.programme import feed_selectors  # noqa: E402
from teilhabe.programme import selectors as programme_selectors  # noqa: E402
from teilhabe.programme.models import (  # noqa: E402
    Category,
    Offer,
    OfferStatus,
    Registration,
    RegistrationMode,
)
from teilhabe.rooms.models import Booking, Room  # noqa: E402

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # self-signed certificate

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
OUT_DIR = Path(settings.BENCH_DIR)


def knob(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


USERS = int(knob("LOADTEST_USERS", "100"))
SECONDS = int(knob("LOADTEST_SECONDS", "60"))
# Before the measured SECONDS: users arriving, members logging in (a second of password hashing
# each), caches cold. Reported apart (its errors count against the target all the same).
RAMP_SECONDS = int(knob("LOADTEST_RAMP_SECONDS", "20"))
PROCESSES = [int(n) for n in knob("LOADTEST_PROCESSES", "1,2").split(",") if n.strip()]
SPAWN_RATE = int(knob("LOADTEST_SPAWN_RATE", "20"))
GUNICORN_WORKERS = int(knob("LOADTEST_GUNICORN_WORKERS", "0")) or None
GUNICORN_THREADS = int(knob("LOADTEST_GUNICORN_THREADS", "0")) or None
WHOLE_FEED = knob("LOADTEST_WHOLE_FEED", "auto")
# Diagnosis only: kinds of request left out of the mix (e.g. "registration"); the targets are
# not judged on such a run.
WITHOUT = sorted({kind.strip() for kind in knob("LOADTEST_WITHOUT", "").split(",") if kind.strip()})
STRICT = knob("LOADTEST_STRICT", "0") == "1"
# A diagnostic run writes its own files, so that it never replaces the measured figures.
RESULTS_NAME = "loadtest" + "".join(
    f"-without-{kind.replace(', ', '-').replace(' ', '-')}" for kind in WITHOUT
)
RESULTS_JSON = OUT_DIR / f"{RESULTS_NAME}.json"
RESULTS_MD = OUT_DIR / f"{RESULTS_NAME}.md"
RUN_DIR = OUT_DIR / RESULTS_NAME  # the plan, locust's CSV files and log, the stacks' folders

CATALOGUE_P95_TARGET_MS = 200.0
# The kinds that make up "the catalogue" of the target: the programme page as the public gets it.
CATALOGUE_KINDS = ("catalogue", "catalogue, filtered", "search")
WHOLE_FEED_MAX_EVENTS = 5_000  # above this the whole-programme feed is "huge": left out

PASSWORD = "loadtest-bench-password-7f3a"  # the bench data set only; never a real installation
MEMBER_EMAIL = "loadtest-{number:03d}@bench.example"
MEMBERS = max(20, USERS // 10)
REGISTRATION_DOMAIN = "loadtest.example"
REGISTRATION_OFFERS = 200
REGISTRATION_CAPACITY = 500  # places per offer (or date): enough for many runs' registrations
POPULAR_OFFERS = 300
MEMBER_EMAIL_PREFIX = "loadtest-"  # their bookings are removed before each run


# --- preparation in the bench database ---------------------------------------------------------


def bench_database_url() -> str:
    db = settings.DATABASES["default"]
    if not settings.IS_POSTGRES:
        sys.exit("The load test needs the PostgreSQL bench database (BENCH_DATABASE_URL).")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{db['NAME']}"
    )


def prepare() -> dict:
    """Member logins, offers open for registration, leftovers of earlier runs removed; returns
    the plan that locust gets (what exists, so that every request names something real)."""
    started = time.perf_counter()
    associations = list(
        Association.objects.filter(slug__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not associations:
        sys.exit("No bench associations: run `python -m bench.generate --reset`.")
    members = []
    for number in range(1, MEMBERS + 1):
        email = MEMBER_EMAIL.format(number=number)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_services.create_user(
                email=email, display_name=f"Lasttest {number}", password=PASSWORD
            )
        # Admin of one association, every third of a second one: admins may book rooms.
        mine = [associations[(number - 1) % len(associations)]]
        if number % 3 == 0:
            mine.append(associations[number % len(associations)])
        with transaction.atomic():
            # Straight in (not associations.services.add_member): there is no acting
            # administrator in the bench data set; only the membership matters here.
            Membership.objects.filter(user=user).exclude(association_id__in=mine).delete()
            for association in mine:
                Membership.objects.update_or_create(
                    user=user, association_id=association, defaults={"role": MembershipRole.ADMIN}
                )
        members.append({"email": email, "associations": mine})

    published = Offer.objects.filter(slug__startswith="bench-", status=OfferStatus.PUBLISHED)
    offers = list(published.order_by("pk").values_list("slug", flat=True))
    pool = list(
        published.exclude(registration_mode=RegistrationMode.NONE)
        .order_by("pk")
        .values_list("pk", "slug")[:REGISTRATION_OFFERS]
    )
    with transaction.atomic():
        Offer.objects.filter(pk__in=[pk for pk, _ in pool]).exclude(
            capacity__gte=REGISTRATION_CAPACITY
        ).update(capacity=REGISTRATION_CAPACITY)
        removed_registrations, _ = Registration.objects.filter(
            email__endswith=f"@{REGISTRATION_DOMAIN}"
        ).delete()
        removed_bookings, _ = Booking.objects.filter(
            created_by__email__startswith=MEMBER_EMAIL_PREFIX,
            created_by__email__endswith="@bench.example",
        ).delete()
    rng = random.Random(20250601)
    plan = {
        "password": PASSWORD,
        "members": members,
        "rooms": list(
            Room.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
        ),
        "offers": offers,
        "popular_offers": rng.sample(offers, min(POPULAR_OFFERS, len(offers))),
        "registration_offers": [slug for _, slug in pool],
        "registration_domain": REGISTRATION_DOMAIN,
        "categories": list(Category.objects.order_by("position").values_list("slug", flat=True)),
        "offer_languages": sorted(programme_selectors.languages_in_use()),
        "without": WITHOUT,
    }
    first, last = feed_selectors.feed_window(whole_programme=True)
    events = feed_selectors.sessions_for_feed(first, last).count()
    plan["whole_programme_feed"] = WHOLE_FEED == "1" or (
        WHOLE_FEED == "auto" and events <= WHOLE_FEED_MAX_EVENTS
    )
    plan["whole_programme_feed_events"] = events
    print(
        f"Prepared the bench database in {time.perf_counter() - started:.1f} s: "
        f"{len(members)} association admins, {len(pool)} offers open for registration "
        f"(≥ {REGISTRATION_CAPACITY} places), {len(offers):,} offers, {len(plan['rooms'])} rooms; "
        f"removed {removed_registrations} registrations and {removed_bookings} bookings of "
        "earlier runs."
    )
    print(
        f"Whole-programme feed: {events:,} events "
        f"({'in the mix' if plan['whole_programme_feed'] else 'too large: left out of the mix'})."
    )
    return plan


# --- diagnostics in-process ----------------------------------------------------------------------


def profile_misses(plan: dict) -> list[dict]:
    """Each kind of page rendered in this process without any cache (every request a miss):
    the best of three renders and its SQL queries. What a request costs when the page cache
    does not help."""
    offer = plan["popular_offers"][0]
    category = plan["categories"][0]
    pages = [
        ("catalogue", "/de/programme/"),
        ("catalogue, Arabic", "/ar/programme/"),
        ("catalogue, filtered", f"/de/programme/?category={category}&weekday=1"),
        ("search", "/de/programme/?q=Deutsch"),
        ("offer page", f"/de/programme/offers/{offer}/"),
        ("offer feed", f"/de/programme/offers/{offer}/calendar.ics"),
        ("registration form", f"/de/programme/offers/{plan['registration_offers'][0]}/register/"),
    ]
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    rows = []
    no_cache = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    # Static file names as they are, so that no collectstatic is needed for this.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(CACHES=no_cache, STORAGES=storages), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: not needed
        client.get("/de/programme/")  # imports, templates, translation catalogues
        for kind, path in pages:
            timings, queries, status = [], 0, None
            for _ in range(3):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(path)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    timings.append((time.perf_counter() - started) * 1000)
                queries, status = len(captured), response.status_code
            rows.append(
                {
                    "kind": kind,
                    "path": path,
                    "status": status,
                    "ms": round(min(timings), 1),
                    "queries": queries,
                }
            )
    return rows


# --- the stack ---------------------------------------------------------------------------------


def get(session: requests.Session, url: str, timeout: float = 60) -> tuple[int, int, float]:
    started = time.perf_counter()
    response = session.get(url, timeout=timeout, verify=False, allow_redirects=False)
    return response.status_code, len(response.content), time.perf_counter() - started


def warm_up(base: str, plan: dict) -> None:
    """Every kind of page in every language twice, eight at once, so that every worker has
    imported, connected and compiled what it needs before the measurement."""
    started = time.perf_counter()
    paths = []
    for language in ("de", "en", "ar", "uk", "fa", "tr", "ru"):
        offer = random.choice(plan["popular_offers"])
        paths += [
            f"/{language}/programme/",
            f"/{language}/programme/?category={random.choice(plan['categories'])}",
            f"/{language}/programme/?q=Kurs",
            f"/{language}/programme/offers/{offer}/",
            f"/{language}/programme/offers/{offer}/calendar.ics",
            f"/{language}/programme/offers/{random.choice(plan['registration_offers'])}/register/",
            f"/{language}/account/login/",
        ]
    statuses = {}
    with ThreadPoolExecutor(8) as pool:
        for _round in range(2):
            answers = pool.map(lambda path: get(requests.Session(), base + path), paths)
            for path, (code, _size, _seconds) in zip(paths, answers, strict=True):
                statuses[path] = code
    bad = {path: code for path, code in statuses.items() if code != 200}
    if bad:
        raise RuntimeError(f"Warm-up: unexpected answers {bad}")
    print(f"  warmed up in {time.perf_counter() - started:.1f} s", flush=True)


class CpuMeter:
    """CPU seconds used during the run by the stack's processes (each with its children),
    locust, the bench database's PostgreSQL backends, and the rest of the machine: on two
    cores shared with other work, this tells whether the server or something else was short."""

    def __init__(self, stack, locust_pid: int):
        self.roots = {"locust": [locust_pid]}
        for name, process in stack.processes.items():
            if process.popen is not None:
                group = "web" if name.startswith("web-") else name.split("-")[0]
                self.roots.setdefault(group, []).append(process.popen.pid)
        self.database = settings.DATABASES["default"]["NAME"]
        self.first: dict[int, float] = {}
        self.last: dict[int, tuple[str, float]] = {}
        self.machine_first = psutil.cpu_times()
        self.sample(first=True)

    @staticmethod
    def _seconds(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system + times.children_user + times.children_system

    def _tracked(self):
        for group, pids in self.roots.items():
            for pid in pids:
                try:
                    root = psutil.Process(pid)
                    yield group, root
                    for child in root.children(recursive=True):
                        yield group, child
                except psutil.Error:
                    continue
        for process in psutil.process_iter(["name", "cmdline"]):
            cmdline = " ".join(process.info["cmdline"] or [])
            if process.info["name"] == "postgres" and f" {self.database} " in f"{cmdline} ":
                yield "postgres (bench database)", process

    def sample(self, first: bool = False) -> None:
        for group, process in self._tracked():
            try:
                seconds = self._seconds(process)
            except psutil.Error:
                continue
            if first:
                self.first[process.pid] = seconds
            self.last[process.pid] = (group, seconds)

    def figures(self) -> dict:
        used: dict[str, float] = {}
        for pid, (group, seconds) in self.last.items():
            used[group] = used.get(group, 0.0) + seconds - self.first.get(pid, 0.0)
        machine = psutil.cpu_times()
        fields = ("user", "system", "nice", "irq", "softirq", "steal")
        busy = sum(
            getattr(machine, f) - getattr(self.machine_first, f)
            for f in fields
            if hasattr(machine, f)
        )
        wall = (sum(machine) - sum(self.machine_first)) / (os.cpu_count() or 1)
        used = {group: round(seconds, 1) for group, seconds in sorted(used.items())}
        used["everything else"] = round(busy - sum(used.values()), 1)
        return {
            "cpu_seconds": used,
            "machine_busy_percent": round(100 * busy / (wall * (os.cpu_count() or 1)), 1)
            if wall
            else None,
            "cores": os.cpu_count(),
            "load_average_1min": round(os.getloadavg()[0], 2),
        }


def log_sizes(stack) -> dict[str, int]:
    return {path.name: path.stat().st_size for path in stack.logs.glob("web-*.log")}


def server_times(stack, offsets: dict[str, int]) -> list[dict]:
    """The application's own request log (one JSON line per request): time spent inside
    Django per view, from what the web processes wrote during the run. Against the times
    locust saw, the difference is waiting: in nginx, in gunicorn's queue, for a CPU."""
    durations: dict[str, list[float]] = {}
    for path in stack.logs.glob("web-*.log"):
        with path.open("rb") as log:
            log.seek(offsets.get(path.name, 0))
            for line in log:
                if not line.startswith(b"{"):
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if "duration_ms" in entry and entry.get("view"):
                    durations.setdefault(entry["view"], []).append(float(entry["duration_ms"]))
    rows = []
    for view, times in sorted(durations.items(), key=lambda item: -len(item[1])):
        times.sort()
        rows.append(
            {
                "view": view,
                "requests": len(times),
                "p50_ms": round(times[len(times) // 2], 1),
                "p95_ms": round(times[min(len(times) - 1, math.ceil(len(times) * 0.95) - 1)], 1),
            }
        )
    return rows


def cache_figures(redis_url: str) -> dict:
    """How many whole pages and feeds the cache holds (each stored once per render, so this
    counts the misses) and the version that every invalidation bumps."""
    client = redis.Redis.from_url(redis_url)
    pages = sum(1 for _ in client.scan_iter(match="*:page:*", count=1000))
    feeds = sum(1 for _ in client.scan_iter(match="*:programme:*:feed:*", count=1000))
    versions = [client.get(key) for key in client.scan_iter(match="*public-pages:version")]
    version = max((int(value) for value in versions if value and value.isdigit()), default=1)
    stats = client.info("stats")
    return {
        "pages": pages,
        "feeds": feeds,
        "version": version,
        "keyspace_hits": stats.get("keyspace_hits", 0),
        "keyspace_misses": stats.get("keyspace_misses", 0),
    }


def run_locust(stack, plan_path: Path, prefix: Path) -> tuple[dict, dict]:
    """Locust headless, one process, for SECONDS; returns its statistics and the CPU used."""
    stats_path = prefix.with_name(prefix.name + "_full.json")
    ramp_path = stats_path.with_name(stats_path.name + ".ramp")
    stats_path.unlink(missing_ok=True)
    ramp_path.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(BENCH_DIR / "locustfile.py"),
        "--headless",
        "-u",
        str(USERS),
        "-r",
        str(SPAWN_RATE),
        "--run-time",
        f"{RAMP_SECONDS + SECONDS}s",
        "--host",
        stack.url,
        "--csv",
        str(prefix),
        "--stop-timeout",
        "10",
        "--exit-code-on-error",
        "0",
        "--only-summary",
    ]
    env = {
        **os.environ,
        "LOADTEST_PLAN": str(plan_path),
        "LOADTEST_STATS": str(stats_path),
        "LOADTEST_USERS": str(USERS),
        "LOADTEST_RAMP_SECONDS": str(RAMP_SECONDS),
    }
    log_path = prefix.with_name(prefix.name + "_locust.log")
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            meter = CpuMeter(stack, process.pid)
            while process.poll() is None:
                meter.sample()
                time.sleep(1)
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    if process.returncode != 0 or not stats_path.exists():
        tail = "\n".join(log_path.read_text().splitlines()[-30:])
        raise RuntimeError(f"locust failed (exit status {process.returncode}):\n{tail}")
    stats = json.loads(stats_path.read_text())
    stats["ramp"] = json.loads(ramp_path.read_text()) if ramp_path.exists() else None
    return stats, meter.figures()


# --- figures -----------------------------------------------------------------------------------


def percentile(response_times: dict[int, int], percent: float) -> float | None:
    """The smallest recorded time that at least `percent` of the requests did not exceed."""
    total = sum(response_times.values())
    if not total:
        return None
    wanted = math.ceil(total * percent)
    seen = 0
    for ms in sorted(response_times):
        seen += response_times[ms]
        if seen >= wanted:
            return float(ms)
    return float(max(response_times))


def merged(kinds: list[dict]) -> dict[int, int]:
    times: dict[int, int] = {}
    for kind in kinds:
        for ms, count in kind["response_times"].items():
            times[int(float(ms))] = times.get(int(float(ms)), 0) + count
    return times


def row(name: str, kinds: list[dict], seconds: float) -> dict:
    times = merged(kinds)
    requests_ = sum(kind["requests"] for kind in kinds)
    return {
        "kind": name,
        "requests": requests_,
        "failures": sum(kind["failures"] for kind in kinds),
        "rps": round(requests_ / seconds, 1) if seconds else None,
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "max_ms": max((kind["max_ms"] or 0 for kind in kinds), default=None),
    }


KIND_ORDER = [
    "catalogue",
    "catalogue, filtered",
    "search",
    "offer page",
    "offer feed",
    "programme feed",
    "registration form",
    "registration",
    "login form",
    "login",
    "booking form",
    "room booking",
    "my bookings",
    "catalogue, logged in",
]


def summarise(processes: int, stats: dict, cpu: dict, before: dict, after: dict) -> dict:
    seconds = max((stats["last_request"] or 0) - (stats["started"] or 0), 1.0)
    kinds = {kind["name"]: kind for kind in stats["kinds"]}
    names = sorted(kinds, key=lambda n: KIND_ORDER.index(n) if n in KIND_ORDER else 99)
    rows = [row(name, [kinds[name]], seconds) for name in names]
    catalogue = row(
        "catalogue (all three)", [kinds[n] for n in CATALOGUE_KINDS if n in kinds], seconds
    )
    total = row("all", list(kinds.values()), seconds)
    cacheable = sum(
        kinds[n]["requests"]
        for n in ("catalogue", "catalogue, filtered", "search", "offer page")
        if n in kinds
    )
    renders = after["pages"] - before["pages"]
    ramp = None
    if stats.get("ramp"):
        ramp_kinds = stats["ramp"]["kinds"]
        ramp_seconds = max(
            (stats["ramp"]["last_request"] or 0) - (stats["ramp"]["started"] or 0), 1.0
        )
        ramp = {
            "seconds": RAMP_SECONDS,
            "total": row("all", ramp_kinds, ramp_seconds),
            "catalogue": row(
                "catalogue (all three)",
                [kind for kind in ramp_kinds if kind["name"] in CATALOGUE_KINDS],
                ramp_seconds,
            ),
            "failures": stats["ramp"]["failures"],
        }
    errors = total["failures"] + (ramp["total"]["failures"] if ramp else 0)
    catalogue_ok = catalogue["p95_ms"] is not None and catalogue["p95_ms"] < CATALOGUE_P95_TARGET_MS
    targets = {
        "no errors": errors == 0,
        f"catalogue p95 < {CATALOGUE_P95_TARGET_MS:.0f} ms": catalogue_ok,
    }
    return {
        "web_processes": processes,
        "users": USERS,
        "seconds": round(seconds, 1),
        "without": WITHOUT,
        "kinds": rows,
        "catalogue": catalogue,
        "total": total,
        "errors": errors,
        "failures": stats["failures"] + (ramp["failures"] if ramp else []),
        "outcomes": stats["outcomes"],
        "ramp": ramp,
        "page_cache": {
            "cacheable_requests": cacheable,
            "renders_stored": renders,
            "hit_rate_percent": round(100 * (1 - renders / cacheable), 1) if cacheable else None,
            "invalidations": after["version"] - before["version"],
            "feeds_rendered": after["feeds"] - before["feeds"],
        },
        "cpu": cpu,
        # A diagnostic run without some kinds of request proves nothing about the targets.
        "targets": {} if WITHOUT else targets,
    }


def number(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def table(result: dict) -> list[str]:
    lines = [
        "| kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for item in [*result["kinds"], result["catalogue"], result["total"]]:
        strong = "**" if item["kind"] in ("catalogue (all three)", "all") else ""
        lines.append(
            f"| {strong}{item['kind']}{strong} | {number(item['requests'])} | "
            f"{number(item['rps'], 1)} | {number(item['p50_ms'])} | {number(item['p95_ms'])} | "
            f"{number(item['p99_ms'])} | {number(item['failures'])} |"
        )
    return lines


def describe(result: dict) -> list[str]:
    cache, cpu = result["page_cache"], result["cpu"]
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(result["outcomes"].items())) or "none"
    used = ", ".join(f"{group} {seconds}" for group, seconds in cpu["cpu_seconds"].items())
    gunicorn = result["gunicorn"]
    lines = [
        f"Outcomes: {outcomes}.",
        f"Page cache: {number(cache['hit_rate_percent'], 1)} % of {cache['cacheable_requests']:,} "
        f"cacheable page requests answered from the cache ({cache['renders_stored']:,} renders "
        f"stored); {cache['invalidations']} invalidations of all public pages during the run; "
        f"{cache['feeds_rendered']} feeds rendered.",
        f"gunicorn: {result['web_processes']} instance(s) × {gunicorn['workers']} workers × "
        f"{gunicorn['threads']} threads.",
        f"CPU: machine {number(cpu['machine_busy_percent'], 0)} % busy on {cpu['cores']} cores "
        f"(load average {cpu['load_average_1min']}); CPU seconds: {used}.",
    ]
    ramp = result.get("ramp")
    if ramp:
        lines.append(
            f"Ramp-up (the first {ramp['seconds']} s, not in the table): "
            f"{ramp['total']['requests']:,} requests, p95 {number(ramp['total']['p95_ms'])} ms, "
            f"catalogue p95 {number(ramp['catalogue']['p95_ms'])} ms, "
            f"{ramp['total']['failures']} errors."
        )
    if result["server"]:
        lines.append(
            "Inside Django (p50/p95 ms): "
            + "; ".join(
                f"{item['view']} {number(item['p50_ms'])}/{number(item['p95_ms'])}"
                for item in result["server"][:8]
            )
            + "."
        )
    if result["without"]:
        lines.append(
            f"Diagnostic run without {', '.join(result['without'])}: no verdict on the targets."
        )
    else:
        verdicts = ", ".join(
            f"{name}: {'PASS' if ok else 'FAIL'}" for name, ok in result["targets"].items()
        )
        lines.append(f"Targets: {verdicts}.")
    for failure in result["failures"][:10]:
        lines.append(f"Error: {failure['count']} × {failure['name']}: {failure['error']}")
    return lines


def markdown(results: list[dict], misses: list[dict], plan: dict, started: datetime) -> str:
    lines = [
        f"Load test at city scale (`make loadtest`, {started:%Y-%m-%d}): {USERS} simulated users "
        f"with 1–4 s think time, measured for {SECONDS} s at full strength after a ramp-up of "
        f"{RAMP_SECONDS} s (reported below each table), locust on the same {os.cpu_count()}-core "
        "machine, through nginx (TLS) to gunicorn, PostgreSQL and Redis; 5,000 offers with a "
        "year of sessions, 300 rooms, 20 associations. Times in milliseconds, as the client "
        "saw them.",
        "",
    ]
    for result in results:
        lines += [
            f"#### {result['web_processes']} web process"
            f"{'es' if result['web_processes'] > 1 else ''}",
            "",
            *table(result),
            "",
            *[f"- {line}" for line in describe(result)],
            "",
        ]
    lines += [
        "Render on a cache miss, in-process (best of three):",
        "",
        "| page | ms | SQL queries |",
        "|---|---:|---:|",
        *[f"| {m['kind']} | {number(m['ms'])} | {m['queries']} |" for m in misses],
        "",
        f"Whole-programme feed: {plan['whole_programme_feed_events']:,} events "
        f"({'in the mix' if plan['whole_programme_feed'] else 'too large: not in the mix'}).",
    ]
    return "\n".join(lines) + "\n"


def print_result(result: dict) -> None:
    processes = result["web_processes"]
    print(f"\n== {processes} web process{'es' if processes > 1 else ''}, {USERS} users")
    print(f"{'kind':<24}{'requests':>9}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}")
    for item in [*result["kinds"], result["catalogue"], result["total"]]:
        print(
            f"{item['kind']:<24}{number(item['requests']):>9}{number(item['rps'], 1):>8}"
            f"{number(item['p50_ms']):>7}{number(item['p95_ms']):>7}{number(item['p99_ms']):>7}"
            f"{number(item['failures']):>8}"
        )
    for line in describe(result):
        print(line)


# --- main --------------------------------------------------------------------------------------


def check_loopback(url: str) -> None:
    if urlsplit(url).hostname not in ("127.0.0.1", "::1", "localhost"):
        raise RuntimeError(f"The load goes to the loopback only, not to {url}")


def measure(processes: int, plan: dict, database_url: str) -> dict:
    """Start the stack with `processes` web processes, warm up, run locust, stop the stack."""
    workdir = RUN_DIR / f"stack-{processes}p"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    print(f"\nStarting the stack with {processes} web process(es) on {database_url} …", flush=True)
    with Stack(
        workdir,
        web_processes=processes,
        database_url=database_url,
        worker=True,
        beats=1,
        settings_module="teilhabe.settings",
        gunicorn_workers=GUNICORN_WORKERS,
        gunicorn_threads=GUNICORN_THREADS,
    ) as stack:
        check_loopback(stack.url)
        warm_up(stack.url, plan)
        plan_path = RUN_DIR / "plan.json"
        plan_path.write_text(json.dumps(plan))
        before, offsets = cache_figures(stack.redis_url), log_sizes(stack)
        print(f"  locust: {USERS} users for {SECONDS} s against {stack.url} …", flush=True)
        stats, cpu = run_locust(stack, plan_path, RUN_DIR / f"{processes}p")
        after, server = cache_figures(stack.redis_url), server_times(stack, offsets)
        workers = GUNICORN_WORKERS or int(stack.env.get("WEB_CONCURRENCY") or os.cpu_count())
        threads = GUNICORN_THREADS or int(stack.env.get("GUNICORN_THREADS") or 4)
    result = summarise(processes, stats, cpu, before, after)
    result["server"] = server
    result["gunicorn"] = {"workers": workers, "threads": threads}
    return result


def main() -> int:
    started_at = datetime.now(UTC)
    known = set(KIND_ORDER) - {"registration form", "login form", "login", "booking form"}
    if set(WITHOUT) - known:
        sys.exit(f"LOADTEST_WITHOUT: unknown {', '.join(sorted(set(WITHOUT) - known))}")
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    plan = prepare()
    print("Render on a cache miss, in-process (best of three):")
    misses = profile_misses(plan)
    for miss in misses:
        print(
            f"  {miss['kind']:<22} HTTP {miss['status']}  {miss['ms']:7.0f} ms  "
            f"{miss['queries']:3d} queries"
        )
    connection.close()
    database_url = bench_database_url()
    results = []
    for processes in PROCESSES:
        results.append(measure(processes, plan, database_url))
        print_result(results[-1])

    passed = not WITHOUT and all(all(result["targets"].values()) for result in results)
    RESULTS_JSON.write_text(
        json.dumps(
            {
                "started": started_at.isoformat(timespec="seconds"),
                "users": USERS,
                "seconds": SECONDS,
                "cores": os.cpu_count(),
                "misses": misses,
                "whole_programme_feed": {
                    "events": plan["whole_programme_feed_events"],
                    "in_mix": plan["whole_programme_feed"],
                },
                "results": results,
                "passed": passed,
            },
            indent=2,
        )
    )
    RESULTS_MD.write_text(markdown(results, misses, plan, started_at))
    if WITHOUT:
        print(f"\nDiagnostic run without {', '.join(WITHOUT)}: no verdict on the targets.")
    else:
        print(
            f"\n{'PASS' if passed else 'FAIL'}: targets 0 errors and catalogue p95 < "
            f"{CATALOGUE_P95_TARGET_MS:.0f} ms at {USERS} users, for "
            f"{' and '.join(str(n) for n in PROCESSES)} web process(es)."
        )
    print(f"Written {RESULTS_JSON} and {RESULTS_MD}.")
    return 1 if STRICT and not passed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
