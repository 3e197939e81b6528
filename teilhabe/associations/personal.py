"""The personal data this app holds about a user: memberships and signatures given."""

from django.utils.translation import gettext as _

from teilhabe.core.audit import scrub_audit_trail

from .models import Membership, Signature


def export_memberships(user) -> dict:
    return {
        "memberships": [
            {"association": m.association.name, "role": m.role, "since": m.created_at.isoformat()}
            for m in Membership.objects.filter(user=user).select_related("association")
        ],
        "agreement_signatures": [
            {
                "association": s.association.name,
                "version": s.agreement.version,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in Signature.objects.filter(signed_by=user).select_related(
                "association", "agreement"
            )
        ],
    }


def erase_memberships(user) -> None:
    """Memberships go; a signature stays the association's act, no longer naming the person."""
    memberships = list(Membership.objects.filter(user=user).values_list("pk", flat=True))
    Membership.objects.filter(pk__in=memberships).delete()
    scrub_audit_trail(Membership, memberships)
    signatures = list(Signature.objects.filter(signed_by=user).values_list("pk", flat=True))
    Signature.objects.filter(pk__in=signatures).update(
        signed_by=None, signatory_name=_("(deleted account)")
    )
    scrub_audit_trail(Signature, signatures)
