"""Every public page renders in every language, with lang/dir set, and loads nothing from
another host."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from teilhabe.associations.tests.factories import AgreementFactory, AssociationFactory

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']\s*(?:https?:)?//""", re.I
)
CSS_EXTERNAL = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


def public_urls(association, offer):
    return [
        reverse("core:home"),
        reverse("programme:offer-list"),
        reverse("programme:week"),
        reverse("programme:today"),
        offer.get_absolute_url(),
        reverse("associations:association-list"),
        association.get_absolute_url(),
        reverse("associations:agreement"),
        reverse("accounts:login"),
        reverse("accounts:password-reset"),
        reverse("accounts:password-reset-done"),
    ]


@pytest.fixture
def published_centre(db):
    association = AssociationFactory(
        short_description_de="Kurz", description_de="Ein *schöner* Verein."
    )
    AgreementFactory()
    from teilhabe.programme.tests.factories import OfferFactory, SessionFactory

    offer = OfferFactory(lead_association=association, registration=True)
    SessionFactory(offer=offer)
    return association, offer


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_public_page_renders_in_every_language_without_other_hosts(
    client, published_centre, language
):
    with translation.override(language):
        urls = public_urls(*published_centre)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        expected_dir = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
        assert f'<html lang="{language}" dir="{expected_dir}">' in html, url
        assert not EXTERNAL.findall(html), (url, EXTERNAL.findall(html))
        assert not CSS_EXTERNAL.findall(html), url
        assert 'class="visually-hidden-focusable skip-link" href="#main"' in html
        assert '<main id="main"' in html
        # a switcher link to each of the seven languages
        for code in LANGUAGE_CODES:
            assert f'hreflang="{code}"' in html


def test_right_to_left_languages_get_the_rtl_bootstrap_build(client, db):
    assert "bootstrap.rtl.min.css" in client.get("/ar/").content.decode()
    assert "bootstrap.rtl.min.css" in client.get("/fa/").content.decode()
    assert "bootstrap.rtl.min.css" not in client.get("/de/").content.decode()


def test_vendored_assets_reference_no_other_host():
    static_root = Path(settings.BASE_DIR) / "teilhabe" / "static"
    files = [p for p in static_root.rglob("*") if p.suffix in {".css", ".js"}]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not CSS_EXTERNAL.findall(text), path
        if path.suffix == ".js":
            assert not re.findall(r"""(?:fetch|import)\(\s*["']https?://""", text), path


def test_root_redirects_to_a_language(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 302
    assert response["Location"] == "/uk/"


def test_unknown_page_is_a_translated_404(client, db):
    response = client.get("/uk/associations/does-not-exist/")
    assert response.status_code == 404


def test_content_falls_back_to_german_and_says_so(client, db):
    AssociationFactory(name="Nur Deutsch e. V.", short_description_de="Nur auf Deutsch.")
    AssociationFactory(
        name="Zweisprachig e. V.",
        short_description_de="Auf Deutsch.",
        short_description_uk="Українською.",
    )
    html = client.get("/uk/associations/").content.decode()
    assert '<span lang="de" dir="ltr">Nur auf Deutsch.</span>' in html
    assert "Українською." in html
    assert html.count("fallback-note") == 1


def test_security_headers_and_content_security_policy(client, db):
    response = client.get("/de/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_sample_banner_only_on_a_sample_installation(client, db):
    from teilhabe.core.models import Centre

    assert "sample-banner" not in client.get("/de/").content.decode()
    Centre.objects.create(name="Haus", is_sample=True)
    assert "sample-banner" in client.get("/de/").content.decode()
