from django.utils.functional import SimpleLazyObject

from .rules import may_use_bookings, may_view_house


def room_links(request):
    """Whether the navigation shows the house's rooms and booking: one query at most, and only
    for pages that ask (public pages cached for anonymous visitors never do)."""
    user = request.user
    return {
        "can_view_house": SimpleLazyObject(lambda: may_view_house.test(user)),
        "can_book_rooms": SimpleLazyObject(lambda: may_use_bookings.test(user)),
    }
