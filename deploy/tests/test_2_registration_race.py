"""Scenario 2: 100 people register at the same moment for the last 10 places, through nginx
onto both web instances: exactly 10 get a place, 90 the waiting list."""

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from deploy.tests.clients import Visitor, csrf_token
from deploy.tests.conftest import data, note

PEOPLE = 100
PLACES_LEFT = 10


def test_last_ten_places_go_to_exactly_ten_of_a_hundred(stack, request):
    offer = data(stack, "create_offer", capacity=40, taken=40 - PLACES_LEFT)
    path = f"/de/programme/offers/{offer['slug']}/register/"
    tag = uuid.uuid4().hex[:6]
    everyone_has_a_form = threading.Barrier(PEOPLE, timeout=120)

    def register(number):
        visitor = Visitor(stack, timeout=120)
        form = visitor.get(path)
        assert form.status_code == 200, form.status_code
        token = csrf_token(form.text)
        everyone_has_a_form.wait()
        response = visitor.post(
            path,
            {
                "csrfmiddlewaretoken": token,
                "name": f"Racer {number}",
                "email": f"racer-{tag}-{number}@example.org",
                "phone": "",
                "persons": "1",
                "note": "",
                "website": "",
                "consent": "on",
            },
        )
        return response.status_code, response.headers.get("X-Request-ID")

    with ThreadPoolExecutor(PEOPLE) as pool:
        results = list(pool.map(register, range(PEOPLE)))

    assert Counter(status for status, _ in results) == {302: PEOPLE}
    racers = [r for r in data(stack, "registrations", slug=offer["slug"]) if "racer-" in r["email"]]
    assert len(racers) == PEOPLE
    assert Counter(r["status"] for r in racers) == {"confirmed": PLACES_LEFT, "waiting": 90}

    # Spread over both instances: nginx logged which upstream answered each POST.
    request_ids = {request_id for _, request_id in results}
    upstreams = Counter(
        line.split("upstream=")[1].split()[0]
        for line in stack.log("nginx-access").splitlines()
        if f"POST {path}" in line and line.split("request_id=")[1].split()[0] in request_ids
    )
    assert set(upstreams) == {url.split("//")[1] for url in stack.web_urls}, upstreams
    assert min(upstreams.values()) >= 20, upstreams
    note(request, f"10 confirmed, 90 waiting; POSTs per instance: {sorted(upstreams.values())}")
