"""A visitor's journey in Ukrainian: find a language course on Tuesdays, register, and cancel
through the link in the e-mail."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from teilhabe.programme.models import Registration

from .factories import CategoryFactory, OfferFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BERLIN = ZoneInfo("Europe/Berlin")


def next_weekday_at(weekday: int, hour: int) -> datetime.datetime:
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    return datetime.datetime.combine(
        today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=BERLIN
    )


def course(title_de, title_uk, category, weekday):
    offer = OfferFactory(
        title_de=title_de,
        title_uk=title_uk,
        summary_uk="Курс для початківців.",
        category=category,
        languages=["de", "uk"],
        registration_mode="required",
        capacity=12,
    )
    starts = next_weekday_at(weekday, 18)
    SessionFactory(offer=offer, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    return offer


def test_visitor_in_ukrainian_finds_registers_and_cancels(page, live_server):
    language = CategoryFactory(slug="language-course", name_de="Sprachkurs", name_uk="Мовний курс")
    other = CategoryFactory(slug="culture", name_de="Kultur", name_uk="Культура")
    tuesday = course("Deutsch am Dienstag", "Німецька у вівторок", language, weekday=1)
    course("Deutsch am Freitag", "Німецька у пʼятницю", language, weekday=4)
    course("Tanz am Dienstag", "Танці у вівторок", other, weekday=1)

    page.goto("/uk/programme/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    page.get_by_label("Мовний курс").check()
    expect(page).to_have_url(re.compile(r"category=language-course"))
    page.locator("input[name=weekday][value='1']").check()
    expect(page).to_have_url(re.compile(r"weekday=1"))
    results = page.locator("#results")
    expect(results.get_by_text("Німецька у пʼятницю")).to_have_count(0)
    expect(results.get_by_text("Танці у вівторок")).to_have_count(0)
    results.get_by_role("link", name="Німецька у вівторок").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Німецька у вівторок")
    page.locator(f"a[href$='/programme/offers/{tuesday.slug}/register/']").click()
    page.locator("[name=name]").fill("Olena")
    page.locator("[name=email]").fill("olena@example.org")
    page.locator("[name=consent]").check()
    page.locator("main form button[type=submit]").click()

    registration = Registration.objects.get(email="olena@example.org")
    assert registration.status == "confirmed"
    assert registration.language == "uk"
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "uk")

    (confirmation,) = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    assert "Німецька у вівторок" in confirmation.body
    link = re.search(r"https?://\S+/cancel/", confirmation.body).group(0)
    page.goto(live_server.url + link[link.index("/uk/") :])
    page.locator("main form button[type=submit]").click()

    registration.refresh_from_db()
    assert registration.status == "cancelled"
    expect(page.locator("html")).to_have_attribute("lang", "uk")
