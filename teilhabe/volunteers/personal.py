"""A volunteer's personal data: everything the app holds about them, to download or erase."""

from django.db.models import Q

from teilhabe.core.audit import scrub_audit_trail

from .models import (
    Assignment,
    Certificate,
    HoursEntry,
    TrainingEnrolment,
    VolunteerApplication,
    VolunteerProfile,
)


def _iso(value):
    return value.isoformat() if value else None


def export_profile(user) -> dict | None:
    profile = VolunteerProfile.objects.filter(user=user).prefetch_related("associations").first()
    assignments = Assignment.objects.filter(volunteer=user).select_related("association")
    hours = HoursEntry.objects.filter(volunteer=user).select_related("association")
    enrolments = TrainingEnrolment.objects.filter(volunteer=user).select_related("training")
    certificates = Certificate.objects.filter(volunteer=user)
    if profile is None and not (
        assignments.exists() or hours.exists() or enrolments.exists() or certificates.exists()
    ):
        return None
    data = {}
    if profile is not None:
        data["profile"] = {
            "languages": profile.languages,
            "skills": profile.skills,
            "interests": profile.interests,
            "availability": profile.availability,
            "associations": [a.name for a in profile.associations.all()],
            "has_migration_history": profile.has_migration_history,
            "migration_history_consent_at": _iso(profile.migration_history_consent_at),
        }
    data["assignments"] = [
        {
            "title": a.title,
            "association": str(a.association) if a.association else None,
            "starts_at": _iso(a.starts_at),
            "ends_at": _iso(a.ends_at),
            "status": a.status,
        }
        for a in assignments
    ]
    data["hours"] = [
        {
            "day": _iso(h.day),
            "hours": str(h.hours),
            "description": h.description,
            "association": str(h.association) if h.association else None,
            "status": h.status,
        }
        for h in hours
    ]
    data["trainings"] = [
        {
            "training": e.training.title,
            "starts_at": _iso(e.training.starts_at),
            "status": e.status,
            "attended": e.attended,
        }
        for e in enrolments
    ]
    data["certificates"] = [
        {"kind": c.kind, "code": c.code, "issued_at": _iso(c.issued_at), "content": c.content}
        for c in certificates
    ]
    return data


def erase_profile(user) -> None:
    applications = VolunteerApplication.objects.filter(
        Q(volunteer=user) | (Q(email__iexact=user.email) if user.email else Q(pk__in=[]))
    )
    for model, queryset in (
        (VolunteerProfile, VolunteerProfile.objects.filter(user=user)),
        (HoursEntry, HoursEntry.objects.filter(volunteer=user)),
        (Assignment, Assignment.objects.filter(volunteer=user)),
        (TrainingEnrolment, TrainingEnrolment.objects.filter(volunteer=user)),
        (Certificate, Certificate.objects.filter(volunteer=user)),
        (VolunteerApplication, applications),
    ):
        pks = list(queryset.values_list("pk", flat=True))
        model.objects.filter(pk__in=pks).delete()
        scrub_audit_trail(model, pks)
