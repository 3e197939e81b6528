"""Reads the API composes from several apps (the apps' own selectors do the rest): offers by a
date range, an offer's coming dates, a room's busy times without who booked, and the bookings
a person may see and cancel."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from rest_framework.authtoken.models import Token

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.core.recurrence import CENTRE_TZ
from teilhabe.programme.models import Offer, OfferStatus, Session
from teilhabe.programme.selectors import CatalogueFilters, offers_for_catalogue
from teilhabe.rooms.models import Booking, BookingKind, Room
from teilhabe.rooms.selectors import bookings_between, closures_between


def _local_span(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time(), tzinfo=CENTRE_TZ)
    return start, datetime.combine(last + timedelta(days=1), time(), tzinfo=CENTRE_TZ)


def offers_for_api(
    filters: CatalogueFilters, language: str, *, first: date | None, last: date | None
) -> QuerySet[Offer]:
    """The catalogue's offers; with a date range only those with a date in it."""
    offers = offers_for_catalogue(filters, language)
    if first or last:
        in_range = Session.objects.filter(offer=OuterRef("pk"), is_cancelled=False)
        if first:
            in_range = in_range.filter(starts_at__gte=_local_span(first, first)[0])
        if last:
            in_range = in_range.filter(starts_at__lt=_local_span(last, last)[1])
        offers = offers.filter(Exists(in_range))
    return offers


def upcoming_sessions_of(offer: Offer) -> QuerySet[Session]:
    return (
        Session.objects.filter(offer=offer, is_cancelled=False, ends_at__gte=timezone.now())
        .select_related("room")
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class BusyTime:
    start: datetime
    end: datetime
    kind: str  # "booked", "programme" or "closed"
    offer: Offer | None = None


def busy_times(room: Room, first: date, last: date) -> list[BusyTime]:
    """When the room is taken from `first` to `last` (local dates): bookings with their set-up
    and clean-up time, and closures. Who booked is not said, except for a session of the
    public programme. Three queries."""
    start, end = _local_span(first, last)
    bookings = list(bookings_between(start, end, rooms=[room]))
    public = {
        s.booking_id: s.offer
        for s in Session.objects.filter(
            booking__in=[b.pk for b in bookings if b.kind == BookingKind.SESSION],
            offer__status=OfferStatus.PUBLISHED,
        ).select_related("offer")
    }
    busy = [
        BusyTime(
            b.blocked_from,
            b.blocked_until,
            "programme" if b.pk in public else "booked",
            public.get(b.pk),
        )
        for b in bookings
    ]
    for closure in closures_between(first, last):
        if closure.room_id not in (None, room.pk):
            continue
        closed_start, closed_end = _local_span(
            max(closure.starts_on, first), min(closure.ends_on, last)
        )
        busy.append(BusyTime(closed_start, closed_end, "closed"))
    return sorted(busy, key=lambda b: (b.start, b.end))


def bookings_for_api(user) -> QuerySet[Booking]:
    """Coming bookings the person may cancel: staff all, an association's admins their
    association's."""
    bookings = Booking.objects.filter(
        is_cancelled=False, ends_at__gt=timezone.now()
    ).select_related("room", "association")
    if not is_centre_staff(user):
        bookings = bookings.filter(
            Q(
                association__memberships__user=user,
                association__memberships__role=MembershipRole.ADMIN,
            )
        )
    return bookings.order_by("starts_at", "pk")


def has_api_token(user) -> bool:
    return Token.objects.filter(user=user).exists()
