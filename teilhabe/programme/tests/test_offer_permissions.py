"""Who may create offers, change them and see their participants — over every role — and the
services refusing what the rules refuse, whatever a form would have allowed."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.programme import services
from teilhabe.programme.models import Offer

from .factories import CategoryFactory, OfferFactory

pytestmark = pytest.mark.django_db

# role: (add an offer,
#        change the offer `association` leads, one it co-hosts, an unrelated one,
#        see the participants of the offer it leads, of the one it co-hosts, of the unrelated one)
EXPECTED = {
    "anonymous": (False, False, False, False, False, False, False),
    "participant": (False, False, False, False, False, False, False),
    "volunteer": (False, False, False, False, False, False, False),
    "counsellor": (False, False, False, False, False, False, False),
    "association_member": (False, False, False, False, False, False, False),
    "association_admin": (True, True, False, False, True, True, False),
    "other_association_admin": (True, False, False, False, False, False, False),
    "staff_user": (True, True, True, True, True, True, True),
    "administrator": (True, True, True, True, True, True, True),
}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(ROLE_FIXTURES)


@pytest.fixture
def offers(association):
    led = OfferFactory(lead_association=association)
    co_hosted = OfferFactory()
    co_hosted.co_hosts.add(association)
    unrelated = OfferFactory()
    unrelated.co_hosts.add(AssociationFactory())
    return led, co_hosted, unrelated


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_offer_permissions(request, offers, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    led, co_hosted, unrelated = offers
    actual = (
        user_in_role.has_perm("programme.add_offer"),
        *(user_in_role.has_perm("programme.change_offer", o) for o in (led, co_hosted, unrelated)),
        *(
            user_in_role.has_perm("programme.view_participants", o)
            for o in (led, co_hosted, unrelated)
        ),
    )
    assert actual == EXPECTED[role]


def test_an_admin_changes_the_offers_of_the_association_they_administer(
    other_association_admin,
):
    theirs = other_association_admin.memberships.get().association
    assert other_association_admin.has_perm(
        "programme.change_offer", OfferFactory(lead_association=theirs)
    )


def test_an_admin_cannot_create_an_offer_for_an_association_they_do_not_administer(
    association_admin,
):
    offer = Offer(
        title_de="Fremdes Angebot",
        summary_de="Für einen anderen Verein.",
        category=CategoryFactory(),
        lead_association=AssociationFactory(),
    )
    with pytest.raises(PermissionDenied):
        services.save_offer(offer=offer, by=association_admin)
    assert not Offer.objects.exists()


def test_an_admin_cannot_take_over_another_associations_offer(association, association_admin):
    offer = OfferFactory(title_de="Deutschkurs")
    offer.lead_association = association
    offer.title_de = "Gekapert"
    with pytest.raises(PermissionDenied):
        services.save_offer(offer=offer, by=association_admin)
    offer.refresh_from_db()
    assert offer.title_de == "Deutschkurs"
    assert offer.lead_association != association


def test_an_admin_cannot_hand_their_offer_to_an_association_they_do_not_administer(
    association, association_admin
):
    offer = OfferFactory(lead_association=association)
    offer.lead_association = AssociationFactory()
    with pytest.raises(PermissionDenied):
        services.save_offer(offer=offer, by=association_admin)
    offer.refresh_from_db()
    assert offer.lead_association == association


def test_a_co_host_admin_cannot_change_the_status(association, association_admin):
    offer = OfferFactory(status="draft")
    offer.co_hosts.add(association)
    with pytest.raises(PermissionDenied):
        services.set_offer_status(offer=offer, status="published", by=association_admin)
    offer.refresh_from_db()
    assert offer.status == "draft"
