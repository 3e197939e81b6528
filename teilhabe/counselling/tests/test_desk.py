"""The counsellors' desk: who gets in, the agenda, one appointment (note, outcome, cancelling)
and blocked times and absences."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from conftest import ROLE_FIXTURES
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling import services
from teilhabe.counselling.models import (
    Appointment,
    OfficeHoursMode,
    Outcome,
    Unavailability,
    UnavailabilityKind,
)
from teilhabe.counselling.selectors import free_slots

from .factories import CounsellorFactory, book, counselling_setup, make_office_hours

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


@pytest.fixture
def desk():
    service, topic, counsellor, hours = counselling_setup(languages=("de", "fa"))
    appointment, _token = book(service, topic, name="Maryam", language="fa")
    other_service, _topic, other, _hours = counselling_setup()
    return SimpleNamespace(
        service=service,
        topic=topic,
        counsellor=counsellor,
        user=counsellor.user,
        hours=hours,
        appointment=appointment,
        other_user=other.user,
        other_service=other_service,
    )


def desk_urls(desk):
    return [
        en("desk"),
        en("desk-service", slug=desk.service.slug),
        en("appointment", pk=desk.appointment.pk),
        en("appointment-cancel", pk=desk.appointment.pk),
    ]


def access_logs(appointment):
    return LogEntry.objects.get_for_object(appointment).filter(action=LogEntry.Action.ACCESS)


# --- who gets in -------------------------------------------------------------------------------


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_nobody_but_the_services_counsellors_gets_to_the_desk(client, desk, user_in_role):
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    for url in desk_urls(desk):
        response = client.get(url)
        if user_in_role.is_authenticated:
            assert response.status_code == 403, url
        else:
            assert response.status_code == 302, url
            assert "/account/login/" in response["Location"]
    assert not access_logs(desk.appointment).exists()


def test_the_services_counsellor_gets_in(client, desk):
    client.force_login(desk.user)
    for url in [*desk_urls(desk), en("availability")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"


def test_a_counsellor_of_another_service_is_refused_without_an_audit_entry(client, desk):
    client.force_login(desk.other_user)
    assert client.get(en("desk")).status_code == 200  # their own desk
    for url in desk_urls(desk)[1:]:
        assert client.get(url).status_code == 403, url
    for name in ("appointment-note", "appointment-outcome", "appointment-cancel"):
        response = client.post(
            en(name, pk=desk.appointment.pk), {"note": "x", "outcome": "attended"}
        )
        assert response.status_code == 403, name
    assert not access_logs(desk.appointment).exists()
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.BOOKED
    assert desk.appointment.note == ""


@pytest.mark.parametrize("user_in_role", ["counsellor", "staff_user", "participant"], indirect=True)
def test_availability_is_for_counsellors_of_a_service(client, user_in_role):
    client.force_login(user_in_role)
    assert client.get(en("availability")).status_code == 403


# --- the desk and the agenda ---------------------------------------------------------------------


def test_desk_lists_the_services_appointments_and_todays_walk_in_hours(client, desk):
    walk_in = make_office_hours(
        desk.service,
        [desk.counsellor],
        mode=OfficeHoursMode.WALK_IN,
        starts_on=centre_today(),
        weekdays=range(7),
        start=time(0, 5),
        end=time(23, 55),
    )
    today_date = walk_in.dates.get(rule_day=centre_today())
    client.force_login(desk.user)
    response = client.get(en("desk"))
    content = response.content.decode()
    assert str(desk.service.name_en) in content
    assert desk.appointment.code in content
    assert "Maryam" in content
    assert en("appointment", pk=desk.appointment.pk) in content
    assert en("queue", date_pk=today_date.pk) in content
    assert en("availability") in content


def test_agenda_of_a_day(client, desk):
    appointment = desk.appointment
    Appointment.objects.filter(pk=appointment.pk).update(
        needs_interpreter=True, interpreter="Rania"
    )
    day = timezone.localdate(appointment.starts_at)
    client.force_login(desk.user)
    response = client.get(en("desk-service", slug=desk.service.slug), {"day": day.isoformat()})
    content = response.content.decode()
    assert response.status_code == 200
    local = timezone.localtime(appointment.starts_at)
    assert local.strftime("%H:%M") in content
    assert appointment.code in content
    assert "Maryam" in content
    assert desk.topic.name_en in content
    assert "Persian" in content
    assert "Rania" in content
    assert "booked" in content
    assert f"?day={(day - timedelta(days=1)).isoformat()}" in content
    assert f"?day={(day + timedelta(days=1)).isoformat()}" in content
    # another day: nothing
    other = client.get(
        en("desk-service", slug=desk.service.slug), {"day": (day - timedelta(days=1)).isoformat()}
    )
    assert appointment.code not in other.content.decode()


def test_agenda_with_a_bad_day_shows_today_and_says_so(client, desk):
    client.force_login(desk.user)
    response = client.get(en("desk-service", slug=desk.service.slug), {"day": "31.02.2025"})
    assert response.status_code == 200
    assert "not a valid date" in response.content.decode()


def test_agenda_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    service, topic, counsellor, hours = counselling_setup(languages=("de", "fa"))
    second = CounsellorFactory(service=service, languages=["de", "ar"])
    hours.counsellors.add(second)
    first, _token = book(service, topic)
    day = timezone.localdate(first.starts_at)
    client.force_login(counsellor.user)
    url = en("desk-service", slug=service.slug)

    def count():
        with django_assert_max_num_queries(100) as queries:
            response = client.get(url, {"day": day.isoformat()})
        assert response.status_code == 200
        return len(queries)

    few = count()
    for _round in range(2):  # two counsellors: each slot twice
        for slot in free_slots([service])[service.pk]:
            if timezone.localdate(slot.starts_at) == day:
                book(service, topic, slot=slot, needs_interpreter=True, language="ar")
    assert Appointment.objects.filter(service=service).count() >= 5
    assert count() == few
    desk_url = en("desk")
    with django_assert_max_num_queries(12):
        assert client.get(desk_url).status_code == 200


# --- one appointment -----------------------------------------------------------------------------


def test_opening_an_appointment_shows_the_contact_and_is_in_the_audit_trail(client, desk):
    client.force_login(desk.user)
    response = client.get(en("appointment", pk=desk.appointment.pk))
    content = response.content.decode()
    assert "maryam@example.org" in content
    assert desk.appointment.code in content
    entries = access_logs(desk.appointment)
    assert entries.count() == 1
    assert entries.get().actor == desk.user


def test_a_case_note_is_saved_and_shown_again(client, desk):
    client.force_login(desk.user)
    url = en("appointment-note", pk=desk.appointment.pk)
    response = client.post(url, {"note": "Fragen zum Familiennachzug"})
    assert response.status_code == 302
    desk.appointment.refresh_from_db()
    assert desk.appointment.note == "Fragen zum Familiennachzug"
    page = client.get(response["Location"])
    assert "Fragen zum Familiennachzug" in page.content.decode()
    assert "The case note is saved." in page.content.decode()


def test_a_note_that_is_too_long_is_refused_and_kept_in_the_form(client, desk):
    client.force_login(desk.user)
    long_note = "Wohnung " * 300
    response = client.post(en("appointment-note", pk=desk.appointment.pk), {"note": long_note})
    assert response.status_code == 400
    assert long_note.strip() in response.content.decode()
    desk.appointment.refresh_from_db()
    assert desk.appointment.note == ""


def test_outcome_only_once_the_appointment_has_begun(client, desk):
    client.force_login(desk.user)
    url = en("appointment-outcome", pk=desk.appointment.pk)
    response = client.post(url, {"outcome": "attended"}, follow=True)
    assert "has not begun yet" in response.content.decode()
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.BOOKED

    now = timezone.now()
    Appointment.objects.filter(pk=desk.appointment.pk).update(
        starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(minutes=30)
    )
    client.post(url, {"outcome": "no_show"})
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.NO_SHOW
    response = client.post(url, {"outcome": "cancelled"}, follow=True)
    assert "not a possible outcome" in response.content.decode()
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.NO_SHOW


def test_cancelling_asks_first_then_tells_the_person(
    client, desk, django_capture_on_commit_callbacks
):
    client.force_login(desk.user)
    url = en("appointment-cancel", pk=desk.appointment.pk)
    confirm = client.get(url)
    assert "Yes, cancel the appointment" in confirm.content.decode()
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.BOOKED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "the person has been told" in response.content.decode()
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.CANCELLED
    assert desk.appointment.cancelled_by_service
    assert [m.to for m in mail.outbox] == [["maryam@example.org"]]
    # twice: a clear message, nothing else happens
    response = client.post(url, follow=True)
    assert "no longer open" in response.content.decode()


# --- blocked time and absences ------------------------------------------------------------------


def _day_of(appointment):
    return timezone.localdate(appointment.starts_at)


def test_an_absence_cancels_only_the_appointments_in_its_time_and_tells_the_people(
    client, django_capture_on_commit_callbacks
):
    service, topic, counsellor, _hours = counselling_setup(languages=("de", "fa", "en"))
    slots = free_slots([service])[service.pk]
    day = timezone.localdate(slots[0].starts_at)
    same_day = [s for s in slots if timezone.localdate(s.starts_at) == day]
    first, _t = book(service, topic, slot=same_day[0], language="fa", contact="a@example.org")
    second, _t = book(service, topic, slot=same_day[1], language="en", contact="b@example.org")
    later, _t = book(service, topic, slot=same_day[2], language="de", contact="c@example.org")
    mail.outbox.clear()
    client.force_login(counsellor.user)
    start = timezone.localtime(first.starts_at)
    end = timezone.localtime(second.ends_at)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            en("availability"),
            {
                "kind": "absent",
                "start_day": start.date().isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_day": end.date().isoformat(),
                "end_time": end.strftime("%H:%M"),
            },
            follow=True,
        )
    assert "2 appointments were cancelled and the people were told" in response.content.decode()
    outcomes = dict(Appointment.objects.values_list("pk", "outcome"))
    assert outcomes == {
        first.pk: Outcome.CANCELLED,
        second.pk: Outcome.CANCELLED,
        later.pk: Outcome.BOOKED,
    }
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_recipient) == {"a@example.org", "b@example.org"}
    # each in their language: the links in the mail lead to the pages in that language
    assert "/fa/counselling/" in by_recipient["a@example.org"]
    assert "/en/counselling/" in by_recipient["b@example.org"]
    # and the freed times cannot be booked: the counsellor is away
    free = free_slots([service], start=first.starts_at, end=second.ends_at)[service.pk]
    assert [s for s in free if s.starts_at < second.ends_at] == []


def test_a_blocked_time_keeps_appointments_but_removes_the_slots():
    service, topic, counsellor, _hours = counselling_setup()
    slots = free_slots([service])[service.pk]
    day = timezone.localdate(slots[0].starts_at)
    appointment, _t = book(service, topic, slot=slots[0])
    starts = datetime.combine(day, time(8), tzinfo=timezone.get_current_timezone())
    _item, cancelled = services.add_unavailability(
        user=counsellor.user,
        kind=UnavailabilityKind.BLOCKED,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        by=counsellor.user,
    )
    assert cancelled == []
    appointment.refresh_from_db()
    assert appointment.outcome == Outcome.BOOKED
    end = starts + timedelta(hours=6)
    assert [
        s for s in free_slots([service], start=starts, end=end)[service.pk] if s.starts_at < end
    ] == []
    # the next day still has slots
    assert any(timezone.localdate(s.starts_at) > day for s in free_slots([service])[service.pk])


def test_availability_form_keeps_bad_input_and_explains(client, desk):
    client.force_login(desk.user)
    data = {
        "kind": "blocked",
        "start_day": "2031-05-06",
        "start_time": "14:00",
        "end_day": "2031-05-06",
        "end_time": "10:00",
    }
    response = client.post(en("availability"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "The end must be after the start." in content
    assert 'value="2031-05-06"' in content
    assert 'value="14:00"' in content
    assert not Unavailability.objects.exists()
    response = client.post(en("availability"), {**data, "start_time": "soon"})
    assert response.status_code == 400
    assert not Unavailability.objects.exists()


def test_a_counsellor_removes_only_their_own_entries(client, desk):
    now = timezone.now()
    own = Unavailability.objects.create(
        user=desk.user, kind="blocked", starts_at=now, ends_at=now + timedelta(hours=2)
    )
    theirs = Unavailability.objects.create(
        user=desk.other_user, kind="blocked", starts_at=now, ends_at=now + timedelta(hours=2)
    )
    client.force_login(desk.user)
    listing = client.get(en("availability")).content.decode()
    assert en("availability-delete", pk=own.pk) in listing
    assert en("availability-delete", pk=theirs.pk) not in listing
    assert client.post(en("availability-delete", pk=theirs.pk)).status_code == 404
    assert client.post(en("availability-delete", pk=own.pk)).status_code == 302
    assert list(Unavailability.objects.all()) == [theirs]


def test_blocking_time_via_the_form(client, desk):
    client.force_login(desk.user)
    day = _day_of(desk.appointment)
    response = client.post(
        en("availability"),
        {
            "kind": "blocked",
            "start_day": day.isoformat(),
            "start_time": "07:00",
            "end_day": day.isoformat(),
            "end_time": "20:00",
        },
        follow=True,
    )
    assert "nobody can book you in it" in response.content.decode()
    item = Unavailability.objects.get()
    assert timezone.localtime(item.starts_at).strftime("%H:%M") == "07:00"
    desk.appointment.refresh_from_db()
    assert desk.appointment.outcome == Outcome.BOOKED
