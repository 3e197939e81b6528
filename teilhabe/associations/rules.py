import rules

from teilhabe.accounts.rules import is_centre_staff

from .models import MembershipRole


@rules.predicate
def is_association_admin(user, association):
    if not user.is_authenticated or association is None:
        return False
    return association.memberships.filter(user=user, role=MembershipRole.ADMIN).exists()


@rules.predicate
def is_association_member(user, association):
    if not user.is_authenticated or association is None:
        return False
    return association.memberships.filter(user=user).exists()


rules.add_perm("associations.change_association", is_centre_staff | is_association_admin)
rules.add_perm("associations.sign_agreement", is_association_admin)
rules.add_perm("associations.publish_agreement", is_centre_staff)
rules.add_perm("associations.view_signature_overview", is_centre_staff)
rules.add_perm("associations.add_association", is_centre_staff)
