from teilhabe.core.audit import scrub_audit_trail

from .models import VolunteerProfile


def export_profile(user) -> dict | None:
    profile = VolunteerProfile.objects.filter(user=user).prefetch_related("associations").first()
    if profile is None:
        return None
    return {
        "languages": profile.languages,
        "skills": profile.skills,
        "associations": [a.name for a in profile.associations.all()],
    }


def erase_profile(user) -> None:
    profiles = list(VolunteerProfile.objects.filter(user=user).values_list("pk", flat=True))
    VolunteerProfile.objects.filter(pk__in=profiles).delete()
    scrub_audit_trail(VolunteerProfile, profiles)
