from xml.etree import ElementTree

import pytest
from django.conf import settings

from teilhabe.associations.tests.factories import AssociationFactory

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_healthz_says_alive_without_asking_the_database(client, db, django_assert_num_queries):
    """Only that the process answers: a database outage is /readyz's business (and must not
    make the process manager restart every web process)."""
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


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
