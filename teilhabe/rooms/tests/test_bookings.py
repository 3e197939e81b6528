"""Booking rooms: one-off and recurring bookings through the services (buffers, opening hours,
closures, conflicts, daylight-saving weeks, cancelling), the booking pages, and who may do
what."""

import re
from datetime import UTC, date, time, timedelta
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import Recurrence, centre_today, local_datetime
from teilhabe.rooms import selectors, services
from teilhabe.rooms.models import Booking, BookingKind, BookingSeries, Closure, OpeningHours, Room

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages and pages are matched in English, the language of the msgids."""
    with translation.override("en"):
        yield


TU, TH = 1, 3


def make_room(name="Seminarraum A", **fields) -> Room:
    values = {"floor": 1, "area_m2": 50, "capacity": 20, **fields}
    return Room.objects.create(name_de=name, **values)


def next_weekday(weekday: int, weeks_ahead: int = 1) -> date:
    """The given weekday in `weeks_ahead` weeks (at least a few days from today)."""
    today = centre_today()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)
    return monday + timedelta(days=weekday)


def at(day: date, hour: int, minute: int = 0):
    return local_datetime(day, time(hour, minute))


def weekly(day: date, start, end, **rule) -> Recurrence:
    return Recurrence(
        starts_on=day,
        start_time=time(*start),
        end_time=time(*end),
        weekdays=(day.weekday(),),
        **rule,
    )


def last_sunday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def next_clock_change(month: int) -> date:
    """The next last Sunday of March (3) or October (10) at least two weeks away."""
    year = centre_today().year
    while last_sunday(year, month) < centre_today() + timedelta(weeks=2):
        year += 1
    return last_sunday(year, month)


@pytest.fixture
def staff(staff_user):
    return staff_user


@pytest.fixture
def room(db):
    return make_room()


def book(room, start, end, *, by, association=None, purpose="Vorstandssitzung"):
    return services.book_room(
        room=room,
        starts_at=start,
        ends_at=end,
        purpose=purpose,
        association=association,
        by=by,
    )


# --- one-off bookings ----------------------------------------------------------------------


def test_an_overlapping_booking_is_refused_naming_the_booking_in_the_way(
    room, association, association_admin, other_association_admin
):
    day = next_weekday(TU)
    first = book(room, at(day, 10), at(day, 12), by=association_admin, association=association)
    other = other_association_admin.memberships.get().association

    with pytest.raises(services.BookingConflict) as refused:
        book(room, at(day, 11), at(day, 13), by=other_association_admin, association=other)

    assert refused.value.conflicts == [first]
    message = refused.value.messages[0]
    assert "Seminarraum A" in message and "10:00" in message and "Vorstandssitzung" in message
    # Back to back is fine, and so is another room at the same time.
    book(room, at(day, 12), at(day, 13), by=other_association_admin, association=other)
    book(
        make_room("Seminarraum B"),
        at(day, 11),
        at(day, 13),
        by=other_association_admin,
        association=other,
    )
    assert Booking.objects.filter(is_cancelled=False).count() == 3


def test_the_buffer_keeps_the_room_free_around_a_booking(staff):
    """A room with 15 minutes for setting up and clearing up: 10–12 blocks 12:00–12:15 (and
    9:45–10:00); the next booking's own set-up needs 15 minutes more."""
    hall = make_room("Saal", capacity=120, buffer_minutes=15)
    day = next_weekday(TH)
    taken = book(hall, at(day, 10), at(day, 12), by=staff)
    assert (taken.blocked_from, taken.blocked_until) == (at(day, 9, 45), at(day, 12, 15))

    for start, end in [((12, 0), (13, 0)), ((12, 10), (13, 0)), ((9, 0), (9, 50))]:
        with pytest.raises(services.BookingConflict) as refused:
            book(hall, at(day, *start), at(day, *end), by=staff)
        assert refused.value.conflicts == [taken]
    book(hall, at(day, 12, 30), at(day, 13, 30), by=staff)
    book(hall, at(day, 8), at(day, 9, 30), by=staff)

    # Without a buffer back to back is fine.
    plain = make_room("Seminarraum B")
    book(plain, at(day, 10), at(day, 12), by=staff)
    book(plain, at(day, 12), at(day, 13), by=staff)


