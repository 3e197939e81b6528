"""Reads for the calendar feeds and the printed weekly programme: the sessions of a window
with everything an event or a printed line shows, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from teilhabe.associations.models import Association
from teilhabe.associations.selectors import association_for_page
from teilhabe.core.recurrence import CENTRE_TZ, centre_today

from .models import Category, Offer, Session
from .selectors import published_offers, sessions_between, week_of

# A subscribed calendar shows the recent past (so that last week's course does not vanish)
# and as far ahead as sessions are materialised. The whole programme's feed looks less far:
# at city scale (5,000 offers) half a year of it is about 150,000 events.
FEED_DAYS_BACK = 28
FEED_DAYS_AHEAD = 183
WHOLE_PROGRAMME_DAYS_BACK = 7
WHOLE_PROGRAMME_DAYS_AHEAD = 42


def feed_window(today: date | None = None, *, whole_programme: bool = False) -> tuple[date, date]:
    today = today or centre_today()
    if whole_programme:
        return (
            today - timedelta(days=WHOLE_PROGRAMME_DAYS_BACK),
            today + timedelta(days=WHOLE_PROGRAMME_DAYS_AHEAD),
        )
    return today - timedelta(days=FEED_DAYS_BACK), today + timedelta(days=FEED_DAYS_AHEAD)


def sessions_for_feed(
    first: date,
    last: date,
    *,
    category: str = "",
    association: str = "",
    offer: Offer | None = None,
) -> QuerySet[Session]:
    """Sessions (cancelled ones included) of published offers from first to last with offer,
    category, lead association, room and co-hosts: two queries whatever their number."""
    return sessions_between(
        first, last, category=category, association=association, offer=offer
    ).prefetch_related("offer__co_hosts")


def category_for_feed(slug: str) -> Category:
    return Category.objects.get(slug=slug)


def association_for_feed(slug: str) -> Association:
    return association_for_page(slug)


def offer_for_feed(slug: str) -> Offer:
    return published_offers().get(slug=slug)


@dataclass(frozen=True)
class ProgrammeDay:
    day: date
    sessions: list[Session] = field(default_factory=list)


def week_programme(day: date) -> list[ProgrammeDay]:
    """Monday to Sunday of the week that holds `day`, each with its sessions in order of
    time (cancelled ones included): two queries."""
    first, last = week_of(day)
    by_day: dict[date, list[Session]] = defaultdict(list)
    for session in sessions_for_feed(first, last):
        by_day[timezone.localdate(session.starts_at, timezone=CENTRE_TZ)].append(session)
    return [
        ProgrammeDay(first + timedelta(days=offset), by_day[first + timedelta(days=offset)])
        for offset in range(7)
    ]
