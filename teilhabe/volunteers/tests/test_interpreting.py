"""Interpreter requests from the counselling office hours become open tasks for volunteers who
speak the language, showing nothing about the person but the language, the time and the place."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core.testing import in_parallel
from teilhabe.counselling import services as counselling_services
from teilhabe.counselling.models import Appointment
from teilhabe.counselling.tests.factories import book, counselling_setup
from teilhabe.volunteers import interpreting
from teilhabe.volunteers.models import (
    Assignment,
    AssignmentStatus,
    InterpreterRequest,
    InterpreterRequestStatus,
)
from teilhabe.volunteers.tests.factories_engagement import (
    AssignmentFactory,
    VolunteerProfileFactory,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/volunteering/interpreting/"


def speaker(language="fa", **user):
    """A volunteer whose profile lists the language."""
    user = UserFactory(role="volunteer", **user)
    VolunteerProfileFactory(user=user, languages=[{"code": language, "level": "native"}])
    return user


def booking_needing_interpreter(**details):
    service, topic, _counsellor, _hours = counselling_setup(languages=("de", "en"))
    values = {"language": "fa", "needs_interpreter": True}
    values.update(details)
    appointment, _token = book(service, topic, **values)
    return appointment


def only_request() -> InterpreterRequest:
    (item,) = InterpreterRequest.objects.all()
    return item


# --- the broker --------------------------------------------------------------------------------


def test_a_booking_needing_an_interpreter_no_counsellor_speaks_opens_one_request():
    appointment = booking_needing_interpreter()

    item = only_request()
    assert item.status == InterpreterRequestStatus.OPEN
    assert item.language == "fa"
    assert (item.starts_at, item.ends_at) == (appointment.starts_at, appointment.ends_at)
    assert appointment.service.name_de in item.place


def test_no_request_when_a_counsellor_of_the_slot_speaks_the_language():
    service, topic, _counsellor, _hours = counselling_setup(languages=("de", "fa"))
    book(service, topic, language="fa", needs_interpreter=True)

    assert not InterpreterRequest.objects.exists()


def test_no_request_when_no_interpreter_is_needed():
    booking_needing_interpreter(needs_interpreter=False)

    assert not InterpreterRequest.objects.exists()


def test_taking_a_request_makes_an_accepted_assignment_and_tells_counselling():
    appointment = booking_needing_interpreter()
    volunteer = speaker(display_name="Dariush Dolmetscher")

    assignment = interpreting.take_request(pk=only_request().pk, by=volunteer)

    assert assignment.status == AssignmentStatus.ACCEPTED
    assert assignment.volunteer == volunteer
    assert assignment.association is None
    assert (assignment.starts_at, assignment.ends_at) == (
        appointment.starts_at,
        appointment.ends_at,
    )
    assert "(Persisch)" in assignment.title  # stored in the default language, German
    assert only_request().status == InterpreterRequestStatus.TAKEN
    appointment.refresh_from_db()
    assert appointment.interpreter == "Dariush Dolmetscher"


def test_cancelling_the_appointment_withdraws_the_request_and_tells_the_volunteer(
    django_capture_on_commit_callbacks, mailoutbox
):
    appointment = booking_needing_interpreter()
    volunteer = speaker(email="dariush@example.org")
    assignment = interpreting.take_request(pk=only_request().pk, by=volunteer)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        counselling_services.cancel_by_person(appointment=appointment)

    assert only_request().status == InterpreterRequestStatus.WITHDRAWN
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    to_volunteer = [m for m in mailoutbox if m.to == ["dariush@example.org"]]
    assert len(to_volunteer) == 1
    assert "Maryam" not in to_volunteer[0].body
    assert "maryam@example.org" not in to_volunteer[0].body


def test_cancelling_an_appointment_whose_request_is_open_just_withdraws_it(mailoutbox):
    appointment = booking_needing_interpreter()

    counselling_services.cancel_by_person(appointment=appointment)

    assert only_request().status == InterpreterRequestStatus.WITHDRAWN
    assert not Assignment.objects.exists()


def test_retention_withdraws_an_old_request_nobody_took():
    appointment = booking_needing_interpreter()
    later = appointment.ends_at + timedelta(days=settings.COUNSELLING_RETENTION_DAYS + 1)

    assert counselling_services.erase_expired_appointments(now=later) == 1

    assert not Appointment.objects.filter(pk=appointment.pk).exists()
    assert only_request().status == InterpreterRequestStatus.WITHDRAWN


def test_retention_leaves_an_interpreting_that_took_place_as_it_was(
    django_capture_on_commit_callbacks, mailoutbox
):
    appointment = booking_needing_interpreter()
    volunteer = speaker(email="dariush@example.org")
    assignment = interpreting.take_request(pk=only_request().pk, by=volunteer)
    # the appointment is long over: move it (and the request) into the past
    past = timedelta(days=settings.COUNSELLING_RETENTION_DAYS + 30)
    InterpreterRequest.objects.update(
        starts_at=appointment.starts_at - past, ends_at=appointment.ends_at - past
    )
    Appointment.objects.filter(pk=appointment.pk).update(
        starts_at=appointment.starts_at - past, ends_at=appointment.ends_at - past
    )
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        counselling_services.erase_expired_appointments()

    assert only_request().status == InterpreterRequestStatus.TAKEN
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    assert not mailoutbox


def test_giving_a_request_back_opens_it_again():
    appointment = booking_needing_interpreter()
    volunteer = speaker(display_name="Dariush")
    assignment = interpreting.take_request(pk=only_request().pk, by=volunteer)

    interpreting.give_back_request(pk=only_request().pk, by=volunteer)

    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CANCELLED
    assert only_request().status == InterpreterRequestStatus.OPEN
    appointment.refresh_from_db()
    assert appointment.interpreter == ""
    # and somebody else can take it now
    interpreting.take_request(pk=only_request().pk, by=speaker())
    assert only_request().status == InterpreterRequestStatus.TAKEN


def test_a_request_whose_assignment_was_cancelled_elsewhere_is_open_again():
    booking_needing_interpreter()
    first = speaker()
    assignment = interpreting.take_request(pk=only_request().pk, by=first)
    Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.CANCELLED)

    second = speaker()
    assert list(interpreting.open_requests_for(second, languages=["fa"])) == [only_request()]
    interpreting.take_request(pk=only_request().pk, by=second)


def test_a_clash_with_another_assignment_is_refused():
    appointment = booking_needing_interpreter()
    volunteer = speaker()
    AssignmentFactory(
        volunteer=volunteer,
        status=AssignmentStatus.ACCEPTED,
        starts_at=appointment.starts_at - timedelta(minutes=30),
        ends_at=appointment.starts_at + timedelta(minutes=15),
    )

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        interpreting.take_request(pk=only_request().pk, by=volunteer)

    assert "already have an assignment" in str(refused.value)
    assert only_request().status == InterpreterRequestStatus.OPEN


def test_a_volunteer_who_does_not_speak_the_language_cannot_take_it():
    booking_needing_interpreter()

    with translation.override("en"), pytest.raises(ValidationError, match="not in your profile"):
        interpreting.take_request(pk=only_request().pk, by=speaker("ar"))

    assert only_request().status == InterpreterRequestStatus.OPEN


# --- the page ----------------------------------------------------------------------------------


def test_only_volunteers_speaking_the_language_see_the_request(client):
    booking_needing_interpreter()
    item = only_request()

    client.force_login(speaker("fa"))
    assert f'id="request-{item.pk}"' in client.get(PAGE).content.decode()

    client.force_login(speaker("ar"))
    assert f'id="request-{item.pk}"' not in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    ("user_in_role", "expected"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("volunteer", 200),
        ("counsellor", 403),
        ("association_member", 403),
        ("association_admin", 403),
        ("other_association_admin", 403),
        ("staff_user", 200),
        ("administrator", 200),
    ],
    indirect=["user_in_role"],
)
def test_who_reaches_the_interpreting_page(client, user_in_role, expected):
    booking_needing_interpreter()
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)

    assert client.get(PAGE).status_code == expected
    if expected != 200:
        response = client.post(reverse("volunteers:interpreting-take", args=[only_request().pk]))
        assert response.status_code in (302, 403)
        assert only_request().status == InterpreterRequestStatus.OPEN


def test_the_first_taker_wins_and_the_second_is_told(client):
    booking_needing_interpreter()
    item = only_request()
    take = f"/en/volunteering/interpreting/{item.pk}/take/"

    client.force_login(speaker())
    first = client.post(take, follow=True)
    assert "Thank you!" in first.content.decode()

    client.force_login(speaker())
    second = client.post(take, follow=True)
    assert "Someone else has just taken this request" in second.content.decode()
    assert Assignment.objects.count() == 1


def test_the_pages_show_nothing_about_the_person(client, staff_user):
    appointment = booking_needing_interpreter(
        name="Zarathustra-Pseudonym", contact="secret-person@example.org"
    )
    volunteer = speaker()
    secrets = [
        "Zarathustra-Pseudonym",
        "secret-person@example.org",
        appointment.topic.name_de,
        appointment.topic.name_en,
        appointment.code,
        "counselling-appointment",
    ]

    client.force_login(volunteer)
    open_page = client.get(PAGE).content.decode()
    interpreting.take_request(pk=only_request().pk, by=volunteer)
    taken_page = client.get(PAGE).content.decode()
    client.force_login(staff_user)
    overview = client.get(PAGE).content.decode()

    for page in (open_page, taken_page, overview):
        for secret in secrets:
            assert secret not in page
    assert "Persian" in open_page


def test_staff_see_every_request_and_who_took_it(client, staff_user):
    booking_needing_interpreter()
    booking_needing_interpreter(language="ar")
    interpreting.take_request(
        pk=InterpreterRequest.objects.get(language="ar").pk,
        by=speaker("ar", display_name="Amira Interpreter"),
    )

    client.force_login(staff_user)
    page = client.get(PAGE).content.decode()

    assert "Persian" in page and "Arabic" in page
    assert "Amira Interpreter" in page


@pytest.mark.parametrize("count", [1, 6])
def test_the_pages_run_a_fixed_number_of_queries(
    client, staff_user, count, django_assert_max_num_queries
):
    volunteer = speaker()
    for _index in range(count):
        booking_needing_interpreter()
    for item in InterpreterRequest.objects.all()[:2]:
        interpreting.take_request(pk=item.pk, by=speaker())

    client.force_login(volunteer)
    with django_assert_max_num_queries(12):
        assert client.get(PAGE).status_code == 200
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        assert client.get(PAGE).status_code == 200


# --- in parallel ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_of_five_volunteers_taking_at_once_exactly_one_gets_it():
    appointment = booking_needing_interpreter()
    item = only_request()
    volunteers = [speaker() for _index in range(5)]

    results, errors = in_parallel(
        lambda volunteer: interpreting.take_request(pk=item.pk, by=volunteer), volunteers
    )

    assert len([r for r in results if r is not None]) == 1
    refusals = [e for e in errors if e is not None]
    assert len(refusals) == 4
    assert all(isinstance(e, ValidationError) and e.code == "taken" for e in refusals)
    assert Assignment.objects.filter(status=AssignmentStatus.ACCEPTED).count() == 1
    winner = Assignment.objects.get().volunteer
    appointment.refresh_from_db()
    assert appointment.interpreter == winner.display_name
