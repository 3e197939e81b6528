"""Every write of the semester planner, and the reads its pages need.

A round goes draft → solved → applied. Staff collect the requests (from every registered
source, see sources.py) and edit them; solving turns the database into a pure `Problem`, runs
the solver (CP-SAT, or the greedy baseline) and stores its placements and the reasons for
what it could not place; staff move single placements by hand (checked by the same
`violations` the solver's tests use) and apply the round, which makes every placement real in
one transaction: all of them or none."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.outbox import send_after_commit
from teilhabe.core.recurrence import Recurrence, local_datetime

from .. import selectors as room_selectors
from .. import services as room_services
from ..models import Booking, BookingKind, Equipment, Room
from .check import violations
from .models import PlanningPlacement, PlanningRequest, PlanningRound, RoundStatus
from .problem import (
    Blocked,
    Placement,
    PlannerRequest,
    PlannerRoom,
    Problem,
    Solution,
    TimeWindow,
)
from .sources import planning_source, planning_sources

SLOT_MINUTES = 30
DEFAULT_OPENING = (time(8, 0), time(22, 0))
# Bookings in the round's first weeks stand for the weekly use the planner must leave free.
BLOCKED_FROM_WEEKS = 2
# Rounds with more requests than this are solved by a Celery worker; the page polls.
BACKGROUND_FROM_REQUESTS = getattr(settings, "PLANNER_BACKGROUND_FROM_REQUESTS", 40)
TIME_LIMIT_SECONDS = getattr(settings, "PLANNER_TIME_LIMIT_SECONDS", 30)
# A "solving" round whose worker has not reported after this long may be solved again.
STALE_SOLVING = timedelta(minutes=15)
SOLVERS = ("cp-sat", "greedy")


NOT_PLANNED = "not_planned"
# The solver explains in plain English; people read these, by reason code.
REASON_TEXTS = {
    "capacity": gettext_lazy("No room is big enough."),
    "equipment": gettext_lazy("No room that is big enough has the equipment needed."),
    "step_free": gettext_lazy("No room that fits otherwise has step-free access."),
    "opening_hours": gettext_lazy("None of its time windows lies within the opening hours."),
    "fixed_bookings": gettext_lazy("Every room that fits is booked at every possible time."),
    "person_clash": gettext_lazy("Its people are busy with other offers at every possible time."),
    "competition": gettext_lazy("Other offers took the rooms and times it could have had."),
    NOT_PLANNED: gettext_lazy("Added after the planner ran: plan again or place it by hand."),
}


def reason_text(placement) -> str:
    return str(REASON_TEXTS.get(placement.reason_code, placement.reason))


def _ensure(user) -> None:
    if not user.has_perm("rooms.plan_semester"):
        raise PermissionDenied(_("You are not allowed to do this."))


def _ensure_changeable(round: PlanningRound) -> None:
    if round.status == RoundStatus.APPLIED:
        raise ValidationError(_("This round has been applied and can no longer be changed."))


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def end_time(start: time, duration_minutes: int) -> time:
    """The end of a weekly date; never past midnight (the house closes before)."""
    minutes = min(_minutes(start) + duration_minutes, 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


def _person_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


# --- rounds and requests -----------------------------------------------------------------------


def next_semester(today: date) -> tuple[str, date, date]:
    """The coming semester after `today`: summer (1 March – 31 July) or winter
    (1 September – 28/29 February)."""
    if today < date(today.year, 3, 1):
        year = today.year
        return _("Summer semester %(year)s") % {"year": year}, date(year, 3, 1), date(year, 7, 31)
    if today < date(today.year, 9, 1):
        year = today.year
        end = date(year + 1, 3, 1) - timedelta(days=1)
        return (
            _("Winter semester %(year)s/%(next)s") % {"year": year, "next": str(year + 1)[2:]},
            date(year, 9, 1),
            end,
        )
    year = today.year + 1
    return _("Summer semester %(year)s") % {"year": year}, date(year, 3, 1), date(year, 7, 31)


@transaction.atomic
def create_round(*, name: str, starts_on: date, ends_on: date, by) -> PlanningRound:
    _ensure(by)
    round = PlanningRound(
        name=name, starts_on=starts_on, ends_on=ends_on, created_by=by if by.pk else None
    )
    if ends_on <= starts_on:
        raise ValidationError(_("The last day must be after the first day."))
    if (ends_on - starts_on).days > 366:
        raise ValidationError(_("A round covers at most one year."))
    round.full_clean()
    round.save()
    return round


def _proposal_outdated(round: PlanningRound, new_requests=()) -> None:
    """The requests changed since the planner ran. The proposal stays (with the changes made by
    hand); applying checks it against the requests as they are now. New requests get an empty
    placement, to be placed by hand or by solving again."""
    if round.status != RoundStatus.SOLVED:
        return
    PlanningPlacement.objects.bulk_create(
        PlanningPlacement(request=request, reason_code=NOT_PLANNED) for request in new_requests
    )
    if not round.stats.get("is_outdated"):
        round.stats = {**round.stats, "is_outdated": True}
        round.save(update_fields=["stats"])


@transaction.atomic
def save_request(
    *, request: PlanningRequest, by, equipment: list[Equipment] | None = None
) -> PlanningRequest:
    """Create or change a request (the form has put its values on the instance)."""
    _ensure(by)
    round = PlanningRound.objects.select_for_update().get(pk=request.round_id)
    _ensure_changeable(round)
    request.persons = [" ".join(p.split()) for p in request.persons if p and p.strip()]
    is_new = request.pk is None
    request.full_clean()
    request.save()
    if equipment is not None:
        request.equipment.set(equipment)
    _proposal_outdated(round, [request] if is_new else [])
    return request


@transaction.atomic
def delete_request(*, request: PlanningRequest, by) -> None:
    _ensure(by)
    round = PlanningRound.objects.select_for_update().get(pk=request.round_id)
    _ensure_changeable(round)
    request.delete()
    _proposal_outdated(round)


_REQUEST_FIELDS = {
    "title",
    "association",
    "association_id",
    "participants",
    "duration_minutes",
    "needs_step_free",
    "windows",
    "persons",
    "previous_room",
    "previous_room_id",
    "previous_weekday",
    "previous_start",
    "source_id",
}


@transaction.atomic
def collect_requests(*, round: PlanningRound, by, source_key: str | None = None) -> int:
    """Ask every registered source (or the one named) for its requests and add those the
    round does not have yet; requests already there keep the changes staff made. Returns how
    many were added."""
    _ensure(by)
    round = PlanningRound.objects.select_for_update().get(pk=round.pk)
    _ensure_changeable(round)
    if is_solving(round):
        raise ValidationError(_("Please wait until the planner has finished."))
    equipment = {item.slug: item for item in Equipment.objects.all()}
    present = set(
        round.requests.exclude(source="").values_list("source", "source_id", "previous_weekday")
    )
    added = []
    for source in planning_sources():
        if source_key and source.key != source_key:
            continue
        for row in source.collect(round):
            key = (source.key, row.get("source_id"), row.get("previous_weekday"))
            if key in present:
                continue
            present.add(key)
            unknown = set(row) - _REQUEST_FIELDS - {"equipment"}
            if unknown:
                raise ValueError(f"{source.key} gives unknown request fields: {sorted(unknown)}")
            request = PlanningRequest(
                round=round,
                source=source.key,
                **{k: v for k, v in row.items() if k != "equipment"},
            )
            request.title = request.title[:200]
            request.full_clean()
            request.save()
            slugs = row.get("equipment") or ()
            request.equipment.set([equipment[slug] for slug in slugs if slug in equipment])
            added.append(request)
    if added:
        _proposal_outdated(round, added)
    return len(added)


# --- the problem from the database ------------------------------------------------------------


def opening_times() -> dict[int, list[tuple[time, time]]]:
    """The house's opening hours per weekday; 08:00–22:00 every day when none are entered."""
    hours = room_selectors.opening_hours_by_weekday()
    if not hours:
        return {weekday: [DEFAULT_OPENING] for weekday in range(7)}
    return {weekday: sorted(ranges) for weekday, ranges in hours.items() if ranges}


