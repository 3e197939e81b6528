"""An upgrade without dropped requests: the web instances restart one after the other while
visitors keep browsing; nginx sends every request to an instance that is up."""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from deploy.tests.clients import Visitor
from deploy.tests.conftest import note

PATHS = ("/de/", "/de/programme/", "/en/programme/", "/de/programme/week/")


def test_restarting_web_instances_one_after_the_other_drops_no_request(stack, request):
    done = threading.Event()

    def browse(number):
        visitor = Visitor(stack, timeout=60)
        outcomes = Counter()
        while not done.is_set():
            try:
                status = visitor.get(PATHS[number % len(PATHS)]).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            outcomes[status] += 1
            number += 1
        return outcomes

    with ThreadPoolExecutor(4) as pool:
        browsing = [pool.submit(browse, n) for n in range(4)]
        try:
            time.sleep(1)
            for number in range(1, len(stack.web_urls) + 1):
                stack.stop_web(number)
                time.sleep(1)
                stack.start_web(number)
                # As docs/operations.md says: nginx's fail_timeout (3 s) passes before the next.
                time.sleep(4)
        finally:
            done.set()
        outcomes = sum((future.result() for future in browsing), Counter())

    assert set(outcomes) == {200}, outcomes
    assert outcomes[200] >= 20, outcomes
    note(request, f"{outcomes[200]} requests during the restarts, all 200")


def test_when_no_web_instance_answers_nginx_shows_its_page_in_every_language(stack):
    instances = range(1, len(stack.web_urls) + 1)
    for number in instances:
        stack.processes[f"web-{number}"].send_stop()
    try:
        for number in instances:
            stack.processes[f"web-{number}"].wait_stopped(35)
        response = Visitor(stack).get("/de/programme/")
        assert response.status_code == 502
        assert "unavailable right now" in response.text
        assert "Die Seite ist gerade nicht erreichbar." in response.text
        assert 'lang="ar"' in response.text and 'lang="fa"' in response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        for number in instances:
            stack.processes[f"web-{number}"].start()
        for number in instances:
            stack.start_web(number)
    assert Visitor(stack).get("/de/programme/").status_code == 200
