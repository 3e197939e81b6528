"""The hosts' pages: the offers a person may change, an offer's form, its schedules with their
exceptions and upcoming dates, and its status (draft, published, archived).

Association admins change the offers their association leads and see the ones it co-hosts;
centre staff change all. Every write goes through the services."""

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    Prefetch,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.core.recurrence import centre_today
from teilhabe.core.translations import translated
from teilhabe.rooms.models import Room
from teilhabe.rooms.selectors import closures_between

from .. import selectors, services
from ..models import Offer, OfferStatus, RegistrationMode, Schedule, ScheduleException, Session
from ..offer_forms import (
    ExceptionForm,
    OfferForm,
    OfferStatusForm,
    ScheduleForm,
    schedule_in_words,
)

OFFERS_PER_PAGE = 50
DATES_SHOWN = 30


# --- reads (candidates for selectors.py) -------------------------------------------------------


def _schedules_of(offer: Offer) -> list[Schedule]:
    return list(
        offer.schedules.select_related("room").prefetch_related(
            Prefetch("exceptions", queryset=ScheduleException.objects.select_related("moved_room"))
        )
    )


@dataclass(frozen=True)
class DateRow:
    """One upcoming date as the schedule page lists it: stored (published offers) or planned
    (drafts, which have no sessions yet)."""

    starts_at: datetime
    ends_at: datetime
    room: Room | None
    is_cancelled: bool
    is_moved: bool
    note: str
    schedule_id: int | None
    rule_day: date
    can_be_changed: bool


def _upcoming_dates(offer: Offer, schedules: list[Schedule]) -> tuple[list[DateRow], bool]:
    """The next dates (cancelled ones included) and whether there are more."""
    changed = {(s.pk, e.day) for s in schedules for e in s.exceptions.all()}

    def row(starts_at, ends_at, room, cancelled, moved, note, schedule_id, rule_day):
        return DateRow(
            starts_at,
            ends_at,
            room,
            cancelled,
            moved,
            note,
            schedule_id,
            rule_day,
            schedule_id is not None and (schedule_id, rule_day) not in changed,
        )

    if offer.status == OfferStatus.PUBLISHED:
        sessions = list(
            Session.objects.filter(offer=offer, ends_at__gte=timezone.now())
            .select_related("room")
            .order_by("starts_at")[: DATES_SHOWN + 1]
        )
        rows = [
            row(
                s.starts_at,
                s.ends_at,
                s.room,
                s.is_cancelled,
                s.is_moved,
                s.note,
                s.schedule_id,
                s.rule_day,
            )
            for s in sessions
        ]
    else:
        today = centre_today()
        last = today + timedelta(days=settings.PROGRAMME_HORIZON_DAYS)
        closures = closures_between(today, last)
        rooms = {room.pk: room for room in Room.objects.all()}
        rows = sorted(
            (
                row(
                    p.starts_at,
                    p.ends_at,
                    rooms.get(p.room_id),
                    p.is_cancelled,
                    p.is_moved,
                    p.note,
                    schedule.pk,
                    p.rule_day,
                )
                for schedule in schedules
                for p in services.planned_sessions(schedule, today, last, closures)
                if p.ends_at >= timezone.now()
            ),
            key=lambda r: r.starts_at,
        )
    return rows[:DATES_SHOWN], len(rows) > DATES_SHOWN


# --- helpers -----------------------------------------------------------------------------------


def _offer_to_change(request, slug: str) -> Offer:
    offer = get_object_or_404(
        Offer.objects.select_related("category", "lead_association"), slug=slug
    )
    if not request.user.has_perm("programme.change_offer", offer):
        raise PermissionDenied
    return offer


def _add_service_error(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target if target != NON_FIELD_ERRORS else None, item)
    else:
        form.add_error(None, error)


