"""What `make loadtest` runs in locust: visitors of the centre's public pages and association
members booking rooms, over the whole stack (nginx with TLS, gunicorn, PostgreSQL, Redis).

Not meant to be started by hand: bench/loadtest.py prepares the bench database, writes the
plan (offers, rooms, member logins) to the JSON file that LOADTEST_PLAN names, starts the
stack and runs

    locust -f bench/locustfile.py --headless -u 100 -r 20 --run-time 60s --host https://…

Every request is named by its kind, so that locust's statistics group them. A request fails
only when something is really wrong: a 5xx, a connection error, an unexpected status or an
answer that is not what the page should say. "The room is taken at that time" and "you are on
the waiting list" are valid outcomes; they are counted apart (LOADTEST_OUTCOMES) and not as
failures. At the end the full statistics (every response time, so that percentiles over
several kinds can be computed) go to the JSON file that LOADTEST_STATS names.
"""

import json
import os
import random
import re
from collections import Counter
from datetime import date, timedelta
from itertools import count
from pathlib import Path
from urllib.parse import urlencode

import gevent
import urllib3
from locust import HttpUser, between, events, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)  # self-signed certificate

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text(encoding="utf-8"))
OUTCOMES: Counter = Counter()
MEMBER_NUMBERS = count()  # each simulated member logs in as another association admin

# How often each language's catalogue is opened: German most, then the languages of the
# largest groups of newcomers.
LANGUAGES = {"de": 40, "en": 15, "ar": 14, "uk": 12, "fa": 7, "tr": 6, "ru": 6}
SEARCH_WORDS = [
    "Deutsch",
    "Deutschkurs",
    "Beratung",
    "Yoga",
    "Kurs",
    "Café",
    "Familie",
    "Kinder",
    "Frauen",
    "Chor",
    "German",
    "course",
    "advice",
    "women",
    "children",
    "football",
    "دورة",
    "استشارة",
    "Курс",
    "Консультація",
]
SIMPLE_FILTERS = [
    ("time", ["morning", "afternoon", "evening"]),
    ("weekday", [str(day) for day in range(7)]),
    ("age", ["children", "youth", "adults"]),
    ("free", ["on"]),
    ("stepfree", ["on"]),
    ("childcare", ["on"]),
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_SELECT = re.compile(r'<select name="session"[^>]*>(.*?)</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="(\d+)"')
PURPOSES = ["Vorstandssitzung", "Chorprobe", "Mitgliederversammlung", "Elterncafé", "Nachhilfe"]


def language() -> str:
    return random.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]


def popular_offer() -> str:
    """Offers are not equally popular: most visits go to a few hundred of them."""
    if random.random() < 0.7:
        return random.choice(PLAN["popular_offers"])
    return random.choice(PLAN["offers"])


def catalogue_filters() -> dict:
    filters = {}
    for _ in range(random.choice([1, 1, 1, 2])):
        kind = random.random()
        if kind < 0.35:
            filters.setdefault("category", random.choice(PLAN["categories"]))
        elif kind < 0.5:
            filters.setdefault("language", random.choice(PLAN["offer_languages"]))
        else:
            name, values = random.choice(SIMPLE_FILTERS)
            filters.setdefault(name, random.choice(values))
    return filters


class CentreUser(HttpUser):
    """Shared by both kinds of user: TLS without verification, checked requests."""

    abstract = True
    wait_time = between(1, 4)

    def on_start(self):
        self.client.verify = False

    def fetch(self, path, *, name, expect=(200,), contains=None, **kwargs):
        """GET (or with data= a POST) that fails on any unexpected status; returns the
        response or None."""
        method = "POST" if "data" in kwargs else "GET"
        kwargs.setdefault("allow_redirects", False)
        with self.client.request(
            method, path, name=name, catch_response=True, **kwargs
        ) as response:
            if response.status_code not in expect:
                response.failure(f"status {response.status_code}")
                return None
            if contains and contains not in response.text:
                response.failure(f"no {contains!r} in the answer")
                return None
            response.success()
            return response

    def post_form(self, path, data, *, name, referer, expect=(302,)):
        """POST a form as the browser does: with the CSRF token of the page it came from and
        that page as the Referer (Django checks it on HTTPS)."""
        return self.fetch(
            path,
            name=name,
            data=data,
            expect=expect,
            headers={"Referer": referer, "Origin": self.host.rstrip("/")},
        )

    def form_token(self, response) -> str:
        match = CSRF_INPUT.search(response.text)
        return match.group(1) if match else ""


