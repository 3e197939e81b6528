"""A year of attendance for the sample programme, and the city's demography profile (marked
as sample data).

The programme materialises sessions from today on only, so the past year has no sessions of
its own: they are written here, directly as Session rows of each offer's schedule with the
rule's dates before today — the weekly rule run backwards over the last 52 weeks (every n
weeks in step with the schedule), a finished course (a count or an end date) on its own
dates — without a room (a room is held only through a booking, and the rooms' past is not what
these figures are about), and none
on public holidays or while the house is closed at Christmas. Sessions that exist already
(this week's) are kept.

Each past session gets a head count that follows the offer (a share of its places, or what
such an offer draws) and the season in Thuringia — lower in the school holidays (summer from
mid-July to the end of August markedly), much lower around Christmas and New Year, higher in
autumn and winter — scaled so that the 52 weeks before this one add up to about 400 visits a
week. About a third of the head counts carry a breakdown (children, women and girls, first
visits). Two registered offers have check-in lists: last summer's finished German course
(its participants checked in at each date) and the cooking evening with registration for
single dates (the last eight weeks).

Everything is written with bulk_create and a fixed random seed. A second run changes nothing:
once the sample offers have attendance, nothing is added."""

import random
from datetime import date, timedelta

from dateutil.easter import easter

from teilhabe.core.recurrence import Recurrence, centre_today, occurrence_on
from teilhabe.programme.models import (
    Offer,
    OfferStatus,
    Registration,
    RegistrationStatus,
    Schedule,
    Session,
)

from .figures import attendance_changed
from .models import AttendanceMethod, CheckIn, DemographyProfile, SessionAttendance

SEED = 4000
WEEKS = 52
VISITS_PER_WEEK = 400
ERFURT_AGS = "16051000"
FINISHED_COURSE = "deutsch-sommerkurs-a1"
PER_DATE_OFFER = "kochabend-der-kulturen"
PER_DATE_WEEKS = 8
# What an offer without places draws on an ordinary day, by category.
DRAW = {
    "counselling": 6,
    "language-course": 12,
    "integration-course": 14,
    "culture": 16,
    "homework-help": 10,
    "childcare": 8,
    "theatre": 12,
    "sport": 12,
    "music": 10,
    "womens-club": 14,
}
EVENT_DRAW = {"sommerfest-der-vielfalt": 180}


def build(context) -> None:
    today = centre_today()
    offers = list(Offer.objects.exclude(status=OfferStatus.DRAFT).select_related("category"))
    if not offers or SessionAttendance.objects.filter(offer__in=offers).exists():
        _demography_profile(today)
        return
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=WEEKS)
    _past_sessions(offers, first, today)
    rng = random.Random(SEED)
    sessions = list(
        Session.objects.filter(
            offer__in=offers,
            rule_day__gte=first,
            rule_day__lt=today,
            is_cancelled=False,
            attendance__isnull=True,
        )
        .select_related("offer__category", "schedule")
        .order_by("rule_day", "starts_at", "pk")
    )
    counts = _head_counts(sessions, rng, first, this_monday)
    _write_attendance(sessions, counts, rng, this_monday)
    attendance_changed()
    _demography_profile(today)


# --- the season --------------------------------------------------------------------------------


def public_holidays(year: int) -> set[date]:
    """Thuringia's public holidays (no sessions)."""
    sunday = easter(year)
    return {
        date(year, 1, 1),
        sunday - timedelta(days=2),
        sunday + timedelta(days=1),
        date(year, 5, 1),
        sunday + timedelta(days=39),
        sunday + timedelta(days=50),
        date(year, 9, 20),
        date(year, 10, 3),
        date(year, 10, 31),
        date(year, 12, 25),
        date(year, 12, 26),
    }


def is_closed(day: date) -> bool:
    """The house is closed from Christmas Eve to New Year's Day, and on public holidays."""
    if (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1):
        return True
    return day in public_holidays(day.year)


