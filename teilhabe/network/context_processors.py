from teilhabe.accounts.models import CENTRE_STAFF_ROLES


def network_links(request):
    """Whether the navigation offers the directory's entries to keep (staff; a partner's
    editors find theirs on their account page, so that no page pays a query for it)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_edit_network": user.role in CENTRE_STAFF_ROLES}
