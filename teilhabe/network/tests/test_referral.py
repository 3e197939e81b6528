"""The referral sheet staff print for a client, in the client's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from .factories import full_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def chosen():
    first = full_service(name_de="Migrationsberatung", name_ar="استشارة الهجرة")
    second = full_service(name_de="Wohnungssuche")
    return first, second


def test_the_sheet_in_arabic_is_right_to_left_with_arabic_strings(client, staff_user, chosen):
    client.force_login(staff_user)
    first, second = chosen
    response = client.get(
        "/de/network/referral/",
        {"service": [str(first.uuid), str(second.uuid)], "language": "ar"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in page
    assert 'lang="ar"' in page
    with translation.override("ar"):
        for text in ("Where you can get help", "Opening hours", "Languages", "Address"):
            assert gettext(text) in page
    assert "استشارة الهجرة" in page
    # the second service has no Arabic name: the German one, marked as German
    assert "Wohnungssuche" in page
    with translation.override("ar"):
        assert gettext("in German – not yet translated") in page
    assert "09:00–15:00" in page


def test_the_sheet_keeps_the_chosen_order_and_shows_contact(client, staff_user, chosen):
    client.force_login(staff_user)
    first, second = chosen
    with translation.override("en"):
        page = client.get(
            "/en/network/referral/",
            {"service": [str(second.uuid), str(first.uuid)], "language": "en"},
        ).content.decode()
    assert page.index("Wohnungssuche") < page.index("Migrationsberatung")
    assert 'dir="ltr"' in page
    assert "+49 361 1" in page
    assert "Tuesday" in page
    assert "referral.css" in page


def test_without_services_staff_choose_them(client, staff_user, chosen):
    client.force_login(staff_user)
    page = client.get("/en/network/referral/", {"service": "not-a-uuid"}).content.decode()
    assert "None of the chosen services was found" in page
    assert 'name="service"' in page


def test_the_sheet_is_for_staff_only(client, counsellor, chosen):
    client.force_login(counsellor)
    response = client.get("/en/network/referral/", {"service": str(chosen[0].uuid)})
    assert response.status_code == 403
