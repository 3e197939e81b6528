"""Every write of counselling: services and office hours (staff), bookings (the person, without
an account), the desk (counsellors), the walk-in queue, reminders and retention."""

import hashlib
import re
import secrets
from datetime import UTC, date, datetime, timedelta

from auditlog.signals import accessed
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.accounts.models import Role
from teilhabe.core.mail import send_templated_email
from teilhabe.core.models import Centre
from teilhabe.core.permissions import ensure_allowed
from teilhabe.core.recurrence import centre_today
from teilhabe.core.sms import send_templated_sms
from teilhabe.rooms.models import BookingKind, Room
from teilhabe.rooms.selectors import closures_between
from teilhabe.rooms.services import ensure_room_free_for, hold_room_if_free

from . import interpreting
from .models import (
    Appointment,
    CounsellingRecord,
    Counsellor,
    OfficeHours,
    OfficeHoursDate,
    Outcome,
    Service,
    TicketStatus,
    Topic,
    Unavailability,
    UnavailabilityKind,
    WalkInTicket,
)
from .selectors import free_slots

# --- services, topics, counsellors and office hours (staff) -----------------------------------


def save_service(*, service: Service, by) -> Service:
    ensure_allowed(by, "counselling.manage_services")
    service.full_clean()
    service.save()
    return service


def save_topic(*, topic: Topic, by) -> Topic:
    ensure_allowed(by, "counselling.manage_services")
    topic.full_clean()
    topic.save()
    return topic


def save_counsellor(*, counsellor: Counsellor, by) -> Counsellor:
    """Counsellors are people with the counsellor role: that keeps staff and association
    admins, who must not see appointments, out of every service's desk."""
    ensure_allowed(by, "counselling.manage_services")
    if counsellor.user.role != Role.COUNSELLOR:
        raise ValidationError(
            _("Only people with the counsellor role can counsel. Change their role first.")
        )
    counsellor.full_clean()
    counsellor.save()
    return counsellor


def save_office_hours(*, office_hours: OfficeHours, counsellors, by) -> OfficeHours:
    ensure_allowed(by, "counselling.manage_services")
    office_hours.full_clean()
    if office_hours.until and office_hours.until < office_hours.starts_on:
        raise ValidationError(_("The last date cannot be before the first date."))
    if office_hours.start_time >= office_hours.end_time:
        raise ValidationError(_("Office hours need an end after their start."))
    if any(c.service_id != office_hours.service_id for c in counsellors):
        raise ValidationError(_("Only counsellors of this service can staff its office hours."))
    with transaction.atomic():
        if office_hours.is_active:  # deactivating only releases the room
            _check_room_is_free(office_hours)
        office_hours.save()
        office_hours.counsellors.set(counsellors)
        materialise_office_hours(office_hours=[office_hours])
    return office_hours


def move_topic(*, topic: Topic, up: bool, by) -> None:
    """Swap a topic with its neighbour in the order in which people see them."""
    ensure_allowed(by, "counselling.manage_services")
    with transaction.atomic():
        topics = list(
            Topic.objects.select_for_update()
            .filter(service_id=topic.service_id)
            .order_by("position", "name", "pk")
        )
        index = next(i for i, t in enumerate(topics) if t.pk == topic.pk)
        other = index - 1 if up else index + 1
        if 0 <= other < len(topics):
            topics[index], topics[other] = topics[other], topics[index]
        for position, item in enumerate(topics):
            if item.position != position:
                Topic.objects.filter(pk=item.pk).update(position=position)


def delete_topic(*, topic: Topic, by) -> None:
    """A topic that appointments name stays (rename it instead); the anonymous records of a
    deleted topic keep their other figures."""
    ensure_allowed(by, "counselling.manage_services")
    if Appointment.objects.filter(topic=topic).exists():
        raise ValidationError(
            _("Appointments name this topic, so it cannot be deleted. You can rename it.")
        )
    topic.delete()


def _planned_dates(office_hours: OfficeHours, first: date, last: date, closures):
    for occurrence in office_hours.recurrence.occurrences(first, last):
        closed = any(
            c.starts_on <= occurrence.day <= c.ends_on and c.room_id in (None, office_hours.room_id)
            for c in closures
        )
        yield occurrence, closed


