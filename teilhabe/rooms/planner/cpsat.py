"""The semester plan with OR-Tools CP-SAT.

The model: one Boolean per candidate (request, room, weekday, start); each request takes at most
one; in each room, and for each person, candidates that overlap in time are cliques of which at
most one is taken (at the start of every maximal overlap: the exact no-overlap of fixed-length
intervals, and a stronger relaxation than interval propagation); the objective gives every
placed offer a weight W larger than all preference scores together plus its candidate's score,
so the solver places as many offers as possible and, among those plans, maximises the
preferences and the stickiness to last semester's room and slot. The greedy plan is the hint,
so the answer is never worse than greedy's (and if CP-SAT has found nothing better by the time
limit, greedy's plan is kept).

At city scale (`decompose`, on by default above `DECOMPOSE_ABOVE` requests) the problem is split
by building. Requests that share a person are kept together (union-find); a group whose requests
all ask for the same building is solved with that building's rooms only, each building in turn;
the rest (no building, or people working in several buildings) form a pooled remainder that is
solved last, on all rooms, around the buildings' plans. Every constraint is kept exactly: a
building's sub-problem only has candidates in its own rooms and shares no person with any
other. The proven bound stays valid: any plan restricted to a building's groups is a plan of
that building's sub-problem, so the sum of the buildings' bounds plus, for the pool, the best
candidate of each of its offers bounds every plan. With the time left (at least
`WHOLE_AT_LEAST` of the limit; the buildings and the pool get `DECOMPOSED_SHARE`, and usually
need much less), the whole problem is solved from the decomposed plan: trades between the
buildings and the pool, and a bound for the whole.

At city scale prune the candidates (`rooms_per_start`, `max_candidates`): bounds and optimality
then hold for the candidates kept. The final touches (`candidates.finish`) still place any offer
that has a free room and time among all its candidates, and give every offer left out its
reason.
"""

from __future__ import annotations

import logging
import math
import time as clock
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .candidates import Candidate, CandidateFinder, Occupancy, finish
from .greedy import first_fit
from .problem import Problem, Solution

log = logging.getLogger(__name__)

SEED = 20250601
DECOMPOSE_ABOVE = 800  # requests
RESERVE = 0.06  # of the time limit, kept for reasons and final touches
DECOMPOSED_SHARE = 0.5  # of the time limit for the buildings and the pool; then the whole
WHOLE_AT_LEAST = 0.1  # the whole problem is solved too if this share of the time limit is left


@dataclass
class PartResult:
    chosen: list[Candidate]
    placed_bound: int
    score_bound: int | None  # for plans that place placed_bound offers; None if unknown
    is_optimal: bool
    status: str


def _cliques(intervals: list[tuple[int, int, int]]) -> list[list[int]]:
    """The maximal sets of pairwise overlapping intervals (start, end, var index); an
    interval graph's maximal cliques appear just before an interval ends."""
    events = []
    for start, end, var in intervals:
        events.append((start, 1, var))
        events.append((end, 0, var))
    events.sort()  # ends (0) before starts (1) at the same minute: half-open intervals
    active: dict[int, None] = {}
    grown = False
    found = []
    for _moment, is_start, var in events:
        if is_start:
            active[var] = None
            grown = True
        else:
            if grown and len(active) > 1:
                found.append(list(active))
            grown = False
            del active[var]
    return found


