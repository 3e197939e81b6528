"""What each role may do by its role alone: one table per rule, over every role fixture."""

import pytest
from django.urls import reverse

from conftest import ROLE_FIXTURES
from teilhabe.accounts.models import Role, User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

CENTRE_STAFF = {"staff_user", "administrator"}

# role fixture -> expected answer; each table names every role fixture exactly once
IS_STAFF = {name: name in CENTRE_STAFF for name in ROLE_FIXTURES}
CHANGE_ASSOCIATION = {name: name in CENTRE_STAFF for name in ROLE_FIXTURES}
CHANGE_USER = {name: name == "administrator" for name in ROLE_FIXTURES}
MANAGE_USERS = {name: name == "administrator" for name in ROLE_FIXTURES}
COUNSELLING = dict.fromkeys(ROLE_FIXTURES, False)


def _table(expected):
    return pytest.mark.parametrize(
        ("user_in_role", "allowed"), list(expected.items()), indirect=["user_in_role"]
    )


def test_tables_cover_every_role_fixture():
    assert set(ROLE_FIXTURES) >= {
        "anonymous",
        "participant",
        "volunteer",
        "counsellor",
        "association_member",
        "association_admin",
        "staff_user",
        "administrator",
    }


@_table(IS_STAFF)
def test_is_staff_only_for_centre_staff(user_in_role, allowed):
    assert user_in_role.is_staff is allowed


@_table(CHANGE_ASSOCIATION)
def test_change_any_association_only_for_centre_staff(user_in_role, allowed):
    assert user_in_role.has_perm("associations.change_association") is allowed


@_table(CHANGE_USER)
def test_change_users_only_for_administrators(user_in_role, allowed):
    assert user_in_role.has_perm("accounts.change_user") is allowed


@_table(MANAGE_USERS)
def test_manage_users_rule_only_for_administrators(user_in_role, allowed):
    assert user_in_role.has_perm("accounts.manage_users") is allowed
    assert user_in_role.has_perm("accounts.view_audit_trail") is allowed


@_table(COUNSELLING)
@pytest.mark.parametrize(
    "perm",
    [
        "counselling.view_appointment",
        "counselling.change_appointment",
        "counselling.delete_appointment",
        "counselling.view_case",
    ],
)
def test_nobody_gets_a_blanket_permission_on_counselling(user_in_role, allowed, perm):
    assert user_in_role.has_perm(perm) is allowed


def test_a_superuser_gets_no_blanket_permission_on_counselling(db):
    superuser = User.objects.create_superuser(
        email="root@example.org", password="x", display_name="Root"
    )

    assert superuser.has_perm("associations.change_association")
    assert superuser.has_perm("accounts.change_user")
    assert not superuser.has_perm("counselling.view_appointment")


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMINISTRATOR])
def test_a_deactivated_account_loses_every_permission(db, role):
    user = UserFactory(role=role, is_active=False)

    assert not user.is_staff
    assert not user.has_perm("associations.change_association")
    assert not user.has_module_perms("associations")


@pytest.mark.parametrize(
    ("role", "app_label", "allowed"),
    [
        (Role.ADMINISTRATOR, "accounts", True),
        (Role.ADMINISTRATOR, "associations", True),
        (Role.STAFF, "associations", True),
        (Role.STAFF, "accounts", False),
        (Role.STAFF, "auditlog", False),
        (Role.STAFF, "axes", False),
        (Role.STAFF, "otp_totp", False),
        (Role.COUNSELLOR, "associations", False),
        (Role.PARTICIPANT, "associations", False),
    ],
)
def test_admin_sections_by_role(db, role, app_label, allowed):
    assert UserFactory(role=role).has_module_perms(app_label) is allowed


def test_staff_sees_the_admin_index_but_not_the_user_list(client, staff_user, no_two_factor):
    client.force_login(staff_user)

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_administrator_opens_the_user_list(client, administrator, no_two_factor):
    client.force_login(administrator)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    assert administrator.email in response.content.decode()


def test_participant_is_kept_out_of_the_admin(client, participant):
    client.force_login(participant)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
