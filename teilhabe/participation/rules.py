"""Who may do what on the ideas board: everyone proposes, supports and comments; centre staff
moderate; an association's admins adopt an idea for their association, a volunteer for
themselves; the adopting association's admins (or staff) link the resulting offer."""

import rules

from teilhabe.accounts.rules import is_centre_staff, is_volunteer
from teilhabe.associations.models import MembershipRole
from teilhabe.associations.selectors import membership_roles


@rules.predicate
def administers_any_association(user):
    return (
        user.is_authenticated and user.is_active and MembershipRole.ADMIN in membership_roles(user)
    )


@rules.predicate
def is_open_idea(user, idea):
    return idea is not None and idea.is_open


@rules.predicate
def administers_adopting_association(user, idea):
    if idea is None or idea.adopted_by_association_id is None or not user.is_authenticated:
        return False
    return user.memberships.filter(
        association_id=idea.adopted_by_association_id, role=MembershipRole.ADMIN
    ).exists()


@rules.predicate
def is_adopted(user, idea):
    return idea is not None and idea.is_adopted and not idea.merged_into_id


rules.add_perm("participation.moderate_idea", is_centre_staff)
rules.add_perm(
    "participation.adopt_idea",
    is_open_idea & (administers_any_association | is_volunteer),
)
rules.add_perm(
    "participation.link_offer",
    is_adopted & (is_centre_staff | administers_adopting_association),
)
