from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .models import Association, CooperationAgreement, Membership, MembershipRole, Signature


def membership_roles(user) -> frozenset[str]:
    """The roles (admin, member) a person holds in any association — fetched once per request
    and kept on the user object, since the navigation asks several times."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_membership_roles"):
        user._membership_roles = frozenset(user.memberships.values_list("role", flat=True))
    return user._membership_roles


def public_associations() -> QuerySet[Association]:
    return Association.objects.filter(is_active=True).order_by("name")


def association_for_page(slug: str) -> Association:
    return Association.objects.filter(is_active=True).get(slug=slug)


def current_agreement() -> CooperationAgreement | None:
    return CooperationAgreement.objects.order_by("-version").first()


def associations_administered_by(user) -> QuerySet[Association]:
    if not user.is_authenticated:
        return Association.objects.none()
    return Association.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.ADMIN
    ).order_by("name")


@dataclass(frozen=True)
class SignatureRow:
    association: Association
    current: Signature | None
    latest: Signature | None

    @property
    def has_signed_current(self) -> bool:
        return self.current is not None


def signature_overview() -> tuple[CooperationAgreement | None, list[SignatureRow]]:
    """Every active association with its signature of the current version (if any) and
    the newest version it has signed at all — two queries whatever the number."""
    agreement = current_agreement()
    associations = public_associations().prefetch_related(
        Prefetch(
            "signatures",
            queryset=Signature.objects.select_related("agreement", "signed_by").order_by(
                "-agreement__version"
            ),
            to_attr="signatures_newest_first",
        )
    )
    rows = []
    for association in associations:
        signatures = association.signatures_newest_first
        current = next(
            (s for s in signatures if agreement and s.agreement_id == agreement.pk), None
        )
        rows.append(SignatureRow(association, current, signatures[0] if signatures else None))
    return agreement, rows


def signatories_of(agreement: CooperationAgreement) -> QuerySet[Signature]:
    return agreement.signatures.select_related("association").order_by("signed_at")


def admins_of(association: Association) -> QuerySet[Membership]:
    return association.memberships.filter(role=MembershipRole.ADMIN).select_related("user")
