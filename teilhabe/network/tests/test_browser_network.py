"""In a browser: the directory filters with HTMX and fits a phone; staff prepare a referral
sheet in Arabic that reads right to left."""

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD, UserFactory

from .factories import full_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_directory_filters_without_reloading_and_fits_a_phone(phone_page):
    full_service(name_de="Deutschkurs", service_type="courses")
    full_service(name_de="Mietberatung", service_type="housing")
    page = phone_page
    page.goto("/en/network/")
    expect(page.get_by_text("Mietberatung")).to_be_visible()
    page.get_by_label("Type of service").select_option("courses")
    expect(page.get_by_text("Mietberatung")).to_have_count(0)
    expect(page.get_by_text("Deutschkurs")).to_be_visible()
    assert "service_type=courses" in page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_staff_print_a_referral_sheet_in_arabic(page):
    staff = UserFactory(role="staff")
    service = full_service(name_de="Migrationsberatung", name_ar="استشارة الهجرة")
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto("/en/network/referral/")
    page.get_by_label("Language of the client").select_option("ar")
    page.locator(f"#service-{service.uuid}").check()
    page.get_by_role("button", name="Show the sheet").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="استشارة الهجرة")).to_be_visible()
