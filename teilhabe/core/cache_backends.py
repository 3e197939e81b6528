"""The Redis cache, failing open: while Redis is unreachable the site serves uncached and rate
limits let requests through, instead of every page failing with Redis."""

import contextlib
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .cache import VERSION_KEYS

logger = logging.getLogger(__name__)

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class _Outage:
    """Per process and Redis address: while Redis was unreachable a moment ago, calls skip it
    (a Redis that hangs would otherwise cost a timeout on every call); invalidations that could
    not reach it are replayed once it answers again, so no page stays stale."""

    RETRY_SECONDS = 2.0
    WARN_EVERY_SECONDS = 60.0
    MAX_PENDING = 1000

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.warned_at = float("-inf")
        self.pending_deletes: set = set()
        self.pending_increments: set = set()

    def is_down(self) -> bool:
        return time.monotonic() < self.retry_at

    def failed(self, error: Exception, location: str) -> None:
        now = time.monotonic()
        self.retry_at = now + self.RETRY_SECONDS
        if now - self.warned_at >= self.WARN_EVERY_SECONDS:
            self.warned_at = now
            logger.warning("Redis cache at %s unreachable, serving uncached: %s", location, error)

    def remember(self, kind: set, key) -> None:
        with self.lock:
            if len(self.pending_deletes) + len(self.pending_increments) < self.MAX_PENDING:
                kind.add(key)

    def take_pending(self) -> tuple[set, set]:
        with self.lock:
            deletes, self.pending_deletes = self.pending_deletes, set()
            increments, self.pending_increments = self.pending_increments, set()
        return deletes, increments


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache with short socket timeouts that, when Redis cannot be reached, logs a
    warning (once a minute) and behaves as an empty cache: reads miss, writes do nothing, and
    `incr` counts from zero (so a rate limit lets the request through)."""

    DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**self.DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._outage = _outage_for(str(server))
        self._location = str(server).split("@")[-1]  # no password in the warning

    def _call(self, method, fallback, *args, **kwargs):
        outage = self._outage
        if outage.is_down():
            return fallback
        try:
            if outage.pending_deletes or outage.pending_increments:
                self._replay_invalidations()
            return getattr(super(), method)(*args, **kwargs)
        except _UNREACHABLE as error:
            outage.failed(error, self._location)
            return fallback

    def _replay_invalidations(self) -> None:
        deletes, increments = self._outage.take_pending()
        try:
            for key in deletes:
                super().delete(*key)
            for key in increments:
                with contextlib.suppress(ValueError):  # expired meanwhile: nothing to do
                    super().incr(*key)
        except _UNREACHABLE:
            with self._outage.lock:  # keep them for the next attempt
                self._outage.pending_deletes |= deletes
                self._outage.pending_increments |= increments
            raise

    def ping(self) -> None:
        """Raises unless Redis answers (for the readiness check; does not fail open)."""
        self._cache.get_client(write=True).ping()

    # Reads: a miss.
    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    # Writes: nothing stored.
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def clear(self):
        return self._call("clear", False)

    # Invalidations: remembered and replayed when Redis is back.
    def delete(self, key, version=None):
        missed = object()
        result = self._call("delete", missed, key, version)
        if result is missed:
            self._outage.remember(self._outage.pending_deletes, (key, version))
            return False
        return result

    def delete_many(self, keys, version=None):
        keys = list(keys)
        missed = object()
        if self._call("delete_many", missed, keys, version) is missed:
            for key in keys:
                self._outage.remember(self._outage.pending_deletes, (key, version))

    def incr(self, key, delta=1, version=None):
        missed = object()
        result = self._call("incr", missed, key, delta, version)
        if result is missed:
            # Only the bump of a version key is an invalidation worth replaying; counters
            # (rate limits) of the outage are not.
            if key in VERSION_KEYS:
                self._outage.remember(self._outage.pending_increments, (key, delta, version))
            return delta
        return result
