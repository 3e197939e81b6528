"""A NUL character in a search never ends in a server error (PostgreSQL cannot search it)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/de/programme/?q=a%00b",
        "/de/network/?q=%00",
        "/de/ideas/?q=%00",
        "/de/counselling/booking/?code=%00",
    ],
)
def test_public_searches_with_a_nul_character(client, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(
    "url", ["/de/funding/programmes/?q=%00", "/de/funding/applications/?year=%00"]
)
def test_staff_searches_with_a_nul_character(client, staff_user, url):
    client.force_login(staff_user)
    assert client.get(url).status_code < 500
