"""The public side of counselling: the person seeking advice, without an account. They see the
services, book a time, and find, download, cancel or delete their booking with its link or
code. Pages that show a booking are never stored by browsers or proxies, never indexed, and
never pass their address (which holds the secret token) on to another site."""

import hashlib
import json
import time
from functools import wraps
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Event

from teilhabe.core.cache import within_limit
from teilhabe.core.ical import build_calendar
from teilhabe.core.languages import language_name
from teilhabe.core.models import Centre

from .. import selectors, services
from ..booking_forms import BookingForm, LookupForm, SlotFilterForm
from ..models import Appointment, Outcome, Service


def private(view=None, *, has_form=False):
    """For pages about one person's booking: not stored, not indexed, and their address
    (which may hold the secret token) never passed on. Pages with a form say "same-origin"
    instead of "no-referrer": under "no-referrer" browsers send `Origin: null` with the form,
    which Django's CSRF check rightly refuses; "same-origin" still tells no other site."""
    if view is None:
        return lambda function: private(function, has_form=has_form)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response["Referrer-Policy"] = "same-origin" if has_form else "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


# --- the services ----------------------------------------------------------------------------


@require_GET
def index(request):
    services_list = list(selectors.active_services())
    slots = selectors.free_slots(services_list)
    walk_ins = list(selectors.walk_in_dates_ahead(services_list))
    for service in services_list:
        service.language_names = [
            language_name(code) for code in selectors.service_languages(service)
        ]
        service.next_slot = (slots.get(service.pk) or [None])[0]
        service.walk_in_dates = [d for d in walk_ins if d.office_hours.service_id == service.pk]
    return render(request, "counselling/public/index.html", {"services": services_list})


# --- booking ---------------------------------------------------------------------------------


def _service_or_404(slug: str) -> Service:
    try:
        return selectors.active_service(slug)
    except Service.DoesNotExist:
        raise Http404(_("This counselling service does not exist or takes no bookings.")) from None


def _slot_context(service: Service, *, language: str, selected: str) -> dict:
    slots = selectors.free_slots([service])[service.pk]
    return {
        "service": service,
        "slot_days": [
            (day, [(slot, slot.is_in_language(language)) for slot in day_slots])
            for day, day_slots in selectors.slots_by_day(slots)
        ],
        "chosen_language": language,
        "chosen_language_name": language_name(language) if language else "",
        "selected_slot": selected,
    }


