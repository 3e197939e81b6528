"""A visitor proposes an idea in Turkish, another visitor (another browser, another cookie)
supports it, and an association's admin adopts it."""

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD
from teilhabe.participation.models import Idea

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.goto("/en/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()


def test_an_idea_in_turkish_is_supported_and_adopted(
    page, browser, live_server, association, association_admin
):
    page.goto("/tr/ideas/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    page.locator("#propose-idea").click()
    expect(page.locator("#id_language")).to_have_value("tr")
    page.locator("#id_title").fill("Kadınlar için bisiklet kursu")
    page.locator("#id_text").fill("Hafta sonları avluda bisiklet sürmeyi öğrenmek istiyoruz.")
    page.locator("#idea-submit").click()
    expect(page.locator("#idea-title")).to_have_text("Kadınlar için bisiklet kursu")
    expect(page.locator("#idea-text")).to_have_attribute("lang", "tr")
    idea = Idea.objects.get()
    assert idea.language == "tr"

    other = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    try:
        visitor = other.new_page()
        visitor.set_default_timeout(10_000)
        visitor.goto(f"/tr/ideas/{idea.pk}/")
        expect(visitor.locator("#support-count")).to_contain_text("0")
        visitor.locator("#support-button").click()
        expect(visitor.locator("#support-count")).to_contain_text("1")
        expect(visitor.locator("#supported")).to_be_visible()
        visitor.reload()
        expect(visitor.locator("#supported")).to_be_visible()
        assert visitor.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        other.close()

    log_in(page, association_admin)
    page.goto(f"/en/ideas/{idea.pk}/")
    page.get_by_role("link", name="Adopt this idea").click()
    page.get_by_label("Adopt for the association").select_option(str(association.pk))
    page.get_by_role("button", name="Adopt", exact=True).click()
    expect(page.locator("#idea-status [data-status]")).to_have_text("Adopted")
    expect(page.locator("#support-count")).to_have_text("1 support")
    expect(page.locator("#adopted-by")).to_have_text(association.name)
