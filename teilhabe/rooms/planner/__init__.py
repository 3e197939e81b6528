"""The semester planner: every offer a room and a weekly time slot.

Pure Python, no Django. `problem` holds the data types, `candidates` the feasible options,
`cpsat` the CP-SAT model, `greedy` the first-fit baseline, `check` an independent checker.
The solvers are imported lazily, so that importing the data types does not load OR-Tools.

    from teilhabe.rooms.planner import Problem, solve_cpsat, violations
"""

from .check import violations
from .problem import (
    REASON_CODES,
    Blocked,
    OpeningTimes,
    Placement,
    PlannerRequest,
    PlannerRoom,
    Problem,
    Solution,
    TimeWindow,
    Unplaced,
    explain_unplaced,
)

__all__ = [
    "REASON_CODES",
    "Blocked",
    "OpeningTimes",
    "Placement",
    "PlannerRequest",
    "PlannerRoom",
    "Problem",
    "Solution",
    "TimeWindow",
    "Unplaced",
    "explain_unplaced",
    "solve_cpsat",
    "solve_greedy",
    "violations",
]


def __getattr__(name):
    if name == "solve_cpsat":
        from .cpsat import solve_cpsat

        return solve_cpsat
    if name == "solve_greedy":
        from .greedy import solve_greedy

        return solve_greedy
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
