"""The walk-in queue of open office hours: the front desk gives numbers, the service's
counsellors call the next one, and a screen in the waiting room shows numbers only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.core.languages import language_name

from .. import selectors, services
from ..desk_forms import TicketForm
from ..models import OfficeHoursDate, TicketStatus, WalkInTicket
from .desk import private

SCREEN_CALLED = 4  # how many called numbers the waiting screen shows


def _office_date(pk: int) -> OfficeHoursDate:
    return get_object_or_404(
        OfficeHoursDate.objects.select_related("office_hours__service", "room"), pk=pk
    )


@private
@login_required
def front_desk(request):
    if not is_centre_staff(request.user) and not selectors.services_counselled_by(request.user):
        raise PermissionDenied
    dates = list(selectors.front_desk_dates(request.user))
    posted = None
    if request.method == "POST":
        chosen = request.POST.get("date", "")
        posted = next((d for d in dates if str(d.pk) == chosen), None)
        if posted is None:
            messages.error(request, _("These office hours are not open today."))
    forms = []
    for office_date in dates:
        if office_date is posted:
            form = TicketForm(request.POST, office_hours_date=office_date)
            if form.is_valid():
                try:
                    ticket = services.draw_ticket(
                        office_hours_date=office_date,
                        topic=form.cleaned_data["topic"],
                        language=form.cleaned_data["language"],
                        needs_interpreter=form.cleaned_data["needs_interpreter"],
                        by=request.user,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    return redirect("counselling:front-desk-ticket", pk=ticket.pk)
        else:
            form = TicketForm(office_hours_date=office_date)
        forms.append((office_date, form))
    return render(
        request,
        "counselling/queue/front_desk.html",
        {"forms": forms},
        status=400 if request.method == "POST" else 200,
    )


@private
@login_required
def front_desk_ticket(request, pk):
    ticket = get_object_or_404(
        WalkInTicket.objects.select_related("office_hours_date__office_hours__service"),
        pk=pk,
    )
    if not request.user.has_perm(
        "counselling.run_front_desk", ticket.office_hours_date.office_hours.service
    ):
        raise PermissionDenied
    return render(request, "counselling/queue/ticket.html", {"ticket": ticket})


def _queue_context(office_date):
    by_status = selectors.queue(office_date)
    for tickets in by_status.values():
        for ticket in tickets:
            ticket.language_label = language_name(ticket.language)
    return {
        "office_date": office_date,
        "service": office_date.office_hours.service,
        "waiting": by_status[TicketStatus.WAITING],
        "called": by_status[TicketStatus.CALLED],
        "done": by_status[TicketStatus.SERVED] + by_status[TicketStatus.LEFT],
    }


@private
@login_required
def queue(request, date_pk):
    office_date = _office_date(date_pk)
    if not request.user.has_perm("counselling.use_desk", office_date.office_hours.service):
        raise PermissionDenied
    template = (
        "counselling/queue/_waiting.html"
        if request.GET.get("part") == "waiting"
        else "counselling/queue/queue.html"
    )
    return render(request, template, _queue_context(office_date))


@private
@require_POST
@login_required
def queue_call_next(request, date_pk):
    office_date = _office_date(date_pk)
    if not request.user.has_perm("counselling.use_desk", office_date.office_hours.service):
        raise PermissionDenied
    ticket = services.call_next(office_hours_date=office_date, by=request.user)
    if ticket is None:
        messages.info(request, _("Nobody is waiting."))
    else:
        messages.success(request, _("Number %(number)s is called.") % {"number": ticket.number})
    return redirect("counselling:queue", date_pk=office_date.pk)


@private
@require_POST
@login_required
def queue_finish(request, date_pk, ticket_pk):
    office_date = _office_date(date_pk)
    if not request.user.has_perm("counselling.use_desk", office_date.office_hours.service):
        raise PermissionDenied
    ticket = get_object_or_404(
        WalkInTicket.objects.select_related("office_hours_date__office_hours__service"),
        pk=ticket_pk,
        office_hours_date=office_date,
    )
    try:
        services.finish_ticket(
            ticket=ticket, status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Number %(number)s is done.") % {"number": ticket.number})
    return redirect("counselling:queue", date_pk=office_date.pk)


def _screen_context(office_date):
    by_status = selectors.queue(office_date)
    return {
        "office_date": office_date,
        "called": by_status[TicketStatus.CALLED][:SCREEN_CALLED],
        "waiting_count": len(by_status[TicketStatus.WAITING]),
    }


@never_cache
def waiting_screen(request, date_pk):
    """Public: numbers only, never a topic, a language or anything else about a person."""
    office_date = _office_date(date_pk)
    return render(request, "counselling/queue/waiting_screen.html", _screen_context(office_date))


@never_cache
def waiting_screen_partial(request, date_pk):
    office_date = _office_date(date_pk)
    return render(request, "counselling/queue/_screen.html", _screen_context(office_date))


urlpatterns = [
    path("front-desk/", front_desk, name="front-desk"),
    path("front-desk/ticket/<int:pk>/", front_desk_ticket, name="front-desk-ticket"),
    path("desk/queue/<int:date_pk>/", queue, name="queue"),
    path("desk/queue/<int:date_pk>/call/", queue_call_next, name="queue-call-next"),
    path(
        "desk/queue/<int:date_pk>/ticket/<int:ticket_pk>/finish/",
        queue_finish,
        name="queue-finish",
    ),
    path("waiting/<int:date_pk>/", waiting_screen, name="waiting-screen"),
    path("waiting/<int:date_pk>/screen/", waiting_screen_partial, name="waiting-screen-partial"),
]