def test_outside_the_opening_hours_and_on_closures_booking_is_refused_with_the_reason(room, staff):
    for weekday in range(5):
        OpeningHours.objects.create(weekday=weekday, opens=time(8), closes=time(22))
    OpeningHours.objects.create(weekday=5, opens=time(9), closes=time(18))
    tuesday = next_weekday(TU)
    saturday = tuesday + timedelta(days=4)
    sunday = tuesday + timedelta(days=5)

    for start, end in [
        (at(tuesday, 7), at(tuesday, 9)),
        (at(tuesday, 21), at(tuesday, 23)),
        (at(saturday, 17), at(saturday, 19)),
        (at(sunday, 10), at(sunday, 12)),
    ]:
        with pytest.raises(ValidationError, match="The house is not open at that time"):
            book(room, start, end, by=staff)
    book(room, at(tuesday, 8), at(tuesday, 22), by=staff)
    book(room, at(saturday, 9), at(saturday, 18), by=staff)

    wednesday = tuesday + timedelta(days=1)
    Closure.objects.create(starts_on=wednesday, ends_on=wednesday, reason_de="Betriebsausflug")
    with pytest.raises(ValidationError, match="The house is closed then: Betriebsausflug"):
        book(room, at(wednesday, 10), at(wednesday, 12), by=staff)

    thursday = tuesday + timedelta(days=2)
    Closure.objects.create(
        starts_on=thursday, ends_on=thursday, reason_de="Malerarbeiten", room=room
    )
    with pytest.raises(ValidationError, match="Seminarraum A is closed then: Malerarbeiten"):
        book(room, at(thursday, 10), at(thursday, 12), by=staff)
    book(make_room("Seminarraum B"), at(thursday, 10), at(thursday, 12), by=staff)
    assert not Booking.objects.filter(room=room, starts_at__date=thursday).exists()


def test_cancelling_frees_the_slot(room, association, association_admin):
    day = next_weekday(TU)
    booking = book(room, at(day, 10), at(day, 12), by=association_admin, association=association)

    services.cancel_booking(booking=booking, by=association_admin)

    booking.refresh_from_db()
    assert booking.is_cancelled
    again = book(room, at(day, 10), at(day, 12), by=association_admin, association=association)
    assert again.pk != booking.pk
    # Cancelling twice changes nothing.
    services.cancel_booking(booking=booking, by=association_admin)


def test_programme_dates_and_past_bookings_are_not_cancelled_here(room, staff):
    day = next_weekday(TU)
    session = services.hold_room(
        booking=None,
        room=room,
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        purpose="Deutschkurs",
        kind=BookingKind.SESSION,
    )
    with pytest.raises(ValidationError, match="change it there"):
        services.cancel_booking(booking=session, by=staff)
    yesterday = centre_today() - timedelta(days=1)
    over = book(room, at(yesterday, 10), at(yesterday, 12), by=staff)
    with pytest.raises(ValidationError, match="already over"):
        services.cancel_booking(booking=over, by=staff)
    assert not Booking.objects.filter(is_cancelled=True).exists()


# --- recurring bookings --------------------------------------------------------------------


def test_a_series_lists_every_conflicting_date_and_books_the_rest_when_asked(
    room, association, association_admin, staff
):
    first = next_weekday(TU)
    rule = weekly(first, (18, 0), (20, 0), count=6)
    third, fifth = first + timedelta(weeks=2), first + timedelta(weeks=4)
    in_the_way = [
        book(room, at(third, 19), at(third, 21), by=staff, purpose="Chorprobe"),
        book(room, at(fifth, 17), at(fifth, 18, 30), by=staff, purpose="Elternabend"),
    ]

    with pytest.raises(services.SeriesConflict) as refused:
        services.book_series(
            room=room,
            recurrence=rule,
            purpose="Kurs",
            association=association,
            by=association_admin,
        )

    assert refused.value.conflicts == {third: in_the_way[0], fifth: in_the_way[1]}
    assert refused.value.free_days == [first + timedelta(weeks=n) for n in (0, 1, 3, 5)]
    assert not BookingSeries.objects.exists()
    assert Booking.objects.filter(purpose="Kurs").count() == 0

    series, bookings = services.book_series(
        room=room,
        recurrence=rule,
        purpose="Kurs",
        association=association,
        by=association_admin,
        skip_conflicts=True,
    )

    assert [timezone.localdate(b.starts_at) for b in bookings] == refused.value.free_days
    assert {b.series for b in bookings} == {series}
    assert (series.weekdays, series.count) == ([TU], 6)
    assert Booking.objects.filter(room=room, is_cancelled=False).count() == 6