def _planner_room(room: Room) -> PlannerRoom:
    return PlannerRoom(
        id=room.pk,
        name=str(room),
        capacity=room.capacity,
        equipment=frozenset(item.slug for item in room.equipment.all()),
        step_free=room.is_step_free,
        buffer_minutes=room.buffer_minutes,
    )


def _planner_request(request: PlanningRequest) -> PlannerRequest:
    previous = None
    if (
        request.previous_room_id
        and request.previous_weekday is not None
        and request.previous_start is not None
    ):
        previous = (request.previous_room_id, request.previous_weekday, request.previous_start)
    return PlannerRequest(
        id=request.pk,
        title=request.title,
        participants=request.participants,
        duration_minutes=request.duration_minutes,
        equipment=frozenset(item.slug for item in request.equipment.all()),
        needs_step_free=request.needs_step_free,
        windows=tuple(
            TimeWindow(
                weekday=int(w["weekday"]),
                start=time.fromisoformat(w["start"]),
                end=time.fromisoformat(w["end"]),
                preference=int(w.get("preference", 0)),
            )
            for w in request.windows
        ),
        persons=frozenset(_person_key(p) for p in request.persons if p.strip()),
        previous=previous,
    )


def _held_by_sources(round: PlanningRound, requests: list[PlanningRequest]) -> set[int]:
    held: set[int] = set()
    for source in planning_sources():
        own = [r for r in requests if r.source == source.key]
        if own and source.held_bookings:
            held.update(source.held_bookings(round, own))
    return held


