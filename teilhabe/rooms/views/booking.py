"""Booking a room: the booking form (one date or a weekly rule), which on a conflict names
what is in the way and offers the free dates or the finder; the free-room finder; the
bookings of one's associations, with cancelling.

Association admins book for their associations, centre staff for any association or for the
house itself. Every write goes through the services, which check permissions and conflicts
again."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.selectors import associations_administered_by

from .. import selectors, services
from ..forms import BookingForm, FinderForm
from ..models import Booking, BookingKind

BOOKINGS_PER_PAGE = 25
CANCELLABLE_KINDS = {BookingKind.MANUAL, BookingKind.PLANNER}


def _require_booking_rights(user) -> None:
    if not user.has_perm("rooms.use_booking"):
        raise PermissionDenied(_("Only association admins and centre staff book rooms."))


def _link(name: str, query: dict) -> str:
    return f"{reverse(name)}?{urlencode(query, doseq=True)}"


# --- booking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRow:
    """One date of a series that cannot be booked, and why."""

    day: date
    booking: Booking | None
    closure_reason: str = ""


def _series_conflict_rows(conflict: services.SeriesConflict) -> list[ConflictRow]:
    rows = [ConflictRow(day, booking) for day, booking in conflict.conflicts.items()]
    rows += [ConflictRow(day, None, closure.reason) for day, closure in conflict.closed.items()]
    return sorted(rows, key=lambda row: row.day)


def _booked_message(room, bookings) -> str:
    first = timezone.localtime(bookings[0].starts_at)
    end = timezone.localtime(bookings[0].ends_at)
    if len(bookings) == 1:
        return _("Booked: %(room)s on %(date)s, %(start)s–%(end)s.") % {
            "room": room,
            "date": date_format(first, "DATE_FORMAT"),
            "start": time_format(first),
            "end": time_format(end),
        }
    return ngettext(
        "Booked: %(room)s on %(count)s date from %(date)s, %(start)s–%(end)s.",
        "Booked: %(room)s on %(count)s dates from %(date)s, %(start)s–%(end)s.",
        len(bookings),
    ) % {
        "room": room,
        "count": len(bookings),
        "date": date_format(first, "DATE_FORMAT"),
        "start": time_format(first),
        "end": time_format(end),
    }


def _book(request, form: BookingForm):
    """Book what the valid form says; returns the bookings made."""
    data = form.cleaned_data
    common = {
        "room": data["room"],
        "purpose": data["purpose"],
        "association": data["association"],
        "by": request.user,
    }
    if form.is_once:
        (occurrence,) = form.occurrences
        booking = services.book_room(
            starts_at=occurrence.starts_at, ends_at=occurrence.ends_at, **common
        )
        return [booking], 0
    _series, bookings = services.book_series(
        recurrence=form.recurrence(),
        skip_conflicts=request.POST.get("skip_conflicts") == "1",
        **common,
    )
    return bookings, len(form.occurrences) - len(bookings)


@login_required
def book(request):
    _require_booking_rights(request.user)
    context = {}
    if request.method == "POST":
        form = BookingForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                bookings, skipped = _book(request, form)
            except services.BookingConflict as conflict:
                context["conflict"] = conflict.conflicts[0]
                context["finder_url"] = _link("rooms:finder", form.finder_query())
            except services.SeriesConflict as conflict:
                context["series_conflict"] = _series_conflict_rows(conflict)
                context["free_count"] = len(conflict.free_days)
                context["finder_url"] = _link("rooms:finder", form.finder_query())
                # "Book the free dates" sends again exactly what was checked.
                context["resubmit"] = [
                    (name, value) for name in form.fields for value in request.POST.getlist(name)
                ]
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _booked_message(form.cleaned_data["room"], bookings))
                if skipped:
                    messages.info(
                        request,
                        ngettext(
                            "%(count)s date was left out: it is taken or the house is closed.",
                            "%(count)s dates were left out: they are taken or the house is closed.",
                            skipped,
                        )
                        % {"count": skipped},
                    )
                return redirect("rooms:my-bookings")
    else:
        form = BookingForm(initial=BookingForm.initial_from(request.GET), user=request.user)
    context["form"] = form
    return render(request, "rooms/booking/book.html", context)


# --- finder ------------------------------------------------------------------------------------


@login_required
def finder(request):
    _require_booking_rights(request.user)
    form = FinderForm(request.GET or None)
    rooms = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        rooms = [
            (room, _link("rooms:book", form.booking_query(room)))
            for room in selectors.find_free_rooms(
                people=data["people"],
                intervals=form.intervals(),
                step_free=data["step_free"],
                equipment=[item.slug for item in data["equipment"]],
            )
        ]
    closed = sorted(form.closed.items()) if rooms is not None else []
    return render(
        request,
        "rooms/booking/finder.html",
        {
            "form": form,
            "rooms": rooms,
            "closed": closed,
            "date_count": len(form.occurrences) if rooms is not None else 0,
        },
    )


# --- my bookings -------------------------------------------------------------------------------


SHOW_CHOICES = ("all", "bookings", "programme")


def _upcoming_bookings(user, show: str) -> QuerySet[Booking]:
    """Upcoming active bookings of the associations the user administers (staff: all), with
    what the list shows. (A candidate for selectors.py.)"""
    bookings = (
        Booking.objects.filter(is_cancelled=False, ends_at__gt=timezone.now())
        .select_related("room", "association", "series")
        .order_by("starts_at", "pk")
    )
    if not is_centre_staff(user):
        bookings = bookings.filter(association__in=associations_administered_by(user))
    if show == "bookings":
        bookings = bookings.filter(kind__in=CANCELLABLE_KINDS)
    elif show == "programme":
        bookings = bookings.exclude(kind__in=CANCELLABLE_KINDS)
    return bookings


@login_required
def my_bookings(request):
    user = request.user
    _require_booking_rights(user)
    show = request.GET.get("show", "all")
    show = show if show in SHOW_CHOICES else "all"
    page = Paginator(_upcoming_bookings(user, show), BOOKINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    # The rule rooms.cancel_booking, worked out once for the page instead of once a row.
    is_staff = is_centre_staff(user)
    administered = (
        set() if is_staff else set(associations_administered_by(user).values_list("pk", flat=True))
    )
    for booking in page:
        booking.can_cancel = booking.kind in CANCELLABLE_KINDS and (
            is_staff or booking.association_id in administered
        )
    return render(
        request,
        "rooms/booking/my_bookings.html",
        {
            "page": page,
            "is_staff": is_staff,
            "show": show,
            "shows": [
                ("all", _("All")),
                ("bookings", _("Bookings")),
                ("programme", _("Programme and office hours")),
            ],
        },
    )


@login_required
@require_POST
def cancel(request, pk: int):
    booking = get_object_or_404(Booking.objects.select_related("room", "association"), pk=pk)
    try:
        services.cancel_booking(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Cancelled: %(room)s on %(date)s, %(start)s–%(end)s. The room is free again.")
            % {
                "room": booking.room,
                "date": date_format(timezone.localtime(booking.starts_at), "DATE_FORMAT"),
                "start": time_format(timezone.localtime(booking.starts_at)),
                "end": time_format(timezone.localtime(booking.ends_at)),
            },
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("rooms:my-bookings")


urlpatterns = [
    path("book/", book, name="book"),
    path("find/", finder, name="finder"),
    path("bookings/", my_bookings, name="my-bookings"),
    path("bookings/<int:pk>/cancel/", cancel, name="booking-cancel"),
]
