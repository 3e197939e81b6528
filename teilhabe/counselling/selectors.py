"""Reads of counselling. The free slots are derived, never stored: the office-hours dates, cut
into appointments of the office hours' length, for each the counsellors who staff them and are
neither blocked, absent nor already booked."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .models import (
    Appointment,
    Counsellor,
    OfficeHours,
    OfficeHoursDate,
    OfficeHoursMode,
    Outcome,
    Service,
    TicketStatus,
    Topic,
    Unavailability,
    WalkInTicket,
)
from .rules import counselled_service_ids


@dataclass
class Slot:
    starts_at: datetime
    ends_at: datetime
    office_hours_date_id: int
    room_name: str
    counsellors: list[Counsellor] = field(default_factory=list)

    def speakers_of(self, language: str) -> list[Counsellor]:
        return [c for c in self.counsellors if language in (c.languages or [])]

    def is_in_language(self, language: str) -> bool:
        return bool(self.speakers_of(language))

    @property
    def key(self) -> str:
        """How a form names the slot: the date's id and the start in UTC."""
        return f"{self.office_hours_date_id}@{self.starts_at.astimezone(UTC):%Y%m%dT%H%M}"


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(is_active=True).prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
        Prefetch("counsellors", queryset=Counsellor.objects.filter(is_active=True)),
    )


def service_languages(service: Service) -> list[str]:
    """Languages the service's counsellors speak (from prefetched counsellors)."""
    languages = {code for c in service.counsellors.all() if c.is_active for code in c.languages}
    return sorted(languages)


def _dates_between(service_ids, start: datetime, end: datetime, mode: str | None = None):
    dates = OfficeHoursDate.objects.filter(
        office_hours__service_id__in=service_ids,
        office_hours__is_active=True,
        is_cancelled=False,
        starts_at__lt=end,
        ends_at__gt=start,
    )
    if mode:
        dates = dates.filter(office_hours__mode=mode)
    return dates.select_related("office_hours", "room").prefetch_related(
        Prefetch(
            "office_hours__counsellors",
            queryset=Counsellor.objects.filter(is_active=True).select_related("user"),
        )
    )


def free_slots(
    services: list[Service],
    *,
    start: datetime | None = None,
    end: datetime | None = None,
) -> dict[int, list[Slot]]:
    """{service id: free appointment slots between start and end}, in four queries whatever
    the number of services, dates and appointments."""
    now = timezone.now()
    start = max(start or now, now)
    end = end or now + timedelta(days=settings.COUNSELLING_BOOKING_DAYS)
    service_ids = [s.pk for s in services]
    dates = list(_dates_between(service_ids, start, end, OfficeHoursMode.APPOINTMENTS))
    user_ids = {c.user_id for d in dates for c in d.office_hours.counsellors.all()}
    away = defaultdict(list)
    for item in Unavailability.objects.filter(
        user_id__in=user_ids, starts_at__lt=end, ends_at__gt=start
    ):
        away[item.user_id].append((item.starts_at, item.ends_at))
    booked = defaultdict(list)
    for counsellor_id, starts_at, ends_at in Appointment.objects.filter(
        counsellor__user_id__in=user_ids,
        starts_at__lt=end,
        ends_at__gt=start,
        outcome=Outcome.BOOKED,
    ).values_list("counsellor__user_id", "starts_at", "ends_at"):
        booked[counsellor_id].append((starts_at, ends_at))

    slots: dict[int, list[Slot]] = {pk: [] for pk in service_ids}
    for office_date in dates:
        hours = office_date.office_hours
        length = timedelta(minutes=hours.slot_minutes)
        slot_start = office_date.starts_at
        while slot_start + length <= office_date.ends_at:
            slot_end = slot_start + length
            if start <= slot_start and slot_end <= end:
                free = [
                    c
                    for c in hours.counsellors.all()
                    if not _overlaps(away[c.user_id], slot_start, slot_end)
                    and not _overlaps(booked[c.user_id], slot_start, slot_end)
                ]
                if free:
                    slots[hours.service_id].append(
                        Slot(
                            slot_start,
                            slot_end,
                            office_date.pk,
                            office_date.room.name if office_date.room else "",
                            free,
                        )
                    )
            slot_start = slot_end
    for service_slots in slots.values():
        service_slots.sort(key=lambda s: s.starts_at)
    return slots


def _overlaps(intervals, start, end) -> bool:
    return any(s < end and start < e for s, e in intervals)


def next_free_slot(service: Service) -> Slot | None:
    slots = free_slots([service])[service.pk]
    return slots[0] if slots else None


