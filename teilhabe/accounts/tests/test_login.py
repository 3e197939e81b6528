"""Logging in and out, and the rate limit on wrong passwords (django-axes)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.forms import EmailAuthenticationForm

from .conftest import is_logged_in
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _invalid_login_message() -> str:
    with translation.override("de"):
        return str(EmailAuthenticationForm.error_messages["invalid_login"])


def test_login_with_email_and_password_opens_the_account_page(client, participant, log_in):
    response = log_in(participant.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    assert is_logged_in(client, participant)


def test_login_email_is_case_insensitive(client, participant, log_in):
    response = log_in(f"  {participant.email.upper()} ")

    assert response.status_code == 302
    assert is_logged_in(client, participant)


def test_login_follows_a_safe_next_url(client, participant):
    target = reverse("accounts:export-data")
    response = client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": participant.email, "password": PASSWORD, "next": target},
    )

    assert response["Location"] == target


def test_login_ignores_a_next_url_to_another_host(client, participant):
    response = client.post(
        reverse("accounts:login"),
        {"username": participant.email, "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("accounts:account")


def test_wrong_password_shows_the_message_and_does_not_log_in(client, participant, log_in):
    response = log_in(participant.email, password="not the password")

    assert response.status_code == 200
    assert _invalid_login_message() in response.content.decode()
    assert not is_logged_in(client)


def test_unknown_email_shows_the_same_message(client, db, log_in):
    response = log_in("nobody@example.org")

    assert response.status_code == 200
    assert _invalid_login_message() in response.content.decode()


def test_inactive_account_cannot_log_in(client, log_in):
    user = UserFactory(is_active=False)

    response = log_in(user.email)

    assert response.status_code == 200
    assert not is_logged_in(client)


def test_logout_by_post_ends_the_session(client, participant):
    client.force_login(participant)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert not is_logged_in(client)
    assert client.get(reverse("accounts:account")).status_code == 302


def test_logout_by_get_is_refused_and_keeps_the_session(client, participant):
    client.force_login(participant)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert is_logged_in(client, participant)


def test_anonymous_visitor_is_sent_from_the_account_page_to_login(client, db):
    account_url = reverse("accounts:account")

    response = client.get(account_url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={account_url}"


@pytest.mark.parametrize(
    "url_name", ["accounts:export-data", "accounts:delete", "accounts:two-factor-setup"]
)
def test_anonymous_visitor_is_sent_to_login_from_every_private_page(client, db, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logged_in_person_opening_login_is_sent_on(client, participant):
    client.force_login(participant)

    response = client.get(reverse("accounts:login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")


# --- rate limit -------------------------------------------------------------------------------

LIMIT = django_settings.AXES_FAILURE_LIMIT


def _fail(log_in, email, times):
    return [log_in(email, password=f"wrong {n}") for n in range(times)]


def test_failures_below_the_limit_still_allow_the_right_password(client, participant, log_in):
    _fail(log_in, participant.email, LIMIT - 1)

    response = log_in(participant.email)

    assert response.status_code == 302
    assert is_logged_in(client, participant)


def test_after_the_failure_limit_even_the_right_password_is_refused(client, participant, log_in):
    responses = _fail(log_in, participant.email, LIMIT)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)

    response = log_in(participant.email)

    # axes answers a lockout with AXES_HTTP_RESPONSE_CODE (429 Too Many Requests) and our
    # template
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert reverse("accounts:password-reset") in response.content.decode()
    assert not is_logged_in(client)


def test_the_lockout_page_names_the_configured_cooloff(client, participant, log_in, settings):
    settings.AXES_COOLOFF_TIME = 30 / 60  # hours, as the settings module computes it
    _fail(log_in, participant.email, LIMIT)

    response = log_in(participant.email)

    assert response.status_code == 429
    with translation.override("de"):
        expected = translation.ngettext(
            "Logging in with this e-mail address is paused for %(minutes)s minute after "
            "several wrong passwords.",
            "Logging in with this e-mail address is paused for %(minutes)s minutes after "
            "several wrong passwords.",
            30,
        ) % {"minutes": 30}
    assert expected in response.content.decode()


def test_lockout_cannot_be_dodged_by_changing_the_case_of_the_email(client, participant, log_in):
    variants = [participant.email.upper(), participant.email.title(), participant.email]
    for n in range(LIMIT):
        log_in(variants[n % len(variants)], password=f"wrong {n}")

    response = log_in(participant.email.capitalize())

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_lockout_of_one_email_leaves_another_email_unaffected(client, participant, log_in):
    other = UserFactory()
    _fail(log_in, participant.email, LIMIT)

    response = log_in(other.email)

    assert response.status_code == 302
    assert is_logged_in(client, other)


def test_lockout_is_per_ip_address(client, participant, log_in):
    _fail(log_in, participant.email, LIMIT)

    response = log_in(participant.email, REMOTE_ADDR="192.0.2.7")

    assert response.status_code == 302
    assert is_logged_in(client, participant)


def test_a_successful_login_resets_the_failure_count(client, participant, log_in):
    _fail(log_in, participant.email, LIMIT - 1)
    log_in(participant.email)
    client.post(reverse("accounts:logout"))

    assert not AccessAttempt.objects.filter(username=participant.email).exists()
    _fail(log_in, participant.email, LIMIT - 1)
    response = log_in(participant.email)
    assert response.status_code == 302
