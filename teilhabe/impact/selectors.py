"""Reads of impact for the attendance pages (the figures are in figures.py)."""

from datetime import time, timedelta

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Membership
from teilhabe.core.recurrence import CENTRE_TZ, centre_today, local_datetime
from teilhabe.programme.models import Offer, Registration, RegistrationStatus, Session

from .models import CheckIn


def registrations_of_session(session: Session) -> QuerySet[Registration]:
    """Who is expected at a session: the confirmed registrations for that date, and those for
    the whole offer."""
    return Registration.objects.filter(
        Q(session=session) | Q(session__isnull=True),
        offer_id=session.offer_id,
        status=RegistrationStatus.CONFIRMED,
    )


def sessions_for_attendance(user, *, association_id: int | None = None) -> list:
    """The sessions whose attendance the person records, those without attendance first (then
    the recorded ones, with their figure): for hosts the dates of their associations' offers
    today and in the last 7 days; for staff all of today's dates, optionally of one association
    (leading or co-hosting). Not cancelled. One query whatever the number of sessions."""
    today = centre_today()
    co_hosted = Offer.co_hosts.through.objects
    if is_centre_staff(user):
        first = today
        sessions = Session.objects.all()
        if association_id:
            sessions = sessions.filter(
                Q(offer__lead_association_id=association_id)
                | Q(offer_id__in=co_hosted.filter(association_id=association_id).values("offer_id"))
            )
    else:
        first = today - timedelta(days=7)
        mine = Membership.objects.filter(user=user).values("association_id")
        sessions = Session.objects.filter(
            Q(offer__lead_association_id__in=mine)
            | Q(offer_id__in=co_hosted.filter(association_id__in=mine).values("offer_id"))
        )
    sessions = list(
        sessions.filter(
            is_cancelled=False,
            starts_at__gte=local_datetime(first, time(0)),
            starts_at__lt=local_datetime(today + timedelta(days=1), time(0)),
        ).select_related("offer", "offer__lead_association", "room", "attendance")
    )
    for session in sessions:
        session.recorded = _attendance_or_none(session)
        session.day = timezone.localdate(session.starts_at, timezone=CENTRE_TZ)
    # Open ones first; within each, the latest day first and the day's dates in their order.
    sessions.sort(key=lambda s: (s.recorded is not None, -s.day.toordinal(), s.starts_at))
    return sessions


def _attendance_or_none(session):
    try:
        return session.attendance
    except ObjectDoesNotExist:
        return None


def session_for_attendance(pk: int):
    """A session with its offer, room and attendance (`recorded`, None if not yet recorded).
    Raises Session.DoesNotExist."""
    session = Session.objects.select_related(
        "offer", "offer__lead_association", "room", "attendance"
    ).get(pk=pk)
    session.recorded = _attendance_or_none(session)
    return session


def check_in_list(session) -> list:
    """The confirmed registrations for the session (or the whole offer), by name, each with
    `is_checked_in`. One query."""
    checked = CheckIn.objects.filter(session=session, registration=OuterRef("pk"))
    return list(
        registrations_of_session(session)
        .annotate(is_checked_in=Exists(checked))
        .order_by("name", "pk")
    )


def is_checked_in(session, registration) -> bool:
    return CheckIn.objects.filter(session=session, registration=registration).exists()
