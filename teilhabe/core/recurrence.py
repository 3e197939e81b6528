"""Recurring dates: rules are stored as rules and expanded here, for the window shown, in the
centre's wall-clock time (a course at 18:00 stays at 18:00 across daylight-saving changes)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings

CENTRE_TZ = ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Occurrence:
    day: date  # the date the rule produced; identifies the occurrence even when it is moved
    starts_at: datetime  # aware
    ends_at: datetime  # aware


@dataclass(frozen=True)
class Recurrence:
    starts_on: date
    start_time: time
    end_time: time
    weekdays: tuple[int, ...] = ()  # 0 = Monday; empty means a single date
    interval_weeks: int = 1
    until: date | None = None
    count: int | None = None

    @property
    def is_single(self) -> bool:
        return not self.weekdays

    def days(self, first: date, last: date) -> list[date]:
        """The dates of the rule between first and last (both included)."""
        if self.is_single:
            return [self.starts_on] if first <= self.starts_on <= last else []
        rule = rrule.rrule(
            rrule.WEEKLY,
            dtstart=datetime.combine(self.starts_on, time()),
            interval=self.interval_weeks,
            byweekday=sorted(self.weekdays),
            until=datetime.combine(self.until, time()) if self.until else None,
            count=self.count,
            wkst=rrule.MO,
        )
        return [
            moment.date()
            for moment in rule.between(
                datetime.combine(first, time()), datetime.combine(last, time()), inc=True
            )
        ]

    def occurrences(self, first: date, last: date) -> list[Occurrence]:
        return [
            occurrence_on(day, self.start_time, self.end_time) for day in self.days(first, last)
        ]


def occurrence_on(day: date, start: time, end: time) -> Occurrence:
    starts_at = local_datetime(day, start)
    end_day = day if end > start else day + timedelta(days=1)
    return Occurrence(day, starts_at, local_datetime(end_day, end))


def local_datetime(day: date, moment: time) -> datetime:
    """Wall-clock time in the centre's time zone; a time that does not exist on the day the
    clocks go forward is moved on by the gap (fold=0 picks the first of a repeated hour)."""
    naive = datetime.combine(day, moment)
    aware = naive.replace(tzinfo=CENTRE_TZ)
    # Round-trip through UTC normalises non-existent local times (02:30 on the spring change).
    return aware.astimezone(ZoneInfo("UTC")).astimezone(CENTRE_TZ)


def centre_today() -> date:
    from django.utils import timezone

    return timezone.localdate(timezone=CENTRE_TZ)
