"""The whole way in: a visitor offers to help in Arabic, staff accept the offer and assign the
new volunteer to a session, the volunteer sets a password from the e-mail, logs in and sees the
assignment."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from teilhabe.accounts.models import User
from teilhabe.accounts.tests.factories import PASSWORD, UserFactory
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory

from .factories_roles import OpenRoleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email, password):
    page.goto("/en/account/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_from_offering_help_in_arabic_to_seeing_the_assignment(page, browser, live_server):
    role = OpenRoleFactory(title_de="Elterncafé-Hilfe", title_ar="مساعدة في مقهى الأهالي")
    staff = UserFactory(role="staff", display_name="Stefan Staff")
    day = timezone.localdate() + datetime.timedelta(days=3)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16)))
    session = SessionFactory(
        offer=OfferFactory(title_de="Elterncafé", title_en="Parents' café"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )

    # A visitor offers to help, in Arabic.
    page.goto("/ar/volunteering/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator(f'a[href="/ar/volunteering/roles/{role.pk}/help/"]').click()
    page.fill("#id_name", "Rania Mansour")
    page.fill("#id_email", "rania@example.org")
    page.select_option("#id_languages", ["ar", "de"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/ar/volunteering/thanks/")

    # Staff accept the offer and ask the new volunteer to help at a session.
    staff_context = browser.new_context(base_url=live_server.url)
    staff_page = staff_context.new_page()
    staff_page.set_default_timeout(10_000)
    log_in(staff_page, staff.email, PASSWORD)
    staff_page.goto("/en/volunteering/manage/applications/")
    staff_page.get_by_role("link", name=re.compile("Rania Mansour")).first.click()
    staff_page.select_option("#id_status", "accepted")
    staff_page.locator("main form[method=post] button[type=submit]").last.click()
    staff_page.locator("#application-status").wait_for()
    volunteer = User.objects.get(email="rania@example.org")
    assert volunteer.role == "volunteer"

    staff_page.goto(f"/en/volunteering/manage/match/?session={session.pk}&languages=ar")
    staff_page.get_by_role("button", name="Assign Rania Mansour").click()
    expect(staff_page.get_by_text("Rania Mansour has been asked")).to_be_visible()
    staff_context.close()

    # The volunteer sets a password through the link in the acceptance e-mail …
    (accepted,) = [m for m in mail.outbox if m.to == ["rania@example.org"] and "/reset/" in m.body]
    link = re.search(r"https?://\S+/account/password/reset/\S+/", accepted.body).group(0)
    page.goto(live_server.url + link[link.index("/", link.index("//") + 2) :])
    page.locator("#id_new_password1").fill("a long and unusual passphrase 42")
    page.locator("#id_new_password2").fill("a long and unusual passphrase 42")
    page.locator("main form button[type=submit]").click()

    # … logs in and sees the assignment on their own page.
    log_in(page, "rania@example.org", "a long and unusual passphrase 42")
    page.goto("/en/volunteering/me/")
    expect(page.get_by_text("Parents' café")).to_be_visible()
    expect(page.get_by_role("button", name="Accept")).to_be_visible()
