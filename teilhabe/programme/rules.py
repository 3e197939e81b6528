import rules

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.rooms.rules import administers_any_association


@rules.predicate
def administers_lead_association(user, offer):
    if not user.is_authenticated or offer is None or offer.lead_association_id is None:
        return False
    return user.memberships.filter(
        role=MembershipRole.ADMIN, association_id=offer.lead_association_id
    ).exists()


@rules.predicate
def administers_a_hosting_association(user, offer):
    if not user.is_authenticated or offer is None:
        return False
    hosts = {offer.lead_association_id, *offer.co_hosts.values_list("pk", flat=True)}
    return user.memberships.filter(role=MembershipRole.ADMIN, association_id__in=hosts).exists()


may_add_offers = is_centre_staff | administers_any_association

rules.add_perm("programme.add_offer", may_add_offers)
rules.add_perm("programme.change_offer", is_centre_staff | administers_lead_association)
rules.add_perm("programme.view_participants", is_centre_staff | administers_a_hosting_association)
