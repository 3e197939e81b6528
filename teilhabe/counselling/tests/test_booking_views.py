"""The public booking pages: the services, booking a time, and seeing, downloading, cancelling
and deleting a booking with its link or its code."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.counselling import services
from teilhabe.counselling.models import Appointment, CounsellingRecord, OfficeHoursMode, Outcome
from teilhabe.counselling.selectors import free_slots

from .factories import (
    CounsellorFactory,
    ServiceFactory,
    TopicFactory,
    book,
    counselling_setup,
    make_office_hours,
)

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


def assert_private(response, referrer="no-referrer"):
    """Not stored, not indexed, the address never passed to another site. Pages with a form
    keep the referrer within the site, or the browser's Origin: null fails the CSRF check."""
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == referrer
    assert "noindex" in response["X-Robots-Tag"]


@pytest.fixture
def setup():
    return counselling_setup(languages=("de", "fa"))


def form_data(service, topic, **changes):
    slot = free_slots([service])[service.pk][0]
    data = {
        "topic": str(topic.pk),
        "language": "fa",
        "slot": slot.key,
        "name": "Maryam",
        "contact": "maryam@example.org",
        "needs_interpreter": "on",
    }
    data.update(changes)
    return data


# --- the services ------------------------------------------------------------------------------


def test_index_shows_services_topics_languages_next_slot_and_walk_in_hours(client, setup):
    service, topic, counsellor, _hours = setup
    make_office_hours(
        service,
        [counsellor],
        mode=OfficeHoursMode.WALK_IN,
        starts_on=timezone.localdate(),
        weekdays=range(7),
        start=timezone.localtime().time().replace(hour=0, minute=0),
        end=timezone.localtime().time().replace(hour=23, minute=59),
    )
    ServiceFactory(is_active=False, name_en="Closed service")

    response = client.get(en("index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert service.name_en in html
    assert "Closed service" not in html
    assert topic.name_en in html
    assert "Persian" in html and "German" in html
    # the description has no English text: German, marked as such
    assert 'lang="de"' in html and "in German – not yet translated" in html
    assert 'class="col-sm-8 next-slot"><time' in html
    assert 'class="list-unstyled mb-0 walk-in-hours"' in html
    assert en("book", slug=service.slug) in html


def test_index_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    # the services with topics and counsellors (3), free slots (4), walk-in hours (1), centre (1)
    def add_service():
        service = ServiceFactory()
        TopicFactory(service=service)
        TopicFactory(service=service)
        counsellors = [CounsellorFactory(service=service) for _ in range(2)]
        make_office_hours(service, counsellors)
        make_office_hours(
            service, counsellors, mode=OfficeHoursMode.WALK_IN, starts_on=timezone.localdate()
        )
        return service

    add_service()
    with django_assert_max_num_queries(9):
        assert client.get(en("index")).status_code == 200
    for _ in range(4):
        service = add_service()
        book(service, service.topics.first())
    with django_assert_max_num_queries(9):
        assert client.get(en("index")).status_code == 200


# --- booking -----------------------------------------------------------------------------------


def test_booking_form_shows_topics_languages_slots_and_privacy(client, setup):
    service, topic, _counsellor, _hours = setup
    with translation.override("fa"):
        url = reverse("counselling:book", kwargs={"slug": service.slug})
    response = client.get(url)
    assert response.status_code == 200
    assert_private(response, referrer="same-origin")
    html = response.content.decode()
    assert 'name="topic"' in html and 'name="slot"' in html
    # the language defaults to the page's language (Persian), and the counsellor speaks it
    assert '<option value="fa" selected>' in html
    assert "in-your-language" in html
    assert "COUNSELLING_RETENTION_DAYS" not in html and "90" in html


def test_times_not_in_the_chosen_language_are_not_marked(client, setup):
    service, _topic, _counsellor, _hours = setup
    response = client.get(en("slots", slug=service.slug), {"language": "ti"})
    assert response.status_code == 200
    assert 'name="slot"' in response.content.decode()
    assert "in-your-language" not in response.content.decode()
    response = client.get(en("slots", slug=service.slug), {"language": "fa"})
    assert "in-your-language" in response.content.decode()


def test_show_times_without_javascript_keeps_what_was_typed(client, setup):
    service, topic, _counsellor, _hours = setup
    data = form_data(service, topic, language="de", show_times="1")
    response = client.post(en("book", slug=service.slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Maryam"' in html and 'value="maryam@example.org"' in html
    assert '<option value="de" selected>' in html
    assert not Appointment.objects.exists()
    assert "invalid-feedback" not in html


def test_a_person_books_and_sees_the_code_once(client, setup):
    service, topic, _counsellor, _hours = setup
    response = client.post(en("book", slug=service.slug), form_data(service, topic))

    appointment = Appointment.objects.get()
    assert appointment.name == "Maryam" and appointment.needs_interpreter
    assert appointment.language == "fa"
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert_private(page)
    html = page.content.decode()
    assert html.count(appointment.code) == 2  # the message and the large code
    assert 'data-status="booked"' in html
    again = client.get(response["Location"]).content.decode()
    assert again.count(appointment.code) == 1  # the message was shown once


def test_a_slot_taken_in_parallel_is_refused_and_the_input_kept(client, setup):
    service, topic, _counsellor, _hours = setup
    data = form_data(service, topic)
    book(service, topic)  # someone else was faster
    with translation.override("en"):
        response = client.post(en("book", slug=service.slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "this time has just been taken" in html
    assert 'id="slot_error"' in html
    assert 'value="Maryam"' in html and 'value="maryam@example.org"' in html
    assert (
        'name="needs_interpreter" checked' in html
        or "checked" in html.split('name="needs_interpreter"')[1].split(">")[0]
    )
    assert Appointment.objects.count() == 1


def test_a_bad_contact_is_shown_next_to_the_field(client, setup):
    service, topic, _counsellor, _hours = setup
    data = form_data(service, topic, contact="maryam at example")
    response = client.post(en("book", slug=service.slug), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_contact_error"' in html
    assert 'value="maryam at example"' in html
    assert not Appointment.objects.exists()


def test_a_topic_of_another_service_is_refused(client, setup):
    service, _topic, _counsellor, _hours = setup
    foreign = TopicFactory()
    response = client.post(en("book", slug=service.slug), form_data(service, foreign))
    assert response.status_code == 200
    assert 'id="id_topic_error"' in response.content.decode()
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("active", [False, None])
def test_an_inactive_or_unknown_service_is_not_found(client, active):
    slug = "nothing"
    if active is False:
        slug = ServiceFactory(is_active=False).slug
    assert client.get(en("book", slug=slug)).status_code == 404
    assert client.post(en("book", slug=slug), {}).status_code == 404
    assert client.get(en("slots", slug=slug)).status_code == 404


# --- the booking page --------------------------------------------------------------------------


def test_booking_page_shows_the_details_and_is_private(client, setup):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic, needs_interpreter=True)
    response = client.get(en("booking", token=token))
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert appointment.code in html
    assert service.name_en in html and topic.name_en in html
    assert 'data-requested="yes"' in html
    assert timezone.localtime(appointment.starts_at).strftime("%H:%M") in html
    assert appointment.office_hours_date.room.name in html


def test_an_unknown_link_gives_a_friendly_not_found_page(client):
    response = client.get(en("booking", token="not-a-token"))
    assert response.status_code == 404
    assert_private(response)
    assert 'id="not-found-heading"' in response.content.decode()
    for name in ("booking-cancel", "booking-delete", "booking-data", "booking-calendar"):
        assert client.get(en(name, token="not-a-token")).status_code == 404


def test_cancel_asks_first_then_cancels(client, setup, django_capture_on_commit_callbacks):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic)
    confirm = client.get(en("booking-cancel", token=token))
    assert confirm.status_code == 200 and 'id="confirm-cancel"' in confirm.content.decode()
    appointment.refresh_from_db()
    assert appointment.outcome == Outcome.BOOKED

    response = client.post(en("booking-cancel", token=token))
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.outcome == Outcome.CANCELLED and not appointment.cancelled_by_service
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="cancelled"' in page and 'id="cancel-link"' not in page
    # the time is free again
    assert any(s.starts_at == appointment.starts_at for s in free_slots([service])[service.pk])
    # cancelling twice shows a message, not an error page
    again = client.post(en("booking-cancel", token=token))
    assert again.status_code == 400
    assert "alert-danger" in again.content.decode()


def test_delete_asks_first_then_leaves_only_the_anonymous_record(client, setup):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic)
    assert client.get(en("booking-delete", token=token)).status_code == 200
    assert Appointment.objects.exists()

    response = client.post(en("booking-delete", token=token))
    assert response.status_code == 302
    assert response["Location"] == en("booking-deleted")
    assert not Appointment.objects.exists()
    record = CounsellingRecord.objects.get()
    assert record.outcome == Outcome.CANCELLED
    deleted = client.get(response["Location"])
    assert deleted.status_code == 200 and 'id="deleted-heading"' in deleted.content.decode()
    assert client.get(en("booking", token=token)).status_code == 404


def test_download_has_the_booking_but_not_the_case_note(client, setup):
    service, topic, counsellor, _hours = setup
    appointment, token = book(service, topic)
    services.save_note(appointment=appointment, note="Secret case note", by=counsellor.user)

    response = client.get(en("booking-data", token=token))
    assert response.status_code == 200
    assert_private(response)
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["code"] == appointment.code and data["name"] == "Maryam"
    assert "Secret case note" not in response.content.decode()
    assert "note" not in data


def test_calendar_file_has_the_time_and_code(client, setup):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic)
    response = client.get(en("booking-calendar", token=token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert_private(response)
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and appointment.code in body
    start = timezone.localtime(appointment.starts_at)
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}" in body
    assert "Maryam" not in body and "maryam@example.org" not in body


# --- finding a booking by its code -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{spaced}", "{bare}"])
def test_lookup_accepts_the_code_as_people_type_it(client, setup, typed):
    service, topic, _counsellor, _hours = setup
    appointment, old_token = book(service, topic)
    code = appointment.code
    text = typed.format(
        code=code,
        lower=code.lower(),
        spaced=" " + code.replace("-", " ").lower() + " ",
        bare=code.replace("-", ""),
    )
    response = client.post(en("lookup"), {"code": text})
    assert response.status_code == 302
    assert_private(response, referrer="same-origin")
    page = client.get(response["Location"])
    assert page.status_code == 200 and code in page.content.decode()
    # the old link stops working
    assert client.get(en("booking", token=old_token)).status_code == 404


def test_lookup_with_a_wrong_code_says_so(client, setup):
    with translation.override("en"):
        response = client.post(en("lookup"), {"code": "XXX-XXX"})
    assert response.status_code == 200
    assert "We found no booking with this code" in response.content.decode()
    assert 'value="XXX-XXX"' in response.content.decode()


def test_lookups_are_limited_per_address_and_hour(client, setup, settings):
    settings.COUNSELLING_CODE_LOOKUPS_PER_HOUR = 3
    service, topic, _counsellor, _hours = setup
    appointment, _token = book(service, topic)
    assert client.post(en("lookup"), {"code": "XXX-XXX"}).status_code == 200
    assert client.post(en("lookup"), {"code": "YYY-YYY"}).status_code == 200
    assert client.post(en("lookup"), {"code": appointment.code}).status_code == 302
    with translation.override("en"):
        refused = client.post(en("lookup"), {"code": appointment.code})
    assert refused.status_code == 429
    assert "too many booking codes" in refused.content.decode()
    # in the person's language: the message is a translatable string
    with translation.override("de"):
        german = client.post(reverse("counselling:lookup"), {"code": appointment.code})
    assert german.status_code == 429
    # another address is not affected
    other = client.post(en("lookup"), {"code": appointment.code}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_a_booking_long_past_cannot_be_cancelled(client, setup):
    service, topic, _counsellor, _hours = setup
    appointment, token = book(service, topic)
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    page = client.get(en("booking", token=token)).content.decode()
    assert 'id="cancel-link"' not in page
    assert client.post(en("booking-cancel", token=token)).status_code == 400
