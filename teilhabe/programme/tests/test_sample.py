"""The sample programme: big and varied enough to show the joint programme, consistent with the
sample house, and loaded idempotently."""

from datetime import time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.programme.models import (
    Category,
    ExceptionKind,
    Offer,
    OfferStatus,
    RegistrationMode,
    RegistrationScope,
    Schedule,
    ScheduleException,
    Session,
)
from teilhabe.programme.sample import (
    CATEGORIES,
    PROGRAMME,
    SA,
    TH,
    SampleProgrammeError,
    check_no_room_clashes,
)
from teilhabe.rooms.models import Closure, Room
from teilhabe.rooms.sample import ROOMS

from .factories import ScheduleFactory

pytestmark = pytest.mark.django_db


def load() -> None:
    call_command("load_sample_centre", stdout=StringIO())


@pytest.fixture
def sample_centre():
    load()


def published():
    return Offer.objects.filter(status=OfferStatus.PUBLISHED)


def snapshot():
    return {
        "categories": sorted(Category.objects.values_list("slug", "name_de", "name_fa")),
        "offers": sorted(Offer.objects.values_list("slug", "status", "updated_at")),
        "co_hosts": sorted(
            Offer.co_hosts.through.objects.values_list("offer_id", "association_id")
        ),
        "schedules": sorted(
            Schedule.objects.values_list("offer__slug", "starts_on", "start_time", "room_id")
        ),
        "exceptions": sorted(ScheduleException.objects.values_list("schedule_id", "day", "kind")),
        "closures": sorted(Closure.objects.values_list("starts_on", "ends_on", "room_id")),
        "sessions": set(
            Session.objects.values_list("rule_day", "starts_at", "room_id", "is_cancelled")
        ),
    }


def assert_large_and_covers_every_category():
    assert Offer.objects.count() >= 45
    assert published().count() >= 45
    assert set(Category.objects.values_list("slug", flat=True)) == {s for s, _n in CATEGORIES}
    for category in Category.objects.all():
        assert published().filter(category=category).exists(), category.slug
        for code in ("de", "en", "ar", "uk", "ru", "tr", "fa"):
            assert getattr(category, f"name_{code}"), (category.slug, code)
    assert Offer.objects.filter(status=OfferStatus.DRAFT).count() == 2
    assert Offer.objects.filter(status=OfferStatus.ARCHIVED).count() == 1


def assert_a_quarter_or_more_is_cohosted():
    offers = published().annotate(hosts=Count("co_hosts"))
    cohosted = offers.filter(hosts__gte=1)
    assert cohosted.count() * 4 >= offers.count()
    assert not offers.filter(hosts__gt=2).exists()
    for offer in cohosted:
        assert offer.lead_association not in offer.co_hosts.all(), offer.slug
    # every association leads something
    assert published().values("lead_association").distinct().count() == 6


def assert_four_languages_and_german_fallback():
    for offer in published():
        for code in ("de", "en", "ar", "uk"):
            assert getattr(offer, f"title_{code}"), (offer.slug, code)
            assert getattr(offer, f"summary_{code}"), (offer.slug, code)
        assert offer.description_html_de.startswith("<p>"), offer.slug
        assert offer.description_en, offer.slug
        assert offer.languages, offer.slug
    # some offers are translated into Russian, Turkish and Persian, others fall back to German
    for code in ("ru", "tr", "fa"):
        translated = (
            published().exclude(**{f"title_{code}": ""}).exclude(**{f"title_{code}__isnull": True})
        )
        assert 0 < translated.count() < published().count(), code


def assert_offers_match_their_rooms():
    for offer in Offer.objects.prefetch_related("schedules__room"):
        rooms = [s.room for s in offer.schedules.all()]
        assert rooms and all(rooms), offer.slug
        assert offer.is_step_free == all(room.is_step_free for room in rooms), offer.slug
        if offer.registration_mode != RegistrationMode.NONE:
            assert offer.capacity <= min(room.capacity for room in rooms), offer.slug
    assert Room.objects.get(name_de="Musikzimmer").schedules.filter(offer__slug="klavierunterricht")
    assert (
        Offer.objects.filter(category__slug="womens-club").exclude(is_women_only=True).count() == 0
    )
    assert published().filter(registration_scope=RegistrationScope.SESSION).count() >= 2


def assert_sessions_fill_the_coming_weeks_in_sample_rooms():
    today = centre_today()
    start = local_datetime(today, time(0))
    sessions = Session.objects.filter(
        starts_at__gte=start, starts_at__lt=start + timedelta(weeks=4)
    ).select_related("room")
    assert sessions.filter(is_cancelled=False).count() >= 100
    sample_rooms = {name for name, *_rest in ROOMS}
    assert {s.room.name_de for s in sessions} <= sample_rooms
    assert not sessions.filter(room__isnull=True).exists()