def _check_room_is_free(office_hours: OfficeHours) -> None:
    today = centre_today()
    last = today + timedelta(days=settings.COUNSELLING_HORIZON_DAYS)
    planned = [
        o
        for o, closed in _planned_dates(office_hours, today, last, closures_between(today, last))
        if not closed
    ]
    own = ()
    if office_hours.pk:
        own = OfficeHoursDate.objects.filter(
            office_hours=office_hours, booking__isnull=False
        ).values_list("booking_id", flat=True)
    ensure_room_free_for(
        Room.objects.get(pk=office_hours.room_id),
        [(o.starts_at, o.ends_at) for o in planned],
        own_booking_ids=own,
    )


@translation.override(settings.LANGUAGE_CODE)
def materialise_office_hours(*, office_hours=None, today: date | None = None) -> dict:
    """Bring the stored office-hours dates in line with the rules for today … horizon, each
    holding its room through the house's bookings. A date that disappears or falls on a
    closure cancels its appointments, and the people concerned are told. Idempotent."""
    today = today or centre_today()
    last = today + timedelta(days=settings.COUNSELLING_HORIZON_DAYS)
    rules = OfficeHours.objects.select_related("service", "room")
    if office_hours is not None:
        rules = rules.filter(pk__in=[o.pk for o in office_hours])
    closures = closures_between(today, last)
    created = updated = removed = 0
    with transaction.atomic():
        for hours in rules:
            planned = (
                {o.day: (o, closed) for o, closed in _planned_dates(hours, today, last, closures)}
                if hours.is_active and hours.service.is_active
                else {}
            )
            existing = {
                d.rule_day: d
                for d in OfficeHoursDate.objects.filter(
                    office_hours=hours, rule_day__gte=today
                ).select_related("booking")
            }
            for day, (occurrence, closed) in planned.items():
                office_date = existing.pop(day, None)
                is_new = office_date is None
                if is_new:
                    office_date = OfficeHoursDate(office_hours=hours, rule_day=day)
                before = _date_state(office_date)
                office_date.starts_at, office_date.ends_at = (
                    occurrence.starts_at,
                    occurrence.ends_at,
                )
                office_date.is_cancelled = closed
                _hold_room(office_date, hours)
                if is_new:
                    office_date.save()
                    created += 1
                elif _date_state(office_date) != before:
                    office_date.save()
                    updated += 1
                if closed:
                    _cancel_appointments_of_date(office_date)
            for office_date in existing.values():
                _cancel_appointments_of_date(office_date)
                _hold_room(office_date, hours, release=True)
                if office_date.appointments.exists() or office_date.tickets.exists():
                    office_date.is_cancelled = True
                    office_date.save()
                    updated += 1
                else:
                    office_date.delete()
                    removed += 1
    return {"created": created, "updated": updated, "removed": removed}


def _date_state(office_date: OfficeHoursDate) -> tuple:
    return (
        office_date.starts_at,
        office_date.ends_at,
        office_date.room_id,
        office_date.booking_id,
        office_date.is_cancelled,
        office_date.has_room_conflict,
    )


def _hold_room(office_date: OfficeHoursDate, hours: OfficeHours, *, release=False) -> None:
    room = None if release else hours.room
    office_date.booking, office_date.has_room_conflict = hold_room_if_free(
        booking=office_date.booking,
        room=room,
        starts_at=office_date.starts_at,
        ends_at=office_date.ends_at,
        purpose=hours.service.name_de or hours.service.name,
        kind=BookingKind.OFFICE_HOURS,
        cancelled=office_date.is_cancelled or release,
    )
    office_date.room = None if office_date.has_room_conflict else room


def _cancel_appointments_of_date(office_date: OfficeHoursDate) -> None:
    if office_date.pk is None:
        return
    for appointment in office_date.appointments.filter(outcome=Outcome.BOOKED):
        _cancel(appointment, by_service=True)


# --- booking by the person seeking advice ------------------------------------------------------

CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z)
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/.-]{6,25}$")


