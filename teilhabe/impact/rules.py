"""Who may do what in impact. Recording attendance belongs to the hosts of an offer — the
admins and members of its lead association or of a co-hosting association — and to the
centre's staff."""

import rules
from django.db.models import Q

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Membership
from teilhabe.programme.models import Offer, Session


def _offer_of(obj) -> Offer | None:
    if isinstance(obj, Session):
        return obj.offer
    if isinstance(obj, Offer):
        return obj
    return None


@rules.predicate
def hosts_offer(user, obj) -> bool:
    """A member (admin or member) of an association hosting the offer (or the session's offer).
    Without an object: a member of any association, i.e. someone who may host offers — what
    the attendance page needs to decide whether to show its (possibly empty) list."""
    if not user.is_authenticated or not user.is_active:
        return False
    memberships = Membership.objects.filter(user=user)
    if obj is None:
        return memberships.exists()
    offer = _offer_of(obj)
    if offer is None:
        return False
    return memberships.filter(
        Q(association_id=offer.lead_association_id) | Q(association__co_hosted_offers=offer)
    ).exists()


rules.add_perm("impact.record_attendance", is_centre_staff | hosts_offer)


# --- dashboard and contribution (figures) -----------------------------------------------------


@rules.predicate
def belongs_to_association(user, association) -> bool:
    """An admin or member of the association (its own contribution page)."""
    if not user.is_authenticated or not user.is_active or association is None:
        return False
    return Membership.objects.filter(user=user, association=association).exists()


rules.add_perm("impact.view_dashboard", is_centre_staff)
rules.add_perm("impact.view_contribution", is_centre_staff | belongs_to_association)


# --- reports and the demography import ---------------------------------------------------------

rules.add_perm("impact.make_report", is_centre_staff)
rules.add_perm("impact.import_demography", is_centre_staff)
