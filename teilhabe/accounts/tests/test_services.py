"""The accounts services: every write to a user goes through them."""

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts import services
from teilhabe.accounts.models import Role, User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_create_user_stores_the_email_in_lower_case_with_a_usable_password():
    user = services.create_user(
        email="Amira.Haddad@Example.ORG", display_name="Amira", password=PASSWORD
    )

    assert user.email == "amira.haddad@example.org"
    assert user.role == Role.PARTICIPANT
    assert user.preferred_language == "de"
    assert user.check_password(PASSWORD)
    assert user.is_active


def test_create_user_without_password_cannot_log_in_until_it_is_set():
    user = services.create_user(email="no-password@example.org", display_name="N")

    assert not user.has_usable_password()


@pytest.mark.parametrize(
    "second", ["amira@example.org", "AMIRA@example.org", "Amira@EXAMPLE.org", " amira@example.org"]
)
def test_create_user_refuses_an_address_that_exists_in_any_case(second):
    services.create_user(email="amira@example.org", display_name="Amira")

    with pytest.raises(ValidationError):
        services.create_user(email=second, display_name="Someone else")

    assert User.objects.count() == 1


def test_update_account_saves_name_and_language(participant):
    services.update_account(user=participant, display_name="Paula", preferred_language="ar")

    stored = User.objects.get(pk=participant.pk)
    assert (stored.display_name, stored.preferred_language) == ("Paula", "ar")


def test_administrator_changes_a_role(administrator, participant):
    services.change_role(user=participant, role=Role.COUNSELLOR, by=administrator)

    assert User.objects.get(pk=participant.pk).role == Role.COUNSELLOR


@pytest.mark.parametrize("by_fixture", ["staff_user", "counsellor", "volunteer", "participant"])
def test_only_administrators_change_roles(request, participant, by_fixture):
    by = request.getfixturevalue(by_fixture)

    with pytest.raises(ValidationError):
        services.change_role(user=participant, role=Role.ADMINISTRATOR, by=by)

    assert User.objects.get(pk=participant.pk).role == Role.PARTICIPANT


def test_nobody_raises_their_own_role_without_being_administrator(staff_user):
    with pytest.raises(ValidationError):
        services.change_role(user=staff_user, role=Role.ADMINISTRATOR, by=staff_user)

    assert User.objects.get(pk=staff_user.pk).role == Role.STAFF


def test_a_deactivated_administrator_cannot_change_roles(participant):
    former = UserFactory(role=Role.ADMINISTRATOR, is_active=False)

    with pytest.raises(ValidationError):
        services.change_role(user=participant, role=Role.STAFF, by=former)

    assert User.objects.get(pk=participant.pk).role == Role.PARTICIPANT


def test_change_role_refuses_an_unknown_role(administrator, participant):
    with pytest.raises(ValidationError):
        services.change_role(user=participant, role="superhero", by=administrator)

    assert User.objects.get(pk=participant.pk).role == Role.PARTICIPANT


def test_disable_two_factor_is_refused_for_a_role_that_requires_it(staff_user, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["staff"]
    device = TOTPDevice.objects.create(user=staff_user, name="Phone", confirmed=True)

    with pytest.raises(ValidationError):
        services.disable_two_factor(user=staff_user)

    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_start_two_factor_setup_keeps_only_one_unconfirmed_device(participant):
    confirmed = TOTPDevice.objects.create(user=participant, name="Old phone", confirmed=True)
    services.start_two_factor_setup(user=participant)
    latest = services.start_two_factor_setup(user=participant)

    assert set(TOTPDevice.objects.filter(user=participant)) == {confirmed, latest}
    assert not latest.confirmed
