import os
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from django.conf import settings

from teilhabe.associations.tests.factories import AssociationFactory

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable():
    """A real process whose database is a closed port on this machine."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost');"
        "print(r.status_code, r.json()['database'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "teilhabe.settings",
        "DEBUG": "1",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "CONN_MAX_AGE": "0",
    }
    env.pop("TEST_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "unreachable"], result.stderr[-2000:]


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language_with_alternates(client):
    association = AssociationFactory(slug="al-nour")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    locations = [url.find("s:loc", SITEMAP_NS).text for url in root.findall("s:url", SITEMAP_NS)]
    for code, _name in settings.LANGUAGES:
        assert any(loc.endswith(f"/{code}/") for loc in locations), code
        assert any(loc.endswith(f"/{code}/associations/al-nour/") for loc in locations), code
        assert any(loc.endswith(f"/{code}/associations/agreement/") for loc in locations), code
    first = root.find("s:url", SITEMAP_NS)
    alternates = {
        link.get("hreflang") for link in first.findall("x:link", SITEMAP_NS) if link.get("hreflang")
    }
    assert {code for code, _name in settings.LANGUAGES} | {"x-default"} <= alternates
    assert association.slug in response.content.decode()
