"""A person's ideas-board data is in their download and goes with their account; the supports
stay counted."""

import pytest

from teilhabe.accounts import services as account_services
from teilhabe.participation.models import Idea, Support

from .factories import IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db


def test_supports_and_contacts_are_in_the_download_and_erased_with_the_account(participant):
    idea = IdeaFactory(proposer_email=participant.email, proposer_name="Paul")
    supported = IdeaFactory()
    SupportFactory(idea=supported, supporter_key=f"user:{participant.pk}")
    SupportFactory(idea=supported, contact_email=participant.email)

    data = account_services.export_personal_data(user=participant)["ideas"]
    assert {s["idea"] for s in data["supported"]} == {supported.title}
    assert data["proposed"] == [{"idea": idea.title, "name": "Paul"}]

    account_services.delete_account(user=participant)

    assert supported.supports.count() == 2
    assert not Support.objects.filter(supporter_key=f"user:{participant.pk}").exists()
    assert not Support.objects.exclude(contact_email="").exists()
    idea.refresh_from_db()
    assert idea.proposer_email == "" and idea.proposer_name == ""
    assert Idea.objects.count() == 2


def test_moderation_is_in_the_audit_trail_without_the_proposers_contact(staff_user):
    from auditlog.models import LogEntry

    from teilhabe.participation import services

    idea = IdeaFactory(proposer_email="maryam@example.org", proposer_name="Maryam")
    services.hide_idea(idea=idea, hidden=True, by=staff_user)

    entries = LogEntry.objects.get_for_object(idea)
    assert any("is_hidden" in (entry.changes_dict or {}) for entry in entries)
    logged = " ".join(str(entry.changes) for entry in entries)
    assert "maryam@example.org" not in logged and "Maryam" not in logged
