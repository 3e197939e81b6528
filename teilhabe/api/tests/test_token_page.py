"""The page where association admins and staff create, replace and revoke their API token —
and the token then opens the write API."""

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import ROLE_FIXTURES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("teilhabe.api.tests.urls")]

PAGE = "/en/api/token/"

EXPECTED = {
    "anonymous": 302,
    "participant": 403,
    "volunteer": 403,
    "counsellor": 403,
    "association_member": 403,
    "association_admin": 200,
    "other_association_admin": 200,
    "staff_user": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_have_a_token(request, client, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)

    shown = client.get(PAGE)
    created = client.post(PAGE, {"action": "create"})

    assert shown.status_code == EXPECTED[role]
    assert created.status_code == EXPECTED[role]
    if EXPECTED[role] != 200:
        assert not Token.objects.exists()


def test_create_use_replace_and_revoke_a_token(client, association_admin):
    client.force_login(association_admin)
    with translation.override("en"):
        assert "You have no API token." in client.get(PAGE).content.decode()

    page = client.post(PAGE, {"action": "create"}).content.decode()

    key = Token.objects.get(user=association_admin).key
    assert key in page
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/bookings/").status_code == 200

    client.post(PAGE, {"action": "create"})
    new_key = Token.objects.get(user=association_admin).key
    assert new_key != key
    assert api.get("/api/v1/bookings/").status_code in (401, 403)

    revoked = client.post(PAGE, {"action": "revoke"})
    assert revoked.status_code == 302
    assert not Token.objects.exists()
    with translation.override("en"):
        assert "You have no API token." in client.get(PAGE).content.decode()


def test_the_page_has_labelled_buttons_and_no_inline_code(client, staff_user):
    client.force_login(staff_user)

    html = client.get("/fa/api/token/").content.decode()

    assert 'dir="rtl"' in html
    assert "style=" not in html.split("<main", 1)[1]
    assert "<script>" not in html