def season(day: date) -> float:
    """How many come on `day` compared with an ordinary day: Thuringia's school holidays
    (approximate dates) lower, Christmas and New Year much lower, autumn and winter higher."""
    month_day = (day.month, day.day)
    sunday = easter(day.year)
    if month_day >= (12, 20) or month_day <= (1, 4):
        return 0.3
    if (7, 14) <= month_day <= (8, 31):
        return 0.6
    if sunday - timedelta(days=8) <= day <= sunday + timedelta(days=7):
        return 0.8
    if (2, 9) <= month_day <= (2, 15) or (10, 6) <= month_day <= (10, 18):
        return 0.85
    if day.month in (10, 11, 12, 1, 2):
        return 1.2
    if day.month in (3, 9):
        return 1.05
    if day.month in (6, 7):
        return 0.9
    return 1.0


# --- sessions of the past year -----------------------------------------------------------------


def _rule_days(schedule: Schedule, first: date, last: date) -> list[date]:
    rule = schedule.recurrence
    if rule.is_single or rule.count or rule.until or schedule.starts_on <= first:
        return rule.days(first, last)
    # An open weekly rule: the same rule, begun early enough (in step with every n weeks).
    step = 7 * rule.interval_weeks
    weeks_back = ((schedule.starts_on - first).days + step - 1) // step
    earlier = Recurrence(
        starts_on=schedule.starts_on - timedelta(days=weeks_back * step),
        start_time=rule.start_time,
        end_time=rule.end_time,
        weekdays=rule.weekdays,
        interval_weeks=rule.interval_weeks,
    )
    return earlier.days(first, last)


def _past_sessions(offers, first: date, today: date) -> None:
    yesterday = today - timedelta(days=1)
    schedules = Schedule.objects.filter(offer__in=offers)
    existing = set(
        Session.objects.filter(schedule__in=schedules, rule_day__lt=today).values_list(
            "schedule_id", "rule_day"
        )
    )
    new = []
    for schedule in schedules:
        for day in _rule_days(schedule, first, yesterday):
            if (schedule.pk, day) in existing or is_closed(day):
                continue
            occurrence = occurrence_on(day, schedule.start_time, schedule.end_time)
            new.append(
                Session(
                    offer_id=schedule.offer_id,
                    schedule=schedule,
                    rule_day=day,
                    starts_at=occurrence.starts_at,
                    ends_at=occurrence.ends_at,
                    # Rooms are claimed through bookings only; the past holds none.
                    room_id=None,
                )
            )
    Session.objects.bulk_create(new, batch_size=1000)


# --- head counts -------------------------------------------------------------------------------


def _draw(offer: Offer, session: Session) -> float:
    if offer.slug in EVENT_DRAW:
        return EVENT_DRAW[offer.slug]
    if session.schedule_id and session.schedule.recurrence.is_single:
        return 0.8 * offer.capacity if offer.capacity else 50
    if offer.capacity:
        return 0.8 * offer.capacity
    return DRAW.get(offer.category.slug, 10)


def _head_counts(sessions, rng, first: date, this_monday: date) -> list[int]:
    """One head count per session: the offer's draw × the season × a little chance, scaled so
    that the 52 weeks before this one have VISITS_PER_WEEK on average, at most the places."""
    raw = [_draw(s.offer, s) * season(s.rule_day) * rng.uniform(0.8, 1.2) for s in sessions]
    in_year = [first <= s.rule_day < this_monday for s in sessions]
    target = VISITS_PER_WEEK * WEEKS
    scale = target / max(sum(r for r, inside in zip(raw, in_year, strict=True) if inside), 1)
    counts = []
    for _round in range(3):
        counts = [_within_places(s.offer, r * scale) for s, r in zip(sessions, raw, strict=True)]
        total = sum(c for c, inside in zip(counts, in_year, strict=True) if inside)
        if abs(total - target) <= target * 0.01:
            break
        scale *= target / max(total, 1)
    return counts


