"""An association admin books a room at a time that is already taken, sees what is in the way,
opens the finder from there and books the room it suggests — and the same pages at phone
width, right to left."""

import re
from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.rooms import services
from teilhabe.rooms.models import Booking, Equipment, Room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_tuesday():
    today = centre_today()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1, days=1)


@pytest.fixture
def house(db):
    projector = Equipment.objects.create(slug="projector", name_de="Beamer", name_en="Projector")
    rooms = {}
    for name, capacity, area in [
        ("Besprechungsraum", 12, 35),
        ("Seminarraum A", 20, 55),
        ("Seminarraum B", 24, 60),
        ("Saal", 120, 180),
    ]:
        rooms[name] = Room.objects.create(
            name_de=name, floor=1, area_m2=area, capacity=capacity, is_step_free=True
        )
        rooms[name].equipment.add(projector)
    return rooms


@pytest.fixture
def taken(house):
    """Seminar room A is taken on Tuesday evening by another association's parents' evening."""
    neighbours = AssociationFactory(name="Nachbarschaftshilfe e. V.")
    admin = MembershipFactory(association=neighbours, role="admin").user
    day = next_tuesday()
    return services.book_room(
        room=house["Seminarraum A"],
        starts_at=local_datetime(day, time(18)),
        ends_at=local_datetime(day, time(20)),
        purpose="Elternabend",
        association=neighbours,
        by=admin,
    )


def log_in(page, user):
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


def test_an_admin_meets_a_conflict_and_takes_the_finders_suggestion(page, house, taken):
    membership = MembershipFactory(
        association=AssociationFactory(name="Chor der Kulturen e. V."), role="admin"
    )
    admin = membership.user
    day = next_tuesday()
    log_in(page, admin)

    page.goto("/en/rooms/book/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a room")
    page.get_by_label(re.compile(r"^Room \*")).select_option(str(house["Seminarraum A"].pk))
    # The only association the admin runs is chosen already.
    expect(page.get_by_label(re.compile(r"^For association"))).to_have_value(
        str(membership.association.pk)
    )
    page.get_by_label(re.compile(r"^Purpose")).fill("Chorprobe")
    page.get_by_label("Number of people (optional)").fill("15")
    page.get_by_label(re.compile(r"^Date")).fill(day.isoformat())
    page.get_by_label(re.compile(r"^From")).fill("18:30")
    page.get_by_label(re.compile(r"^Until")).fill("20:30")
    page.get_by_role("button", name="Book", exact=True).click()

    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_be_focused()
    expect(conflict.get_by_role("heading")).to_have_text("Seminarraum A is taken at that time")
    expect(conflict).to_contain_text("Elternabend")
    expect(conflict).to_contain_text("Nachbarschaftshilfe e. V.")
    expect(conflict).to_contain_text("18:00–20:00")
    # What was typed is still there.
    expect(page.get_by_label(re.compile(r"^Purpose"))).to_have_value("Chorprobe")
    expect(page.get_by_label(re.compile(r"^From"))).to_have_value("18:30")

    conflict.get_by_role("link", name="Find a free room at this time").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Find a free room")
    expect(page.get_by_label(re.compile(r"^Number of people"))).to_have_value("15")
    results = page.locator("#results")
    expect(results.get_by_role("heading", level=2)).to_have_text("2 rooms fit")
    expect(results.get_by_role("heading", level=3)).to_have_text(["Seminarraum B", "Saal"])
    results.get_by_role("link", name=re.compile("^Book this room")).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Book a room")
    expect(page.get_by_label(re.compile(r"^Room \*"))).to_have_value(str(house["Seminarraum B"].pk))
    expect(page.get_by_label(re.compile(r"^Purpose"))).to_have_value("Chorprobe")
    expect(page.get_by_label(re.compile(r"^From"))).to_have_value("18:30")
    page.get_by_role("button", name="Book", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Upcoming bookings")
    expect(page.locator(".messages")).to_contain_text("Booked: Seminarraum B")
    booking = Booking.objects.get(purpose="Chorprobe")
    assert booking.room == house["Seminarraum B"]
    assert booking.association == membership.association
    assert booking.starts_at == local_datetime(day, time(18, 30))
    assert booking.created_by == admin
    assert Booking.objects.filter(is_cancelled=False).count() == 2


def test_the_booking_pages_work_at_phone_width_right_to_left(phone_page, live_server, house, taken):
    membership = MembershipFactory(role="admin")
    day = next_tuesday()
    page = phone_page
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(membership.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile("/account/"))

    page.goto(
        f"/ar/rooms/book/?room={house['Seminarraum A'].pk}&purpose=Chor&starts_on={day}"
        "&start_time=18:00&end_time=19:00&repeat=weekly&weekdays=1&count=3"
    )
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#booking-form button[type=submit]").click()
    expect(page.locator("#conflict")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.goto(
        f"/fa/rooms/find/?people=10&starts_on={day}&start_time=18:00&end_time=19:00&repeat=once"
    )
    expect(page.locator("#results .card")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
