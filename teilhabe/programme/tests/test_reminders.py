"""Reminders before a session (Celery beat runs the task every 15 minutes)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from teilhabe.programme import services, tasks

from .factories import OfferFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def in_hours(hours):
    return datetime.now(UTC) + timedelta(hours=hours)


@pytest.fixture
def soon(settings):
    """A session in ten hours of an offer registered for as a whole (reminders 24 h ahead)."""
    settings.REMINDER_HOURS = 24
    offer = OfferFactory(registration=True, title_de="Nähcafé", title_en="Sewing café")
    return SessionFactory(offer=offer, starts_at=in_hours(10))


def run_task(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return tasks.send_session_reminders.delay().get()


def test_reminder_is_sent_exactly_once_when_the_task_runs_twice(
    soon, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(offer=soon.offer, email="olena@example.org")
    assert run_task(django_capture_on_commit_callbacks) == 1
    assert run_task(django_capture_on_commit_callbacks) == 0
    assert [m.to for m in mail.outbox] == [["olena@example.org"]]
    registration.refresh_from_db()
    assert registration.reminded_at is not None


def test_reminder_in_the_registrants_language_with_the_date_and_links(
    soon, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://haus.example"
    RegistrationFactory(offer=soon.offer, language="en")
    run_task(django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject == "Reminder: Sewing café"
    assert "Sewing café" in message.body
    with translation.override("en"), timezone.override("Europe/Berlin"):
        starts = timezone.localtime(soon.starts_at)
        expected = f"{date_format(starts, 'DATE_FORMAT')}, {time_format(starts, 'H:i')}"
    assert expected in message.body
    assert "https://haus.example/en/programme/registrations/" in message.body
    assert "/cancel/" in message.body


def test_only_confirmed_registrations_with_an_email_address_are_reminded(
    soon, django_capture_on_commit_callbacks
):
    RegistrationFactory(offer=soon.offer, email="yes@example.org")
    RegistrationFactory(offer=soon.offer, email="waiting@example.org", status="waiting")
    RegistrationFactory(offer=soon.offer, email="gone@example.org", status="cancelled")
    RegistrationFactory(offer=soon.offer, email="", phone="0170 1234567")
    assert run_task(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["yes@example.org"]]


def test_no_reminder_for_sessions_far_ahead_past_or_cancelled(
    settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_HOURS = 24
    for starts_at, cancelled in ((in_hours(30), False), (in_hours(-1), False), (in_hours(5), True)):
        offer = OfferFactory(registration=True)
        SessionFactory(offer=offer, starts_at=starts_at, is_cancelled=cancelled)
        RegistrationFactory(offer=offer)
    assert run_task(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_registration_per_date_is_reminded_of_its_own_date_only(
    settings, django_capture_on_commit_callbacks
):
    settings.REMINDER_HOURS = 24
    offer = OfferFactory(registration=True, registration_scope="session")
    tomorrow = SessionFactory(offer=offer, starts_at=in_hours(20))
    next_week = SessionFactory(offer=offer, starts_at=in_hours(24 * 7))
    RegistrationFactory(offer=offer, session=tomorrow, email="tomorrow@example.org")
    RegistrationFactory(offer=offer, session=next_week, email="later@example.org")
    assert run_task(django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mail.outbox] == [["tomorrow@example.org"]]


def test_the_reminder_moves_on_with_time(settings, django_capture_on_commit_callbacks):
    settings.REMINDER_HOURS = 24
    offer = OfferFactory(registration=True, registration_scope="session")
    later = SessionFactory(offer=offer, starts_at=in_hours(30))
    RegistrationFactory(offer=offer, session=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_session_reminders() == 0
        assert services.send_session_reminders(now=datetime.now(UTC) + timedelta(hours=8)) == 1
        assert services.send_session_reminders(now=datetime.now(UTC) + timedelta(hours=9)) == 0
    assert len(mail.outbox) == 1