class Visitor(CentreUser):
    """Someone of the public: browses the programme, searches, subscribes to calendars and
    registers for an offer now and then."""

    weight = 9

    @task(20)
    def catalogue(self):
        page = {} if random.random() < 0.85 else {"page": random.randint(2, 5)}
        query = f"?{urlencode(page)}" if page else ""
        self.fetch(f"/{language()}/programme/{query}", name="catalogue", contains="</html>")

    @task(15)
    def catalogue_filtered(self):
        query = urlencode(catalogue_filters())
        self.fetch(
            f"/{language()}/programme/?{query}", name="catalogue, filtered", contains="</html>"
        )

    @task(10)
    def search(self):
        query = urlencode({"q": random.choice(SEARCH_WORDS)})
        self.fetch(f"/{language()}/programme/?{query}", name="search", contains="</html>")

    @task(20)
    def offer_page(self):
        self.fetch(
            f"/{language()}/programme/offers/{popular_offer()}/",
            name="offer page",
            contains="</html>",
        )

    @task(6)
    def offer_feed(self):
        self.fetch(
            f"/{language()}/programme/offers/{popular_offer()}/calendar.ics",
            name="offer feed",
            contains="BEGIN:VCALENDAR",
        )

    @task(1)
    def programme_feed(self):
        self.fetch(
            f"/{language()}/programme/calendar.ics",
            name="programme feed",
            contains="BEGIN:VCALENDAR",
        )

    @task(4)
    def register(self):
        slug = random.choice(PLAN["registration_offers"])
        path = f"/{language()}/programme/offers/{slug}/register/"
        form = self.fetch(path, name="registration form", contains="csrfmiddlewaretoken")
        if form is None:
            return
        number = random.randrange(10**9)
        data = {
            "csrfmiddlewaretoken": self.form_token(form),
            "name": f"Lasttest {number}",
            "email": f"person-{number}@{PLAN['registration_domain']}",
            "phone": "",
            "persons": random.choice([1, 1, 1, 2, 3]),
            "note": "",
            "consent": "on",
            "website": "",
        }
        select = SESSION_SELECT.search(form.text)
        if select:
            sessions = OPTION_VALUE.findall(select.group(1))
            if not sessions:
                OUTCOMES["registration: no open date"] += 1
                return
            data["session"] = random.choice(sessions[:8])
        answer = self.post_form(path, data, name="registration", referer=self.host + path)
        if answer is not None:
            OUTCOMES["registration: sent"] += 1