def normalise_code(text: str) -> str:
    """'abc 7de', 'ABC-7DE' and 'abc7de' all name the code 'ABC-7DE'."""
    raw = re.sub(r"[^A-Za-z0-9]", "", text or "").upper()
    return f"{raw[:3]}-{raw[3:]}" if len(raw) == 6 else raw


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    return f"{raw[:3]}-{raw[3:]}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_contact(text: str) -> str:
    """One way to reach the person: an e-mail address or a phone number."""
    text = (text or "").strip()
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(
                _("Please check the e-mail address."), code="invalid_contact"
            ) from None
        return text.lower()
    digits = re.sub(r"\D", "", text)
    if not PHONE_PATTERN.match(text) or not 6 <= len(digits) <= 20:
        raise ValidationError(
            _("Please give an e-mail address or a phone number."), code="invalid_contact"
        )
    return text


def parse_slot_key(key: str) -> tuple[int, datetime]:
    try:
        date_id, _at, moment = (key or "").partition("@")
        starts_at = datetime.strptime(moment, "%Y%m%dT%H%M").replace(tzinfo=UTC)
        return int(date_id), starts_at
    except ValueError:
        raise ValidationError(_("Please choose a time."), code="no_slot") from None


def book_appointment(
    *,
    service: Service,
    topic: Topic,
    slot_key: str,
    name: str,
    contact: str,
    language: str,
    needs_interpreter: bool,
) -> tuple[Appointment, str]:
    """Book a free slot for a person. Returns the appointment and the secret token of its
    cancellation link (only its hash is stored). Under parallel bookings of the same slot the
    office-hours date is locked, and the database refuses a second appointment for the same
    counsellor and time."""
    if topic.service_id != service.pk:
        raise ValidationError(_("Please choose a topic of this service."), code="topic")
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Please give a first name or a pseudonym."), code="name")
    contact = clean_contact(contact)
    date_id, starts_at = parse_slot_key(slot_key)
    taken = ValidationError(
        _("Sorry, this time has just been taken. Please choose another one."), code="taken"
    )
    with transaction.atomic():
        office_date = (
            OfficeHoursDate.objects.select_for_update()
            .select_related("office_hours")
            .filter(pk=date_id, office_hours__service=service)
            .first()
        )
        if office_date is None:
            raise taken
        length = timedelta(minutes=office_date.office_hours.slot_minutes)
        slot = next(
            (
                s
                for s in free_slots([service], start=starts_at, end=starts_at + length)[service.pk]
                if s.starts_at == starts_at and s.office_hours_date_id == office_date.pk
            ),
            None,
        )
        if slot is None:
            raise taken
        counsellor = (slot.speakers_of(language) or slot.counsellors)[0]
        record = CounsellingRecord.objects.create(
            service=service,
            topic=topic,
            language=language,
            month=timezone.localdate(starts_at).replace(day=1),
            is_walk_in=False,
            needs_interpreter=needs_interpreter,
            outcome=Outcome.BOOKED,
            days_waited=(timezone.localdate(starts_at) - centre_today()).days,
        )
        token = secrets.token_urlsafe(24)
        appointment = Appointment(
            service=service,
            topic=topic,
            counsellor=counsellor,
            office_hours_date=office_date,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            name=name[:80],
            contact=contact,
            language=language,
            needs_interpreter=needs_interpreter,
            token_hash=_hash(token),
            record=record,
        )
        for _attempt in range(5):
            appointment.code = _new_code()
            try:
                with transaction.atomic():
                    appointment.save()
                break
            except IntegrityError:
                if Appointment.objects.filter(code=appointment.code).exists():
                    continue  # a code collision: draw another
                raise taken from None
        if needs_interpreter and language not in (counsellor.languages or []):
            interpreting.request_for(appointment)
        _tell(appointment, "booked", token=token)
    return appointment, token


