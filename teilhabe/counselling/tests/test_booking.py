"""Booking by the person seeking advice, through the services: what is stored, what is refused,
and parallel bookings of one slot."""

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.testing import in_parallel
from teilhabe.counselling import services
from teilhabe.counselling.models import Appointment, CounsellingRecord, Outcome
from teilhabe.counselling.selectors import free_slots

from .factories import TopicFactory, book, counselling_setup


@pytest.fixture
def setup(db):
    return counselling_setup(languages=("de", "fa"))


def test_booking_stores_only_what_it_needs_and_takes_the_slot(setup):
    service, topic, counsellor, _hours = setup
    slot = free_slots([service])[service.pk][0]

    appointment, token = book(service, topic, slot=slot, needs_interpreter=True)

    assert appointment.starts_at == slot.starts_at and appointment.counsellor == counsellor
    assert appointment.name == "Maryam" and appointment.contact == "maryam@example.org"
    assert len(appointment.code) == 7 and appointment.code[3] == "-"
    assert token not in appointment.token_hash
    assert services.appointment_from_token(token) == appointment
    assert services.appointment_from_code(appointment.code.lower().replace("-", " ")) == (
        appointment
    )
    assert slot.starts_at not in [s.starts_at for s in free_slots([service])[service.pk]]
    record = CounsellingRecord.objects.get()
    assert (record.language, record.needs_interpreter, record.is_walk_in) == ("fa", True, False)


def test_a_slot_taken_by_someone_else_is_refused(setup):
    service, topic, _counsellor, _hours = setup
    slot = free_slots([service])[service.pk][0]
    book(service, topic, slot=slot)
    with pytest.raises(ValidationError) as refused:
        book(service, topic, slot=slot, contact="other@example.org")
    assert refused.value.code == "taken"
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize("contact", ["", "maryam@", "call me", "12"])
def test_a_bad_contact_is_refused(setup, contact):
    service, topic, _counsellor, _hours = setup
    with pytest.raises(ValidationError) as refused:
        book(service, topic, contact=contact)
    assert refused.value.code == "invalid_contact"
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("contact", ["+49 351 123 45 67", "0351/1234567", "Maryam@Example.org"])
def test_phone_numbers_and_addresses_are_accepted(setup, contact):
    service, topic, _counsellor, _hours = setup
    appointment, _token = book(service, topic, contact=contact)
    assert appointment.contact in (contact, contact.lower())


def test_a_topic_of_another_service_is_refused(setup):
    service, _topic, _counsellor, _hours = setup
    with pytest.raises(ValidationError) as refused:
        book(service, TopicFactory())
    assert refused.value.code == "topic"
    assert not Appointment.objects.exists()


def test_cancel_and_delete_by_the_person(setup):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic)
    services.cancel_by_person(appointment=services.appointment_from_token(token))
    appointment.refresh_from_db()
    assert appointment.outcome == Outcome.CANCELLED
    with pytest.raises(ValidationError):
        services.cancel_by_person(appointment=appointment)

    services.delete_by_person(appointment=services.appointment_from_token(token))
    assert not Appointment.objects.exists()
    with pytest.raises(ValidationError):
        services.appointment_from_token(token)
    assert CounsellingRecord.objects.get().outcome == Outcome.CANCELLED


def test_personal_data_leaves_out_the_case_note(setup):
    service, topic, counsellor, _hours = setup
    appointment, _token = book(service, topic)
    services.save_note(appointment=appointment, note="Aufenthalt läuft ab", by=counsellor.user)
    data = services.personal_data_of(Appointment.objects.get())
    assert data["code"] == appointment.code
    assert "Aufenthalt läuft ab" not in repr(data)


def test_a_new_link_replaces_the_old_one(setup):
    service, topic, _counsellor, _hours = setup
    appointment, old = book(service, topic)
    new = services.new_link_for(services.appointment_from_code(appointment.code))
    assert services.appointment_from_token(new) == appointment
    with pytest.raises(ValidationError):
        services.appointment_from_token(old)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_parallel_bookings_of_one_slot_give_one_appointment():
    service, topic, _counsellor, _hours = counselling_setup(languages=("de",))
    slot = free_slots([service])[service.pk][0]

    def attempt(number):
        appointment, _token = services.book_appointment(
            service=service,
            topic=topic,
            slot_key=slot.key,
            name=f"Person {number}",
            contact=f"person{number}@example.org",
            language="ar",
            needs_interpreter=False,
        )
        return appointment.pk

    results, errors = in_parallel(attempt, range(8))

    assert len([r for r in results if r is not None]) == 1, errors
    refusals = [e for e in errors if e is not None]
    assert len(refusals) == 7
    assert all(isinstance(e, ValidationError) and e.code == "taken" for e in refusals), refusals
    assert Appointment.objects.filter(starts_at=slot.starts_at).count() == 1
    # the refused bookings left no anonymous records behind
    assert CounsellingRecord.objects.count() == 1
