"""Reads for seeing the house: the week grid, the front desk's day and the use figures.

Each function runs a fixed number of queries whatever the number of rooms and bookings
(rooms, their equipment, opening hours, closures, bookings, associations — one query each);
the placing and the arithmetic happen in Python on the rows fetched.

Times are stored in UTC and placed in the centre's wall-clock time (Europe/Berlin): a
booking from 10:00 to 12:00 sits in the 10:00 row in summer and in winter alike. Opening
hours come from OpeningHours minus Closures; while no opening hours are entered, the house
counts as open 08:00–22:00 every day (`OpeningTimes.is_default`, which pages say).
"""

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.associations.models import Association
from teilhabe.core.recurrence import CENTRE_TZ, local_datetime
from teilhabe.core.translations import TranslatedText, translated

from .models import Booking, Closure, Equipment, OpeningHours, Room
from .selectors import closures_between, rooms_of_the_house

SLOT_MINUTES = 30
DEFAULT_OPENING = (time(8), time(22))
PALETTE_SIZE = 12
HOUSE_COLOUR = "assoc-house"
DAY_MINUTES = 24 * 60


def association_colour(association_id: int | None) -> str:
    """The CSS class of an association's colour: a fixed palette of 12, by id; bookings for
    the house itself (and counselling) have their own neutral class."""
    if association_id is None:
        return HOUSE_COLOUR
    return f"assoc-{association_id % PALETTE_SIZE}"


def house_label() -> str:
    return _("House / counselling")


def floor_name(floor: int) -> str:
    if floor == 0:
        return _("Ground floor")
    return _("Floor %(number)s") % {"number": floor}


def week_of(day: date) -> date:
    """The Monday of the week that holds `day`."""
    return day - timedelta(days=day.weekday())


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _merge(intervals: list[tuple]) -> list[tuple]:
    merged: list[list] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


# --- opening hours and closures ---------------------------------------------------------------


@dataclass(frozen=True)
class OpeningTimes:
    by_weekday: dict[int, list[tuple[time, time]]]
    is_default: bool

    def on(self, day: date) -> list[tuple[time, time]]:
        return self.by_weekday.get(day.weekday(), [])


def opening_times() -> OpeningTimes:
    """The weekly opening hours, overlapping ranges joined. One query."""
    hours: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for item in OpeningHours.objects.all():
        hours[item.weekday].append((item.opens, item.closes))
    if not hours:
        return OpeningTimes({weekday: [DEFAULT_OPENING] for weekday in range(7)}, True)
    return OpeningTimes({weekday: _merge(ranges) for weekday, ranges in hours.items()}, False)


class Closures:
    """The closures of a span of days, asked per day and room without further queries."""

    def __init__(self, closures: list[Closure]):
        self.closures = closures

    def of_house(self, day: date) -> Closure | None:
        return next(
            (c for c in self.closures if c.room_id is None and c.starts_on <= day <= c.ends_on),
            None,
        )

    def of_room(self, day: date, room_id: int) -> Closure | None:
        """The closure that shuts the room on `day`: the whole house's or the room's own."""
        return self.of_house(day) or next(
            (c for c in self.closures if c.room_id == room_id and c.starts_on <= day <= c.ends_on),
            None,
        )


# --- rooms and the filter ---------------------------------------------------------------------


@dataclass(frozen=True)
class RoomColumn:
    room: Room
    name: TranslatedText

    @property
    def pk(self) -> int:
        return self.room.pk

    @property
    def floor_name(self) -> str:
        return floor_name(self.room.floor)


@dataclass(frozen=True)
class RoomSelection:
    rooms: list[RoomColumn]  # the rooms the filter lets through
    floors: list[int]  # every floor with a room in use
    equipment: list[Equipment]  # every kind of equipment some room has
    floor: int | None  # the filter as understood (None: every floor)
    equipment_slug: str  # "" for any equipment

    @property
    def is_filtered(self) -> bool:
        return self.floor is not None or bool(self.equipment_slug)


