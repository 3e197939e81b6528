"""About forty volunteers, many of them immigrants themselves, with varied languages."""

import random

from teilhabe.accounts.models import Role
from teilhabe.accounts.sample import ensure_user
from teilhabe.associations.models import Association

from .models import VolunteerProfile

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


def build(context) -> None:
    rng = random.Random(20161)
    associations = list(Association.objects.order_by("pk"))
    for index, first in enumerate(FIRST_NAMES):
        last = LAST_NAMES[index % len(LAST_NAMES)]
        email = f"{first.lower()}.{last.lower()}@ehrenamt.example"
        language = rng.choice(["de", "ar", "uk", "tr", "fa", "ru", "en"])
        user = ensure_user(
            email=email,
            display_name=f"{first} {last}",
            role=Role.VOLUNTEER,
            language=language,
            password=context.password,
        )
        profile, created = VolunteerProfile.objects.get_or_create(
            user=user,
            defaults={
                "languages": LANGUAGE_SETS[index % len(LANGUAGE_SETS)],
                "skills": ", ".join(rng.sample(SKILLS, 2)),
            },
        )
        if created and associations:
            profile.associations.set(rng.sample(associations, 1 + index % 2))
        if index == 0:
            context.add_login("volunteer", email)
