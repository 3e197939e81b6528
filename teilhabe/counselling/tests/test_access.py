"""Who gets into which counselling page and API endpoint: every role of the centre, plus a
counsellor of another service, against every URL of the app. Only the service's own counsellors
reach its appointments; staff set services up and see anonymous figures; everyone may book.
The table must name every URL, so that a new view cannot slip in unchecked."""

from datetime import time, timedelta

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from conftest import ROLE_FIXTURES
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling import services
from teilhabe.counselling.models import OfficeHoursMode, Unavailability
from teilhabe.counselling.tests.factories import (
    CounsellorFactory,
    book,
    counselling_setup,
    make_office_hours,
)

pytestmark = pytest.mark.django_db

ROLES = [*ROLE_FIXTURES, "counsellor_of_another_service"]

EVERYONE = set(ROLES)
OWN_COUNSELLOR = {"counsellor"}
ANY_COUNSELLOR = {"counsellor", "counsellor_of_another_service"}
STAFF = {"staff_user", "administrator"}

# url name: (method, who gets in, how the URL's arguments are found)
PAGES = {
    "index": ("get", EVERYONE, lambda w: {}),
    "book": ("get", EVERYONE, lambda w: {"slug": w.service.slug}),
    "slots": ("get", EVERYONE, lambda w: {"slug": w.service.slug}),
    "lookup": ("get", EVERYONE, lambda w: {}),
    "booking": ("get", EVERYONE, lambda w: {"token": w.token}),
    "booking-cancel": ("get", EVERYONE, lambda w: {"token": w.token}),
    "booking-delete": ("get", EVERYONE, lambda w: {"token": w.token}),
    "booking-data": ("get", EVERYONE, lambda w: {"token": w.token}),
    "booking-calendar": ("get", EVERYONE, lambda w: {"token": w.token}),
    "booking-deleted": ("get", EVERYONE, lambda w: {}),
    "waiting-screen": ("get", EVERYONE, lambda w: {"date_pk": w.walk_in_date.pk}),
    "waiting-screen-partial": ("get", EVERYONE, lambda w: {"date_pk": w.walk_in_date.pk}),
    # each counsellor has a desk, showing the services they counsel for
    "desk": ("get", ANY_COUNSELLOR, lambda w: {}),
    "desk-service": ("get", OWN_COUNSELLOR, lambda w: {"slug": w.service.slug}),
    "appointment": ("get", OWN_COUNSELLOR, lambda w: {"pk": w.appointment.pk}),
    "appointment-note": ("post", OWN_COUNSELLOR, lambda w: {"pk": w.appointment.pk}),
    "appointment-outcome": ("post", OWN_COUNSELLOR, lambda w: {"pk": w.appointment.pk}),
    "appointment-cancel": ("get", OWN_COUNSELLOR, lambda w: {"pk": w.appointment.pk}),
    "queue": ("get", OWN_COUNSELLOR, lambda w: {"date_pk": w.walk_in_date.pk}),
    "queue-call-next": ("post", OWN_COUNSELLOR, lambda w: {"date_pk": w.walk_in_date.pk}),
    "queue-finish": (
        "post",
        OWN_COUNSELLOR,
        lambda w: {"date_pk": w.walk_in_date.pk, "ticket_pk": w.ticket.pk},
    ),
    "availability": ("get", ANY_COUNSELLOR, lambda w: {}),
    # one's own entries only: the owner gets in, another counsellor finds nothing (404)
    "availability-delete": ("post", OWN_COUNSELLOR, lambda w: {"pk": w.absence.pk}),
    "home-today": ("get", ANY_COUNSELLOR, lambda w: {}),
    "front-desk": ("get", STAFF | ANY_COUNSELLOR, lambda w: {}),
    "front-desk-ticket": ("get", STAFF | OWN_COUNSELLOR, lambda w: {"pk": w.ticket.pk}),
    "statistics": ("get", STAFF | OWN_COUNSELLOR, lambda w: {"slug": w.service.slug}),
    "statistics-export": ("get", STAFF | OWN_COUNSELLOR, lambda w: {"slug": w.service.slug}),
    "setup": ("get", STAFF, lambda w: {}),
    "service-create": ("get", STAFF, lambda w: {}),
    "service-edit": ("get", STAFF, lambda w: {"slug": w.service.slug}),
    "topic-list": ("get", STAFF, lambda w: {"slug": w.service.slug}),
    "topic-edit": ("get", STAFF, lambda w: {"pk": w.topic.pk}),
    "topic-move": ("post", STAFF, lambda w: {"pk": w.topic.pk}),
    "topic-delete": ("post", STAFF, lambda w: {"pk": w.topic.pk}),
    "counsellor-list": ("get", STAFF, lambda w: {"slug": w.service.slug}),
    "counsellor-create": ("get", STAFF, lambda w: {"slug": w.service.slug}),
    "counsellor-edit": ("get", STAFF, lambda w: {"pk": w.counsellor.pk}),
    "office-hours-create": ("get", STAFF, lambda w: {"slug": w.service.slug}),
    "office-hours-edit": ("get", STAFF, lambda w: {"pk": w.hours.pk}),
}

