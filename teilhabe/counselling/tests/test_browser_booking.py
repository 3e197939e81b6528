"""A person books counselling in Persian, gets the code, finds the booking again with it and
cancels, in a real browser (Debian's Chromium). Elements are found by id, name and role, not
by their text, so the test holds whatever the translations say."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from teilhabe.counselling.models import Appointment, Outcome

from .factories import counselling_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_books_in_persian_and_cancels_with_the_code(page):
    service, topic, _counsellor, _hours = counselling_setup(languages=("de", "fa"))

    page.goto("/fa/counselling/")
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    with translation.override("fa"):
        heading, book_label = gettext("Counselling"), gettext("Book the appointment")
    assert heading != "Counselling"  # the page speaks Persian, not English
    expect(page.locator("h1")).to_have_text(heading)
    page.locator(f"#book-{service.slug}").click()

    expect(page).to_have_url(re.compile(rf"/fa/counselling/{service.slug}/book/$"))
    expect(page.locator("select[name=language]")).to_have_value("fa")
    # the times reload for the chosen topic and language; a Persian speaker counsels
    with page.expect_response(re.compile(r"/slots/")):
        page.locator(f"input[name=topic][value='{topic.pk}']").check()
    first_slot = page.locator("input[name=slot]").first
    expect(page.locator("#slots .in-your-language").first).to_be_visible()
    first_slot.check()
    page.locator("input[name=name]").fill("Maryam")
    page.locator("input[name=contact]").fill("maryam@example.org")
    page.locator("input[name=needs_interpreter]").check()
    expect(page.locator("#book-submit")).to_have_text(book_label)
    page.locator("#book-submit").click()

    code_box = page.locator("#booking-code")
    expect(code_box).to_be_visible()
    appointment = Appointment.objects.get()
    expect(code_box).to_have_text(appointment.code)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#booking-interpreter")).to_have_attribute("data-requested", "yes")
    assert appointment.name == "Maryam" and appointment.needs_interpreter
    assert appointment.language == "fa" and appointment.topic == topic

    page.goto("/fa/counselling/booking/")
    page.locator("input[name=code]").fill(appointment.code.lower().replace("-", " "))
    page.locator("#lookup-submit").click()
    expect(page.locator("#booking-code")).to_have_text(appointment.code)

    page.locator("#cancel-link").click()
    page.locator("#confirm-cancel").click()

    expect(page.locator("#booking-status")).to_have_attribute("data-status", "cancelled")
    expect(page.locator("#cancel-link")).to_have_count(0)
    appointment.refresh_from_db()
    assert appointment.outcome == Outcome.CANCELLED


def test_changing_the_language_reloads_the_times(page):
    service, _topic, _counsellor, _hours = counselling_setup(languages=("de", "fa"))
    page.goto(f"/en/counselling/{service.slug}/book/")
    page.locator("input[name=slot]").first.check()
    expect(page.locator("#slots .in-your-language")).to_have_count(0)

    with page.expect_response(re.compile(r"/slots/")):
        page.locator("select[name=language]").select_option("fa")

    expect(page.locator("#slots .in-your-language").first).to_be_visible()
    # the chosen time stays chosen
    expect(page.locator("input[name=slot]").first).to_be_checked()


def test_the_booking_form_works_at_phone_width(phone_page):
    service, _topic, _counsellor, _hours = counselling_setup()
    phone_page.goto(f"/fa/counselling/{service.slug}/book/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
