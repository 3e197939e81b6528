"""Scenario 5: PostgreSQL restarts while registrations come in. Every visitor gets either a
clear error page or a confirmed place, and every confirmed place is in the database."""

import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from deploy.tests.clients import Visitor, register
from deploy.tests.conftest import data, note, wait_until

PEOPLE = 50


def outcome(response) -> str:
    """confirmed, or the kind of clear error page, or 'unclear: …'."""
    if response.status_code == 302 and "/programme/registrations/" in response.headers["Location"]:
        return "confirmed"
    if response.status_code == 503 and "<h1>" in response.text:
        return "503 from the application"
    if response.status_code in (502, 504) and "unavailable right now" in response.text:
        return f"{response.status_code} page from nginx"
    return f"unclear: {response.status_code} {response.text[:300]!r}"


def test_registrations_during_a_database_restart(stack, request):
    offer = data(stack, "create_offer", capacity=1000, taken=0)
    tag = uuid.uuid4().hex[:6]
    started = time.monotonic()

    def attempt(number):
        time.sleep(number * 0.06)
        email = f"restart-{tag}-{number}@example.org"
        try:
            response = register(Visitor(stack, timeout=60), offer["slug"], name="R", email=email)
        except requests.RequestException as error:
            return email, f"unclear: {error!r}"
        return email, outcome(response)

    def restart():
        time.sleep(1.0)
        stack.restart_postgres()
        return time.monotonic() - started

    with ThreadPoolExecutor(PEOPLE + 1) as pool:
        restarted = pool.submit(restart)
        results = list(pool.map(attempt, range(PEOPLE)))
        restarted.result()

    kinds = Counter(kind for _, kind in results)
    assert not [kind for kind in kinds if kind.startswith("unclear")], kinds
    assert kinds["confirmed"] >= 1, kinds
    assert sum(n for kind, n in kinds.items() if kind != "confirmed") >= 1, (
        f"the restart hit no request: {kinds}"
    )
    stored = {r["email"]: r["status"] for r in data(stack, "registrations", slug=offer["slug"])}
    for email, kind in results:
        if kind == "confirmed":
            assert stored.get(email) == "confirmed", email

    # And the site serves normally again.
    visitor = Visitor(stack)
    wait_until(lambda: visitor.get("/readyz").status_code == 200, timeout=30)
    assert visitor.get("/de/programme/").status_code == 200
    after = register(visitor, offer["slug"], name="After", email=f"after-{tag}@example.org")
    assert outcome(after) == "confirmed"
    note(request, f"outcomes: {dict(kinds)}")
