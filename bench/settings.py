"""Production-like settings for the benchmark: the project's settings with DEBUG off,
PostgreSQL, Redis as the cache, WhiteNoise serving the hashed static files, and only what plain
HTTP on the loopback needs relaxed (no HTTPS redirect, no secure-only cookies)."""

import os

import environ

# The project's settings refuse to load without a secret key when DEBUG is off.
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")

from teilhabe.settings import *  # noqa: F403
from teilhabe.settings import STORAGES as PROJECT_STORAGES
from teilhabe.settings import VAR_DIR

_env = environ.Env()

BENCH_DIR = VAR_DIR / "bench"
SECRET_KEY = "bench-secret-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.urls"
WSGI_APPLICATION = "bench.wsgi.application"

DATABASES = {
    "default": _env.db_url_config(
        _env.str("BENCH_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/teilhabe_bench")
    )
}
DATABASES["default"].update(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True, ATOMIC_REQUESTS=False)
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _env.str("BENCH_REDIS_URL", default="redis://127.0.0.1:6379/5"),
        "KEY_PREFIX": "teilhabe-bench",
    }
}

# Plain HTTP on the loopback: no redirect to HTTPS, cookies not marked secure-only.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# Static files as in production: collected, hashed and compressed, served by WhiteNoise.
STATIC_ROOT = BENCH_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PROJECT_STORAGES["private"],
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False

# Quiet: one line per request (e.g. "Not Found" while a view is not built yet) would cost
# time under load and bury the results.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

# Cached pages must not expire in the middle of a run: that would time one random render on a
# cache miss instead of what is being measured. Misses are measured on purpose (new URLs).
PUBLIC_PAGE_CACHE_SECONDS = _env.int("BENCH_PAGE_CACHE_SECONDS", default=3600)
