"""The whole production stack on one machine, for `make deploy-test` and `make loadtest`.

    with Stack(Path("/tmp/stack")) as stack:
        requests.get(stack.url + "/healthz", verify=stack.ca_cert)

starts its own PostgreSQL cluster (unless database_url is given), its own Redis, an SMTP sink,
migrates and collects static files with the production settings, then N gunicorn instances
(deploy/gunicorn.conf.py), a Celery worker, celery beat, and nginx with the shipped site file
(deploy/nginx/teilhabe.conf, its example ports, paths and certificate substituted). Every port
is picked free; every process runs in its own process group and is stopped on exit, also after
an error or Ctrl+C. Logs of every process are in <workdir>/logs/<name>.log (stack.log(name))."""

from __future__ import annotations

import atexit
import base64
import contextlib
import email
import email.policy
import glob
import hashlib
import mailbox
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
SITE_FILE = DEPLOY / "nginx" / "teilhabe.conf"
ERROR_PAGES = DEPLOY / "nginx" / "errors"
PYTHON = Path(sys.executable)
BIN = PYTHON.parent

# Environment variables of the caller that must not leak into the stack's processes.
CALLER_ONLY = (
    "DEBUG",
    "TEST_DATABASE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "PYTEST_XDIST_WORKER",
    "PYTEST_CURRENT_TEST",
    "PROMETHEUS_MULTIPROC_DIR",
    "SENTRY_DSN",
)


class StackError(RuntimeError):
    pass


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin_dir() -> Path:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if versions:
        return Path(versions[-1])
    found = shutil.which("postgres") or shutil.which("pg_ctl")
    if not found:
        raise StackError("PostgreSQL server binaries not found (set PG_BIN)")
    return Path(found).parent


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


class Process:
    """One long-running program in its own process group, its output in a log file."""

    def __init__(self, name, argv, *, env, log, cwd=REPO, user=None, stop_signal=signal.SIGTERM):
        self.name, self.argv, self.env, self.log_path = name, argv, env, log
        self.cwd, self.user, self.stop_signal = cwd, user, stop_signal
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            kwargs = {}
            if self.user:
                kwargs = {"user": self.user, "group": self.user, "extra_groups": []}
            self.popen = subprocess.Popen(
                self.argv,
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **kwargs,
            )

    @property
    def is_running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum) -> None:
        if self.is_running:
            os.kill(self.popen.pid, signum)

    def stop(self, timeout: float = 15) -> None:
        """Like systemd's KillMode=mixed: the stop signal to the main process (gunicorn's master
        lets running requests finish, celery finishes its tasks, PostgreSQL shuts down fast),
        then SIGKILL to whatever of the group is left."""
        self.send_stop()
        self.wait_stopped(timeout)

    def send_stop(self) -> None:
        if self.is_running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.popen.pid, self.stop_signal)

    def wait_stopped(self, timeout: float = 15) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(5)

    def tail(self, lines: int = 40) -> str:
        return _tail(self.log_path, lines)


