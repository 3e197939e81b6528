from datetime import date, datetime, time, timedelta

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, Closure, OpeningHours, Room


def rooms_of_the_house() -> QuerySet[Room]:
    return (
        Room.objects.filter(is_active=True).prefetch_related("equipment").order_by("floor", "name")
    )


def total_area_m2():
    return Room.objects.filter(is_active=True).aggregate(total=Sum("area_m2"))["total"] or 0


def closures_between(first, last):
    """Closures touching [first, last], whole-house ones with room None."""
    return list(Closure.objects.filter(starts_on__lte=last, ends_on__gte=first))


def _active_bookings_between(room_ids, start: datetime, end: datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        room_id__in=room_ids, is_cancelled=False, blocked_from__lt=end, blocked_until__gt=start
    ).select_related("room", "association")


def conflicts_by_interval(room: Room, intervals: list[tuple[datetime, datetime]], exclude=None):
    """For blocked intervals of one room: {index: a booking in the way}. One query."""
    if not intervals:
        return {}
    bookings = _active_bookings_between(
        [room.pk], min(i[0] for i in intervals), max(i[1] for i in intervals)
    )
    if exclude:
        bookings = bookings.exclude(pk=exclude)
    bookings = list(bookings)
    found = {}
    for index, (start, end) in enumerate(intervals):
        for booking in bookings:
            if booking.blocked_from < end and start < booking.blocked_until:
                found[index] = booking
                break
    return found


def conflicting_bookings(room: Room, intervals, exclude=None) -> list[Booking]:
    return list(dict.fromkeys(conflicts_by_interval(room, intervals, exclude).values()))


def opening_hours_by_weekday() -> dict[int, list[tuple[time, time]]]:
    hours: dict[int, list[tuple[time, time]]] = {}
    for item in OpeningHours.objects.all():
        hours.setdefault(item.weekday, []).append((item.opens, item.closes))
    return hours


HOUSE_CLOSURES_FIRST = (F("room_id").asc(nulls_first=True), "starts_on")


def closed_days(room: Room | None, days) -> dict[date, Closure]:
    """For each of the days on which the house (or, with a room, that room) is closed: the
    closure. One query."""
    days = sorted(set(days))
    if not days:
        return {}
    closures = Closure.objects.filter(starts_on__lte=days[-1], ends_on__gte=days[0])
    if room is None:
        closures = closures.filter(room__isnull=True)
    else:
        closures = closures.filter(Q(room__isnull=True) | Q(room=room))
    closures = list(closures.select_related("room").order_by(*HOUSE_CLOSURES_FIRST))
    found = {}
    for day in days:
        for closure in closures:
            if closure.starts_on <= day <= closure.ends_on:
                found[day] = closure
                break
    return found


def closure_message(closure: Closure) -> str:
    if closure.room_id:
        return _("%(room)s is closed then: %(reason)s.") % {
            "room": closure.room,
            "reason": closure.reason,
        }
    return _("The house is closed then: %(reason)s.") % {"reason": closure.reason}


def opening_hours_problem(
    starts_at: datetime, ends_at: datetime, hours: dict[int, list[tuple[time, time]]] | None = None
) -> str | None:
    """Why the house is not open for the whole of this time, or None; closures aside. Without
    opening hours entered the house counts as always open. Pass `hours` to save the query."""
    hours = opening_hours_by_weekday() if hours is None else hours
    if not hours:
        return None
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if start.date() != end.date() or not any(
        opens <= start.time() and end.time() <= closes
        for opens, closes in hours.get(start.weekday(), [])
    ):
        return _("The house is not open at that time.")
    return None


def outside_opening_hours(room: Room, starts_at: datetime, ends_at: datetime) -> str | None:
    """Why the house (or room) is not open then, or None. Without opening hours entered the
    house counts as always open."""
    start, end = timezone.localdate(starts_at), timezone.localdate(ends_at)
    closure = (
        Closure.objects.filter(Q(room__isnull=True) | Q(room=room), starts_on__lte=end)
        .filter(ends_on__gte=start)
        .select_related("room")
        .order_by(*HOUSE_CLOSURES_FIRST)
        .first()
    )
    if closure:
        return closure_message(closure)
    return opening_hours_problem(starts_at, ends_at)


def bookings_between(start: datetime, end: datetime, rooms=None) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(
        is_cancelled=False, starts_at__lt=end, ends_at__gt=start
    ).select_related("room", "association")
    if rooms is not None:
        bookings = bookings.filter(room__in=rooms)
    return bookings.order_by("starts_at")


def find_free_rooms(
    *,
    people: int,
    intervals: list[tuple[datetime, datetime]],
    step_free: bool = False,
    equipment: list[str] | tuple = (),
    exclude_booking=None,
) -> list[Room]:
    """Rooms that fit (size, access, equipment) and are free for every one of the intervals,
    best first: the smallest room that fits wastes the least space. A room closed on one of
    the days does not fit (a closure of the whole house leaves no room). A fixed number of
    queries: rooms, their equipment, the closures and the bookings in the span of the
    intervals."""
    rooms = Room.objects.filter(is_active=True, capacity__gte=people)
    if step_free:
        rooms = rooms.filter(is_step_free=True)
    for slug in equipment:
        rooms = rooms.filter(equipment__slug=slug)
    rooms = list(
        rooms.distinct().prefetch_related("equipment").order_by("capacity", "area_m2", "pk")
    )
    if not intervals or not rooms:
        return rooms
    days = {
        timezone.localdate(start) + timedelta(days=offset)
        for start, end in intervals
        for offset in range((timezone.localdate(end) - timezone.localdate(start)).days + 1)
    }
    closures = list(
        Closure.objects.filter(starts_on__lte=max(days), ends_on__gte=min(days)).values_list(
            "room_id", "starts_on", "ends_on"
        )
    )
    closed_rooms = {
        room_id for room_id, first, last in closures if any(first <= day <= last for day in days)
    }
    if None in closed_rooms:
        return []
    rooms = [room for room in rooms if room.pk not in closed_rooms]
    widest_buffer = timedelta(minutes=max((room.buffer_minutes for room in rooms), default=0))
    span_start = min(i[0] for i in intervals) - widest_buffer
    span_end = max(i[1] for i in intervals) + widest_buffer
    taken: dict[int, list[Booking]] = {}
    bookings = _active_bookings_between([r.pk for r in rooms], span_start, span_end)
    if exclude_booking:
        bookings = bookings.exclude(pk=exclude_booking)
    for booking in bookings:
        taken.setdefault(booking.room_id, []).append(booking)
    free = []
    for room in rooms:
        buffer = timedelta(minutes=room.buffer_minutes)
        if all(
            not any(
                b.blocked_from < end + buffer and start - buffer < b.blocked_until
                for b in taken.get(room.pk, [])
            )
            for start, end in intervals
        ):
            free.append(room)
    return free
