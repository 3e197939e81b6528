"""An association admin finds a programme for a homework-help project and starts an
application; staff log their advice and move it to "submitted"; the association sees both."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from teilhabe.accounts.tests.factories import PASSWORD, UserFactory
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.funding.models import AdviceSession, Application, ApplicationStatus

from .factories import (
    ApplicationFactory,
    FundingTopicFactory,
    ProgrammeFactory,
    TargetGroupFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user):
    page.goto("/en/account/login/")
    page.locator("input[name='username']").fill(user.email)
    page.locator("input[name='password']").fill(PASSWORD)
    page.locator("main form button[type='submit']").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def test_homework_help_from_the_idea_to_submitted(page, browser, live_server):
    association = AssociationFactory(name="Brücke e. V.")
    admin = MembershipFactory(
        association=association,
        role="admin",
        user__preferred_language="en",
        user__display_name="Amira Admin",
    ).user
    staff = UserFactory(role="staff", display_name="Stefan Staff", preferred_language="en")
    education = FundingTopicFactory(slug="bildung", name_de="Bildung", name_en="Education")
    culture = FundingTopicFactory(slug="kultur", name_de="Kultur", name_en="Culture")
    children = TargetGroupFactory(slug="kinder", name_de="Kinder", name_en="Children")
    fitting = ProgrammeFactory(
        title="Lernen stärken",
        topics=[education],
        target_groups=[children],
        min_amount=Decimal("1000"),
        max_amount=Decimal("20000"),
    )
    ProgrammeFactory(
        title="Kultur im Quartier",
        topics=[culture],
        min_amount=Decimal("500"),
        max_amount=Decimal("3000"),
    )

    # the association admin describes the idea and finds the programme
    log_in(page, admin)
    page.goto("/en/funding/match/")
    page.locator(f"input[name='topics'][value='{education.pk}']").check()
    page.locator(f"input[name='target_groups'][value='{children.pk}']").check()
    page.locator("input[name='amount']").fill("8000")
    page.locator("input[name='starts_on']").fill("2027-09-01")
    page.locator("input[name='ends_on']").fill("2028-07-31")
    page.locator("main form[action$='/funding/match/'] button[type='submit']").click()
    first = page.locator("#match-results ol > li").first
    programme_link = first.locator(f"a[href$='/funding/programmes/{fitting.pk}/']")
    expect(programme_link).to_be_visible()
    programme_link.click()
    expect(page).to_have_url(re.compile(rf"/funding/programmes/{fitting.pk}/$"))

    # … starts an application from the programme's page
    page.locator(f"main a[href$='/funding/applications/new/?programme={fitting.pk}']").click()
    expect(page.locator("#id_programme")).to_have_value(str(fitting.pk))
    expect(page.locator("#id_association")).to_have_value(str(association.pk))
    page.locator("#id_title").fill("Hausaufgabenhilfe im Haus")
    page.locator("#id_description").fill("Zweimal pro Woche für Grundschulkinder")
    page.locator("#id_starts_on").fill("2027-09-01")
    page.locator("#id_ends_on").fill("2028-07-31")
    page.locator("#id_total_cost").fill("10000")
    page.locator("#id_amount_requested").fill("8000")
    page.locator("#id_own_share_amount").fill("2000")
    page.locator("#id_own_share_source").fill("Spenden und Mitgliedsbeiträge")
    page.locator("#application-save").click()
    expect(page.locator("#application-status")).to_have_attribute("data-status", "idea")
    application = Application.objects.get()
    assert application.association == association and application.programme == fitting
    detail_url = f"/en/funding/applications/{application.pk}/"
    expect(page).to_have_url(re.compile(re.escape(detail_url) + "$"))

    # staff advise the association about it and move it on
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    staff_page = context.new_page()
    staff_page.set_default_timeout(10_000)
    log_in(staff_page, staff)
    staff_page.goto(detail_url)
    staff_page.locator("#advice-create-link").click()
    expect(staff_page.locator("#id_association")).to_have_value(str(association.pk))
    expect(staff_page.locator("#id_application")).to_have_value(str(application.pk))
    staff_page.locator("#id_topic").fill("Kosten- und Finanzierungsplan")
    staff_page.locator("#id_notes").fill("Eigenanteil belegen, Honorare begründen")
    staff_page.locator("#id_next_steps").fill("Finanzplan bis Freitag schicken")
    staff_page.locator("#advice-save").click()
    expect(staff_page).to_have_url(re.compile(re.escape(detail_url) + "$"))
    expect(staff_page.locator("#advice-sessions")).to_contain_text("Kosten- und Finanzierungsplan")

    staff_page.locator("#move-preparation").click()
    expect(staff_page.locator("#application-status")).to_have_attribute(
        "data-status", "preparation"
    )
    submitted_on = centre_today() - timedelta(days=1)
    staff_page.locator("#id_move-submitted_on").fill(submitted_on.isoformat())
    staff_page.locator("#move-submitted").click()
    expect(staff_page.locator("#application-status")).to_have_attribute("data-status", "submitted")
    expect(staff_page.locator("#application-progress [aria-current='step']")).to_have_count(1)
    context.close()

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_on == submitted_on
    session = AdviceSession.objects.get()
    assert session.advisor == staff and session.application == application

    # the association sees the status and the advice in its history
    page.goto(detail_url)
    expect(page.locator("#application-status")).to_have_attribute("data-status", "submitted")
    expect(page.locator("#history tr[data-to-status='submitted']")).to_have_count(1)
    expect(page.locator("#advice-sessions")).to_contain_text("Finanzplan bis Freitag schicken")
    expect(page.locator("#move-form")).to_have_count(1)  # the association may record the decision
    page.goto("/en/funding/advice/")
    expect(page.locator("#advice-sessions")).to_contain_text("Kosten- und Finanzierungsplan")
    page.goto("/en/funding/applications/")
    expect(page.locator(f"#status-submitted ~ * #application-{application.pk}")).to_have_count(1)


def test_the_application_page_fits_a_phone(phone_page):
    application = ApplicationFactory(title="Hausaufgabenhilfe mit einem recht langen Namen")
    admin = MembershipFactory(association=application.association, role="admin").user
    log_in(phone_page, admin)
    phone_page.goto(f"/fa/funding/applications/{application.pk}/")
    expect(phone_page.locator("#application-progress [aria-current='step']")).to_have_count(1)
    expect(phone_page.locator("html")).to_have_attribute("dir", "rtl")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
