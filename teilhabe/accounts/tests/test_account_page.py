"""The "my account" page: details, their changes and the audit trail of those changes."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.models import User

pytestmark = pytest.mark.django_db


def _page(client):
    return client.get(reverse("accounts:account"))


def test_account_page_shows_email_and_role(client, volunteer):
    client.force_login(volunteer)

    response = _page(client)

    assert response.status_code == 200
    content = response.content.decode()
    assert volunteer.email in content
    with translation.override("de"):
        assert str(volunteer.get_role_display()) in content
    assert f'value="{volunteer.display_name}"' in content


def test_account_page_lists_the_persons_associations(client, association_admin, association):
    client.force_login(association_admin)

    response = _page(client)

    assert association.name in response.content.decode()
    assert [m.association for m in response.context["memberships"]] == [association]


def test_account_page_runs_a_fixed_number_of_queries(
    client, participant, django_assert_max_num_queries
):
    from teilhabe.associations.tests.factories import MembershipFactory

    MembershipFactory.create_batch(5, user=participant)
    client.force_login(participant)

    with django_assert_max_num_queries(9):
        response = _page(client)
    assert len(response.context["memberships"]) == 5


def test_updating_name_and_language_is_saved(client, participant):
    client.force_login(participant)

    response = client.post(
        reverse("accounts:account"), {"display_name": "Paula P.", "preferred_language": "uk"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    participant.refresh_from_db()
    assert participant.display_name == "Paula P."
    assert participant.preferred_language == "uk"
    follow = _page(client)
    assert [m.level_tag for m in follow.context["messages"]] == ["success"]


def test_empty_name_is_refused_keeps_what_was_typed_and_changes_nothing(client, participant):
    client.force_login(participant)
    before = User.objects.values("display_name", "preferred_language").get(pk=participant.pk)

    response = client.post(
        reverse("accounts:account"), {"display_name": "", "preferred_language": "tr"}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "display_name" in form.errors
    assert form["preferred_language"].value() == "tr"
    assert '<option value="tr" selected>' in response.content.decode()
    assert form.errors["display_name"][0] in response.content.decode()
    after = User.objects.values("display_name", "preferred_language").get(pk=participant.pk)
    assert after == before


def test_unknown_language_is_refused_and_the_typed_name_kept(client, participant):
    client.force_login(participant)
    old_name = participant.display_name

    response = client.post(
        reverse("accounts:account"), {"display_name": "Paulo Neu", "preferred_language": "xx"}
    )

    assert response.status_code == 200
    assert "preferred_language" in response.context["form"].errors
    assert 'value="Paulo Neu"' in response.content.decode()
    participant.refresh_from_db()
    assert participant.preferred_language == "de"
    assert participant.display_name == old_name


def test_the_email_address_cannot_be_changed_through_the_account_form(client, participant):
    client.force_login(participant)
    old_email = participant.email

    client.post(
        reverse("accounts:account"),
        {"display_name": "Paul", "preferred_language": "de", "email": "other@example.org"},
    )

    participant.refresh_from_db()
    assert participant.email == old_email


def test_changing_the_name_leaves_an_audit_entry_with_the_person_as_actor(client, participant):
    client.force_login(participant)
    old_name = participant.display_name

    client.post(
        reverse("accounts:account"), {"display_name": "Paula P.", "preferred_language": "de"}
    )

    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User),
        object_pk=str(participant.pk),
        action=LogEntry.Action.UPDATE,
    )
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == participant
    assert entry.changes["display_name"] == [old_name, "Paula P."]
    assert "preferred_language" not in entry.changes
    assert "password" not in entry.changes


def test_password_change_needs_the_old_password_and_keeps_the_session(client, participant):
    client.force_login(participant)
    url = reverse("accounts:password-change")
    new = "another long passphrase 99"

    wrong = client.post(url, {"old_password": "nope", "new_password1": new, "new_password2": new})
    right = client.post(
        url,
        {
            "old_password": "correct horse battery staple",
            "new_password1": new,
            "new_password2": new,
        },
    )

    assert wrong.status_code == 200
    assert "old_password" in wrong.context["form"].errors
    assert right.status_code == 302
    assert right["Location"] == reverse("accounts:account")
    participant.refresh_from_db()
    assert participant.check_password(new)
    assert _page(client).status_code == 200
