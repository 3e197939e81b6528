"""The database half of a backup: a consistent dump with the row count of every table, and
loading a dump into an empty database. PostgreSQL through pg_dump and pg_restore (connection
parameters from DATABASES, the password only in the environment), SQLite through its backup
API."""

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .errors import BackupFailure

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMP_NAMES = {POSTGRESQL: "database.pgdump", SQLITE: "database.sqlite3"}

# OPTIONS of a PostgreSQL database that libpq also reads from the environment.
LIBPQ_ENVIRONMENT = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


@dataclass(frozen=True)
class DatabaseDump:
    engine: str
    path: Path
    tables: dict[str, int]  # row count per table, in the dump's snapshot
    migrations: dict[str, str]  # last applied migration per app


def engine_of(using: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[using].vendor
    if vendor not in DUMP_NAMES:
        raise BackupFailure(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def describe(using: str = DEFAULT_DB_ALIAS) -> str:
    settings_dict = connections[using].settings_dict
    if engine_of(using) == SQLITE:
        return f"SQLite database {settings_dict['NAME']}"
    where = settings_dict.get("HOST") or "local socket"
    return f"PostgreSQL database {settings_dict.get('NAME')} on {where}"


def dump_database(directory: Path, using: str = DEFAULT_DB_ALIAS) -> DatabaseDump:
    engine = engine_of(using)
    path = directory / DUMP_NAMES[engine]
    if engine == SQLITE:
        return _dump_sqlite(connections[using], path)
    return _dump_postgresql(connections[using], path)


def _dump_sqlite(connection, path: Path) -> DatabaseDump:
    if connection.in_atomic_block:
        # The backup would wait for this very connection's own transaction to end.
        raise BackupFailure("An SQLite backup cannot run inside a transaction.")
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        # One step (all pages at once) under a read lock: a consistent copy while others write.
        connection.connection.backup(copy)
        # A plain file without a write-ahead log; the application turns WAL on when it connects.
        copy.execute("PRAGMA journal_mode=DELETE")
        cursor = copy.cursor()
        tables = _count_rows(cursor, _sqlite_tables(cursor))
        migrations = _last_migrations(cursor, tables)
    finally:
        copy.close()
    return DatabaseDump(SQLITE, path, tables, migrations)


def _dump_postgresql(connection, path: Path) -> DatabaseDump:
    # pg_dump joins a snapshot exported by our own transaction, so that the dump and the row
    # counts of the manifest see exactly the same data.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        cursor = raw.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        run_pg_tool(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
            connection.settings_dict,
        )
        tables = _count_rows(cursor, _postgresql_tables(cursor))
        migrations = _last_migrations(cursor, tables)
        cursor.close()
        raw.rollback()
    finally:
        raw.close()
    return DatabaseDump(POSTGRESQL, path, tables, migrations)


def list_tables(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    with connections[using].cursor() as cursor:
        if engine_of(using) == SQLITE:
            return _sqlite_tables(cursor)
        return _postgresql_tables(cursor)


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    tables = list_tables(using)
    with connections[using].cursor() as cursor:
        return _count_rows(cursor, tables)


def load_dump(path: Path, engine: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Load a dump into the (empty) database `using`; the caller has checked both."""
    connection = connections[using]
    connection.close()
    if engine == SQLITE:
        target = Path(connection.settings_dict["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(path, partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(partial, target)
    else:
        run_pg_tool(
            "pg_restore",
            ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", str(path)],
            connection.settings_dict,
        )
    connection.close()


def run_pg_tool(tool: str, arguments: list[str], settings_dict: dict) -> None:
    """Run pg_dump or pg_restore against the database of `settings_dict`. The password goes
    through PGPASSWORD, never the command line (where `ps` shows it to every user)."""
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in LIBPQ_ENVIRONMENT.items():
        if options.get(option):
            environment[variable] = str(options[option])
    command = [_pg_executable(tool), "--no-password"]
    for key, flag in (("HOST", "--host"), ("PORT", "--port"), ("USER", "--username")):
        if settings_dict.get(key):
            command.append(f"{flag}={settings_dict[key]}")
    if settings_dict.get("NAME"):
        command.append(f"--dbname={settings_dict['NAME']}")
    command += arguments
    try:
        finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    except OSError as error:
        raise BackupFailure(f"{tool} could not be started: {error}") from error
    if finished.returncode != 0:
        raise BackupFailure(
            f"{tool} failed (exit status {finished.returncode}): {finished.stderr.strip()}"
        )


def _pg_executable(tool: str) -> str:
    if settings.BACKUP_PG_BIN_DIR:
        return str(Path(settings.BACKUP_PG_BIN_DIR) / tool)
    found = shutil.which(tool)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupFailure(f"{tool} not found: install postgresql-client or set BACKUP_PG_BIN_DIR.")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in cursor.fetchall()]


def _postgresql_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY schemaname, tablename"
    )
    return [f"{schema}.{table}" for schema, table in cursor.fetchall()]


def _count_rows(cursor, tables: Iterable[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        quoted = ".".join(_quote(part) for part in table.split(".", 1))
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _last_migrations(cursor, tables: dict[str, int]) -> dict[str, str]:
    if not any(table.rsplit(".", 1)[-1] == "django_migrations" for table in tables):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())
