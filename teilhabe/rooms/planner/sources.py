"""Where the planner's requests come from and how a placement becomes real. The rooms app
knows no higher app: the programme (and any later one) registers a source in its
AppConfig.ready() — a function that collects requests for a round and one that applies a
placement. Requests without a source are the house's own; rooms applies them as booking
series.

    register_planning_source(
        "programme.schedule",
        label=_("Collect from the programme"),
        collect=collect,          # (round) -> [dict of PlanningRequest fields]
        apply=apply,              # (request, placement, round, by) -> None
        prepare=end_old_plan,     # optional: (round, requests, by), once before the applies
        held_bookings=held,       # optional: (round, requests) -> booking ids
    )

A collected dict holds PlanningRequest's fields: title, association (or association_id),
participants, duration_minutes, equipment (slugs), needs_step_free, windows, persons,
previous_room (or previous_room_id), previous_weekday, previous_start, source_id.

`held_bookings` names the bookings that the source's requests hold today and give up when
the round is applied (a programme offer's current sessions): the planner does not count them
as taken. `prepare` frees them before the new placements are applied, all in the one
transaction of apply_round."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanningSource:
    key: str
    label: str
    collect: Callable[..., list[dict]]
    apply: Callable[..., None]
    prepare: Callable[..., None] | None = None
    held_bookings: Callable[..., Iterable[int]] | None = None


_sources: dict[str, PlanningSource] = {}


def register_planning_source(
    key: str,
    *,
    collect: Callable[..., list[dict]],
    apply: Callable[..., None],
    label: str = "",
    prepare: Callable[..., None] | None = None,
    held_bookings: Callable[..., Iterable[int]] | None = None,
) -> None:
    """Register (or, on a second call with the same key, replace) a source."""
    _sources[key] = PlanningSource(key, label or key, collect, apply, prepare, held_bookings)


def planning_sources() -> list[PlanningSource]:
    return list(_sources.values())


def planning_source(key: str) -> PlanningSource | None:
    return _sources.get(key)
