"""The counsellors' desk: the services they counsel for, a service's agenda for a day, one
appointment (contact, case note, outcome, cancelling) and their own blocked time and absences.
Only the counsellors of a service get in; staff and administrators get a 403 like everybody
else."""

from collections import defaultdict
from datetime import date, timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.core.languages import language_name
from teilhabe.core.recurrence import centre_today

from .. import selectors, services
from ..desk_forms import NoteForm, UnavailabilityForm
from ..models import Appointment, Outcome, Service, Unavailability

DESK_DAYS = 7  # today and the six days after it


def private(view):
    """Desk pages hold personal data: never cached, never indexed, no referrer to other sites
    (the URLs name appointments). Not "no-referrer": Chromium then sends `Origin: null` with
    the page's forms, which Django's CSRF check refuses."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _appointment(pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related(
            "service", "topic", "counsellor__user", "office_hours_date__room"
        ),
        pk=pk,
    )


@private
@login_required
def desk(request):
    today = centre_today()
    service_list = list(
        selectors.desk_services(request.user, first=today, last=today + timedelta(DESK_DAYS - 1))
    )
    if not service_list:
        raise PermissionDenied
    for service in service_list:
        days = defaultdict(list)
        for appointment in service.desk_appointments:
            days[timezone.localdate(appointment.starts_at)].append(appointment)
        service.desk_days = sorted(days.items())
    # Seeing names in the agenda is reading the appointments: each goes into the audit trail.
    services.open_appointments(
        appointments=[a for s in service_list for a in s.desk_appointments], by=request.user
    )
    walk_in_dates = list(selectors.open_walk_in_dates(service_list, day=today))
    return render(
        request,
        "counselling/desk/desk.html",
        {"services": service_list, "walk_in_dates": walk_in_dates, "today": today},
    )


def _day_from(request) -> date:
    text = request.GET.get("day")
    if not text:
        return centre_today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        messages.error(request, _("This is not a valid date; today is shown instead."))
        return centre_today()


@private
@login_required
def desk_service(request, slug):
    service = get_object_or_404(Service, slug=slug)
    if not request.user.has_perm("counselling.use_desk", service):
        raise PermissionDenied
    day = _day_from(request)
    appointments = services.open_appointments(
        appointments=selectors.appointments_for_desk(service, first=day, last=day),
        by=request.user,
    )
    for appointment in appointments:
        appointment.language_label = language_name(appointment.language)
    return render(
        request,
        "counselling/desk/service.html",
        {
            "service": service,
            "day": day,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "is_today": day == centre_today(),
            "appointments": appointments,
        },
    )


def _render_appointment(request, appointment, *, note_form=None, status=200):
    services.open_appointment(appointment=appointment, by=request.user)
    appointment.language_label = language_name(appointment.language)
    return render(
        request,
        "counselling/desk/appointment.html",
        {
            "appointment": appointment,
            "note_form": note_form or NoteForm(initial={"note": appointment.note}),
            "has_begun": appointment.starts_at <= timezone.now(),
            "Outcome": Outcome,
        },
        status=status,
    )


@private
@login_required
def appointment_detail(request, pk):
    return _render_appointment(request, _appointment(pk))


@private
@require_POST
@login_required
def appointment_note(request, pk):
    appointment = _appointment(pk)
    if not request.user.has_perm("counselling.change_appointment", appointment):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.save_note(
                appointment=appointment, note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as error:
            form.add_error("note", error)
        else:
            messages.success(request, _("The case note is saved."))
            return redirect("counselling:appointment", pk=appointment.pk)
    return _render_appointment(request, appointment, note_form=form, status=400)


@private
@require_POST
@login_required
def appointment_outcome(request, pk):
    appointment = _appointment(pk)
    if not request.user.has_perm("counselling.change_appointment", appointment):
        raise PermissionDenied
    try:
        services.record_outcome(
            appointment=appointment, outcome=request.POST.get("outcome", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Saved: %(status)s.") % {"status": appointment.get_outcome_display()},
        )
    return redirect("counselling:appointment", pk=appointment.pk)


@private
@login_required
def appointment_cancel(request, pk):
    """GET asks to confirm; POST cancels and tells the person."""
    appointment = _appointment(pk)
    if not request.user.has_perm("counselling.change_appointment", appointment):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.cancel_by_service(appointment=appointment, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("The appointment is cancelled and the person has been told.")
            )
        return redirect("counselling:appointment", pk=appointment.pk)
    return render(request, "counselling/desk/cancel.html", {"appointment": appointment})


@private
@login_required
def availability(request):
    if not request.user.has_perm("counselling.manage_own_availability"):
        raise PermissionDenied
    form = UnavailabilityForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            _item, cancelled = services.add_unavailability(
                user=request.user,
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["kind"] == "absent":
                if cancelled:
                    messages.success(
                        request,
                        ngettext(
                            "Your absence is saved. %(count)d appointment was cancelled and "
                            "the person was told.",
                            "Your absence is saved. %(count)d appointments were cancelled and "
                            "the people were told.",
                            len(cancelled),
                        )
                        % {"count": len(cancelled)},
                    )
                else:
                    messages.success(
                        request, _("Your absence is saved. No appointments were affected.")
                    )
            else:
                messages.success(
                    request, _("The time is blocked: nobody can book you in it any more.")
                )
            return redirect("counselling:availability")
    return render(
        request,
        "counselling/desk/availability.html",
        {
            "form": form,
            "items": list(selectors.own_unavailability(request.user)),
            "has_errors": form.is_bound,
        },
        status=400 if form.is_bound else 200,
    )


@private
@require_POST
@login_required
def availability_delete(request, pk):
    if not request.user.has_perm("counselling.manage_own_availability"):
        raise PermissionDenied
    item = get_object_or_404(Unavailability, pk=pk, user=request.user)
    try:
        services.remove_unavailability(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The entry is removed."))
    return redirect("counselling:availability")


urlpatterns = [
    path("desk/", desk, name="desk"),
    path("desk/availability/", availability, name="availability"),
    path("desk/availability/<int:pk>/delete/", availability_delete, name="availability-delete"),
    path("desk/appointment/<int:pk>/", appointment_detail, name="appointment"),
    path("desk/appointment/<int:pk>/note/", appointment_note, name="appointment-note"),
    path("desk/appointment/<int:pk>/outcome/", appointment_outcome, name="appointment-outcome"),
    path("desk/appointment/<int:pk>/cancel/", appointment_cancel, name="appointment-cancel"),
    path("desk/service/<slug:slug>/", desk_service, name="desk-service"),
]
