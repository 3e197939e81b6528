"""The Redis cache fails open: with Redis unreachable the site serves uncached, rate limits let
requests through, and invalidations made meanwhile are not lost."""

import logging
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from teilhabe.core.cache import invalidate_public_pages, public_pages_version
from teilhabe.core.cache_backends import FailOpenRedisCache, _outages
from teilhabe.programme.models import Registration
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory

from .processes import closed_port


def redis_cache(url):
    return {
        "default": {"BACKEND": "teilhabe.core.cache_backends.FailOpenRedisCache", "LOCATION": url}
    }


@pytest.fixture(autouse=True)
def fresh_outage_state():
    _outages.clear()
    yield
    _outages.clear()


@pytest.fixture
def unreachable_cache():
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
        yield cache


def test_every_operation_behaves_as_an_empty_cache_and_warns_once(unreachable_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="teilhabe.core.cache_backends"):
        assert cache.get("k", "default") == "default"
        assert cache.set("k", 1) is None
        assert cache.add("k", 1) is False
        assert cache.incr("counter") == 1
        assert cache.decr("counter") == -1
        assert cache.get_or_set("k", lambda: "made") == "made"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        cache.set_many({"a": 1})
        cache.delete_many(["a"])
        cache.touch("k")
    warnings = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(warnings) == 1


PAGES = (
    "/en/",
    "/de/programme/",
    "/ar/programme/offers/naehcafe/",
    "/de/programme/calendar.ics",
    "/de/programme/offers/naehcafe/calendar.ics",
)


@pytest.mark.django_db
def test_public_pages_feeds_and_a_registration_work_and_are_fast(client):
    offer = OfferFactory(registration=True, slug="naehcafe", capacity=5)
    SessionFactory(offer=offer)
    for url in PAGES:  # the first request of a process imports and compiles a lot
        client.get(url)
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
        for url in PAGES:
            started = time.monotonic()
            response = client.get(url)
            assert response.status_code == 200, url
            assert time.monotonic() - started < 2, url
        started = time.monotonic()
        response = client.post(
            "/en/programme/offers/naehcafe/register/",
            {"name": "Amina", "email": "amina@example.org", "persons": "1", "consent": "on"},
        )
        assert response.status_code == 302
        assert time.monotonic() - started < 2
    assert Registration.objects.get().status == "confirmed"


def test_rate_limits_let_requests_through(unreachable_cache, settings, rf):
    from teilhabe.accounts.services import may_send_password_reset
    from teilhabe.counselling.views.public import _lookup_allowed

    settings.COUNSELLING_CODE_LOOKUPS_PER_HOUR = 1
    assert all(may_send_password_reset("a@example.org") for _ in range(5))
    assert all(_lookup_allowed(rf.get("/")) for _ in range(3))


def test_with_redis_answering_it_caches(redis_server):
    backend = FailOpenRedisCache(redis_server.url, {})
    backend.set("k", "v")
    assert backend.get("k") == "v"
    backend.add("n", 0)
    assert backend.incr("n") == 1
    backend.ping()


def test_a_hanging_redis_costs_one_timeout_and_missed_invalidations_are_replayed(redis_server):
    """Redis stops answering (CLIENT PAUSE) while a service changes public data: the page
    version cannot be bumped then, so it is bumped when Redis answers again."""
    with override_settings(CACHES=redis_cache(redis_server.url)):
        version = public_pages_version()
        cache.set("centre", "old")
        subprocess.run(
            ["redis-cli", "-p", str(redis_server.port), "CLIENT", "PAUSE", "1500", "ALL"],
            check=True,
            capture_output=True,
        )
        started = time.monotonic()
        invalidate_public_pages()  # one socket timeout, then Redis is skipped
        cache.delete("centre")
        assert cache.get("centre") is None
        assert time.monotonic() - started < 1.5
        assert public_pages_version() == 1  # as if empty, while Redis hangs
        time.sleep(2.2)  # the pause is over and the process tries Redis again
        assert public_pages_version() == version + 1
        assert cache.get("centre") is None
