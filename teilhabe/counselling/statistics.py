"""The anonymous statistics of a service. Every figure comes from `CounsellingRecord` (service,
topic, language, month, walk-in or not, interpreter or not, outcome, waiting times) — never
from appointments — plus the next free slot, which is derived live from the office hours.

Definitions:
- an *appointment* is a booked record that was not cancelled; cancellations are counted apart;
- a *walk-in* is a number drawn at the front desk (whether served or left);
- *visits* are appointments plus walk-ins (what the topic, language and interpreter tables
  count);
- the *no-show rate* is no-shows / (attended + no-shows) among appointments;
- the *days waited* are those from booking to appointment; the *minutes waited* those of
  walk-ins from drawing a number to being called.
"""

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from .models import CounsellingRecord, Outcome, Service, Topic
from .selectors import Slot, next_free_slot


@dataclass
class MonthFigures:
    month: date
    appointments: int = 0
    walk_ins: int = 0
    cancelled: int = 0
    attended: int = 0
    no_show: int = 0
    days_waited: list[int] = field(default_factory=list)
    minutes_waited: list[int] = field(default_factory=list)

    @property
    def visits(self) -> int:
        return self.appointments + self.walk_ins

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.no_show, self.attended)

    @property
    def median_days_waited(self) -> float | None:
        return median(self.days_waited) if self.days_waited else None

    @property
    def median_minutes_waited(self) -> float | None:
        return median(self.minutes_waited) if self.minutes_waited else None


@dataclass
class Share:
    """One row of a breakdown: a label (a topic, a language code, yes/no) and its visits."""

    key: object
    appointments: int = 0
    walk_ins: int = 0

    @property
    def visits(self) -> int:
        return self.appointments + self.walk_ins


@dataclass
class ServiceStatistics:
    service: Service
    first: date
    last: date
    months: list[MonthFigures]
    by_topic: list[tuple[Topic | None, Share]]
    by_language: list[Share]
    by_interpreter: list[Share]
    next_slot: Slot | None = None

    @property
    def appointments(self) -> int:
        return sum(m.appointments for m in self.months)

    @property
    def walk_ins(self) -> int:
        return sum(m.walk_ins for m in self.months)

    @property
    def cancelled(self) -> int:
        return sum(m.cancelled for m in self.months)

    @property
    def attended(self) -> int:
        return sum(m.attended for m in self.months)

    @property
    def no_show(self) -> int:
        return sum(m.no_show for m in self.months)

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.no_show, self.attended)

    @property
    def median_days_waited(self) -> float | None:
        values = [v for m in self.months for v in m.days_waited]
        return median(values) if values else None

    @property
    def median_minutes_waited(self) -> float | None:
        values = [v for m in self.months for v in m.minutes_waited]
        return median(values) if values else None


def _rate(no_show: int, attended: int) -> float | None:
    judged = no_show + attended
    return no_show / judged if judged else None


def months_between(first: date, last: date) -> list[date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def service_statistics(
    service: Service, *, first: date, last: date, with_next_slot: bool = True
) -> ServiceStatistics:
    """The figures of a service for the months first … last (first days of months). A fixed
    number of queries: the records, the topics, and the few of the next free slot."""
    months = {month: MonthFigures(month) for month in months_between(first, last)}
    topics = {None: None} | {t.pk: t for t in Topic.objects.filter(service=service)}
    by_topic: dict[int | None, Share] = {}
    by_language: dict[str, Share] = {}
    by_interpreter = {True: Share(True), False: Share(False)}
    rows = CounsellingRecord.objects.filter(
        service=service, month__gte=first.replace(day=1), month__lte=last
    ).values_list(
        "month",
        "topic_id",
        "language",
        "is_walk_in",
        "needs_interpreter",
        "outcome",
        "days_waited",
        "minutes_waited",
    )
    for month, topic_id, language, is_walk_in, interpreter, outcome, days, minutes in rows:
        figures = months.get(month.replace(day=1))
        if figures is None:
            continue
        if is_walk_in:
            figures.walk_ins += 1
            if minutes is not None:
                figures.minutes_waited.append(minutes)
        elif outcome == Outcome.CANCELLED:
            figures.cancelled += 1
            continue
        else:
            figures.appointments += 1
            if outcome == Outcome.ATTENDED:
                figures.attended += 1
            elif outcome == Outcome.NO_SHOW:
                figures.no_show += 1
            if days is not None:
                figures.days_waited.append(days)
        if topic_id not in topics:
            topic_id = None  # a topic deleted meanwhile
        for share in (
            by_topic.setdefault(topic_id, Share(topic_id)),
            by_language.setdefault(language, Share(language)),
            by_interpreter[bool(interpreter)],
        ):
            if is_walk_in:
                share.walk_ins += 1
            else:
                share.appointments += 1
    topic_rows = sorted(
        by_topic.values(),
        key=lambda s: (-s.visits, s.key is None, getattr(topics[s.key], "position", 0)),
    )
    return ServiceStatistics(
        service=service,
        first=first,
        last=last,
        months=list(months.values()),
        by_topic=[(topics[share.key], share) for share in topic_rows],
        by_language=sorted(by_language.values(), key=lambda s: (-s.visits, s.key)),
        by_interpreter=[by_interpreter[True], by_interpreter[False]],
        next_slot=next_free_slot(service) if with_next_slot else None,
    )
