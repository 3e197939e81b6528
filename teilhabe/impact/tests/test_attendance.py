"""Recording attendance: who may, a head count with its breakdown, a check-in list, corrections,
and the dates that cannot be recorded."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.impact import services
from teilhabe.impact.models import CheckIn, SessionAttendance
from teilhabe.programme.tests.factories import OfferFactory, RegistrationFactory

from .factories import SessionAttendanceFactory, session_on, session_today

pytestmark = pytest.mark.django_db

ALLOWED = {"association_member", "association_admin", "staff_user", "administrator"}


def record_url(session):
    with translation.override("en"):
        return reverse("impact:attendance-record", kwargs={"session_pk": session.pk})


def today_url():
    with translation.override("en"):
        return reverse("impact:attendance-today")


@pytest.fixture
def session(association):
    return session_today(offer=OfferFactory(lead_association=association, title_en="Café"))


@pytest.fixture
def host(association_admin):
    return association_admin


# --- who may record ---------------------------------------------------------------------------


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_hosts_and_staff_open_the_record_page(client, user_in_role, session, request):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(record_url(session))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]
    elif role in ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_hosts_and_staff_save_attendance(client, user_in_role, session, request):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.post(record_url(session), {"head_count": "7"})
    assert SessionAttendance.objects.filter(session=session).exists() == (role in ALLOWED)
    if role not in ALLOWED:
        assert response.status_code in (302, 403)
        if role != "anonymous":
            assert response.status_code == 403


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_the_attendance_page_is_for_those_who_host_or_staff(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    response = client.get(today_url())
    if role == "anonymous":
        assert response.status_code == 302
    elif role in ALLOWED | {"other_association_admin"}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_a_member_of_a_co_hosting_association_records(client, session):
    co_host = AssociationFactory()
    session.offer.co_hosts.add(co_host)
    member = MembershipFactory(association=co_host, role="member").user
    client.force_login(member)
    response = client.post(record_url(session), {"head_count": "11"})
    assert response.status_code == 302
    assert SessionAttendance.objects.get(session=session).head_count == 11
    client.force_login(MembershipFactory(role="member").user)
    assert client.get(record_url(session)).status_code == 403


def test_the_service_refuses_someone_who_does_not_host(session, other_association_admin):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.record_attendance(session=session, head_count=3, by=other_association_admin)
    assert not SessionAttendance.objects.exists()


# --- a head count -----------------------------------------------------------------------------


def test_a_head_count_with_its_breakdown(client, host, session):
    client.force_login(host)
    response = client.post(
        record_url(session),
        {"head_count": "23", "children": "9", "women": "12", "first_visits": "3"},
    )
    assert response.status_code == 302
    assert response["Location"] == today_url()
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.head_count, attendance.children, attendance.women) == (23, 9, 12)
    assert attendance.first_visits == 3
    assert attendance.method == "head_count"
    assert attendance.offer == session.offer
    assert attendance.day == timezone.localdate(session.starts_at)
    assert attendance.recorded_by == host
    page = client.get(today_url()).content.decode()
    assert "23 people present" in page


def test_a_breakdown_larger_than_the_head_count_is_refused_and_nothing_changes(
    client, host, session
):
    SessionAttendanceFactory(session=session, head_count=10, children=2)
    client.force_login(host)
    response = client.post(record_url(session), {"head_count": "5", "children": "9"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This cannot be more than the 5 people present." in page
    assert 'value="9"' in page and 'value="5"' in page
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.head_count, attendance.children) == (10, 2)


def test_the_service_refuses_a_breakdown_larger_than_the_head_count(session, host):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.record_attendance(session=session, head_count=4, women=5, by=host)
    assert "women" in error.value.message_dict
    assert not SessionAttendance.objects.exists()


def test_a_missing_or_negative_head_count_is_refused(client, host, session):
    client.force_login(host)
    assert client.post(record_url(session), {"head_count": ""}).status_code == 200
    assert client.post(record_url(session), {"head_count": "-3"}).status_code == 200
    assert not SessionAttendance.objects.exists()


def test_plus_and_minus_step_the_number_without_saving(client, host, session):
    client.force_login(host)
    response = client.post(record_url(session), {"head_count": "4", "children": "1", "step": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="5"' in page and 'value="1"' in page
    response = client.post(record_url(session), {"head_count": "0", "step": "-1"})
    assert 'name="head_count" value="0"' in response.content.decode()
    assert not SessionAttendance.objects.exists()


def test_correcting_a_record_updates_it(client, host, session):
    client.force_login(host)
    client.post(record_url(session), {"head_count": "20", "children": "5"})
    page = client.get(record_url(session)).content.decode()
    assert 'value="20"' in page
    client.post(record_url(session), {"head_count": "18"})
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.head_count, attendance.children) == (18, None)
    assert SessionAttendance.objects.count() == 1


# --- a check-in list --------------------------------------------------------------------------


@pytest.fixture
def registered_session(association):
    offer = OfferFactory(lead_association=association, registration=True, capacity=20)
    return session_today(offer=offer)


def test_the_check_in_list_sets_the_head_count(client, host, registered_session):
    session = registered_session
    amira = RegistrationFactory(offer=session.offer, session=session, name="Amira", persons=2)
    boris = RegistrationFactory(offer=session.offer, session=None, name="Boris")
    RegistrationFactory(offer=session.offer, session=session, name="Chen", persons=3)
    RegistrationFactory(offer=session.offer, session=session, name="Dana", status="cancelled")
    client.force_login(host)
    page = client.get(record_url(session)).content.decode()
    assert "Amira (2 persons)" in page and "Boris" in page and "Chen (3 persons)" in page
    assert "Dana" not in page

    response = client.post(
        record_url(session),
        {"checked_in": [amira.pk, boris.pk], "walk_ins": "4", "children": "2"},
    )
    assert response.status_code == 302
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.method, attendance.head_count, attendance.children) == ("check_in", 7, 2)
    assert set(CheckIn.objects.values_list("registration", flat=True)) == {amira.pk, boris.pk}

    # Correcting: Boris was not there after all.
    client.post(record_url(session), {"checked_in": [amira.pk], "walk_ins": "4"})
    attendance.refresh_from_db()
    assert attendance.head_count == 6
    assert set(CheckIn.objects.values_list("registration", flat=True)) == {amira.pk}


def test_the_check_in_list_refuses_a_breakdown_above_those_present(
    client, host, registered_session
):
    session = registered_session
    amira = RegistrationFactory(offer=session.offer, session=session, persons=2)
    client.force_login(host)
    response = client.post(record_url(session), {"checked_in": [amira.pk], "children": "3"})
    assert "This cannot be more than the 2 people present." in response.content.decode()
    assert not SessionAttendance.objects.exists()


def test_only_registrations_of_the_session_can_be_checked_in(host, registered_session):
    from django.core.exceptions import ValidationError

    elsewhere = RegistrationFactory()
    with pytest.raises(ValidationError):
        services.record_attendance(session=registered_session, checked_in=[elsewhere.pk], by=host)
    assert not CheckIn.objects.exists()


# --- dates that cannot be recorded ------------------------------------------------------------


def test_a_cancelled_date_is_refused(client, host, association):
    session = session_today(offer=OfferFactory(lead_association=association), is_cancelled=True)
    client.force_login(host)
    response = client.post(record_url(session), {"head_count": "5"})
    assert response.status_code == 200
    assert "This date was cancelled" in response.content.decode()
    assert not SessionAttendance.objects.exists()


def test_a_date_still_to_come_is_refused(client, host, association):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    session = session_on(tomorrow, offer=OfferFactory(lead_association=association))
    client.force_login(host)
    response = client.post(record_url(session), {"head_count": "5"})
    assert "This date is still to come" in response.content.decode()
    assert not SessionAttendance.objects.exists()


def test_a_date_last_week_can_still_be_recorded(host, association):
    last_week = timezone.localdate() - datetime.timedelta(days=6)
    session = session_on(last_week, offer=OfferFactory(lead_association=association))
    attendance = services.record_attendance(session=session, head_count=8, by=host)
    assert attendance.day == last_week


# --- the list of dates ------------------------------------------------------------------------


def test_hosts_see_their_open_dates_first_then_the_recorded_ones(client, host, association):
    offer = OfferFactory(lead_association=association, title_en="Sewing café")
    today = timezone.localdate()
    open_today = session_on(today, hour=9, offer=offer)
    recorded = session_on(today - datetime.timedelta(days=2), offer=offer)
    SessionAttendanceFactory(session=recorded, head_count=14)
    too_old = session_on(today - datetime.timedelta(days=8), offer=offer)
    foreign = session_today(offer=OfferFactory(title_en="Somebody else's"))
    client.force_login(host)
    page = client.get(today_url()).content.decode()
    assert record_url(open_today) in page and record_url(recorded) in page
    assert page.index(record_url(open_today)) < page.index(record_url(recorded))
    assert "14 people present" in page
    assert record_url(too_old) not in page
    assert record_url(foreign) not in page


def test_staff_see_all_of_todays_dates_and_filter_by_association(client, staff_user):
    first, second = AssociationFactory(), AssociationFactory()
    mine = session_today(offer=OfferFactory(lead_association=first))
    co_hosted = session_today(offer=OfferFactory())
    co_hosted.offer.co_hosts.add(first)
    theirs = session_today(offer=OfferFactory(lead_association=second))
    yesterday = session_on(
        timezone.localdate() - datetime.timedelta(days=1),
        offer=OfferFactory(lead_association=first),
    )
    client.force_login(staff_user)
    page = client.get(today_url()).content.decode()
    assert all(record_url(s) in page for s in (mine, co_hosted, theirs))
    assert record_url(yesterday) not in page
    page = client.get(today_url(), {"association": first.pk}).content.decode()
    assert record_url(mine) in page and record_url(co_hosted) in page
    assert record_url(theirs) not in page


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_the_attendance_page_runs_a_fixed_number_of_queries(
    client, host, association, count, django_assert_max_num_queries
):
    co_host = AssociationFactory()
    for index in range(count):
        offer = OfferFactory(lead_association=association if index % 2 else co_host)
        offer.co_hosts.add(association if not index % 2 else co_host)
        session = session_today(offer=offer)
        if index % 3 == 0:
            SessionAttendanceFactory(session=session)
    client.force_login(host)
    with django_assert_max_num_queries(8):
        response = client.get(today_url())
    assert response.content.decode().count("card-title") == count


@pytest.mark.parametrize("count", [1, 15])
def test_the_check_in_list_runs_a_fixed_number_of_queries(
    client, host, registered_session, count, django_assert_max_num_queries
):
    session = registered_session
    registrations = RegistrationFactory.create_batch(count, offer=session.offer, session=session)
    CheckIn.objects.create(session=session, registration=registrations[0])
    client.force_login(host)
    with django_assert_max_num_queries(10):
        response = client.get(record_url(session))
    assert response.content.decode().count('name="checked_in"') == count


def test_plus_steps_those_without_registration_and_keeps_the_ticks(
    client, host, registered_session
):
    session = registered_session
    amira = RegistrationFactory(offer=session.offer, session=session, name="Amira")
    client.force_login(host)
    response = client.post(
        record_url(session), {"checked_in": [amira.pk], "walk_ins": "2", "step": "1"}
    )
    page = response.content.decode()
    assert 'name="walk_ins" value="3"' in page
    assert re.search(
        rf'<input type="checkbox" name="checked_in" value="{amira.pk}"[^>]* checked', page
    )
    assert not SessionAttendance.objects.exists()
