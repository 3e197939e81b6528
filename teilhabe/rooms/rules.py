import rules

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.associations.selectors import membership_roles


@rules.predicate
def administers_booking_association(user, association):
    if not user.is_authenticated or association is None:
        return False
    return user.memberships.filter(role=MembershipRole.ADMIN, association=association).exists()


@rules.predicate
def administers_any_association(user):
    return MembershipRole.ADMIN in membership_roles(user)


@rules.predicate
def administers_the_bookings_association(user, booking):
    if booking is None:
        return False
    return administers_booking_association(user, booking.association)


@rules.predicate
def belongs_to_an_association(user):
    return user.is_active and bool(membership_roles(user))


# The house's grid names associations and purposes only, never a person.
may_view_house = is_centre_staff | belongs_to_an_association
may_use_bookings = is_centre_staff | administers_any_association
rules.add_perm("rooms.view_house", may_view_house)

# Booking for an association: its admins and staff; staff also book for the house itself.
rules.add_perm("rooms.book_for", is_centre_staff | administers_booking_association)
rules.add_perm("rooms.use_booking", may_use_bookings)
rules.add_perm("rooms.cancel_booking", is_centre_staff | administers_the_bookings_association)
rules.add_perm("rooms.plan_semester", is_centre_staff)
rules.add_perm("rooms.view_use_figures", is_centre_staff)
