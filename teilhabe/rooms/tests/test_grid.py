"""Seeing the house: the week grid (placement across daylight-saving weeks, filters, closures,
colours with text), the front desk's day, the use figures against hand-computed fixtures,
their CSV and XLSX downloads, who may see what, and a fixed number of queries."""

import csv
import io
import re
from datetime import date, time, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.charts import Bar, bar_chart
from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.rooms import grid_selectors
from teilhabe.rooms.models import Booking, BookingKind, Closure, Equipment, OpeningHours, Room

pytestmark = pytest.mark.django_db

# Weeks with a change of the clocks in Europe/Berlin: Sunday 29 March 2026 (02:00 → 03:00)
# and Sunday 25 October 2026 (03:00 → 02:00).
SPRING_MONDAY = date(2026, 3, 23)
AUTUMN_MONDAY = date(2026, 10, 19)
# February 2027 starts on a Monday and has exactly 20 weekdays.
FEBRUARY = date(2027, 2, 1)


def make_room(name="Seminarraum A", floor=1, equipment=(), **fields) -> Room:
    room = Room.objects.create(
        name_de=name, floor=floor, area_m2=40, capacity=12, **{"is_active": True, **fields}
    )
    for slug in equipment:
        item, _created = Equipment.objects.get_or_create(slug=slug, defaults={"name_de": slug})
        room.equipment.add(item)
    return room


def at(day: date, hour: int, minute: int = 0):
    return local_datetime(day, time(hour, minute))


def book(room, day, start, end, *, association=None, purpose="Deutschkurs", **fields) -> Booking:
    """A booking from start to end (hours, or (hour, minute)) on `day`, local time; an end
    before the start runs into the next day."""
    start = start if isinstance(start, tuple) else (start,)
    end = end if isinstance(end, tuple) else (end,)
    end_day = day if end > start else day + timedelta(days=1)
    return Booking.objects.create(
        room=room,
        association=association,
        purpose=purpose,
        starts_at=at(day, *start),
        ends_at=at(end_day, *end),
        **fields,
    )


def open_weekdays(opens=8, closes=18, weekdays=range(5)) -> None:
    for weekday in weekdays:
        OpeningHours.objects.create(weekday=weekday, opens=time(opens), closes=time(closes))


def grid_url(**query) -> str:
    url = reverse("rooms:week-grid")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def booking_cells(grid_day):
    """(row label, cell) for every booking cell of a day of the grid."""
    return [
        (row.label, cell) for row in grid_day.rows for cell in row.cells if cell.kind == "booking"
    ]


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# --- who may see what -------------------------------------------------------------------------

HOUSE_VIEWERS = {
    "association_member",
    "association_admin",
    "other_association_admin",
    "staff_user",
    "administrator",
}
FIGURE_VIEWERS = {"staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
@pytest.mark.parametrize("url_name", ["rooms:week-grid", "rooms:day"])
def test_the_grid_and_the_day_are_for_staff_and_associations(
    client, user_in_role, request, url_name
):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(reverse(url_name))
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == (200 if role in HOUSE_VIEWERS else 403)


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("rooms:use-figures"),
        lambda: reverse("rooms:use-figures-export", args=["csv"]) + "?table=rooms",
        lambda: reverse("rooms:use-figures-export", args=["xlsx"]) + "?table=associations",
    ],
    ids=["page", "csv", "xlsx"],
)
def test_use_figures_are_for_staff_only(client, user_in_role, request, url):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(url())
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    else:
        assert response.status_code == (200 if role in FIGURE_VIEWERS else 403)


def test_an_association_member_sees_other_associations_names_but_nobody_personal(
    client, association_member, staff_user
):
    other = AssociationFactory(name="Nachbarverein e. V.")
    room = make_room()
    monday = grid_selectors.week_of(centre_today())
    book(room, monday + timedelta(days=1), 10, 12, association=other, created_by=staff_user)
    client.force_login(association_member)
    html = client.get(grid_url(week=monday.isoformat())).content.decode()
    assert "Nachbarverein e. V." in html
    assert staff_user.display_name not in html
    assert staff_user.email not in html