def _within_places(offer: Offer, value: float) -> int:
    count = max(1, round(value))
    return min(count, offer.capacity) if offer.capacity else count


def _write_attendance(sessions, counts, rng, this_monday: date) -> None:
    check_in_since = this_monday - timedelta(weeks=PER_DATE_WEEKS)
    course_people: list[Registration] = []
    rows = []
    check_in_sessions = []
    for session, count in zip(sessions, counts, strict=True):
        offer = session.offer
        attendance = SessionAttendance(
            session=session,
            offer=offer,
            day=session.rule_day,
            head_count=count,
        )
        if offer.slug == FINISHED_COURSE or (
            offer.slug == PER_DATE_OFFER and session.rule_day >= check_in_since
        ):
            attendance.method = AttendanceMethod.CHECK_IN
            check_in_sessions.append((session, attendance))
        elif rng.random() < 0.35:
            children_share = 0.6 if offer.is_for_children or offer.is_for_families else 0.05
            attendance.children = min(count, round(count * children_share * rng.uniform(0.7, 1)))
            attendance.women = (
                count if offer.is_women_only else min(count, round(count * rng.uniform(0.4, 0.7)))
            )
            attendance.first_visits = min(count, round(count * rng.uniform(0, 0.15)))
        rows.append(attendance)
    if check_in_sessions:
        course_people = _course_registrations()
    check_ins = []
    for session, attendance in check_in_sessions:
        if session.offer.slug == FINISHED_COURSE and course_people:
            present = rng.sample(course_people, min(attendance.head_count, len(course_people)))
        else:
            present = _date_registrations(session, attendance.head_count + rng.randint(0, 2))
            present = present[: attendance.head_count]
        attendance.head_count = len(present)
        check_ins.extend(
            CheckIn(session=session, registration=registration, is_self=rng.random() < 0.3)
            for registration in present
        )
    SessionAttendance.objects.bulk_create(rows, batch_size=1000)
    CheckIn.objects.bulk_create(check_ins, batch_size=1000)


def _course_registrations() -> list[Registration]:
    """The participants of last summer's finished course (invented pseudonyms)."""
    offer = Offer.objects.filter(slug=FINISHED_COURSE).first()
    if offer is None:
        return []
    places = offer.capacity or 12
    return Registration.objects.bulk_create(
        Registration(
            offer=offer,
            name=f"Teilnehmer·in {n} (Beispiel)",
            email=f"sommerkurs-{n}@teilnahme.example",
            language="de",
            status=RegistrationStatus.CONFIRMED,
        )
        for n in range(1, places - 1)
    )


def _date_registrations(session: Session, count: int) -> list[Registration]:
    """Registrations for one date of the cooking evening (invented pseudonyms)."""
    return Registration.objects.bulk_create(
        Registration(
            offer_id=session.offer_id,
            session=session,
            name=f"Gast {n} (Beispiel)",
            email=f"kochabend-{session.rule_day:%Y%m%d}-{n}@teilnahme.example",
            language="de",
            status=RegistrationStatus.CONFIRMED,
        )
        for n in range(1, count + 1)
    )


# --- demography --------------------------------------------------------------------------------


def _demography_profile(today: date) -> None:
    """Erfurt's profile, rounded or invented and marked as sample data (see
    docs/demography-import.md for the real figures' source)."""
    DemographyProfile.objects.get_or_create(
        ags=ERFURT_AGS,
        year=today.year - 1,
        defaults={
            "municipality": "Erfurt",
            "population": 214_000,
            "projected_change": "1.0",
            "projection_year": 2040,
            "demography_type": 5,
            "demography_type_name": "Beispieltyp (erfunden)",
            "share_foreign": "11.0",
            "median_age": "44.0",
            "source": "Beispieldaten (gerundet bzw. erfunden), nach dem Muster des Wegweisers "
            "Kommune – keine amtlichen Zahlen",
        },
    )
