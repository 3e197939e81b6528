"""The staff set-up: who gets in, services, topics, counsellors and office hours through the
pages, the room conflict, deactivating office hours, and the counselling part of the home
page."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import ROLE_FIXTURES
from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling.models import (
    Appointment,
    Counsellor,
    OfficeHours,
    OfficeHoursDate,
    OfficeHoursMode,
    Service,
    Topic,
)

from .factories import (
    CounsellorFactory,
    ServiceFactory,
    TopicFactory,
    book,
    counselling_setup,
    make_office_hours,
    make_room,
)

pytestmark = pytest.mark.django_db

MANAGERS = {"staff_user", "administrator"}


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _setup_urls(service, topic, counsellor, hours):
    return [
        en("setup"),
        en("service-create"),
        en("service-edit", slug=service.slug),
        en("topic-list", slug=service.slug),
        en("topic-edit", pk=topic.pk),
        en("topic-delete", pk=topic.pk),
        en("counsellor-list", slug=service.slug),
        en("counsellor-create", slug=service.slug),
        en("counsellor-edit", pk=counsellor.pk),
        en("office-hours-create", slug=service.slug),
        en("office-hours-edit", pk=hours.pk),
    ]


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_centre_staff_set_counselling_up(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    # the counsellor of this very service is not let in either
    setup = counselling_setup(counsellor_user=user_in_role if role == "counsellor" else None)
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    for url in _setup_urls(*setup):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
            assert reverse("accounts:login") in response["Location"]
        else:
            assert response.status_code == (200 if role in MANAGERS else 403), url
    topic = setup[1]
    response = client.post(en("topic-move", pk=topic.pk), {"direction": "up"})
    assert response.status_code == (302 if role in MANAGERS | {"anonymous"} else 403)


def test_the_overview_shows_services_without_appointments(staff_client):
    service, topic, counsellor, hours = counselling_setup()
    book(service, topic, name="Secret Person")
    page = staff_client.get(en("setup")).content.decode()
    assert service.name_en in page
    assert topic.name_en in page
    assert str(counsellor.user) in page
    assert hours.room.name in page
    assert en("statistics", slug=service.slug) in page
    assert "Secret Person" not in page


def _fill(services: int):
    for _n in range(services):
        service, _topic, counsellor, _hours = counselling_setup()
        TopicFactory(service=service)
        make_office_hours(
            service,
            [counsellor, CounsellorFactory(service=service)],
            mode=OfficeHoursMode.WALK_IN,
            start=time(14),
            end=time(16),
        )


def test_the_overview_runs_a_fixed_number_of_queries(staff_client, django_assert_max_num_queries):
    _fill(1)
    with django_assert_max_num_queries(12) as few:
        staff_client.get(en("setup"))
    _fill(4)
    with django_assert_max_num_queries(len(few)):
        assert staff_client.get(en("setup")).status_code == 200


# --- services ---------------------------------------------------------------------------------


def test_staff_create_a_service_with_translations(staff_client):
    response = staff_client.post(
        en("service-create"),
        {
            "name_de": "Jugendmigrationsdienst",
            "description_de": "Beratung für junge Menschen bis 27.",
            "name_en": "Youth migration service",
            "name_ar": "خدمة هجرة الشباب",
            "provider": "Internationaler Bund",
            "phone": "0361 123456",
            "email": "jmd@example.org",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.slug == "jugendmigrationsdienst"
    assert service.name_en == "Youth migration service"
    assert service.name_ar == "خدمة هجرة الشباب"
    assert service.is_active

    staff_client.post(
        en("service-edit", slug=service.slug),
        {"name_de": "JMD", "description_de": "Neu.", "provider": "IB", "is_active": ""},
    )
    service.refresh_from_db()
    assert (service.name_de, service.is_active, service.slug) == (
        "JMD",
        False,
        "jugendmigrationsdienst",
    )


def test_a_service_needs_its_german_name_and_description(staff_client):
    response = staff_client.post(
        en("service-create"), {"name_de": "", "description_de": "", "name_en": "Kept text"}
    )
    assert response.status_code == 200
    assert not Service.objects.exists()
    page = response.content.decode()
    assert "Nothing has been saved" in page
    assert "Kept text" in page


# --- topics -----------------------------------------------------------------------------------


def test_topics_are_added_renamed_reordered_and_deleted(staff_client):
    service = ServiceFactory()
    for name in ("Aufenthalt", "Arbeit", "Wohnen"):
        response = staff_client.post(
            en("topic-list", slug=service.slug), {"name_de": name, "name_en": name + " (en)"}
        )
        assert response.status_code == 302
    names = lambda: list(  # noqa: E731
        Topic.objects.filter(service=service).order_by("position").values_list("name_de", flat=True)
    )
    assert names() == ["Aufenthalt", "Arbeit", "Wohnen"]

    wohnen = Topic.objects.get(name_de="Wohnen")
    staff_client.post(en("topic-move", pk=wohnen.pk), {"direction": "up"})
    assert names() == ["Aufenthalt", "Wohnen", "Arbeit"]
    staff_client.post(en("topic-move", pk=wohnen.pk), {"direction": "up"})
    staff_client.post(en("topic-move", pk=wohnen.pk), {"direction": "up"})  # already first
    assert names() == ["Wohnen", "Aufenthalt", "Arbeit"]

    staff_client.post(en("topic-edit", pk=wohnen.pk), {"name_de": "Wohnen und Miete"})
    assert names()[0] == "Wohnen und Miete"

    response = staff_client.post(en("topic-delete", pk=wohnen.pk))
    assert response.status_code == 302
    assert names() == ["Aufenthalt", "Arbeit"]


def test_a_topic_that_appointments_name_is_not_deleted(staff_client):
    service, topic, _counsellor, _hours = counselling_setup()
    book(service, topic)
    response = staff_client.post(en("topic-delete", pk=topic.pk))
    assert response.status_code == 400
    assert "cannot be deleted" in response.content.decode()
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_a_topic_needs_a_german_name(staff_client):
    service = ServiceFactory()
    response = staff_client.post(en("topic-list", slug=service.slug), {"name_de": ""})
    assert response.status_code == 200
    assert not Topic.objects.filter(service=service).exists()


# --- counsellors ------------------------------------------------------------------------------


def test_staff_add_a_counsellor_with_languages(staff_client, counsellor):
    service = ServiceFactory()
    response = staff_client.get(en("counsellor-create", slug=service.slug))
    assert str(counsellor) in response.content.decode()
    response = staff_client.post(
        en("counsellor-create", slug=service.slug),
        {"user": counsellor.pk, "languages": ["de", "fa", "prs"]},
    )
    assert response.status_code == 302
    added = Counsellor.objects.get(service=service)
    assert added.user == counsellor
    assert added.languages == ["de", "fa", "prs"]
    assert added.is_active


def test_only_people_with_the_counsellor_role_are_offered(staff_client, staff_user, volunteer):
    service = ServiceFactory()
    response = staff_client.post(
        en("counsellor-create", slug=service.slug), {"user": volunteer.pk, "languages": ["de"]}
    )
    assert response.status_code == 200
    assert not Counsellor.objects.exists()
    assert volunteer.email not in response.content.decode()


def test_the_services_refusal_of_another_role_is_shown(staff_client):
    counsellor = CounsellorFactory()
    counsellor.user.role = "staff"
    counsellor.user.save()
    response = staff_client.post(
        en("counsellor-edit", pk=counsellor.pk), {"languages": ["de", "ar"], "is_active": "on"}
    )
    assert response.status_code == 200
    assert "Only people with the counsellor role can counsel" in response.content.decode()
    counsellor.refresh_from_db()
    assert counsellor.languages == ["de", "en"]


# --- office hours -----------------------------------------------------------------------------


def _office_hours_data(counsellors, room, **changes):
    data = {
        "mode": OfficeHoursMode.APPOINTMENTS,
        "room": room.pk,
        "weekdays": ["0", "1", "2", "3", "4"],
        "interval_weeks": "1",
        "starts_on": (centre_today() + timedelta(days=1)).isoformat(),
        "until": "",
        "start_time": "09:00",
        "end_time": "12:00",
        "slot_minutes": "45",
        "counsellors": [c.pk for c in counsellors],
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_staff_create_office_hours_that_hold_their_room(staff_client):
    service = ServiceFactory()
    counsellor = CounsellorFactory(service=service)
    room = make_room("Beratung 9")
    response = staff_client.post(
        en("office-hours-create", slug=service.slug), _office_hours_data([counsellor], room)
    )
    assert response.status_code == 302
    hours = OfficeHours.objects.get(service=service)
    assert list(hours.counsellors.all()) == [counsellor]
    dates = OfficeHoursDate.objects.filter(office_hours=hours)
    assert dates.exists()
    assert all(d.booking and d.booking.room == room and not d.booking.is_cancelled for d in dates)


def test_a_room_already_booked_is_refused_with_its_dates(staff_client):
    other_service, _topic, other_counsellor, other_hours = counselling_setup()
    service = ServiceFactory()
    counsellor = CounsellorFactory(service=service)
    with translation.override("en"):
        response = staff_client.post(
            en("office-hours-create", slug=service.slug),
            _office_hours_data(
                [counsellor], other_hours.room, start_time="10:00", end_time="11:00"
            ),
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "is already booked on these dates" in page
    first = OfficeHoursDate.objects.filter(office_hours=other_hours).order_by("starts_at").first()
    assert f"{timezone.localtime(first.starts_at):%d.%m.%Y}" in page
    assert not OfficeHours.objects.filter(service=service).exists()
    assert 'value="10:00"' in page  # what was typed is still there


def test_office_hours_need_an_end_after_their_start(staff_client):
    service = ServiceFactory()
    counsellor = CounsellorFactory(service=service)
    response = staff_client.post(
        en("office-hours-create", slug=service.slug),
        _office_hours_data([counsellor], make_room(), start_time="12:00", end_time="09:00"),
    )
    assert response.status_code == 200
    assert not OfficeHours.objects.exists()


def test_deactivating_office_hours_releases_the_room(staff_client):
    service, _topic, counsellor, hours = counselling_setup()
    bookings = [d.booking for d in OfficeHoursDate.objects.filter(office_hours=hours)]
    assert bookings
    data = _office_hours_data([counsellor], hours.room, is_active="")
    response = staff_client.post(en("office-hours-edit", pk=hours.pk), data)
    assert response.status_code == 302
    hours.refresh_from_db()
    assert not hours.is_active
    for booking in bookings:
        booking.refresh_from_db()
        assert booking.is_cancelled
    # and the room is free again for others
    other = ServiceFactory()
    other_counsellor = CounsellorFactory(service=other)
    response = staff_client.post(
        en("office-hours-create", slug=other.slug),
        _office_hours_data([other_counsellor], hours.room),
    )
    assert response.status_code == 302


# --- the home page ----------------------------------------------------------------------------


def test_everyone_sees_the_counselling_teaser(client):
    with translation.override("en"):
        page = client.get(reverse("core:home")).content.decode()
        assert reverse("counselling:index") in page
        assert reverse("counselling:home-today") not in page


def test_a_counsellor_sees_todays_appointments_at_their_desk(client):
    user = UserFactory(role="counsellor")
    service, topic, _counsellor, _hours = counselling_setup(counsellor_user=user)
    appointment, _token = book(service, topic)
    noon = timezone.make_aware(datetime.combine(centre_today(), time(12)))
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=noon, ends_at=noon + timedelta(hours=1)
    )
    client.force_login(user)
    with translation.override("en"):
        home = client.get(reverse("core:home")).content.decode()
        assert reverse("counselling:home-today") in home
        response = client.get(reverse("counselling:home-today"))
        assert response.status_code == 200
        page = response.content.decode()
        assert "1 appointment today" in page
        assert reverse("counselling:desk-service", kwargs={"slug": service.slug}) in page


@pytest.mark.parametrize("user_in_role", ["participant", "staff_user"], indirect=True)
def test_todays_desk_is_only_for_counsellors(client, user_in_role):
    client.force_login(user_in_role)
    assert client.get(en("home-today")).status_code == 403
