"""The rooms API: the rooms and when each is taken, for everyone, without who booked (except
the public programme's dates); booking and cancelling for one's own association through the
rooms' services — a room already taken is a 409 with the service's message."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory
from teilhabe.rooms.models import Booking, BookingKind, Closure, Room

pytestmark = pytest.mark.django_db

BOOKINGS = "/api/v1/bookings/"


def make_room(name="Seminarraum", **fields) -> Room:
    return Room.objects.create(name_de=name, floor=1, area_m2=40, capacity=20, **fields)


def token_client(user) -> APIClient:
    client = APIClient()
    if user.is_authenticated:
        token = Token.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def day_ahead(days=3):
    return centre_today() + timedelta(days=days)


def at(day, hour):
    return local_datetime(day, time(hour))


def availability(room, **params):
    return APIClient().get(f"/api/v1/rooms/{room.pk}/availability/", params)


def test_the_rooms_of_the_house_are_listed_in_the_language_asked_for():
    make_room(name_en="Seminar room", description_de="Mit Beamer")
    make_room(name="Alt", is_active=False)

    (room,) = APIClient().get("/api/v1/rooms/", {"lang": "en"}).json()["results"]

    assert (room["name"], room["text_language"], room["capacity"]) == ("Seminar room", "en", 20)


def test_availability_shows_busy_times_but_never_who_booked(association):
    room = make_room(buffer_minutes=15)
    day = day_ahead()
    Booking.objects.create(
        room=room,
        association=association,
        purpose="Vorstandssitzung Geheim",
        starts_at=at(day, 10),
        ends_at=at(day, 12),
    )
    offer = OfferFactory(title_de="Sprachcafé", status="published")
    booking = Booking.objects.create(
        room=room,
        purpose="Sprachcafé",
        kind=BookingKind.SESSION,
        starts_at=at(day, 16),
        ends_at=at(day, 18),
    )
    SessionFactory(
        offer=offer, room=room, booking=booking, starts_at=at(day, 16), ends_at=at(day, 18)
    )

    response = availability(room, day=day.isoformat())

    assert response.status_code == 200
    body = response.content.decode()
    assert "Geheim" not in body and association.name not in body
    data = response.json()
    assert data["first"] == data["last"] == day.isoformat()
    private, public = data["busy"]
    assert private["kind"] == "booked" and private["offer"] is None
    assert timezone.datetime.fromisoformat(private["start"]) == at(day, 10) - timedelta(minutes=15)
    assert public["kind"] == "programme"
    assert public["offer"] == {"slug": offer.slug, "title": "Sprachcafé"}


def test_a_week_and_closures(association):
    room = make_room()
    day = day_ahead(10)
    monday = day - timedelta(days=day.weekday())
    Closure.objects.create(starts_on=day, ends_on=day, reason_de="Feiertag")
    Booking.objects.create(room=room, purpose="x", starts_at=at(monday, 9), ends_at=at(monday, 10))

    data = availability(room, week=day.isoformat()).json()

    assert data["first"] == monday.isoformat()
    assert data["last"] == (monday + timedelta(days=6)).isoformat()
    assert sorted(b["kind"] for b in data["busy"]) == ["booked", "closed"]
    assert availability(room, day="tomorrow").status_code == 400
    assert availability(room, day=day.isoformat(), week=day.isoformat()).status_code == 400
    assert APIClient().get("/api/v1/rooms/999999/availability/").status_code == 404


def booking_data(room, association, day, start=10, end=12):
    return {
        "room": room.pk,
        "association": association.slug,
        "start": at(day, start).isoformat(),
        "end": at(day, end).isoformat(),
        "purpose": "Probe",
    }


def test_an_admin_books_and_a_conflict_is_409_with_the_services_message(
    association, association_admin
):
    room = make_room()
    day = day_ahead()
    client = token_client(association_admin)

    booked = client.post(BOOKINGS, booking_data(room, association, day), format="json")

    assert booked.status_code == 201, booked.content
    assert Booking.objects.get().association == association
    conflict = client.post(
        BOOKINGS,
        booking_data(room, association, day, 11, 13),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert conflict.status_code == 409
    assert "is already booked" in conflict.json()["detail"]
    assert Booking.objects.count() == 1
    listed = client.get(BOOKINGS).json()["results"]
    assert [b["id"] for b in listed] == [booked.json()["id"]]

    cancelled = client.post(f"{BOOKINGS}{booked.json()['id']}/cancel/")
    assert cancelled.status_code == 200
    assert Booking.objects.get().is_cancelled


def test_bad_bookings_are_400_with_messages(association, association_admin):
    room = make_room()
    day = day_ahead()
    client = token_client(association_admin)

    backwards = client.post(BOOKINGS, booking_data(room, association, day, 12, 10), format="json")
    missing = client.post(BOOKINGS, {"room": 999999}, format="json")

    assert backwards.status_code == 400
    assert backwards.json()["non_field_errors"]
    assert missing.status_code == 400
    assert {"room", "start", "end", "purpose"} <= set(missing.json())
    assert not Booking.objects.exists()


# role: (book for `association`, list bookings, cancel `association`'s booking — a booking one
# may not cancel is not even named)
EXPECTED = {
    "anonymous": (403, 403, 403),
    "participant": (403, 403, 404),
    "volunteer": (403, 403, 404),
    "counsellor": (403, 403, 404),
    "association_member": (403, 403, 404),
    "association_admin": (201, 200, 200),
    "other_association_admin": (403, 200, 404),
    "staff_user": (201, 200, 200),
    "administrator": (201, 200, 200),
}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_book_and_cancel(request, association, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    room = make_room()
    day = day_ahead()
    existing = Booking.objects.create(
        room=room,
        association=association,
        purpose="Treffen",
        starts_at=at(day, 14),
        ends_at=at(day, 15),
    )
    client = token_client(user_in_role)

    booked = client.post(BOOKINGS, booking_data(room, association, day), format="json")
    listed = client.get(BOOKINGS)
    cancelled = client.post(f"{BOOKINGS}{existing.pk}/cancel/")

    assert (booked.status_code, listed.status_code, cancelled.status_code) == EXPECTED[role]
    existing.refresh_from_db()
    if EXPECTED[role][0] != 201:
        assert Booking.objects.count() == 1
        assert not existing.is_cancelled
    if listed.status_code == 200 and role == "other_association_admin":
        assert listed.json()["results"] == []


def test_another_association_cannot_book_in_its_name(association, other_association_admin):
    room = make_room()
    response = token_client(other_association_admin).post(
        BOOKINGS, booking_data(room, association, day_ahead()), format="json"
    )

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_only_staff_book_for_the_house(association_admin, staff_user):
    room = make_room()
    data = booking_data(room, AssociationFactory(), day_ahead())
    data.pop("association")

    assert token_client(association_admin).post(BOOKINGS, data, format="json").status_code == 403
    assert token_client(staff_user).post(BOOKINGS, data, format="json").status_code == 201


@pytest.mark.parametrize("count", [1, 5])
def test_the_room_lists_run_a_fixed_number_of_queries(
    count, staff_user, django_assert_max_num_queries
):
    day = day_ahead()
    room = make_room()
    for index in range(count):
        make_room(name=f"Raum {index}")
        Booking.objects.create(
            room=room,
            association=AssociationFactory(),
            purpose="x",
            starts_at=at(day, 8 + index),
            ends_at=at(day, 9 + index),
        )
    client = APIClient()
    client.force_authenticate(staff_user)

    with django_assert_max_num_queries(3):
        assert APIClient().get("/api/v1/rooms/").status_code == 200
    with django_assert_max_num_queries(4):
        assert availability(room, week=day.isoformat()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(BOOKINGS).json()["count"] == count


def test_dates_at_the_ends_of_the_calendar_are_refused_not_a_server_error(
    association, association_admin
):
    room = make_room()
    client = token_client(association_admin)
    data = booking_data(room, association, day_ahead())

    for start, end in (
        ("0001-01-01T10:00:00Z", "0001-01-01T11:00:00Z"),
        ("9999-12-31T10:00:00Z", "9999-12-31T11:00:00Z"),
    ):
        response = client.post(BOOKINGS, {**data, "start": start, "end": end}, format="json")
        assert response.status_code == 400
    for params in ({"day": "9999-12-31"}, {"week": "9999-12-31"}, {"day": "0001-01-01"}):
        assert availability(room, **params).status_code == 400
    for params in ({"from": "0001-01-01"}, {"until": "9999-12-31"}):
        assert APIClient().get("/api/v1/offers/", params).status_code == 400
    assert not Booking.objects.exists()
