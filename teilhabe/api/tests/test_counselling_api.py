"""The counselling API: public services and slots for everyone; a service's appointments only
for its counsellors (each reading in the audit trail, never the case note); anonymous
statistics for staff and the service's counsellors."""

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import ROLE_FIXTURES
from teilhabe.counselling import services
from teilhabe.counselling.models import Appointment
from teilhabe.counselling.tests.factories import (
    CounsellorFactory,
    ServiceFactory,
    TopicFactory,
    book,
    counselling_setup,
    make_office_hours,
)

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/counselling/services/"


def slots_url(service):
    return f"{SERVICES}{service.slug}/slots/"


def appointments_url(service, day=None):
    return f"{SERVICES}{service.slug}/appointments/" + (f"?day={day:%Y-%m-%d}" if day else "")


def statistics_url(service):
    return f"{SERVICES}{service.slug}/statistics/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


@pytest.fixture
def desk(counsellor):
    """A service the `counsellor` fixture counsels for, with one booking."""
    service, topic, counselling_counsellor, hours = counselling_setup(counsellor_user=counsellor)
    appointment, _token = book(service, topic, name="Maryam", contact="maryam@example.org")
    return service, topic, appointment


# --- public -----------------------------------------------------------------------------------


def test_anyone_lists_the_services_with_topics_languages_and_next_slot():
    service, topic, _counsellor, _hours = counselling_setup(languages=("de", "fa"))
    service.description_en = "Advice on residence, work, family and housing."
    service.save()

    response = APIClient().get(SERVICES, {"lang": "en"})

    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["slug"] == service.slug
    assert item["name"] == service.name_en
    assert item["description"] == "Advice on residence, work, family and housing."
    assert item["text_language"] == "en"
    assert item["topics"] == [{"id": topic.pk, "name": topic.name_en}]
    assert item["languages"] == ["de", "fa"]
    assert item["next_free_slot"]["key"]
    assert item["next_free_slot"]["start"] < item["next_free_slot"]["end"]


def test_the_language_follows_accept_language_and_falls_back_to_german():
    service, _topic, _counsellor, _hours = counselling_setup()

    response = APIClient().get(SERVICES, HTTP_ACCEPT_LANGUAGE="fa")

    (item,) = response.json()["results"]
    assert item["description"] == service.description_de
    assert item["text_language"] == "de"
    assert APIClient().get(SERVICES, {"lang": "xx"}).status_code == 400


def test_inactive_services_are_not_listed():
    ServiceFactory(is_active=False)

    assert APIClient().get(SERVICES).json()["count"] == 0


