"""Reads of open roles and offers to help."""

from django.db.models import Count, Q, QuerySet

from teilhabe.associations.models import Association, MembershipRole
from teilhabe.core.json_lists import list_contains

from .models import OpenRole, RoleKind, VolunteerApplication


def published_roles(
    *, language: str = "", association: str = "", kind: str = ""
) -> QuerySet[OpenRole]:
    """The public board: published roles with what the list shows, filtered by a language
    wanted, the association's slug ("centre" for the centre's own roles) and how often."""
    roles = (
        OpenRole.objects.filter(is_published=True)
        .select_related("association", "offer")
        .prefetch_related("required_topics")
        .order_by("-created_at", "pk")
    )
    if language:
        roles = roles.filter(list_contains("languages", language))
    if association == "centre":
        roles = roles.filter(association__isnull=True)
    elif association:
        roles = roles.filter(association__slug=association)
    if kind in RoleKind.values:
        roles = roles.filter(kind=kind)
    return roles


def published_role(pk: int) -> OpenRole:
    return (
        OpenRole.objects.filter(is_published=True)
        .select_related("association", "offer")
        .prefetch_related("required_topics")
        .get(pk=pk)
    )


def board_associations() -> QuerySet[Association]:
    """Associations with at least one published role, for the board's filter."""
    return (
        Association.objects.filter(open_roles__is_published=True)
        .distinct()
        .order_by("name")
        .only("pk", "name", "slug")
    )


def _administered_association_ids(user) -> list[int]:
    return list(
        user.memberships.filter(role=MembershipRole.ADMIN).values_list("association_id", flat=True)
    )


def roles_for_manager(user) -> QuerySet[OpenRole]:
    """Staff see every role; association admins those of their associations."""
    roles = (
        OpenRole.objects.select_related("association")
        .annotate(
            new_applications=Count("applications", filter=Q(applications__status="new")),
        )
        .order_by("-created_at", "pk")
    )
    if user.is_centre_staff:
        return roles
    return roles.filter(association_id__in=_administered_association_ids(user))


def applications_for_manager(user, *, status: str = "") -> QuerySet[VolunteerApplication]:
    """Staff see all offers to help; association admins those for their associations' roles."""
    applications = VolunteerApplication.objects.select_related(
        "role", "role__association", "volunteer", "decided_by"
    ).order_by("-created_at", "pk")
    if status:
        applications = applications.filter(status=status)
    if user.is_centre_staff:
        return applications
    return applications.filter(role__association_id__in=_administered_association_ids(user))


def role_for_manager(pk: int) -> OpenRole:
    return OpenRole.objects.select_related("association").get(pk=pk)


def application_for_manager(pk: int) -> VolunteerApplication:
    return VolunteerApplication.objects.select_related(
        "role", "role__association", "volunteer", "decided_by"
    ).get(pk=pk)