# --- the week grid ----------------------------------------------------------------------------


@pytest.mark.parametrize("monday", [SPRING_MONDAY, AUTUMN_MONDAY], ids=["spring", "autumn"])
def test_bookings_keep_their_wall_clock_row_across_the_change_of_the_clocks(staff_client, monday):
    room = make_room()
    saturday, sunday = monday + timedelta(days=5), monday + timedelta(days=6)
    before = book(room, saturday, 10, 12, purpose="Vor der Umstellung")
    after = book(room, sunday, 10, 12, purpose="Nach der Umstellung")
    assert before.starts_at.utcoffset() != after.starts_at.utcoffset()

    response = staff_client.get(grid_url(week=monday.isoformat()))

    week = response.context["week"]
    for grid_day, booking in ((week.days[5], before), (week.days[6], after)):
        [(label, cell)] = booking_cells(grid_day)
        assert label == "10:00"
        assert cell.rowspan == 4  # four half-hours
        assert cell.entries[0].booking == booking
    html = response.content.decode()
    assert html.count("10:00–12:00") == 2
    assert 'rowspan="4"' in html


def test_a_booking_over_midnight_shows_on_both_days(staff_client):
    open_weekdays(8, 23, weekdays=range(7))
    room = make_room()
    monday = SPRING_MONDAY
    book(room, monday, (22, 0), (1, 0), purpose="Nachtcafé")
    week = staff_client.get(grid_url(week=monday.isoformat())).context["week"]
    [(label, cell)] = booking_cells(week.days[0])
    assert (label, cell.entries[0].start_label, cell.entries[0].end_label) == (
        "22:00",
        "22:00",
        "24:00",
    )
    [(label, cell)] = booking_cells(week.days[1])
    assert (label, cell.entries[0].start_label, cell.entries[0].end_label) == (
        "00:00",
        "00:00",
        "01:00",
    )


def test_cancelled_bookings_are_not_shown(staff_client):
    room = make_room()
    monday = grid_selectors.week_of(centre_today())
    book(room, monday, 10, 12, purpose="Findet statt")
    book(room, monday, 14, 16, purpose="Abgesagter Kurs", is_cancelled=True)
    html = staff_client.get(grid_url(week=monday.isoformat())).content.decode()
    assert "Findet statt" in html
    assert "Abgesagter Kurs" not in html
    day_html = staff_client.get(reverse("rooms:day") + f"?day={monday}").content.decode()
    assert "Findet statt" in day_html
    assert "Abgesagter Kurs" not in day_html


def test_cells_carry_the_association_colour_and_name_and_a_legend(staff_client):
    association = AssociationFactory(name="Brückenbauer e. V.")
    room = make_room()
    monday = grid_selectors.week_of(centre_today())
    book(room, monday, 10, 12, association=association, purpose="Elterncafé")
    book(room, monday, 14, 15, purpose="Sprechstunde", kind=BookingKind.OFFICE_HOURS)
    html = staff_client.get(grid_url(week=monday.isoformat())).content.decode()
    colour = f"assoc-{association.pk % 12}"
    cell = re.search(r'<td class="grid-booking ([\w-]+)"[^>]*>(.*?)</td>', html, re.S)
    assert cell[1] == colour
    assert "Elterncafé" in cell[2] and "Brückenbauer e. V." in cell[2]
    assert re.search(rf'legend-swatch {colour}" aria-hidden="true"></span><bdi>Brückenbauer', html)
    # Bookings without an association belong to the house and counselling.
    assert "grid-booking assoc-house" in html
    assert "House / counselling" in html or "Haus / Beratung" in html