def slots_by_day(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    days: dict[date, list[Slot]] = defaultdict(list)
    for slot in slots:
        days[timezone.localdate(slot.starts_at)].append(slot)
    return sorted(days.items())


def open_walk_in_dates(services, *, day: date | None = None) -> QuerySet[OfficeHoursDate]:
    """Today's (or a day's) open office hours of the given services."""
    day = day or timezone.localdate()
    return (
        OfficeHoursDate.objects.filter(
            office_hours__service__in=services,
            office_hours__mode=OfficeHoursMode.WALK_IN,
            is_cancelled=False,
            starts_at__date=day,
        )
        .select_related("office_hours__service", "room")
        .order_by("starts_at")
    )


def queue(office_hours_date: OfficeHoursDate) -> dict[str, list[WalkInTicket]]:
    """The waiting numbers of one office-hours date by status (one query)."""
    by_status: dict[str, list[WalkInTicket]] = {s: [] for s in TicketStatus.values}
    for ticket in office_hours_date.tickets.select_related("called_by__user", "topic"):
        by_status[ticket.status].append(ticket)
    by_status[TicketStatus.CALLED].sort(key=lambda t: t.called_at, reverse=True)
    return by_status


def appointments_for_desk(service: Service, *, first: date, last: date) -> QuerySet[Appointment]:
    """The appointments of a service between two days, for its counsellors' agenda. Callers
    check `counselling.use_desk` first."""
    return (
        Appointment.objects.filter(
            service=service,
            starts_at__date__gte=first,
            starts_at__date__lte=last,
        )
        .select_related("topic", "counsellor__user", "office_hours_date__room")
        .order_by("starts_at")
    )


def appointments_visible_to(user) -> QuerySet[Appointment]:
    """Every appointment the person may see: those of the services they counsel for."""
    return Appointment.objects.filter(service_id__in=counselled_service_ids(user))


def own_unavailability(user, *, since: datetime | None = None) -> QuerySet[Unavailability]:
    since = since or timezone.now() - timedelta(days=1)
    return Unavailability.objects.filter(user=user, ends_at__gt=since).order_by("starts_at")


def services_counselled_by(user) -> QuerySet[Service]:
    return Service.objects.filter(pk__in=counselled_service_ids(user)).order_by("name")


def active_service(slug: str) -> Service:
    """One active service by its slug, with its topics and counsellors (raises
    Service.DoesNotExist for an unknown or inactive one)."""
    return active_services().get(slug=slug)


def walk_in_dates_ahead(services, *, days: int = 7) -> QuerySet[OfficeHoursDate]:
    """The open (walk-in) office hours of the given services from now for `days` days, in one
    query."""
    now = timezone.now()
    return (
        OfficeHoursDate.objects.filter(
            office_hours__service__in=services,
            office_hours__mode=OfficeHoursMode.WALK_IN,
            office_hours__is_active=True,
            is_cancelled=False,
            ends_at__gt=now,
            starts_at__lt=now + timedelta(days=days),
        )
        .select_related("office_hours", "room")
        .order_by("starts_at")
    )


def desk_services(user, *, first: date, last: date) -> QuerySet[Service]:
    """The services a counsellor counsels for, each with its appointments between two days
    (`desk_appointments`), in two queries whatever the number of services and appointments."""
    appointments = (
        Appointment.objects.filter(starts_at__date__gte=first, starts_at__date__lte=last)
        .select_related("topic", "counsellor__user")
        .order_by("starts_at")
    )
    return services_counselled_by(user).prefetch_related(
        Prefetch("appointments", queryset=appointments, to_attr="desk_appointments")
    )


def front_desk_dates(user, *, day: date | None = None) -> QuerySet[OfficeHoursDate]:
    """Today's open office hours of the services whose front desk a person may run (staff:
    every active service), with the topics the desk offers."""
    from teilhabe.accounts.rules import is_centre_staff

    if is_centre_staff(user):
        services = Service.objects.filter(is_active=True)
    else:
        services = services_counselled_by(user).filter(is_active=True)
    return open_walk_in_dates(services, day=day).prefetch_related(
        Prefetch("office_hours__service__topics", queryset=Topic.objects.order_by("position"))
    )


def services_for_setup() -> QuerySet[Service]:
    """Every service, active or not, with what the set-up overview shows (four queries)."""
    return Service.objects.order_by("-is_active", "name").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("position", "name")),
        Prefetch(
            "counsellors",
            queryset=Counsellor.objects.select_related("user").order_by("user__display_name"),
        ),
        Prefetch(
            "office_hours",
            queryset=OfficeHours.objects.select_related("room")
            .prefetch_related(
                Prefetch("counsellors", queryset=Counsellor.objects.select_related("user"))
            )
            .order_by("-is_active", "starts_on", "start_time"),
        ),
    )


def todays_appointments_by_service(user, *, day: date | None = None) -> list[tuple[Service, int]]:
    """For a counsellor's home page: each service they counsel for, with the number of its
    open appointments today (two queries)."""
    day = day or timezone.localdate()
    counts = dict(
        Appointment.objects.filter(
            service_id__in=counselled_service_ids(user),
            starts_at__date=day,
            outcome=Outcome.BOOKED,
        )
        .values_list("service_id")
        .annotate(n=Count("pk"))
        .values_list("service_id", "n")
    )
    return [(service, counts.get(service.pk, 0)) for service in services_counselled_by(user)]
