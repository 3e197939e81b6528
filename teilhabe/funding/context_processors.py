from teilhabe.accounts.models import CENTRE_STAFF_ROLES
from teilhabe.associations.models import MembershipRole
from teilhabe.associations.selectors import membership_roles


def funding_links(request):
    """Whether the navigation offers funding (staff and association admins)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_use_funding": user.role in CENTRE_STAFF_ROLES
        or MembershipRole.ADMIN in membership_roles(user)
    }