def test_anyone_sees_the_free_slots_and_which_are_in_their_language():
    service = ServiceFactory()
    TopicFactory(service=service)
    persian = CounsellorFactory(service=service, languages=["de", "fa"])
    german = CounsellorFactory(service=service, languages=["de"])
    make_office_hours(service, [persian], end=timezone.datetime(2000, 1, 1, 10).time())
    make_office_hours(
        service,
        [german],
        start=timezone.datetime(2000, 1, 1, 14).time(),
        end=timezone.datetime(2000, 1, 1, 15).time(),
    )

    response = APIClient().get(slots_url(service), {"language": "fa"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert {"start", "end", "key", "in_your_language"} == set(results[0])
    flags = {r["in_your_language"] for r in results}
    assert flags == {True, False}
    assert APIClient().get(slots_url(service), {"language": "nope"}).status_code == 400
    assert APIClient().get(f"{SERVICES}no-such-service/slots/").status_code == 404


def test_a_booked_slot_is_no_longer_free():
    service, topic, _counsellor, _hours = counselling_setup()
    first = APIClient().get(slots_url(service)).json()["results"][0]["key"]
    book(service, topic)

    keys = [s["key"] for s in APIClient().get(slots_url(service)).json()["results"]]
    assert first not in keys


# --- appointments and statistics: who gets in -------------------------------------------------

EXPECTED = {
    # role: (appointments, statistics)
    "anonymous": (403, 403),
    "participant": (403, 403),
    "volunteer": (403, 403),
    "counsellor": (200, 200),
    "association_member": (403, 403),
    "association_admin": (403, 403),
    "other_association_admin": (403, 403),
    "staff_user": (403, 200),
    "administrator": (403, 200),
}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_access_to_appointments_and_statistics(request, desk, user_in_role):
    service, _topic, appointment = desk
    role = request.node.callspec.params["user_in_role"]
    client = client_for(user_in_role)
    day = timezone.localdate(appointment.starts_at)

    appointments = client.get(appointments_url(service, day))
    statistics = client.get(statistics_url(service))

    assert (appointments.status_code, statistics.status_code) == EXPECTED[role]
    if appointments.status_code != 200:
        assert "Maryam" not in appointments.content.decode()


def test_a_counsellor_of_another_service_gets_nothing(desk):
    service, _topic, appointment = desk
    other_service, _topic, other, _hours = counselling_setup()
    client = client_for(other.user)

    assert (
        client.get(appointments_url(service, timezone.localdate(appointment.starts_at))).status_code
        == 403
    )
    assert client.get(statistics_url(service)).status_code == 403
    assert client.get(statistics_url(other_service)).status_code == 200


def test_the_counsellor_sees_the_days_appointments_and_each_reading_is_logged(counsellor, desk):
    service, topic, appointment = desk
    second, _token = book(service, topic, name="Omid", contact="+49 171 1234567")
    day = timezone.localdate(appointment.starts_at)
    assert timezone.localdate(second.starts_at) == day

    response = client_for(counsellor).get(appointments_url(service, day))

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["code"] for r in results] == [appointment.code, second.code]
    assert results[0]["name"] == "Maryam"
    assert results[0]["topic"] == {"id": topic.pk, "name": topic.name}
    assert "note" not in results[0]
    accesses = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert sorted(accesses.values_list("object_id", flat=True)) == sorted(
        [appointment.pk, second.pk]
    )
    assert {e.actor_id for e in accesses} == {counsellor.pk}
    assert all("Maryam" not in e.object_repr for e in accesses)


def test_another_day_shows_no_appointment_and_a_bad_day_is_refused(counsellor, desk):
    service, _topic, appointment = desk
    client = client_for(counsellor)
    other_day = timezone.localdate(appointment.starts_at) + timezone.timedelta(days=1)

    assert client.get(appointments_url(service, other_day)).json()["results"] == []
    response = client.get(f"{SERVICES}{service.slug}/appointments/", {"day": "tomorrow"})
    assert response.status_code == 400
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_statistics_are_anonymous_monthly_counts(counsellor, desk):
    service, topic, appointment = desk
    book(service, topic, language="ar", needs_interpreter=True)
    services.cancel_by_person(appointment=appointment)
    month = timezone.localdate(appointment.starts_at).strftime("%Y-%m")

    response = client_for(counsellor).get(statistics_url(service), {"from": month, "until": month})

    assert response.status_code == 200
    data = response.json()
    assert data["appointments"] == 1
    assert data["cancelled"] == 1
    (figures,) = data["months"]
    assert figures["month"] == f"{month}-01"
    assert {"key": "ar", "appointments": 1, "walk_ins": 0} in data["by_language"]
    assert {"needs_interpreter": True, "appointments": 1, "walk_ins": 0} in data["by_interpreter"]
    body = response.content.decode()
    assert "Maryam" not in body and appointment.code not in body
    bad = client_for(counsellor).get(statistics_url(service), {"from": "2024-13"})
    assert bad.status_code == 400


# --- token authentication -----------------------------------------------------------------------


def test_a_token_reaches_statistics_but_never_appointments(counsellor, desk):
    """Appointments need a session, which passed the two-factor login; a token would not."""
    service, _topic, appointment = desk
    token = Token.objects.create(user=counsellor)
    client = APIClient()
    day = timezone.localdate(appointment.starts_at)

    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(statistics_url(service)).status_code == 200
    assert client.get(appointments_url(service, day)).status_code in (401, 403)
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()

    client.credentials(HTTP_AUTHORIZATION="Token not-a-valid-token")
    assert client.get(statistics_url(service)).status_code in (401, 403)


def test_session_authentication(client, counsellor, desk):
    service, _topic, appointment = desk
    client.force_login(counsellor)

    response = client.get(appointments_url(service, timezone.localdate(appointment.starts_at)))

    assert response.status_code == 200


# --- privacy ------------------------------------------------------------------------------------


def test_no_case_note_in_any_response(counsellor, desk):
    service, _topic, appointment = desk
    services.save_note(
        appointment=appointment, note="SECRET-CASE-NOTE about housing", by=counsellor
    )
    client = client_for(counsellor)
    day = timezone.localdate(appointment.starts_at)

    bodies = [
        client.get(url).content.decode()
        for url in (
            SERVICES,
            slots_url(service),
            appointments_url(service, day),
            statistics_url(service),
            "/api/schema/",
        )
    ]

    assert all("SECRET-CASE-NOTE" not in body for body in bodies)
    assert Appointment.objects.get(pk=appointment.pk).note.startswith("SECRET-CASE-NOTE")


# --- a fixed number of queries --------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 4])
def test_the_service_list_runs_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    for _index in range(count):
        counselling_setup()

    with django_assert_max_num_queries(8):
        response = APIClient().get(SERVICES)
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_slot_list_runs_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    service, topic, _counsellor, _hours = counselling_setup()
    for _index in range(count):
        book(service, topic)

    with django_assert_max_num_queries(6):
        assert APIClient().get(slots_url(service)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_the_appointment_list_runs_a_fixed_number_of_queries(
    counsellor, count, django_assert_max_num_queries
):
    service, topic, _counsellor, _hours = counselling_setup(counsellor_user=counsellor)
    appointments = [book(service, topic)[0] for _index in range(count)]
    day = timezone.localdate(appointments[0].starts_at)
    client = client_for(counsellor)

    with django_assert_max_num_queries(8):
        response = client.get(appointments_url(service, day))
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 4])
def test_statistics_run_a_fixed_number_of_queries(staff_user, count, django_assert_max_num_queries):
    service, topic, _counsellor, _hours = counselling_setup()
    for _index in range(count):
        book(service, topic)

    with django_assert_max_num_queries(6):
        assert client_for(staff_user).get(statistics_url(service)).status_code == 200


def test_months_and_days_at_the_ends_of_the_calendar_are_refused(counsellor, desk):
    service, _topic, _appointment = desk
    client = client_for(counsellor)

    assert client.get(statistics_url(service), {"until": "0001-01"}).status_code == 400
    assert client.get(statistics_url(service), {"from": "9999-12"}).status_code == 400
    response = client.get(f"{SERVICES}{service.slug}/appointments/", {"day": "9999-12-31"})
    assert response.status_code == 400