def test_the_grid_is_a_table_per_day_with_headers(staff_client):
    make_room("Saal", floor=0)
    make_room("Musikzimmer", floor=2)
    html = staff_client.get(grid_url()).content.decode()
    assert html.count('<table class="house-grid">') == 7
    assert html.count('tabindex="0" role="region"') == 7
    assert re.search(r'<th scope="col" class="grid-room"><span lang="de" dir="auto">Saal', html)
    assert '<th scope="row" class="grid-slot"><time dir="ltr">08:00</time></th>' in html
    assert "<caption" in html
    # No inline styles or scripts: the content security policy forbids them.
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_without_opening_hours_the_house_counts_as_open_8_to_22_and_says_so(staff_client):
    make_room()
    response = staff_client.get(grid_url())
    assert response.context["week"].uses_default_hours
    assert response.context["week"].days[0].rows[0].label == "08:00"
    assert response.context["week"].days[0].rows[-1].label == "21:30"
    assert "grid-default-hours" in response.content.decode()

    open_weekdays(9, 17)
    response = staff_client.get(grid_url())
    assert not response.context["week"].uses_default_hours
    assert response.context["week"].days[0].rows[0].label == "09:00"
    assert "grid-default-hours" not in response.content.decode()


def test_closed_days_and_closures_are_shown(staff_client):
    open_weekdays(8, 18)  # closed at the weekend
    saal = make_room("Saal", floor=0)
    make_room("Küche", floor=0)
    monday = SPRING_MONDAY
    Closure.objects.create(
        starts_on=monday + timedelta(days=2), ends_on=monday + timedelta(days=2), reason_de="Fest"
    )
    Closure.objects.create(starts_on=monday, ends_on=monday, room=saal, reason_de="Malerarbeiten")
    response = staff_client.get(grid_url(week=monday.isoformat()))
    week = response.context["week"]
    html = response.content.decode()

    monday_cells = [cell for row in week.days[0].rows for cell in row.cells]
    closed = [cell for cell in monday_cells if cell.kind == "closed" and cell.note]
    assert [cell.note for cell in closed] == ["Malerarbeiten"]
    assert closed[0].rowspan == len(week.days[0].rows)  # the whole day
    assert week.days[2].closure.reason == "Fest"
    assert not week.days[2].shows_table
    assert not week.days[5].is_open and not week.days[5].shows_table
    assert "Fest" in html and "Malerarbeiten" in html
    assert html.count('<table class="house-grid">') == 4  # Monday, Tuesday, Thursday, Friday


def test_filter_by_floor_and_equipment(staff_client):
    saal = make_room("Saal", floor=0, equipment=["stage", "projector"])
    seminar = make_room("Seminarraum", floor=1, equipment=["projector"])
    music = make_room("Musikzimmer", floor=2, equipment=["piano"])
    monday = grid_selectors.week_of(centre_today())
    book(saal, monday, 10, 12, purpose="Theaterprobe")
    book(seminar, monday, 10, 12, purpose="Sprachkurs")
    book(music, monday, 10, 12, purpose="Klavierstunde")

    def shown(**query):
        response = staff_client.get(grid_url(week=monday.isoformat(), **query))
        rooms = [column.room for column in response.context["week"].rooms]
        return rooms, response.content.decode()

    rooms, html = shown(floor=1)
    assert rooms == [seminar]
    assert "Sprachkurs" in html and "Theaterprobe" not in html and "Klavierstunde" not in html
    assert shown(equipment="projector")[0] == [saal, seminar]
    assert shown(floor=0, equipment="projector")[0] == [saal]
    assert shown(floor=2, equipment="projector")[0] == []
    # Values that match nothing are ignored.
    assert shown(floor="x", equipment="nothing")[0] == [saal, seminar, music]
    # The day view filters the same way.
    response = staff_client.get(reverse("rooms:day") + f"?day={monday}&equipment=piano")
    assert [day.room.room for day in response.context["house"].rooms] == [music]


def test_week_navigation_keeps_the_filter(staff_client):
    make_room(floor=1)
    html = staff_client.get(grid_url(week="2026-03-25", floor=1)).content.decode()
    assert "week=2026-03-16&amp;floor=1" in html
    assert "week=2026-03-30&amp;floor=1" in html
    # A nonsense date shows this week.
    response = staff_client.get(grid_url(week="31-02-2026"))
    assert response.context["monday"] == grid_selectors.week_of(centre_today())


# --- the front desk's day ---------------------------------------------------------------------