def weekly_blocked(round: PlanningRound, requests: list[PlanningRequest]) -> list[Blocked]:
    """What the planner must leave free: every active booking in the round's first two weeks,
    as a weekly interval of its room (its own times; the planner adds the room's buffer) —
    except the bookings that the requests' sources hold now and give up when the round is
    applied (the current sessions of the offers being planned)."""
    first = local_datetime(round.starts_on, time(0))
    last = local_datetime(round.starts_on + timedelta(weeks=BLOCKED_FROM_WEEKS), time(0))
    held = _held_by_sources(round, requests)
    bookings = Booking.objects.filter(
        is_cancelled=False, room__is_active=True, starts_at__lt=last, ends_at__gt=first
    ).values_list("pk", "room_id", "starts_at", "ends_at")
    blocked = set()
    for pk, room_id, starts_at, ends_at in bookings:
        if pk in held:
            continue
        start = timezone.localtime(max(starts_at, first))
        end = timezone.localtime(min(ends_at, last))
        while start < end:
            midnight = local_datetime(start.date() + timedelta(days=1), time(0))
            until = min(end, midnight)
            # An end of 00:00 is midnight at the end of the day (see problem.py).
            end_time_of_day = time(0) if until >= midnight else until.time().replace(second=0)
            start_of_day = start.time().replace(second=0, microsecond=0)
            if end_time_of_day == time(0) or start_of_day < end_time_of_day:
                blocked.add((room_id, start.weekday(), start_of_day, end_time_of_day))
            start = midnight
    return [
        Blocked(room_id, weekday, start, end) for room_id, weekday, start, end in sorted(blocked)
    ]


def _requests_for_problem(round: PlanningRound) -> list[PlanningRequest]:
    return list(round.requests.prefetch_related("equipment").order_by("pk"))


def build_problem(round: PlanningRound, requests: list[PlanningRequest] | None = None) -> Problem:
    """The round as the pure solver sees it: active rooms, requests, weekly blocked intervals
    and opening hours. A fixed number of queries."""
    if requests is None:
        requests = _requests_for_problem(round)
    rooms = Room.objects.filter(is_active=True).prefetch_related("equipment").order_by("pk")
    return Problem(
        rooms=tuple(_planner_room(room) for room in rooms),
        requests=tuple(_planner_request(request) for request in requests),
        blocked=tuple(weekly_blocked(round, requests)),
        opening=opening_times(),
        slot_minutes=SLOT_MINUTES,
    )


def stored_solution(round: PlanningRound) -> Solution:
    """The round's current proposal (with the changes made by hand) as a solver Solution."""
    placements = tuple(
        Placement(p.request_id, p.room_id, p.weekday, p.start_time)
        for p in PlanningPlacement.objects.filter(request__round=round, room__isnull=False)
        .order_by("request_id")
        .only("request_id", "room_id", "weekday", "start_time")
    )
    stats = round.stats or {}
    return Solution(
        placements=placements,
        unplaced=(),
        score=stats.get("score", 0),
        bound=stats.get("bound", 0),
        is_optimal=bool(stats.get("is_optimal")),
        solve_seconds=stats.get("solve_seconds", 0.0),
        solver=stats.get("solver", ""),
    )


# --- solving ------------------------------------------------------------------------------------


def _jsonable(value):
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "__dataclass_fields__"):
        return {name: _jsonable(getattr(value, name)) for name in value.__dataclass_fields__}
    return str(value)