def appointment_from_token(token: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("service", "topic", "office_hours_date__room")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if appointment is None:
        raise ValidationError(
            _("We found no booking for this link. It may have been deleted."), code="invalid"
        )
    return appointment


def appointment_from_code(code: str) -> Appointment:
    appointment = (
        Appointment.objects.select_related("service", "topic", "office_hours_date__room")
        .filter(code=normalise_code(code))
        .first()
    )
    if appointment is None:
        raise ValidationError(
            _("We found no booking with this code. Please check it."), code="invalid"
        )
    return appointment


def new_link_for(appointment: Appointment) -> str:
    """A fresh cancellation token for a person who proved they hold the code (the old link
    stops working)."""
    token = secrets.token_urlsafe(24)
    Appointment.objects.filter(pk=appointment.pk).update(token_hash=_hash(token))
    appointment.token_hash = _hash(token)
    return token


def cancel_by_person(*, appointment: Appointment) -> Appointment:
    if not appointment.is_active:
        raise ValidationError(_("This appointment is no longer open."), code="closed")
    if appointment.starts_at <= timezone.now():
        raise ValidationError(_("This appointment has already begun."), code="past")
    with transaction.atomic():
        _cancel(appointment, by_service=False)
    return appointment


def delete_by_person(*, appointment: Appointment) -> None:
    """The person deletes their booking: an open one is cancelled first, then everything
    personal is gone at once; the anonymous record stays."""
    with transaction.atomic():
        if appointment.is_active and appointment.starts_at > timezone.now():
            _cancel(appointment, by_service=False, tell=False)
        _erase(appointment)


def personal_data_of(appointment: Appointment) -> dict:
    """What a person downloads with their code: their booking, without the counsellor's
    note (which never leaves the desk)."""
    return {
        "code": appointment.code,
        "service": appointment.service.name,
        "topic": appointment.topic.name,
        "starts_at": timezone.localtime(appointment.starts_at).isoformat(),
        "ends_at": timezone.localtime(appointment.ends_at).isoformat(),
        "status": appointment.outcome,
        "name": appointment.name,
        "contact": appointment.contact,
        "language": appointment.language,
        "needs_interpreter": appointment.needs_interpreter,
        "booked_at": timezone.localtime(appointment.created_at).isoformat(),
        "deleted_automatically_after": (
            timezone.localdate(appointment.ends_at)
            + timedelta(days=settings.COUNSELLING_RETENTION_DAYS)
        ).isoformat(),
    }


def _cancel(appointment: Appointment, *, by_service: bool, tell: bool = True) -> None:
    appointment.outcome = Outcome.CANCELLED
    appointment.cancelled_by_service = by_service
    appointment.save(update_fields=["outcome", "cancelled_by_service", "updated_at"])
    CounsellingRecord.objects.filter(pk=appointment.record_id).update(outcome=Outcome.CANCELLED)
    interpreting.withdraw_for(appointment)
    if tell:
        _tell(appointment, "cancelled_by_service" if by_service else "cancelled")


def _tell(appointment: Appointment, event: str, token: str | None = None) -> None:
    """Mail or text the person in their language; by text only where a gateway is set up
    (otherwise the service calls them)."""
    language = appointment.language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    context = {
        "appointment": appointment,
        "service": appointment.service,
        "room": appointment.office_hours_date.room if appointment.office_hours_date else None,
        "site_url": settings.SITE_URL,
        "link": (
            settings.SITE_URL
            + translation.override(language)(reverse)(
                "counselling:booking", kwargs={"token": token}
            )
            if token
            else None
        ),
        "book_url": settings.SITE_URL
        + translation.override(language)(reverse)(
            "counselling:book", kwargs={"slug": appointment.service.slug}
        ),
        "lookup_url": settings.SITE_URL
        + translation.override(language)(reverse)("counselling:lookup"),
        "retention_days": settings.COUNSELLING_RETENTION_DAYS,
        "centre_address": Centre.current().address,
    }
    if appointment.is_reached_by_email:
        send_templated_email(
            to=[appointment.contact],
            subject_template=f"counselling/mail/{event}_subject.txt",
            body_template=f"counselling/mail/{event}_body.txt",
            context=context,
            language=language,
        )
    else:
        send_templated_sms(
            to=appointment.contact,
            template=f"counselling/sms/{event}.txt",
            context=context,
            language=language,
        )


# --- the desk (counsellors of the service) --------------------------------------------------


def open_appointment(*, appointment: Appointment, by) -> Appointment:
    """A counsellor opens an appointment: allowed only for the service's counsellors, and
    logged in the audit trail."""
    ensure_allowed(by, "counselling.view_appointment", appointment)
    accessed.send(sender=Appointment, instance=appointment)
    return appointment


def open_appointments(*, appointments, by) -> list[Appointment]:
    """open_appointment for a list (the API's agenda): each appointment is checked, and each
    reading is logged in the audit trail like the `accessed` signal does — with `by` as the
    actor (a token-authenticated caller is unknown to the audit middleware), in one insert
    whatever the number."""
    from auditlog.cid import get_cid
    from auditlog.context import auditlog_value
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    appointments = list(appointments)
    for appointment in appointments:
        ensure_allowed(by, "counselling.view_appointment", appointment)
    if not appointments:
        return appointments
    context = auditlog_value.get({})
    content_type = ContentType.objects.get_for_model(Appointment)
    cid = get_cid()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(appointment.pk),
                object_id=appointment.pk,
                object_repr=str(appointment),
                action=LogEntry.Action.ACCESS,
                actor=by,
                actor_email=getattr(by, "email", None),
                remote_addr=context.get("remote_addr"),
                remote_port=context.get("remote_port"),
                cid=cid,
            )
            for appointment in appointments
        ]
    )
    return appointments