def _posted(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _status_context(offer: Offer) -> dict:
    """The status box: the current status and the changes possible from it."""
    actions = {
        OfferStatus.DRAFT: [
            (OfferStatus.PUBLISHED, _("Publish"), "btn-primary"),
            (OfferStatus.ARCHIVED, _("Archive"), "btn-outline-secondary"),
        ],
        OfferStatus.PUBLISHED: [
            (OfferStatus.DRAFT, _("Back to draft"), "btn-outline-secondary"),
            (OfferStatus.ARCHIVED, _("Archive"), "btn-outline-secondary"),
        ],
        OfferStatus.ARCHIVED: [
            (OfferStatus.PUBLISHED, _("Publish again"), "btn-primary"),
            (OfferStatus.DRAFT, _("Back to draft"), "btn-outline-secondary"),
        ],
    }
    return {"status_actions": actions.get(offer.status, [])}


# --- views -------------------------------------------------------------------------------------


@login_required
def my_offers(request):
    if not request.user.has_perm("programme.add_offer"):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in OfferStatus.values:
        status = ""
    page = Paginator(
        selectors.offers_managed_by(request.user, status=status), OFFERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/manage/offer_list.html",
        {
            "page": page,
            "offers": page.object_list,
            "status": status,
            "statuses": OfferStatus.choices,
            "is_staff": is_centre_staff(request.user),
            "no_registration": RegistrationMode.NONE,
        },
    )


@login_required
def offer_create(request):
    if not request.user.has_perm("programme.add_offer"):
        raise PermissionDenied
    form = OfferForm(*_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.save_offer(
                offer=form.instance, by=request.user, co_hosts=form.cleaned_data["co_hosts"]
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request, _("The offer has been saved as a draft. Now add when it takes place.")
            )
            return redirect("programme:offer-schedule", slug=offer.slug)
    return render(request, "programme/manage/offer_form.html", {"form": form, "offer": None})


@login_required
def offer_edit(request, slug):
    offer = _offer_to_change(request, slug)
    heading = translated(offer, "title")  # as stored, whatever the form puts on the instance
    form = OfferForm(*_posted(request), instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_offer(
                offer=offer, by=request.user, co_hosts=form.cleaned_data["co_hosts"]
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("programme:offer-edit", slug=offer.slug)
    return render(
        request,
        "programme/manage/offer_form.html",
        {"form": form, "offer": offer, "heading": heading, **_status_context(offer)},
    )


@login_required
def offer_schedule(request, slug):
    offer = _offer_to_change(request, slug)
    schedules = _schedules_of(offer)
    schedule_form = ScheduleForm(prefix="schedule", offer=offer)
    exception_form = ExceptionForm(
        prefix="exception",
        offer=offer,
        schedules=schedules,
        initial=_exception_initial(request.GET, schedules),
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "add-schedule":
        schedule_form = ScheduleForm(request.POST, prefix="schedule", offer=offer)
        if schedule_form.is_valid():
            try:
                services.save_schedule(schedule=schedule_form.instance, by=request.user)
            except ValidationError as error:
                _add_service_error(schedule_form, error)
            else:
                messages.success(request, _published_hint(offer, _("The schedule has been added.")))
                return redirect(reverse("programme:offer-schedule", args=[offer.slug]) + "#dates")
    elif action == "add-exception":
        exception_form = ExceptionForm(
            request.POST, prefix="exception", offer=offer, schedules=schedules
        )
        if exception_form.is_valid():
            try:
                services.add_schedule_exception(exception=exception_form.instance, by=request.user)
            except ValidationError as error:
                _add_service_error(exception_form, error)
            else:
                messages.success(request, _("The change of date has been saved."))
                return redirect(reverse("programme:offer-schedule", args=[offer.slug]) + "#dates")
    dates, more_dates = _upcoming_dates(offer, schedules)
    return render(
        request,
        "programme/manage/offer_schedule.html",
        {
            "offer": offer,
            "schedules": [(schedule, schedule_in_words(schedule)) for schedule in schedules],
            "schedule_form": schedule_form,
            "exception_form": exception_form,
            "dates": dates,
            "more_dates": more_dates,
            "is_preview": offer.status != OfferStatus.PUBLISHED,
            **_status_context(offer),
        },
    )


def _exception_initial(query, schedules: list[Schedule]) -> dict:
    """The "cancel or move" link of a listed date fills in its schedule and day."""
    initial = {}
    if query.get("schedule", "").isdigit() and int(query["schedule"]) in {s.pk for s in schedules}:
        initial["schedule"] = int(query["schedule"])
    with contextlib.suppress(ValueError):
        initial["day"] = date.fromisoformat(query.get("day", ""))
    return initial


def _published_hint(offer: Offer, message: str) -> str:
    if offer.status == OfferStatus.PUBLISHED:
        return message
    return message + " " + _("Its dates appear in the programme once the offer is published.")


@login_required
@require_POST
def offer_status(request, slug):
    offer = _offer_to_change(request, slug)
    form = OfferStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the buttons."))
    else:
        status = form.cleaned_data["status"]
        try:
            services.set_offer_status(offer=offer, status=status, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _tell_status(request, offer, status)
    return redirect(
        _safe_next(request) or reverse("programme:offer-edit", kwargs={"slug": offer.slug})
    )


def _tell_status(request, offer: Offer, status: str) -> None:
    if status == OfferStatus.PUBLISHED:
        if offer.schedules.exists():
            messages.success(request, _("The offer is published: it is in the programme now."))
        else:
            messages.warning(
                request,
                _("The offer is published, but it has no dates yet. Please add a schedule."),
            )
    elif status == OfferStatus.DRAFT:
        messages.success(request, _("The offer is a draft again: the public no longer sees it."))
    else:
        messages.success(request, _("The offer is archived: the public no longer sees it."))
