"""The OpenAPI schema is valid OpenAPI 3 and its documentation pages load only assets of the
site itself (the sidecar's vendored Swagger UI and ReDoc) under the strict CSP."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def test_the_schema_is_valid_openapi_3(client):
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/counselling/services/",
        "/api/v1/counselling/services/{slug}/slots/",
        "/api/v1/counselling/services/{slug}/appointments/",
        "/api/v1/counselling/services/{slug}/statistics/",
        "/api/v1/offers/",
        "/api/v1/offers/{slug}/",
        "/api/v1/offers/{slug}/status/",
        "/api/v1/offers/{slug}/sessions/",
        "/api/v1/categories/",
        "/api/v1/associations/",
        "/api/v1/rooms/",
        "/api/v1/rooms/{id}/availability/",
        "/api/v1/bookings/",
        "/api/v1/bookings/{id}/cancel/",
        "/api/v1/volunteering/roles/",
        "/api/v1/network/services/",
        "/api/v1/network/organizations/",
        "/api/v1/network/organizations/{uuid}/",
    ):
        assert path in paths
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    offer_list = paths["/api/v1/offers/"]["get"]
    assert {"category", "association", "language", "q", "from", "until", "lang", "page"} <= {
        p["name"] for p in offer_list["parameters"]
    }
    assert "PaginatedOfferList" in str(offer_list["responses"]["200"])  # a page of results


def test_the_schema_builds_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--api-version",
        "v1",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )


def _same_origin_assets(html: str) -> list[str]:
    assets = ASSET.findall(html)
    for url in assets:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} comes from another host"
    return assets


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_only_their_own_assets_and_no_inline_code(client, url):
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assets = _same_origin_assets(html)
    assert assets
    assert "<style" not in html
    for script in re.findall(r"<script([^>]*)>", html):
        assert "src=" in script, "an inline script would be blocked by the CSP"
    for asset in assets:
        path = urlsplit(asset).path
        if path.startswith("/static/"):
            assert finders.find(path.removeprefix("/static/")), f"{path} is missing"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_swagger_start_script_is_served_as_a_file(client):
    html = client.get("/api/docs/").content.decode()
    (script_url,) = [u for u in ASSET.findall(html) if "script" in u]

    response = client.get(script_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()


@pytest.mark.browser
def test_swagger_ui_renders_from_the_site_alone(page, live_server):
    requests = []
    blocked = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container .title")

    assert "Teilhabe API" in page.inner_text(".swagger-ui .information-container .title")
    page.wait_for_selector("text=/api/v1/counselling/services/")
    assert requests
    assert all(url.startswith(live_server.url) for url in requests), requests
    assert not [text for text in blocked if "script" in text], blocked
