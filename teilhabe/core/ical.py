"""iCalendar (RFC 5545) building blocks: a calendar with the time-zone definitions its events
need, and the HTTP response that serves it. Knows nothing about what the events are."""

import hashlib
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from icalendar import Calendar, Event, Timezone, vDuration

PRODID = "-//Teilhabe//Teilhabe programme//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def build_calendar(
    events: Iterable[Event],
    *,
    name: str,
    uid: str,
    first: date,
    last: date,
    language: str = "",
    description: str = "",
    url: str = "",
    refresh_interval: timedelta = timedelta(hours=6),
    tzid: str = "",
) -> Calendar:
    """A VCALENDAR holding `events`, with a VTIMEZONE for the centre's zone (always, so that
    clients know the zone even of an empty feed) and for every other TZID the events use.

    `first` and `last` bound the dates of the events: the VTIMEZONE lists the offset changes
    in that span (plus a year either side) and no more. `uid` must be stable for one feed."""
    tzid = tzid or settings.TIME_ZONE
    calendar = Calendar.new(
        prodid=PRODID,
        name=name,
        description=description or None,
        uid=uid,
        url=url or None,
        refresh_interval=refresh_interval,
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
    calendar.add("CALSCALE", "GREGORIAN")
    # The de-facto properties that Apple, Google and Outlook read for zone and refresh.
    calendar.add("X-WR-TIMEZONE", tzid)
    calendar.add("X-PUBLISHED-TTL", vDuration(refresh_interval).to_ical().decode())
    if language:
        calendar["NAME"].params["LANGUAGE"] = language
    span_first = date(first.year - 1, 1, 1)
    span_last = date(last.year + 2, 1, 1)
    calendar.add_component(Timezone.from_tzid(tzid, first_date=span_first, last_date=span_last))
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones(first_date=span_first, last_date=span_last)
    return calendar


def calendar_response(
    request: HttpRequest, content: bytes, *, filename: str, max_age: int
) -> HttpResponse:
    """Serve a serialised calendar inline (so that a click offers to subscribe or import),
    cacheable by clients and proxies for `max_age` seconds, with an ETag for cheap polling."""
    etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(content, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=max_age)
    return response
