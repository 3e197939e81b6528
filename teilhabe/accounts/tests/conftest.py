"""Helpers shared by the accounts tests."""

import pytest
from django.urls import reverse

from .factories import PASSWORD


@pytest.fixture
def no_two_factor(settings):
    """Tests about something other than two-factor authentication switch the requirement off,
    so that a staff login reaches the page under test."""
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def log_in(client):
    """Log in through the real login form (as a browser would) and return the response."""

    def _log_in(email, password=PASSWORD, **extra):
        return client.post(
            reverse("accounts:login"), {"username": email, "password": password}, **extra
        )

    return _log_in


def is_logged_in(client, user=None) -> bool:
    user_id = client.session.get("_auth_user_id")
    if user is None:
        return user_id is not None
    return user_id == str(user.pk)
