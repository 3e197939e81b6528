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
    VolunteerProfile.objects.filter(user=user).delete()
