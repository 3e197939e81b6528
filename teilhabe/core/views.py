import functools
import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import DatabaseError
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from .home import home_sections
from .observability import client_address, is_address_allowed

logger = logging.getLogger(__name__)


def home(request):
    return render(request, "core/home.html", {"sections": home_sections()})


# --- health -----------------------------------------------------------------------------------


@never_cache
@require_safe
def healthz(request):
    """Alive: the process answers. Touches nothing else, so a database outage does not make the
    process manager restart healthy web processes."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve: the database answers and is migrated, Redis (cache and broker, where
    configured) answers. 503 names what is not ready."""
    checks = {"database": _check_database()}
    checks["migrations"] = (
        _check_migrations() if checks["database"] == "ok" else "unknown (no database)"
    )
    if hasattr(cache, "ping"):
        checks["cache"] = _check_redis(cache.ping)
    broker = settings.CELERY_BROKER_URL
    if broker.startswith(("redis://", "rediss://")):
        # The same Redis as the cache was just pinged; another one through a kept client.
        same_as_cache = "cache" in checks and broker == settings.CACHES["default"].get("LOCATION")
        checks["broker"] = (
            checks["cache"] if same_as_cache else _check_redis(_redis_client(broker).ping)
        )
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": checks}, status=200 if ready else 503
    )


def _check_database() -> str:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unreachable"
    return "ok"


_migrations_applied = False


def _check_migrations() -> str:
    """Loading the migration graph is slow; once everything is applied, a running process keeps
    that answer (a new migration arrives with a new release, hence new processes)."""
    global _migrations_applied
    if not _migrations_applied:
        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return "unknown (no database)"
        _migrations_applied = not plan
    return "ok" if _migrations_applied else "unapplied"


def _check_redis(ping) -> str:
    from redis.exceptions import RedisError

    try:
        ping()
    except (RedisError, OSError):
        return "unreachable"
    return "ok"


@functools.cache
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


# --- metrics ----------------------------------------------------------------------------------


@never_cache
@require_GET
def metrics(request):
    """Prometheus metrics (summed over all web processes when PROMETHEUS_MULTIPROC_DIR is set),
    only for the addresses in METRICS_ALLOWED_ADDRESSES."""
    from django_prometheus.exports import ExportToDjangoView

    if not is_address_allowed(client_address(request), settings.METRICS_ALLOWED_ADDRESSES):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    return ExportToDjangoView(request)


# --- errors -----------------------------------------------------------------------------------


def server_error(request, template_name="500.html"):
    """handler500. Django calls it inside its `except` block for any exception of a view or a
    middleware, so a database that is briefly away (even for the session lookup) becomes a 503
    'try again', and every other error the usual 500 page."""
    if _is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)


def _is_database_unavailable(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 5:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


RETRY_AFTER_SECONDS = 5


def service_unavailable(request) -> HttpResponse:
    """The 503 page, rendered without the request context: the context processors and the
    person's session need the database that is away."""
    message = _(
        "The service is briefly unavailable, so your last step was most likely not saved. "
        "Please try again in a moment."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    elif request.headers.get("HX-Request"):
        response = HttpResponse(
            format_html('<div class="alert alert-warning" role="alert">{}</div>', message),
            status=503,
        )
    else:
        context = {
            "message": message,
            "language_code": get_language() or settings.LANGUAGE_CODE,
            "is_bidi": get_language_bidi(),
            "stylesheets": _stylesheet_urls(),
            "retry_url": request.path,
        }
        try:
            content = loader.render_to_string("503.html", context)
        except Exception:  # the error page must not fail too
            logger.exception("Could not render 503.html")
            content = format_html("<!doctype html><title>503</title><p>{}</p>", message)
        response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _stylesheet_urls() -> list[str]:
    try:
        bootstrap = "bootstrap.rtl.min.css" if get_language_bidi() else "bootstrap.min.css"
        return [static(f"vendor/bootstrap/{bootstrap}"), static("css/teilhabe.css")]
    except ValueError:  # no collectstatic manifest: the page goes unstyled
        return []
