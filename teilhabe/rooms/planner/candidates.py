"""Where and when each offer could go: the feasible (room, weekday, start) candidates of every
request, each with its preference score, and the bookkeeping the solvers share (who holds which
room and person when, why an offer found no place, the final touches on a plan).

Internally times are minutes since midnight and rooms and requests are indices into the
problem's tuples: the solvers handle hundreds of thousands of candidates.

Pruning, for scale (both off by default, and deterministic): `rooms_per_start` keeps, for each
start, only the smallest free rooms that fit (ties broken by a fixed hash per offer, so that
offers spread over the city's equally good rooms rather than crowd into the first building);
`limit` keeps the best `limit` candidates. Last semester's room is always kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .problem import (
    KEEP_ROOM_BONUS,
    KEEP_SLOT_BONUS,
    Placement,
    PlannerRequest,
    Problem,
    Unplaced,
    clock,
    minutes,
)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALWAYS_OPEN = ((0, 1440),)


@dataclass(frozen=True, slots=True)
class Candidate:
    request: int  # index into problem.requests
    room: int  # index into problem.rooms
    weekday: int
    start: int  # minutes since midnight
    end: int
    hold_start: int  # start and end with the room's buffer: what no other booking may touch
    hold_end: int
    score: int

    def placement(self, problem: Problem) -> Placement:
        return Placement(
            request_id=problem.requests[self.request].id,
            room_id=problem.rooms[self.room].id,
            weekday=self.weekday,
            start=clock(self.start),
        )


def when(weekday: int, start: int) -> str:
    return f"{WEEKDAYS[weekday]} {clock(start):%H:%M}"


class CandidateFinder:
    """Enumerates candidates; build one per problem and reuse it."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.room_index = {room.id: index for index, room in enumerate(problem.rooms)}
        self.request_index = {request.id: index for index, request in enumerate(problem.requests)}
        if problem.opening:
            self.opening = [
                tuple(
                    (minutes(opens), minutes(closes, is_end=True))
                    for opens, closes in problem.opening.get(weekday, ())
                )
                for weekday in range(7)
            ]
        else:
            self.opening = [ALWAYS_OPEN] * 7
        self.fixed: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for item in problem.blocked:
            if item.room_id not in self.room_index:
                continue
            key = (self.room_index[item.room_id], item.weekday)
            self.fixed.setdefault(key, []).append(
                (minutes(item.start), minutes(item.end, is_end=True))
            )
        self.buffers = [room.buffer_minutes for room in problem.rooms]

    # --- the parts ---------------------------------------------------------------------------

    def rooms_in_building(self, request: PlannerRequest) -> list[int]:
        rooms = self.problem.rooms
        if not request.building:
            return list(range(len(rooms)))
        return [i for i, room in enumerate(rooms) if room.building == request.building]

    def suitable_rooms(self, request: PlannerRequest) -> list[int]:
        """Rooms that fit by building, size, equipment and access: smallest first."""
        rooms = self.problem.rooms
        fitting = [
            i
            for i in self.rooms_in_building(request)
            if rooms[i].capacity >= request.participants
            and request.equipment <= rooms[i].equipment
            and (rooms[i].step_free or not request.needs_step_free)
        ]
        salt = str(self.request_index.get(request.id, request.id)).encode()
        return sorted(fitting, key=lambda i: (rooms[i].capacity, zlib.crc32(salt + b"/%d" % i), i))

    def is_open(self, weekday: int, start: int, end: int) -> bool:
        return any(opens <= start and end <= closes for opens, closes in self.opening[weekday])

    def times(self, request: PlannerRequest) -> list[tuple[int, int, int]]:
        """(weekday, start, preference) inside a window and the opening hours, best first."""
        duration = request.duration_minutes
        slot = self.problem.slot_minutes
        previous = request.previous
        windows = [
            (w.weekday, minutes(w.start), minutes(w.end, is_end=True), w.preference)
            for w in request.windows
        ]
        if not request.windows:
            windows = [
                (weekday, opens, closes, 0)
                for weekday in range(7)
                for opens, closes in self.opening[weekday]
            ]
        best: dict[tuple[int, int], int] = {}
        for weekday, first, last, preference in windows:
            starts = set(range(-(-first // slot) * slot, last - duration + 1, slot))
            starts.add(first)
            if previous is not None and previous[1] == weekday:
                starts.add(minutes(previous[2]))
            for start in starts:
                if first <= start and start + duration <= last:
                    if not self.is_open(weekday, start, start + duration):
                        continue
                    if best.get((weekday, start), -1) < preference:
                        best[(weekday, start)] = preference
        return sorted(
            ((weekday, start, pref) for (weekday, start), pref in best.items()),
            key=lambda item: (-item[2], item[0], item[1]),
        )

    def is_free_of_fixed(self, room: int, weekday: int, start: int, end: int) -> bool:
        buffer = self.buffers[room]
        return not any(
            fixed_start - buffer < end + buffer and start - buffer < fixed_end + buffer
            for fixed_start, fixed_end in self.fixed.get((room, weekday), ())
        )

    def make(self, request: int, room: int, weekday: int, start: int) -> Candidate:
        """A candidate for given request, room and time (not checked), with its score."""
        item = self.problem.requests[request]
        end = start + item.duration_minutes
        best = -1
        for w in item.windows:
            inside = minutes(w.start) <= start and end <= minutes(w.end, is_end=True)
            if w.weekday == weekday and inside:
                best = max(best, w.preference)
        return self._candidate(request, room, weekday, start, max(best, 0))

    def _candidate(
        self, request: int, room: int, weekday: int, start: int, preference: int
    ) -> Candidate:
        item = self.problem.requests[request]
        end = start + item.duration_minutes
        score = preference
        if item.previous is not None:
            previous_room = self.room_index.get(item.previous[0])
            if item.previous[1] == weekday and minutes(item.previous[2]) == start:
                score += KEEP_SLOT_BONUS
            if previous_room == room:
                score += KEEP_ROOM_BONUS
        buffer = self.buffers[room]
        return Candidate(request, room, weekday, start, end, start - buffer, end + buffer, score)

    # --- the candidates ----------------------------------------------------------------------

    def for_request(
        self,
        request: int,
        *,
        rooms_per_start: int | None = None,
        limit: int | None = None,
    ) -> list[Candidate]:
        """Every feasible candidate of one request (or the pruned best), best first."""
        item = self.problem.requests[request]
        rooms = self.suitable_rooms(item)
        previous_room = self.room_index.get(item.previous[0]) if item.previous is not None else None
        rank = {room: position for position, room in enumerate(rooms)}
        found = []
        for weekday, start, preference in self.times(item):
            end = start + item.duration_minutes
            kept = 0
            for room in rooms:
                if rooms_per_start is not None and kept >= rooms_per_start:
                    if previous_room is None or rank.get(previous_room, -1) < rank[room]:
                        break
                    if room != previous_room:
                        continue
                if self.is_free_of_fixed(room, weekday, start, end):
                    found.append(self._candidate(request, room, weekday, start, preference))
                    kept += 1
        found.sort(key=lambda c: (-c.score, c.weekday, c.start, rank[c.room]))
        if limit is not None and len(found) > limit:
            found = found[:limit]
        return found

    def all(
        self, *, rooms_per_start: int | None = None, limit: int | None = None
    ) -> list[list[Candidate]]:
        return [
            self.for_request(index, rooms_per_start=rooms_per_start, limit=limit)
            for index in range(len(self.problem.requests))
        ]


class Occupancy:
    """Who holds which room and which person when, in a (partial) plan."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.rooms: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.persons: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        self.placed: dict[int, Candidate] = {}

    @classmethod
    def of(cls, problem: Problem, placements: Iterable[Placement]) -> Occupancy:
        finder = CandidateFinder(problem)
        occupancy = cls(problem)
        for placement in placements:
            occupancy.add(
                finder.make(
                    finder.request_index[placement.request_id],
                    finder.room_index[placement.room_id],
                    placement.weekday,
                    minutes(placement.start),
                )
            )
        return occupancy

    def add(self, candidate: Candidate) -> None:
        self.placed[candidate.request] = candidate
        self.rooms.setdefault((candidate.room, candidate.weekday), []).append(
            (candidate.hold_start, candidate.hold_end, candidate.request)
        )
        for person in self.problem.requests[candidate.request].persons:
            self.persons.setdefault((person, candidate.weekday), []).append(
                (candidate.start, candidate.end, candidate.request)
            )

    def room_blockers(self, candidate: Candidate) -> list[int]:
        return [
            request
            for start, end, request in self.rooms.get((candidate.room, candidate.weekday), ())
            if start < candidate.hold_end
            and candidate.hold_start < end
            and request != candidate.request
        ]

    def person_blockers(self, candidate: Candidate) -> list[int]:
        found = []
        for person in self.problem.requests[candidate.request].persons:
            for start, end, request in self.persons.get((person, candidate.weekday), ()):
                if start < candidate.end and candidate.start < end and request != candidate.request:
                    found.append(request)
        return found

    def is_free(self, candidate: Candidate) -> bool:
        return not self.room_blockers(candidate) and not self.person_blockers(candidate)


def _listing(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def explain(
    finder: CandidateFinder, occupancy: Occupancy, request: PlannerRequest
) -> tuple[Unplaced, Candidate | None]:
    """Why `request` has no place next to what `occupancy` holds, and the best still free
    candidate if there is one (then the reason says it could still be placed)."""
    problem = finder.problem
    rooms = problem.rooms
    index = finder.request_index[request.id]

    def unplaced(code: str, reason: str, blocking: Iterable[int] = ()) -> Unplaced:
        ids = tuple(problem.requests[i].id for i in sorted(set(blocking)))
        return Unplaced(request.id, code, reason, ids)

    where = f" in building {request.building}" if request.building else ""
    in_building = finder.rooms_in_building(request)
    if not in_building:
        return unplaced("capacity", f"There is no room{where}."), None
    big = [i for i in in_building if rooms[i].capacity >= request.participants]
    if not big:
        largest = max(rooms[i].capacity for i in in_building)
        reason = f"No room{where} holds {request.participants} people; the largest holds {largest}."
        return unplaced("capacity", reason), None
    equipped = [i for i in big if request.equipment <= rooms[i].equipment]
    if not equipped:
        missing = sorted(
            item for item in request.equipment if not any(item in rooms[i].equipment for i in big)
        )
        what = _listing(missing) if missing else _listing(sorted(request.equipment)) + " together"
        return unplaced("equipment", f"No room{where} big enough has {what}."), None
    if request.needs_step_free and not any(rooms[i].step_free for i in equipped):
        reason = f"No room{where} that is big enough and equipped is step-free."
        return unplaced("step_free", reason), None
    times = finder.times(request)
    if not times:
        if request.windows:
            reason = (
                f"None of its time windows leaves {request.duration_minutes} minutes inside "
                "the opening hours."
            )
        else:
            reason = f"The house is never open for {request.duration_minutes} minutes at a time."
        return unplaced("opening_hours", reason), None
    suitable = finder.suitable_rooms(request)
    options = [
        finder._candidate(index, room, weekday, start, preference)
        for weekday, start, preference in times
        for room in suitable
        if finder.is_free_of_fixed(room, weekday, start, start + request.duration_minutes)
    ]
    if not options:
        reason = "Fixed bookings take every suitable room at every time it could take place."
        return unplaced("fixed_bookings", reason), None
    by_room, by_person, every_has_person = set(), set(), True
    free = None
    for option in options:
        room_blockers = occupancy.room_blockers(option)
        person_blockers = occupancy.person_blockers(option)
        if not room_blockers and not person_blockers:
            if free is None or option.score > free.score:
                free = option
            continue
        by_room.update(room_blockers)
        by_person.update(person_blockers)
        every_has_person = every_has_person and bool(person_blockers)
    if free is not None:
        reason = (
            f"{rooms[free.room].name} is still free {when(free.weekday, free.start)}: "
            "it could be placed there."
        )
        return unplaced("competition", reason), free
    if every_has_person:
        people = sorted(request.persons)
        verb = "is" if len(people) == 1 else "are"
        reason = (
            f"{_listing(people)} {verb} busy in other offers at every time it could take place."
        )
        return unplaced("person_clash", reason, by_person), None
    count = len({(o.room, o.weekday, o.start) for o in options})
    reason = f"Other offers took all {count} suitable combinations of room and time."
    return unplaced("competition", reason, by_room | by_person), None


def finish(
    problem: Problem, finder: CandidateFinder, chosen: Iterable[Candidate]
) -> tuple[tuple[Placement, ...], tuple[Unplaced, ...], int]:
    """The plan from the chosen candidates: every offer that still has a free room and time
    (among all candidates, not only the pruned ones) goes there, then each offer left out gets
    its reason. Returns placements and reasons in the problem's order, and the score."""
    occupancy = Occupancy(problem)
    for candidate in chosen:
        occupancy.add(candidate)
    reasons: dict[int, Unplaced] = {}
    filled = False
    for index, request in enumerate(problem.requests):
        if index in occupancy.placed:
            continue
        reason, free = explain(finder, occupancy, request)
        if free is not None:
            occupancy.add(free)
            filled = True
        else:
            reasons[index] = reason
    if filled:  # later additions may block more: name them too
        reasons = {
            index: explain(finder, occupancy, problem.requests[index])[0] for index in reasons
        }
    placed = sorted(occupancy.placed.values(), key=lambda c: c.request)
    return (
        tuple(c.placement(problem) for c in placed),
        tuple(reasons[index] for index in sorted(reasons)),
        sum(c.score for c in placed),
    )
