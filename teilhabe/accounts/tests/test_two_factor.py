"""Two-factor authentication with an authenticator app (django-otp TOTP)."""

from base64 import b32encode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import is_logged_in

pytestmark = pytest.mark.django_db

REQUIRED_ROLES = ["staff", "counsellor", "administrator"]


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = REQUIRED_ROLES


def code_for(device) -> str:
    return f"{totp(device.bin_key):06d}"


def wrong_code_for(device) -> str:
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def verify(client, device, next_url=""):
    url = reverse("accounts:two-factor-verify")
    if next_url:
        url = f"{url}?next={next_url}"
    return client.post(url, {"token": code_for(device)})


def redirect_target(response) -> tuple[str, str | None]:
    parts = urlsplit(response["Location"])
    return parts.path, parse_qs(parts.query).get("next", [None])[0]


# --- who must set it up -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["accounts:account", "core:home", "accounts:export-data", "admin:index"]
)
def test_staff_without_a_device_is_sent_to_setup_from_any_page(client, staff_user, url_name):
    client.force_login(staff_user)
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert redirect_target(response) == (reverse("accounts:two-factor-setup"), url)


def test_staff_login_leads_to_the_setup_page(client, staff_user, log_in):
    response = log_in(staff_user.email, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-setup"))
    assert response.status_code == 200
    assert is_logged_in(client, staff_user)


@pytest.mark.parametrize("fixture", ["counsellor", "administrator"])
def test_every_required_role_is_sent_to_setup(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))

    response = client.get(reverse("accounts:account"))

    assert redirect_target(response)[0] == reverse("accounts:two-factor-setup")


@pytest.mark.parametrize(
    "fixture", ["participant", "volunteer", "association_admin", "association_member"]
)
def test_roles_that_do_not_require_it_are_never_redirected(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))

    for url_name in ("accounts:account", "core:home", "accounts:export-data"):
        assert client.get(reverse(url_name)).status_code == 200, url_name


