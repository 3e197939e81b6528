"""The calendar of deadlines (staff: all; an association's admins: their own), its iCalendar
feed for staff, and the funding section of the home page."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.funding.calendar import feed_token
from teilhabe.funding.models import (
    ApplicationStatus,
    DeadlineKind,
    ObligationKind,
    ReportObligation,
)

from .factories import ApplicationFactory, ProgrammeFactory

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def preparing(association, title, days_ahead):
    programme = ProgrammeFactory(
        deadline_kind=DeadlineKind.FIXED,
        deadlines=[centre_today() + timedelta(days=days_ahead)],
    )
    return ApplicationFactory(
        association=association, programme=programme, status=S.PREPARATION, title=title
    )


def report(association, title, days_ahead, *, submitted=False):
    application = ApplicationFactory(
        association=association, status=S.RUNNING, amount_approved=Decimal("9600"), title=title
    )
    return ReportObligation.objects.create(
        application=application,
        kind=ObligationKind.FINAL,
        period_end=application.ends_on,
        due_on=centre_today() + timedelta(days=days_ahead),
        submitted_on=centre_today() if submitted else None,
    )


@pytest.fixture
def deadlines(association):
    other = AssociationFactory()
    preparing(association, "Hausaufgabenhilfe", 20)
    report(association, "Sprachcafé", -5)  # overdue
    report(association, "Chor", 40, submitted=True)  # done: not shown
    preparing(other, "Fremdes Projekt", 10)
    report(other, "Fremder Bericht", 30)
    ApplicationFactory(association=association, status=S.SUBMITTED, title="Eingereicht")


def get(client, user, url):
    client.force_login(user)
    with translation.override("en"):
        return client.get(url)


def test_staff_see_every_deadline(client, staff_user, deadlines):
    response = get(client, staff_user, "/en/funding/deadlines/")
    assert response.status_code == 200
    titles = [d.application.title for _m, items in response.context["months"] for d in items]
    assert titles == ["Sprachcafé", "Fremdes Projekt", "Hausaufgabenhilfe", "Fremder Bericht"]
    assert response.context["overdue"] == 1
    assert b"overdue" in response.content
    assert b"list-group-item-danger" in response.content


def test_an_association_admin_sees_only_their_own(client, association_admin, deadlines):
    response = get(client, association_admin, "/en/funding/deadlines/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hausaufgabenhilfe" in content and "Sprachcafé" in content
    assert "Fremd" not in content
    assert "Chor" not in content
    assert ".ics" not in content  # the feed is for staff


@pytest.mark.parametrize(
    ("user_in_role", "status"),
    [
        ("participant", 403),
        ("volunteer", 403),
        ("counsellor", 403),
        ("association_member", 403),
        ("association_admin", 200),
        ("other_association_admin", 200),
        ("staff_user", 200),
        ("administrator", 200),
    ],
    indirect=["user_in_role"],
)
def test_who_may_see_the_calendar(client, user_in_role, status):
    assert get(client, user_in_role, "/en/funding/deadlines/").status_code == status


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get("/en/funding/deadlines/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_calendar_runs_a_fixed_number_of_queries(
    client, staff_user, association, django_assert_max_num_queries
):
    client.force_login(staff_user)
    preparing(association, "Eins", 5)
    report(association, "Zwei", 8)
    client.get("/en/funding/deadlines/")
    with django_assert_max_num_queries(8) as few:
        client.get("/en/funding/deadlines/")
    for number in range(12):
        preparing(AssociationFactory(), f"Mehr {number}", number + 1)
        report(association, f"Bericht {number}", number + 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/en/funding/deadlines/")
    assert response.context["count"] == 26


# --- the feed -------------------------------------------------------------------------------


def feed_url(user):
    with translation.override("en"):
        return reverse("funding:deadlines-feed", kwargs={"token": feed_token(user)})


def test_staff_see_their_personal_feed_address(client, staff_user):
    response = get(client, staff_user, "/en/funding/deadlines/")
    assert feed_url(staff_user) in response.content.decode()


def test_the_feed_holds_every_deadline_as_an_all_day_event(client, staff_user, deadlines):
    response = client.get(feed_url(staff_user))  # no login: a calendar app cannot log in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, date) and not hasattr(start, "hour")
        assert event.decoded("DTEND") == start + timedelta(days=1)
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert any(s.startswith("Overdue: ") and "Sprachcafé" in s for s in summaries)
    first_uids = sorted(str(e["UID"]) for e in events)
    again = Calendar.from_ical(client.get(feed_url(staff_user)).content)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == first_uids
    assert len(set(first_uids)) == 4


@pytest.mark.parametrize("change", ["no_longer_staff", "inactive"])
def test_the_feed_closes_when_the_person_is_no_longer_active_staff(client, change):
    user = UserFactory(role="staff")
    url = feed_url(user)
    assert client.get(url).status_code == 200
    if change == "no_longer_staff":
        user.role = "participant"
    else:
        user.is_active = False
    user.save()
    assert client.get(url).status_code == 404


def test_a_forged_or_foreign_token_gives_404(client, staff_user, association_admin):
    good = feed_token(staff_user)
    pk, _sep, signature = good.partition(":")
    forged = f"{pk}1:{signature}"
    assert client.get(f"/en/funding/deadlines/{forged}.ics").status_code == 404
    assert client.get("/en/funding/deadlines/nonsense.ics").status_code == 404
    assert client.get(feed_url(association_admin)).status_code == 404


# --- the home page --------------------------------------------------------------------------


def test_home_shows_the_funding_section_to_admins_and_staff(client, association_admin, staff_user):
    for user in (association_admin, staff_user):
        response = get(client, user, "/en/")
        assert b"home-funding-heading" in response.content
        assert b"/en/funding/deadlines/home/" in response.content
    response = get(client, UserFactory(role="participant"), "/en/")
    assert b"home-funding-heading" not in response.content
    client.logout()
    assert b"home-funding-heading" not in client.get("/en/").content


def test_home_counts_the_next_deadlines(client, association_admin, deadlines):
    response = get(client, association_admin, "/en/funding/deadlines/home/")
    assert response.status_code == 200
    assert response.context["upcoming"] == 2  # the overdue one and the one in 20 days
    assert response.context["overdue"] == 1
    assert get(client, UserFactory(), "/en/funding/deadlines/home/").status_code == 403
