"""An association's admin (or a volunteer) adopts an idea, links the offer that results, and
everyone who left a contact is told once when it is adopted and once when it is realised, in
the language they wrote in."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from teilhabe.participation import services
from teilhabe.participation.models import Idea, IdeaStatus, Support
from teilhabe.programme.tests.factories import OfferFactory

from .factories import IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea_with_supporters():
    idea = IdeaFactory(proposer_email="proposer@example.org", language="ar")
    SupportFactory(idea=idea, contact_email="tr@example.org", language="tr")
    SupportFactory(idea=idea, contact_email="en@example.org", language="en")
    SupportFactory(idea=idea)  # left no contact
    return idea


def adopt_and_realise(idea, association, admin):
    services.adopt_idea(idea=idea, by=admin, association=association)
    offer = OfferFactory(lead_association=association, status="published")
    services.link_offer(idea=idea, offer=offer, by=admin)
    return offer


def test_adoption_flow_tells_everyone_once_each(
    idea_with_supporters,
    association,
    association_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    idea = idea_with_supporters
    with django_capture_on_commit_callbacks(execute=True):
        services.adopt_idea(idea=idea, by=association_admin, association=association)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED
    assert idea.adopted_by_association == association
    assert sorted(m.to[0] for m in mailoutbox) == [
        "en@example.org",
        "proposer@example.org",
        "tr@example.org",
    ]
    assert all(len(m.to) == 1 for m in mailoutbox)
    english = next(m for m in mailoutbox if m.to == ["en@example.org"])
    assert "has been adopted" in english.subject
    assert association.name in english.body
    assert "/en/ideas/" in english.body
    assert "/tr/ideas/" in next(m for m in mailoutbox if m.to == ["tr@example.org"]).body

    mailoutbox.clear()
    draft = OfferFactory(lead_association=association, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.link_offer(idea=idea, offer=draft, by=association_admin)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED and idea.adopted_offer == draft
    assert mailoutbox == []

    published = OfferFactory(lead_association=association, status="published")
    with django_capture_on_commit_callbacks(execute=True):
        services.link_offer(idea=idea, offer=published, by=association_admin)
        services.link_offer(idea=idea, offer=published, by=association_admin)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REALISED
    assert len(mailoutbox) == 3
    assert "has been realised" in next(m for m in mailoutbox if m.to == ["en@example.org"]).subject
    # nothing more to tell: the addresses are gone
    assert not Support.objects.exclude(contact_email="").exists()
    assert idea.proposer_email == ""


def test_a_volunteer_adopts_for_themselves(volunteer, mailoutbox):
    idea = IdeaFactory()
    services.adopt_idea(idea=idea, by=volunteer)
    idea.refresh_from_db()
    assert idea.adopted_by_volunteer == volunteer and idea.status == IdeaStatus.ADOPTED


def test_an_adopted_idea_cannot_be_adopted_again(association, association_admin, volunteer):
    idea = IdeaFactory()
    services.adopt_idea(idea=idea, by=association_admin, association=association)
    with pytest.raises(PermissionDenied):
        services.adopt_idea(idea=idea, by=volunteer)
    assert Idea.objects.get(pk=idea.pk).adopted_by_association == association


def test_no_adopting_for_someone_elses_association(association, other_association_admin):
    idea = IdeaFactory()
    with pytest.raises(ValidationError):
        services.adopt_idea(idea=idea, by=other_association_admin, association=association)
    with pytest.raises(ValidationError):
        services.adopt_idea(idea=idea, by=other_association_admin)
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.NEW


def test_only_the_association_s_own_offers_can_be_linked(association, association_admin):
    idea = IdeaFactory()
    services.adopt_idea(idea=idea, by=association_admin, association=association)
    with pytest.raises(ValidationError):
        services.link_offer(idea=idea, offer=OfferFactory(), by=association_admin)
    assert Idea.objects.get(pk=idea.pk).adopted_offer is None


def test_adoption_on_the_pages(client, association, association_admin, mailoutbox):
    idea = IdeaFactory()
    client.force_login(association_admin)
    page = client.get(f"/en/ideas/{idea.pk}/")
    assert 'id="adopt-link"' in page.content.decode()
    response = client.post(f"/en/ideas/{idea.pk}/adopt/", {"association": association.pk})
    assert response.status_code == 302
    offer = OfferFactory(lead_association=association, status="published", title="Radkurs")
    assert client.get(f"/en/ideas/{idea.pk}/offer/").status_code == 200
    client.post(f"/en/ideas/{idea.pk}/offer/", {"offer": offer.pk})
    page = client.get(f"/en/ideas/{idea.pk}/").content.decode()
    assert 'data-status="realised"' in page
    assert offer.get_absolute_url().replace("/de/", "/en/") in page
    assert association.name in page


@pytest.mark.parametrize(
    "url, data",
    [
        ("adopt", {"association": "x"}),
        ("adopt", {"association": "999999"}),
        ("offer", {"offer": "abc"}),
        ("offer", {}),
    ],
)
def test_bad_adoption_input_never_fails(client, association, association_admin, url, data):
    idea = IdeaFactory()
    if url == "offer":
        services.adopt_idea(idea=idea, by=association_admin, association=association)
    client.force_login(association_admin)
    response = client.post(f"/en/ideas/{idea.pk}/{url}/", data)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode() or "is-invalid" in response.content.decode()
