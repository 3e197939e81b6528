"""A counsellor's personal data in counselling: the services they counsel for and their
blocked times and absences. (People who book have no account: their bookings are reached with
the booking code, and deleted automatically.)"""

from .models import Counsellor, Unavailability


def export_counsellor(user) -> dict | None:
    roles = Counsellor.objects.filter(user=user).select_related("service")
    away = Unavailability.objects.filter(user=user)
    if not roles.exists() and not away.exists():
        return None
    return {
        "services": [
            {"service": r.service.name, "languages": r.languages, "active": r.is_active}
            for r in roles
        ],
        "unavailability": [
            {"kind": a.kind, "from": a.starts_at.isoformat(), "until": a.ends_at.isoformat()}
            for a in away
        ],
    }


def erase_counsellor(user) -> None:
    """The counsellor's own data goes; their past appointments stay with the service (and are
    deleted by retention in their time)."""
    Unavailability.objects.filter(user=user).delete()
    Counsellor.objects.filter(user=user).update(is_active=False, languages=[])
