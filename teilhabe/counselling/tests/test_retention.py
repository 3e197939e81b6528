"""Retention: personal data of an appointment is deleted a configurable time after it; what
remains is anonymous and feeds the statistics."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import override_settings
from django.utils import timezone

from teilhabe.counselling import services, tasks
from teilhabe.counselling.fields import EncryptedTextField
from teilhabe.counselling.models import Appointment, CounsellingRecord, Outcome

from .factories import book, counselling_setup

pytestmark = pytest.mark.django_db

NAME = "Leyla Zweitname"
CONTACT = "leyla.retention@example.org"


@pytest.fixture
def two_appointments():
    """One appointment 100 days ago (attended, with a note and an interpreter), one next week."""
    service, topic, counsellor, _hours = counselling_setup(languages=("de", "ar"))
    old, _token = book(
        service, topic, name=NAME, contact=CONTACT, language="ar", needs_interpreter=True
    )
    services.save_note(appointment=old, note="vertraulich", by=counsellor.user)
    now = timezone.now()
    Appointment.objects.filter(pk=old.pk).update(
        starts_at=now - timedelta(days=100, hours=1),
        ends_at=now - timedelta(days=100),
        outcome=Outcome.ATTENDED,
    )
    CounsellingRecord.objects.filter(pk=old.record_id).update(outcome=Outcome.ATTENDED)
    new, _token = book(service, topic, name="Noor", contact="noor@example.org")
    return service, topic, old, new


def rows_mentioning(text: str) -> list[str]:
    """Every readable text column of every counselling table and the audit trail."""
    found = []
    for model in apps.get_app_config("counselling").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                continue
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                lookup = {f"{field.attname}__icontains": text}
                if model.objects.filter(**lookup).exists():
                    found.append(f"{model.__name__}.{field.name}")
    for entry in LogEntry.objects.all():
        blob = " ".join(
            str(value)
            for value in (
                entry.changes_text,
                entry.changes,
                entry.object_repr,
                entry.serialized_data,
                entry.additional_data,
            )
        )
        if text.lower() in blob.lower():
            found.append(f"LogEntry {entry.pk}")
    return found


def test_expired_appointments_are_erased_and_newer_ones_kept(two_appointments):
    service, topic, old, new = two_appointments
    assert rows_mentioning(NAME) == ["Appointment.name"]
    assert rows_mentioning(CONTACT) == ["Appointment.contact"]

    assert services.erase_expired_appointments() == 1

    assert list(Appointment.objects.all()) == [new]
    assert rows_mentioning(NAME) == []
    assert rows_mentioning(CONTACT) == []
    record = CounsellingRecord.objects.get(pk=old.record_id)
    assert (
        record.service,
        record.topic,
        record.language,
        record.is_walk_in,
        record.needs_interpreter,
        record.outcome,
    ) == (service, topic, "ar", False, True, Outcome.ATTENDED)
    assert record.month == timezone.localdate(old.starts_at).replace(day=1)
    assert CounsellingRecord.objects.count() == 2


def test_the_retention_time_is_configurable(two_appointments):
    _service, _topic, old, _new = two_appointments
    with override_settings(COUNSELLING_RETENTION_DAYS=365):
        assert services.erase_expired_appointments() == 0
    assert Appointment.objects.filter(pk=old.pk).exists()
    with override_settings(COUNSELLING_RETENTION_DAYS=30):
        assert services.erase_expired_appointments() == 1
    assert not Appointment.objects.filter(pk=old.pk).exists()


def test_erasing_twice_changes_nothing(two_appointments):
    services.erase_expired_appointments()
    assert services.erase_expired_appointments() == 0
    assert Appointment.objects.count() == 1


def test_the_periodic_task_is_scheduled_and_runs(two_appointments):
    _service, _topic, old, new = two_appointments
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "teilhabe.counselling.tasks.erase_expired_appointments" in scheduled
    result = tasks.erase_expired_appointments.delay()
    assert result.get() == 1
    assert list(Appointment.objects.all()) == [new]
    assert CounsellingRecord.objects.filter(pk=old.record_id).exists()
