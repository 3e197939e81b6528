"""Self check-in through a session's QR code: the code works on the day of the date only, a
registered participant checks in once, and parallel check-ins all count."""

import datetime

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core.testing import in_parallel
from teilhabe.impact import services
from teilhabe.impact.models import CheckIn, SessionAttendance
from teilhabe.programme.tests.factories import OfferFactory, RegistrationFactory

from .factories import SessionAttendanceFactory, session_on, session_today

pytestmark = pytest.mark.django_db


def check_in_url(token):
    with translation.override("en"):
        return reverse("impact:check-in", kwargs={"token": token})


@pytest.fixture
def session(association):
    offer = OfferFactory(lead_association=association, registration=True, capacity=30)
    return session_today(offer=offer)


@pytest.fixture
def registered(session, participant):
    RegistrationFactory(offer=session.offer, session=session, user=participant, persons=2)
    return participant


# --- the code ---------------------------------------------------------------------------------


def test_the_record_page_and_the_print_page_show_the_qr_code(client, association_admin, session):
    client.force_login(association_admin)
    with translation.override("en"):
        record = client.get(reverse("impact:attendance-record", args=[session.pk]))
        printable = client.get(reverse("impact:attendance-qr", args=[session.pk]))
    assert "<svg" in record.content.decode() and "style=" not in record.content.decode()
    page = printable.content.decode()
    assert printable.status_code == 200 and "<svg" in page
    assert check_in_url(services.check_in_token(session)) in page


def test_the_print_page_is_for_hosts_only(client, other_association_admin, session):
    client.force_login(other_association_admin)
    with translation.override("en"):
        assert client.get(reverse("impact:attendance-qr", args=[session.pk])).status_code == 403


def test_a_code_works_on_the_day_of_its_date_only(client, registered, association):
    offer = OfferFactory(lead_association=association, registration=True)
    for days in (-1, 1):
        other_day = session_on(timezone.localdate() + datetime.timedelta(days=days), offer=offer)
        RegistrationFactory(offer=offer, session=other_day, user=registered)
        client.force_login(registered)
        response = client.get(check_in_url(services.check_in_token(other_day)))
        assert response.status_code == 404
        assert "valid on the day of the date only" in response.content.decode()
        client.post(check_in_url(services.check_in_token(other_day)))
    assert not CheckIn.objects.exists()


def test_a_forged_code_is_refused_kindly(client, registered, session):
    token = services.check_in_token(session)
    pk, rest = token.split(".", 1)
    forged = f"{session.pk + 1}.{rest}"
    unsigned = signing.Signer(salt="something else").sign(token.rsplit(":", 1)[0])
    client.force_login(registered)
    for bad in (forged, unsigned, "nonsense"):
        response = client.get(check_in_url(bad))
        assert response.status_code == 404
        assert "This check-in code is not valid." in response.content.decode()


def test_a_code_of_a_moved_date_no_longer_works(session):
    token = services.check_in_token(session)
    session.starts_at += datetime.timedelta(days=1)
    session.ends_at += datetime.timedelta(days=1)
    session.save()
    with translation.override("en"), pytest.raises(ValidationError, match="not valid"):
        services.session_from_check_in_token(token)


# --- checking in ------------------------------------------------------------------------------


def test_someone_not_logged_in_is_asked_to_log_in_and_comes_back(client, session):
    url = check_in_url(services.check_in_token(session))
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert "next=" in response["Location"] and "check-in" in response["Location"]


def test_a_registered_participant_checks_in_once(client, registered, session):
    url = check_in_url(services.check_in_token(session))
    client.force_login(registered)
    page = client.get(url).content.decode()
    assert "Check in now" in page
    response = client.post(url)
    assert "You are checked in." in response.content.decode()
    client.post(url)
    check_in = CheckIn.objects.get()
    assert check_in.is_self and check_in.session == session
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.head_count, attendance.method) == (2, "check_in")
    assert "You are checked in." in client.get(url).content.decode()


def test_checking_in_adds_to_a_recorded_head_count(registered, session):
    SessionAttendanceFactory(session=session, head_count=5, method="check_in")
    services.self_check_in(session=session, user=registered)
    assert SessionAttendance.objects.get(session=session).head_count == 7


def test_a_registration_for_the_whole_offer_counts(session, participant):
    RegistrationFactory(offer=session.offer, session=None, user=participant)
    _check_in, created = services.self_check_in(session=session, user=participant)
    assert created


def test_a_registration_under_the_accounts_e_mail_counts(session):
    person = UserFactory(email="mina@example.org")
    RegistrationFactory(offer=session.offer, session=session, email="Mina@example.org")
    _check_in, created = services.self_check_in(session=session, user=person)
    assert created


def test_without_a_registration_there_is_a_friendly_message(client, session, participant):
    RegistrationFactory(offer=session.offer, session=session, user=participant, status="waiting")
    url = check_in_url(services.check_in_token(session))
    client.force_login(participant)
    page = client.get(url).content.decode()
    assert "We did not find a registration of yours for this date." in page
    assert "Check in now" not in page
    response = client.post(url)
    assert response.status_code == 200
    assert not CheckIn.objects.exists()
    assert not SessionAttendance.objects.exists()


def test_a_cancelled_date_takes_no_check_ins(client, registered, session):
    url = check_in_url(services.check_in_token(session))
    session.is_cancelled = True
    session.save()
    client.force_login(registered)
    assert client.post(url).status_code == 404
    assert not CheckIn.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_participants_checking_in_at_once_all_count():
    offer = OfferFactory(registration=True, capacity=20)
    session = session_today(offer=offer)
    people = UserFactory.create_batch(10)
    for person in people:
        RegistrationFactory(offer=offer, session=session, user=person)

    def check_in(person):
        return services.self_check_in(session=session, user=person)

    results, errors = in_parallel(check_in, people)
    assert errors == [None] * 10
    assert all(created for _check_in, created in results)
    assert SessionAttendance.objects.get(session=session).head_count == 10
    assert CheckIn.objects.filter(session=session, is_self=True).count() == 10
