"""Settings of Teilhabe. Every knob comes from the environment; the defaults are safe for
production except where DEBUG=1 relaxes them for a developer's machine."""

import sys
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "teilhabe"
VAR_DIR = Path(environ.Env().str("TEILHABE_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
TESTING = "pytest" in sys.modules

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    default="insecure-development-key-only-for-debug" if (DEBUG or TESTING) else environ.Env.NOTSET,
)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if (DEBUG or TESTING) else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "django_htmx",
    "django_countries",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    # the centre, lower floors first
    "teilhabe.core",
    "teilhabe.accounts",
    "teilhabe.associations",
    "teilhabe.rooms",
    "teilhabe.programme",
    "teilhabe.counselling",
    "teilhabe.volunteers",
    "teilhabe.funding",
    "teilhabe.network",
    "teilhabe.participation",
    "teilhabe.impact",
    "teilhabe.api",
    "django_prometheus",
]

MIDDLEWARE = [
    "teilhabe.core.observability.RequestLogMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "teilhabe.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "teilhabe.urls"
WSGI_APPLICATION = "teilhabe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "teilhabe.core.context_processors.centre",
                "teilhabe.rooms.context_processors.room_links",
                "teilhabe.programme.context_processors.host_links",
                "teilhabe.counselling.context_processors.counselling_links",
                "teilhabe.funding.context_processors.funding_links",
                "teilhabe.impact.context_processors.impact_links",
                "teilhabe.network.context_processors.network_links",
            ],
        },
    },
]
FORM_RENDERER = "teilhabe.core.forms.BootstrapFormRenderer"

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL by DATABASE_URL. Under pytest, TEST_DATABASE_URL
# (when set) points the tests at PostgreSQL.
_default_db = f"sqlite:///{VAR_DIR / 'teilhabe.sqlite3'}"
_db_url = env.str("DATABASE_URL", default=_default_db)
if TESTING and env.str("TEST_DATABASE_URL", default=""):
    _db_url = env.str("TEST_DATABASE_URL")
