from datetime import date, time, timedelta

import pytest

from teilhabe.programme import services
from teilhabe.programme.models import ExceptionKind, ScheduleException, Session
from teilhabe.rooms.models import Closure

from .factories import RegistrationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)


def materialise(offer, days=35):
    return services.materialise_sessions(offers=[offer], today=MONDAY, horizon_days=days)


def test_weekly_schedule_becomes_sessions_for_the_horizon_and_again_changes_nothing():
    schedule = ScheduleFactory(starts_on=MONDAY, weekdays=[1, 3])  # Tuesday and Thursday
    result = materialise(schedule.offer)
    sessions = list(Session.objects.filter(offer=schedule.offer))
    assert result["created"] == len(sessions) == 10
    assert {s.starts_at.astimezone().weekday() for s in sessions} == {1, 3}
    assert materialise(schedule.offer) == {"created": 0, "updated": 0, "removed": 0}


def test_cancelled_and_moved_dates_and_house_closures():
    schedule = ScheduleFactory(starts_on=MONDAY, weekdays=[0])
    ScheduleException.objects.create(
        schedule=schedule,
        day=MONDAY + timedelta(days=7),
        kind=ExceptionKind.CANCELLED,
        note="Krank",
    )
    ScheduleException.objects.create(
        schedule=schedule,
        day=MONDAY + timedelta(days=14),
        kind=ExceptionKind.MOVED,
        moved_to=MONDAY + timedelta(days=16),
        moved_start_time=time(10),
        moved_end_time=time(12),
    )
    Closure.objects.create(
        starts_on=MONDAY + timedelta(days=21), ends_on=MONDAY + timedelta(days=25), reason="Ostern"
    )
    materialise(schedule.offer)
    by_day = {s.rule_day: s for s in Session.objects.filter(schedule=schedule)}
    assert by_day[MONDAY + timedelta(days=7)].is_cancelled
    assert by_day[MONDAY + timedelta(days=7)].note == "Krank"
    moved = by_day[MONDAY + timedelta(days=14)]
    assert moved.is_moved and moved.starts_at.astimezone().date() == MONDAY + timedelta(days=16)
    assert moved.starts_at.astimezone().hour == 10
    assert by_day[MONDAY + timedelta(days=21)].is_cancelled
    assert by_day[MONDAY + timedelta(days=21)].note == "Ostern"
    assert not by_day[MONDAY].is_cancelled


def test_a_shortened_schedule_drops_empty_dates_and_cancels_booked_ones():
    schedule = ScheduleFactory(
        starts_on=MONDAY, weekdays=[0], offer__registration_mode="required", offer__capacity=5
    )
    materialise(schedule.offer)
    booked = Session.objects.get(schedule=schedule, rule_day=MONDAY + timedelta(days=28))
    RegistrationFactory(offer=schedule.offer, session=booked)
    schedule.until = MONDAY + timedelta(days=7)
    schedule.save()
    result = materialise(schedule.offer)
    assert result["removed"] == 3  # days 14, 21 and 35 of the 35-day horizon
    booked.refresh_from_db()
    assert booked.is_cancelled
    assert Session.objects.filter(schedule=schedule, is_cancelled=False).count() == 2


def test_drafts_get_no_sessions():
    schedule = ScheduleFactory(starts_on=MONDAY, weekdays=[0], offer__status="draft")
    assert materialise(schedule.offer)["created"] == 0


def test_a_schedule_in_a_taken_room_is_refused_with_the_dates(staff_user):
    from django.core.exceptions import ValidationError

    from teilhabe.core.recurrence import centre_today
    from teilhabe.rooms.models import Room

    room = Room.objects.create(name="Saal", floor=0, area_m2=100, capacity=50)
    start = centre_today() + timedelta(days=1)
    first = ScheduleFactory(starts_on=start, weekdays=[start.weekday()], room=room)
    services.materialise_sessions(offers=[first.offer])
    other = ScheduleFactory.build(
        offer=ScheduleFactory(starts_on=start).offer,
        starts_on=start,
        weekdays=[start.weekday()],
        start_time=time(19),
        end_time=time(21),
        room=room,
    )
    with pytest.raises(ValidationError, match=first.offer.title_de):
        services.save_schedule(schedule=other, by=staff_user)
    # The same offer may move its own schedule within the time it already holds.
    first.end_time = time(19, 15)
    services.save_schedule(schedule=first, by=staff_user)
