"""The personal data this app holds about a user: memberships and signatures given."""

from django.utils.translation import gettext as _

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
    Membership.objects.filter(user=user).delete()
    Signature.objects.filter(signed_by=user).update(
        signed_by=None, signatory_name=_("(deleted account)")
    )