DATABASES = {"default": env.db_url_config(_db_url)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE makes every write transaction take the lock up front, so concurrent
        # writers queue instead of failing half-way with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, Celery -----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and not TESTING:
    # Shared by every web process (page cache, rate limits); fails open while Redis is away.
    CACHES = {
        "default": {
            "BACKEND": "teilhabe.core.cache_backends.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "teilhabe",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # The embedded default: a real queue in folders, no broker service needed.
    _queue_dir = VAR_DIR / "celery-queue"
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # A request that queues a task while Redis is away waits at most this long before the
    # task stays in the outbox (core.outbox) for the relay.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_connect_timeout": env.float("CELERY_BROKER_CONNECT_TIMEOUT", default=1.0),
        "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=5.0),
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None) or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The schedule lives in the database (django-celery-beat); the entries below are written into
# it when new or changed here. The scheduler sends each entry once per due time even when two
# beats run, and relays the outbox every few seconds.
CELERY_BEAT_SCHEDULER = "teilhabe.core.beat:OncePerDueTimeScheduler"
CELERY_BEAT_SCHEDULE = {
    "materialise-sessions": {
        "task": "teilhabe.programme.tasks.materialise_sessions",
        "schedule": 60 * 60 * 6,
    },
    "session-reminders": {
        "task": "teilhabe.programme.tasks.send_session_reminders",
        "schedule": 60 * 15,
    },
    "assignment-reminders": {
        "task": "teilhabe.volunteers.tasks.send_assignment_reminders",
        "schedule": 60 * 15,
    },
    "materialise-office-hours": {
        "task": "teilhabe.counselling.tasks.materialise_office_hours",
        "schedule": 60 * 60 * 6,
    },
    "appointment-reminders": {
        "task": "teilhabe.counselling.tasks.send_appointment_reminders",
        "schedule": 60 * 15,
    },
    "funding-reminders": {
        "task": "teilhabe.funding.tasks.send_deadline_reminders",
        "schedule": 60 * 60,
    },
    "counselling-retention": {
        "task": "teilhabe.counselling.tasks.erase_expired_appointments",
        "schedule": 60 * 60,
    },
}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Failed logins: after AXES_FAILURE_LIMIT failures for one e-mail address from one IP address
# the login is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.int("AXES_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# The client's address behind PROXY_COUNT proxies (X-Forwarded-For), for the login lockout, the
# rate limits and the metrics check alike.
AXES_CLIENT_IP_CALLABLE = "teilhabe.core.observability.client_address"
AXES_VERBOSE = False

# Two-factor authentication (TOTP): the roles listed here must use it.
TWO_FACTOR_REQUIRED_ROLES = env.list(
    "TWO_FACTOR_REQUIRED_ROLES",
    default=[] if (DEBUG or TESTING) else ["staff", "counsellor", "administrator"],
)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Teilhabe")

# --- Languages and time -----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("fa", _("Persian")),
]
LANGUAGES_BIDI = ["ar", "fa"]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
MODELTRANSLATION_AUTO_POPULATE = False

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Files only the people allowed to see them may download (funding documents): never under
# MEDIA_URL, served by views that check permissions.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# Where uploaded files live. "filesystem": MEDIA_ROOT and PRIVATE_MEDIA_ROOT (one server, or a
# folder every server mounts). "s3": an S3-compatible object store (AWS, MinIO, Ceph, Hetzner,
# IONOS …) that every web process and worker reaches: the public files under the prefix
# S3_MEDIA_LOCATION, the private ones under S3_PRIVATE_LOCATION. Nothing is uploaded public:
# the bucket stays private and the application hands out signed links.
FILE_STORAGE = env.str("FILE_STORAGE", default="filesystem")
# The bucket (create it beforehand; no public access needed).
S3_BUCKET = env.str("S3_BUCKET", default="")
# Optionally a second bucket for the private files (funding documents, reports), e.g. with
# stricter access rules or another retention; empty: the same bucket as S3_BUCKET.
S3_PRIVATE_BUCKET = env.str("S3_PRIVATE_BUCKET", default="") or S3_BUCKET
# The store's address, e.g. https://fsn1.your-objectstorage.com (Hetzner),
# https://s3.eu-central-2.ionoscloud.com (IONOS), http://127.0.0.1:9000 (MinIO); empty for AWS.
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
# The region the signatures name (eu-central-1, fsn1, …); stores that ignore it accept any.
S3_REGION = env.str("S3_REGION", default="")
# The access key pair; empty: boto3's usual sources (AWS_* variables, an instance role).
S3_ACCESS_KEY_ID = env.str("S3_ACCESS_KEY_ID", default="")
S3_SECRET_ACCESS_KEY = env.str("S3_SECRET_ACCESS_KEY", default="")
# "path" (https://host/bucket/key: MinIO, Ceph and most self-hosted stores) or "virtual"
# (https://bucket.host/key); default "path" with S3_ENDPOINT_URL, else boto3's choice (AWS).
S3_ADDRESSING_STYLE = env.str("S3_ADDRESSING_STYLE", default="path" if S3_ENDPOINT_URL else "auto")
S3_MEDIA_LOCATION = env.str("S3_MEDIA_LOCATION", default="media")
S3_PRIVATE_LOCATION = env.str("S3_PRIVATE_LOCATION", default="private")
# Logos and offer images are shown through signed links valid this long (well beyond the life
# of a cached page) — unless S3_MEDIA_PUBLIC_URL is the address where the bucket's objects are
# readable without a signature (a CDN, or the bucket itself with a read policy for the media
# prefix only), e.g. https://teilhabe.fsn1.your-objectstorage.com; then plain links
# <that address>/<media prefix>/<file>.
S3_MEDIA_URL_EXPIRE_SECONDS = env.int("S3_MEDIA_URL_EXPIRE_SECONDS", default=24 * 60 * 60)
S3_MEDIA_PUBLIC_URL = env.str("S3_MEDIA_PUBLIC_URL", default="").rstrip("/")


def _s3_storage(*, bucket: str, location: str, **options) -> dict:
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": location,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": S3_REGION or None,
            "access_key": S3_ACCESS_KEY_ID or None,
            "secret_key": S3_SECRET_ACCESS_KEY or None,
            "addressing_style": S3_ADDRESSING_STYLE,
            "signature_version": "s3v4",
            # No ACL on upload: objects take the bucket's (private) default, and stores with
            # ACLs switched off (AWS's default) accept the upload.
            "default_acl": None,
            # Two uploads named logo.png must not overwrite each other (S3Storage's default).
            "file_overwrite": False,
            **options,
        },
    }


