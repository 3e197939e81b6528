from teilhabe.accounts.models import CENTRE_STAFF_ROLES

from .rules import counselled_service_ids


def counselling_links(request):
    """Which counselling pages the navigation offers (one query, for counsellors only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    is_staff = user.role in CENTRE_STAFF_ROLES
    counsels = bool(counselled_service_ids(user))
    return {
        "can_use_counselling_desk": counsels,
        "can_run_front_desk": counsels or is_staff,
        "can_manage_counselling": is_staff,
    }
