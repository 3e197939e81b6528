from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def ensure_allowed(user, perm: str, obj=None) -> None:
    """Refuse a service call the person may not make (the `rules` permission `perm`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
