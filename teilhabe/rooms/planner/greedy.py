"""The greedy first-fit baseline: offers in order of fewest candidates (the hardest to place
first), each takes its best-scoring candidate that is still free. Fast and simple; the tests
and the benchmark compare CP-SAT with it, and CP-SAT starts from its plan."""

from __future__ import annotations

import time as clock

from .candidates import Candidate, CandidateFinder, Occupancy, finish
from .problem import Problem, Solution


def first_fit(problem: Problem, candidates: list[list[Candidate]]) -> list[Candidate]:
    """The chosen candidates of the first-fit rule, for candidates given per request."""
    occupancy = Occupancy(problem)
    order = sorted(range(len(candidates)), key=lambda index: (len(candidates[index]), index))
    chosen = []
    for index in order:
        for candidate in candidates[index]:  # best first
            if occupancy.is_free(candidate):
                occupancy.add(candidate)
                chosen.append(candidate)
                break
    return chosen


def solve_greedy(
    problem: Problem,
    *,
    rooms_per_start: int | None = None,
    max_candidates: int | None = None,
) -> Solution:
    started = clock.perf_counter()
    finder = CandidateFinder(problem)
    candidates = finder.all(rooms_per_start=rooms_per_start, limit=max_candidates)
    placements, unplaced, score = finish(problem, finder, first_fit(problem, candidates))
    return Solution(
        placements=placements,
        unplaced=unplaced,
        score=score,
        bound=None,
        is_optimal=False,
        solve_seconds=clock.perf_counter() - started,
        solver="greedy",
        status="first fit",
    )