def test_the_day_lists_each_rooms_bookings_in_time_order(staff_client):
    association = AssociationFactory(name="Mosty e. V.")
    saal = make_room("Saal", floor=0)
    make_room("Bibliothek", floor=1)
    day = SPRING_MONDAY
    book(saal, day, 18, 20, purpose="Abendkurs", association=association)
    book(saal, day, 9, 11, purpose="Morgenkurs")
    book(saal, day + timedelta(days=1), 9, 11, purpose="Am nächsten Tag")

    response = staff_client.get(reverse("rooms:day") + f"?day={day}")

    house = response.context["house"]
    assert [room.room.name.text for room in house.rooms] == ["Saal", "Bibliothek"]
    assert [entry.booking.purpose for entry in house.rooms[0].bookings] == [
        "Morgenkurs",
        "Abendkurs",
    ]
    assert house.rooms[1].bookings == []
    html = response.content.decode()
    assert html.index("Morgenkurs") < html.index("Abendkurs")
    assert "Am nächsten Tag" not in html
    assert "Mosty e. V." in html
    assert "css/rooms.css" in html  # with its print styles


def test_the_day_defaults_to_today(staff_client):
    make_room()
    response = staff_client.get(reverse("rooms:day"))
    assert response.context["day"] == centre_today()
    assert response.context["is_today"]


# --- use figures ------------------------------------------------------------------------------


def test_occupancy_of_a_week_by_hand():
    """Open 10 hours Monday to Friday = 50 hours; booked 2 hours on two days = 8 %."""
    open_weekdays(8, 18)
    room = make_room()
    other = make_room("Leer")
    monday = SPRING_MONDAY
    book(room, monday + timedelta(days=1), 10, 12)
    book(room, monday + timedelta(days=3), 14, 16)
    book(room, monday + timedelta(days=5), 10, 12)  # Saturday: closed, does not count
    book(room, monday + timedelta(days=2), 10, 12, is_cancelled=True)

    occupancy = grid_selectors.room_occupancy(monday, monday + timedelta(days=6))

    figures = {item.room.room: item for item in occupancy.rooms}
    assert figures[room].open_minutes == 50 * 60
    assert figures[room].booked_minutes == 4 * 60
    assert figures[room].share == pytest.approx(0.08)
    assert figures[other].share == 0
    assert occupancy.share == pytest.approx(4 / 100)  # 4 of the two rooms' 100 hours
    assert not occupancy.uses_default_hours


def test_occupancy_counts_only_the_booked_time_within_opening_hours_and_skips_closures():
    open_weekdays(8, 18)
    room = make_room()
    monday = SPRING_MONDAY
    book(room, monday, 17, 19)  # one hour of it within the opening hours
    book(room, monday + timedelta(days=4), 10, 12)  # on a closed Friday
    Closure.objects.create(
        starts_on=monday + timedelta(days=4),
        ends_on=monday + timedelta(days=4),
        room=room,
        reason_de="Wasserschaden",
    )
    [figures] = grid_selectors.room_occupancy(monday, monday + timedelta(days=6)).rooms
    assert figures.open_minutes == 40 * 60
    assert figures.booked_minutes == 60
    assert figures.share == pytest.approx(1 / 40)


def test_occupancy_without_opening_hours_uses_8_to_22_every_day():
    room = make_room()
    book(room, SPRING_MONDAY, 10, 17)
    occupancy = grid_selectors.room_occupancy(SPRING_MONDAY, SPRING_MONDAY + timedelta(days=6))
    assert occupancy.uses_default_hours
    # Across the change of the clocks on Sunday the house is still open 14 real hours a day.
    assert occupancy.rooms[0].open_minutes == 7 * 14 * 60
    assert occupancy.rooms[0].share == pytest.approx(7 / 98)


