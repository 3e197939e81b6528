"""While PostgreSQL is briefly away, pages answer 503 'try again' instead of a server error."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client
from django.utils import translation

from teilhabe.core import views

from .processes import PRODUCTION_ENV, UNREACHABLE_DATABASE, run_django

pytestmark = pytest.mark.django_db

MESSAGE = (
    "The service is briefly unavailable, so your last step was most likely not saved. "
    "Please try again in a moment."
)


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def database_away(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_view_that_loses_the_database_answers_503_with_retry_after(visitor, monkeypatch):
    monkeypatch.setattr(views, "home_sections", database_away)
    response = visitor.get("/en/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    html = response.content.decode()
    assert MESSAGE in html
    assert '<html lang="en"' in html


def test_the_session_lookup_in_a_middleware_losing_the_database_answers_503_too(
    visitor, monkeypatch
):
    monkeypatch.setattr(SessionStore, "load", database_away)
    visitor.cookies["sessionid"] = "a" * 32
    response = visitor.get("/en/programme/")
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_htmx_requests_get_the_status_and_a_short_fragment(visitor, monkeypatch):
    monkeypatch.setattr(views, "home_sections", database_away)
    response = visitor.get("/en/", HTTP_HX_REQUEST="true")
    assert response.status_code == 503
    assert response.content.decode() == (
        f'<div class="alert alert-warning" role="alert">{MESSAGE}</div>'
    )


def test_other_errors_stay_server_errors(visitor, monkeypatch):
    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "home_sections", broken)
    response = visitor.get("/en/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_real_process_without_its_database_answers_503_not_500():
    """Production settings; the database is a closed port on this machine. Nothing may touch
    the database while the page is rendered, or it would be a 500."""
    with translation.override("de"):
        german = translation.gettext(MESSAGE)
    assert german != MESSAGE
    script = (
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        f"messages = {{'en': {MESSAGE!r}, 'de': {german!r}}}\n"
        "for path in ('/en/', '/en/programme/', '/de/programme/week/'):\n"
        "    r = client.get(path, HTTP_HOST='localhost')\n"
        "    html = r.content.decode()\n"
        "    language = html.split('<html ')[1].split()[0]\n"
        "    in_its_language = messages[path.split('/')[1]] in html\n"
        "    print(r.status_code, r['Retry-After'], in_its_language, language)\n"
        "client.cookies['sessionid'] = 'a' * 32\n"
        "r = client.post('/en/programme/offers/x/register/', {'name': 'A'},"
        " HTTP_HOST='localhost')\n"
        "print(r.status_code, r['Retry-After'])\n"
    )
    result = run_django(
        script, DATABASE_URL=UNREACHABLE_DATABASE, CONN_MAX_AGE="0", **PRODUCTION_ENV
    )
    assert result.stdout.splitlines() == [
        '503 5 True lang="en"',
        '503 5 True lang="en"',
        '503 5 True lang="de"',
        "503 5",
    ], result.stderr[-3000:]
