"""The Django admin has every model of the centre, each with search and filters, and lets
staff in but keeps the administrators' apps (accounts, security, audit trail) to them."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = {
    "core",
    "accounts",
    "associations",
    "rooms",
    "programme",
    "volunteers",
    "funding",
    "impact",
    "participation",
    "network",
}
ADMINISTRATOR_ONLY = {"accounts", "auditlog", "axes", "otp_totp", "otp_static"}


def our_models():
    return [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def test_every_model_of_the_centre_is_in_the_admin():
    from django.apps import apps

    registered = set(admin.site._registry)
    missing = [
        model._meta.label
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        if model not in registered
    ]
    assert not missing


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_changelist_searches_and_filters(client, administrator, model):
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields, f"{model._meta.label} has no search"
    client.force_login(administrator)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url, {"q": "x"}).status_code == 200


def test_staff_reach_the_house_but_not_the_administrators_apps(client, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("admin:associations_association_changelist")).status_code == 200
    assert client.get(reverse("admin:rooms_room_add")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 403


@pytest.mark.parametrize(
    "user_in_role",
    ["participant", "volunteer", "counsellor", "association_admin"],
    indirect=True,
)
def test_other_roles_do_not_get_into_the_admin(client, user_in_role):
    client.force_login(user_in_role)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]