@pytest.fixture
def february():
    """Open 10 hours on each of February 2027's 20 weekdays; the Saal booked 4 hours, two of
    them by Mosty; Mosty also books over the night into March."""
    open_weekdays(8, 18)
    saal = make_room("Saal", floor=0)
    make_room("Bibliothek", floor=1)
    mosty = AssociationFactory(name="Mosty e. V.")
    AssociationFactory(name="Ruhiger Verein e. V.")
    book(saal, FEBRUARY + timedelta(days=1), 10, 12, association=mosty)
    book(saal, FEBRUARY + timedelta(days=3), 14, 16)
    book(saal, date(2027, 2, 28), (22, 0), (1, 30), association=mosty, purpose="Nachtcafé")
    book(saal, FEBRUARY + timedelta(days=2), 10, 12, association=mosty, is_cancelled=True)
    book(saal, date(2027, 1, 29), 10, 13, association=mosty)
    return {"saal": saal, "mosty": mosty}


def test_use_figures_page_for_a_month(staff_client, february):
    response = staff_client.get(reverse("rooms:use-figures") + "?month=2027-02")
    assert response.status_code == 200
    occupancy = response.context["occupancy"]
    saal = next(item for item in occupancy.rooms if item.room.room == february["saal"])
    assert saal.open_hours == 200
    assert saal.booked_hours == 4
    assert saal.share == pytest.approx(0.02)
    html = response.content.decode()
    assert "2,0 %" in html
    assert html.count('role="img"') == 2
    assert 'aria-labelledby="occupancy-chart-title occupancy-chart-desc"' in html
    assert '<title id="occupancy-chart-title">' in html
    assert '<desc id="association-chart-desc">' in html
    assert 'class="figure-chart"' in html and "chart-summary" in html
    assert "style=" not in html
    assert "?table=rooms&amp;month=2027-02" in html
    assert "?table=associations&amp;month=2027-02" in html


def test_booked_hours_per_association_and_month(february):
    rows = grid_selectors.association_hours(grid_selectors.year_period(2027))
    by_name = {row.name: row for row in rows}
    mosty = by_name["Mosty e. V."]
    # January: 3 h; February: 2 h + 2 h of the night (22:00–24:00); March: 1.5 h.
    assert mosty.by_month[:4] == [3, 4, 1.5, 0]
    assert mosty.total == 8.5
    assert mosty.colour == f"assoc-{february['mosty'].pk % 12}"
    house = by_name[grid_selectors.house_label()]
    assert house.association is None and house.by_month[1] == 2 and house.total == 2
    assert by_name["Ruhiger Verein e. V."].total == 0
    assert [row.name for row in rows][0] == "Mosty e. V."  # most first

    [only_february] = [
        row.by_month
        for row in grid_selectors.association_hours(grid_selectors.month_period(2027, 2))
        if row.name == "Mosty e. V."
    ]
    assert only_february == [4]


def test_use_figures_page_for_a_year_shows_the_months(staff_client, february):
    response = staff_client.get(reverse("rooms:use-figures") + "?year=2027")
    assert response.context["period"].is_year
    mosty = next(r for r in response.context["association_rows"] if r["name"] == "Mosty e. V.")
    assert mosty["months"][:3] == ["3,0", "4,0", "1,5"]
    assert mosty["total"] == "8,5"


def test_rooms_csv(staff_client, february):
    response = staff_client.get(
        reverse("rooms:use-figures-export", args=["csv"]) + "?table=rooms&month=2027-02"
    )
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="room-occupancy-2027-02.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Raum"
    assert len(rows[0]) == 5
    assert rows[1] == ["Saal", "0", "200,00", "4,00", "2,00"]
    assert rows[2] == ["Bibliothek", "1", "200,00", "0,00", "0,00"]


