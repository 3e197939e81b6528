"""Scenario 4: Redis stops. Public pages still serve (the cache fails open), a registration
still commits, and its confirmation goes out once Redis is back (the outbox)."""

import time
import uuid

from deploy.tests.clients import Visitor, register
from deploy.tests.conftest import data, note, wait_until


def test_site_survives_redis_outage_and_mail_follows(stack, request):
    offer = data(stack, "create_offer", capacity=50, taken=0)
    email = f"redis-{uuid.uuid4().hex[:8]}@example.org"
    visitor = Visitor(stack)
    stack.stop_redis()
    try:
        for path in ("/de/", "/de/programme/", f"/de/programme/offers/{offer['slug']}/"):
            response = visitor.get(path)
            assert response.status_code == 200, (path, response.status_code)
        response = register(visitor, offer["slug"], name="Redis Down", email=email)
        assert response.status_code == 302, response.text[:2000]
        rows = data(stack, "registrations", slug=offer["slug"])
        assert [r["status"] for r in rows if r["email"] == email] == ["confirmed"]
        time.sleep(3)
        assert not [m for m in stack.mail() if email in m["To"]]
    finally:
        stack.start_redis()
    back = time.monotonic()

    wait_until(
        lambda: [m for m in stack.mail() if email in m["To"]],
        timeout=30,
        message="the confirmation did not arrive after Redis came back",
    )
    arrived = time.monotonic() - back
    time.sleep(5)
    assert len([m for m in stack.mail() if email in m["To"]]) == 1
    note(request, f"confirmation arrived {arrived:.1f} s after Redis was back, once")
