"""The sample counselling: two services with counsellors, office hours that hold rooms of the
sample house, a few future appointments and six months of anonymous history; a second run
changes nothing."""

import pytest
from django.conf import settings
from django.utils import timezone

from teilhabe.accounts.models import Role
from teilhabe.core.samples import SampleContext, sample_builders
from teilhabe.counselling import services
from teilhabe.counselling.models import (
    Appointment,
    CounsellingRecord,
    Counsellor,
    OfficeHours,
    OfficeHoursDate,
    OfficeHoursMode,
    Service,
    Topic,
)
from teilhabe.rooms.models import Booking

pytestmark = pytest.mark.django_db

UP_TO = {"core", "accounts", "associations", "rooms", "programme", "counselling"}


def load() -> SampleContext:
    """The sample builders this app depends on, and its own (not those of the apps above)."""
    context = SampleContext(password=settings.SAMPLE_PASSWORD)
    for label, build in sample_builders():
        if label in UP_TO:
            build(context)
    return context


def snapshot():
    return {
        "services": sorted(Service.objects.values_list("slug", "name_de", "name_en", "updated_at")),
        "topics": sorted(Topic.objects.values_list("service__slug", "name_de", "position")),
        "counsellors": sorted(Counsellor.objects.values_list("service__slug", "user__email")),
        "office_hours": sorted(OfficeHours.objects.values_list("pk", "updated_at")),
        "dates": sorted(
            OfficeHoursDate.objects.values_list("pk", "starts_at", "booking_id", "is_cancelled")
        ),
        "bookings": sorted(
            Booking.objects.values_list("pk", "room_id", "starts_at", "is_cancelled")
        ),
        "appointments": sorted(Appointment.objects.values_list("pk", "code", "starts_at")),
        "records": CounsellingRecord.objects.count(),
    }


def test_the_sample_counselling_loads_twice_without_changes():
    context = load()
    first = snapshot()
    load()
    assert snapshot() == first

    mbe = Service.objects.get(slug="mbe")
    refugees = Service.objects.get(slug="fluechtlingsberatung")
    for service in (mbe, refugees):
        assert service.name_de and service.name_en and service.description_en
        assert service.topics.count() >= 5
        counsellors = list(service.counsellors.select_related("user"))
        assert 2 <= len(counsellors) <= 3
        assert all(c.user.role == Role.COUNSELLOR and len(c.languages) >= 2 for c in counsellors)
        modes = set(service.office_hours.values_list("mode", flat=True))
        assert modes == {OfficeHoursMode.APPOINTMENTS, OfficeHoursMode.WALK_IN}
        dates = OfficeHoursDate.objects.filter(office_hours__service=service, is_cancelled=False)
        assert dates.exists()
        assert not dates.filter(has_room_conflict=True).exists()
        assert not dates.filter(booking__isnull=True).exists()
        months = set(service.records.values_list("month", flat=True))
        assert len(months) >= 6
        assert service.records.filter(outcome="no_show").exists()
        assert service.records.filter(is_walk_in=True, minutes_waited__isnull=False).exists()
        assert service.appointments.exists()
    weekdays = {day for hours in OfficeHours.objects.all() for day in hours.weekdays}
    assert len(weekdays) >= 4  # across the week
    languages = {code for c in Counsellor.objects.all() for code in c.languages}
    assert {"ar", "fa", "ru", "uk", "tr"} <= languages
    [login] = [email for role, email in context.logins if role == "counsellor"]
    assert Counsellor.objects.filter(user__email=login, service=mbe).exists()


def test_the_sample_appointments_are_future_and_invented():
    load()
    now = timezone.now()
    appointments = list(Appointment.objects.all())
    assert appointments
    assert all(a.starts_at > now for a in appointments)
    assert all(a.name.startswith("Beispiel-") for a in appointments)
    assert all(a.contact.endswith(".example") for a in appointments)
    # nothing in the past that retention would keep: the periodic erase leaves them alone
    assert services.erase_expired_appointments() == 0
    assert Appointment.objects.count() == len(appointments)
