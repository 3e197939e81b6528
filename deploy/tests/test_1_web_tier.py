"""Scenario 1: the web tier is stateless (a login on one gunicorn instance continues on the
other) and nginx does what the shipped site file promises."""

import gzip
import json
import re
import uuid

import requests

from deploy.tests.clients import DirectClient, Visitor, csrf_token
from deploy.tests.conftest import data


def test_login_on_one_web_process_continues_on_the_other(stack):
    email = f"person-{uuid.uuid4().hex[:8]}@example.org"
    password = "a-long-stack-password-7"
    data(stack, "create_user", email=email, password=password, display_name="Amira Stack")
    web_1, web_2 = stack.web_urls

    client = DirectClient(web_1)
    login = client.get("/de/account/login/")
    assert login.status_code == 200
    response = client.post(
        "/de/account/login/",
        {
            "csrfmiddlewaretoken": csrf_token(login.text),
            "username": email,
            "password": password,
        },
    )
    assert response.status_code == 302, response.text[:2000]
    assert "sessionid" in client.cookies

    client.use(web_2)
    account = client.get("/de/account/")
    assert account.status_code == 200
    assert "Amira Stack" in account.text and email in account.text

    saved = client.post(
        "/de/account/",
        {
            "csrfmiddlewaretoken": csrf_token(account.text),
            "display_name": "Amira Renamed",
            "preferred_language": "de",
        },
    )
    assert saved.status_code == 302, saved.text[:2000]
    client.use(web_1)
    assert "Amira Renamed" in client.get("/de/account/").text


def test_plain_http_is_redirected_to_https(stack):
    response = requests.get(stack.http_url + "/de/", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"] == f"{stack.url}/de/"


def test_pages_through_nginx_carry_security_headers_and_the_request_id(stack):
    response = Visitor(stack).get("/de/")
    assert response.status_code == 200
    headers = response.headers
    # requests joins repeated headers with ", ": each must appear exactly once.
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    request_id = headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    # nginx passed it on: the application logged the request under the same id.
    web_logs = stack.log("web-1") + stack.log("web-2")
    assert request_id in web_logs


def test_static_files_come_from_nginx_with_long_cache_for_hashed_names(stack):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())["paths"]
    css = next(hashed for name, hashed in manifest.items() if name.endswith(".css"))
    visitor = Visitor(stack)
    response = visitor.get(f"/static/{css}", headers={"Accept-Encoding": "gzip"}, stream=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = gzip.decompress(response.raw.read())
    assert body == (stack.static_root / css).read_bytes()
    request_id = response.headers["X-Request-ID"]
    assert request_id not in stack.log("web-1") + stack.log("web-2"), "static went to Django"

    unhashed = visitor.get(f"/static/{next(iter(manifest))}")
    assert unhashed.status_code == 200
    assert unhashed.headers["Cache-Control"] == "max-age=3600"


def test_bodies_over_the_upload_limit_are_refused_by_nginx(stack):
    response = Visitor(stack).post(
        "/de/account/login/", data=b"x" * (12 * 1024 * 1024), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 413


def test_metrics_are_refused_from_outside_but_served_to_the_monitoring_address(stack):
    assert Visitor(stack).get("/metrics").status_code == 404
    assert Visitor(stack).get("/metrics/").status_code == 404
    direct = requests.get(stack.web_urls[0] + "/metrics", timeout=10)
    assert direct.status_code == 200
    assert "django_http_requests" in direct.text


def test_readiness_through_nginx(stack):
    response = Visitor(stack).get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "ok"
