"""Request ids, one log line per request, JSON log records, the client address behind the proxy,
and error reporting to Sentry.

Imported by the logging configuration while Django starts: no models here."""

import contextvars
import ipaddress
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.utils.functional import LazyObject, empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_log = logging.getLogger("teilhabe.request")

REQUEST_ID_HEADER = "X-Request-ID"
# nginx's $request_id is 32 hex digits; other proxies use UUIDs. Anything else (a newline that
# would forge a log line, a huge value) is replaced by an id of our own.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return _current_request_id.get()


def request_id_from(header_value: str | None) -> str:
    if header_value and _SANE_REQUEST_ID.fullmatch(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds the id of the request being served to every log record (`-` outside requests), so
    that a traceback can be matched with the request's log line and the proxy's access log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current_request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line. Leaves out the request object Django attaches to its own
    records: its text holds the query string, which may carry personal data or tokens."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        super().__init__(*args, **kwargs)


class RequestLogMiddleware:
    """First in MIDDLEWARE: takes the request id from the proxy, echoes it in the response, and
    logs one line per request on `teilhabe.request` — no query string, no names, no e-mails."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        # Kept until the request is finished: Django logs 4xx and 5xx responses after the
        # middleware has returned.
        _current_request_id.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        match = getattr(request, "resolver_match", None)
        request_log.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _loaded_user_id(request),
                "view": match.view_name if match else None,
            },
        )
        return response


def _forget_request_id(**kwargs) -> None:
    _current_request_id.set("-")


request_finished.connect(_forget_request_id, dispatch_uid="teilhabe-forget-request-id")


# --- Celery: a task's log records carry the id of the request that sent it --------------------

_TASK_HEADER = "teilhabe_request_id"
_task_tokens: dict[str, contextvars.Token] = {}


def _send_request_id(headers=None, **kwargs) -> None:
    request_id = _current_request_id.get()
    if headers is not None and request_id != "-":
        headers.setdefault(_TASK_HEADER, request_id)


def _take_request_id(task_id=None, task=None, **kwargs) -> None:
    sent_with = getattr(getattr(task, "request", None), _TASK_HEADER, None)
    if isinstance(sent_with, str) and _SANE_REQUEST_ID.fullmatch(sent_with):
        request_id = sent_with
    elif _current_request_id.get() != "-":
        return  # run eagerly inside a request: its id already applies
    else:
        request_id = f"task-{task_id}"
    _task_tokens[task_id] = _current_request_id.set(request_id)


def _drop_request_id(task_id=None, **kwargs) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            _current_request_id.reset(token)
        except ValueError:  # set in another context
            _current_request_id.set("-")


def _connect_celery() -> None:
    from celery import signals

    signals.before_task_publish.connect(_send_request_id, weak=False)
    signals.task_prerun.connect(_take_request_id, weak=False)
    signals.task_postrun.connect(_drop_request_id, weak=False)


_connect_celery()


def _loaded_user_id(request):
    """The user's id if the request has already looked the user up: asking now would cost a
    session query on every cached page (and fail while the database is away)."""
    user = request.__dict__.get("user")
    if isinstance(user, LazyObject):
        user = user._wrapped
        if user is empty:
            return None
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk
    return None


# --- the client address ----------------------------------------------------------------------


def client_address(request) -> str | None:
    """The address of the person at the other end. Behind PROXY_COUNT proxies that append to
    X-Forwarded-For (nginx: $proxy_add_x_forwarded_for), it is the entry the outermost trusted
    proxy added; entries further left are whatever the client claimed, and never trusted.

    Wired in as AXES_CLIENT_IP_CALLABLE, so axes.helpers.get_client_ip_address — which the
    login lockout, the rate limits and the metrics check all use — answers with it."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def is_address_allowed(address: str | None, allowed: list[str]) -> bool:
    """Whether `address` lies in one of the `allowed` addresses or networks (CIDR)."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if ip in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


# --- error reporting --------------------------------------------------------------------------


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    """Error reports (web and Celery) to Sentry, without personal data: no user, no cookies,
    no request bodies. Called from the settings only when SENTRY_DSN is set."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
    )
