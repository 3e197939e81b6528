"""The joint programme as a source of the semester planner (rooms.planner): its weekly
schedules become the round's requests, and an applied placement becomes the offer's schedule
for the round. Registered in ProgrammeConfig.ready().

One request per weekly schedule and weekday: a course on Monday and Wednesday is two weekly
dates the planner may put in different rooms. A request keeps the schedule's id, so applying
knows which schedule it replaces and how often it repeats (every week, every other week)."""

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.rooms.planner.models import PlanningRound

from . import services
from .models import OfferStatus, Schedule, Session

SOURCE_KEY = "programme.schedule"
OTHER_WEEKDAYS = range(5)  # the same time on the other days Monday to Friday …
OTHER_WEEKDAY_PREFERENCE = 3  # … is acceptable, the weekday so far is best
SAMPLE_TIME_LIMIT_SECONDS = 10


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _schedules_to_plan(round: PlanningRound):
    """The weekly schedules of published offers that run into the round: started before it,
    with no end or an end inside it or later. Courses with a fixed number of dates run as
    planned and are left out."""
    schedules = (
        Schedule.objects.filter(
            offer__status=OfferStatus.PUBLISHED,
            starts_on__lt=round.starts_on,
            count__isnull=True,
        )
        .filter(Q(until__isnull=True) | Q(until__gte=round.starts_on))
        .select_related("offer", "room")
        .prefetch_related("room__equipment")
        .order_by("offer__title", "pk")
    )
    return [s for s in schedules if s.weekdays]


def collect(round: PlanningRound) -> list[dict]:
    """What every weekly date of the programme needs, with where it is now."""
    rows = []
    for schedule in _schedules_to_plan(round):
        offer, room = schedule.offer, schedule.room
        start = _minutes(schedule.start_time)
        duration = _minutes(schedule.end_time) - start
        if duration < 15:  # runs past midnight, or too short to plan
            continue
        end = start + duration
        if end >= 24 * 60:
            continue
        participants = offer.capacity or (room.capacity if room else 0) or 1
        equipment = [item.slug for item in room.equipment.all()] if room else []
        for weekday in sorted(set(schedule.weekdays)):
            windows = [
                {
                    "weekday": weekday,
                    "start": _clock(start),
                    "end": _clock(end),
                    "preference": 10,
                }
            ] + [
                {
                    "weekday": other,
                    "start": _clock(start),
                    "end": _clock(end),
                    "preference": OTHER_WEEKDAY_PREFERENCE,
                }
                for other in OTHER_WEEKDAYS
                if other != weekday
            ]
            rows.append(
                {
                    "title": offer.title_de or offer.title,
                    "association_id": offer.lead_association_id,
                    "participants": participants,
                    "duration_minutes": duration,
                    "equipment": equipment,
                    "needs_step_free": offer.is_step_free,
                    "windows": windows,
                    "persons": [offer.contact_name] if offer.contact_name else [],
                    "previous_room_id": schedule.room_id,
                    "previous_weekday": weekday,
                    "previous_start": schedule.start_time,
                    "source_id": schedule.pk,
                }
            )
    return rows


def held_bookings(round: PlanningRound, requests) -> list[int]:
    """The bookings of the planned schedules' sessions in the round: they go when the round is
    applied, so the planner may use their rooms and times."""
    return list(
        Session.objects.filter(
            schedule_id__in={r.source_id for r in requests},
            booking__isnull=False,
            starts_at__gte=local_datetime(round.starts_on, time(0)),
        ).values_list("booking_id", flat=True)
    )


def prepare(round: PlanningRound, requests, by) -> None:
    """End the planned schedules (placed or not) the day before the round starts; their
    sessions in the round go and free their rooms before the new schedules are saved."""
    last_day = round.starts_on - timedelta(days=1)
    schedules = Schedule.objects.filter(pk__in={r.source_id for r in requests}).select_related(
        "offer", "room"
    )
    for schedule in schedules:
        if schedule.until is not None and schedule.until <= last_day:
            continue
        schedule.until = last_day
        services.save_schedule(schedule=schedule, by=by)


def apply(request, placement, round: PlanningRound, by) -> None:
    """The offer's new schedule for the round: the placement's room, weekday and time, as
    often as before."""
    try:
        old = Schedule.objects.select_related("offer").get(pk=request.source_id)
    except Schedule.DoesNotExist:
        raise ValidationError(_("Its schedule in the programme no longer exists.")) from None
    services.save_schedule(
        schedule=Schedule(
            offer=old.offer,
            starts_on=round.starts_on,
            until=round.ends_on,
            weekdays=[placement.weekday],
            interval_weeks=old.interval_weeks,
            start_time=placement.start_time,
            end_time=placement.end_time,
            room=placement.room,
        ),
        by=by,
    )


# --- the sample centre ---------------------------------------------------------------------------


def sample_semester(today: date) -> tuple[str, date, date]:
    """The coming summer semester: 1 March – 31 July of this year, or of next year once this
    year's has begun."""
    year = today.year if today < date(today.year, 3, 1) else today.year + 1
    return f"Sommersemester {year}", date(year, 3, 1), date(year, 7, 31)


def build_sample_round(context) -> None:
    """A planner run for the coming semester, solved and ready to look at (not applied).
    Built once: a second run finds the round and leaves it as it is."""
    from teilhabe.accounts.models import Role, User
    from teilhabe.rooms.planner import services as planner

    name, starts_on, ends_on = sample_semester(centre_today())
    if PlanningRound.objects.filter(name=name).exists():
        return
    staff = User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk").first()
    if staff is None:
        return
    round = planner.create_round(name=name, starts_on=starts_on, ends_on=ends_on, by=staff)
    planner.collect_requests(round=round, by=staff, source_key=SOURCE_KEY)
    if round.requests.exists():
        planner.solve_round(
            round=round, by=staff, solver="cp-sat", time_limit_s=SAMPLE_TIME_LIMIT_SECONDS
        )