def record_outcome(*, appointment: Appointment, outcome: str, by) -> Appointment:
    ensure_allowed(by, "counselling.change_appointment", appointment)
    if outcome not in (Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.BOOKED):
        raise ValidationError(_("This is not a possible outcome."))
    if appointment.outcome == Outcome.CANCELLED:
        raise ValidationError(_("This appointment was cancelled."))
    if outcome != Outcome.BOOKED and appointment.starts_at > timezone.now():
        raise ValidationError(_("This appointment has not begun yet."))
    with transaction.atomic():
        appointment.outcome = outcome
        appointment.save(update_fields=["outcome", "updated_at"])
        CounsellingRecord.objects.filter(pk=appointment.record_id).update(outcome=outcome)
    return appointment


def save_note(*, appointment: Appointment, note: str, by) -> Appointment:
    ensure_allowed(by, "counselling.change_appointment", appointment)
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError(_("A case note can have at most 2000 characters."))
    changed = note != appointment.note
    appointment.note = note
    appointment.save(update_fields=["note", "updated_at"])
    if changed:
        # The audit trail keeps that the note changed (who, when), never the note itself:
        # auditlog excludes the field, so the entry is written here with masked values.
        from auditlog.models import LogEntry

        LogEntry.objects.log_create(
            appointment,
            action=LogEntry.Action.UPDATE,
            changes={"note": ["•••", "•••"]},
            actor=by,
        )
    return appointment


def cancel_by_service(*, appointment: Appointment, by) -> Appointment:
    ensure_allowed(by, "counselling.change_appointment", appointment)
    if not appointment.is_active:
        raise ValidationError(_("This appointment is no longer open."))
    with transaction.atomic():
        _cancel(appointment, by_service=True)
    return appointment


def add_unavailability(
    *, user, kind: str, starts_at: datetime, ends_at: datetime, by
) -> tuple[Unavailability, list[Appointment]]:
    """A counsellor blocks time (no new bookings) or is absent (their appointments in that time
    are cancelled and the people told). Returns the cancelled appointments."""
    ensure_allowed(by, "counselling.manage_own_availability")
    if by.pk != user.pk:
        raise ValidationError(_("You can only change your own availability."))
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."))
    with transaction.atomic():
        item = Unavailability.objects.create(
            user=user, kind=kind, starts_at=starts_at, ends_at=ends_at
        )
        cancelled = []
        if kind == UnavailabilityKind.ABSENT:
            for appointment in Appointment.objects.select_for_update().filter(
                counsellor__user=user,
                outcome=Outcome.BOOKED,
                starts_at__lt=ends_at,
                ends_at__gt=starts_at,
            ):
                _cancel(appointment, by_service=True)
                cancelled.append(appointment)
    return item, cancelled


def remove_unavailability(*, item: Unavailability, by) -> None:
    if item.user_id != by.pk:
        raise ValidationError(_("You can only change your own availability."))
    item.delete()


# --- the walk-in queue ------------------------------------------------------------------------


