"""Privacy of counselling: case notes encrypted at rest and kept out of logs, the audit trail,
and downloads; every read and change in the audit trail; the admin and centre staff see
nothing; production refuses to start without a key."""

import json
import logging

import pytest
from auditlog.models import LogEntry
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from teilhabe.counselling import services
from teilhabe.counselling.checks import notes_key_configured
from teilhabe.counselling.models import Appointment

from .factories import book, counselling_setup

pytestmark = pytest.mark.django_db

NOTE = "Sorge um Abschiebung, Bruder in Haft"


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


@pytest.fixture
def booked():
    service, topic, counsellor, _hours = counselling_setup()
    appointment, _token = book(
        service, topic, name="Yasmin Pseudo", contact="yasmin.pseudo@example.org"
    )
    return appointment, counsellor.user


def raw_note(appointment) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM counselling_appointment WHERE id = %s", [appointment.pk])
        return cursor.fetchone()[0]


def log_texts(appointment) -> str:
    entries = LogEntry.objects.get_for_object(appointment)
    return " ".join(
        f"{e.changes_text} {json.dumps(e.changes)} {e.object_repr} {e.serialized_data} "
        f"{e.additional_data}"
        for e in entries
    )


# --- encryption at rest --------------------------------------------------------------------------


def test_the_case_note_is_encrypted_at_rest(booked):
    appointment, counsellor = booked
    services.save_note(appointment=appointment, note=NOTE, by=counsellor)
    stored = raw_note(appointment)
    assert stored
    assert NOTE not in stored
    assert "Abschiebung" not in stored
    assert Appointment.objects.get(pk=appointment.pk).note == NOTE


def test_rotated_keys_still_decrypt_old_notes(booked):
    appointment, counsellor = booked
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(COUNSELLING_NOTES_KEYS=[old]):
        services.save_note(appointment=appointment, note=NOTE, by=counsellor)
        written_with_old = raw_note(appointment)
    with override_settings(COUNSELLING_NOTES_KEYS=[new, old]):
        assert Appointment.objects.get(pk=appointment.pk).note == NOTE
        services.save_note(appointment=appointment, note=NOTE + ".", by=counsellor)
        assert raw_note(appointment) != written_with_old
    with override_settings(COUNSELLING_NOTES_KEYS=[new]):
        assert Appointment.objects.get(pk=appointment.pk).note == NOTE + "."
    with override_settings(COUNSELLING_NOTES_KEYS=[old]):
        # a key that is gone: unreadable, not a crash
        assert Appointment.objects.get(pk=appointment.pk).note == ""


# --- the note stays at the desk ------------------------------------------------------------------


def test_a_note_never_appears_in_audit_trail_logs_or_the_download(client, booked, caplog):
    appointment, counsellor = booked
    client.force_login(counsellor)
    with caplog.at_level(logging.DEBUG):
        response = client.post(en("appointment-note", pk=appointment.pk), {"note": NOTE})
        assert response.status_code == 302
        assert NOTE in client.get(response["Location"]).content.decode()
    assert "Abschiebung" not in caplog.text
    assert "Abschiebung" not in log_texts(appointment)
    # the change itself is in the trail, by whom, without its content
    change = LogEntry.objects.get_for_object(appointment).filter(
        action=LogEntry.Action.UPDATE, changes__has_key="note"
    )
    assert change.get().actor == counsellor
    download = json.dumps(services.personal_data_of(Appointment.objects.get(pk=appointment.pk)))
    assert "Abschiebung" not in download
    assert "note" not in json.loads(download)


# --- the audit trail -----------------------------------------------------------------------------


def test_every_read_and_change_is_in_the_audit_trail(client, booked):
    appointment, counsellor = booked
    client.force_login(counsellor)
    client.get(en("appointment", pk=appointment.pk))
    client.get(en("appointment", pk=appointment.pk))
    accesses = LogEntry.objects.get_for_object(appointment).filter(action=LogEntry.Action.ACCESS)
    assert accesses.count() == 2
    assert {e.actor for e in accesses} == {counsellor}

    client.post(en("appointment-cancel", pk=appointment.pk))
    cancel = (
        LogEntry.objects.get_for_object(appointment)
        .filter(action=LogEntry.Action.UPDATE)
        .latest("timestamp")
    )
    assert cancel.actor == counsellor
    assert set(cancel.changes) >= {"outcome", "cancelled_by_service"}

    # a change of the personal fields is logged by name, its values masked
    appointment.refresh_from_db()
    appointment.name = "Samira Other"
    appointment.contact = "samira.other@example.org"
    appointment.save()
    change = (
        LogEntry.objects.get_for_object(appointment)
        .filter(action=LogEntry.Action.UPDATE)
        .latest("timestamp")
    )
    assert set(change.changes) == {"name", "contact"}
    texts = log_texts(appointment)
    for secret in ("Yasmin", "Samira", "yasmin.pseudo", "samira.other"):
        assert secret not in texts


def test_no_audit_entry_for_a_refused_read(client, booked):
    appointment, _counsellor = booked
    _s, _t, other, _h = counselling_setup()
    client.force_login(other.user)
    assert client.get(en("appointment", pk=appointment.pk)).status_code == 403
    assert (
        not LogEntry.objects.get_for_object(appointment)
        .filter(action=LogEntry.Action.ACCESS)
        .exists()
    )


# --- staff, administrators and the admin ---------------------------------------------------------


def test_the_admin_shows_no_counselling_model_to_an_administrator(client, administrator, booked):
    client.force_login(administrator)
    response = client.get("/de/admin/")
    assert response.status_code == 200
    apps = [app["app_label"] for app in response.context["available_apps"]]
    assert apps  # the admin works and shows other apps …
    assert "counselling" not in apps  # … but nothing of counselling
    assert "/admin/counselling/" not in response.content.decode()
    assert client.get("/de/admin/counselling/appointment/").status_code in (403, 404)


@pytest.mark.parametrize("role", ["administrator", "staff_user", "association_admin"])
def test_staff_and_administrators_get_403_on_every_desk_page(client, booked, role, request):
    appointment, _counsellor = booked
    client.force_login(request.getfixturevalue(role))
    urls = [
        en("desk"),
        en("desk-service", slug=appointment.service.slug),
        en("appointment", pk=appointment.pk),
        en("appointment-cancel", pk=appointment.pk),
        en("availability"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    for name in ("appointment-note", "appointment-outcome", "appointment-cancel"):
        assert client.post(en(name, pk=appointment.pk), {"note": "x"}).status_code == 403
    assert (
        not LogEntry.objects.get_for_object(appointment)
        .filter(action=LogEntry.Action.ACCESS)
        .exists()
    )


# --- production needs a key ----------------------------------------------------------------------


def test_system_check_requires_a_notes_key_in_production():
    with override_settings(DEBUG=False, TESTING=False, COUNSELLING_NOTES_KEYS=[]):
        assert [e.id for e in notes_key_configured(None)] == ["counselling.E001"]
    key = Fernet.generate_key().decode()
    with override_settings(DEBUG=False, TESTING=False, COUNSELLING_NOTES_KEYS=[key]):
        assert notes_key_configured(None) == []
    with override_settings(DEBUG=True, TESTING=False, COUNSELLING_NOTES_KEYS=[]):
        assert notes_key_configured(None) == []
