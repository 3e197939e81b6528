"""Who may do what in the network directory: everybody reads it; the centre's staff keep all
of it; the editors of a partner organisation update their own entry (its services and
locations); referral sheets and HSDS imports are for staff."""

import rules

from teilhabe.accounts.rules import is_centre_staff


def _organization(obj):
    from .models import Organization

    if obj is None:
        return None
    if isinstance(obj, Organization):
        return obj
    return getattr(obj, "organization", None)


def edited_organization_ids(user) -> frozenset[int]:
    """The organizations a person edits (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_edited_network_organization_ids", None)
    if cached is None:
        cached = frozenset(user.edited_network_organizations.values_list("pk", flat=True))
        user._edited_network_organization_ids = cached
    return cached


@rules.predicate
def edits_organization(user, obj):
    """obj: an organization, or its service or location."""
    organization = _organization(obj)
    return organization is not None and organization.pk in edited_organization_ids(user)


rules.add_perm("network.view_directory", rules.always_allow)
rules.add_perm("network.add_organization", is_centre_staff)
rules.add_perm("network.change_organization", is_centre_staff | edits_organization)
rules.add_perm("network.prepare_referral", is_centre_staff)
rules.add_perm("network.import_hsds", is_centre_staff)
