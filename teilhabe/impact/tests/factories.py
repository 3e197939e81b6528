"""Attendance factories, built on the programme's: a session today, its attendance and
check-ins."""

import datetime

import factory
from django.utils import timezone

from teilhabe.core.recurrence import local_datetime
from teilhabe.impact.models import AttendanceMethod, CheckIn, SessionAttendance
from teilhabe.programme.tests.factories import (
    OfferFactory,
    RegistrationFactory,
    SessionFactory,
)


def session_on(day: datetime.date, hour: int = 10, **kwargs):
    """A session on a day in the centre's time zone (default: two hours from 10:00)."""
    starts = local_datetime(day, datetime.time(hour))
    return SessionFactory(
        rule_day=day, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **kwargs
    )


def session_today(**kwargs):
    return session_on(timezone.localdate(), **kwargs)


class SessionAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionAttendance

    session = factory.LazyFunction(session_today)
    offer = factory.LazyAttribute(lambda o: o.session.offer)
    day = factory.LazyAttribute(lambda o: timezone.localdate(o.session.starts_at))
    method = AttendanceMethod.HEAD_COUNT
    head_count = 12


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    session = factory.LazyFunction(lambda: session_today(offer=OfferFactory(registration=True)))
    registration = factory.LazyAttribute(
        lambda o: RegistrationFactory(offer=o.session.offer, session=o.session)
    )
    is_self = False