@private(has_form=True)
@require_http_methods(["GET", "POST"])
def book(request, slug):
    service = _service_or_404(slug)
    if request.method == "POST" and "show_times" in request.POST:
        # Without JavaScript: show the times for the chosen topic and language, keep the rest.
        form = BookingForm(service=service, initial=_typed(request.POST))
    elif request.method == "POST":
        form = BookingForm(request.POST, service=service)
        if form.is_valid():
            try:
                appointment, token = services.book_appointment(
                    service=service,
                    topic=form.cleaned_data["topic"],
                    slot_key=form.cleaned_data["slot"],
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    language=form.cleaned_data["language"],
                    needs_interpreter=form.cleaned_data["needs_interpreter"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request,
                    _(
                        "Your appointment is booked. Your booking code is %(code)s – please "
                        "note it down. With it you can find your booking again."
                    )
                    % {"code": appointment.code},
                    extra_tags="booked",
                )
                return redirect("counselling:booking", token=token)
    else:
        form = BookingForm(service=service, initial=_typed(request.GET))
    context = _slot_context(
        service, language=form.selected("language"), selected=form.selected("slot")
    )
    context["form"] = form
    context["retention_days"] = settings.COUNSELLING_RETENTION_DAYS
    return render(request, "counselling/public/book.html", context)


def _typed(data) -> dict:
    return {
        name: data.get(name)
        for name in ("topic", "language", "slot", "name", "contact", "needs_interpreter")
        if data.get(name)
    }


@private
@require_GET
def slots(request, slug):
    """The times of a service for a chosen language (the HTMX partial of the booking form)."""
    service = _service_or_404(slug)
    choice = SlotFilterForm(request.GET)
    choice.is_valid()
    language = choice.cleaned_data.get("language") or get_language()
    context = _slot_context(
        service, language=language, selected=choice.cleaned_data.get("slot") or ""
    )
    return render(request, "counselling/public/_slots.html", context)


# --- the person's booking --------------------------------------------------------------------


def _booking_or_404(request, token):
    try:
        return services.appointment_from_token(token), None
    except ValidationError:
        response = render(request, "counselling/public/booking_not_found.html", status=404)
        return None, response


def _room_of(appointment: Appointment):
    office_date = appointment.office_hours_date
    return office_date.room if office_date else None


@private
@require_GET
def booking(request, token):
    appointment, not_found = _booking_or_404(request, token)
    if not_found:
        return not_found
    return render(
        request,
        "counselling/public/booking.html",
        {
            "appointment": appointment,
            "token": token,
            "room": _room_of(appointment),
            "can_cancel": appointment.is_active and appointment.starts_at > timezone.now(),
            "is_cancelled": appointment.outcome == Outcome.CANCELLED,
            "language_name": language_name(appointment.language),
            "retention_days": settings.COUNSELLING_RETENTION_DAYS,
        },
    )


@private(has_form=True)
@require_http_methods(["GET", "POST"])
def booking_cancel(request, token):
    appointment, not_found = _booking_or_404(request, token)
    if not_found:
        return not_found
    error = None
    if request.method == "POST":
        try:
            services.cancel_by_person(appointment=appointment)
        except ValidationError as problem:
            error = problem
        else:
            messages.success(request, _("Your appointment is cancelled. Thank you for telling us."))
            return redirect("counselling:booking", token=token)
    return render(
        request,
        "counselling/public/cancel.html",
        {"appointment": appointment, "token": token, "room": _room_of(appointment), "error": error},
        status=400 if error else 200,
    )


@private(has_form=True)
@require_http_methods(["GET", "POST"])
def booking_delete(request, token):
    appointment, not_found = _booking_or_404(request, token)
    if not_found:
        return not_found
    if request.method == "POST":
        services.delete_by_person(appointment=appointment)
        return redirect("counselling:booking-deleted")
    return render(
        request,
        "counselling/public/delete.html",
        {"appointment": appointment, "token": token, "room": _room_of(appointment)},
    )


@private
@require_GET
def booking_deleted(request):
    return render(request, "counselling/public/deleted.html")


@private
@require_GET
def booking_data(request, token):
    appointment, not_found = _booking_or_404(request, token)
    if not_found:
        return not_found
    content = json.dumps(services.personal_data_of(appointment), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{appointment.code}.json"'
    return response


@private
@require_GET
def booking_calendar(request, token):
    appointment, not_found = _booking_or_404(request, token)
    if not_found:
        return not_found
    response = HttpResponse(
        _calendar_of(appointment, room=_room_of(appointment)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.code}.ics"'
    return response


def _calendar_of(appointment: Appointment, *, room) -> bytes:
    """The appointment as an iCalendar file: when, where and the code, nothing personal."""
    host = urlsplit(settings.SITE_URL).hostname or "teilhabe.invalid"
    centre = Centre.current()
    event = Event()
    event.add("UID", f"appointment-{appointment.code}@{host}")
    event.add("DTSTAMP", timezone.now().replace(microsecond=0))
    event.add("DTSTART", timezone.localtime(appointment.starts_at))
    event.add("DTEND", timezone.localtime(appointment.ends_at))
    event.add("SUMMARY", _("Counselling: %(service)s") % {"service": appointment.service.name})
    event.add(
        "DESCRIPTION",
        "\n".join(
            [
                _("Topic: %(topic)s") % {"topic": appointment.topic.name},
                _("Booking code: %(code)s") % {"code": appointment.code},
            ]
        ),
    )
    where = [room.name if room else "", centre.name, centre.address]
    event.add("LOCATION", ", ".join(part for part in where if part))
    is_cancelled = appointment.outcome == Outcome.CANCELLED
    event.add("STATUS", "CANCELLED" if is_cancelled else "CONFIRMED")
    day = timezone.localdate(appointment.starts_at)
    calendar = build_calendar(
        [event],
        name=appointment.service.name,
        uid=f"appointment-{appointment.code}@{host}",
        first=day,
        last=day,
        language=get_language() or settings.LANGUAGE_CODE,
    )
    return calendar.to_ical()


# --- finding a booking by its code -----------------------------------------------------------


def _lookup_allowed(request) -> bool:
    """Counts every lookup (found or not) per client address and hour in the cache. The
    address is stored only as a hash."""
    address = get_client_ip_address(request) or "unknown"
    hour = int(time.time() // 3600)
    key = f"counselling:lookup:{hash_of(address)}:{hour}"
    return within_limit(key, settings.COUNSELLING_CODE_LOOKUPS_PER_HOUR, 3600)


def hash_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@private(has_form=True)
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        if not _lookup_allowed(request):
            form.add_error(
                None,
                _(
                    "You have tried too many booking codes. Please wait an hour and try again, "
                    "or call the counselling service."
                ),
            )
            status = 429
        else:
            try:
                appointment = services.appointment_from_code(form.cleaned_data["code"])
            except ValidationError as error:
                form.add_error("code", error)
            else:
                token = services.new_link_for(appointment)
                return redirect("counselling:booking", token=token)
    return render(request, "counselling/public/lookup.html", {"form": form}, status=status)


urlpatterns = [
    path("", index, name="index"),
    path("booking/", lookup, name="lookup"),
    path("booking/deleted/", booking_deleted, name="booking-deleted"),
    path("booking/<str:token>/", booking, name="booking"),
    path("booking/<str:token>/cancel/", booking_cancel, name="booking-cancel"),
    path("booking/<str:token>/delete/", booking_delete, name="booking-delete"),
    path("booking/<str:token>/data/", booking_data, name="booking-data"),
    path("booking/<str:token>/calendar/", booking_calendar, name="booking-calendar"),
    path("<slug:slug>/book/", book, name="book"),
    path("<slug:slug>/slots/", slots, name="slots"),
]