def test_rooms_xlsx(staff_client, february):
    response = staff_client.get(
        reverse("rooms:use-figures-export", args=["xlsx"]) + "?table=rooms&month=2027-02"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("Saal", 0, 200, 4, 0.02)
    assert sheet["E2"].number_format == "0.0%"
    assert sheet["A1"].font.bold


def test_associations_csv_and_xlsx(staff_client, february):
    url = reverse("rooms:use-figures-export", args=["csv"]) + "?table=associations&year=2027"
    rows = list(
        csv.reader(io.StringIO(staff_client.get(url).content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["Verein", "2027-01", "2027-02"] and len(rows[0]) == 14
    assert rows[1][0] == "Mosty e. V." and rows[1][1:4] == ["3,00", "4,00", "1,50"]
    assert rows[1][-1] == "8,50"

    url = reverse("rooms:use-figures-export", args=["xlsx"]) + "?table=associations&year=2027"
    response = staff_client.get(url)
    assert 'filename="association-hours-2027.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("Mosty e. V.", 3, 4, 1.5) and rows[1][-1] == 8.5


def test_exports_keep_formulas_as_text(staff_client):
    evil = AssociationFactory(name='=HYPERLINK("http://x")')
    book(make_room(), FEBRUARY, 10, 12, association=evil)
    base = reverse("rooms:use-figures-export", args=["csv"])
    text = staff_client.get(base + "?table=associations&month=2027-02").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    url = reverse("rooms:use-figures-export", args=["xlsx"]) + "?table=associations&month=2027-02"
    sheet = load_workbook(io.BytesIO(staff_client.get(url).content)).active
    cell = next(c for c in sheet["A"] if c.value and "HYPERLINK" in c.value)
    assert cell.value.startswith("'=") and cell.data_type == "s"


@pytest.mark.parametrize(
    "file_format, table", [("pdf", "rooms"), ("csv", "people"), ("xlsx", "../../etc")]
)
def test_unknown_downloads_are_not_found(staff_client, file_format, table):
    url = reverse("rooms:use-figures-export", args=[file_format]) + f"?table={table}"
    assert staff_client.get(url).status_code == 404


def test_period_chooser_falls_back_to_this_month(staff_client):
    today = centre_today()
    for query in ("?month=2027-13", "?year=1200", "?month=x", ""):
        period = staff_client.get(reverse("rooms:use-figures") + query).context["period"]
        assert (period.first, period.is_year) == (today.replace(day=1), False)


# --- charts -----------------------------------------------------------------------------------


def test_the_chart_is_an_image_with_a_name_and_mirrors_for_right_to_left():
    bars = [Bar("Saal", 50, "50 %", "chart-accent"), Bar("Bibliothek", 25, "25 %")]
    ltr = bar_chart(chart_id="c", title="Belegung", description="Balken", bars=bars, max_value=100)
    rtl = bar_chart(
        chart_id="c", title="Belegung", description="Balken", bars=bars, max_value=100, rtl=True
    )
    assert '<svg class="bar-chart" role="img" aria-labelledby="c-title c-desc"' in ltr
    assert '<title id="c-title">Belegung</title><desc id="c-desc">Balken</desc>' in ltr
    assert "<script" not in ltr and "style=" not in ltr
    ltr_x = [float(x) for x in re.findall(r'<rect[^>]* x="([\d.]+)"', ltr)]
    rtl_x = [float(x) for x in re.findall(r'<rect[^>]* x="([\d.]+)"', rtl)]
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', ltr)]
    assert widths[0] == 2 * widths[1]
    for left, right, width in zip(ltr_x, rtl_x, widths, strict=True):
        assert right == pytest.approx(640 - left - width)
    assert 'direction="rtl"' in rtl and 'direction="ltr"' in ltr


def test_charts_in_arabic_are_right_to_left(staff_client, february):
    with translation.override("ar"):
        url = reverse("rooms:use-figures") + "?month=2027-02"
    html = staff_client.get(url).content.decode()
    assert 'dir="rtl"' in html
    assert html.count('direction="rtl"') == 2


# --- a fixed number of queries ----------------------------------------------------------------


def _fill_house(rooms: int, bookings_per_room: int, monday: date) -> None:
    associations = [AssociationFactory() for _ in range(3)]
    for number in range(rooms):
        room = make_room(f"Raum {number}", floor=number % 3, equipment=["projector"])
        for index in range(bookings_per_room):
            day = monday + timedelta(days=index % 7)
            hour = 8 + 2 * (index // 7)
            book(room, day, hour, hour + 1, association=associations[index % 3])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        lambda monday: grid_url(week=monday.isoformat()),
        lambda monday: grid_url(week=monday.isoformat(), floor=1, equipment="projector"),
        lambda monday: reverse("rooms:day") + f"?day={monday}",
        lambda monday: reverse("rooms:use-figures") + f"?month={monday:%Y-%m}",
        lambda monday: reverse("rooms:use-figures") + f"?year={monday:%Y}",
        lambda monday: (
            reverse("rooms:use-figures-export", args=["xlsx"])
            + f"?table=rooms&month={monday:%Y-%m}"
        ),
        lambda monday: (
            reverse("rooms:use-figures-export", args=["csv"])
            + f"?table=associations&year={monday:%Y}"
        ),
    ],
    ids=["week", "week-filtered", "day", "figures-month", "figures-year", "xlsx", "csv"],
)
def test_pages_run_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries, url
):
    monday = SPRING_MONDAY
    open_weekdays(8, 20, weekdays=range(7))
    Closure.objects.create(starts_on=monday, ends_on=monday, reason_de="Feiertag")
    _fill_house(rooms=2, bookings_per_room=2, monday=monday)
    client.force_login(staff_user)
    few = _queries(client, url(monday))

    _fill_house(rooms=12, bookings_per_room=30, monday=monday)
    with django_assert_max_num_queries(few):
        client.get(url(monday))
    assert few <= 12


def test_an_association_member_runs_a_fixed_number_of_queries_too(
    client, association_member, django_assert_max_num_queries
):
    monday = SPRING_MONDAY
    _fill_house(rooms=1, bookings_per_room=1, monday=monday)
    client.force_login(association_member)
    few = _queries(client, grid_url(week=monday.isoformat()))
    _fill_house(rooms=10, bookings_per_room=40, monday=monday)
    with django_assert_max_num_queries(few):
        client.get(grid_url(week=monday.isoformat()))


class _GridShape(HTMLParser):
    """For each table of the grid: per body row, the columns it fills (with rowspans)."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[int]] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "house-grid":
            self.tables.append([])
            self.carry: list[int] = []  # rows still covered by each open rowspan
        elif tag == "tbody" and self.tables:
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.row = sum(1 for rows in self.carry if rows > 0)
            self.carry = [rows - 1 for rows in self.carry if rows > 1]
        elif tag in ("td", "th") and self.in_body:
            self.row += 1
            span = int(attrs.get("rowspan", 1))
            if span > 1:
                self.carry.append(span - 1)

    def handle_endtag(self, tag):
        if tag == "tr" and self.in_body:
            self.tables[-1].append(self.row)
        elif tag == "tbody":
            self.in_body = False


def test_every_row_of_the_grid_has_a_cell_for_each_room(staff_client):
    open_weekdays(9, 18)
    first, second, third = make_room("A"), make_room("B"), make_room("C")
    monday = SPRING_MONDAY
    # Not on the half-hour, back to back, before the opening, over the closing.
    book(first, monday, (10, 15), (10, 45), purpose="Kurz")
    book(first, monday, (10, 45), (11, 30), purpose="Gleich danach")
    book(second, monday, (7, 30), (9, 30), purpose="Früh")
    book(third, monday, (17, 0), (19, 0), purpose="Spät")
    Closure.objects.create(starts_on=monday, ends_on=monday, room=third, reason_de="Umbau")
    response = staff_client.get(grid_url(week=monday.isoformat()))

    parser = _GridShape()
    parser.feed(response.content.decode())
    assert len(parser.tables) == 5  # Monday to Friday
    for rows in parser.tables:
        assert rows and set(rows) == {1 + 3}  # the time and three rooms in every row
    week = response.context["week"]
    assert week.days[0].rows[0].label == "07:30" and week.days[0].rows[-1].label == "18:30"
    [(label, cell)] = [
        (label, cell)
        for label, cell in booking_cells(week.days[0])
        if cell.entries[0].booking.room == first
    ]
    assert label == "10:00" and cell.rowspan == 3  # 10:00–11:30, both bookings in one cell
    assert [entry.booking.purpose for entry in cell.entries] == ["Kurz", "Gleich danach"]