class Stack:
    def __init__(
        self,
        workdir,
        web_processes: int = 2,
        database_url: str | None = None,
        worker: bool = True,
        beats: int = 1,
        settings_module: str = "teilhabe.settings",
        extra_env: dict | None = None,
        gunicorn_workers: int | None = None,
        gunicorn_threads: int | None = None,
        migrate: bool = True,
        collectstatic: bool = True,
        startup_timeout: float = 120,
    ):
        self.workdir = Path(workdir).resolve()
        self.web_processes = web_processes
        self.own_postgres = database_url is None
        self.database_url = database_url
        self.worker = worker
        self.beats = beats
        self.settings_module = settings_module
        self.extra_env = dict(extra_env or {})
        self.gunicorn_workers = gunicorn_workers
        self.gunicorn_threads = gunicorn_threads
        self.migrate = migrate
        self.collectstatic = collectstatic
        self.startup_timeout = startup_timeout
        self.processes: dict[str, Process] = {}
        self._pg_tempdir: str | None = None
        self._beat_count = 0
        self._lock = threading.Lock()

    # --- public interface -------------------------------------------------------------------

    def __enter__(self) -> Stack:
        atexit.register(self.stop)
        self._previous_sigterm = None
        # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl+C, so everything gets stopped.
        is_main_thread = threading.current_thread() is threading.main_thread()
        if is_main_thread and signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            self._previous_sigterm = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        if self._previous_sigterm is not None:
            signal.signal(signal.SIGTERM, self._previous_sigterm)

    def manage(self, *args, input=None, check=False, timeout=600) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(PYTHON), "manage.py", *map(str, args)],
            env=self.env,
            cwd=REPO,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise StackError(
                f"manage.py {' '.join(map(str, args))} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def mail(self) -> list[EmailMessage]:
        """Every message the SMTP sink has received, oldest first."""
        box = mailbox.Maildir(self.maildir, factory=None, create=True)
        keyed = []
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            keyed.append((key.split(".")[0], key, raw))
        keyed.sort()
        return [email.message_from_bytes(raw, policy=email.policy.default) for *_, raw in keyed]

    def stop_redis(self) -> None:
        self.processes["redis"].stop()

    def start_redis(self) -> None:
        process = self.processes["redis"]
        if not process.is_running:
            process.start()
        self._wait_for(process, self._redis_answers)

    def stop_postgres(self) -> None:
        self._require_own_postgres()
        self.processes["postgres"].stop(timeout=30)

    def start_postgres(self) -> None:
        self._require_own_postgres()
        process = self.processes["postgres"]
        if not process.is_running:
            process.start()
        self._wait_for(process, self._postgres_answers)

    def restart_postgres(self) -> None:
        self.stop_postgres()
        self.start_postgres()

    def recreate_database(self) -> None:
        """Drop the stack's database (closing every connection to it) and create it empty: an
        empty installation for a restore."""
        self._require_own_postgres()
        for sql in ("DROP DATABASE IF EXISTS teilhabe WITH (FORCE)", "CREATE DATABASE teilhabe"):
            result = subprocess.run(
                [str(self.pg_bin / "psql"), "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql],
                env=self.env,
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise StackError(f"{sql} failed: {result.stderr}")

    def start_beat(self) -> Process:
        """One more celery beat (a second scheduler started by mistake)."""
        process = self._spawn_beat()
        self._wait_for(process, lambda: "beat: Starting" in process.tail(200))
        return process

    def _spawn_beat(self) -> Process:
        with self._lock:
            self._beat_count += 1
            name = f"beat-{self._beat_count}"
        return self._spawn(
            name,
            [
                str(BIN / "celery"),
                "-A",
                "teilhabe",
                "beat",
                "--loglevel=INFO",
                f"--schedule={self.workdir / 'var' / (name + '-schedule')}",
                f"--pidfile={self.workdir / 'run' / (name + '.pid')}",
            ],
        )

    def stop_beats(self) -> None:
        for name, process in list(self.processes.items()):
            if name.startswith("beat-"):
                process.stop()

    def stop_web(self, number: int) -> None:
        """Stop web instance `number` (1-based), as an upgrade does one after the other."""
        self.processes[f"web-{number}"].stop(timeout=35)

    def start_web(self, number: int) -> None:
        process = self.processes[f"web-{number}"]
        if not process.is_running:
            process.start()
        self._wait_for(process, lambda: self._http_ok(self.web_urls[number - 1] + "/healthz"))

    def reload_web(self, number: int) -> None:
        """Graceful reload (HUP): new workers with the new code, running requests finish."""
        self.processes[f"web-{number}"].signal(signal.SIGHUP)

    def stop(self) -> None:
        """Stop everything, the front first, then the application processes together, then
        the services they use; safe to call more than once."""
        application = [n for n in self.processes if n.startswith(("web-", "beat-"))]
        for group in (["nginx"], [*application, "worker"], ["smtp", "redis", "postgres"]):
            processes = [self.processes[n] for n in group if n in self.processes]
            for process in processes:
                process.send_stop()
            for process in processes:
                try:
                    process.wait_stopped()
                except Exception as error:  # keep stopping the others
                    print(f"stack: stopping {process.name} failed: {error}", file=sys.stderr)
        if self._pg_tempdir:
            shutil.rmtree(self._pg_tempdir, ignore_errors=True)
            self._pg_tempdir = None

    # --- start-up ---------------------------------------------------------------------------

    def _start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.logs = self.workdir / "logs"
        self.maildir = self.workdir / "maildir"
        for folder in ("logs", "run", "var", "static", "media", "private", "backups", "tls"):
            (self.workdir / folder).mkdir(exist_ok=True)
        self.https_port, self.http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.http_url = f"http://127.0.0.1:{self.http_port}"
        self.web_ports = [free_port() for _ in range(self.web_processes)]
        self.web_urls = [f"http://127.0.0.1:{port}" for port in self.web_ports]
        self.static_root = self.workdir / "static"
        self.media_root = self.workdir / "media"
        self.private_media_root = self.workdir / "private"
        self.backup_dir = self.workdir / "backups"

        self._make_certificate()
        if self.own_postgres:
            self._start_own_postgres()
        self._start_redis_and_smtp()
        self.env = self._environment()

        preparation = []
        if self.migrate:
            preparation.append(("migrate", ["migrate", "--no-input", "-v0"]))
        static_cache = None
        if self.collectstatic:
            static_cache = self._static_cache()
            if static_cache.exists():
                self.static_root = static_cache
            else:
                self.static_root = Path(tempfile.mkdtemp(dir=static_cache.parent, prefix=".new-"))
                preparation.append(("collectstatic", ["collectstatic", "--no-input", "-v0"]))
        self.env["STATIC_ROOT"] = str(self.static_root)
        try:
            self._run_in_parallel(preparation)
        except BaseException:
            if static_cache is not None and self.static_root != static_cache:
                shutil.rmtree(self.static_root, ignore_errors=True)
            raise
        if static_cache is not None and self.static_root != static_cache:
            try:
                os.rename(self.static_root, static_cache)
                self.static_root = static_cache
            except OSError:  # another stack was quicker: use its copy
                shutil.rmtree(self.static_root, ignore_errors=True)
                self.static_root = static_cache
            self.env["STATIC_ROOT"] = str(self.static_root)

        # Everything starts at once; then each is waited for.
        for number, port in enumerate(self.web_ports, start=1):
            self._spawn_web(number, port)
        if self.worker:
            worker = self._spawn(
                "worker",
                [
                    str(BIN / "celery"),
                    "-A",
                    "teilhabe",
                    "worker",
                    "--loglevel=INFO",
                    "--concurrency=2",
                    "--hostname=worker@%h",
                    f"--pidfile={self.workdir / 'run' / 'worker.pid'}",
                ],
            )
        beats = [self._spawn_beat() for _ in range(self.beats)]
        for number, port in enumerate(self.web_ports, start=1):
            process = self.processes[f"web-{number}"]
            url = f"http://127.0.0.1:{port}/healthz"
            self._wait_for(process, lambda url=url: self._http_ok(url))
        if self.worker:
            self._wait_for(worker, lambda: " ready." in worker.tail(400))
        for beat in beats:
            self._wait_for(beat, lambda beat=beat: "beat: Starting" in beat.tail(200))
        self._start_nginx()

    def _run_in_parallel(self, commands: list[tuple[str, list[str]]]) -> None:
        """manage.py commands side by side; the first failure stops the others."""
        running = [
            (
                name,
                subprocess.Popen(
                    [str(PYTHON), "manage.py", *args],
                    env=self.env,
                    cwd=REPO,
                    stdout=open(self.logs / f"{name}.log", "wb"),  # noqa: SIM115 (closed below)
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                ),
            )
            for name, args in commands
        ]
        try:
            for name, popen in running:
                try:
                    code = popen.wait(self.startup_timeout * 3)
                except subprocess.TimeoutExpired:
                    code = "timeout"
                if code != 0:
                    raise StackError(
                        f"manage.py {name} failed ({code}):\n{_tail(self.logs / f'{name}.log')}"
                    )
        finally:
            for _, popen in running:
                if popen.poll() is None:
                    os.killpg(popen.pid, signal.SIGKILL)
                    popen.wait()
                popen.stdout.close() if popen.stdout else None

    def _static_cache(self) -> Path:
        """collectstatic (with its compression) takes a minute on two cores; its result only
        depends on the static sources and the installed packages, so stacks share it in
        var/stack-static/<fingerprint>. STACK_STATIC_CACHE=0 collects afresh every time."""
        if os.environ.get("STACK_STATIC_CACHE") == "0":
            folder = self.workdir / "static-cache"
            folder.mkdir(exist_ok=True)
            return folder / "collected"
        digest = hashlib.sha256(self.settings_module.encode())
        for path in sorted((REPO / "teilhabe").glob("**/static/**/*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
        for folder in sorted({p for p in sys.path if p.endswith("site-packages")}):
            if os.path.isdir(folder):
                packages = sorted(n for n in os.listdir(folder) if n.endswith(".dist-info"))
                digest.update("\n".join(packages).encode())
        cache = REPO / "var" / "stack-static"
        cache.mkdir(parents=True, exist_ok=True)
        return cache / digest.hexdigest()[:16]

    def _make_certificate(self) -> None:
        self.ca_cert = self.workdir / "tls" / "cert.pem"
        self.tls_key = self.workdir / "tls" / "key.pem"
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                str(self.tls_key),
                "-out",
                str(self.ca_cert),
            ],
            check=True,
            capture_output=True,
        )

    def _start_own_postgres(self) -> None:
        self.pg_bin = postgres_bin_dir()
        self.pg_port = free_port()
        user = None
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: the cluster belongs to the postgres user, in a
            # folder it can reach (the workdir may sit below a private temporary folder).
            user = "postgres"
            self._pg_tempdir = tempfile.mkdtemp(prefix="teilhabe-stack-pg-")
            shutil.chown(self._pg_tempdir, user, user)
            data = Path(self._pg_tempdir) / "data"
            (self.workdir / "postgres-data").unlink(missing_ok=True)
            (self.workdir / "postgres-data").symlink_to(data)
        else:
            data = self.workdir / "postgres-data"
        self.pg_data = data
        initdb = subprocess.run(
            [
                str(self.pg_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            capture_output=True,
            text=True,
            **({"user": user, "group": user, "extra_groups": []} if user else {}),
            cwd="/",
        )
        if initdb.returncode != 0:
            raise StackError(f"initdb failed:\n{initdb.stdout}\n{initdb.stderr}")
        argv = [
            str(self.pg_bin / "postgres"),
            "-D",
            str(data),
            "-p",
            str(self.pg_port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=200",
            # A test cluster: durability on a clean shutdown is enough.
            "-c",
            "fsync=off",
            "-c",
            "full_page_writes=off",
        ]
        process = Process(
            "postgres",
            argv,
            env={"PATH": os.environ.get("PATH", ""), "LC_ALL": "C.UTF-8"},
            log=self.logs / "postgres.log",
            cwd="/",
            user=user,
            stop_signal=signal.SIGINT,
        )
        self.processes["postgres"] = process
        process.start()
        self._wait_for(process, self._postgres_answers)
        created = subprocess.run(
            [
                str(self.pg_bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.pg_port),
                "-U",
                "postgres",
                "teilhabe",
            ],
            capture_output=True,
            text=True,
        )
        if created.returncode != 0:
            raise StackError(f"createdb failed: {created.stderr}")
        self.database_url = f"postgres://postgres@127.0.0.1:{self.pg_port}/teilhabe"

    def _start_redis_and_smtp(self) -> None:
        self.redis_port = free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        (self.workdir / "redis").mkdir(exist_ok=True)
        redis = Process(
            "redis",
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir / "redis"),
            ],
            env=dict(os.environ),
            log=self.logs / "redis.log",
        )
        self.processes["redis"] = redis
        redis.start()

        self.smtp_port = free_port()
        smtp = Process(
            "smtp",
            [
                str(PYTHON),
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{self.smtp_port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(self.maildir),
            ],
            env=dict(os.environ),
            log=self.logs / "smtp.log",
        )
        self.processes["smtp"] = smtp
        smtp.start()
        self._wait_for(redis, self._redis_answers)
        self._wait_for(smtp, lambda: self._tcp_greets(self.smtp_port, b"220"))

    def _environment(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in CALLER_ONLY}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": self.settings_module,
                "PYTHONUNBUFFERED": "1",
                "PATH": os.pathsep.join(
                    [str(BIN)]
                    + ([str(self.pg_bin)] if self.own_postgres else [])
                    + [os.environ.get("PATH", "/usr/bin:/bin")]
                ),
                "DEBUG": "0",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CSRF_TRUSTED_ORIGINS": self.url,
                "SITE_URL": self.url,
                "PROXY_COUNT": "1",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "EMAIL_URL": f"smtp://127.0.0.1:{self.smtp_port}",
                "DEFAULT_FROM_EMAIL": "Teilhabe <noreply@teilhabe.test>",
                "TEILHABE_VAR_DIR": str(self.workdir / "var"),
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.media_root),
                "PRIVATE_MEDIA_ROOT": str(self.private_media_root),
                "BACKUP_DIR": str(self.backup_dir),
                "COUNSELLING_NOTES_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
                "METRICS_ALLOWED_ADDRESSES": "127.0.0.1,::1",
                "LOG_LEVEL": "INFO",
            }
        )
        if self.own_postgres:
            env["PGHOST"], env["PGPORT"], env["PGUSER"] = "127.0.0.1", str(self.pg_port), "postgres"
        env.update({k: str(v) for k, v in self.extra_env.items()})
        return env

    def _spawn(self, name: str, argv: list[str], env: dict | None = None) -> Process:
        process = Process(name, argv, env=env or self.env, log=self.logs / f"{name}.log")
        self.processes[name] = process
        process.start()
        return process

    def _spawn_web(self, number: int, port: int) -> Process:
        env = dict(self.env)
        env.update(
            {
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_PROC_NAME": f"teilhabe-web-{number}",
                "GUNICORN_ACCESS_LOG": "-",
                "PROMETHEUS_MULTIPROC_DIR": str(self.workdir / "run" / f"prometheus-web-{number}"),
            }
        )
        if self.gunicorn_workers is not None:
            env["WEB_CONCURRENCY"] = str(self.gunicorn_workers)
        if self.gunicorn_threads is not None:
            env["GUNICORN_THREADS"] = str(self.gunicorn_threads)
        env.update({k: str(v) for k, v in self.extra_env.items()})
        return self._spawn(
            f"web-{number}",
            [str(BIN / "gunicorn"), "--config", str(DEPLOY / "gunicorn.conf.py")],
            env=env,
        )

    def _start_nginx(self) -> None:
        prefix = self.workdir / "nginx"
        for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / "tmp" / folder).mkdir(parents=True, exist_ok=True)
        (self.workdir / "acme").mkdir(exist_ok=True)
        site = render_site(
            SITE_FILE.read_text(),
            http_port=self.http_port,
            https_port=self.https_port,
            web_ports=self.web_ports,
            static_root=self.static_root,
            media_root=self.media_root,
            error_pages=ERROR_PAGES,
            certificate=self.ca_cert,
            certificate_key=self.tls_key,
            acme_root=self.workdir / "acme",
        )
        (prefix / "teilhabe.conf").write_text(site)
        user = "user root root;" if os.geteuid() == 0 else ""
        (prefix / "nginx.conf").write_text(
            f"""# The frame Debian's /etc/nginx/nginx.conf gives a site, with paths in the workdir.
{user}
worker_processes 2;
pid {prefix / "nginx.pid"};
error_log {self.logs / "nginx-error.log"} info;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    client_body_temp_path {prefix / "tmp" / "body"};
    proxy_temp_path {prefix / "tmp" / "proxy"};
    fastcgi_temp_path {prefix / "tmp" / "fastcgi"};
    uwsgi_temp_path {prefix / "tmp" / "uwsgi"};
    scgi_temp_path {prefix / "tmp" / "scgi"};
    log_format stack '$remote_addr "$request" $status $body_bytes_sent '
                     'upstream=$upstream_addr upstream_status=$upstream_status '
                     'request_id=$request_id time=$request_time';
    access_log {self.logs / "nginx-access.log"} stack;
    include {prefix / "teilhabe.conf"};
}}
"""
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        test = subprocess.run(
            [
                nginx,
                "-t",
                "-q",
                "-p",
                str(prefix),
                "-e",
                str(self.logs / "nginx-error.log"),
                "-c",
                str(prefix / "nginx.conf"),
            ],
            capture_output=True,
            text=True,
        )
        if test.returncode != 0:
            raise StackError(f"nginx -t failed:\n{test.stderr}")
        process = self._spawn(
            "nginx",
            [
                nginx,
                "-p",
                str(prefix),
                "-e",
                str(self.logs / "nginx-error.log"),
                "-c",
                str(prefix / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
        )
        self._wait_for(
            process,
            lambda: self._http_ok(self.url + "/healthz"),
            log=self.logs / "nginx-error.log",
        )

    # --- waiting ----------------------------------------------------------------------------

    def _wait_for(self, process: Process, is_ready, timeout=None, log: Path | None = None) -> None:
        deadline = time.monotonic() + (timeout or self.startup_timeout)
        while time.monotonic() < deadline:
            if not process.is_running:
                raise StackError(
                    f"{process.name} exited with {process.popen.returncode} while starting. "
                    f"Last lines of its log ({process.log_path}):\n{process.tail()}"
                )
            try:
                if is_ready():
                    return
            except Exception:
                pass
            time.sleep(0.2)
        raise StackError(
            f"{process.name} was not ready within {timeout or self.startup_timeout} s. "
            f"Last lines of its log ({log or process.log_path}):\n"
            f"{_tail(log) if log else process.tail()}"
        )

    def _http_ok(self, url: str) -> bool:
        context = ssl.create_default_context(cafile=str(self.ca_cert))
        request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(request, timeout=5, context=context) as response:
            return response.status == 200

    def _redis_answers(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.redis_port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")

    def _postgres_answers(self) -> bool:
        return (
            subprocess.run(
                [
                    str(self.pg_bin / "pg_isready"),
                    "-q",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.pg_port),
                    "-d",
                    "postgres",
                ],
                timeout=5,
            ).returncode
            == 0
        )

    @staticmethod
    def _tcp_greets(port: int, greeting: bytes) -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            return sock.recv(64).startswith(greeting)

    def _require_own_postgres(self) -> None:
        if not self.own_postgres:
            raise StackError("this stack uses a given database_url, not its own PostgreSQL")


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise StackError(f"the nginx site file no longer contains {old!r}: update deploy/stack.py")
    return text.replace(old, new)


def render_site(
    text: str,
    *,
    http_port: int,
    https_port: int,
    web_ports: list[int],
    static_root: Path,
    media_root: Path,
    error_pages: Path,
    certificate: Path,
    certificate_key: Path,
    acme_root: Path,
) -> str:
    """The shipped site file with its example ports, paths and certificate replaced: the
    directives themselves stay as a city installs them."""
    upstream_server = re.compile(r"^(\s*)server 127\.0\.0\.1:\d+( [^;]*)?;\n", re.MULTILINE)
    matches = list(upstream_server.finditer(text))
    if not matches:
        raise StackError("no upstream server lines in the nginx site file")
    indent, options = matches[0].group(1), matches[0].group(2) or ""
    servers = "".join(f"{indent}server 127.0.0.1:{port}{options};\n" for port in web_ports)
    first = matches[0].start()
    text = text[:first] + servers + upstream_server.sub("", text[first:])
    text = _replace(text, "listen [::]:80;\n", "")
    text = _replace(text, "listen [::]:443 ssl http2;\n", "")
    text = _replace(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = _replace(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    text = _replace(
        text,
        "return 301 https://$host$request_uri;",
        f"return 301 https://$host:{https_port}$request_uri;",
    )
    text = _replace(
        text, "/etc/letsencrypt/live/teilhabe.example.org/fullchain.pem", str(certificate)
    )
    text = _replace(
        text, "/etc/letsencrypt/live/teilhabe.example.org/privkey.pem", str(certificate_key)
    )
    text = _replace(text, "/srv/teilhabe/var/static/", f"{static_root}/")
    text = _replace(text, "/srv/teilhabe/var/media/", f"{media_root}/")
    text = _replace(text, "/srv/teilhabe/deploy/nginx/errors", str(error_pages))
    text = _replace(text, "root /var/www/html;", f"root {acme_root};")
    return _replace(text, "server_name teilhabe.example.org;", "server_name 127.0.0.1 localhost;")


def main() -> None:
    """`python -m deploy.stack [workdir]`: start the stack and keep it up until Ctrl+C."""
    workdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="stack-"))
    with Stack(workdir) as stack:
        print(f"Stack up: {stack.url} (web: {', '.join(stack.web_urls)}); logs in {stack.logs}")
        print("Ctrl+C stops it.")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
