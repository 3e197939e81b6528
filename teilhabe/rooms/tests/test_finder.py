"""The free-room finder: “a room for 15 people, step-free, with a projector, Tuesday 18–20,
every week until July” gives the rooms that fit on every date, the smallest first, in a fixed
number of queries."""

from datetime import date, time, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.core.recurrence import Recurrence, centre_today, local_datetime
from teilhabe.rooms import selectors, services
from teilhabe.rooms.models import Closure, Equipment, OpeningHours, Room

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages and pages are matched in English, the language of the msgids."""
    with translation.override("en"):
        yield


TU = 1


def make_room(name, capacity, *, step_free=True, equipment=(), buffer=0, area=None) -> Room:
    room = Room.objects.create(
        name_de=name,
        floor=0 if step_free else 2,
        area_m2=area or capacity * 2,
        capacity=capacity,
        is_step_free=step_free,
        buffer_minutes=buffer,
    )
    room.equipment.set(
        [
            Equipment.objects.get_or_create(slug=slug, defaults={"name_de": slug})[0]
            for slug in equipment
        ]
    )
    return room


def first_tuesday() -> date:
    today = centre_today()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1, days=TU)


def until_july() -> date:
    """The end of the coming July, at least ten weeks away."""
    today = centre_today()
    year = today.year if today + timedelta(weeks=10) <= date(today.year, 7, 31) else today.year + 1
    return date(year, 7, 31)


def tuesdays_18_to_20(until=None) -> Recurrence:
    return Recurrence(
        starts_on=first_tuesday(),
        start_time=time(18),
        end_time=time(20),
        weekdays=(TU,),
        until=until or until_july(),
    )


def intervals(rule: Recurrence):
    return [(o.starts_at, o.ends_at) for o in rule.occurrences(rule.starts_on, rule.until)]


def find(**criteria):
    criteria.setdefault("intervals", intervals(tuesdays_18_to_20()))
    return selectors.find_free_rooms(**criteria)


@pytest.fixture
def house(db):
    return {
        "small": make_room("Besprechungsraum", 12, equipment=["projector"]),
        "seminar_b": make_room("Seminarraum B", 20, equipment=["projector", "whiteboard"]),
        "seminar_a": make_room("Seminarraum A", 24, equipment=["projector", "whiteboard"]),
        "upstairs": make_room("Bewegungsraum", 18, step_free=False, equipment=["projector"]),
        "hall": make_room("Saal", 120, equipment=["projector", "stage"], buffer=15),
        "cafe": make_room("Café", 40, equipment=["kitchen"]),
    }


def names(rooms):
    return [room.name for room in rooms]


def test_the_example_from_the_issue(house, staff_user):
    """15 people, step-free, projector, Tuesdays 18–20 until July: Seminar room B is taken on
    one Tuesday, so A comes first, then the hall."""
    one_tuesday = first_tuesday() + timedelta(weeks=5)
    services.book_room(
        room=house["seminar_b"],
        starts_at=local_datetime(one_tuesday, time(19)),
        ends_at=local_datetime(one_tuesday, time(21)),
        purpose="Elternabend",
        by=staff_user,
    )

    rooms = find(people=15, step_free=True, equipment=["projector"])

    assert names(rooms) == ["Seminarraum A", "Saal"]


def test_capacity_step_free_and_equipment(house):
    assert names(find(people=15)) == [
        "Bewegungsraum",
        "Seminarraum B",
        "Seminarraum A",
        "Café",
        "Saal",
    ]
    assert names(find(people=15, step_free=True)) == [
        "Seminarraum B",
        "Seminarraum A",
        "Café",
        "Saal",
    ]
    assert names(find(people=1, equipment=["projector", "whiteboard"])) == [
        "Seminarraum B",
        "Seminarraum A",
    ]
    assert names(find(people=30, equipment=["kitchen"])) == ["Café"]
    assert find(people=200) == []


def test_best_first_is_the_smallest_room_that_fits_then_the_smallest_area(db):
    make_room("Groß", 20, area=60)
    make_room("Klein", 20, area=40)
    make_room("Winzig", 8)
    assert names(find(people=10)) == ["Klein", "Groß"]


def test_a_room_must_be_free_on_every_date_of_the_series_buffers_included(house, staff_user):
    last = first_tuesday() + timedelta(weeks=9)
    # The hall's 15-minute buffer: a booking ending 17:50 is in the way of 18:00, one ending
    # 17:30 is not.
    services.book_room(
        room=house["hall"],
        starts_at=local_datetime(last, time(16)),
        ends_at=local_datetime(last, time(17, 50)),
        purpose="Probe",
        by=staff_user,
    )
    services.book_room(
        room=house["cafe"],
        starts_at=local_datetime(last, time(16)),
        ends_at=local_datetime(last, time(17, 30)),
        purpose="Kaffee",
        by=staff_user,
    )
    assert names(find(people=30)) == ["Café"]
    # The booking is after the series: both fit.
    assert names(
        find(people=30, intervals=intervals(tuesdays_18_to_20(last - timedelta(days=1))))
    ) == [
        "Café",
        "Saal",
    ]
    # A cancelled booking is no longer in the way.
    for booking in house["hall"].bookings.all():
        services.cancel_booking(booking=booking, by=staff_user)
    assert names(find(people=30)) == ["Café", "Saal"]


def test_closures(house):
    some_tuesday = first_tuesday() + timedelta(weeks=3)
    Closure.objects.create(
        starts_on=some_tuesday, ends_on=some_tuesday, reason_de="Maler", room=house["seminar_a"]
    )
    assert "Seminarraum A" not in names(find(people=15))
    assert "Seminarraum A" in names(
        find(people=15, intervals=intervals(tuesdays_18_to_20(some_tuesday - timedelta(days=1))))
    )
    Closure.objects.create(starts_on=some_tuesday, ends_on=some_tuesday, reason_de="Ferien")
    assert find(people=15) == []


def test_the_finder_runs_a_fixed_number_of_queries(db, staff_user, django_assert_num_queries):
    def add_rooms(count, offset):
        for number in range(count):
            room = make_room(f"Raum {offset + number}", 20 + number, equipment=["projector"])
            for week in range(0, 20, 3):
                day = first_tuesday() + timedelta(weeks=week)
                services.book_room(
                    room=room,
                    starts_at=local_datetime(day, time(8, number)),
                    ends_at=local_datetime(day, time(9)),
                    purpose="Belegt",
                    by=staff_user,
                )

    add_rooms(2, 0)
    with django_assert_num_queries(4):
        assert len(find(people=10, equipment=["projector"])) == 2
    add_rooms(10, 2)
    with django_assert_num_queries(4):
        assert len(find(people=10, equipment=["projector"])) == 12


# --- the finder page -----------------------------------------------------------------------


@pytest.fixture
def admin_client(client, association_admin):
    client.force_login(association_admin)
    return client


def finder_query(**extra):
    rule = tuesdays_18_to_20()
    return {
        "people": "15",
        "step_free": "on",
        "equipment": ["projector"],
        "starts_on": rule.starts_on.isoformat(),
        "start_time": "18:00",
        "end_time": "20:00",
        "repeat": "weekly",
        "weekdays": [str(TU)],
        "interval_weeks": "1",
        "until": rule.until.isoformat(),
        **extra,
    }


def test_the_page_lists_the_rooms_with_a_link_to_book_each(house, admin_client, association):
    response = admin_client.get(
        reverse("rooms:finder"), finder_query(purpose="Chorprobe", association=association.pk)
    )

    assert response.status_code == 200
    rooms = response.context["rooms"]
    assert [room.name for room, _url in rooms] == ["Seminarraum B", "Seminarraum A", "Saal"]
    assert response.context["date_count"] == len(intervals(tuesdays_18_to_20()))
    room, url = rooms[0]
    link = urlparse(url)
    assert link.path == reverse("rooms:book")
    query = parse_qs(link.query)
    assert query["room"] == [str(room.pk)]
    assert query["start_time"] == ["18:00"] and query["weekdays"] == [str(TU)]
    assert query["until"] == [until_july().isoformat()]
    assert query["purpose"] == ["Chorprobe"] and query["association"] == [str(association.pk)]
    assert query["people"] == ["15"]
    assert "Book this room" in response.content.decode()

    # The link fills in the booking form.
    form = admin_client.get(url).context["form"]
    assert form.initial["room"] == str(room.pk) and form.initial["weekdays"] == [str(TU)]


def test_days_the_house_is_closed_are_left_out_and_named(house, admin_client):
    christmas = first_tuesday() + timedelta(weeks=2)
    Closure.objects.create(starts_on=christmas, ends_on=christmas, reason_de="Weihnachten")

    response = admin_client.get(reverse("rooms:finder"), finder_query())

    assert [day for day, _closure in response.context["closed"]] == [christmas]
    assert response.context["date_count"] == len(intervals(tuesdays_18_to_20())) - 1
    assert response.context["rooms"]
    assert "Weihnachten" in response.content.decode()


def test_a_time_outside_the_opening_hours_is_an_error(house, admin_client):
    OpeningHours.objects.create(weekday=TU, opens=time(8), closes=time(19))
    response = admin_client.get(reverse("rooms:finder"), finder_query())
    assert response.context["rooms"] is None
    assert "start_time" in response.context["form"].errors


def test_the_page_runs_a_fixed_number_of_queries(
    house, admin_client, staff_user, django_assert_num_queries
):
    admin_client.get(reverse("rooms:finder"), finder_query())
    with django_assert_num_queries(13) as few:
        admin_client.get(reverse("rooms:finder"), finder_query())
    for number in range(8):
        make_room(f"Raum {number}", 16 + number, equipment=["projector"])
    with django_assert_num_queries(len(few.captured_queries)):
        response = admin_client.get(reverse("rooms:finder"), finder_query())
    assert len(response.context["rooms"]) == 11


def test_an_empty_finder_shows_only_the_form(admin_client):
    response = admin_client.get(reverse("rooms:finder"))
    assert response.status_code == 200 and response.context["rooms"] is None
