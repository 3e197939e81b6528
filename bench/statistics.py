"""The statistics scenario: five years of a city-scale installation's attendance, and the staff
dashboard for one year on it.

    python -m bench.statistics --generate   # add five years of attendance (once)
    python -m bench.statistics              # measure the dashboard only (in-process)

`make bench` runs the generation after `bench.generate` and the measurement from `bench.run`,
which puts it in the same table and results.json as the other scenarios.

The data: the 5,000 offers of `bench.generate` (one weekly schedule each) get their sessions of
the five years before the generator's first week (SQL generate_series, as materialisation over
the years would have written them), so that every offer has a session every week for five
years; the offers that take registrations get their registered participants (as many as
places); and every past session that was not cancelled gets its attendance — a check-in list
for registered offers (CheckIn rows, a share of the registered people that follows the season)
and a head count for the others, with school holidays and Christmas lower and autumn and
winter higher. About 1.3 million SessionAttendance rows and 8.7 million CheckIn rows: ten
million attendance records. Everything is written by INSERT … SELECT in PostgreSQL in one
transaction (a few minutes), deterministic (no random(): hashes of the ids); a second run finds
the attendance there and does nothing.

The measurement: the staff dashboard (`impact:dashboard`) for the last twelve months, rendered
by Django's test client in this process, logged in as a staff user — so that the figure is the
page's own time, without a load tool that would have to log in. Every request misses the
figures' cache (the figures' version is bumped before each one). p50 and p95 over
BENCH_STATISTICS_REQUESTS (40) requests after two warm-up requests; target p95 < 1 s.
"""

import argparse
import os
import statistics
import sys
import time as clock
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from teilhabe.accounts.models import Role, User  # noqa: E402
from teilhabe.core.recurrence import centre_today  # noqa: E402

YEARS = 5
# Weeks of sessions before the generator's first week: five years in all with its 26 past weeks.
WEEKS_BEFORE = YEARS * 52 - 26
MARKER_EMAIL = "%@statistics.bench.example"
STAFF_EMAIL = "statistik@statistics.bench.example"
REQUESTS = int(os.environ.get("BENCH_STATISTICS_REQUESTS", "") or 40)
WARMUP = 2
P95_TARGET_MS = 1000.0

# The season as a factor on attendance, by day of the year: Thuringia's school holidays and the
# Christmas closure lower, autumn and winter higher. Shared by head counts and check-ins.
SEASON = """
    CASE
      WHEN (extract(month FROM {day}) = 12 AND extract(day FROM {day}) >= 23)
        OR (extract(month FROM {day}) = 1 AND extract(day FROM {day}) <= 2) THEN 0.25
      WHEN (extract(month FROM {day}) = 7 AND extract(day FROM {day}) >= 14)
        OR extract(month FROM {day}) = 8 THEN 0.6
      WHEN extract(month FROM {day}) IN (10, 11, 1, 2) THEN 1.15
      WHEN extract(month FROM {day}) IN (6, 9) THEN 0.95
      ELSE 1.0
    END
"""


def step(label: str, started: float) -> None:
    print(f"  {label:<44} {clock.perf_counter() - started:6.1f} s", flush=True)


def _count(cursor, query: str, params=None) -> int:
    cursor.execute(query, params)
    return cursor.fetchone()[0]


def is_generated() -> bool:
    with connection.cursor() as cursor:
        return bool(_count(cursor, "SELECT count(*) FROM (SELECT 1 FROM impact_checkin LIMIT 1) x"))


