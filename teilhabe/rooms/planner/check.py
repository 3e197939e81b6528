"""An independent check of a plan against its problem, written apart from the solvers' code
(no candidates, no occupancy index): the tests run every solution through it, and the rooms app
runs a plan through it before applying it. Returns one plain English line per violation;
an empty list means the plan keeps every rule."""

from __future__ import annotations

from collections import Counter, defaultdict

from .problem import Problem, Solution, minutes

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def violations(problem: Problem, solution: Solution) -> list[str]:
    found: list[str] = []
    rooms = problem.rooms_by_id
    requests = problem.requests_by_id
    counts = Counter(p.request_id for p in solution.placements)
    for request_id, count in counts.items():
        if count > 1:
            found.append(f"Offer {request_id!r} is placed {count} times.")
    for item in solution.unplaced:
        if item.request_id in counts:
            found.append(f"Offer {item.request_id!r} is both placed and listed as unplaced.")

    # Each placement on its own: the offer's needs, its windows, the house's hours, fixed
    # bookings. Times as (weekday, start, end) in minutes.
    room_times = defaultdict(list)  # room → (weekday, held from, held until, offer)
    person_times = defaultdict(list)  # person → (weekday, start, end, offer)
    for placement in solution.placements:
        request = requests.get(placement.request_id)
        room = rooms.get(placement.room_id)
        if request is None or room is None:
            found.append(f"Placement {placement!r} names an unknown offer or room.")
            continue
        title, day = repr(request.title), placement.weekday
        if not 0 <= day <= 6:
            found.append(f"{title} is placed on weekday {day}.")
            continue
        start = minutes(placement.start)
        end = start + request.duration_minutes
        at = f"{DAYS[day]} {placement.start:%H:%M}"
        if end > 1440:
            found.append(f"{title} at {at} runs past midnight.")
        if room.capacity < request.participants:
            found.append(f"{title}: {room.name} holds {room.capacity}, not {request.participants}.")
        missing = request.equipment - room.equipment
        if missing:
            found.append(f"{title}: {room.name} lacks {', '.join(sorted(missing))}.")
        if request.needs_step_free and not room.step_free:
            found.append(f"{title}: {room.name} is not step-free.")
        if request.building and room.building != request.building:
            found.append(f"{title}: {room.name} is not in building {request.building}.")
        if request.windows and not any(
            w.weekday == day and minutes(w.start) <= start and end <= minutes(w.end, is_end=True)
            for w in request.windows
        ):
            found.append(f"{title} at {at} lies outside its time windows.")
        if problem.opening and not any(
            minutes(opens) <= start and end <= minutes(closes, is_end=True)
            for opens, closes in problem.opening.get(day, ())
        ):
            found.append(f"{title} at {at} lies outside the opening hours.")
        buffer = room.buffer_minutes
        for fixed in problem.blocked:
            if fixed.room_id == room.id and fixed.weekday == day:
                fixed_start = minutes(fixed.start) - buffer
                fixed_end = minutes(fixed.end, is_end=True) + buffer
                if fixed_start < end + buffer and start - buffer < fixed_end:
                    found.append(
                        f"{title} at {at} overlaps a fixed booking of {room.name} "
                        f"({fixed.start:%H:%M}–{fixed.end:%H:%M})."
                    )
        room_times[room.id].append((day, start - buffer, end + buffer, request))
        for person in request.persons:
            person_times[person].append((day, start, end, request))

    # Pairs: two offers in one room, or one person in two offers, at the same time.
    def overlaps(items, what):
        items = sorted(items, key=lambda item: (item[0], item[1]))
        for i, (day, _start, end, request) in enumerate(items):
            for other_day, other_start, _other_end, other in items[i + 1 :]:
                if other_day != day or other_start >= end:
                    break
                found.append(
                    f"{what}: {request.title!r} and {other.title!r} overlap on {DAYS[day]}."
                )

    for room_id, items in room_times.items():
        overlaps(items, f"Room {rooms[room_id].name}")
    for person, items in person_times.items():
        overlaps(items, f"{person} is in two places")
    return found