def test_a_series_without_conflicts_is_booked_whole(room, staff):
    first = next_weekday(TH)
    rule = Recurrence(
        starts_on=first,
        start_time=time(10),
        end_time=time(11),
        weekdays=(0, TH),
        interval_weeks=2,
        until=first + timedelta(weeks=5),
    )
    _series, bookings = services.book_series(room=room, recurrence=rule, purpose="Plenum", by=staff)
    days = [timezone.localdate(b.starts_at) for b in bookings]
    assert days == [
        first,
        first + timedelta(days=11),  # Monday two weeks after the first one's week
        first + timedelta(weeks=2),
        first + timedelta(weeks=2, days=11),
        first + timedelta(weeks=4),
    ]


def test_closed_dates_of_a_series_are_listed_and_left_out(room, staff):
    first = next_weekday(TU)
    second = first + timedelta(weeks=1)
    Closure.objects.create(starts_on=second, ends_on=second + timedelta(days=2), reason_de="Ferien")
    rule = weekly(first, (18, 0), (20, 0), count=3)

    with pytest.raises(services.SeriesConflict) as refused:
        services.book_series(room=room, recurrence=rule, purpose="Kurs", by=staff)
    assert refused.value.conflicts == {}
    assert list(refused.value.closed) == [second]
    assert refused.value.free_days == [first, first + timedelta(weeks=2)]

    _series, bookings = services.book_series(
        room=room, recurrence=rule, purpose="Kurs", by=staff, skip_conflicts=True
    )
    assert len(bookings) == 2


def test_a_series_at_a_time_the_house_is_not_open_is_refused(room, staff):
    OpeningHours.objects.create(weekday=TU, opens=time(8), closes=time(20))
    rule = weekly(next_weekday(TU), (19, 0), (21, 0), count=4)
    with pytest.raises(ValidationError, match="The house is not open at that time"):
        services.book_series(room=room, recurrence=rule, purpose="Kurs", by=staff)
    assert not Booking.objects.exists()


@pytest.mark.parametrize("month", [3, 10], ids=["spring", "autumn"])
def test_a_weekly_series_keeps_its_local_time_across_the_clock_change(room, staff, month):
    change = next_clock_change(month)
    thursday_before = change - timedelta(days=3)
    thursday_after = change + timedelta(days=4)
    # Someone has the room at 19:00 local time after the change: no conflict with 18–19.
    book(room, at(thursday_after, 19), at(thursday_after, 20), by=staff, purpose="Chor")

    _series, bookings = services.book_series(
        room=room,
        recurrence=weekly(thursday_before - timedelta(weeks=1), (18, 0), (19, 0), count=4),
        purpose="Kurs",
        by=staff,
    )

    local = [timezone.localtime(b.starts_at) for b in bookings]
    assert [(t.hour, t.minute) for t in local] == [(18, 0)] * 4
    assert thursday_after in [t.date() for t in local]
    utc_hours = [b.starts_at.astimezone(UTC).hour for b in bookings]
    assert utc_hours == ([17, 17, 16, 16] if month == 3 else [16, 16, 17, 17])
    # And a series at 18:00 now meets the 18:00 booking after the change, not one at 17 or 19.
    with pytest.raises(services.SeriesConflict) as refused:
        services.book_series(
            room=room,
            recurrence=weekly(thursday_after, (18, 30), (19, 30), count=2),
            purpose="Noch ein Kurs",
            by=staff,
        )
    assert set(refused.value.conflicts) == {thursday_after, thursday_after + timedelta(weeks=1)}


def test_a_series_needs_an_end_and_dates(room, staff):
    day = next_weekday(TU)
    with pytest.raises(ValidationError, match="last date or a number of dates"):
        services.book_series(
            room=room, recurrence=weekly(day, (18, 0), (20, 0)), purpose="x", by=staff
        )
    too_many = Recurrence(
        starts_on=day, start_time=time(8), end_time=time(9), weekdays=tuple(range(7)), count=401
    )
    with pytest.raises(ValidationError, match="at most 400"):
        services.book_series(room=room, recurrence=too_many, purpose="x", by=staff)


