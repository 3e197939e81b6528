"""What the ideas board holds about a person with an account: the ideas they supported while
logged in (and a contact they left with the support, or as the proposer with the same
address). Download and erase, as every app does."""

from django.db.models import Q

from .models import Idea, Support


def _key(user) -> str:
    return f"user:{user.pk}"


def export_ideas(user) -> dict | None:
    supports = Support.objects.filter(
        Q(supporter_key=_key(user)) | Q(contact_email__iexact=user.email)
    ).select_related("idea")
    proposed = Idea.objects.filter(proposer_email__iexact=user.email)
    if not supports.exists() and not proposed.exists():
        return None
    return {
        "supported": [
            {
                "idea": s.idea.title,
                "at": s.created_at.isoformat(),
                "contact": s.contact_email or None,
            }
            for s in supports
        ],
        "proposed": [{"idea": i.title, "name": i.proposer_name} for i in proposed],
    }


def erase_ideas(user) -> None:
    """Supports stay counted but no longer point to the person; contacts are removed."""
    Support.objects.filter(contact_email__iexact=user.email).update(contact_email="")
    for support in Support.objects.filter(supporter_key=_key(user)):
        support.supporter_key = f"erased:{support.pk}"
        support.save(update_fields=["supporter_key"])
    Idea.objects.filter(proposer_email__iexact=user.email).update(
        proposer_email="", proposer_name=""
    )
