from django.db.models import QuerySet

from .models import User


def memberships_of(user: User) -> QuerySet:
    """The user's memberships in associations (the relation is declared by `associations`)."""
    return user.memberships.select_related("association").order_by("association__name")
