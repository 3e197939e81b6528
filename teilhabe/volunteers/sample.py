"""About forty volunteers, many of them immigrants themselves, with varied languages."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from teilhabe.accounts.models import Role
from teilhabe.accounts.sample import ensure_user
from teilhabe.associations.models import Association
from teilhabe.programme.models import Session

from .models import (
    Assignment,
    AssignmentStatus,
    HoursEntry,
    HoursStatus,
    LanguageLevel,
    VolunteerProfile,
)

FIRST_NAMES = [
    "Amina",
    "Bilal",
    "Clara",
    "Dmytro",
    "Elif",
    "Farid",
    "Greta",
    "Hasan",
    "Ines",
    "Jamal",
    "Kateryna",
    "Lukas",
    "Mariam",
    "Nikolai",
    "Olga",
    "Parisa",
    "Quentin",
    "Rania",
    "Sven",
    "Tamara",
    "Umut",
    "Vera",
    "Walid",
    "Xenia",
    "Yasmin",
    "Zeynep",
    "Ahmad",
    "Birgit",
    "Chiara",
    "Daria",
    "Emre",
    "Fatima",
    "Gregor",
    "Hoda",
    "Ivan",
    "Jana",
    "Karim",
    "Lena",
    "Mustafa",
    "Nadia",
]
LAST_NAMES = [
    "Abbas",
    "Bauer",
    "Chen",
    "Dahl",
    "Esen",
    "Fischer",
    "Ghani",
    "Hoffmann",
    "Ismail",
    "Jung",
    "Klein",
    "Lewandowski",
    "Mansour",
    "Neumann",
    "Orlova",
    "Petrenko",
    "Qasemi",
    "Rahimi",
    "Schmidt",
    "Tkachenko",
]
LANGUAGE_SETS = [
    ["de", "ar"],
    ["de", "uk", "ru"],
    ["de", "tr"],
    ["de", "fa", "prs"],
    ["de", "en"],
    ["de", "ru"],
    ["de", "ar", "ku"],
    ["de", "ti"],
    ["de", "en", "fr"],
    ["de", "ps", "prs"],
]
SKILLS = [
    "Hausaufgabenhilfe",
    "Dolmetschen",
    "Kinderbetreuung",
    "Musik",
    "Kochen",
    "Theater",
    "Bewerbungen",
    "Fahrradreparatur",
    "Sport",
    "Computer",
]
INTERESTS = [
    "Kinder und Jugendliche",
    "Frauen",
    "Kultur",
    "Sprachcafé",
    "Umwelt",
    "Beratung",
    "Nachbarschaft",
    "Sport",
]
# Language sets whose first language after German is the person's first language.
MIGRANT_SETS = {0, 1, 2, 3, 6, 7, 9}
SAMPLE_DOMAIN = "@ehrenamt.example"
REGULAR_TASKS = ["Hausaufgabenhilfe", "Sprachcafé"]


def _languages(index: int, codes: list[str]) -> list[dict]:
    """German native for those who grew up here, the other first language native for those who
    came; further languages at varying levels."""
    has_come = index % len(LANGUAGE_SETS) in MIGRANT_SETS
    levels = [LanguageLevel.FLUENT, LanguageLevel.GOOD, LanguageLevel.BASIC]
    result = []
    for position, code in enumerate(codes):
        if code == "de":
            level = levels[index % 2] if has_come else LanguageLevel.NATIVE
        elif position == 1 and has_come:
            level = LanguageLevel.NATIVE
        else:
            level = levels[(index + position) % 3]
        result.append({"code": code, "level": level})
    return result


def _availability(index: int) -> list[dict]:
    slots = [
        ("16:00", "20:00"),
        ("09:00", "13:00"),
        ("14:00", "18:00"),
        ("17:00", "21:00"),
    ]
    days = sorted({index % 5, (index * 3 + 1) % 7})
    return [
        {"weekday": day, "start": slots[(index + day) % 4][0], "end": slots[(index + day) % 4][1]}
        for day in days
    ]


def _migration_history(index: int) -> bool | None:
    """Most who came answer; a few prefer not to say, and so do some who grew up here."""
    if index % len(LANGUAGE_SETS) in MIGRANT_SETS:
        return None if index % 7 == 3 else True
    return None if index % 3 == 0 else False


def build(context) -> None:
    rng = random.Random(20161)
    associations = list(Association.objects.order_by("pk"))
    consent_at = timezone.now().replace(microsecond=0) - timedelta(days=200)
    profiles = []
    for index, first in enumerate(FIRST_NAMES):
        last = LAST_NAMES[index % len(LAST_NAMES)]
        email = f"{first.lower()}.{last.lower()}{SAMPLE_DOMAIN}"
        language = rng.choice(["de", "ar", "uk", "tr", "fa", "ru", "en"])
        user = ensure_user(
            email=email,
            display_name=f"{first} {last}",
            role=Role.VOLUNTEER,
            language=language,
            password=context.password,
        )
        skills = ", ".join(rng.sample(SKILLS, 2))
        profile, created = VolunteerProfile.objects.get_or_create(
            user=user, defaults={"skills": skills}
        )
        if created:
            history = _migration_history(index)
            profile.languages = _languages(index, LANGUAGE_SETS[index % len(LANGUAGE_SETS)])
            profile.interests = ", ".join(
                INTERESTS[(index + k) % len(INTERESTS)] for k in range(1 + index % 2)
            )
            profile.availability = _availability(index)
            profile.has_migration_history = history
            profile.migration_history_consent_at = consent_at if history is not None else None
            profile.save()
            if associations:
                profile.associations.set(rng.sample(associations, 1 + index % 2))
        profiles.append(profile)
        if index == 0:
            context.add_login("volunteer", email)
    _build_assignments(profiles)
    for module_name, function_name in (
        ("sample_roles", "build_sample_roles"),
        ("sample_trainings", "build_sample_trainings"),
    ):
        try:
            module = __import__(f"{__package__}.{module_name}", fromlist=[function_name])
        except ImportError:
            continue
        getattr(module, function_name)(context)


def _build_assignments(profiles: list[VolunteerProfile]) -> None:
    """A year of help at past sessions of the programme, with confirmed hours; once."""
    if Assignment.objects.filter(volunteer__email__endswith=SAMPLE_DOMAIN).exists():
        return
    now = timezone.now()
    sessions = list(
        Session.objects.filter(
            starts_at__lt=now, starts_at__gte=now - timedelta(days=365), is_cancelled=False
        )
        .select_related("offer")
        .order_by("starts_at", "pk")
    )
    if not profiles:
        return
    rng = random.Random(20162)
    busy: dict[int, list[tuple]] = {}
    assignments = []
    # Before the programme's sessions begin: the regular help of the year that led up to them.
    earliest = sessions[0].starts_at if sessions else now
    associations = list(Association.objects.order_by("pk"))
    day = timezone.localdate(now) - timedelta(days=364)
    week = 0
    while True:
        starts_at = timezone.make_aware(
            datetime.combine(day + timedelta(days=1 + week % 3), time(16))
        )
        if starts_at >= earliest - timedelta(days=1):
            break
        for k, title in enumerate(REGULAR_TASKS[: 1 + week % 2]):
            profile = profiles[(week * 5 + k * 11) % len(profiles)]
            begin = starts_at + timedelta(hours=2 * k)
            busy.setdefault(profile.user_id, []).append((begin, begin + timedelta(hours=2)))
            assignments.append(
                Assignment(
                    volunteer_id=profile.user_id,
                    title=title,
                    association=associations[(week + k) % len(associations)]
                    if associations
                    else None,
                    starts_at=begin,
                    ends_at=begin + timedelta(hours=2),
                    status=AssignmentStatus.ACCEPTED,
                    reminded_at=begin - timedelta(hours=20),
                )
            )
        day += timedelta(days=7)
        week += 1
    for number, session in enumerate(sessions[::2]):
        profile = profiles[(number * 7) % len(profiles)]
        taken = busy.setdefault(profile.user_id, [])
        if any(s < session.ends_at and session.starts_at < e for s, e in taken):
            continue
        taken.append((session.starts_at, session.ends_at))
        assignments.append(
            Assignment(
                volunteer_id=profile.user_id,
                session=session,
                title=str(session.offer)[:200],
                association_id=session.offer.lead_association_id,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                status=AssignmentStatus.ACCEPTED,
                reminded_at=session.starts_at - timedelta(hours=20),
            )
        )
    Assignment.objects.bulk_create(assignments)
    created = Assignment.objects.filter(volunteer__email__endswith=SAMPLE_DOMAIN)
    entries = []
    for assignment in created:
        hours = Decimal((assignment.ends_at - assignment.starts_at).total_seconds()) / 3600
        hours = min(max(hours.quantize(Decimal("0.01")), Decimal("0.25")), Decimal("24"))
        entries.append(
            HoursEntry(
                volunteer_id=assignment.volunteer_id,
                association_id=assignment.association_id,
                assignment=assignment,
                day=timezone.localdate(assignment.starts_at),
                hours=hours,
                description=assignment.title,
                status=HoursStatus.CONFIRMED if rng.random() < 0.9 else HoursStatus.LOGGED,
                confirmed_at=assignment.ends_at + timedelta(days=2),
            )
        )
    for entry in entries:
        if entry.status != HoursStatus.CONFIRMED:
            entry.confirmed_at = None
    HoursEntry.objects.bulk_create(entries)
