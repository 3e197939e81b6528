"""The semester planner's pages, for centre staff: the rounds, one round with its requests
and the proposal (a week grid per weekday, what could not be placed and why), what one request
needs, moving one placement by hand, and applying the round. Every write goes through
rooms.planner.services."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core.recurrence import centre_today
from teilhabe.rooms.selectors import rooms_of_the_house

from ..planner import services
from ..planner.forms import (
    PlacementForm,
    RequestForm,
    RoundForm,
    WindowFormSet,
    window_initial,
)
from ..planner.models import PlanningPlacement, PlanningRequest, PlanningRound, RoundStatus
from ..planner.sources import planning_sources


def _ensure_planner(request) -> None:
    if not request.user.has_perm("rooms.plan_semester"):
        raise PermissionDenied


def _round(request, pk) -> PlanningRound:
    _ensure_planner(request)
    return get_object_or_404(PlanningRound, pk=pk)


def _add_service_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _tell_error(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _round_url(round: PlanningRound, anchor: str = "") -> str:
    url = reverse("rooms:planner-round", args=[round.pk])
    return f"{url}#{anchor}" if anchor else url


# --- rounds ----------------------------------------------------------------------------------


@login_required
def round_list(request):
    _ensure_planner(request)
    name, starts_on, ends_on = services.next_semester(centre_today())
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial={"name": name, "starts_on": starts_on, "ends_on": ends_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            round = services.create_round(
                name=form.cleaned_data["name"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                by=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The round has been created. Now collect the requests."))
            return redirect("rooms:planner-round", pk=round.pk)
    return render(
        request,
        "rooms/planner/round_list.html",
        {"rounds": services.rounds_for_list(), "form": form},
    )


def _status_context(round: PlanningRound) -> dict:
    stats = round.stats or {}
    started = stats.get("started_at")
    elapsed = None
    if started and services.is_solving(round):
        elapsed = int((timezone.now() - datetime.fromisoformat(started)).total_seconds())
    return {
        "round": round,
        "stats": stats,
        "is_solving": services.is_solving(round),
        "elapsed_seconds": elapsed,
        "time_limit_seconds": stats.get("time_limit_s") or services.TIME_LIMIT_SECONDS,
    }


@login_required
def round_detail(request, pk):
    round = _round(request, pk)
    if request.method == "POST":
        return _round_action(request, round)
    if request.htmx and request.GET.get("part") == "status":
        # The page polls while a worker solves; once it is done the whole page reloads.
        response = render(request, "rooms/planner/_progress.html", _status_context(round))
        if not services.is_solving(round):
            response["HX-Refresh"] = "true"
        return response
    requests = services.requests_of_round(round)
    rooms = list(rooms_of_the_house())
    rows = [_request_row(r) for r in requests]
    unplaced = [
        (row["request"], p, services.reason_text(p), _blocking_titles(p, requests))
        for row in rows
        if (p := row["placement"]) is not None and not p.room_id
    ]
    return render(
        request,
        "rooms/planner/round_detail.html",
        {
            **_status_context(round),
            "rows": rows,
            "unplaced": unplaced,
            "has_proposal": any(row["placement"] is not None for row in rows),
            "grid": services.week_grid(requests, rooms),
            "sources": planning_sources(),
            "can_change": round.status != RoundStatus.APPLIED,
            "can_apply": round.status == RoundStatus.SOLVED,
        },
    )


def _weekday_name(weekday) -> str:
    return str(WEEKDAYS[weekday]) if weekday is not None else ""


def _window_text(window: dict) -> str:
    return (
        f"{WEEKDAYS_ABBR[int(window['weekday'])]} {window['start']}–{window['end']} "
        f"({window.get('preference', 0)})"
    )


def _request_row(planning_request: PlanningRequest) -> dict:
    placement = services.placement_of(planning_request)
    return {
        "request": planning_request,
        "placement": placement,
        "windows": [_window_text(w) for w in planning_request.windows],
        "weekday": WEEKDAYS_ABBR[placement.weekday] if placement and placement.room_id else "",
    }


def _blocking_titles(placement: PlanningPlacement, requests) -> list[str]:
    by_id = {r.pk: r.title for r in requests}
    titles = (by_id.get(i) for i in placement.blocking or [])
    own = by_id.get(placement.request_id)
    return [title for title in dict.fromkeys(titles) if title and title != own]


def _round_action(request, round: PlanningRound):
    action = request.POST.get("action", "")
    try:
        if action == "collect":
            added = services.collect_requests(
                round=round, by=request.user, source_key=request.POST.get("source") or None
            )
            messages.success(
                request,
                _("%(count)s requests have been added.") % {"count": added}
                if added
                else _("There was nothing new to add."),
            )
            return redirect(_round_url(round, "requests"))
        if action == "solve":
            solver = request.POST.get("solver") or "cp-sat"
            if services.request_solving(round=round, by=request.user, solver=solver):
                messages.success(request, _("The planner has made a proposal."))
                return redirect(_round_url(round, "proposal"))
            messages.info(
                request, _("The planner is working on it. This page shows the proposal when done.")
            )
            return redirect(_round_url(round))
    except ValidationError as error:
        _tell_error(request, error)
        return redirect(_round_url(round))
    messages.error(request, _("Please choose one of the buttons."))
    return redirect(_round_url(round))


# --- requests ----------------------------------------------------------------------------------


def _request_form(request, round: PlanningRound, planning_request: PlanningRequest):
    posted = request.POST if request.method == "POST" else None
    form = RequestForm(posted, instance=planning_request)
    windows = WindowFormSet(
        posted, prefix="windows", initial=window_initial(planning_request.windows)
    )
    if request.method == "POST" and request.POST.get("action") == "delete" and planning_request.pk:
        try:
            services.delete_request(request=planning_request, by=request.user)
        except ValidationError as error:
            _tell_error(request, error)
        else:
            messages.success(request, _("The request has been removed from the round."))
        return redirect(_round_url(round, "requests"))
    if request.method == "POST" and form.is_valid() and windows.is_valid():
        planning_request = form.instance
        planning_request.windows = windows.windows()
        try:
            services.save_request(
                request=planning_request,
                by=request.user,
                equipment=list(form.cleaned_data["equipment"]),
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The request has been saved."))
            return redirect(_round_url(round, "requests"))
    return render(
        request,
        "rooms/planner/request_form.html",
        {
            "round": round,
            "planning_request": planning_request,
            "form": form,
            "windows": windows,
            "previous_weekday": _weekday_name(planning_request.previous_weekday),
            "can_change": round.status != RoundStatus.APPLIED,
        },
    )


@login_required
def request_edit(request, pk, request_pk):
    round = _round(request, pk)
    planning_request = get_object_or_404(
        PlanningRequest.objects.select_related("association", "previous_room"),
        pk=request_pk,
        round=round,
    )
    return _request_form(request, round, planning_request)


@login_required
def request_create(request, pk):
    round = _round(request, pk)
    return _request_form(request, round, PlanningRequest(round=round, duration_minutes=90))


# --- placements -------------------------------------------------------------------------------


@login_required
def placement_edit(request, pk, placement_pk):
    round = _round(request, pk)
    placement = get_object_or_404(
        PlanningPlacement.objects.select_related("request", "room"),
        pk=placement_pk,
        request__round=round,
    )
    initial = {"room": placement.room, "weekday": placement.weekday, "start": placement.start_time}
    form = PlacementForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_placement(
                placement=placement,
                room=form.cleaned_data["room"],
                weekday=form.cleaned_data["weekday"],
                start=form.cleaned_data["start"],
                by=request.user,
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” has been moved.") % {"title": placement.request.title},
            )
            return redirect(_round_url(round, "proposal"))
    return render(
        request,
        "rooms/planner/placement_form.html",
        {
            "round": round,
            "placement": placement,
            "planning_request": placement.request,
            "reason": services.reason_text(placement) if not placement.room_id else "",
            "weekday": _weekday_name(placement.weekday),
            "form": form,
            "can_change": round.status == RoundStatus.SOLVED,
        },
    )


# --- applying ---------------------------------------------------------------------------------


@login_required
@require_POST
def round_apply(request, pk):
    round = _round(request, pk)
    try:
        count = services.apply_round(round=round, by=request.user)
    except ValidationError as error:
        _tell_error(request, error)
    else:
        messages.success(
            request,
            _("The round has been applied: %(count)s weekly dates are now booked.")
            % {"count": count},
        )
    return redirect(_round_url(round))


urlpatterns = [
    path("planner/", round_list, name="planner"),
    path("planner/<int:pk>/", round_detail, name="planner-round"),
    path("planner/<int:pk>/requests/new/", request_create, name="planner-request-create"),
    path("planner/<int:pk>/requests/<int:request_pk>/", request_edit, name="planner-request"),
    path(
        "planner/<int:pk>/placements/<int:placement_pk>/",
        placement_edit,
        name="planner-placement",
    ),
    path("planner/<int:pk>/apply/", round_apply, name="planner-apply"),
]