# --- permissions: who books and cancels for whom --------------------------------------------

# role: (use the booking pages, book for `association`, book for the house, cancel a booking
#        of `association`, cancel a booking of the house)
EXPECTED = {
    "anonymous": (False, False, False, False, False),
    "participant": (False, False, False, False, False),
    "volunteer": (False, False, False, False, False),
    "counsellor": (False, False, False, False, False),
    "association_member": (False, False, False, False, False),
    "association_admin": (True, True, False, True, False),
    "other_association_admin": (True, False, False, False, False),
    "staff_user": (True, True, True, True, True),
    "administrator": (True, True, True, True, True),
}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(ROLE_FIXTURES)


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_booking_permissions(request, room, association, staff_user, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    day = next_weekday(TU)
    theirs = book(room, at(day, 8), at(day, 9), by=staff_user, association=association)
    house = book(room, at(day, 9), at(day, 10), by=staff_user)

    actual = (
        user_in_role.has_perm("rooms.use_booking"),
        _allowed(
            lambda: book(room, at(day, 11), at(day, 12), by=user_in_role, association=association)
        ),
        _allowed(lambda: book(room, at(day, 13), at(day, 14), by=user_in_role)),
        _allowed(lambda: services.cancel_booking(booking=theirs, by=user_in_role)),
        _allowed(lambda: services.cancel_booking(booking=house, by=user_in_role)),
    )

    assert actual == EXPECTED[role]


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_booking_pages_by_role(request, client, room, association, staff_user, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    day = next_weekday(TU)
    theirs = book(room, at(day, 8), at(day, 9), by=staff_user, association=association)
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    may_use, _for, _house, may_cancel, _cancel_house = EXPECTED[role]

    for name in ("rooms:book", "rooms:finder", "rooms:my-bookings"):
        response = client.get(reverse(name))
        if not user_in_role.is_authenticated:
            assert response.status_code == 302 and "/login/" in response.url, name
        else:
            assert response.status_code == (200 if may_use else 403), name

    response = client.post(reverse("rooms:booking-cancel", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.is_cancelled == may_cancel
    if user_in_role.is_authenticated and not may_cancel:
        assert response.status_code == 403


# --- the booking page ----------------------------------------------------------------------


def form_data(room, day, start="10:00", end="12:00", **extra):
    return {
        "room": room.pk,
        "purpose": "Vorstandssitzung",
        "starts_on": day.isoformat(),
        "start_time": start,
        "end_time": end,
        "repeat": "once",
        **extra,
    }


@pytest.fixture
def admin_client(client, association_admin):
    client.force_login(association_admin)
    return client


def test_the_booking_form_offers_only_the_users_associations(
    admin_client, association, other_association_admin, staff_user, client
):
    response = admin_client.get(reverse("rooms:book"))
    form = response.context["form"]
    assert list(form.fields["association"].queryset) == [association]
    assert form.initial["association"] == association.pk  # the only one: chosen already
    assert form.fields["association"].required

    other = other_association_admin.memberships.get().association
    response = admin_client.post(
        reverse("rooms:book"), form_data(make_room(), next_weekday(TU), association=other.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors["association"]
    assert not Booking.objects.exists()

    client.force_login(staff_user)
    form = client.get(reverse("rooms:book")).context["form"]
    assert not form.fields["association"].required  # staff book for the house, too
    assert set(form.fields["association"].queryset) == {association, other}


def test_a_booking_through_the_page(admin_client, association, room):
    day = next_weekday(TU)
    response = admin_client.post(
        reverse("rooms:book"), form_data(room, day, association=association.pk)
    )
    assert response.status_code == 302 and response.url == reverse("rooms:my-bookings")
    booking = Booking.objects.get()
    assert (booking.room, booking.association, booking.kind) == (
        room,
        association,
        BookingKind.MANUAL,
    )
    assert booking.starts_at == at(day, 10)
    response = admin_client.get(response.url)
    assert "Booked: Seminarraum A" in response.content.decode()


def test_a_conflict_keeps_the_typed_values_and_names_the_booking_in_the_way(
    admin_client, association, room, staff_user
):
    day = next_weekday(TU)
    make_room("Seminarraum B", capacity=30)
    taken = book(room, at(day, 9), at(day, 11), by=staff_user, purpose="Hausversammlung")

    response = admin_client.post(
        reverse("rooms:book"),
        form_data(room, day, association=association.pk, people="12", purpose="Chorprobe"),
    )

    assert response.status_code == 200
    assert response.context["conflict"] == taken
    page = response.content.decode()
    assert "Hausversammlung" in page and "09:00" in page and "11:00" in page
    assert 'value="Chorprobe"' in page  # what was typed stays
    finder = urlparse(response.context["finder_url"])
    assert finder.path == reverse("rooms:finder")
    query = parse_qs(finder.query)
    assert query["people"] == ["12"]
    assert query["starts_on"] == [day.isoformat()]
    assert (query["start_time"], query["end_time"]) == (["10:00"], ["12:00"])
    assert query["purpose"] == ["Chorprobe"] and query["association"] == [str(association.pk)]
    assert Booking.objects.count() == 1


def test_a_series_conflict_lists_the_dates_and_books_the_free_ones_on_request(
    admin_client, association, room, staff_user
):
    first = next_weekday(TU)
    second = first + timedelta(weeks=1)
    book(room, at(second, 18), at(second, 19), by=staff_user, purpose="Elternabend")
    data = form_data(
        room,
        first,
        start="18:00",
        end="20:00",
        association=association.pk,
        repeat="weekly",
        weekdays=[str(TU)],
        interval_weeks="1",
        count="4",
    )

    response = admin_client.post(reverse("rooms:book"), data)

    assert response.status_code == 200
    rows = response.context["series_conflict"]
    assert [(row.day, row.booking.purpose) for row in rows] == [(second, "Elternabend")]
    page = response.content.decode()
    assert "Book the 3 free dates" in page
    assert 'name="skip_conflicts" value="1"' in page
    assert ("weekdays", str(TU)) in response.context["resubmit"]
    assert parse_qs(urlparse(response.context["finder_url"]).query)["count"] == ["4"]

    response = admin_client.post(reverse("rooms:book"), {**data, "skip_conflicts": "1"})

    assert response.status_code == 302
    booked = Booking.objects.filter(purpose="Vorstandssitzung").order_by("starts_at")
    assert [timezone.localdate(b.starts_at) for b in booked] == [
        first,
        first + timedelta(weeks=2),
        first + timedelta(weeks=3),
    ]
    page = admin_client.get(response.url).content.decode()
    assert "1 date was left out" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "09:00"}, "end_time"),
        ({"starts_on": "2000-01-04"}, "starts_on"),
        ({"repeat": "weekly", "count": "3"}, "weekdays"),
        ({"repeat": "weekly", "weekdays": ["1"]}, "until"),
        ({"people": "50"}, "people"),
    ],
)
def test_the_form_catches_what_is_easy_to_get_wrong(
    admin_client, association, room, changes, field
):
    data = {**form_data(room, next_weekday(TU), association=association.pk), **changes}
    response = admin_client.post(reverse("rooms:book"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Booking.objects.exists()


def test_opening_hours_come_back_as_a_message(admin_client, association, room):
    OpeningHours.objects.create(weekday=TU, opens=time(8), closes=time(20))
    response = admin_client.post(
        reverse("rooms:book"),
        form_data(room, next_weekday(TU), start="19:00", end="21:00", association=association.pk),
    )
    assert "The house is not open at that time." in response.content.decode()


def test_the_booking_form_is_prefilled_from_a_link(admin_client, room):
    day = next_weekday(TU)
    url = (
        f"{reverse('rooms:book')}?room={room.pk}&starts_on={day.isoformat()}&start_time=18:00"
        f"&end_time=20:00&repeat=weekly&weekdays=1&weekdays=3&until={day + timedelta(weeks=4)}"
        "&purpose=Chorprobe"
    )
    page = admin_client.get(url).content.decode()
    assert re.search(rf'<option value="{room.pk}" selected', page)
    assert 'value="18:00"' in page and 'value="Chorprobe"' in page
    assert re.search(r'name="weekdays" value="3"[^>]*checked', page)


# --- my bookings ---------------------------------------------------------------------------


def test_my_bookings_lists_the_associations_upcoming_bookings_in_fixed_queries(
    admin_client, association, association_admin, staff_user, django_assert_num_queries
):
    room = make_room()
    other = AssociationFactory()
    day = next_weekday(TU)

    def fill(count, offset):
        for n in range(count):
            start = at(day + timedelta(days=offset), 8) + timedelta(hours=n)
            book(room, start, start + timedelta(minutes=30), by=staff_user, association=association)

    fill(2, 0)
    book(room, at(day, 20), at(day, 21), by=staff_user, association=other, purpose="Fremd")
    yesterday = centre_today() - timedelta(days=1)
    book(room, at(yesterday, 10), at(yesterday, 11), by=staff_user, association=association)
    url = reverse("rooms:my-bookings")
    admin_client.get(url)  # warm up the session

    with django_assert_num_queries(8) as few:
        response = admin_client.get(url)
    fill(10, 1)
    with django_assert_num_queries(len(few.captured_queries)):
        response = admin_client.get(url)

    page = response.context["page"]
    assert page.paginator.count == 12
    assert all(b.association == association and b.can_cancel for b in page)
    assert "Fremd" not in response.content.decode()
    assert response.content.decode().count('action="/en/rooms/bookings/') == 12


def test_my_bookings_is_paginated_and_staff_see_everything(client, staff_user, room):
    day = next_weekday(TU)
    for n in range(30):
        start = at(day + timedelta(days=n // 10), 8) + timedelta(hours=n % 10)
        book(
            room,
            start,
            start + timedelta(minutes=30),
            by=staff_user,
            association=AssociationFactory(),
        )
    services.hold_room(
        booking=None,
        room=make_room("Kinderraum"),
        starts_at=at(day, 9),
        ends_at=at(day, 10),
        purpose="Krabbelgruppe",
        kind=BookingKind.SESSION,
    )
    client.force_login(staff_user)

    first = client.get(reverse("rooms:my-bookings")).context["page"]
    assert first.paginator.count == 31 and len(first) == 25
    second = client.get(reverse("rooms:my-bookings") + "?page=2").context["page"]
    assert len(second) == 6
    programme = client.get(reverse("rooms:my-bookings") + "?show=programme").context["page"]
    (session,) = programme
    assert session.purpose == "Krabbelgruppe" and not session.can_cancel


def test_cancel_through_the_page(admin_client, association, association_admin, room):
    day = next_weekday(TU)
    booking = book(room, at(day, 10), at(day, 12), by=association_admin, association=association)
    url = reverse("rooms:booking-cancel", args=[booking.pk])

    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url, {"next": "https://elsewhere.example/"})

    assert response.status_code == 302 and response.url == reverse("rooms:my-bookings")
    booking.refresh_from_db()
    assert booking.is_cancelled
    assert "The room is free again" in admin_client.get(response.url).content.decode()


# --- the sample house ----------------------------------------------------------------------


def test_the_sample_house_has_opening_hours_buffers_and_a_closure_and_fits_its_programme():
    call_command("load_sample_centre", stdout=StringIO())
    counts = (OpeningHours.objects.count(), Closure.objects.count())
    call_command("load_sample_centre", stdout=StringIO())
    assert (OpeningHours.objects.count(), Closure.objects.count()) == counts

    assert Room.objects.get(name_de="Saal").buffer_minutes == 15
    assert Room.objects.get(name_de="Café International").buffer_minutes == 10
    hours = selectors.opening_hours_by_weekday()
    assert hours[0] == hours[4] == [(time(8), time(22))]
    assert hours[5] == [(time(9), time(22))] and hours[6] == [(time(14), time(18))]
    (maintenance,) = Closure.objects.filter(room__isnull=False)
    assert maintenance.starts_on.month == 8 and maintenance.ends_on >= centre_today()

    # Every programme date with a room holds it (no conflict, buffers included) within the
    # opening hours of the house. (The sample's past dates, written for the attendance figures,
    # have no room.)
    from teilhabe.programme.models import Session

    sessions = Session.objects.filter(is_cancelled=False, room__isnull=False).select_related(
        "booking"
    )
    assert sessions.count() > 100
    assert not sessions.filter(has_room_conflict=True).exists()
    for session in sessions:
        assert session.booking and not session.booking.is_cancelled, session
        assert selectors.opening_hours_problem(session.starts_at, session.ends_at, hours) is None, (
            session.offer_id,
            timezone.localtime(session.starts_at),
        )