def run_solver(problem: Problem, solver: str = "cp-sat", time_limit_s: float | None = None):
    if solver == "greedy":
        from .greedy import solve_greedy

        return solve_greedy(problem)
    if solver != "cp-sat":
        raise ValidationError(_("Unknown planner."))
    from .cpsat import solve_cpsat

    return solve_cpsat(problem, time_limit_s=time_limit_s or TIME_LIMIT_SECONDS, workers=2)


def solve_round(
    *, round: PlanningRound, by, solver: str = "cp-sat", time_limit_s: float | None = None
) -> Solution:
    """Solve the round now and store the proposal: a placement for every request, placed or
    with the reason why not. Replaces the previous proposal and its changes by hand."""
    _ensure(by)
    _ensure_changeable(round)
    requests = _requests_for_problem(round)
    if not requests:
        raise ValidationError(_("There are no requests to plan yet."))
    problem = build_problem(round, requests)
    solution = run_solver(problem, solver, time_limit_s)
    _store_solution(round, problem, solution)
    return solution


@transaction.atomic
def _store_solution(round: PlanningRound, problem: Problem, solution: Solution) -> None:
    round = PlanningRound.objects.select_for_update().get(pk=round.pk)
    _ensure_changeable(round)
    known = {request.id for request in problem.requests}
    existing = set(round.requests.values_list("pk", flat=True))
    PlanningPlacement.objects.filter(request__round=round).delete()
    rows = [
        PlanningPlacement(
            request_id=p.request_id, room_id=p.room_id, weekday=p.weekday, start_time=p.start
        )
        for p in solution.placements
        if p.request_id in existing
    ]
    rows += [
        PlanningPlacement(
            request_id=u.request_id,
            reason_code=u.reason_code[:50],
            reason=u.reason,
            blocking=_jsonable(u.blocking),
        )
        for u in solution.unplaced
        if u.request_id in existing
    ]
    PlanningPlacement.objects.bulk_create(rows)
    placed = sum(1 for p in solution.placements if p.request_id in existing)
    round.stats = {
        "solver": solution.solver,
        "score": _jsonable(solution.score),
        "bound": _jsonable(solution.bound),
        "is_optimal": bool(solution.is_optimal),
        "placed_bound": _jsonable(getattr(solution, "placed_bound", None)),
        "status": str(getattr(solution, "status", "") or ""),
        "solve_seconds": round_seconds(solution.solve_seconds),
        "requests": len(known),
        "placed": placed,
        "unplaced": len(known) - placed,
        "rooms": len(problem.rooms),
        "blocked": len(problem.blocked),
        "manual_changes": 0,
    }
    round.status = RoundStatus.SOLVED
    round.solved_at = timezone.now()
    round.save(update_fields=["stats", "status", "solved_at"])


def round_seconds(seconds) -> float:
    try:
        return round(float(seconds), 2)
    except (TypeError, ValueError):
        return 0.0


def is_solving(round: PlanningRound) -> bool:
    if round.status != RoundStatus.SOLVING:
        return False
    started = (round.stats or {}).get("started_at")
    if not started:
        return True
    return timezone.now() - datetime.fromisoformat(started) < STALE_SOLVING


def request_solving(*, round: PlanningRound, by, solver: str = "cp-sat") -> bool:
    """Solve now (few requests) or hand the round to a worker (many). True when the proposal
    is ready at once; False when the page should wait for the worker."""
    _ensure(by)
    if solver not in SOLVERS:
        raise ValidationError(_("Unknown planner."))
    with transaction.atomic():
        round = PlanningRound.objects.select_for_update().get(pk=round.pk)
        _ensure_changeable(round)
        if is_solving(round):
            raise ValidationError(_("The planner is already working on this round."))
        count = round.requests.count()
        if not count:
            raise ValidationError(_("There are no requests to plan yet."))
        in_background = count >= BACKGROUND_FROM_REQUESTS
        if in_background:
            round.status = RoundStatus.SOLVING
            round.stats = {
                **{k: v for k, v in (round.stats or {}).items() if k != "error"},
                "started_at": timezone.now().isoformat(),
                "time_limit_s": TIME_LIMIT_SECONDS,
                "requested_solver": solver,
            }
            round.save(update_fields=["status", "stats"])
            from .tasks import solve_round_in_background

            send_after_commit(
                solve_round_in_background, round_id=round.pk, user_id=by.pk, solver=solver
            )
    if in_background:
        return False
    # Solved outside the lock: the solver may take seconds; storing takes the lock again.
    solve_round(round=round, by=by, solver=solver)
    return True


