"""Staff find a volunteer for a session on the match page and ask them; the volunteer sees the
assignment on their own page and accepts it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD, UserFactory
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory
from teilhabe.volunteers.models import Assignment, AssignmentStatus

from .factories_engagement import VolunteerProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


def test_staff_assign_a_volunteer_who_then_accepts(page, browser, live_server):
    staff = UserFactory(role="staff", display_name="Stefan Staff")
    volunteer = VolunteerProfileFactory(
        user__display_name="Rania Rahimi",
        user__preferred_language="en",
        languages=[{"code": "ar", "level": "native"}],
        skills="Dolmetschen",
    ).user
    day = timezone.localdate() + datetime.timedelta(days=2)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16)))
    session = SessionFactory(
        offer=OfferFactory(title_de="Elterncafé", title_en="Parents' café"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )

    log_in(page, staff)
    page.goto(f"/en/volunteering/manage/match/?session={session.pk}&languages=ar")
    expect(page.get_by_text("Rania Rahimi", exact=True)).to_be_visible()
    expect(page.get_by_text("speaks")).to_be_visible()
    page.get_by_role("button", name="Assign Rania Rahimi").click()
    expect(page.get_by_text("Rania Rahimi has been asked")).to_be_visible()
    assert Assignment.objects.get(volunteer=volunteer).session_id == session.pk

    context = browser.new_context(base_url=live_server.url)
    other = context.new_page()
    other.set_default_timeout(10_000)
    log_in(other, volunteer)
    other.goto("/en/volunteering/me/")
    assignments = other.locator("#assignments-heading + *")
    expect(other.get_by_role("heading", name="Upcoming assignments")).to_be_visible()
    expect(assignments.get_by_text("asked")).to_be_visible()
    other.get_by_role("button", name="Accept").click()
    expect(other.get_by_text("Thank you, you accepted.")).to_be_visible()
    context.close()
    assert Assignment.objects.get(volunteer=volunteer).status == AssignmentStatus.ACCEPTED
