"""The semester planner's data: what goes in (a `Problem`) and what comes out (a `Solution`).

Pure Python, no Django: the rooms app turns its models into these objects, calls
`solve_cpsat` (or `solve_greedy`), checks the answer with `check.violations` and applies it.

Conventions the solvers, the checker and the explanations share:

- Times are wall-clock times of the centre on a weekday (0 = Monday … 6 = Sunday); a session
  never crosses midnight. An end of 00:00 (a window's, an opening range's or a fixed booking's)
  means midnight at the end of the day.
- An offer is placed in one of its `windows`: it starts at or after the window's start and ends
  at or before its end, and lies inside one range of the opening hours. Without windows it may
  take place whenever the house is open (preference 0). Without opening hours (an empty
  mapping) the house counts as always open, as in `rooms.selectors`.
- Starts lie on the slot grid (multiples of `slot_minutes` from midnight), at a window's start,
  or at last semester's start (so an offer that ran at 08:15 can stay there).
- A room's `buffer_minutes` (set-up and clean-up) are held free before and after every booking
  of it, planned or fixed, as the database's exclusion constraint does: two bookings of a room
  with a 15-minute buffer need 30 minutes between them. `Blocked` holds a fixed booking's own
  start and end; the planner adds the room's buffer.
- Fixed bookings of rooms that are not in the problem are ignored.
- `persons` are the people who must not be in two places at once (course leaders, volunteers):
  two offers sharing a person never overlap in time, in whichever rooms.
- `building`, when set, is a hard restriction: only rooms of that building are considered.
- Preference score of a placement = the best preference (0–10) of the windows it lies in, plus
  a bonus for keeping last semester's slot and room (`KEEP_SLOT_BONUS`, `KEEP_ROOM_BONUS`,
  both for an offer that stays exactly where it was). Placing an offer always outweighs any
  preferences: the solvers maximise the number of placed offers first, then the score.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import time
from functools import cached_property

# Stickiness: same weekday and start as last semester, and/or the same room.
KEEP_SLOT_BONUS = 3
KEEP_ROOM_BONUS = 2

REASON_CODES = (
    "capacity",  # no room is big enough
    "equipment",  # no room big enough has the equipment
    "step_free",  # no room that fits otherwise is step-free
    "opening_hours",  # no window (long enough) inside the opening hours
    "fixed_bookings",  # every fitting room is taken by fixed bookings at every possible time
    "person_clash",  # its people are busy in other placed offers at every possible time
    "competition",  # rooms and times exist, but other placed offers took them
)

SOLVERS = ("cp-sat", "greedy")

RoomId = Hashable
RequestId = Hashable

# weekday (0 = Monday) → opening ranges (opens, closes); a weekday missing means closed that
# day, an empty mapping means always open. `rooms.selectors.opening_hours_by_weekday()` fits.
OpeningTimes = Mapping[int, Sequence[tuple[time, time]]]


def minutes(moment: time, *, is_end: bool = False) -> int:
    """Minutes since midnight; an end at 00:00 is midnight at the end of the day (1440)."""
    value = moment.hour * 60 + moment.minute
    return 1440 if is_end and value == 0 else value


def clock(value: int) -> time:
    """The time of day for minutes since midnight (1440 → 00:00)."""
    value %= 1440
    return time(value // 60, value % 60)


def _check_weekday(weekday: int, what: str) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError(f"{what}: weekday must be 0–6, not {weekday!r}")


@dataclass(frozen=True)
class PlannerRoom:
    id: RoomId
    name: str
    capacity: int
    equipment: frozenset[str] = frozenset()
    step_free: bool = False
    building: str = ""
    buffer_minutes: int = 0  # set-up and clean-up time kept free around every booking

    def __post_init__(self):
        object.__setattr__(self, "equipment", frozenset(self.equipment))
        if self.capacity < 0 or self.buffer_minutes < 0:
            raise ValueError(f"room {self.id!r}: capacity and buffer must not be negative")


@dataclass(frozen=True)
class TimeWindow:
    weekday: int
    start: time
    end: time
    preference: int = 10  # 0–10, higher is better

    def __post_init__(self):
        _check_weekday(self.weekday, "time window")
        if not 0 <= self.preference <= 10:
            raise ValueError(f"time window: preference must be 0–10, not {self.preference!r}")
        if minutes(self.end, is_end=True) <= minutes(self.start):
            raise ValueError(f"time window: {self.end} is not after {self.start}")


@dataclass(frozen=True)
class PlannerRequest:
    id: RequestId
    title: str
    participants: int
    duration_minutes: int
    equipment: frozenset[str] = frozenset()
    needs_step_free: bool = False
    windows: tuple[TimeWindow, ...] = ()
    persons: frozenset[str] = frozenset()
    previous: tuple[RoomId, int, time] | None = None  # last semester's room, weekday, start
    building: str = ""  # only rooms of this building; empty: any

    def __post_init__(self):
        object.__setattr__(self, "equipment", frozenset(self.equipment))
        object.__setattr__(self, "persons", frozenset(self.persons))
        object.__setattr__(self, "windows", tuple(self.windows))
        if self.previous is not None:
            object.__setattr__(self, "previous", tuple(self.previous))
            _check_weekday(self.previous[1], f"request {self.id!r}: previous")
        if not 0 < self.duration_minutes <= 1440:
            raise ValueError(f"request {self.id!r}: duration must be 1–1440 minutes")
        if self.participants < 0:
            raise ValueError(f"request {self.id!r}: participants must not be negative")


@dataclass(frozen=True)
class Blocked:
    """A fixed weekly booking of a room (its own times; the room's buffer is added)."""

    room_id: RoomId
    weekday: int
    start: time
    end: time

    def __post_init__(self):
        _check_weekday(self.weekday, "fixed booking")
        if minutes(self.end, is_end=True) <= minutes(self.start):
            raise ValueError(f"fixed booking: {self.end} is not after {self.start}")


@dataclass(frozen=True)
class Problem:
    rooms: tuple[PlannerRoom, ...]
    requests: tuple[PlannerRequest, ...]
    blocked: tuple[Blocked, ...] = ()
    opening: OpeningTimes = field(default_factory=dict)
    slot_minutes: int = 30

    def __post_init__(self):
        object.__setattr__(self, "rooms", tuple(self.rooms))
        object.__setattr__(self, "requests", tuple(self.requests))
        object.__setattr__(self, "blocked", tuple(self.blocked))
        opening = {}
        for weekday, ranges in (self.opening or {}).items():
            _check_weekday(weekday, "opening hours")
            opening[weekday] = tuple((opens, closes) for opens, closes in ranges)
        object.__setattr__(self, "opening", opening)
        if not 1 <= self.slot_minutes <= 1440:
            raise ValueError("slot_minutes must be 1–1440")
        if len(self.rooms_by_id) != len(self.rooms):
            raise ValueError("room ids must be unique")
        if len(self.requests_by_id) != len(self.requests):
            raise ValueError("request ids must be unique")

    @cached_property
    def rooms_by_id(self) -> dict[RoomId, PlannerRoom]:
        return {room.id: room for room in self.rooms}

    @cached_property
    def requests_by_id(self) -> dict[RequestId, PlannerRequest]:
        return {request.id: request for request in self.requests}

    def end_of(self, placement: Placement) -> time:
        """When a placed offer ends."""
        request = self.requests_by_id[placement.request_id]
        return clock(minutes(placement.start) + request.duration_minutes)


@dataclass(frozen=True)
class Placement:
    request_id: RequestId
    room_id: RoomId
    weekday: int
    start: time


@dataclass(frozen=True)
class Unplaced:
    request_id: RequestId
    reason_code: str  # one of REASON_CODES
    reason: str  # plain English, short, for people
    blocking: tuple[RequestId, ...] = ()  # placed offers that compete for its rooms or people


@dataclass(frozen=True)
class Solution:
    """A weekly plan. `score` is the preference score of the placements (not counting the weight
    for placing). `bound` is a proven upper bound on the score of any plan that places as many
    offers (None when unknown, or when more offers might fit: `placed_bound` > placed);
    `placed_bound` a proven upper bound on the number of offers any plan can place. Both hold
    for the candidates the solver considered (all of them unless it was told to prune)."""

    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    score: int
    bound: float | None
    is_optimal: bool
    solve_seconds: float
    solver: str  # "cp-sat" | "greedy"
    placed_bound: int | None = None
    status: str = ""  # the solver's own words, e.g. OPTIMAL, FEASIBLE, "3 parts"

    @property
    def placed(self) -> int:
        return len(self.placements)

    @property
    def gap(self) -> float | None:
        """(bound − score) / bound, 0 when proven optimal; None without a bound."""
        if self.bound is None:
            return None
        return max(0.0, (self.bound - self.score) / self.bound) if self.bound > 0 else 0.0

    def placement_for(self, request_id: RequestId) -> Placement | None:
        return next((p for p in self.placements if p.request_id == request_id), None)


def explain_unplaced(
    problem: Problem, request_id: RequestId, placements: Sequence[Placement]
) -> Unplaced:
    """Why an offer is not in a plan made of `placements`: the first constraint that rules out
    every room and time (capacity, equipment, step-free access, opening hours, fixed bookings),
    else the placed offers whose rooms or people take every remaining option. If some room and
    time is still free, the reason is "competition" with nothing blocking and says so."""
    from .candidates import CandidateFinder, Occupancy, explain

    finder = CandidateFinder(problem)
    occupancy = Occupancy.of(problem, [p for p in placements if p.request_id != request_id])
    result, _free = explain(finder, occupancy, problem.requests_by_id[request_id])
    return result