if FILE_STORAGE == "s3":
    if not S3_BUCKET:
        raise environ.ImproperlyConfigured("FILE_STORAGE=s3 needs S3_BUCKET.")
    if S3_MEDIA_PUBLIC_URL:
        _scheme, _, _address = S3_MEDIA_PUBLIC_URL.partition("//")
        _media_links = {
            "custom_domain": _address,
            "url_protocol": _scheme,
            "querystring_auth": False,
        }
    else:
        _media_links = {"querystring_auth": True, "querystring_expire": S3_MEDIA_URL_EXPIRE_SECONDS}
    _upload_storages = {
        "default": _s3_storage(bucket=S3_BUCKET, location=S3_MEDIA_LOCATION, **_media_links),
        # Read only through the permission-checking views (storage.open()); a link, should one
        # ever be made, is signed and short-lived.
        "private": _s3_storage(
            bucket=S3_PRIVATE_BUCKET,
            location=S3_PRIVATE_LOCATION,
            querystring_auth=True,
            querystring_expire=300,
        ),
    }
elif FILE_STORAGE == "filesystem":
    _upload_storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
else:
    raise environ.ImproperlyConfigured(f"FILE_STORAGE must be filesystem or s3, not {FILE_STORAGE}")
STORAGES = {
    **_upload_storages,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


def _origin(url: str) -> str:
    return "/".join(url.split("/")[:3])


# Where uploaded images load from besides 'self', for the Content-Security-Policy's img-src.
UPLOADED_IMAGE_ORIGINS = []
if FILE_STORAGE == "s3":
    if S3_MEDIA_PUBLIC_URL:
        UPLOADED_IMAGE_ORIGINS = [_origin(S3_MEDIA_PUBLIC_URL)]
    elif S3_ENDPOINT_URL and S3_ADDRESSING_STYLE == "path":
        UPLOADED_IMAGE_ORIGINS = [_origin(S3_ENDPOINT_URL)]
    elif S3_ENDPOINT_URL:
        _scheme, _, _host = _origin(S3_ENDPOINT_URL).partition("//")
        UPLOADED_IMAGE_ORIGINS = [f"{_scheme}//{S3_BUCKET}.{_host}"]
    else:
        UPLOADED_IMAGE_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"]
        if S3_REGION:
            UPLOADED_IMAGE_ORIGINS.append(f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com")
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
MAX_LOGO_BYTES = env.int("MAX_LOGO_BYTES", default=1_048_576)

# --- Backups ---------------------------------------------------------------------------------
# `manage.py backup` writes one archive (database dump, every uploaded file, manifest) into
# BACKUP_DIR and then keeps only the newest BACKUP_KEEP archives. Put BACKUP_DIR on another
# disk, or copy it elsewhere: a backup on the same disk survives mistakes, not the disk.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# The folder of pg_dump and pg_restore when they are not on PATH; their major version must be
# at least the server's (e.g. /usr/lib/postgresql/16/bin).
BACKUP_PG_BIN_DIR = env.str("BACKUP_PG_BIN_DIR", default="")

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Teilhabe <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG and not TESTING)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only the application's own origin, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *UPLOADED_IMAGE_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Audit trail -----------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# --- Logging ----------------------------------------------------------------------------------
# To standard error, which systemd's journal collects. LOG_FORMAT=json (the default in
# production): one JSON object per line; text for a developer's terminal. Every record made
# while a request is served carries its request id (X-Request-ID, set by nginx).
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if (DEBUG or TESTING) else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "teilhabe.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "teilhabe.core.observability.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per request; quiet under pytest.
        "teilhabe.request": {"level": "WARNING" if TESTING else "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# The Celery worker logs through the handler above (JSON too) instead of its own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Monitoring ---------------------------------------------------------------------------------
# Prometheus metrics at /metrics, only for these addresses or networks (CIDR). With several
# gunicorn workers, set PROMETHEUS_MULTIPROC_DIR (an empty folder) in their environment: the
# endpoint then sums the metrics of all processes.
METRICS_ALLOWED_ADDRESSES = env.list("METRICS_ALLOWED_ADDRESSES", default=["127.0.0.1", "::1"])
# Error reports to Sentry (or a compatible service) when SENTRY_DSN is set; nothing otherwise.
# No personal data is sent. SENTRY_TRACES_SAMPLE_RATE > 0 also sends performance traces.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from teilhabe.core.observability import init_sentry

    init_sentry(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default=""),
        release=env.str("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- The programme ---------------------------------------------------------------------------
PROGRAMME_HORIZON_DAYS = env.int("PROGRAMME_HORIZON_DAYS", default=120)
REGISTRATION_LINK_DAYS = env.int("REGISTRATION_LINK_DAYS", default=180)
REMINDER_HOURS = env.int("REMINDER_HOURS", default=24)
# The public address of the installation, for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)

# --- Counselling -----------------------------------------------------------------------------
# Fernet keys for the counsellors' case notes (comma-separated; the first encrypts, all
# decrypt, for rotation). Required in production; generate one with
# python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'
COUNSELLING_NOTES_KEYS = env.list("COUNSELLING_NOTES_KEYS", default=[])
# Days after an appointment when its personal data is deleted (only anonymous counts remain).
COUNSELLING_RETENTION_DAYS = env.int("COUNSELLING_RETENTION_DAYS", default=90)
# How far ahead people can book, and how far ahead office hours hold their rooms.
COUNSELLING_BOOKING_DAYS = env.int("COUNSELLING_BOOKING_DAYS", default=28)
COUNSELLING_HORIZON_DAYS = env.int("COUNSELLING_HORIZON_DAYS", default=90)
COUNSELLING_REMINDER_HOURS = env.int("COUNSELLING_REMINDER_HOURS", default=24)
# Lookups of a booking by its code allowed per address and hour (guessing codes is pointless).
COUNSELLING_CODE_LOOKUPS_PER_HOUR = env.int("COUNSELLING_CODE_LOOKUPS_PER_HOUR", default=20)

# --- Funding -------------------------------------------------------------------------------------
# Days before a deadline (submission, interim or final report) when the association and its
# advisor are reminded.
FUNDING_REMINDER_DAYS = [int(d) for d in env.list("FUNDING_REMINDER_DAYS", default=["14", "3"])]
# Regions whose programmes the associations of this centre can apply to (matching).
FUNDING_REGIONS = env.list("FUNDING_REGIONS", default=["EU", "Deutschland", "Thüringen", "Erfurt"])
FUNDING_MAX_DOCUMENT_BYTES = env.int("FUNDING_MAX_DOCUMENT_BYTES", default=10 * 1024 * 1024)

# --- The network directory and the ideas board ------------------------------------------------
# The city of the directory (new locations) and its state; districts default to Erfurt's.
NETWORK_CITY = env.str("NETWORK_CITY", default="Erfurt")
NETWORK_STATE_PROVINCE = env.str("NETWORK_STATE_PROVINCE", default="Thüringen")
if env.list("NETWORK_DISTRICTS", default=[]):
    NETWORK_DISTRICTS = env.list("NETWORK_DISTRICTS")
# Per client address and hour: new ideas, supports, comments; supports of one idea per address
# (households share an address, so not 1).
PARTICIPATION_IDEAS_PER_HOUR = env.int("PARTICIPATION_IDEAS_PER_HOUR", default=10)
PARTICIPATION_SUPPORTS_PER_HOUR = env.int("PARTICIPATION_SUPPORTS_PER_HOUR", default=30)
PARTICIPATION_COMMENTS_PER_HOUR = env.int("PARTICIPATION_COMMENTS_PER_HOUR", default=20)
PARTICIPATION_SUPPORTS_PER_ADDRESS_AND_IDEA = env.int(
    "PARTICIPATION_SUPPORTS_PER_ADDRESS_AND_IDEA", default=30
)

# --- Text messages (SMS) -------------------------------------------------------------------------
# Off unless configured. "http" posts {"to", "text", "sender"} as JSON with a bearer token to
# SMS_GATEWAY_URL (most gateways accept this or have a small adapter); "console" prints them.
SMS_BACKEND = env.str("SMS_BACKEND", default="locmem" if TESTING else "off")
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_SENDER = env.str("SMS_SENDER", default="Teilhabe")

# --- The API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Teilhabe API",
    "DESCRIPTION": "The programme, rooms, counselling and more of the centre.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from the vendored sidecar package: no page loads from another host.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- The centre --------------------------------------------------------------------------------
# Password of the sample logins that `load_sample_centre` creates.
SAMPLE_PASSWORD = env.str("SAMPLE_PASSWORD", default="teilhabe-sample")

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = TESTING  # tests run tasks inline; the worker-path test turns it off
