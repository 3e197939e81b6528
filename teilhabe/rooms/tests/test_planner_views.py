"""The semester planner through its pages: who may use it, collecting the programme's weekly
dates, solving, moving a placement by hand, applying in one transaction, a fixed number of
queries on the round page, and solving in the background.

The programme takes part as the registered planning source (teilhabe/programme/planning.py),
so these tests use its factories and services: they test the planner as staff use it."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import ROLE_FIXTURES
from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.programme import services as programme_services
from teilhabe.programme.models import Schedule, Session
from teilhabe.programme.planning import SOURCE_KEY, build_sample_round, sample_semester
from teilhabe.programme.tests.factories import OfferFactory
from teilhabe.rooms.models import (
    Booking,
    BookingKind,
    BookingSeries,
    Equipment,
    PlanningPlacement,
    PlanningRequest,
    PlanningRound,
    Room,
    RoundStatus,
)
from teilhabe.rooms.planner import services
from teilhabe.rooms.planner.check import violations

pytestmark = pytest.mark.django_db

MO, TU, WE = 0, 1, 2


# --- helpers -----------------------------------------------------------------------------------


def make_room(name: str, capacity: int = 20, *, step_free: bool = True, equipment=()) -> Room:
    room = Room.objects.create(
        name_de=name, floor=0, area_m2=40, capacity=capacity, is_step_free=step_free
    )
    for slug in equipment:
        item, _created = Equipment.objects.get_or_create(slug=slug, defaults={"name_de": slug})
        room.equipment.add(item)
    return room


def first_monday_after(day: date, weeks: int = 0) -> date:
    return day + timedelta(days=7 - day.weekday()) + timedelta(weeks=weeks)


@pytest.fixture
def rooms(db):
    return {
        "a": make_room("Raum A", 20, equipment=["projector"]),
        "b": make_room("Raum B", 20),
        "small": make_room("Kammer", 4),
    }


@pytest.fixture
def planning_round(staff_user):
    # Inside the programme's horizon, so the offers' sessions in the round already exist.
    starts_on = first_monday_after(centre_today(), weeks=2)
    return services.create_round(
        name="Sommersemester",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(weeks=8),
        by=staff_user,
    )


def weekly_offer(staff_user, room, weekdays, start, end, *, title, contact="", capacity=None):
    offer = OfferFactory(
        title_de=title,
        contact_name=contact,
        capacity=capacity,
        registration_mode="open" if capacity else "none",
    )
    schedule = Schedule(
        offer=offer,
        starts_on=centre_today() - timedelta(days=14),
        start_time=start,
        end_time=end,
        weekdays=list(weekdays),
        room=room,
    )
    programme_services.save_schedule(schedule=schedule, by=staff_user)
    return offer, schedule


@pytest.fixture
def programme(staff_user, rooms):
    """Three weekly dates: a course on Monday and Wednesday in room A, a café on Monday in
    room B at the same time."""
    course, course_schedule = weekly_offer(
        staff_user,
        rooms["a"],
        [MO, WE],
        time(10),
        time(11, 30),
        title="Deutschkurs",
        contact="Anna Lehrerin",
        capacity=12,
    )
    cafe, cafe_schedule = weekly_offer(
        staff_user, rooms["b"], [MO], time(10), time(11, 30), title="Sprachcafé"
    )
    return {"course": course_schedule, "cafe": cafe_schedule}


def solved_round(client, staff_user, planning_round):
    client.force_login(staff_user)
    url = reverse("rooms:planner-round", args=[planning_round.pk])
    client.post(url, {"action": "collect", "source": SOURCE_KEY})
    response = client.post(url, {"action": "solve", "solver": "cp-sat"})
    assert response.status_code == 302
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVED, planning_round.stats
    return planning_round


def placement_of(planning_round, title, weekday=None) -> PlanningPlacement:
    placements = PlanningPlacement.objects.select_related("request", "room").filter(
        request__round=planning_round, request__title=title
    )
    if weekday is not None:
        placements = placements.filter(request__previous_weekday=weekday)
    return placements.get()


# --- permissions -------------------------------------------------------------------------------


@pytest.fixture
def round_with_a_placement(staff_user, rooms):
    planning_round = services.create_round(
        name="Runde", starts_on=date(2031, 3, 3), ends_on=date(2031, 7, 31), by=staff_user
    )
    request = PlanningRequest.objects.create(
        round=planning_round, title="Hausaufgabenhilfe", participants=8, duration_minutes=90
    )
    placement = PlanningPlacement.objects.create(
        request=request, room=rooms["a"], weekday=MO, start_time=time(15)
    )
    return planning_round, request, placement


ALLOWED = {"staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_centre_staff_use_the_planner(client, user_in_role, request, round_with_a_placement):
    planning_round, planning_request, placement = round_with_a_placement
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    pages = [
        reverse("rooms:planner"),
        reverse("rooms:planner-round", args=[planning_round.pk]),
        reverse("rooms:planner-request", args=[planning_round.pk, planning_request.pk]),
        reverse("rooms:planner-request-create", args=[planning_round.pk]),
        reverse("rooms:planner-placement", args=[planning_round.pk, placement.pk]),
    ]
    for url in pages:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/login/" in response["Location"], url
        elif role in ALLOWED:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
    response = client.post(reverse("rooms:planner-apply", args=[planning_round.pk]))
    expected = {"anonymous": 302}.get(role, 302 if role in ALLOWED else 403)
    assert response.status_code == expected
    response = client.post(reverse("rooms:planner"), {"name": "X", "starts_on": "2032-03-01"})
    assert response.status_code in (
        (302,) if role == "anonymous" else (200,) if role in ALLOWED else (403,)
    )
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.DRAFT  # nobody applied an unsolved round


def test_staff_create_a_round(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("rooms:planner"))
    assert response.status_code == 200
    response = client.post(
        reverse("rooms:planner"),
        {"name": "Wintersemester", "starts_on": "2031-09-01", "ends_on": "2032-02-28"},
    )
    planning_round = PlanningRound.objects.get(name="Wintersemester")
    assert response["Location"] == reverse("rooms:planner-round", args=[planning_round.pk])
    assert planning_round.created_by == staff_user
    response = client.post(
        reverse("rooms:planner"),
        {"name": "Falsch", "starts_on": "2031-09-01", "ends_on": "2031-08-01"},
    )
    assert response.status_code == 200
    assert not PlanningRound.objects.filter(name="Falsch").exists()


# --- collect and solve -------------------------------------------------------------------------


def test_collect_and_solve_place_every_request_without_violations(
    client, staff_user, planning_round, programme
):
    client.force_login(staff_user)
    url = reverse("rooms:planner-round", args=[planning_round.pk])
    client.post(url, {"action": "collect", "source": SOURCE_KEY})
    requests = {(r.title, r.previous_weekday): r for r in planning_round.requests.all()}
    assert set(requests) == {("Deutschkurs", MO), ("Deutschkurs", WE), ("Sprachcafé", MO)}
    course = requests[("Deutschkurs", MO)]
    assert course.participants == 12
    assert course.duration_minutes == 90
    assert course.persons == ["Anna Lehrerin"]
    assert [e.slug for e in course.equipment.all()] == ["projector"]
    assert course.windows[0] == {"weekday": MO, "start": "10:00", "end": "11:30", "preference": 10}
    assert {w["weekday"] for w in course.windows[1:]} == {1, 2, 3, 4}
    assert course.previous_room == programme["course"].room
    assert requests[("Sprachcafé", MO)].participants == 20  # no places given: its room's size

    # Collecting again adds nothing and keeps what staff changed.
    course.participants = 15
    course.save()
    client.post(url, {"action": "collect", "source": SOURCE_KEY})
    assert planning_round.requests.count() == 3
    course.refresh_from_db()
    assert course.participants == 15

    response = client.post(url, {"action": "solve", "solver": "cp-sat"})
    assert response.status_code == 302
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVED
    assert planning_round.stats["placed"] == 3 and planning_round.stats["solver"] == "cp-sat"
    placements = PlanningPlacement.objects.filter(request__round=planning_round)
    assert placements.count() == 3 and not placements.filter(room__isnull=True).exists()
    problem = services.build_problem(planning_round)
    assert violations(problem, services.stored_solution(planning_round)) == []
    # Everyone stays where they were: the sessions they hold now do not count as taken.
    assert placement_of(planning_round, "Deutschkurs", MO).room == programme["course"].room
    assert placement_of(planning_round, "Sprachcafé").room == programme["cafe"].room

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Deutschkurs" in text and "Sprachcafé" in text
    assert "<caption" in text and 'scope="row"' in text


def test_what_cannot_be_placed_is_listed_with_its_reason(client, staff_user, planning_round, rooms):
    client.force_login(staff_user)
    services.save_request(
        request=PlanningRequest(
            round=planning_round, title="Großes Fest", participants=300, duration_minutes=120
        ),
        by=staff_user,
    )
    services.save_request(
        request=PlanningRequest(
            round=planning_round,
            title="Chor",
            participants=10,
            duration_minutes=60,
            windows=[{"weekday": TU, "start": "18:00", "end": "19:00", "preference": 10}],
        ),
        by=staff_user,
    )
    url = reverse("rooms:planner-round", args=[planning_round.pk])
    client.post(url, {"action": "solve", "solver": "greedy"})
    placement = placement_of(planning_round, "Großes Fest")
    assert placement.room is None and placement.reason_code == "capacity"
    assert placement_of(planning_round, "Chor").room is not None
    page = client.get(url).content.decode()
    assert "Großes Fest" in page
    assert str(services.REASON_TEXTS["capacity"]) in page


def test_staff_edit_what_a_request_needs(client, staff_user, planning_round, rooms):
    client.force_login(staff_user)
    request = services.save_request(
        request=PlanningRequest(
            round=planning_round, title="Theater", participants=10, duration_minutes=90
        ),
        by=staff_user,
    )
    projector = Equipment.objects.get(slug="projector")
    url = reverse("rooms:planner-request", args=[planning_round.pk, request.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "Theatergruppe",
        "association": "",
        "participants": "14",
        "duration_minutes": "120",
        "equipment": [str(projector.pk)],
        "needs_step_free": "on",
        "persons": "Maria Regie\n\nJonas Licht\n",
        "windows-TOTAL_FORMS": "2",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "30",
        "windows-0-weekday": "3",
        "windows-0-start": "17:00",
        "windows-0-end": "21:00",
        "windows-0-preference": "8",
        "windows-1-weekday": "0",
        "windows-1-start": "",
        "windows-1-end": "",
        "windows-1-preference": "5",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.title == "Theatergruppe"
    assert request.participants == 14 and request.duration_minutes == 120
    assert request.needs_step_free
    assert list(request.equipment.all()) == [projector]
    assert request.persons == ["Maria Regie", "Jonas Licht"]
    assert request.windows == [{"weekday": 3, "start": "17:00", "end": "21:00", "preference": 8}]

    data.update({"windows-0-start": "21:00", "windows-0-end": "17:00"})
    response = client.post(url, data)
    assert response.status_code == 200  # the end must be after the start
    request.refresh_from_db()
    assert request.windows[0]["start"] == "17:00"


# --- by hand -----------------------------------------------------------------------------------


def test_staff_move_a_placement_by_hand_and_a_clash_is_refused(
    client, staff_user, planning_round, programme, rooms
):
    solved_round(client, staff_user, planning_round)
    course = placement_of(planning_round, "Deutschkurs", MO)
    url = reverse("rooms:planner-placement", args=[planning_round.pk, course.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"room": rooms["a"].pk, "weekday": TU, "start": "10:00"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.room, course.weekday, course.start_time) == (rooms["a"], TU, time(10))
    assert course.is_manual

    # The café into the course's room at the same time: refused, nothing changes.
    cafe = placement_of(planning_round, "Sprachcafé")
    before = (cafe.room_id, cafe.weekday, cafe.start_time)
    response = client.post(
        reverse("rooms:planner-placement", args=[planning_round.pk, cafe.pk]),
        {"room": rooms["a"].pk, "weekday": TU, "start": "10:00"},
    )
    assert response.status_code == 200
    assert "overlap" in response.content.decode()
    cafe.refresh_from_db()
    assert (cafe.room_id, cafe.weekday, cafe.start_time) == before and not cafe.is_manual

    # Too small a room, and a time outside the request's windows: refused as well.
    for wrong in (
        {"room": rooms["small"].pk, "weekday": MO, "start": "10:00"},
        {"room": rooms["b"].pk, "weekday": MO, "start": "14:00"},
    ):
        response = client.post(
            reverse("rooms:planner-placement", args=[planning_round.pk, cafe.pk]), wrong
        )
        assert response.status_code == 200
        cafe.refresh_from_db()
        assert (cafe.room_id, cafe.weekday, cafe.start_time) == before
    assert (
        violations(services.build_problem(planning_round), services.stored_solution(planning_round))
        == []
    )


# --- apply -------------------------------------------------------------------------------------


def test_apply_creates_the_schedules_and_bookings(
    client, staff_user, planning_round, programme, rooms
):
    _festival, festival_schedule = weekly_offer(
        staff_user, rooms["b"], [TU], time(19), time(21), title="Fest", capacity=300
    )
    solved_round(client, staff_user, planning_round)
    assert placement_of(planning_round, "Fest").reason_code == "capacity"
    house = services.save_request(
        request=PlanningRequest(
            round=planning_round,
            title="Hausversammlung",
            participants=10,
            duration_minutes=60,
            windows=[{"weekday": TU, "start": "17:00", "end": "18:00", "preference": 10}],
        ),
        by=staff_user,
    )
    services.move_placement(
        placement=house.placement, room=rooms["b"], weekday=TU, start=time(17), by=staff_user
    )
    course = placement_of(planning_round, "Deutschkurs", MO)
    services.move_placement(
        placement=course, room=rooms["a"], weekday=TU, start=time(10), by=staff_user
    )

    response = client.post(reverse("rooms:planner-apply", args=[planning_round.pk]))
    assert response.status_code == 302
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.APPLIED and planning_round.applied_at

    last_day = planning_round.starts_on - timedelta(days=1)
    for old in [*programme.values(), festival_schedule]:
        old.refresh_from_db()
        assert old.until == last_day  # the unplaced festival ends too: it has no place
    new = Schedule.objects.filter(starts_on=planning_round.starts_on).order_by("offer__title")
    assert {(s.offer.title_de, tuple(s.weekdays), s.start_time, s.room_id) for s in new} == {
        ("Deutschkurs", (TU,), time(10), rooms["a"].pk),
        ("Deutschkurs", (WE,), time(10), rooms["a"].pk),
        ("Sprachcafé", (MO,), time(10), rooms["b"].pk),
    }
    assert all(s.until == planning_round.ends_on and s.end_time == time(11, 30) for s in new)
    # The sessions in the round follow the new schedules and hold their rooms.
    first_tuesday = planning_round.starts_on + timedelta(days=1)
    session = Session.objects.get(
        offer=programme["course"].offer, starts_at=local_datetime(first_tuesday, time(10))
    )
    assert session.booking.kind == BookingKind.SESSION and not session.booking.is_cancelled
    assert not Session.objects.filter(
        schedule__in=programme.values(),
        starts_at__gte=local_datetime(planning_round.starts_on, time(0)),
        is_cancelled=False,
    ).exists()
    series = BookingSeries.objects.get(purpose="Hausversammlung")
    assert (series.room, series.weekdays, series.start_time) == (rooms["b"], [TU], time(17))
    assert series.bookings.filter(kind=BookingKind.PLANNER).count() == 8

    # Applied is final.
    response = client.post(reverse("rooms:planner-apply", args=[planning_round.pk]))
    assert Schedule.objects.filter(starts_on=planning_round.starts_on).count() == 3


def test_a_failure_while_applying_rolls_back_everything(
    client, staff_user, planning_round, programme, rooms
):
    solved_round(client, staff_user, planning_round)
    placements = list(
        PlanningPlacement.objects.filter(request__round=planning_round)
        .select_related("room", "request")
        .order_by("request_id")
    )
    last = placements[-1]
    # The last placement moves to a time its room is free today; meanwhile someone books that
    # room and time in the round's third week (after the weeks the planner looked at): the
    # earlier placements apply, this one fails.
    services.move_placement(
        placement=last, room=last.room, weekday=TU, start=last.start_time, by=staff_user
    )
    day = planning_round.starts_on + timedelta(weeks=2, days=TU)
    Booking.objects.create(
        room=last.room,
        purpose="Mitgliederversammlung",
        starts_at=local_datetime(day, last.start_time),
        ends_at=local_datetime(day, last.end_time),
    )
    schedules_before = set(Schedule.objects.values_list("pk", "until", "start_time", "room_id"))
    sessions_before = set(Session.objects.values_list("pk", "starts_at", "is_cancelled"))

    response = client.post(reverse("rooms:planner-apply", args=[planning_round.pk]), follow=True)
    text = response.content.decode()
    assert last.request.title in text and "Mitgliederversammlung" in text
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVED
    assert set(Schedule.objects.values_list("pk", "until", "start_time", "room_id")) == (
        schedules_before
    )
    assert set(Session.objects.values_list("pk", "starts_at", "is_cancelled")) == sessions_before


def test_applying_refuses_a_proposal_that_no_longer_fits(
    client, staff_user, planning_round, programme, rooms
):
    solved_round(client, staff_user, planning_round)
    cafe = placement_of(planning_round, "Sprachcafé")
    services.move_placement(
        placement=cafe, room=cafe.room, weekday=TU, start=cafe.start_time, by=staff_user
    )
    day = planning_round.starts_on + timedelta(days=TU)
    Booking.objects.create(
        room=cafe.room,
        purpose="Renovierung",
        starts_at=local_datetime(day, time(9)),
        ends_at=local_datetime(day, time(12)),
    )
    response = client.post(reverse("rooms:planner-apply", args=[planning_round.pk]), follow=True)
    assert "fixed booking" in response.content.decode()
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVED
    assert not Schedule.objects.filter(starts_on=planning_round.starts_on).exists()


# --- speed -------------------------------------------------------------------------------------


def round_of_size(staff_user, rooms, size: int) -> PlanningRound:
    planning_round = services.create_round(
        name=f"Runde {size}", starts_on=date(2031, 3, 3), ends_on=date(2031, 7, 31), by=staff_user
    )
    projector = Equipment.objects.get(slug="projector")
    for number in range(size):
        request = PlanningRequest.objects.create(
            round=planning_round,
            title=f"Angebot {number}",
            participants=5,
            duration_minutes=60,
            windows=[{"weekday": number % 5, "start": "09:00", "end": "18:00", "preference": 5}],
            persons=[f"Person {number}"],
            previous_room=rooms["a"],
            previous_weekday=number % 5,
            previous_start=time(9),
        )
        request.equipment.add(projector)
        if number % 4 == 3:
            PlanningPlacement.objects.create(request=request, reason_code="competition")
        else:
            PlanningPlacement.objects.create(
                request=request,
                room=rooms["a"] if number % 2 else rooms["b"],
                weekday=number % 5,
                start_time=time(9 + number // 5),
            )
    planning_round.status = RoundStatus.SOLVED
    planning_round.stats = {"solver": "cp-sat", "placed": size, "requests": size}
    planning_round.save()
    return planning_round


def test_the_round_page_runs_a_fixed_number_of_queries(client, staff_user, rooms):
    client.force_login(staff_user)
    counts = []
    for size in (2, 30):
        planning_round = round_of_size(staff_user, rooms, size)
        url = reverse("rooms:planner-round", args=[planning_round.pk])
        client.get(url)  # warm up: session, translations
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count("Angebot ") >= size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("rooms:planner")).status_code == 200
    assert len(queries) <= 6


# --- in the background -------------------------------------------------------------------------


def test_large_rounds_are_solved_in_the_background_while_the_page_polls(
    client, staff_user, planning_round, programme, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services, "BACKGROUND_FROM_REQUESTS", 2)
    client.force_login(staff_user)
    url = reverse("rooms:planner-round", args=[planning_round.pk])
    client.post(url, {"action": "collect", "source": SOURCE_KEY})
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(url, {"action": "solve", "solver": "cp-sat"})
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVING
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page
    poll = client.get(url, {"part": "status"}, headers={"HX-Request": "true"})
    assert poll.status_code == 200 and "HX-Refresh" not in poll

    assert len(callbacks) == 1
    callbacks[0]()  # the worker's turn (tasks run eagerly in tests)
    planning_round.refresh_from_db()
    assert planning_round.status == RoundStatus.SOLVED
    assert planning_round.stats["placed"] == 3
    poll = client.get(url, {"part": "status"}, headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"


# --- the sample centre -------------------------------------------------------------------------


def test_the_sample_round_is_solved_and_built_once(staff_user, programme):
    build_sample_round(context=None)
    name, starts_on, _ends_on = sample_semester(centre_today())
    planning_round = PlanningRound.objects.get(name=name)
    assert planning_round.starts_on == starts_on and starts_on.month == 3
    assert planning_round.status == RoundStatus.SOLVED
    assert planning_round.requests.count() == 3
    assert (
        violations(services.build_problem(planning_round), services.stored_solution(planning_round))
        == []
    )
    build_sample_round(context=None)
    assert PlanningRound.objects.filter(name=name).count() == 1
