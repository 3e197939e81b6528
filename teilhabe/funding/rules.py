"""Who may do what in funding: each association sees and works on its own applications (its
admins); the centre's staff see all, advise, and keep the programme database."""

import rules

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.associations.selectors import membership_roles


def administered_association_ids(user) -> frozenset[int]:
    """The associations a person administers (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_administered_association_ids", None)
    if cached is None:
        cached = frozenset(
            user.memberships.filter(role=MembershipRole.ADMIN).values_list(
                "association_id", flat=True
            )
        )
        user._administered_association_ids = cached
    return cached


def _association_id(obj):
    from teilhabe.associations.models import Association

    if obj is None:
        return None
    return obj.pk if isinstance(obj, Association) else obj.association_id


@rules.predicate
def administers(user, obj):
    """obj: an association, or anything belonging to one (an application, advice)."""
    association_id = _association_id(obj)
    return association_id is not None and association_id in administered_association_ids(user)


@rules.predicate
def administers_any_association(user):
    return MembershipRole.ADMIN in membership_roles(user)


# the programme database: association admins read it, staff keep it
rules.add_perm("funding.view_programmes", is_centre_staff | administers_any_association)
rules.add_perm("funding.manage_programmes", is_centre_staff)
# applications (obj: the association for adding, the application otherwise)
rules.add_perm("funding.add_application", is_centre_staff | administers)
rules.add_perm("funding.view_application", is_centre_staff | administers)
rules.add_perm("funding.change_application", is_centre_staff | administers)
# the decision of the funder and the money are recorded by staff or the association
rules.add_perm("funding.record_decision", is_centre_staff | administers)
# advice: staff log it, the association reads its own history
rules.add_perm("funding.log_advice", is_centre_staff)
rules.add_perm("funding.view_advice", is_centre_staff | administers)
# the overview of all applications, deadlines and money
rules.add_perm("funding.view_all", is_centre_staff)
