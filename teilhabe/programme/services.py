"""Every write of the joint programme: offers, schedules, sessions and registrations."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from teilhabe.core.cache import invalidate_public_pages
from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed as _ensure
from teilhabe.core.recurrence import centre_today, occurrence_on
from teilhabe.core.translations import translated
from teilhabe.rooms.models import BookingKind, Room
from teilhabe.rooms.selectors import closures_between
from teilhabe.rooms.services import ensure_room_free_for, hold_room_if_free

from .models import (
    ExceptionKind,
    Offer,
    OfferStatus,
    Registration,
    RegistrationMode,
    RegistrationScope,
    RegistrationStatus,
    Schedule,
    ScheduleException,
    Session,
)

TOKEN_SALT = "programme.registration"


def _changed() -> None:
    transaction.on_commit(invalidate_public_pages)


# --- offers ----------------------------------------------------------------------------------


@transaction.atomic
def save_offer(*, offer: Offer, by, co_hosts=None) -> Offer:
    """Create or update an offer (the form has put its values on the instance). Whoever saves
    must be allowed to change the offer as stored and as it will be: nobody hands an offer to,
    or creates one for, a lead association they do not administer."""
    if offer.pk:
        _ensure(by, "programme.change_offer", Offer.objects.get(pk=offer.pk))
    else:
        _ensure(by, "programme.add_offer")
    _ensure(by, "programme.change_offer", offer)
    if not offer.slug:
        offer.slug = _free_slug(offer.title_de or offer.title)
    offer.full_clean()
    offer.save()
    if co_hosts is not None:
        offer.co_hosts.set([a for a in co_hosts if a.pk != offer.lead_association_id])
    _promote_after_more_places(offer)
    _changed()
    return offer


def _promote_after_more_places(offer: Offer) -> None:
    """When a host adds places, those waiting move up at once, in their order."""
    if offer.pk is None or offer.registration_mode == RegistrationMode.NONE:
        return
    waiting = Registration.objects.filter(offer=offer, status=RegistrationStatus.WAITING)
    if not waiting.exists():
        return
    locked = _lock_offer(offer.pk)
    if locked.registration_scope == RegistrationScope.SESSION:
        for session in Session.objects.filter(pk__in=waiting.values("session_id")):
            _promote_waiting(locked, session)
    else:
        _promote_waiting(locked, None)


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def _free_slug(title: str) -> str:
    """An address for a new offer from its German title: "Frauencafé" → "frauencafe", then
    "frauencafe-2" … when it is taken."""
    base = slugify(title.translate(_UMLAUTS))[:90].strip("-") or "angebot"
    taken = set(Offer.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def set_offer_status(*, offer: Offer, status: str, by) -> Offer:
    _ensure(by, "programme.change_offer", offer)
    if status not in OfferStatus.values:
        raise ValidationError(_("This status does not exist."))
    offer.status = status
    offer.save(update_fields=["status", "updated_at"])
    if status == OfferStatus.PUBLISHED:
        materialise_sessions(offers=[offer])
    _changed()
    return offer


@transaction.atomic
def save_schedule(*, schedule: Schedule, by) -> Schedule:
    _ensure(by, "programme.change_offer", schedule.offer)
    schedule.full_clean()
    _check_schedule(schedule)
    _check_room_is_free(schedule)
    schedule.save()
    materialise_sessions(offers=[schedule.offer])
    _changed()
    return schedule


def _check_room_is_free(schedule: Schedule) -> None:
    """Refuse a schedule whose room is taken on some of its dates (within the horizon), and
    say which dates and by what — the host can then choose another room or time."""
    if schedule.room is None:
        return
    today = centre_today()
    last = today + timedelta(days=settings.PROGRAMME_HORIZON_DAYS)
    planned = [
        p
        for p in planned_sessions(schedule, today, last, closures_between(today, last))
        if not p.is_cancelled and p.room_id == schedule.room_id
    ]
    own = Session.objects.filter(offer_id=schedule.offer_id, booking__isnull=False).values_list(
        "booking_id", flat=True
    )
    ensure_room_free_for(
        schedule.room, [(p.starts_at, p.ends_at) for p in planned], own_booking_ids=own
    )


def _check_schedule(schedule: Schedule) -> None:
    if any(day not in range(7) for day in schedule.weekdays or []):
        raise ValidationError(_("Weekdays must be between Monday and Sunday."))
    if schedule.until and schedule.until < schedule.starts_on:
        raise ValidationError(_("The last date cannot be before the first date."))
    if schedule.until and schedule.count:
        # dateutil deprecates rules with both, and RFC 5545 forbids them.
        raise ValidationError(_("Give either a last date or a number of dates, not both."))
    if schedule.start_time == schedule.end_time:
        raise ValidationError(_("A date needs an end after its start."))


@transaction.atomic
def add_schedule_exception(*, exception: ScheduleException, by) -> ScheduleException:
    _ensure(by, "programme.change_offer", exception.schedule.offer)
    exception.full_clean()
    exception.save()
    materialise_sessions(offers=[exception.schedule.offer])
    _changed()
    return exception


# --- sessions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSession:
    rule_day: date
    starts_at: object
    ends_at: object
    room_id: int | None
    is_cancelled: bool
    is_moved: bool
    note: str


def planned_sessions(schedule: Schedule, first: date, last: date, closures) -> list[PlannedSession]:
    """What the schedule says for [first, last], with its exceptions and the house's closures
    applied. Pure: no writes."""
    exceptions = {e.day: e for e in schedule.exceptions.all()} if schedule.pk else {}
    planned = []
    for occurrence in schedule.recurrence.occurrences(first, last):
        exception = exceptions.get(occurrence.day)
        room_id, cancelled, moved, note = schedule.room_id, False, False, ""
        starts_at, ends_at = occurrence.starts_at, occurrence.ends_at
        if exception and exception.kind == ExceptionKind.CANCELLED:
            cancelled, note = True, exception.note
        elif exception and exception.kind == ExceptionKind.MOVED:
            moved_occurrence = occurrence_on(
                exception.moved_to,
                exception.moved_start_time or schedule.start_time,
                exception.moved_end_time or schedule.end_time,
            )
            starts_at, ends_at = moved_occurrence.starts_at, moved_occurrence.ends_at
            room_id = exception.moved_room_id or room_id
            moved, note = True, exception.note
        day = timezone.localdate(starts_at)
        closure = next(
            (
                c
                for c in closures
                if c.starts_on <= day <= c.ends_on and (c.room_id in (None, room_id))
            ),
            None,
        )
        if closure and not cancelled:
            cancelled, note = True, closure.reason
        planned.append(
            PlannedSession(occurrence.day, starts_at, ends_at, room_id, cancelled, moved, note)
        )
    return planned


# Notes are copied from exceptions and closures in German, whatever language the caller runs
# in, so that a run never rewrites sessions only because its language differs.
@translation.override(settings.LANGUAGE_CODE)
def materialise_sessions(
    *, offers=None, today: date | None = None, horizon_days: int | None = None
):
    """Bring the stored sessions in line with the schedules for today … today + horizon.
    Dates that no longer follow from a schedule are deleted, or, when people registered for
    them, kept as cancelled. Idempotent; run by a periodic task and after every change."""
    today = today or centre_today()
    last = today + timedelta(days=horizon_days or settings.PROGRAMME_HORIZON_DAYS)
    # From Monday on, so that the week shown as "this week" is whole.
    today = today - timedelta(days=today.weekday())
    schedules = Schedule.objects.filter(offer__status=OfferStatus.PUBLISHED).prefetch_related(
        "exceptions"
    )
    if offers is not None:
        schedules = schedules.filter(offer__in=[o.pk for o in offers])
    closures = closures_between(today, last)
    created = updated = removed = 0
    with transaction.atomic():
        for schedule in schedules.select_related("offer", "room"):
            planned = {p.rule_day: p for p in planned_sessions(schedule, today, last, closures)}
            existing = {
                s.rule_day: s
                for s in Session.objects.filter(
                    schedule=schedule, rule_day__gte=today
                ).select_related("booking")
            }
            rooms = {
                r.pk: r
                for r in Room.objects.filter(pk__in={p.room_id for p in planned.values()} - {None})
            }
            for rule_day, plan in planned.items():
                session = existing.pop(rule_day, None)
                is_new = session is None
                if is_new:
                    session = Session(
                        offer_id=schedule.offer_id, schedule=schedule, rule_day=rule_day
                    )
                before = _session_state(session)
                session.starts_at, session.ends_at = plan.starts_at, plan.ends_at
                session.is_cancelled, session.is_moved = plan.is_cancelled, plan.is_moved
                session.note = plan.note
                _hold_room_for_session(session, rooms.get(plan.room_id), schedule.offer)
                if is_new:
                    session.save()
                    created += 1
                elif _session_state(session) != before:
                    session.save()
                    updated += 1
            for session in existing.values():
                _hold_room_for_session(session, None, schedule.offer)
                if session.registrations.exists():
                    session.is_cancelled = True
                    session.save()
                    updated += 1
                else:
                    session.delete()
                    removed += 1
    if created or updated or removed:
        _changed()
    return {"created": created, "updated": updated, "removed": removed}


def _session_state(session: Session) -> tuple:
    return (
        session.starts_at,
        session.ends_at,
        session.room_id,
        session.booking_id,
        session.is_cancelled,
        session.is_moved,
        session.note,
        session.has_room_conflict,
    )


def _hold_room_for_session(session: Session, room, offer: Offer) -> None:
    """Book the session's room through the house's bookings. When someone else has it, the
    session stays in the programme without a room, flagged for the host."""
    session.booking, session.has_room_conflict = hold_room_if_free(
        booking=session.booking,
        room=room,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        purpose=offer.title_de or offer.title,
        association=offer.lead_association,
        kind=BookingKind.SESSION,
        cancelled=session.is_cancelled,
    )
    session.room = None if session.has_room_conflict else room


# --- registrations ---------------------------------------------------------------------------


def places_taken(offer: Offer, session: Session | None) -> int:
    registrations = Registration.objects.filter(offer=offer, status=RegistrationStatus.CONFIRMED)
    if offer.registration_scope == RegistrationScope.SESSION:
        registrations = registrations.filter(session=session)
    return registrations.aggregate(total=Sum("persons"))["total"] or 0


def _lock_offer(offer_id: int) -> Offer:
    # The offer row is the lock for its places: parallel registrations and cancellations for
    # one offer queue here (PostgreSQL row lock; SQLite serialises all writers anyway).
    return Offer.objects.select_for_update().get(pk=offer_id)


@transaction.atomic
def register_for_offer(
    *,
    offer: Offer,
    session: Session | None = None,
    name: str,
    email: str = "",
    phone: str = "",
    persons: int = 1,
    needs_childcare: bool = False,
    needs_interpreting: bool = False,
    note: str = "",
    language: str = "de",
    user=None,
) -> Registration:
    """Register for an offer (or one session of it): a place if there is one, otherwise the
    waiting list. Never more confirmed persons than places, whatever runs in parallel."""
    offer = _lock_offer(offer.pk)
    if not offer.takes_registrations:
        raise ValidationError(_("This offer does not take registrations."))
    if offer.registration_scope == RegistrationScope.SESSION:
        if session is None or session.offer_id != offer.pk:
            raise ValidationError(_("Please choose a date."))
        if session.is_cancelled or session.starts_at <= timezone.now():
            raise ValidationError(_("This date is cancelled or already over."))
    else:
        session = None
    if not (email or phone):
        raise ValidationError(_("Please give an e-mail address or a phone number."))
    if offer.capacity and persons > offer.capacity:
        raise ValidationError(
            _("This offer has only %(places)s places in all.") % {"places": offer.capacity}
        )
    # Places may have been added since the last cancellation: those waiting come first.
    _promote_waiting(offer, session)
    free = (offer.capacity or 0) - places_taken(offer, session)
    status = RegistrationStatus.CONFIRMED if persons <= free else RegistrationStatus.WAITING
    registration = Registration(
        offer=offer,
        session=session,
        name=name,
        email=email,
        phone=phone,
        persons=persons,
        needs_childcare=needs_childcare,
        needs_interpreting=needs_interpreting,
        note=note,
        language=language,
        status=status,
        user=user if user is not None and user.is_authenticated else None,
    )
    registration.full_clean()
    registration.save()
    _notify(registration, "confirmed" if status == RegistrationStatus.CONFIRMED else "waiting")
    # No public page shows places, so registrations leave the page cache alone (emptying it
    # on every registration made the catalogue render afresh for everyone under load).
    return registration


@transaction.atomic
def cancel_registration(*, registration: Registration) -> list[Registration]:
    """Cancel; whoever waits first and fits gets the freed places and is told. Returns the
    registrations that were promoted."""
    offer = _lock_offer(registration.offer_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _notify(registration, "cancelled")
    promoted = _promote_waiting(offer, registration.session) if was_confirmed else []
    return promoted


def _promote_waiting(offer: Offer, session: Session | None) -> list[Registration]:
    free = (offer.capacity or 0) - places_taken(offer, session)
    waiting = Registration.objects.filter(offer=offer, status=RegistrationStatus.WAITING)
    if offer.registration_scope == RegistrationScope.SESSION:
        waiting = waiting.filter(session=session)
    promoted = []
    for candidate in waiting.order_by("created_at", "pk"):
        if free <= 0:
            break
        if candidate.persons <= free:
            candidate.status = RegistrationStatus.CONFIRMED
            candidate.save(update_fields=["status"])
            free -= candidate.persons
            promoted.append(candidate)
            _notify(candidate, "promoted")
    return promoted


def registration_token(registration: Registration) -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(registration.pk))


def registration_from_token(token: str) -> Registration:
    """The registration a cancellation link names. Raises ValidationError (with a message
    for the visitor) for a forged, expired or unknown link."""
    try:
        pk = signing.TimestampSigner(salt=TOKEN_SALT).unsign(
            token, max_age=timedelta(days=settings.REGISTRATION_LINK_DAYS)
        )
        return Registration.objects.select_related("offer", "session").get(pk=int(pk))
    except signing.SignatureExpired:
        raise ValidationError(_("This link has expired."), code="expired") from None
    except (signing.BadSignature, Registration.DoesNotExist, ValueError):
        raise ValidationError(_("This link is not valid."), code="invalid") from None


def _mail_context(registration: Registration, session: Session | None) -> dict:
    """What every registration e-mail shows: the offer's title in the registrant's language
    (German when not translated), the date — the chosen one, or for a registration for the
    whole offer its next date — and the links to the status page."""
    offer = registration.offer
    if session is None:
        session = (
            Session.objects.filter(offer=offer, is_cancelled=False, starts_at__gt=timezone.now())
            .order_by("starts_at")
            .first()
        )
    return {
        "registration": registration,
        "offer": offer,
        "offer_title": translated(offer, "title", registration.language).text,
        "session": session,
        "token": registration_token(registration),
        "base_url": settings.SITE_URL,
    }


def _notify(registration: Registration, event: str) -> None:
    if not registration.email:
        return
    send_templated_email(
        to=[registration.email],
        subject_template=f"programme/email/{event}_subject.txt",
        body_template=f"programme/email/{event}.txt",
        context=_mail_context(registration, registration.session),
        language=registration.language,
    )


def send_session_reminders(*, now=None) -> int:
    """Remind confirmed participants of sessions starting within REMINDER_HOURS, once each."""
    now = now or timezone.now()
    until = now + timedelta(hours=settings.REMINDER_HOURS)
    sent = 0
    sessions = Session.objects.filter(
        starts_at__gt=now, starts_at__lte=until, is_cancelled=False
    ).select_related("offer")
    for session in sessions:
        with transaction.atomic():
            due = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(
                    offer=session.offer,
                    status=RegistrationStatus.CONFIRMED,
                    reminded_at__isnull=True,
                )
                .exclude(email="")
            )
            if session.offer.registration_scope == RegistrationScope.SESSION:
                due = due.filter(session=session)
            for registration in due:
                registration.reminded_at = now
                registration.save(update_fields=["reminded_at"])
                send_templated_email(
                    to=[registration.email],
                    subject_template="programme/email/reminder_subject.txt",
                    body_template="programme/email/reminder.txt",
                    context=_mail_context(registration, session),
                    language=registration.language,
                )
                sent += 1
    return sent
