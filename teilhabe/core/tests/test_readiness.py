"""/readyz: the database answers and is migrated, Redis answers where it is used."""

import json

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import override_settings

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core import views

from .processes import UNREACHABLE_DATABASE, closed_port, run_django

pytestmark = pytest.mark.django_db


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "teilhabe.core.cache_backends.FailOpenRedisCache",
            "LOCATION": url,
        }
    }


@pytest.fixture(autouse=True)
def migrations_checked_anew(monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)


@pytest.fixture(autouse=True)
def embedded_broker(settings):
    """The embedded default (no Redis) unless a test points cache and broker at a Redis; CI's
    REDIS_URL must not decide which checks there are."""
    settings.CELERY_BROKER_URL = "filesystem://"


def test_ready_when_the_database_answers_and_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_makes_it_not_ready(client):
    loader = MigrationLoader(connection)
    app, name = next(node for node in loader.graph.leaf_nodes() if node[0] == "programme")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "unapplied"}


def test_unreachable_redis_cache_and_broker_make_it_not_ready(client):
    url = f"redis://127.0.0.1:{closed_port()}/0"
    with override_settings(CACHES=redis_cache(url), CELERY_BROKER_URL=url):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {
            "database": "ok",
            "migrations": "ok",
            "cache": "unreachable",
            "broker": "unreachable",
        },
    }


def test_ready_with_redis_answering(client, redis_server):
    with override_settings(
        CACHES=redis_cache(redis_server.url), CELERY_BROKER_URL=redis_server.url
    ):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == response.json()["checks"]["broker"] == "ok"


@override_settings(SECURE_SSL_REDIRECT=True, TWO_FACTOR_REQUIRED_ROLES=["staff"])
def test_health_checks_skip_the_https_redirect_and_the_second_factor(client):
    client.force_login(UserFactory(role="staff"))
    assert client.get("/en/programme/").status_code == 301  # the redirect is on
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz", secure=True).status_code == 200
    assert client.get("/en/programme/", secure=True).status_code == 302  # to the 2FA set-up


def test_with_the_database_unreachable_it_is_alive_but_not_ready():
    """A real process whose database is a closed port on this machine."""
    script = (
        "import json; from django.test import Client\n"
        "client = Client()\n"
        "for path in ('/healthz', '/readyz'):\n"
        "    r = client.get(path, HTTP_HOST='localhost')\n"
        "    print(json.dumps([r.status_code, r.json()]))\n"
    )
    result = run_django(script, DEBUG="1", DATABASE_URL=UNREACHABLE_DATABASE, CONN_MAX_AGE="0")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        [200, {"status": "ok"}],
        [
            503,
            {
                "status": "error",
                "checks": {"database": "unreachable", "migrations": "unknown (no database)"},
            },
        ],
    ], result.stderr[-2000:]
