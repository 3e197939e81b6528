"""The sample attendance: a year of the sample programme's sessions that adds up to about 400
visits a week, lower in the summer holidays than in autumn, with a few check-in lists and
Erfurt's demography profile; a second load changes nothing."""

import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db.models import F, Sum

from teilhabe.core.recurrence import centre_today
from teilhabe.core.samples import SampleContext, sample_builders
from teilhabe.impact.models import AttendanceMethod, CheckIn, DemographyProfile, SessionAttendance
from teilhabe.impact.sample import season
from teilhabe.programme.models import Session

pytestmark = pytest.mark.django_db

BEFORE_IMPACT = {"core", "accounts", "associations", "rooms", "programme", "volunteers", "funding"}


@pytest.fixture
def builders():
    return dict(sample_builders())


def load(builders, *, with_impact=True) -> float:
    """Load the apps impact runs after, then impact's sample; the seconds impact took."""
    context = SampleContext(password=settings.SAMPLE_PASSWORD)
    for label, build in builders.items():
        if label in BEFORE_IMPACT:
            build(context)
    started = time.perf_counter()
    if with_impact:
        builders["impact"](context)
    return time.perf_counter() - started


def snapshot():
    return {
        "sessions": Session.objects.count(),
        "attendance": sorted(
            SessionAttendance.objects.values_list(
                "session_id", "head_count", "children", "women", "first_visits", "recorded_at"
            )
        ),
        "check_ins": CheckIn.objects.count(),
        "profiles": sorted(DemographyProfile.objects.values_list("ags", "year", "imported_at")),
    }


def weekly_visits(first: date, weeks: int) -> list[int]:
    totals = []
    for week in range(weeks):
        monday = first + timedelta(weeks=week)
        totals.append(
            SessionAttendance.objects.filter(
                day__gte=monday, day__lte=monday + timedelta(days=6)
            ).aggregate(total=Sum("head_count"))["total"]
            or 0
        )
    return totals


def test_a_year_of_about_400_visits_a_week_with_the_seasons(builders):
    seconds = load(builders)
    assert seconds < 5, f"impact's sample took {seconds:.1f} s"
    today = centre_today()
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=52)
    weeks = weekly_visits(first, 52)
    average = sum(weeks) / 52
    assert 350 <= average <= 450
    # Summer (the weeks from mid-July to the end of August) lower than autumn (Oct/Nov).
    summer = [
        total for n, total in enumerate(weeks) if season(first + timedelta(weeks=n, days=2)) == 0.6
    ]
    autumn = [
        total
        for n, total in enumerate(weeks)
        if (first + timedelta(weeks=n, days=2)).month in (10, 11)
        and season(first + timedelta(weeks=n, days=2)) > 1
    ]
    assert summer and autumn
    assert sum(summer) / len(summer) < 0.8 * (sum(autumn) / len(autumn))
    # Christmas week: much lower (the house is closed from Christmas Eve to New Year's Day).
    christmas = [
        total
        for n, total in enumerate(weeks)
        if (first + timedelta(weeks=n)).month == 12 and (first + timedelta(weeks=n)).day >= 22
    ]
    assert christmas and max(christmas) < 0.5 * average
    # Plausible per session: never more than the places of the offer.
    over = SessionAttendance.objects.filter(
        offer__capacity__isnull=False, head_count__gt=F("offer__capacity")
    )
    assert not over.exists()
    # No attendance for a date still to come.
    assert not SessionAttendance.objects.filter(day__gte=today).exists()


def test_breakdowns_check_ins_and_the_demography_profile(builders):
    load(builders)
    attendance = SessionAttendance.objects.all()
    with_breakdown = attendance.filter(children__isnull=False).count()
    assert 0.2 * attendance.count() < with_breakdown < 0.5 * attendance.count()
    by_check_in = attendance.filter(method=AttendanceMethod.CHECK_IN)
    assert by_check_in.exists()
    for row in by_check_in:
        assert row.head_count == CheckIn.objects.filter(session_id=row.session_id).count()
    profile = DemographyProfile.objects.get(ags="16051000")
    assert profile.municipality == "Erfurt"
    assert "Beispiel" in profile.source


def test_the_sample_loads_twice_without_changes(builders):
    load(builders)
    first = snapshot()
    assert first["attendance"]
    builders["impact"](SampleContext(password=settings.SAMPLE_PASSWORD))
    assert snapshot() == first