def solving_failed(*, round: PlanningRound, error: str) -> None:
    """The worker could not solve the round: back to draft, with the error for the page."""
    PlanningRound.objects.filter(pk=round.pk, status=RoundStatus.SOLVING).update(
        status=RoundStatus.DRAFT,
        stats={k: v for k, v in (round.stats or {}).items() if k != "started_at"}
        | {"error": error[:500]},
    )


# --- changes by hand -----------------------------------------------------------------------------


@transaction.atomic
def move_placement(
    *, placement: PlanningPlacement, room: Room, weekday: int, start: time, by
) -> PlanningPlacement:
    """Put one request elsewhere by hand (or place one the planner could not). Refused with
    the reasons when the result breaks a rule that the proposal did not break before."""
    _ensure(by)
    round = PlanningRound.objects.select_for_update().get(pk=placement.request.round_id)
    _ensure_changeable(round)
    if round.status != RoundStatus.SOLVED:
        raise ValidationError(_("Please let the planner make a proposal first."))
    if weekday not in range(7):
        raise ValidationError(_("Weekdays must be between Monday and Sunday."))
    if not room.is_active:
        raise ValidationError(_("This room is not in use."))
    start = start.replace(second=0, microsecond=0)
    problem = build_problem(round)
    current = stored_solution(round)
    before = set(violations(problem, current))
    moved = Placement(placement.request_id, room.pk, weekday, start)
    others = tuple(p for p in current.placements if p.request_id != placement.request_id)
    after = violations(problem, replace(current, placements=(*others, moved)))
    new = [problem_text for problem_text in after if problem_text not in before]
    if new:
        raise ValidationError([_("The move is refused:"), *new], code="violates")
    placement.room = room
    placement.weekday = weekday
    placement.start_time = start
    placement.is_manual = True
    placement.reason_code = placement.reason = ""
    placement.blocking = []
    placement.save()
    stats = round.stats or {}
    placed = PlanningPlacement.objects.filter(request__round=round, room__isnull=False).count()
    round.stats = {
        **stats,
        "manual_changes": int(stats.get("manual_changes", 0)) + 1,
        "placed": placed,
        "unplaced": round.requests.count() - placed,
    }
    round.save(update_fields=["stats"])
    return placement


# --- applying ----------------------------------------------------------------------------------


def _apply_as_series(request: PlanningRequest, placement: PlanningPlacement, round, by) -> None:
    """The house's own requests become booking series for the round's period. Days the house
    is closed (holidays) are left out; a date someone else booked meanwhile fails the apply."""
    booking = {
        "room": placement.room,
        "recurrence": Recurrence(
            starts_on=round.starts_on,
            start_time=placement.start_time,
            end_time=end_time(placement.start_time, request.duration_minutes),
            weekdays=(placement.weekday,),
            until=round.ends_on,
        ),
        "purpose": request.title,
        "association": request.association,
        "by": by,
        "kind": BookingKind.PLANNER,
    }
    try:
        room_services.book_series(**booking)
    except room_services.SeriesConflict as conflict:
        if conflict.conflicts:
            raise
        room_services.book_series(**booking, skip_conflicts=True)


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@transaction.atomic
def apply_round(*, round: PlanningRound, by) -> int:
    """Make every placement real — the programme's schedules, booking series for the
    house's own requests — in one transaction: when one fails, nothing is changed. Returns
    the number of placements applied."""
    _ensure(by)
    round = PlanningRound.objects.select_for_update().get(pk=round.pk)
    _ensure_changeable(round)
    if round.status != RoundStatus.SOLVED:
        raise ValidationError(_("Please let the planner make a proposal first."))
    every_request = list(
        round.requests.select_related("placement", "placement__room", "association")
        .prefetch_related("equipment")
        .order_by("pk")
    )
    requests = [r for r in every_request if (p := placement_of(r)) is not None and p.room_id]
    if not requests:
        raise ValidationError(_("The proposal places nothing."))
    unknown = sorted(
        {r.source for r in every_request if r.source and not planning_source(r.source)}
    )
    if unknown:
        raise ValidationError(
            _("Some requests come from a source that is not installed: %(sources)s.")
            % {"sources": ", ".join(unknown)}
        )
    problems = violations(build_problem(round), stored_solution(round))
    if problems:
        raise ValidationError(
            [_("The proposal no longer fits the house. Nothing has been changed.")] + problems,
            code="violates",
        )
    # Every request of a source, placed or not: the round is the semester's plan, and what it
    # does not place gets no room in it.
    for source in planning_sources():
        own = [r for r in every_request if r.source == source.key]
        if own and source.prepare:
            try:
                source.prepare(round, own, by)
            except (ValidationError, PermissionDenied) as error:
                raise ValidationError(
                    _("%(source)s could not be prepared: %(error)s Nothing has been changed.")
                    % {"source": source.label, "error": _error_text(error)}
                ) from error
    for request in requests:
        source = planning_source(request.source) if request.source else None
        apply = source.apply if source else _apply_as_series
        try:
            apply(request, request.placement, round, by)
        except (ValidationError, PermissionDenied) as error:
            raise ValidationError(
                _("“%(title)s” could not be applied: %(error)s Nothing has been changed.")
                % {"title": request.title, "error": _error_text(error)},
                code="apply_failed",
            ) from error
    round.status = RoundStatus.APPLIED
    round.applied_at = timezone.now()
    round.save(update_fields=["status", "applied_at"])
    return len(requests)