class Member(CentreUser):
    """An admin of a bench association: logs in through the login page and books rooms. A
    tenth of the simulated users (at least one), started first."""

    weight = 1
    fixed_count = max(1, int(os.environ.get("LOADTEST_USERS", "100")) // 10)

    def on_start(self):
        super().on_start()
        self.login = PLAN["members"][next(MEMBER_NUMBERS) % len(PLAN["members"])]
        self.language = random.choice(["de", "de", "en", "ar", "uk"])
        self.logged_in = False
        self.log_in()

    def log_in(self):
        path = f"/{self.language}/account/login/"
        form = self.fetch(path, name="login form", contains="csrfmiddlewaretoken")
        if form is None:
            return
        data = {
            "csrfmiddlewaretoken": self.form_token(form),
            "username": self.login["email"],
            "password": PLAN["password"],
        }
        self.logged_in = (
            self.post_form(path, data, name="login", referer=self.host + path) is not None
        )

    @task(6)
    def book_room(self):
        if not self.logged_in:
            self.log_in()
            return
        path = f"/{self.language}/rooms/book/"
        form = self.fetch(path, name="booking form", contains="csrfmiddlewaretoken")
        if form is None:
            return
        # A weekday 4 weeks to a year ahead, within usual opening hours.
        day = date.today() + timedelta(days=random.randint(28, 365))
        while day.weekday() > 4:
            day += timedelta(days=1)
        start = random.randint(9 * 2, 18 * 2)  # half hours
        end = start + random.choice([2, 3, 4])
        data = {
            "csrfmiddlewaretoken": self.form_token(form),
            "room": random.choice(PLAN["rooms"]),
            "association": random.choice(self.login["associations"]),
            "purpose": random.choice(PURPOSES),
            "people": "",
            "starts_on": day.isoformat(),
            "start_time": f"{start // 2:02d}:{start % 2 * 30:02d}",
            "end_time": f"{end // 2:02d}:{end % 2 * 30:02d}",
            "repeat": "once",
            "interval_weeks": "",
            "until": "",
            "count": "",
        }
        with self.client.post(
            path,
            data=data,
            name="room booking",
            catch_response=True,
            allow_redirects=False,
            headers={"Referer": self.host + path, "Origin": self.host.rstrip("/")},
        ) as response:
            if response.status_code == 302:
                OUTCOMES["room booking: booked"] += 1
                response.success()
            elif response.status_code == 200 and 'id="conflict"' in response.text:
                OUTCOMES["room booking: taken"] += 1
                response.success()
            elif response.status_code == 200:
                errors = re.findall(r"<li>(.*?)</li>", response.text.split("alert-danger", 1)[-1])
                response.failure(f"booking refused: {' | '.join(errors[:2]) or 'form errors'}")
            else:
                response.failure(f"status {response.status_code}")

    @task(2)
    def my_bookings(self):
        if self.logged_in:
            self.fetch(f"/{self.language}/rooms/bookings/", name="my bookings")

    @task(2)
    def catalogue_logged_in(self):
        # Logged-in people get the page rendered for them, never from the page cache.
        if self.logged_in:
            self.fetch(
                f"/{self.language}/programme/",
                name="catalogue, logged in",
                contains="</html>",
            )


# The task of each kind that LOADTEST_WITHOUT may leave out (for diagnosis only).
TASKS_BY_KIND = {
    "catalogue": "catalogue",
    "catalogue, filtered": "catalogue_filtered",
    "search": "search",
    "offer page": "offer_page",
    "offer feed": "offer_feed",
    "programme feed": "programme_feed",
    "registration": "register",
    "room booking": "book_room",
    "my bookings": "my_bookings",
    "catalogue, logged in": "catalogue_logged_in",
}
LEFT_OUT = {TASKS_BY_KIND[kind] for kind in PLAN["without"]}
if not PLAN["whole_programme_feed"]:
    LEFT_OUT.add("programme_feed")
Visitor.tasks = [t for t in Visitor.tasks if t.__name__ not in LEFT_OUT]
Member.tasks = [t for t in Member.tasks if t.__name__ not in LEFT_OUT]


@events.test_start.add_listener
def measure_after_the_ramp(environment, **_kwargs):
    """The first LOADTEST_RAMP_SECONDS (users arriving, members logging in, caches cold) are
    written apart and then forgotten, so the figures describe the load at full strength."""
    ramp = float(os.environ.get("LOADTEST_RAMP_SECONDS", "0"))
    target = os.environ.get("LOADTEST_STATS")
    if ramp <= 0 or not target:
        return

    def end_of_ramp():
        gevent.sleep(ramp)
        write_statistics(environment, target=target + ".ramp")
        environment.stats.reset_all()
        OUTCOMES.clear()

    gevent.spawn(end_of_ramp)


@events.test_stop.add_listener
def write_statistics(environment, target=None, **_kwargs):
    """Every response time of every kind, the failures and the outcomes, for loadtest.py."""
    target = target or os.environ.get("LOADTEST_STATS")
    if not target:
        return
    stats = environment.stats
    kinds = [
        {
            "name": entry.name,
            "method": entry.method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "response_times": {str(ms): count for ms, count in entry.response_times.items()},
            "total_ms": entry.total_response_time,
            "max_ms": entry.max_response_time,
            "bytes": entry.total_content_length,
        }
        for entry in stats.entries.values()
    ]
    data = {
        "started": stats.total.start_time,
        "last_request": stats.total.last_request_timestamp,
        "kinds": kinds,
        "failures": [
            {"name": error.name, "error": str(error.error), "count": error.occurrences}
            for error in stats.errors.values()
        ],
        "outcomes": dict(OUTCOMES),
        "users": environment.runner.user_count if environment.runner else None,
    }
    with open(target, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1)
