from teilhabe.core.audit import scrub_audit_trail

from .models import Registration


def export_registrations(user) -> list[dict]:
    return [
        {
            "offer": registration.offer.title,
            "date": registration.session.starts_at.isoformat() if registration.session else None,
            "name": registration.name,
            "email": registration.email,
            "phone": registration.phone,
            "persons": registration.persons,
            "status": registration.status,
            "registered": registration.created_at.isoformat(),
        }
        for registration in Registration.objects.filter(user=user).select_related(
            "offer", "session"
        )
    ]


def erase_registrations(user) -> None:
    """Registrations of a deleted account are anonymised, so the host's head count stays."""
    pks = list(Registration.objects.filter(user=user).values_list("pk", flat=True))
    Registration.objects.filter(pk__in=pks).update(
        user=None, name="—", email="deleted@deleted.invalid", phone="", note=""
    )
    scrub_audit_trail(Registration, pks)
