"""No double booking, ever: many parallel requests for overlapping slots of one room on
PostgreSQL (threads, one connection each; the exclusion constraint and the room lock), and the
same outcome one after another on SQLite."""

from datetime import time, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.core.recurrence import Recurrence, centre_today, local_datetime
from teilhabe.core.testing import in_parallel
from teilhabe.rooms import services
from teilhabe.rooms.models import Booking, Room

REQUESTS = 50


def a_day_next_week():
    today = centre_today()
    return today + timedelta(days=7 - today.weekday() + 1)  # Tuesday next week


def overlapping_slots(day):
    """REQUESTS different slots, each overlapping every other one: 09:00–11:00, 09:01–11:01 …"""
    first = local_datetime(day, time(9))
    return [
        (first + timedelta(minutes=number), first + timedelta(hours=2, minutes=number))
        for number in range(REQUESTS)
    ]


@pytest.fixture
def setup(db):
    room = Room.objects.create(
        name_de="Seminarraum", floor=1, area_m2=50, capacity=20, buffer_minutes=15
    )
    association = AssociationFactory()
    # One admin sends every request (from as many browsers): hashing fifty passwords would
    # only make the test slow.
    admin = MembershipFactory(association=association, role="admin").user
    admins = [admin] * REQUESTS
    return room, association, admins


def assert_exactly_one_booked(room, results, errors):
    winners = [r for r in results if r is not None]
    assert len(winners) == 1, errors
    losers = [e for e in errors if e is not None]
    assert len(losers) == REQUESTS - 1
    assert all(isinstance(e, services.BookingConflict) for e in losers), {
        type(e).__name__ for e in losers
    }
    (winner,) = winners
    # Every refusal names the booking that won.
    assert all(e.conflicts == [winner] for e in losers)
    assert Booking.objects.filter(room=room, is_cancelled=False).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_bookings_of_overlapping_slots_one_wins(setup):
    room, association, admins = setup
    slots = overlapping_slots(a_day_next_week())

    def book(number):
        starts_at, ends_at = slots[number]
        return services.book_room(
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=f"Treffen {number}",
            association=association,
            by=admins[number],
        )

    results, errors = in_parallel(book, range(REQUESTS))

    assert_exactly_one_booked(room, results, errors)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_series_and_single_bookings_one_wins(setup):
    """Weekly series and one-off bookings race for the same Tuesday: one of them gets it."""
    room, association, admins = setup
    day = a_day_next_week()

    def book(number):
        start = time(10, number % 60)
        end = time(11, number % 60)
        if number % 2:
            return services.book_room(
                room=room,
                starts_at=local_datetime(day, start),
                ends_at=local_datetime(day, end),
                purpose=f"Einmal {number}",
                association=association,
                by=admins[number],
            )
        recurrence = Recurrence(
            starts_on=day, start_time=start, end_time=end, weekdays=(day.weekday(),), count=3
        )
        series, _bookings = services.book_series(
            room=room,
            recurrence=recurrence,
            purpose=f"Reihe {number}",
            association=association,
            by=admins[number],
        )
        return series

    results, errors = in_parallel(book, range(REQUESTS))

    assert len([r for r in results if r is not None]) == 1, errors
    losers = [e for e in errors if e is not None]
    assert all(isinstance(e, services.BookingConflict | services.SeriesConflict) for e in losers), {
        type(e).__name__ for e in losers
    }
    on_the_day = Booking.objects.filter(
        room=room, is_cancelled=False, starts_at__date__lte=day + timedelta(days=1)
    )
    assert on_the_day.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_requests_through_the_booking_page_one_wins(setup):
    room, association, admins = setup
    day = a_day_next_week()
    url = reverse("rooms:book")
    clients = []
    for admin in admins:
        client = Client()
        client.force_login(admin)
        clients.append(client)

    def post(number):
        start = time(10, number % 60)
        return clients[number].post(
            url,
            {
                "room": room.pk,
                "association": association.pk,
                "purpose": f"Treffen {number}",
                "starts_on": day.isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_time": time(11, number % 60).strftime("%H:%M"),
                "repeat": "once",
            },
        )

    responses, errors = in_parallel(post, range(REQUESTS))

    assert not any(errors), errors
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * (REQUESTS - 1) + [302]
    winner = Booking.objects.get(room=room, is_cancelled=False)
    refused = [r for r in responses if r.status_code == 200]
    assert all(winner.purpose in r.content.decode() for r in refused)


@pytest.mark.django_db
def test_the_same_requests_one_after_another_book_once(setup):
    """The SQLite path (and any single process): the first request wins, every other one is
    refused with the booking in the way."""
    room, association, admins = setup
    results, errors = [], []
    for number, (starts_at, ends_at) in enumerate(overlapping_slots(a_day_next_week())):
        try:
            results.append(
                services.book_room(
                    room=room,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    purpose=f"Treffen {number}",
                    association=association,
                    by=admins[number],
                )
            )
            errors.append(None)
        except services.BookingConflict as error:
            results.append(None)
            errors.append(error)

    assert_exactly_one_booked(room, results, errors)
    assert results[0] is not None


@pytest.mark.django_db
def test_staff_booking_for_the_house_counts_as_a_conflict_too(setup):
    room, association, admins = setup
    staff = UserFactory(role="staff")
    day = a_day_next_week()
    house = services.book_room(
        room=room,
        starts_at=local_datetime(day, time(10)),
        ends_at=local_datetime(day, time(12)),
        purpose="Hausversammlung",
        by=staff,
    )
    with pytest.raises(services.BookingConflict) as refused:
        services.book_room(
            room=room,
            starts_at=local_datetime(day, time(12, 10)),
            ends_at=local_datetime(day, time(13)),
            purpose="Treffen",
            association=association,
            by=admins[0],
        )
    assert refused.value.conflicts == [house]


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_itself_refuses_overlapping_bookings(setup):
    """The exclusion constraint holds whoever writes, buffers included; cancelled bookings and
    other rooms do not count."""
    room, _association, _admins = setup
    day = a_day_next_week()

    def insert(start, end, *, in_room=room, cancelled=False):
        return Booking.objects.create(
            room=in_room,
            purpose="direkt",
            starts_at=local_datetime(day, start),
            ends_at=local_datetime(day, end),
            is_cancelled=cancelled,
        )

    insert(time(10), time(12))
    for start, end in [(time(11), time(13)), (time(12, 10), time(13))]:  # the buffer, too
        with pytest.raises(IntegrityError), transaction.atomic():
            insert(start, end)
    insert(time(11), time(13), cancelled=True)
    insert(
        time(11), time(13), in_room=Room.objects.create(name_de="B", floor=0, area_m2=9, capacity=2)
    )
    insert(time(12, 30), time(13))
    assert Booking.objects.filter(room=room, is_cancelled=False).count() == 2
