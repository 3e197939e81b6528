"""Reads of volunteers' engagement: matching volunteers to a task, the volunteers of an
association, and the volunteer's own page."""

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.languages import language_name

from .models import (
    Assignment,
    AssignmentStatus,
    Certificate,
    HoursEntry,
    HoursStatus,
    LanguageLevel,
    TrainingEnrolment,
    VolunteerProfile,
)

LEVEL_WEIGHT = {
    LanguageLevel.NATIVE: 4,
    LanguageLevel.FLUENT: 3,
    LanguageLevel.GOOD: 2,
    LanguageLevel.BASIC: 1,
}
SKILL_WEIGHT = 2
AVAILABLE_WEIGHT = 3
ASSOCIATION_WEIGHT = 2
BUSY_STATUSES = (AssignmentStatus.PROPOSED, AssignmentStatus.ACCEPTED)


@dataclass
class Match:
    profile: VolunteerProfile
    score: int
    reasons: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter((self.profile, self.score, self.reasons))


def language_entries(profile: VolunteerProfile) -> list[dict]:
    """Languages as [{"code", "level"}], accepting the older plain list of codes."""
    entries = []
    for entry in profile.languages or []:
        if isinstance(entry, dict):
            entries.append({"code": entry.get("code", ""), "level": entry.get("level", "good")})
        else:
            entries.append({"code": entry, "level": LanguageLevel.GOOD})
    return entries


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,;/]+", (text or "").lower()) if len(w) > 2]


def _is_available(profile: VolunteerProfile, starts_at, ends_at) -> bool:
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    if start.date() != end.date():
        return False
    begin, finish = start.strftime("%H:%M"), end.strftime("%H:%M")
    for slot in profile.availability or []:
        try:
            weekday = int(slot.get("weekday"))
        except (TypeError, ValueError):
            continue
        if (
            weekday == start.weekday()
            and slot.get("start", "") <= begin
            and finish <= slot.get("end", "")
        ):
            return True
    return False


def match_volunteers(
    *, languages=(), skills: str = "", starts_at=None, ends_at=None, association=None
) -> list[Match]:
    """Volunteers ranked for a task, each with the reasons for their rank. Volunteers already
    asked or booked at that time are left out. Three queries whatever the number."""
    profiles = list(
        VolunteerProfile.objects.filter(user__is_active=True)
        .select_related("user")
        .prefetch_related("associations")
    )
    busy = set()
    if starts_at and ends_at:
        busy = set(
            Assignment.objects.filter(
                status__in=BUSY_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at
            ).values_list("volunteer_id", flat=True)
        )
    wanted_languages = [code for code in languages if code]
    skill_words = _words(skills)
    matches = []
    for profile in profiles:
        if profile.user_id in busy:
            continue
        score = 0
        reasons = []
        spoken = {entry["code"]: entry["level"] for entry in language_entries(profile)}
        for code in wanted_languages:
            if code in spoken:
                weight = LEVEL_WEIGHT.get(spoken[code], 1)
                score += weight * 2
                level = dict(LanguageLevel.choices).get(spoken[code], spoken[code])
                reasons.append(
                    _("speaks %(language)s (%(level)s)")
                    % {"language": language_name(code), "level": level}
                )
        own_words = " ".join([profile.skills, profile.interests]).lower()
        found = [word for word in skill_words if word in own_words]
        if found:
            score += SKILL_WEIGHT * len(found)
            reasons.append(_("skills or interests: %(words)s") % {"words": ", ".join(found)})
        if starts_at and ends_at and _is_available(profile, starts_at, ends_at):
            score += AVAILABLE_WEIGHT
            reasons.append(_("usually available at this time"))
        if association is not None and any(
            a.pk == association.pk for a in profile.associations.all()
        ):
            score += ASSOCIATION_WEIGHT
            reasons.append(_("works with %(association)s") % {"association": association})
        if wanted_languages and not any(code in spoken for code in wanted_languages):
            continue
        matches.append(Match(profile=profile, score=score, reasons=reasons))
    matches.sort(key=lambda m: (-m.score, str(m.profile.user)))
    return matches


def volunteers_of_association(association) -> QuerySet:
    return (
        VolunteerProfile.objects.filter(associations=association)
        .select_related("user")
        .prefetch_related("associations")
        .order_by("user__display_name")
    )


def volunteers_for(user) -> QuerySet:
    """The volunteer profiles a user may see in the management list."""
    qs = (
        VolunteerProfile.objects.select_related("user")
        .prefetch_related("associations")
        .order_by("user__display_name", "pk")
    )
    if _is_staff(user):
        return qs
    from teilhabe.associations.models import MembershipRole

    return qs.filter(
        associations__memberships__user=user,
        associations__memberships__role=MembershipRole.ADMIN,
    ).distinct()


def _is_staff(user) -> bool:
    from teilhabe.accounts.rules import is_centre_staff

    return is_centre_staff(user)


def hours_to_confirm(user) -> QuerySet:
    qs = HoursEntry.objects.filter(status=HoursStatus.LOGGED).select_related(
        "volunteer", "association"
    )
    if _is_staff(user):
        return qs
    from teilhabe.associations.models import MembershipRole

    return qs.filter(
        association__memberships__user=user, association__memberships__role=MembershipRole.ADMIN
    ).distinct()


def my_page(user) -> dict:
    """Everything the volunteer's own page shows, in a fixed number of queries."""
    now = timezone.now()
    profile = VolunteerProfile.objects.filter(user=user).prefetch_related("associations").first()
    assignments = list(
        Assignment.objects.filter(volunteer=user, ends_at__gte=now, status__in=BUSY_STATUSES)
        .select_related("association", "session__offer", "role")
        .order_by("starts_at")
    )
    hours = list(HoursEntry.objects.filter(volunteer=user).select_related("association")[:50])
    confirmed = sum((h.hours for h in hours if h.status == HoursStatus.CONFIRMED), 0)
    enrolments = list(
        TrainingEnrolment.objects.filter(volunteer=user)
        .select_related("training__topic")
        .order_by("-training__starts_at")
    )
    certificates = list(Certificate.objects.filter(volunteer=user).select_related("training"))
    return {
        "profile": profile,
        "languages": language_entries(profile) if profile else [],
        "assignments": assignments,
        "hours": hours,
        "confirmed_hours": confirmed,
        "enrolments": enrolments,
        "certificates": certificates,
    }


def profile_detail(profile_user) -> dict:
    data = my_page(profile_user)
    data["volunteer"] = profile_user
    return data
