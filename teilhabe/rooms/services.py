"""Every write about rooms: bookings, one-off and recurring. No two active bookings of a room
overlap (buffers included): PostgreSQL's exclusion constraint guarantees it under parallel
requests; on SQLite every write transaction takes the database lock first (IMMEDIATE), so the
check below and the insert cannot interleave with another writer.

On PostgreSQL a booking also locks its room's row first (SELECT … FOR UPDATE), so that writers
of one room take turns: the check then sees the booking that won and names it, a series is
checked and booked as one, and two inserts never wait for each other inside the exclusion
check (which PostgreSQL would end as a deadlock, not as a conflict)."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from teilhabe.core.permissions import ensure_allowed as _ensure
from teilhabe.core.recurrence import Recurrence

from . import selectors
from .models import Booking, BookingKind, BookingSeries, Closure, Room


class BookingConflict(ValidationError):
    """The room is taken; `conflicts` names the bookings in the way."""

    def __init__(self, conflicts: list[Booking]):
        self.conflicts = conflicts
        first = conflicts[0]
        super().__init__(
            _("%(room)s is already booked from %(start)s to %(end)s (%(purpose)s).")
            % {
                "room": first.room,
                "start": timezone.localtime(first.starts_at).strftime("%d.%m.%Y %H:%M"),
                "end": timezone.localtime(first.ends_at).strftime("%H:%M"),
                "purpose": first.purpose,
            },
            code="conflict",
        )


class SeriesConflict(ValidationError):
    """Some dates of a series cannot be booked; `conflicts` maps each date that is taken to
    the booking in the way, `closed` each date on which the house or the room is closed to the
    closure, and `free_days` are the dates that could be booked."""

    def __init__(
        self,
        *,
        conflicts: dict[date, Booking],
        free_days: list[date],
        closed: dict[date, Closure] | None = None,
    ):
        self.conflicts = conflicts
        self.free_days = free_days
        self.closed = closed or {}
        if conflicts:
            message = _("%(count)s of the dates are already taken.") % {"count": len(conflicts)}
        else:
            message = _("The house or the room is closed on %(count)s of the dates.") % {
                "count": len(self.closed)
            }
        super().__init__(message, code="series_conflict")


def _check_bookable(room: Room, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(_("A booking needs an end after its start."))
    if not room.is_active:
        raise ValidationError(_("This room is not in use."))
    problem = selectors.outside_opening_hours(room, starts_at, ends_at)
    if problem:
        raise ValidationError(problem)


def _lock_room(room: Room) -> None:
    """Writers of one room take turns until the end of the transaction (PostgreSQL; SQLite's
    IMMEDIATE transactions take turns anyway)."""
    if connection.features.has_select_for_update:
        list(Room.objects.select_for_update().filter(pk=room.pk).values_list("pk", flat=True))


@transaction.atomic
def _insert(booking: Booking) -> Booking:
    _lock_room(booking.room)
    booking.set_blocked_time()
    conflicts = selectors.conflicting_bookings(
        booking.room, [(booking.blocked_from, booking.blocked_until)], exclude=booking.pk
    )
    if conflicts:
        raise BookingConflict(conflicts)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        # Lost a race on PostgreSQL: the exclusion constraint refused the overlap.
        raise BookingConflict(
            selectors.conflicting_bookings(
                booking.room, [(booking.blocked_from, booking.blocked_until)], exclude=booking.pk
            )
            or [booking]
        ) from None
    return booking


@transaction.atomic
def book_room(
    *,
    room: Room,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    association=None,
    by,
    kind: str = BookingKind.MANUAL,
) -> Booking:
    _ensure(by, "rooms.book_for", association) if association else _ensure(
        by, "rooms.plan_semester"
    )
    _lock_room(room)
    _check_bookable(room, starts_at, ends_at)
    return _insert(
        Booking(
            room=room,
            association=association,
            purpose=purpose,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=by if by.is_authenticated else None,
        )
    )


@transaction.atomic
def book_series(
    *,
    room: Room,
    recurrence: Recurrence,
    purpose: str,
    association=None,
    by,
    skip_conflicts: bool = False,
    kind: str = BookingKind.MANUAL,
) -> tuple[BookingSeries, list[Booking]]:
    """Book every date of a rule. When some are taken (or fall on a closure), refuse with the
    list of them (and of the free ones), or — when asked to — book only the free ones. A time
    outside the opening hours is refused for the whole rule: it has to change."""
    _ensure(by, "rooms.book_for", association) if association else _ensure(
        by, "rooms.plan_semester"
    )
    if not recurrence.until and not recurrence.count and recurrence.weekdays:
        raise ValidationError(_("A recurring booking needs a last date or a number of dates."))
    occurrences = recurrence.occurrences(recurrence.starts_on, recurrence.until or date.max)
    if not occurrences:
        raise ValidationError(_("This rule gives no dates."))
    if len(occurrences) > 400:
        raise ValidationError(_("Please book at most 400 dates at once."))
    _lock_room(room)
    if recurrence.end_time == recurrence.start_time:
        raise ValidationError(_("A booking needs an end after its start."))
    if not room.is_active:
        raise ValidationError(_("This room is not in use."))
    closed = selectors.closed_days(room, [o.day for o in occurrences])
    hours = selectors.opening_hours_by_weekday()
    for occurrence in occurrences:
        problem = occurrence.day not in closed and selectors.opening_hours_problem(
            occurrence.starts_at, occurrence.ends_at, hours
        )
        if problem:
            raise ValidationError(
                _("%(date)s: %(problem)s")
                % {"date": date_format(occurrence.day, "DATE_FORMAT"), "problem": problem}
            )
    open_dates = [o for o in occurrences if o.day not in closed]
    buffer = timedelta(minutes=room.buffer_minutes)
    in_the_way = selectors.conflicts_by_interval(
        room, [(o.starts_at - buffer, o.ends_at + buffer) for o in open_dates]
    )
    conflicts = {open_dates[i].day: booking for i, booking in in_the_way.items()}
    free = [o for o in open_dates if o.day not in conflicts]
    if (conflicts or closed) and not skip_conflicts:
        raise SeriesConflict(conflicts=conflicts, free_days=[o.day for o in free], closed=closed)
    if not free:
        raise SeriesConflict(conflicts=conflicts, free_days=[], closed=closed)
    series = BookingSeries.objects.create(
        room=room,
        association=association,
        purpose=purpose,
        starts_on=recurrence.starts_on,
        start_time=recurrence.start_time,
        end_time=recurrence.end_time,
        weekdays=list(recurrence.weekdays),
        interval_weeks=recurrence.interval_weeks,
        until=recurrence.until,
        count=recurrence.count,
        created_by=by if by.is_authenticated else None,
    )
    bookings = [
        _insert(
            Booking(
                room=room,
                association=association,
                purpose=purpose,
                kind=kind,
                starts_at=o.starts_at,
                ends_at=o.ends_at,
                series=series,
                created_by=series.created_by,
            )
        )
        for o in free
    ]
    return series, bookings


@transaction.atomic
def cancel_booking(*, booking: Booking, by) -> Booking:
    """Free the room. Bookings held for programme dates or office hours are changed there:
    their own app would otherwise book the room again (or lose track of it)."""
    _ensure(by, "rooms.cancel_booking", booking)
    if booking.kind in (BookingKind.SESSION, BookingKind.OFFICE_HOURS):
        raise ValidationError(
            _("This booking belongs to a programme date or to office hours: change it there."),
            code="held_elsewhere",
        )
    if booking.is_cancelled:
        return booking
    if booking.ends_at <= timezone.now():
        raise ValidationError(_("This booking is already over."), code="over")
    booking.is_cancelled = True
    booking.save(update_fields=["is_cancelled"])
    return booking


def hold_room(
    *,
    booking: Booking | None,
    room: Room | None,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    association=None,
    kind: str,
    cancelled: bool = False,
) -> Booking | None:
    """The booking behind a programme session or office hours: created, moved or released
    so that it matches. Raises BookingConflict when the room is taken. Call inside the
    caller's transaction; permissions are the caller's."""
    if room is None or cancelled:
        if booking is not None and not booking.is_cancelled:
            booking.is_cancelled = True
            booking.save(update_fields=["is_cancelled"])
        return booking if room is not None else None
    if booking is None:
        booking = Booking(kind=kind)
    unchanged = (
        booking.pk
        and not booking.is_cancelled
        and booking.room_id == room.pk
        and booking.starts_at == starts_at
        and booking.ends_at == ends_at
        and booking.purpose == purpose[:200]
    )
    if unchanged:
        return booking
    booking.room = room
    booking.starts_at = starts_at
    booking.ends_at = ends_at
    booking.purpose = purpose[:200]
    booking.association = association
    booking.is_cancelled = False
    return _insert(booking)


def hold_room_if_free(
    *,
    booking: Booking | None,
    room: Room | None,
    starts_at: datetime,
    ends_at: datetime,
    purpose: str,
    association=None,
    kind: str,
    cancelled: bool = False,
) -> tuple[Booking | None, bool]:
    """hold_room for a recurring use's date (a programme session, office hours): when someone
    else has the room, the date keeps its place in the plan without a room. Returns the booking
    and whether the room was taken."""
    try:
        booking = hold_room(
            booking=booking,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            purpose=purpose,
            association=association,
            kind=kind,
            cancelled=cancelled,
        )
        return booking, False
    except BookingConflict:
        booking = hold_room(
            booking=booking, room=None, starts_at=starts_at, ends_at=ends_at, purpose="", kind=kind
        )
        return booking, True


def ensure_room_free_for(room: Room, intervals, *, own_booking_ids=()) -> None:
    """Refuse a recurring use of a room (a programme schedule, office hours) when the room is
    taken on some of its dates, saying which dates and by what, so that the person can choose
    another room or time. `intervals` are (start, end) without buffers; bookings the same
    recurring use already holds are not in the way."""
    buffer = timedelta(minutes=room.buffer_minutes)
    in_the_way = selectors.conflicts_by_interval(
        room, [(start - buffer, end + buffer) for start, end in intervals]
    )
    own = set(own_booking_ids)
    taken = sorted(
        (intervals[i][0], booking) for i, booking in in_the_way.items() if booking.pk not in own
    )
    if taken:
        dates = ", ".join(
            f"{timezone.localtime(start):%d.%m.%Y %H:%M} ({booking.purpose})"
            for start, booking in taken[:10]
        )
        raise ValidationError(
            _(
                "%(room)s is already booked on these dates: %(dates)s. Please choose another room "
                "or time — the room finder shows what is free."
            )
            % {"room": room, "dates": dates}
        )