# --- reads ---------------------------------------------------------------------------------------


def rounds_for_list() -> QuerySet[PlanningRound]:
    return PlanningRound.objects.annotate(
        request_count=Count("requests", distinct=True),
        placed_count=Count(
            "requests", filter=Q(requests__placement__room__isnull=False), distinct=True
        ),
    ).order_by("-starts_on", "-pk")


def requests_of_round(round: PlanningRound) -> list[PlanningRequest]:
    """The round's requests with everything the round page shows. Three queries."""
    return list(
        round.requests.select_related("association", "previous_room", "placement__room")
        .prefetch_related("equipment")
        .order_by("title", "pk")
    )


def placement_of(request) -> PlanningPlacement | None:
    try:
        return request.placement
    except PlanningPlacement.DoesNotExist:
        return None


@dataclass
class GridCell:
    span: int
    entries: list  # [(request, placement)]


@dataclass
class GridRow:
    room: Room
    cells: list[GridCell]


@dataclass
class GridDay:
    weekday: int
    name: str
    times: list[time]
    rows: list[GridRow]


def week_grid(requests: list[PlanningRequest], rooms: list[Room]) -> list[GridDay]:
    """The proposal as one table per weekday: a row per room, a column per half hour from
    opening to closing; a placed request spans the columns of its time. Pure."""
    hours = opening_times()
    placed: dict[int, list] = {}
    for request in requests:
        placement = placement_of(request)
        if placement is not None and placement.room_id:
            placed.setdefault(placement.weekday, []).append((request, placement))
    days = []
    for weekday in range(7):
        entries = placed.get(weekday, [])
        ranges = hours.get(weekday, [])
        if not entries and not ranges:
            continue
        first = min(
            [_minutes(o) for o, _c in ranges] + [_minutes(p.start_time) for _r, p in entries]
        )
        last = max(
            [_minutes(c) for _o, c in ranges]
            + [_minutes(p.start_time) + r.duration_minutes for r, p in entries]
        )
        first -= first % SLOT_MINUTES
        last = min(last + (-last) % SLOT_MINUTES, 24 * 60)
        slots = range(first, last, SLOT_MINUTES)
        times = [time(m // 60, m % 60) for m in slots]
        rows = []
        for room in rooms:
            in_room = sorted(
                ((r, p) for r, p in entries if p.room_id == room.pk),
                key=lambda item: item[1].start_time,
            )
            rows.append(GridRow(room, _cells(in_room, first, len(times))))
        days.append(GridDay(weekday, str(WEEKDAYS[weekday]), times, rows))
    return days


def _cells(entries, first: int, count: int) -> list[GridCell]:
    """Cells of one room's row: free half hours one by one, placed requests (overlapping
    ones merged, which a valid proposal never has) as one cell across their time."""
    groups: list[list] = []  # [start slot, end slot, entries]
    for request, placement in entries:
        start = max(0, (_minutes(placement.start_time) - first) // SLOT_MINUTES)
        end_minutes = _minutes(placement.start_time) + request.duration_minutes - first
        end = min(count, max(start + 1, -(-end_minutes // SLOT_MINUTES)))
        if groups and start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], end)
            groups[-1][2].append((request, placement))
        else:
            groups.append([start, end, [(request, placement)]])
    cells, position = [], 0
    for start, end, items in groups:
        cells.extend(GridCell(1, []) for _ in range(position, start))
        cells.append(GridCell(end - start, items))
        position = end
    cells.extend(GridCell(1, []) for _ in range(position, count))
    return cells
