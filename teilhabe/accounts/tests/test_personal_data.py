"""A person's right to their data: download everything, and delete the account everywhere."""

import json

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts import services
from teilhabe.accounts.models import User
from teilhabe.associations.models import Membership, Signature
from teilhabe.associations.tests.factories import MembershipFactory, SignatureFactory
from teilhabe.core import personal_data
from teilhabe.volunteers.models import VolunteerProfile

from .conftest import is_logged_in
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def engaged_volunteer(volunteer, association):
    """A volunteer who is in an association, has a profile, signed the agreement for the
    association and has logged in before."""
    MembershipFactory(user=volunteer, association=association, role="admin")
    profile = VolunteerProfile.objects.create(
        user=volunteer, languages=["ar", "de"], skills="Translating, cooking"
    )
    profile.associations.add(association)
    SignatureFactory(association=association, signed_by=volunteer, signatory_name="Vera V.")
    return volunteer


# --- export -----------------------------------------------------------------------------------


def test_export_is_a_json_attachment(client, participant):
    client.force_login(participant)

    response = client.get(reverse("accounts:export-data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="teilhabe-my-data-')
    assert disposition.endswith('.json"')
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_export_holds_the_account_and_every_registered_source(client, engaged_volunteer, log_in):
    log_in(engaged_volunteer.email)

    data = json.loads(client.get(reverse("accounts:export-data")).content)

    assert set(data) == {source.name for source in personal_data.sources()}
    assert {"account", "associations", "volunteering"} <= set(data)
    account = data["account"]
    assert account["email"] == engaged_volunteer.email
    assert account["name"] == engaged_volunteer.display_name
    assert account["role"] == "volunteer"
    assert account["preferred_language"] == "de"
    assert len(account["login_history"]) == 1
    association = engaged_volunteer.memberships.get().association.name
    assert [(m["association"], m["role"]) for m in data["associations"]["memberships"]] == [
        (association, "admin")
    ]
    assert [s["association"] for s in data["associations"]["agreement_signatures"]] == [association]
    profile = data["volunteering"]["profile"]
    assert profile["languages"] == ["ar", "de"]
    assert profile["skills"] == "Translating, cooking"
    assert profile["associations"] == [association]


def test_export_of_a_person_without_other_data_still_has_every_section(client, participant):
    client.force_login(participant)

    data = json.loads(client.get(reverse("accounts:export-data")).content)

    assert data["associations"] == {"memberships": [], "agreement_signatures": []}
    assert data["volunteering"] is None
    assert data["account"]["two_factor_devices"] == []


def test_export_contains_only_the_persons_own_data(client, participant, association_admin):
    client.force_login(participant)

    body = client.get(reverse("accounts:export-data")).content.decode()

    assert association_admin.email not in body
    assert association_admin.display_name not in body


# --- deletion ---------------------------------------------------------------------------------


def _delete(client, password):
    return client.post(reverse("accounts:delete"), {"password": password})


def test_delete_page_asks_for_the_password(client, participant):
    client.force_login(participant)

    response = client.get(reverse("accounts:delete"))

    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_delete_with_wrong_password_shows_an_error_and_deletes_nothing(client, engaged_volunteer):
    client.force_login(engaged_volunteer)
    old_email = engaged_volunteer.email

    response = _delete(client, "not my password")

    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert response.context["form"].errors["password"][0] in response.content.decode()
    engaged_volunteer.refresh_from_db()
    assert engaged_volunteer.email == old_email
    assert engaged_volunteer.is_active
    assert engaged_volunteer.check_password(PASSWORD)
    assert Membership.objects.filter(user=engaged_volunteer).exists()
    assert VolunteerProfile.objects.filter(user=engaged_volunteer).exists()
    assert is_logged_in(client, engaged_volunteer)


def test_delete_with_the_right_password_erases_the_person_everywhere(
    client, engaged_volunteer, log_in
):
    old_email = engaged_volunteer.email
    old_name = engaged_volunteer.display_name
    # leave traces: failed and successful logins, a two-factor device, audited changes
    log_in(old_email, password="typo")
    device = TOTPDevice.objects.create(user=engaged_volunteer, name="Phone", confirmed=True)
    log_in(old_email)
    client.post(reverse("accounts:two-factor-verify"), {"token": f"{totp(device.bin_key):06d}"})
    client.post(
        reverse("accounts:account"), {"display_name": "Vera Neu", "preferred_language": "en"}
    )

    response = _delete(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert not is_logged_in(client)
    user = User.objects.get(pk=engaged_volunteer.pk)
    assert user.email != old_email
    assert old_email not in user.email
    assert user.display_name not in (old_name, "Vera Neu")
    assert not user.is_active
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    assert not VolunteerProfile.objects.filter(user=user).exists()
    signature = Signature.objects.get()
    assert signature.signed_by is None
    assert signature.signatory_name != "Vera V."
    assert not TOTPDevice.objects.filter(user=user).exists()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username__iexact=old_email).exists(), model
    assert log_in(old_email).status_code == 200
    assert not is_logged_in(client)


def test_deleted_persons_email_is_gone_from_the_audit_trail(client, engaged_volunteer, log_in):
    old_email = engaged_volunteer.email
    log_in(old_email)
    client.post(
        reverse("accounts:account"), {"display_name": "Vera Neu", "preferred_language": "en"}
    )
    user_type = ContentType.objects.get_for_model(User)
    about_user = LogEntry.objects.filter(
        content_type=user_type, object_pk=str(engaged_volunteer.pk)
    )
    assert any(old_email in json.dumps(e.changes) for e in about_user), "precondition"

    _delete(client, PASSWORD)

    entries = list(LogEntry.objects.all())
    assert entries
    for entry in entries:
        text = " ".join(
            [
                json.dumps(entry.changes),
                entry.changes_text or "",
                entry.object_repr or "",
                json.dumps(entry.serialized_data),
                entry.actor_email or "",
                json.dumps(entry.additional_data),
            ]
        )
        assert old_email not in text.lower(), entry
    # The fact of the changes remains.
    assert LogEntry.objects.filter(content_type=user_type, object_pk=str(engaged_volunteer.pk))
    for entry in LogEntry.objects.filter(actor_id=engaged_volunteer.pk):
        assert entry.remote_addr is None


def test_deleted_persons_name_is_gone_from_the_audit_trail(client, engaged_volunteer):
    old_name = engaged_volunteer.display_name
    client.force_login(engaged_volunteer)

    _delete(client, PASSWORD)

    assert not [e for e in LogEntry.objects.all() if old_name in e.object_repr]


def test_deletion_ends_the_persons_sessions_on_other_devices(client, engaged_volunteer):
    other_device = Client()
    other_device.force_login(engaged_volunteer)
    assert other_device.get(reverse("accounts:account")).status_code == 200
    client.force_login(engaged_volunteer)

    _delete(client, PASSWORD)

    response = other_device.get(reverse("accounts:account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_deleting_one_account_leaves_other_people_untouched(client, engaged_volunteer):
    other = UserFactory()
    MembershipFactory(user=other, association=engaged_volunteer.memberships.get().association)
    client.force_login(engaged_volunteer)

    _delete(client, PASSWORD)

    other.refresh_from_db()
    assert other.is_active
    assert other.check_password(PASSWORD)
    assert Membership.objects.filter(user=other).count() == 1


def test_delete_account_service_can_run_twice_without_error(engaged_volunteer):
    services.delete_account(user=engaged_volunteer)
    services.delete_account(user=User.objects.get(pk=engaged_volunteer.pk))

    assert not User.objects.get(pk=engaged_volunteer.pk).is_active
