"""A counsellor on a phone opens the desk, opens the next appointment, writes a case note and
sees it again; the waiting screen refreshes itself when a number is called."""

from datetime import time

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling import services
from teilhabe.counselling.models import Appointment, OfficeHoursMode

from .factories import book, counselling_setup, make_office_hours

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


def test_a_counsellor_writes_a_case_note_on_a_phone(phone_page):
    service, topic, counsellor, _hours = counselling_setup(languages=("de", "fa"))
    appointment, _token = book(service, topic, name="Maryam", language="fa")
    page = phone_page

    log_in(page, counsellor.user)
    page.goto("/en/counselling/desk/")
    expect(page.get_by_role("heading", name="Counselling desk", level=1)).to_be_visible()
    page.get_by_role("link", name=appointment.code).click()
    expect(page.get_by_role("heading", name=f"Appointment {appointment.code}")).to_be_visible()
    expect(page.get_by_text("maryam@example.org")).to_be_visible()

    page.get_by_role("textbox", name="Case note").fill(
        "Fragen zur Aufenthaltserlaubnis; Unterlagen mitbringen."
    )
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("The case note is saved.")).to_be_visible()
    expect(page.get_by_role("textbox", name="Case note")).to_have_value(
        "Fragen zur Aufenthaltserlaubnis; Unterlagen mitbringen."
    )
    page.reload()
    expect(page.get_by_role("textbox", name="Case note")).to_have_value(
        "Fragen zur Aufenthaltserlaubnis; Unterlagen mitbringen."
    )
    # nothing overflows the phone's width
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert (
        Appointment.objects.get(pk=appointment.pk).note
        == "Fragen zur Aufenthaltserlaubnis; Unterlagen mitbringen."
    )


def test_the_waiting_screen_refreshes_itself(page):
    service, topic, counsellor, _hours = counselling_setup()
    office_date = make_office_hours(
        service,
        [counsellor],
        mode=OfficeHoursMode.WALK_IN,
        starts_on=centre_today(),
        weekdays=range(7),
        start=time(0, 5),
        end=time(23, 55),
    ).dates.get(rule_day=centre_today())
    for _number in range(2):
        services.draw_ticket(
            office_hours_date=office_date, language="ar", topic=topic, by=counsellor.user
        )

    page.goto(f"/en/counselling/waiting/{office_date.pk}/")
    expect(page.get_by_text("Nobody has been called yet.")).to_be_visible()
    expect(page.locator("#waiting-count")).to_have_text("2 people waiting")
    services.call_next(office_hours_date=office_date, by=counsellor.user)
    # no reload: the screen polls every five seconds
    expect(page.locator(".called-number")).to_have_text("1", timeout=12_000)
    expect(page.locator("#waiting-count")).to_have_text("1 person waiting")
