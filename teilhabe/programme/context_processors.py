from django.utils.functional import SimpleLazyObject

from .rules import may_add_offers


def host_links(request):
    """Whether the navigation shows "My offers": at most one query, only for pages that ask."""
    return {"can_manage_offers": SimpleLazyObject(lambda: may_add_offers.test(request.user))}