def draw_ticket(
    *,
    office_hours_date: OfficeHoursDate,
    language: str,
    topic: Topic | None = None,
    needs_interpreter: bool = False,
    by,
) -> WalkInTicket:
    """The front desk gives the next number. Numbers count from 1 for each date; the date's row
    is locked so that parallel desks never hand out the same number."""
    service = office_hours_date.office_hours.service
    ensure_allowed(by, "counselling.run_front_desk", service)
    if topic is not None and topic.service_id != service.pk:
        raise ValidationError(_("Please choose a topic of this service."))
    with transaction.atomic():
        OfficeHoursDate.objects.select_for_update().filter(pk=office_hours_date.pk).first()
        last = office_hours_date.tickets.aggregate(last=Max("number"))["last"] or 0
        record = CounsellingRecord.objects.create(
            service=service,
            topic=topic,
            language=language,
            month=timezone.localdate(office_hours_date.starts_at).replace(day=1),
            is_walk_in=True,
            needs_interpreter=needs_interpreter,
            outcome=Outcome.BOOKED,
        )
        return WalkInTicket.objects.create(
            office_hours_date=office_hours_date,
            number=last + 1,
            topic=topic,
            language=language,
            needs_interpreter=needs_interpreter,
            record=record,
        )


def call_next(*, office_hours_date: OfficeHoursDate, by) -> WalkInTicket | None:
    """A counsellor calls the next waiting number (the lowest). None when nobody waits."""
    service = office_hours_date.office_hours.service
    ensure_allowed(by, "counselling.use_desk", service)
    counsellor = Counsellor.objects.get(service=service, user=by)
    with transaction.atomic():
        ticket = (
            office_hours_date.tickets.select_for_update()
            .filter(status=TicketStatus.WAITING)
            .order_by("number")
            .first()
        )
        if ticket is None:
            return None
        now = timezone.now()
        ticket.status = TicketStatus.CALLED
        ticket.called_by = counsellor
        ticket.called_at = now
        ticket.save(update_fields=["status", "called_by", "called_at"])
        waited = int((now - ticket.created_at).total_seconds() // 60)
        CounsellingRecord.objects.filter(pk=ticket.record_id).update(
            minutes_waited=min(waited, 32767)
        )
    return ticket


def finish_ticket(*, ticket: WalkInTicket, status: str, by) -> WalkInTicket:
    """Served, or left before their turn (the desk's call); both end the ticket."""
    service = ticket.office_hours_date.office_hours.service
    ensure_allowed(by, "counselling.use_desk", service)
    if status not in (TicketStatus.SERVED, TicketStatus.LEFT):
        raise ValidationError(_("This is not a possible outcome."))
    with transaction.atomic():
        ticket.status = status
        ticket.save(update_fields=["status"])
        CounsellingRecord.objects.filter(pk=ticket.record_id).update(
            outcome=Outcome.ATTENDED if status == TicketStatus.SERVED else Outcome.LEFT
        )
    return ticket


# --- reminders and retention (periodic tasks) ------------------------------------------------


def send_appointment_reminders(*, now: datetime | None = None) -> int:
    """Remind people of tomorrow's appointments, once: the reminder is claimed with a
    conditional update, so two workers never send it twice."""
    now = now or timezone.now()
    due = Appointment.objects.filter(
        outcome=Outcome.BOOKED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=settings.COUNSELLING_REMINDER_HOURS),
    ).select_related("service", "office_hours_date__room")
    sent = 0
    for appointment in due:
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                _tell(appointment, "reminder")
                sent += 1
    return sent


def erase_expired_appointments(*, now: datetime | None = None) -> int:
    """Delete the appointments whose retention time has passed (and old walk-in numbers):
    what remains are their anonymous records."""
    now = now or timezone.now()
    limit = now - timedelta(days=settings.COUNSELLING_RETENTION_DAYS)
    expired = list(Appointment.objects.filter(ends_at__lt=limit))
    with transaction.atomic():
        for appointment in expired:
            _erase(appointment)
        WalkInTicket.objects.filter(office_hours_date__ends_at__lt=limit).delete()
    return len(expired)


def _erase(appointment: Appointment) -> None:
    interpreting.withdraw_for(appointment)
    appointment.delete()