def _in_house_order(rooms) -> list[RoomColumn]:
    """By floor, then by the name shown: sorting in SQL would sort by the column of the
    active language, which is empty where a name has not been translated."""
    columns = [RoomColumn(room, translated(room, "name")) for room in rooms]
    return sorted(columns, key=lambda column: (column.room.floor, column.name.text.casefold()))


def rooms_for_grid(*, floor: int | None = None, equipment: str = "") -> RoomSelection:
    """The rooms in use, by floor and name, filtered by floor and equipment (values that match
    nothing are dropped). Two queries: the rooms and their equipment."""
    rooms = list(rooms_of_the_house())
    floors = sorted({room.floor for room in rooms})
    kinds = {item.slug: item for room in rooms for item in room.equipment.all()}
    if floor not in floors:
        floor = None
    if equipment not in kinds:
        equipment = ""
    chosen = _in_house_order(
        room
        for room in rooms
        if (floor is None or room.floor == floor)
        and (not equipment or any(item.slug == equipment for item in room.equipment.all()))
    )
    return RoomSelection(
        rooms=chosen,
        floors=floors,
        equipment=sorted(kinds.values(), key=lambda item: item.name.casefold()),
        floor=floor,
        equipment_slug=equipment,
    )


# --- bookings placed on days ------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedBooking:
    """The part of a booking that falls on one day, in wall-clock minutes after midnight."""

    booking: Booking
    day: date
    start: int
    end: int
    starts_at: datetime  # local, the whole booking
    ends_at: datetime

    @property
    def colour(self) -> str:
        return association_colour(self.booking.association_id)

    @property
    def association_name(self) -> str:
        association = self.booking.association
        return association.name if association else house_label()

    @property
    def start_label(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}"

    @property
    def end_label(self) -> str:
        return f"{self.end // 60:02d}:{self.end % 60:02d}"  # 24:00 when it goes on

    @property
    def starts_before(self) -> bool:
        """Began on an earlier day."""
        return self.starts_at.date() < self.day

    @property
    def ends_after(self) -> bool:
        return self.ends_at.date() > self.day


def _day_span(first: date, last: date) -> tuple[datetime, datetime]:
    return local_datetime(first, time()), local_datetime(last + timedelta(days=1), time())


def _placed_bookings(room_ids: list[int], first: date, last: date) -> list[PlacedBooking]:
    """The active bookings of the rooms between the days, cut at midnight. One query."""
    if not room_ids:
        return []
    start, end = _day_span(first, last)
    bookings = (
        Booking.objects.filter(
            room_id__in=room_ids, is_cancelled=False, starts_at__lt=end, ends_at__gt=start
        )
        .select_related("association")
        .order_by("starts_at", "pk")
    )
    placed = []
    for booking in bookings:
        starts_at = timezone.localtime(booking.starts_at, CENTRE_TZ)
        ends_at = timezone.localtime(booking.ends_at, CENTRE_TZ)
        day = max(starts_at.date(), first)
        while day <= min(ends_at.date(), last):
            begin = _minutes(starts_at.time()) if day == starts_at.date() else 0
            finish = _minutes(ends_at.time()) if day == ends_at.date() else DAY_MINUTES
            if finish > begin:
                placed.append(PlacedBooking(booking, day, begin, finish, starts_at, ends_at))
            day += timedelta(days=1)
    return placed


# --- the week grid ----------------------------------------------------------------------------


@dataclass
class GridCell:
    kind: str  # "booking", "free" or "closed"
    rowspan: int = 1
    entries: list[PlacedBooking] = field(default_factory=list)
    note: str = ""  # why a room is closed, when it is more than the opening hours

    @property
    def colour(self) -> str:
        """One association's colour when the cell holds its bookings only."""
        colours = {entry.colour for entry in self.entries}
        return colours.pop() if len(colours) == 1 else "assoc-mixed"


