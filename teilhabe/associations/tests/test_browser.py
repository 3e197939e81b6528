"""The first journey through the house, in a real browser (Debian's Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD
from teilhabe.associations.models import Signature

from .factories import AgreementFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_to_arabic_and_an_admin_signs_the_agreement(page):
    membership = MembershipFactory(
        role="admin",
        association__name="Al-Nour e. V.",
        association__short_description_ar="جمعية ثقافية",
        user__display_name="Samira Khalil",
    )
    AgreementFactory(version=1, title_de="Kooperationsvereinbarung", title_ar="اتفاقية التعاون")

    page.goto("/de/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="العربيّة").click()

    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert "bootstrap.rtl.min.css" in page.locator("link[rel=stylesheet]").first.get_attribute(
        "href"
    )
    # Mirrored: the brand sits at the right edge of the header, the content starts right.
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2
    expect(page.get_by_text("جمعية ثقافية")).to_be_visible()

    # Keyboard: the first Tab reaches the skip link, which leads to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(membership.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()

    page.get_by_role("link", name="Cooperation agreement").first.click()
    page.get_by_label("I have read this version and sign it").check()
    page.get_by_role("button", name="Sign for Al-Nour e. V.").click()

    expect(page.get_by_text("Al-Nour e. V. has signed version 1 of the agreement.")).to_be_visible()
    expect(page.get_by_role("button", name="Sign for Al-Nour e. V.")).to_have_count(0)
    assert Signature.objects.filter(association=membership.association).count() == 1


def test_the_house_works_at_phone_width(phone_page):
    MembershipFactory(role="admin")
    phone_page.goto("/fa/associations/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone_page.get_by_role("button").first.click()  # the menu toggler
    expect(phone_page.locator("#main-nav")).to_be_visible()
