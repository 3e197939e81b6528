"""A host records today's head count on a phone: open attendance, tap the date, enter 23
people with 9 children, save — in a page that never scrolls sideways at 360 px."""

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD
from teilhabe.associations.tests.factories import MembershipFactory
from teilhabe.impact.models import SessionAttendance
from teilhabe.programme.tests.factories import OfferFactory

from .factories import session_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


def assert_no_sideways_scrolling(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_host_records_a_head_count_on_a_phone(phone_page):
    host = MembershipFactory(role="admin").user
    offer = OfferFactory(
        lead_association=host.memberships.get().association,
        title_de="Nähcafé",
        title_en="Sewing café",
    )
    session = session_today(offer=offer)

    log_in(phone_page, host)
    phone_page.goto("/en/impact/attendance/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Record attendance")
    assert_no_sideways_scrolling(phone_page)
    phone_page.get_by_role("link", name="Sewing café").click()

    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Sewing café")
    assert_no_sideways_scrolling(phone_page)
    phone_page.get_by_label("People present").fill("22")
    phone_page.get_by_role("button", name="One more").click()  # steps through HTMX
    expect(phone_page.get_by_label("People present")).to_have_value("23")
    phone_page.get_by_label("Of them children").fill("9")
    phone_page.get_by_role("button", name="Save attendance").click()

    expect(phone_page.get_by_text("Attendance recorded: 23 people at")).to_be_visible()
    recorded = phone_page.locator("#recorded-heading + ul")
    expect(recorded.get_by_text("23 people present")).to_be_visible()
    assert_no_sideways_scrolling(phone_page)
    attendance = SessionAttendance.objects.get(session=session)
    assert (attendance.head_count, attendance.children) == (23, 9)