def test_required_roles_come_from_the_setting(client, staff_user, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["counsellor"]
    client.force_login(staff_user)

    assert client.get(reverse("accounts:account")).status_code == 200


def test_the_next_address_keeps_its_whole_query(client, staff_user):
    client.force_login(staff_user)
    url = f"{reverse('core:home')}?a=1&b=2"

    response = client.get(url)

    assert redirect_target(response) == (reverse("accounts:two-factor-setup"), url)


def test_logout_stays_reachable_before_the_second_factor(client, staff_user):
    client.force_login(staff_user)

    response = client.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("core:home")
    assert not is_logged_in(client)


# --- setting it up ----------------------------------------------------------------------------


def test_setup_page_shows_a_qr_code_and_the_key(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("accounts:two-factor-setup"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<svg" in content
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    key = b32encode(device.bin_key).decode()
    assert response.context["secret"].replace(" ", "") == key
    assert response.context["secret"] in content


def test_opening_setup_again_replaces_the_unconfirmed_device(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("accounts:two-factor-setup"))
    first = TOTPDevice.objects.get(user=staff_user)

    client.get(reverse("accounts:two-factor-setup"))

    second = TOTPDevice.objects.get(user=staff_user)
    assert second.pk != first.pk
    assert not second.confirmed


def test_setup_with_a_wrong_code_shows_an_error_and_confirms_nothing(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=staff_user)

    response = client.post(reverse("accounts:two-factor-setup"), {"token": wrong_code_for(device)})

    assert response.status_code == 200
    assert "token" in response.context["form"].errors
    assert response.context["form"].errors["token"][0] in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("accounts:account")).status_code == 302


def test_setup_with_the_right_code_confirms_the_device_and_lets_the_person_through(
    client, staff_user
):
    client.force_login(staff_user)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    next_url = reverse("accounts:export-data")

    response = client.post(
        f"{reverse('accounts:two-factor-setup')}?next={next_url}", {"token": code_for(device)}
    )

    assert response.status_code == 302
    assert response["Location"] == next_url
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:account")).status_code == 200
    assert client.get(reverse("core:home")).status_code == 200


def test_setup_does_not_follow_a_next_address_to_another_host(client, staff_user):
    client.force_login(staff_user)
    client.get(reverse("accounts:two-factor-setup"))
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)

    response = client.post(
        reverse("accounts:two-factor-setup"),
        {"token": code_for(device), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("accounts:account")


def test_a_new_device_replaces_the_old_one_once_confirmed(client, staff_user):
    old = confirmed_device(staff_user)
    client.force_login(staff_user)
    verify(client, old)
    client.get(reverse("accounts:two-factor-setup"))
    new = TOTPDevice.objects.get(user=staff_user, confirmed=False)

    client.post(reverse("accounts:two-factor-setup"), {"token": code_for(new)})

    assert list(TOTPDevice.objects.filter(user=staff_user)) == [new]


def test_password_alone_cannot_enrol_a_new_device_over_an_existing_one(client, staff_user):
    """Someone who has only the password must not get past the second factor by setting up
    an authenticator app of their own."""
    existing = confirmed_device(staff_user)
    client.force_login(staff_user)

    response = client.get(reverse("accounts:two-factor-setup"))

    assert response.status_code == 302
    assert redirect_target(response)[0] == reverse("accounts:two-factor-verify")
    assert list(TOTPDevice.objects.filter(user=staff_user)) == [existing]
    response = client.post(reverse("accounts:two-factor-setup"), {"token": "123456"})
    assert redirect_target(response)[0] == reverse("accounts:two-factor-verify")
    assert list(TOTPDevice.objects.filter(user=staff_user)) == [existing]
    assert client.get(reverse("accounts:account")).status_code == 302


# --- verifying on later logins ----------------------------------------------------------------


def test_later_login_is_sent_to_the_verify_page(client, staff_user, log_in):
    confirmed_device(staff_user)

    response = log_in(staff_user.email)
    response = client.get(response["Location"])

    assert redirect_target(response) == (
        reverse("accounts:two-factor-verify"),
        reverse("accounts:account"),
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'name="token"' in page.content.decode()


def test_verify_with_a_wrong_code_keeps_the_person_out(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)

    response = client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code_for(device)})

    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get(reverse("accounts:account")).status_code == 302


def test_verify_with_the_right_code_lets_the_person_through_to_next(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)
    next_url = reverse("accounts:export-data")

    response = verify(client, device, next_url=next_url)

    assert response.status_code == 302
    assert response["Location"] == next_url
    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_code_cannot_be_used_twice(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)
    code = code_for(device)
    client.post(reverse("accounts:two-factor-verify"), {"token": code})
    client.post(reverse("accounts:logout"))
    log_in(staff_user.email)

    response = client.post(reverse("accounts:two-factor-verify"), {"token": code})

    assert response.status_code == 200
    assert client.get(reverse("accounts:account")).status_code == 302


def test_guessing_is_throttled(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)
    client.post(reverse("accounts:two-factor-verify"), {"token": wrong_code_for(device)})

    # Right after a wrong guess even the right code is refused for a moment.
    response = verify(client, device)

    assert response.status_code == 200
    assert client.get(reverse("accounts:account")).status_code == 302


def test_verification_lasts_for_the_session(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)
    verify(client, device)

    for url_name in ("accounts:account", "core:home", "accounts:export-data"):
        assert client.get(reverse(url_name)).status_code == 200, url_name


def test_a_person_who_switched_it_on_voluntarily_must_enter_the_code(client, participant, log_in):
    device = confirmed_device(participant)
    log_in(participant.email)

    response = client.get(reverse("accounts:account"))

    assert redirect_target(response)[0] == reverse("accounts:two-factor-verify")
    verify(client, device)
    assert client.get(reverse("accounts:account")).status_code == 200


# --- switching it off -------------------------------------------------------------------------


def test_staff_cannot_switch_it_off_while_the_role_requires_it(client, staff_user, log_in):
    device = confirmed_device(staff_user)
    log_in(staff_user.email)
    verify(client, device)

    response = client.post(reverse("accounts:two-factor-disable"), follow=True)

    assert response.redirect_chain[0][0] == reverse("accounts:account")
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_participant_can_switch_it_off(client, participant, log_in):
    device = confirmed_device(participant)
    log_in(participant.email)
    verify(client, device)

    response = client.post(reverse("accounts:two-factor-disable"), follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert not TOTPDevice.objects.filter(user=participant).exists()
    assert client.get(reverse("accounts:account")).status_code == 200


def test_password_alone_cannot_switch_it_off(client, participant, log_in):
    device = confirmed_device(participant)
    log_in(participant.email)

    client.post(reverse("accounts:two-factor-disable"))

    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_switching_off_needs_post(client, participant):
    client.force_login(participant)

    assert client.get(reverse("accounts:two-factor-disable")).status_code == 405


def test_account_page_shows_whether_it_is_switched_on(client, participant):
    client.force_login(participant)
    off = client.get(reverse("accounts:account"))
    device = confirmed_device(participant)
    verify(client, device)
    on = client.get(reverse("accounts:account"))

    assert off.context["has_two_factor"] is False
    assert reverse("accounts:two-factor-setup") in off.content.decode()
    assert reverse("accounts:two-factor-disable") not in off.content.decode()
    assert on.context["has_two_factor"] is True
    assert reverse("accounts:two-factor-disable") in on.content.decode()
