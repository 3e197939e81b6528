"""The programme in a real browser: right-to-left in Arabic, filters without a reload."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .factories import CategoryFactory, OfferFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def offer(title_de, title_ar="", category=None, days=2):
    item = OfferFactory(title_de=title_de, title_ar=title_ar, category=category)
    starts = timezone.now() + datetime.timedelta(days=days)
    SessionFactory(offer=item, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
    return item


def test_programme_in_arabic_is_laid_out_right_to_left_and_filters_without_reload(page):
    music = CategoryFactory(slug="music", name_de="Musik", name_ar="موسيقى")
    sport = CategoryFactory(slug="sport", name_de="Sport", name_ar="رياضة")
    offer("Gitarrenkurs", "دورة الغيتار", category=music)
    offer("Aerobic", category=sport)  # no Arabic title: German, marked as such

    page.goto("/ar/programme/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # The filter column comes first in the markup and stands on the right in RTL.
    filters = page.get_by_role("search").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] > results["x"]
    fallback = page.locator('#results [lang="de"]', has_text="Aerobic")
    expect(fallback).to_have_attribute("dir", "ltr")
    expect(page.get_by_text("دورة الغيتار")).to_be_visible()

    page.evaluate("window.__still_the_same_page = true")
    page.get_by_label("موسيقى").check()
    expect(page).to_have_url(re.compile(r"category=music"))
    expect(page.locator("#results").get_by_text("Aerobic")).to_have_count(0)
    expect(page.get_by_text("دورة الغيتار")).to_be_visible()
    assert page.evaluate("window.__still_the_same_page") is True


def test_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    music = CategoryFactory(slug="music", name_de="Musik")
    offer("Gitarrenkurs", category=music)
    offer("Aerobic", category=CategoryFactory(slug="sport", name_de="Sport"))
    page.goto("/de/programme/")
    page.get_by_label("Musik").check()
    page.get_by_role("search").locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"category=music"))
    expect(page.locator("#results").get_by_text("Aerobic")).to_have_count(0)
    expect(page.locator("#results").get_by_text("Gitarrenkurs")).to_be_visible()
    context.close()
