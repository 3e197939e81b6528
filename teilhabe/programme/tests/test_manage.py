"""The hosts' pages: list, create and edit offers, schedules and exceptions, status."""

import io
from datetime import time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.programme import services
from teilhabe.programme.models import Offer, Schedule, ScheduleException, Session
from teilhabe.rooms.models import Room

from .factories import (
    CategoryFactory,
    OfferFactory,
    RegistrationFactory,
    ScheduleFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

MANAGE = "/en/programme/manage/"


def offer_data(association, category, **overrides):
    data = {
        "slug": "",
        "title_de": "Frauencafé am Dienstag",
        "summary_de": "Kaffee, Kuchen und Gespräche.",
        "description_de": "Wir treffen uns **jede Woche**.",
        "title_en": "Women's café",
        "summary_en": "",
        "category": category.pk,
        "lead_association": association.pk,
        "languages": ["de", "ar"],
        "age_min": "",
        "age_max": "",
        "cost_kind": "free",
        "price": "",
        "reduced_price": "",
        "registration_mode": "none",
        "capacity": "",
        "registration_scope": "offer",
        "contact_name": "Amal",
        "contact_email": "amal@example.org",
        "contact_phone": "",
        "image_alt_de": "",
    }
    data.update(overrides)
    return data


def schedule_data(**overrides):
    data = {
        "action": "add-schedule",
        "schedule-repeat": "weekly",
        "schedule-starts_on": (centre_today() + timedelta(days=1)).isoformat(),
        "schedule-start_time": "18:00",
        "schedule-end_time": "19:30",
        "schedule-room": "",
        "schedule-weekdays": [str((centre_today() + timedelta(days=1)).weekday())],
        "schedule-interval_weeks": "1",
        "schedule-until": "",
        "schedule-count": "4",
    }
    data.update(overrides)
    return data


def url(name, offer):
    return "/en" + reverse(f"programme:{name}", kwargs={"slug": offer.slug})[3:]


# --- the whole way: create, schedule, publish ---------------------------------------------------


def test_admin_creates_a_draft_adds_a_weekly_schedule_and_publishes_it(
    client, association, association_admin
):
    category = CategoryFactory()
    partner = AssociationFactory(name="Partnerverein")
    client.force_login(association_admin)
    assert client.get(MANAGE + "new/").status_code == 200

    response = client.post(
        MANAGE + "new/", offer_data(association, category, co_hosts=[partner.pk])
    )
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("offer-schedule", offer)
    assert offer.status == "draft"
    assert offer.slug == "frauencafe-am-dienstag"
    assert offer.lead_association == association
    assert list(offer.co_hosts.all()) == [partner]
    assert offer.languages == ["de", "ar"]
    assert offer.title_en == "Women's café"
    assert "<strong>jede Woche</strong>" in offer.description_html_de

    response = client.post(url("offer-schedule", offer), schedule_data())
    assert response.status_code == 302
    schedule = Schedule.objects.get(offer=offer)
    assert schedule.count == 4 and schedule.until is None
    assert not Session.objects.exists()  # a draft has no sessions yet …
    html = client.get(url("offer-schedule", offer)).content.decode()
    assert "Planned dates" in html and html.count("Cancel or move<") == 4  # … only a preview

    response = client.post(url("offer-status", offer), {"status": "published"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "published"
    sessions = Session.objects.filter(offer=offer)
    assert sessions.count() == 4
    assert {s.starts_at.astimezone().time() for s in sessions} == {time(18)}


def test_the_status_goes_back_to_draft_and_to_the_archive(client, association, association_admin):
    offer = OfferFactory(lead_association=association)
    client.force_login(association_admin)
    next_url = url("offer-schedule", offer)
    response = client.post(url("offer-status", offer), {"status": "draft", "next": next_url})
    assert response["Location"] == next_url
    offer.refresh_from_db()
    assert offer.status == "draft"
    client.post(url("offer-status", offer), {"status": "archived", "next": "https://evil.example"})
    offer.refresh_from_db()
    assert offer.status == "archived"
    assert client.post(url("offer-status", offer), {"status": "deleted"}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == "archived"
    assert client.get(url("offer-status", offer)).status_code == 405


def test_staff_edit_any_offer(client, staff_user):
    offer = OfferFactory(title_de="Alt")
    client.force_login(staff_user)
    data = offer_data(offer.lead_association, offer.category, title_de="Neu")
    del data["slug"]
    response = client.post(url("offer-edit", offer), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title_de == "Neu"
    assert offer.slug.startswith("angebot-")  # the address stays


# --- who may --------------------------------------------------------------------------------------


def test_another_associations_admin_gets_403_and_changes_nothing(
    client, association, other_association_admin
):
    offer = OfferFactory(lead_association=association, status="draft", title_de="Original")
    schedule = ScheduleFactory(offer=offer)
    client.force_login(other_association_admin)
    theirs = other_association_admin.memberships.get().association
    for name in ("offer-edit", "offer-schedule"):
        assert client.get(url(name, offer)).status_code == 403
    assert (
        client.post(url("offer-edit", offer), offer_data(theirs, offer.category)).status_code == 403
    )
    assert client.post(url("offer-schedule", offer), schedule_data()).status_code == 403
    assert client.post(url("offer-status", offer), {"status": "published"}).status_code == 403
    offer.refresh_from_db()
    assert (offer.title_de, offer.status, offer.lead_association) == (
        "Original",
        "draft",
        association,
    )
    assert list(Schedule.objects.all()) == [schedule]


def test_a_co_host_sees_the_offer_read_only_with_a_link_to_participants(
    client, association, association_admin
):
    offer = OfferFactory(title_de="Gemeinsamer Kurs", registration=True)
    offer.co_hosts.add(association)
    client.force_login(association_admin)
    html = client.get(MANAGE).content.decode()
    assert "Gemeinsamer Kurs" in html and "Co-host" in html
    assert f'href="{url("offer-edit", offer)}"' not in html
    assert url("participants", offer) in html
    assert client.get(url("offer-edit", offer)).status_code == 403


@pytest.mark.parametrize(
    "user_in_role", ["participant", "volunteer", "association_member"], indirect=True
)
def test_people_without_an_association_to_run_may_not_manage(client, user_in_role):
    client.force_login(user_in_role)
    assert client.get(MANAGE).status_code == 403
    assert client.get(MANAGE + "new/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(MANAGE)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


# --- forms that refuse --------------------------------------------------------------------------


def test_an_invalid_offer_keeps_what_was_typed_and_saves_nothing(
    client, association, association_admin
):
    client.force_login(association_admin)
    data = offer_data(
        association,
        CategoryFactory(),
        title_de="Nähcafé für alle",
        cost_kind="reduced",
        price="5.00",
        reduced_price="7.00",
        registration_mode="required",
        capacity="",
        age_min="12",
        age_max="8",
    )
    response = client.post(MANAGE + "new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nähcafé für alle" in html
    assert "The reduced price must be lower than the price." in html
    assert "Please give the number of places." in html
    assert "The maximum age cannot be below the minimum age." in html
    assert 'aria-invalid="true"' in html and "data-focus-on-load" in html
    assert not Offer.objects.exists()


def test_a_fee_needs_a_price(client, association, association_admin):
    client.force_login(association_admin)
    response = client.post(
        MANAGE + "new/", offer_data(association, CategoryFactory(), cost_kind="paid")
    )
    assert "Please give the price." in response.content.decode()
    assert not Offer.objects.exists()


def test_an_invalid_edit_changes_nothing(client, association, association_admin):
    offer = OfferFactory(lead_association=association, title_de="Vorher")
    client.force_login(association_admin)
    data = offer_data(association, offer.category, title_de="Nachher", summary_de="")
    del data["slug"]
    response = client.post(url("offer-edit", offer), data)
    assert response.status_code == 200
    assert "Nachher" in response.content.decode()
    offer.refresh_from_db()
    assert offer.title_de == "Vorher"


def test_the_lead_association_must_be_one_the_user_administers(
    client, association, association_admin
):
    stranger = AssociationFactory()
    client.force_login(association_admin)
    response = client.post(MANAGE + "new/", offer_data(stranger, CategoryFactory()))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Offer.objects.exists()

    offer = OfferFactory(lead_association=association)
    data = offer_data(stranger, offer.category)
    del data["slug"]
    response = client.post(url("offer-edit", offer), data)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.lead_association == association


def test_the_lead_cannot_be_its_own_co_host(client, association, staff_user):
    AssociationFactory()  # staff choose among several leads
    client.force_login(staff_user)
    response = client.post(
        MANAGE + "new/", offer_data(association, CategoryFactory(), co_hosts=[association.pk])
    )
    assert "cannot also be a co-host" in response.content.decode()
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"schedule-end_time": "17:00"}, "The end must be after the start."),
        ({"schedule-weekdays": []}, "Choose at least one weekday."),
        (
            {"schedule-until": (centre_today() + timedelta(days=30)).isoformat()},
            "not both",
        ),
        (
            {"schedule-until": centre_today().isoformat(), "schedule-count": ""},
            "The last date cannot be before the first date.",
        ),
        (
            {
                "schedule-repeat": "once",
                "schedule-starts_on": (centre_today() - timedelta(days=1)).isoformat(),
            },
            "This date is in the past.",
        ),
    ],
)
def test_an_invalid_schedule_keeps_what_was_typed_and_saves_nothing(
    client, association, association_admin, overrides, message
):
    offer = OfferFactory(lead_association=association)
    client.force_login(association_admin)
    response = client.post(url("offer-schedule", offer), schedule_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="18:00"' in html
    assert not Schedule.objects.exists()
    assert not Session.objects.exists()


def test_an_open_ended_weekly_schedule_fills_the_horizon(
    client, association, association_admin, settings
):
    settings.PROGRAMME_HORIZON_DAYS = 28
    offer = OfferFactory(lead_association=association)
    client.force_login(association_admin)
    client.post(url("offer-schedule", offer), schedule_data(**{"schedule-count": ""}))
    assert Session.objects.filter(offer=offer).count() == 4


# --- exceptions ---------------------------------------------------------------------------------


def test_an_exception_cancels_a_date_and_it_shows_as_cancelled(
    client, association, association_admin
):
    first = centre_today() + timedelta(days=1)
    offer = OfferFactory(lead_association=association)
    client.force_login(association_admin)
    client.post(url("offer-schedule", offer), schedule_data())
    second = first + timedelta(days=7)

    # the listed date's link fills in the form
    html = client.get(url("offer-schedule", offer)).content.decode()
    schedule = Schedule.objects.get()
    link = f"?schedule={schedule.pk}&amp;day={second.isoformat()}#exception-form"
    assert link in html
    prefilled = client.get(
        url("offer-schedule", offer), {"schedule": schedule.pk, "day": second.isoformat()}
    ).content.decode()
    assert f'value="{second.isoformat()}"' in prefilled

    response = client.post(
        url("offer-schedule", offer),
        {
            "action": "add-exception",
            "exception-schedule": schedule.pk,
            "exception-day": second.isoformat(),
            "exception-kind": "cancelled",
            "exception-note": "Ferien",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(schedule=schedule, rule_day=second)
    assert session.is_cancelled and session.note == "Ferien"
    assert Session.objects.filter(schedule=schedule, is_cancelled=False).count() == 3

    html = client.get(url("offer-schedule", offer)).content.decode()
    assert html.count(">Cancelled</span>") == 1
    assert "Ferien" in html
    assert link not in html  # a date already changed is not offered again


def test_an_exception_moves_a_date(client, association, association_admin):
    first = centre_today() + timedelta(days=1)
    schedule = ScheduleFactory(
        offer=OfferFactory(lead_association=association),
        starts_on=first,
        weekdays=[first.weekday()],
        count=3,
    )
    client.force_login(association_admin)
    response = client.post(
        url("offer-schedule", schedule.offer),
        {
            "action": "add-exception",
            "exception-schedule": schedule.pk,
            "exception-day": first.isoformat(),
            "exception-kind": "moved",
            "exception-moved_to": (first + timedelta(days=1)).isoformat(),
            "exception-moved_start_time": "10:00",
            "exception-moved_end_time": "",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(schedule=schedule, rule_day=first)
    assert session.is_moved
    assert session.starts_at.astimezone().date() == first + timedelta(days=1)
    assert session.starts_at.astimezone().time() == time(10)
    assert ">Moved</span>" in client.get(url("offer-schedule", schedule.offer)).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"exception-day": "wrong-day"}, "The schedule has no date on this day."),
        ({"exception-kind": "moved"}, "Please give the new date."),
        ({"exception-schedule": "other"}, "Select a valid choice"),
    ],
)
def test_an_invalid_exception_changes_nothing(
    client, association, association_admin, overrides, message
):
    first = centre_today() + timedelta(days=1)
    schedule = ScheduleFactory(
        offer=OfferFactory(lead_association=association), starts_on=first, weekdays=[]
    )
    other = ScheduleFactory()  # another association's offer
    data = {
        "action": "add-exception",
        "exception-schedule": schedule.pk,
        "exception-day": first.isoformat(),
        "exception-kind": "cancelled",
    }
    data.update(overrides)
    if data["exception-day"] == "wrong-day":
        data["exception-day"] = (first + timedelta(days=1)).isoformat()
    if data["exception-schedule"] == "other":
        data["exception-schedule"] = other.pk
    client.force_login(association_admin)
    response = client.post(url("offer-schedule", schedule.offer), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ScheduleException.objects.exists()


# --- the list -------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 15])
@pytest.mark.parametrize("user_in_role", ["association_admin", "staff_user"], indirect=True)
def test_the_list_runs_a_fixed_number_of_queries(
    client, association, user_in_role, django_assert_max_num_queries, count
):
    partner = AssociationFactory()
    for number in range(count):
        if number % 3 == 2:
            offer = OfferFactory(lead_association=partner)
            offer.co_hosts.add(association)
        else:
            offer = OfferFactory(lead_association=association, registration=number % 2 == 0)
            offer.co_hosts.add(partner)
        SessionFactory.create_batch(2, offer=offer)
    OfferFactory()  # not theirs: not listed (staff see it)
    client.force_login(user_in_role)
    with django_assert_max_num_queries(10):
        response = client.get(MANAGE)
    assert response.status_code == 200
    listed = count + (1 if user_in_role.is_centre_staff else 0)
    assert response.content.decode().count('class="card mb-3"') == listed


@pytest.mark.parametrize("count", [1, 6])
def test_the_schedule_page_runs_a_fixed_number_of_queries(
    client, association, association_admin, django_assert_max_num_queries, count
):
    offer = OfferFactory(lead_association=association)
    room = Room.objects.create(name="Großer Saal", floor=0, area_m2=80, capacity=40)
    first = centre_today() + timedelta(days=1)
    for number in range(count):
        schedule = ScheduleFactory(
            offer=offer, starts_on=first, weekdays=[number % 7], count=5, room=room
        )
        ScheduleException.objects.create(
            schedule=schedule,
            day=schedule.recurrence.days(first, first + timedelta(days=7))[0],
            kind="moved",
            moved_to=first + timedelta(days=9),
            moved_room=room,
        )
    services.materialise_sessions(offers=[offer])
    client.force_login(association_admin)
    with django_assert_max_num_queries(15):
        response = client.get(url("offer-schedule", offer))
    assert response.status_code == 200
    assert response.content.decode().count(">Moved</span>") == count


def test_staff_see_every_offer_and_can_filter_by_status(client, staff_user):
    OfferFactory(title_de="Veröffentlicht")
    OfferFactory(title_de="Entwurf", status="draft")
    client.force_login(staff_user)
    html = client.get(MANAGE).content.decode()
    assert "Veröffentlicht" in html and "Entwurf" in html
    assert html.index("Entwurf") < html.index("Veröffentlicht")  # drafts first
    html = client.get(MANAGE, {"status": "draft"}).content.decode()
    assert "Entwurf" in html and "Veröffentlicht" not in html


def test_two_offers_with_one_title_get_two_addresses(client, association, association_admin):
    client.force_login(association_admin)
    category = CategoryFactory()
    for _ in range(2):
        client.post(MANAGE + "new/", offer_data(association, category, title_de="Sprachcafé"))
    assert sorted(Offer.objects.values_list("slug", flat=True)) == [
        "sprachcafe",
        "sprachcafe-2",
    ]


# --- the admin goes through the same services ---------------------------------------------------


def test_staff_publish_in_the_admin_and_the_sessions_follow(client, staff_user):
    first = centre_today() + timedelta(days=1)
    offer = OfferFactory(status="draft")
    ScheduleFactory(offer=offer, starts_on=first, weekdays=[first.weekday()], count=3)
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:programme_offer_changelist"),
        {"action": "publish", "_selected_action": [offer.pk]},
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == "published"
    assert Session.objects.filter(offer=offer).count() == 3


def test_the_admin_keeps_schedules_whose_dates_have_registrations(client, staff_user):
    schedule = ScheduleFactory(offer=OfferFactory(registration=True))
    session = SessionFactory(offer=schedule.offer, schedule=schedule)
    RegistrationFactory(offer=schedule.offer, session=session)
    client.force_login(staff_user)
    delete_url = reverse("admin:programme_schedule_delete", args=[schedule.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Schedule.objects.filter(pk=schedule.pk).exists()


def test_an_image_needs_a_description(client, association, association_admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, format="PNG")
    client.force_login(association_admin)
    category = CategoryFactory()

    def upload():
        return SimpleUploadedFile("bild.png", buffer.getvalue(), content_type="image/png")

    response = client.post(MANAGE + "new/", offer_data(association, category, image=upload()))
    assert "Please describe the image" in response.content.decode()
    assert not Offer.objects.exists()
    client.post(
        MANAGE + "new/",
        offer_data(association, category, image=upload(), image_alt_de="Frauen am Tisch"),
    )
    offer = Offer.objects.get()
    assert offer.image.name.endswith(".png") and offer.image_alt_de == "Frauen am Tisch"