@dataclass
class GridRow:
    minute: int
    cells: list[GridCell]  # only the cells that begin in this row

    @property
    def label(self) -> str:
        return f"{self.minute // 60:02d}:{self.minute % 60:02d}"


@dataclass
class GridDay:
    day: date
    opening: list[tuple[time, time]]  # the house's hours that day ([] when closed)
    closure: Closure | None  # a whole-house closure
    rows: list[GridRow]
    bookings: list[PlacedBooking]
    room_closures: list[tuple[RoomColumn, Closure]]

    @property
    def is_open(self) -> bool:
        return bool(self.opening)

    @property
    def shows_table(self) -> bool:
        return self.is_open or bool(self.bookings)


@dataclass(frozen=True)
class LegendItem:
    name: str
    colour: str


@dataclass
class HouseWeek:
    monday: date
    days: list[GridDay]
    rooms: list[RoomColumn]
    legend: list[LegendItem]
    uses_default_hours: bool
    slot_minutes: int = SLOT_MINUTES


def _column(
    first_minute: int,
    slots: int,
    open_ranges: list[tuple[int, int]],
    entries: list[PlacedBooking],
    closed_note: str,
) -> list[GridCell | None]:
    """One room's cells of one day, slot by slot; None where a cell above spans the slot.
    Bookings that share a slot (a short gap, a booking not on the half-hour) share a cell."""
    groups: list[list] = []  # [first slot, end slot, entries]
    for entry in sorted(entries, key=lambda e: (e.start, e.end)):
        begin = max(0, (entry.start - first_minute) // SLOT_MINUTES)
        finish = min(slots, -(-(entry.end - first_minute) // SLOT_MINUTES))
        finish = max(finish, begin + 1)
        if groups and begin < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], finish)
            groups[-1][2].append(entry)
        else:
            groups.append([begin, finish, [entry]])
    starts = {group[0]: group for group in groups}

    def is_open(slot: int) -> bool:
        begin = first_minute + slot * SLOT_MINUTES
        return any(o < begin + SLOT_MINUTES and begin < c for o, c in open_ranges)

    cells: list[GridCell | None] = [None] * slots
    slot = 0
    while slot < slots:
        if slot in starts:
            begin, finish, group_entries = starts[slot]
            cells[slot] = GridCell("booking", finish - begin, group_entries)
            slot = finish
        elif not is_open(slot):
            end = slot + 1
            while end < slots and end not in starts and not is_open(end):
                end += 1
            cells[slot] = GridCell("closed", end - slot, note=closed_note)
            slot = end
        else:
            cells[slot] = GridCell("free")
            slot += 1
    return cells


def house_week(monday: date, rooms: list[RoomColumn]) -> HouseWeek:
    """The grid of the week from `monday`: per day, rows of half-hours from the earliest
    opening (or booking) to the latest closing, one column per room. Three queries."""
    days = [monday + timedelta(days=n) for n in range(7)]
    hours = opening_times()
    closures = Closures(closures_between(days[0], days[-1]))
    placed = _placed_bookings([column.pk for column in rooms], days[0], days[-1])

    starts = [_minutes(o) for day in days for o, _c in hours.on(day)]
    ends = [_minutes(c) for day in days for _o, c in hours.on(day)]
    starts += [entry.start for entry in placed]
    ends += [entry.end for entry in placed]
    first_minute = min(starts, default=_minutes(DEFAULT_OPENING[0]))
    first_minute -= first_minute % SLOT_MINUTES
    last_minute = max(ends, default=_minutes(DEFAULT_OPENING[1]))
    slots = max(1, -(-(last_minute - first_minute) // SLOT_MINUTES))

    by_day_room: dict[tuple[date, int], list[PlacedBooking]] = defaultdict(list)
    for entry in placed:
        by_day_room[(entry.day, entry.booking.room_id)].append(entry)

    grid_days = []
    for day in days:
        house_closure = closures.of_house(day)
        opening = [] if house_closure else hours.on(day)
        columns = []
        room_closures = []
        for column in rooms:
            closure = closures.of_room(day, column.pk)
            if closure and closure.room_id is not None:
                room_closures.append((column, closure))
            open_ranges = [] if closure else [(_minutes(o), _minutes(c)) for o, c in opening]
            columns.append(
                _column(
                    first_minute,
                    slots,
                    open_ranges,
                    by_day_room.get((day, column.pk), []),
                    closure.reason if closure else "",
                )
            )
        rows = [
            GridRow(
                first_minute + slot * SLOT_MINUTES,
                [cells[slot] for cells in columns if cells[slot] is not None],
            )
            for slot in range(slots)
        ]
        grid_days.append(
            GridDay(
                day=day,
                opening=opening,
                closure=house_closure,
                rows=rows,
                bookings=[entry for entry in placed if entry.day == day],
                room_closures=room_closures,
            )
        )
    return HouseWeek(
        monday=monday,
        days=grid_days,
        rooms=rooms,
        legend=_legend(placed),
        uses_default_hours=hours.is_default,
    )


def _legend(placed: list[PlacedBooking]) -> list[LegendItem]:
    seen = {}
    for entry in placed:
        association = entry.booking.association
        if association is None:
            continue
        seen[association.pk] = LegendItem(association.name, entry.colour)
    items = sorted(seen.values(), key=lambda item: item.name.casefold())
    if any(entry.booking.association_id is None for entry in placed):
        items.append(LegendItem(house_label(), HOUSE_COLOUR))
    return items


# --- the front desk's day ---------------------------------------------------------------------


@dataclass
class RoomDay:
    room: RoomColumn
    closure: Closure | None
    bookings: list[PlacedBooking]


@dataclass
class HouseDay:
    day: date
    opening: list[tuple[time, time]]
    closure: Closure | None
    rooms: list[RoomDay]
    uses_default_hours: bool

    @property
    def booking_count(self) -> int:
        return sum(len(room.bookings) for room in self.rooms)


def house_day(day: date, rooms: list[RoomColumn]) -> HouseDay:
    """Every room's bookings of one day in time order. Three queries."""
    hours = opening_times()
    closures = Closures(closures_between(day, day))
    by_room: dict[int, list[PlacedBooking]] = defaultdict(list)
    for entry in _placed_bookings([column.pk for column in rooms], day, day):
        by_room[entry.booking.room_id].append(entry)
    house_closure = closures.of_house(day)
    return HouseDay(
        day=day,
        opening=[] if house_closure else hours.on(day),
        closure=house_closure,
        rooms=[
            RoomDay(column, closures.of_room(day, column.pk), by_room.get(column.pk, []))
            for column in rooms
        ],
        uses_default_hours=hours.is_default,
    )


# --- use figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    months: tuple[date, ...]  # the first day of each month in the period
    is_year: bool

    @property
    def previous(self) -> "Period":
        if self.is_year:
            return year_period(self.first.year - 1)
        before = self.first - timedelta(days=1)
        return month_period(before.year, before.month)

    @property
    def next(self) -> "Period":
        if self.is_year:
            return year_period(self.first.year + 1)
        after = self.last + timedelta(days=1)
        return month_period(after.year, after.month)


def _month_after(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    return Period(first, _month_after(first) - timedelta(days=1), (first,), False)


def year_period(year: int) -> Period:
    return Period(
        date(year, 1, 1),
        date(year, 12, 31),
        tuple(date(year, month, 1) for month in range(1, 13)),
        True,
    )


@dataclass(frozen=True)
class RoomOccupancy:
    room: RoomColumn
    open_minutes: float
    booked_minutes: float  # within the opening hours

    @property
    def share(self) -> float:
        return self.booked_minutes / self.open_minutes if self.open_minutes else 0.0

    @property
    def open_hours(self) -> float:
        return self.open_minutes / 60

    @property
    def booked_hours(self) -> float:
        return self.booked_minutes / 60


@dataclass(frozen=True)
class Occupancy:
    rooms: list[RoomOccupancy]
    uses_default_hours: bool

    @property
    def share(self) -> float:
        """Of the whole house: all rooms' booked minutes over all their opening minutes."""
        opened = sum(item.open_minutes for item in self.rooms)
        return sum(item.booked_minutes for item in self.rooms) / opened if opened else 0.0


def _overlap_minutes(first: list[tuple], second: list[tuple]) -> float:
    """Minutes in both of two sorted lists of disjoint (start, end) datetimes."""
    total = 0.0
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if end > start:
            total += (end - start).total_seconds() / 60
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return total


def room_occupancy(first: date, last: date) -> Occupancy:
    """Per room in use: the share of its opening hours between the days (both included)
    that bookings fill — booked minutes within opening hours ÷ opening minutes, closures
    left out of both. Four queries."""
    rooms = _in_house_order(Room.objects.filter(is_active=True))
    hours = opening_times()
    closures = Closures(closures_between(first, last))
    start, end = _day_span(first, last)
    booked: dict[int, list[tuple]] = defaultdict(list)
    for room_id, starts_at, ends_at in Booking.objects.filter(
        room__is_active=True, is_cancelled=False, starts_at__lt=end, ends_at__gt=start
    ).values_list("room_id", "starts_at", "ends_at"):
        booked[room_id].append((starts_at, ends_at))

    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    open_by_day = {
        day: [(local_datetime(day, o), local_datetime(day, c)) for o, c in hours.on(day)]
        for day in days
        if not closures.of_house(day)
    }
    figures = []
    for column in rooms:
        opened = [
            interval
            for day, intervals in open_by_day.items()
            if not closures.of_room(day, column.pk)
            for interval in intervals
        ]
        open_minutes = sum((b - a).total_seconds() / 60 for a, b in opened)
        booked_minutes = _overlap_minutes(opened, _merge(booked.get(column.pk, [])))
        figures.append(RoomOccupancy(column, open_minutes, booked_minutes))
    return Occupancy(figures, hours.is_default)


@dataclass(frozen=True)
class AssociationHours:
    association: Association | None  # None: the house itself and counselling
    name: str
    colour: str
    by_month: list[float]  # hours, one per month of the period
    total: float


def association_hours(period: Period) -> list[AssociationHours]:
    """Booked hours per association and month (in the centre's time zone), most first;
    bookings without an association count for "house / counselling". Every active
    association is listed, with zeros if it booked nothing. Two queries."""
    bounds = [local_datetime(month, time()) for month in period.months]
    bounds.append(local_datetime(_month_after(period.months[-1]), time()))
    hours: dict[int | None, list[float]] = defaultdict(lambda: [0.0] * len(period.months))
    for association_id, starts_at, ends_at in Booking.objects.filter(
        is_cancelled=False, starts_at__lt=bounds[-1], ends_at__gt=bounds[0]
    ).values_list("association_id", "starts_at", "ends_at"):
        index = max(0, bisect_right(bounds, starts_at) - 1)
        while index < len(period.months) and bounds[index] < ends_at:
            overlap = min(ends_at, bounds[index + 1]) - max(starts_at, bounds[index])
            hours[association_id][index] += max(overlap.total_seconds(), 0) / 3600
            index += 1
    associations = Association.objects.filter(
        Q(is_active=True) | Q(pk__in=[pk for pk in hours if pk is not None])
    )
    rows = [
        AssociationHours(
            association,
            association.name,
            association_colour(association.pk),
            hours[association.pk] if association.pk in hours else [0.0] * len(period.months),
            sum(hours.get(association.pk, [])),
        )
        for association in associations
    ]
    if None in hours:
        rows.append(
            AssociationHours(None, house_label(), HOUSE_COLOUR, hours[None], sum(hours[None]))
        )
    return sorted(rows, key=lambda row: (-row.total, row.association is None, row.name.casefold()))