def assert_no_two_sessions_share_a_room():
    sessions = Session.objects.filter(is_cancelled=False, room__isnull=False).order_by(
        "room_id", "starts_at"
    )
    assert sessions.exists()
    latest = {}  # room: the session in it that ends last so far
    for session in sessions:
        before = latest.get(session.room_id)
        if before is not None:
            assert session.starts_at >= before.ends_at, (before, session)
        if before is None or session.ends_at > before.ends_at:
            latest[session.room_id] = session


def assert_exceptions_and_closure_reach_the_sessions():
    cancelled = ScheduleException.objects.get(
        kind=ExceptionKind.CANCELLED, schedule__offer__slug="deutschkurs-a1-vormittag"
    )
    session = Session.objects.get(schedule=cancelled.schedule, rule_day=cancelled.day)
    assert session.is_cancelled and session.note == cancelled.note_de
    moved = ScheduleException.objects.get(kind=ExceptionKind.MOVED)
    session = Session.objects.get(schedule=moved.schedule, rule_day=moved.day)
    assert session.is_moved and timezone.localdate(session.starts_at) == moved.moved_to
    closure = Closure.objects.get(room__isnull=True, starts_on__month=12, starts_on__day=24)
    assert (closure.ends_on.year, closure.ends_on.month, closure.ends_on.day) == (
        closure.starts_on.year + 1,
        1,
        1,
    )
    during = Session.objects.filter(rule_day__range=(closure.starts_on, closure.ends_on))
    assert not during.filter(is_cancelled=False).exists()


def test_the_programme_is_large_varied_and_fits_the_house(sample_centre):
    assert_large_and_covers_every_category()
    assert_a_quarter_or_more_is_cohosted()
    assert_four_languages_and_german_fallback()
    assert_offers_match_their_rooms()


def test_sessions_fill_the_coming_weeks_without_double_booking(sample_centre):
    assert_sessions_fill_the_coming_weeks_in_sample_rooms()
    assert_no_two_sessions_share_a_room()
    assert_exceptions_and_closure_reach_the_sessions()


def test_a_second_load_changes_nothing(sample_centre):
    first = snapshot()
    counts = {
        model.__name__: model.objects.count()
        for model in (Category, Offer, Schedule, ScheduleException, Session, Closure)
    }
    load()
    assert snapshot() == first
    assert {
        model.__name__: model.objects.count()
        for model in (Category, Offer, Schedule, ScheduleException, Session, Closure)
    } == counts
    assert len(PROGRAMME) == counts["Offer"]


def test_the_clash_check_catches_a_double_booked_room():
    room = Room.objects.create(name_de="Probenraum", floor=0, area_m2=40, capacity=20)
    monday = centre_today() - timedelta(days=centre_today().weekday())
    for _ in range(2):
        ScheduleFactory(
            starts_on=monday, weekdays=[TH], start_time=time(18), end_time=time(20), room=room
        )
    with pytest.raises(SampleProgrammeError, match="Probenraum"):
        check_no_room_clashes(Schedule.objects.all(), monday)


def test_the_clash_check_allows_back_to_back_dates_and_other_rooms():
    rooms = [Room.objects.create(name_de=name, floor=0, area_m2=40, capacity=20) for name in "AB"]
    monday = centre_today() - timedelta(days=centre_today().weekday())
    ScheduleFactory(
        starts_on=monday, weekdays=[TH], start_time=time(16), end_time=time(18), room=rooms[0]
    )
    ScheduleFactory(
        starts_on=monday, weekdays=[TH], start_time=time(18), end_time=time(20), room=rooms[0]
    )
    ScheduleFactory(
        starts_on=monday, weekdays=[TH], start_time=time(17), end_time=time(19), room=rooms[1]
    )
    check_no_room_clashes(Schedule.objects.all(), monday)


def test_a_moved_date_onto_an_occupied_slot_is_a_clash():
    room = Room.objects.create(name_de="Saal X", floor=0, area_m2=40, capacity=20)
    monday = centre_today() - timedelta(days=centre_today().weekday())
    ScheduleFactory(
        starts_on=monday, weekdays=[SA], start_time=time(10), end_time=time(12), room=room
    )
    thursday = ScheduleFactory(
        starts_on=monday, weekdays=[TH], start_time=time(18), end_time=time(20), room=room
    )
    ScheduleException.objects.create(
        schedule=thursday,
        day=monday + timedelta(days=TH + 7),
        kind=ExceptionKind.MOVED,
        moved_to=monday + timedelta(days=SA + 7),
        moved_start_time=time(11),
        moved_end_time=time(13),
    )
    with pytest.raises(SampleProgrammeError, match="Saal X"):
        check_no_room_clashes(Schedule.objects.all(), monday)