def _without_indexes(cursor, table: str) -> list[str]:
    """Drop the secondary indexes and unique constraints of `table` (bulk loading is several
    times faster without them) and return the statements that make them again."""
    cursor.execute(
        """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conrelid = %s::regclass AND contype = 'u'""",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.tablename = %s AND i.indexname NOT IN (
             SELECT conname FROM pg_constraint
             WHERE conrelid = %s::regclass AND contype IN ('p', 'u'))""",
        [table, table],
    )
    indexes = cursor.fetchall()
    restore = []
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
        restore.append(definition)
    return restore


def generate() -> None:
    if not settings.IS_POSTGRES:
        sys.exit("The statistics scenario needs PostgreSQL (bench.settings).")
    with connection.cursor() as cursor:
        offers = _count(cursor, "SELECT count(*) FROM programme_offer WHERE slug LIKE 'bench-%'")
    if not offers:
        sys.exit("No data set: run `python -m bench.generate` first (or `make bench`).")
    if is_generated():
        with connection.cursor() as cursor:
            attendance = _count(cursor, "SELECT count(*) FROM impact_sessionattendance")
            check_ins = _count(cursor, "SELECT count(*) FROM impact_checkin")
        print(
            f"The statistics data set is there ({attendance:,} attendance records, "
            f"{check_ins:,} check-ins)."
        )
        return
    today = centre_today()
    print(f"Generating {YEARS} years of attendance for {offers:,} offers (INSERT … SELECT) …")
    began = clock.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Written consistent by construction: the foreign keys are not checked row by row.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")

        started = clock.perf_counter()
        cursor.execute(
            """
            INSERT INTO programme_session (offer_id, schedule_id, rule_day, starts_at, ends_at,
              room_id, is_cancelled, is_moved, note, has_room_conflict)
            SELECT sc.offer_id, sc.id, d.day,
              (d.day + sc.start_time) AT TIME ZONE 'Europe/Berlin',
              (d.day + sc.end_time) AT TIME ZONE 'Europe/Berlin',
              sc.room_id, (sc.id * 7 + w) %% 50 = 0, false, '', false
            FROM programme_schedule sc
            JOIN programme_offer o ON o.id = sc.offer_id AND o.slug LIKE 'bench-%%'
            CROSS JOIN generate_series(1, %s) AS w
            CROSS JOIN LATERAL (SELECT (sc.starts_on - 7 * w)::date AS day) d
            ON CONFLICT DO NOTHING
            """,
            [WEEKS_BEFORE],
        )
        step(f"{cursor.rowcount:,} sessions of the years before", started)

        started = clock.perf_counter()
        cursor.execute(
            """
            INSERT INTO programme_registration (offer_id, session_id, name, email, phone,
              persons, needs_childcare, needs_interpreting, note, language, status, created_at)
            SELECT o.id, NULL, 'Teilnehmende ' || n, 'p' || o.id || '-' || n || %s,
              '', 1, false, false, '', 'de', 'confirmed', now() - interval '5 years'
            FROM programme_offer o
            CROSS JOIN LATERAL generate_series(1, coalesce(o.capacity, 12)) AS n
            WHERE o.slug LIKE 'bench-%%' AND o.registration_mode <> 'none'
            """,
            [MARKER_EMAIL.removeprefix("%")],
        )
        step(f"{cursor.rowcount:,} registrations", started)

        started = clock.perf_counter()
        restore = _without_indexes(cursor, "impact_checkin")
        season = SEASON.format(day="s.rule_day")
        cursor.execute(
            f"""
            INSERT INTO impact_checkin (session_id, registration_id, is_self, checked_in_at)
            SELECT s.id, r.id, (r.id + s.id) %% 3 = 0, s.starts_at + interval '5 minutes'
            FROM programme_session s
            JOIN programme_offer o ON o.id = s.offer_id AND o.registration_mode <> 'none'
            JOIN programme_registration r ON r.offer_id = s.offer_id AND r.email LIKE %s
            WHERE s.rule_day < %s AND NOT s.is_cancelled
              AND (r.id * 31 + s.id * 17) %% 100 < 62 * {season}
            """,
            [MARKER_EMAIL, today],
        )
        check_ins = cursor.rowcount
        step(f"{check_ins:,} check-ins", started)
        started = clock.perf_counter()
        for statement in restore:
            cursor.execute(statement)
        step("their indexes", started)

        started = clock.perf_counter()
        restore = _without_indexes(cursor, "impact_sessionattendance")
        cursor.execute(
            """
            INSERT INTO impact_sessionattendance (session_id, offer_id, day, method, head_count,
              recorded_at)
            SELECT c.session_id, s.offer_id, s.rule_day, 'check_in', count(*), s.ends_at
            FROM impact_checkin c JOIN programme_session s ON s.id = c.session_id
            GROUP BY c.session_id, s.offer_id, s.rule_day, s.ends_at
            """
        )
        by_check_in = cursor.rowcount
        season = SEASON.format(day="s.rule_day")
        cursor.execute(
            f"""
            INSERT INTO impact_sessionattendance (session_id, offer_id, day, method, head_count,
              children, women, first_visits, recorded_at)
            SELECT s.id, s.offer_id, s.rule_day, 'head_count', h.n,
              CASE WHEN s.id %% 3 = 0 THEN h.n * 3 / 10 END,
              CASE WHEN s.id %% 3 = 0 THEN h.n / 2 END,
              CASE WHEN s.id %% 3 = 0 THEN h.n / 10 END,
              s.ends_at
            FROM programme_session s
            JOIN programme_offer o ON o.id = s.offer_id AND o.registration_mode = 'none'
            CROSS JOIN LATERAL (
              SELECT greatest(1, round((4 + (s.id * 7919) %% 17) * {season}))::int AS n
            ) h
            WHERE s.rule_day < %s AND NOT s.is_cancelled AND o.slug LIKE 'bench-%%'
            """,
            [today],
        )
        by_head_count = cursor.rowcount
        for statement in restore:
            cursor.execute(statement)
        step(
            f"{by_check_in + by_head_count:,} attendance records ({by_check_in:,} from check-ins)",
            started,
        )
    started = clock.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("VACUUM ANALYZE", started)
    total = by_check_in + by_head_count + check_ins
    print(f"{total:,} attendance records in {clock.perf_counter() - began:.0f} s")


# --- the measurement -----------------------------------------------------------------------------


def staff_user() -> User:
    user = User.objects.filter(email=STAFF_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            STAFF_EMAIL, password=None, display_name="Statistik", role=Role.STAFF
        )
    return user


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure() -> dict:
    """Render the dashboard for the last twelve months REQUESTS times, each on a cache miss.
    (The staff user has no second factor here: what is timed is the page, not the login.)"""
    from django.test import override_settings

    with override_settings(TWO_FACTOR_REQUIRED_ROLES=[]):
        return _measure()


def _measure() -> dict:
    from teilhabe.impact import figures

    if not is_generated():
        return {"skipped": "no statistics data set: python -m bench.statistics --generate"}
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff_user())
    today = centre_today()
    first = today - timedelta(days=364)
    path = f"/de/impact/?period=custom&from={first.isoformat()}&to={today.isoformat()}"
    durations = []
    queries = None
    status = None
    size = 0
    for n in range(WARMUP + REQUESTS):
        figures.attendance_changed()  # the figures' cache misses
        started = clock.perf_counter()
        if n == WARMUP:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            queries = len(captured)
        else:
            response = client.get(path)
        elapsed = (clock.perf_counter() - started) * 1000
        status, size = response.status_code, len(response.content)
        if status != 200:
            return {"path": path, "status": status, "skipped": f"HTTP {status}"}
        if n >= WARMUP:
            durations.append(elapsed)
    with connection.cursor() as cursor:
        attendance = _count(cursor, "SELECT count(*) FROM impact_sessionattendance")
        check_ins = _count(cursor, "SELECT count(*) FROM impact_checkin")
        offers = _count(cursor, "SELECT count(*) FROM programme_offer")
    p95 = percentile(durations, 0.95)
    return {
        "path": path,
        "status": status,
        "bytes": size,
        "requests": len(durations),
        "queries": queries,
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(max(durations), 1),
        "data_set": {
            "offers": offers,
            "attendance_records": attendance,
            "check_ins": check_ins,
            "records": attendance + check_ins,
        },
        "target": {
            "target": f"staff dashboard for one year p95 under {P95_TARGET_MS / 1000:.0f} s "
            f"(cache miss, {attendance + check_ins:,} attendance records)",
            "value": f"{p95:.0f} ms",
            "passed": p95 < P95_TARGET_MS,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generate", action="store_true", help="generate the data set (once)")
    args = parser.parse_args()
    if args.generate:
        generate()
        return 0
    from bench.run import collect_static

    collect_static()
    result = measure()
    if "skipped" in result:
        print(f"statistics: skipped, {result['skipped']}")
        return 1
    print(
        f"staff dashboard, one year: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms "
        f"over {result['requests']} requests, {result['queries']} queries"
    )
    target = result["target"]
    print(f"{'PASS' if target['passed'] else 'FAIL'}  {target['target']}: {target['value']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
