from teilhabe.accounts.models import CENTRE_STAFF_ROLES
from teilhabe.associations.selectors import membership_roles


def impact_links(request):
    """Whether the navigation offers recording attendance (hosts and staff)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "can_record_attendance": user.role in CENTRE_STAFF_ROLES or bool(membership_roles(user))
    }
