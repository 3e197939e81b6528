"""Who may do what in counselling. Appointments are for the counsellors of their service only:
neither centre staff nor administrators nor association admins see them. Staff set services
up, run the front desk and see the anonymous statistics."""

import rules

from teilhabe.accounts.models import Role
from teilhabe.accounts.rules import is_centre_staff


def counselled_service_ids(user) -> frozenset[int]:
    """The services a person counsels for (cached on the user object for the request)."""
    if not user.is_authenticated or not user.is_active or user.role != Role.COUNSELLOR:
        return frozenset()
    cached = getattr(user, "_counselled_service_ids", None)
    if cached is None:
        from .models import Counsellor

        cached = frozenset(
            Counsellor.objects.filter(user=user, is_active=True).values_list(
                "service_id", flat=True
            )
        )
        user._counselled_service_ids = cached
    return cached


def _service_id(obj) -> int | None:
    from .models import Service

    if obj is None:
        return None
    return obj.pk if isinstance(obj, Service) else obj.service_id


@rules.predicate
def counsels_for(user, obj):
    """obj: a service, or anything with a service (appointment, office hours, record)."""
    service_id = _service_id(obj)
    return service_id is not None and service_id in counselled_service_ids(user)


@rules.predicate
def counsels_anywhere(user):
    return bool(counselled_service_ids(user))


# the appointments and case notes of a service
rules.add_perm("counselling.view_appointment", counsels_for)
rules.add_perm("counselling.change_appointment", counsels_for)
# the desk of a service: its agenda, its walk-in queue
rules.add_perm("counselling.use_desk", counsels_for)
# one's own blocked time and absences
rules.add_perm("counselling.manage_own_availability", counsels_anywhere)
# setting services up: names, topics, counsellors, office hours
rules.add_perm("counselling.manage_services", is_centre_staff)
# drawing waiting numbers at the front desk (no personal data involved)
rules.add_perm("counselling.run_front_desk", is_centre_staff | counsels_for)
# anonymous figures only
rules.add_perm("counselling.view_statistics", is_centre_staff | counsels_for)