def _solve_part(
    problem: Problem,
    requests: list[int],
    candidates: list[list[Candidate]],
    hint: dict[int, Candidate],
    time_limit: float,
    workers: int,
    seed: int,
) -> PartResult:
    started = clock.perf_counter()
    variables: list[Candidate] = [c for index in requests for c in candidates[index]]
    if not variables:
        return PartResult([], 0, 0, True, "empty")
    weight = 1 + sum(max(c.score for c in candidates[i]) for i in requests if candidates[i])
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in variables]
    by_request: dict[int, list[int]] = defaultdict(list)
    by_room: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    by_person: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
    persons_used: dict[str, set[int]] = defaultdict(set)
    for var, c in enumerate(variables):
        by_request[c.request].append(var)
        by_room[(c.room, c.weekday)].append((c.hold_start, c.hold_end, var))
        for person in sorted(problem.requests[c.request].persons):
            by_person[(person, c.weekday)].append((c.start, c.end, var))
            persons_used[person].add(c.request)
    for group in by_request.values():
        if len(group) > 1:
            model.add_at_most_one(x[v] for v in group)
    for intervals in by_room.values():
        for clique in _cliques(intervals):
            model.add_at_most_one(x[v] for v in clique)
    for (person, _weekday), intervals in by_person.items():
        if len(persons_used[person]) > 1:
            for clique in _cliques(intervals):
                if len({variables[v].request for v in clique}) > 1:
                    model.add_at_most_one(x[v] for v in clique)
    coefficients = [weight + c.score for c in variables]
    model.maximize(cp_model.LinearExpr.weighted_sum(x, coefficients))
    for var, c in enumerate(variables):
        model.add_hint(x[var], hint.get(c.request) == c)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = False
    built = clock.perf_counter()
    status = solver.solve(model)
    name = solver.status_name(status)
    log.debug(
        "part of %d requests: %d candidates, %d constraints, built in %.2f s, %s in %.2f s "
        "(limit %.1f s)",
        len(requests),
        len(variables),
        len(model.proto.constraints),
        built - started,
        name,
        solver.wall_time,
        time_limit,
    )

    hinted = [hint[i] for i in requests if i in hint]
    hint_value = sum(weight + c.score for c in hinted)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value >= hint_value:
        chosen = [variables[v] for v in range(len(variables)) if solver.boolean_value(x[v])]
        value = int(round(solver.objective_value))
    else:
        chosen, value = hinted, hint_value
    placeable = sum(1 for i in requests if candidates[i])
    if status == cp_model.OPTIMAL:
        bound = value
    elif status in (cp_model.FEASIBLE, cp_model.UNKNOWN) and math.isfinite(
        solver.best_objective_bound
    ):
        bound = math.floor(solver.best_objective_bound + 1e-6)
    else:
        bound = None
    placed = len(chosen)
    if bound is None:
        placed_bound, score_bound = placeable, None
    else:
        placed_bound = max(placed, min(placeable, bound // weight))
        # Never above every offer at its best candidate (weight - 1).
        score_bound = min(bound - weight * placed, weight - 1) if placed_bound == placed else None
    return PartResult(
        chosen, placed_bound, score_bound, status == cp_model.OPTIMAL and value >= bound, name
    )


def _components(problem: Problem) -> tuple[dict[str, list[int]], list[int]]:
    """Requests by building sub-problem, and the pooled remainder (see the module's doc)."""
    parent = list(range(len(problem.requests)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for index, request in enumerate(problem.requests):
        for person in request.persons:
            if person in first_with:
                parent[root(index)] = root(first_with[person])
            else:
                first_with[person] = index
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(problem.requests)):
        groups[root(index)].append(index)
    buildings: dict[str, list[int]] = defaultdict(list)
    pool: list[int] = []
    for members in groups.values():
        wanted = {problem.requests[i].building for i in members}
        if len(wanted) == 1 and "" not in wanted:
            buildings[wanted.pop()].extend(members)
        else:
            pool.extend(members)
    return {b: sorted(m) for b, m in sorted(buildings.items())}, sorted(pool)


def _solve_decomposed(
    problem: Problem,
    candidates: list[list[Candidate]],
    hint: dict[int, Candidate],
    stages_end: float,
    workers: int,
    seed: int,
) -> tuple[list[Candidate], int, int | None, str]:
    """Buildings one by one, then the pool around them (see the module's doc). Returns the
    chosen candidates, the bounds on placed offers and on the score, and a status line."""
    buildings, pool = _components(problem)
    size = {b: sum(len(candidates[i]) for i in members) for b, members in buildings.items()}
    left = sum(size.values()) + sum(len(candidates[i]) for i in pool)
    chosen: list[Candidate] = []
    placed_bound, bound, statuses = 0, 0, defaultdict(int)

    def budget(share: float) -> float:
        return max(0.05, (stages_end - clock.perf_counter()) * share)

    for building, members in buildings.items():
        share = size[building] / left if left else 1.0
        left -= size[building]
        result = _solve_part(problem, members, candidates, hint, budget(share), workers, seed)
        chosen.extend(result.chosen)
        placed_bound += result.placed_bound
        if bound is not None and result.score_bound is not None:
            bound += result.score_bound
        else:
            bound = None
        statuses[result.status] += 1
    # The pool, around the buildings' plans; its bound: each offer at its best candidate.
    occupancy = Occupancy(problem)
    for candidate in chosen:
        occupancy.add(candidate)
    around: list[list[Candidate]] = [[] for _ in problem.requests]
    for index in pool:
        around[index] = [c for c in candidates[index] if occupancy.is_free(c)]
    pool_hint = {c.request: c for c in first_fit(problem, around)}
    result = _solve_part(problem, pool, around, pool_hint, budget(1.0), workers, seed)
    chosen.extend(result.chosen)
    placeable = [i for i in pool if candidates[i]]
    placed_bound += len(placeable)
    if bound is not None and len(result.chosen) == len(placeable):
        bound += sum(candidates[i][0].score for i in placeable)
    else:
        bound = None
    parts = ", ".join(f"{count} {name}" for name, count in sorted(statuses.items()))
    status = f"{len(buildings)} buildings ({parts}), pool {result.status}"
    return chosen, placed_bound, bound, status


def solve_cpsat(
    problem: Problem,
    time_limit_s: float = 60.0,
    workers: int = 2,
    *,
    rooms_per_start: int | None = None,
    max_candidates: int | None = None,
    decompose: bool | None = None,
    seed: int = SEED,
) -> Solution:
    """The best plan CP-SAT finds within `time_limit_s` seconds of wall time (everything
    included), with `workers` search threads. `rooms_per_start` and `max_candidates` prune the
    candidates (see `candidates`); bounds and optimality then refer to the kept candidates."""
    started = clock.perf_counter()
    deadline = started + time_limit_s
    finder = CandidateFinder(problem)
    candidates = finder.all(rooms_per_start=rooms_per_start, limit=max_candidates)
    greedy = first_fit(problem, candidates)
    hint = {c.request: c for c in greedy}
    if decompose is None:
        decompose = len(problem.requests) > DECOMPOSE_ABOVE and any(
            r.building for r in problem.requests
        )
    reserve = RESERVE * time_limit_s

    def budget(share: float) -> float:
        return max(0.05, (deadline - clock.perf_counter() - reserve) * share)

    everything = list(range(len(problem.requests)))
    if not decompose:
        result = _solve_part(problem, everything, candidates, hint, budget(1.0), workers, seed)
        chosen, placed_bound, bound = result.chosen, result.placed_bound, result.score_bound
        status = result.status
    else:
        stages_end = clock.perf_counter() + DECOMPOSED_SHARE * (
            deadline - clock.perf_counter() - reserve
        )
        chosen, placed_bound, bound, status = _solve_decomposed(
            problem, candidates, hint, stages_end, workers, seed
        )
        if deadline - clock.perf_counter() - reserve > WHOLE_AT_LEAST * time_limit_s:
            # The whole problem, starting from the decomposed plan: better bounds, and the
            # trades between buildings and the pool that the decomposition cannot make.
            whole = _solve_part(
                problem,
                everything,
                candidates,
                {c.request: c for c in chosen},
                budget(1.0),
                workers,
                seed,
            )
            chosen = whole.chosen
            status = f"{status}; whole problem {whole.status}"
            if whole.placed_bound < placed_bound:
                placed_bound, bound = whole.placed_bound, whole.score_bound
            elif whole.placed_bound == placed_bound and whole.score_bound is not None:
                bound = whole.score_bound if bound is None else min(bound, whole.score_bound)
    if (len(greedy), sum(c.score for c in greedy)) > (len(chosen), sum(c.score for c in chosen)):
        chosen, status = greedy, f"{status}; greedy plan kept"
    placements, unplaced, score = finish(problem, finder, chosen)
    if len(placements) > placed_bound or (bound is not None and score > bound):
        # The final touches placed an offer outside the pruned candidates: the bound no longer
        # describes this plan.
        placed_bound, bound = None, None
    if placed_bound is not None and len(placements) < placed_bound:
        bound = None
    return Solution(
        placements=placements,
        unplaced=unplaced,
        score=score,
        bound=bound,
        is_optimal=bound is not None and score >= bound and len(placements) == placed_bound,
        solve_seconds=clock.perf_counter() - started,
        solver="cp-sat",
        placed_bound=placed_bound,
        status=status,
    )