API = {
    "counselling-services": (EVERYONE, lambda w: {"version": "v1"}),
    "counselling-slots": (EVERYONE, lambda w: {"version": "v1", "slug": w.service.slug}),
    "counselling-appointments": (
        OWN_COUNSELLOR,
        lambda w: {"version": "v1", "slug": w.service.slug},
    ),
    "counselling-statistics": (
        STAFF | OWN_COUNSELLOR,
        lambda w: {"version": "v1", "slug": w.service.slug},
    ),
}


QUERY = {"statistics-export": {"table": "months", "format": "csv"}}


class World:
    """A service whose counsellor is the `counsellor` fixture, with a booked appointment, walk-in
    hours with a waiting number, and an absence of the counsellor."""

    def __init__(self, counsellor):
        self.service, self.topic, self.counsellor, self.hours = counselling_setup(
            counsellor_user=counsellor
        )
        self.appointment, self.token = book(self.service, self.topic)
        walk_in = make_office_hours(
            self.service,
            [self.counsellor],
            mode=OfficeHoursMode.WALK_IN,
            starts_on=centre_today(),
            weekdays=(),
            start=time(0, 30),
            end=time(23, 30),
        )
        self.walk_in_date = walk_in.dates.get()
        self.ticket = services.draw_ticket(
            office_hours_date=self.walk_in_date, language="ar", by=counsellor
        )
        later = timezone.now() + timedelta(days=60)
        self.absence = Unavailability.objects.create(
            user=counsellor, kind="blocked", starts_at=later, ends_at=later + timedelta(hours=1)
        )


@pytest.fixture
def counsellor_of_another_service(db):
    return CounsellorFactory().user


@pytest.fixture
def world(counsellor):
    return World(counsellor)


def _who(request, role):
    return request.getfixturevalue(role)


def _is_allowed(response) -> bool:
    """Let in: anything but a refusal (a 400 for a missing form field is past the door)."""
    if response.status_code in (301, 302, 303):
        return "/login/" not in response["Location"]
    return response.status_code in (200, 204, 400)


def test_the_table_names_every_counselling_url():
    names = {
        key
        for key in get_resolver("teilhabe.counselling.urls").reverse_dict
        if isinstance(key, str)
    }
    assert names == set(PAGES)
    api_names = {
        key
        for key in get_resolver("teilhabe.api.urls").reverse_dict
        if isinstance(key, str) and key.startswith("counselling")
    }
    assert api_names == set(API)


def _refused_properly(role, name, response) -> bool:
    if role == "anonymous":
        if response.status_code == 302:
            return "/login/" in response["Location"]
        return response.status_code == 403
    if name == "availability-delete" and role == "counsellor_of_another_service":
        return response.status_code == 404
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_page_access(request, client, world, role):
    """One test per role going through every page (a world per page would be slow)."""
    user = _who(request, role)
    if user.is_authenticated:
        client.force_login(user)
    wrong = []
    for name, (method, allowed, arguments) in sorted(PAGES.items()):
        url = reverse(f"counselling:{name}", kwargs=arguments(world))
        response = getattr(client, method)(url, QUERY.get(name, {}))
        if role in allowed:
            if not _is_allowed(response):
                wrong.append((name, "should get in", response.status_code))
        elif not _refused_properly(role, name, response):
            wrong.append((name, "should be refused", response.status_code))
    assert not wrong, wrong


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(API))
def test_api_access(request, client, world, role, name):
    allowed, arguments = API[name]
    user = _who(request, role)
    if user.is_authenticated:
        client.force_login(user)

    response = client.get(reverse(f"api:{name}", kwargs=arguments(world)))

    if role in allowed:
        assert response.status_code == 200, (role, name, response.status_code)
    else:
        assert response.status_code in (401, 403), (role, name, response.status_code)


@pytest.mark.parametrize("role", sorted(set(ROLES) - OWN_COUNSELLOR))
def test_nobody_but_the_services_counsellors_sees_a_name(request, client, world, role):
    """Wherever they go in counselling, other roles never meet the person's pseudonym."""
    user = _who(request, role)
    if user.is_authenticated:
        client.force_login(user)
    for name, (method, _allowed, arguments) in PAGES.items():
        if method != "get" or name.startswith("booking"):
            continue  # the booking pages are the person's own (they hold the secret link)
        url = reverse(f"counselling:{name}", kwargs=arguments(world))
        response = client.get(url, QUERY.get(name, {}))
        assert world.appointment.name not in response.content.decode(), (role, name)
        assert world.appointment.contact not in response.content.decode(), (role, name)
