import pytest
from django.conf import settings
from django.test import Client

from teilhabe.accounts.models import User
from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.volunteers.models import VolunteerApplication

from .factories_roles import OpenRoleFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_visitor_offers_help_in_arabic_and_staff_accept(page, live_server):
    role = OpenRoleFactory(title_de="Hausaufgabenhilfe", title_ar="مساعدة في الواجبات")
    staff = UserFactory(role="staff", email="staff@example.org")

    page.goto("/ar/volunteering/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="مساعدة في الواجبات", exact=True).wait_for()
    page.locator(f'a[href="/ar/volunteering/roles/{role.pk}/help/"]').click()
    page.fill("#id_name", "Rania Mansour")
    page.fill("#id_email", "rania.mansour@example.org")
    page.select_option("#id_languages", ["ar", "de"])
    page.fill("#id_message", "أستطيع المساعدة أيام الثلاثاء.")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/ar/volunteering/thanks/")

    application = VolunteerApplication.objects.get()
    assert application.language == "ar" and application.role == role

    client = Client()
    client.force_login(staff)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"/de/volunteering/manage/applications/{application.pk}/")
    page.select_option("#id_status", "accepted")
    page.locator(
        "main form button[type=submit], form[method=post] button[type=submit]"
    ).last.click()
    page.locator("#application-status").wait_for()
    page.wait_for_load_state()

    application.refresh_from_db()
    assert application.status == "accepted"
    volunteer = User.objects.get(email="rania.mansour@example.org")
    assert volunteer.role == "volunteer"
    assert volunteer.volunteer_profile.language_codes == ["ar", "de"]
