"""Managing users in the Django admin keeps the same invariants as the services."""

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User

from .factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long and new passphrase 12"


@pytest.fixture
def admin_client(client, administrator, no_two_factor):
    client.force_login(administrator)
    return client


def _add(admin_client, email):
    return admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": email,
            "display_name": "Nadia New",
            "role": "volunteer",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_administrator_adds_a_user_whose_email_is_stored_in_lower_case(admin_client):
    response = _add(admin_client, "Nadia.New@Example.ORG")

    assert response.status_code == 302
    user = User.objects.get(display_name="Nadia New")
    assert user.email == "nadia.new@example.org"
    assert user.role == "volunteer"
    assert user.check_password(NEW_PASSWORD)


def test_admin_refuses_an_email_that_differs_only_in_case(admin_client, participant):
    response = _add(admin_client, participant.email.upper())

    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    assert User.objects.filter(email__iexact=participant.email).count() == 1


def test_admin_refuses_changing_an_email_to_anothers_in_other_case(
    admin_client, participant, volunteer
):
    url = reverse("admin:accounts_user_change", args=[volunteer.pk])
    data = change_form_data(admin_client, url)
    data.update(email=participant.email.upper(), is_active="on")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "email" in response.context["adminform"].form.errors
    volunteer.refresh_from_db()
    assert volunteer.email != participant.email.upper()


def test_admin_keeps_a_changed_email_in_lower_case(admin_client, volunteer, client, log_in):
    url = reverse("admin:accounts_user_change", args=[volunteer.pk])
    data = change_form_data(admin_client, url)
    data.update(email="Vera.New@Example.ORG", is_active="on")

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    volunteer.refresh_from_db()
    assert volunteer.email == "vera.new@example.org"
    client.post(reverse("accounts:logout"))
    assert log_in("VERA.NEW@example.org", password=PASSWORD).status_code == 302


def change_form_data(admin_client, url) -> dict:
    """The admin change form's current values, as a browser would post them back."""
    form = admin_client.get(url).context["adminform"].form
    return {
        name: value
        for name, value in form.initial.items()
        if name not in ("password", "last_login", "date_joined") and value is not None
    }
