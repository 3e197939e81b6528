"""The sample network: about ten invented partners of the city's integration network in Erfurt
(every one marked as sample data, "Beispieldaten") with services, locations in Erfurt's
districts, opening hours and languages, and the house's own associations as in-house partners.
A second run changes nothing: everything is found by a stable id derived from its key."""

import uuid
from datetime import time

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.sample import ensure_user
from teilhabe.associations.models import Association

from . import services
from .models import Location, Organization, Service

SAMPLE_STAFF = "petra.lange@haus-der-vielfalt.example"
NAMESPACE = uuid.UUID("0b7a3f4e-2a1c-4d59-8f00-6e2d3c1b9a77")
NOTE = "Beispieldaten – erfundener Eintrag."

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")


def _hours(days, opens, closes):
    return [(day, time(*opens), time(*closes)) for day in days]


# slug, name, description (de, en), e-mail, website, phone, locations, services
# location: key, name, street, postal code, district, opening hours
# service: key, name (de, en), type, languages, description (de, en), location keys
PARTNERS = [
    (
        "migrationsberatung",
        "Migrationsberatung der Diakonie Mitte (Beispiel)",
        ("Beratung für Erwachsene nach der Zuwanderung.", "Advice for adults after arriving."),
        "mbe@diakonie-beispiel.example",
        "https://diakonie-beispiel.example/mbe",
        "+49 361 555 0101",
        [
            (
                "haus",
                "Beratungsstelle Johannesstraße",
                "Johannesstraße 12",
                "99084",
                "Altstadt",
                _hours(("MO", "TU", "TH"), (9, 0), (15, 0)),
            )
        ],
        [
            (
                "mbe",
                ("Migrationsberatung für Erwachsene", "Migration counselling for adults"),
                "counselling",
                ["de", "ar", "fa", "ru"],
                (
                    "Aufenthalt, Familiennachzug, Anerkennung, Sprachkurse.",
                    "Residence, family reunion, recognition, language courses.",
                ),
                ["haus"],
            )
        ],
    ),
    (
        "jobcenter-integration",
        "Jobcenter Erfurt – Integrationsteam (Beispiel)",
        ("Arbeit, Ausbildung und Leistungen für Zugewanderte.", ""),
        "integration@jobcenter-beispiel.example",
        "https://jobcenter-beispiel.example",
        "+49 361 555 0202",
        [
            (
                "mitte",
                "Jobcenter Mitte",
                "Max-Reger-Straße 1",
                "99096",
                "Löbervorstadt",
                _hours(WEEKDAYS, (8, 0), (12, 0)),
            )
        ],
        [
            (
                "team",
                ("Integrationsteam", "Integration team"),
                "work",
                ["de", "en", "ar", "uk"],
                (
                    "Beratung zu Arbeit, Ausbildung und Berufsanerkennung.",
                    "Advice on work, training and the recognition of qualifications.",
                ),
                ["mitte"],
            )
        ],
    ),
    (
        "rechtsberatung",
        "Refugee Law Clinic Erfurt (Beispiel)",
        ("Kostenlose Rechtsberatung durch Studierende unter Anleitung.", ""),
        "kontakt@lawclinic-beispiel.example",
        "",
        "+49 361 555 0303",
        [
            (
                "campus",
                "Campus, Haus 4",
                "Nordhäuser Straße 63",
                "99089",
                "Johannesvorstadt",
                _hours(("WE",), (14, 0), (18, 0)),
            )
        ],
        [
            (
                "asyl",
                ("Asyl- und Aufenthaltsrecht", "Asylum and residence law"),
                "legal_help",
                ["de", "en", "fr", "ar"],
                (
                    "Beratung im Asylverfahren und zum Aufenthalt.",
                    "Advice in the asylum procedure and on residence.",
                ),
                ["campus"],
            )
        ],
    ),
    (
        "gesundheitsamt",
        "Gesundheitsamt Erfurt – Sprachmittlung (Beispiel)",
        ("Dolmetschen bei Gesundheitsfragen und Impfberatung.", ""),
        "sprachmittlung@gesundheit-beispiel.example",
        "",
        "+49 361 555 0404",
        [
            (
                "amt",
                "Gesundheitsamt",
                "Juri-Gagarin-Ring 150",
                "99084",
                "Altstadt",
                _hours(("TU", "TH"), (8, 30), (12, 0)),
            )
        ],
        [
            (
                "dolmetsch",
                ("Dolmetschdienst Gesundheit", "Health interpreting service"),
                "health",
                ["ar", "fa", "ti", "ru", "uk", "tr"],
                (
                    "Sprachmittlung für Arzttermine und Beratung.",
                    "Interpreting for doctor's appointments and advice.",
                ),
                ["amt"],
            ),
            (
                "impf",
                ("Impfberatung", "Vaccination advice"),
                "health",
                ["de", "en"],
                ("Impfungen für Kinder und Erwachsene.", ""),
                ["amt"],
            ),
        ],
    ),
    (
        "wohnberatung",
        "Wohnraumberatung Erfurt Nord (Beispiel)",
        ("Hilfe bei Wohnungssuche und Mietfragen.", "Help finding a flat and with rent."),
        "wohnen@wohnberatung-beispiel.example",
        "",
        "+49 361 555 0505",
        [
            (
                "nord",
                "Stadtteilbüro Rieth",
                "Mainzer Straße 20",
                "99089",
                "Rieth",
                _hours(("MO", "WE"), (10, 0), (16, 0)),
            )
        ],
        [
            (
                "wohnung",
                ("Wohnungssuche und Mietrecht", "Flat hunting and tenancy law"),
                "housing",
                ["de", "ru", "uk", "ar"],
                ("Beratung zu Mietvertrag und Wohngeld.", ""),
                ["nord"],
            )
        ],
    ),
    (
        "sprachschule-herrenberg",
        "Sprachschule am Herrenberg (Beispiel)",
        ("Integrationskurse und Berufssprachkurse.", "Integration and job language courses."),
        "kurse@sprachschule-beispiel.example",
        "https://sprachschule-beispiel.example",
        "+49 361 555 0606",
        [
            (
                "herrenberg",
                "Schulhaus Herrenberg",
                "Fritz-Büchner-Straße 3",
                "99099",
                "Herrenberg",
                _hours(WEEKDAYS, (8, 0), (17, 0)),
            )
        ],
        [
            (
                "integrationskurs",
                ("Integrationskurs", "Integration course"),
                "courses",
                ["de", "en", "ar", "fa", "uk"],
                (
                    "Deutsch A1 bis B1 mit Orientierungskurs.",
                    "German A1 to B1 with orientation course.",
                ),
                ["herrenberg"],
            ),
            (
                "berufssprache",
                ("Berufssprachkurs B2", "Job language course B2"),
                "courses",
                ["de"],
                ("Deutsch für den Beruf.", ""),
                ["herrenberg"],
            ),
        ],
    ),
    (
        "volkshochschule",
        "Volkshochschule Erfurt (Beispiel)",
        ("Alphabetisierung, Deutsch und Orientierung.", ""),
        "vhs@vhs-beispiel.example",
        "https://vhs-beispiel.example",
        "+49 361 555 0707",
        [
            (
                "vhs",
                "VHS Haus Schottenstraße",
                "Schottenstraße 7",
                "99084",
                "Altstadt",
                _hours(WEEKDAYS, (9, 0), (18, 0)),
            )
        ],
        [
            (
                "alpha",
                ("Alphabetisierungskurs", "Literacy course"),
                "courses",
                ["de", "ar", "ti", "so"],
                ("Lesen und Schreiben lernen.", "Learning to read and write."),
                ["vhs"],
            )
        ],
    ),
    (
        "jugendmigrationsdienst",
        "Jugendmigrationsdienst Erfurt (Beispiel)",
        ("Beratung für junge Menschen von 12 bis 27 Jahren.", ""),
        "jmd@jmd-beispiel.example",
        "",
        "+49 361 555 0808",
        [
            (
                "moskauer",
                "Treff am Moskauer Platz",
                "Moskauer Platz 12",
                "99091",
                "Moskauer Platz",
                _hours(("TU", "TH"), (13, 0), (18, 0)),
            )
        ],
        [
            (
                "jmd",
                ("Beratung für junge Zugewanderte", "Counselling for young immigrants"),
                "counselling",
                ["de", "ar", "ps", "prs", "en"],
                (
                    "Schule, Ausbildung, Studium und Alltag.",
                    "School, training, studies and daily life.",
                ),
                ["moskauer"],
            )
        ],
    ),
    (
        "frauenberatung",
        "Frauenberatung International (Beispiel)",
        ("Beratung und Treffpunkt für Frauen.", ""),
        "frauen@frauenberatung-beispiel.example",
        "",
        "+49 361 555 0909",
        [
            (
                "krämpfer",
                "Frauenzentrum",
                "Krämpferstraße 4",
                "99084",
                "Krämpfervorstadt",
                _hours(("MO", "FR"), (10, 0), (14, 0)),
            )
        ],
        [
            (
                "frauen",
                ("Psychosoziale Beratung für Frauen", "Psychosocial counselling for women"),
                "counselling",
                ["de", "ar", "tr", "kmr"],
                ("Vertraulich und kostenlos.", ""),
                ["krämpfer"],
            )
        ],
    ),
    (
        "anerkennung",
        "IQ Anerkennungsberatung Thüringen (Beispiel)",
        ("Anerkennung ausländischer Berufsabschlüsse.", ""),
        "anerkennung@iq-beispiel.example",
        "",
        "+49 361 555 1010",
        [
            (
                "daberstedt",
                "Büro Daberstedt",
                "Kranichfelder Straße 2",
                "99097",
                "Daberstedt",
                _hours(("WE", "TH"), (9, 0), (13, 0)),
            )
        ],
        [
            (
                "anerkennung",
                ("Anerkennungsberatung", "Recognition counselling"),
                "work",
                ["de", "en", "ru", "uk"],
                ("Welche Stelle ist zuständig, welche Unterlagen brauche ich?", ""),
                ["daberstedt"],
            )
        ],
    ),
]


def _id(*parts) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(parts))


def build(context) -> None:
    staff = User.objects.filter(email=SAMPLE_STAFF).first() or ensure_user(
        email=SAMPLE_STAFF,
        display_name="Petra Lange",
        role=Role.STAFF,
        language="de",
        password=context.password,
    )
    for spec in PARTNERS:
        _partner(spec, staff)
    for association in Association.objects.filter(is_active=True).order_by("pk"):
        _in_house(association, staff)


def _partner(spec, staff) -> None:
    slug, name, (description_de, description_en), email, website, phone, locations, offers = spec
    if Organization.objects.filter(uuid=_id(slug)).exists():
        return
    organization = services.create_organization(
        organization=Organization(
            uuid=_id(slug),
            name=name,
            description_de=f"{description_de} {NOTE}",
            description_en=description_en or None,
            email=email,
            website=website,
            is_sample=True,
        ),
        by=staff,
    )
    services.save_organization(organization=organization, by=staff, phones=[(phone, "voice", "")])
    saved = {}
    for key, location_name, street, postal_code, district, hours in locations:
        saved[key] = services.save_location(
            location=Location(
                uuid=_id(slug, "location", key),
                organization=organization,
                name=location_name,
                street=street,
                postal_code=postal_code,
                city="Erfurt",
                district=district,
            ),
            by=staff,
            schedules=hours,
        )
    for key, (name_de, name_en), kind, languages, (text_de, text_en), where in offers:
        services.save_service(
            service=Service(
                uuid=_id(slug, "service", key),
                organization=organization,
                name_de=name_de,
                name_en=name_en,
                description_de=text_de,
                description_en=text_en or None,
                service_type=kind,
                languages=languages,
                email=email,
            ),
            by=staff,
            locations=[saved[k] for k in where],
        )


def _in_house(association, staff) -> None:
    key = f"association:{association.slug}"
    if Organization.objects.filter(uuid=_id(key)).exists():
        return
    organization = services.create_organization(
        organization=Organization(
            uuid=_id(key),
            name=association.name,
            description_de=association.short_description_de or "",
            description_en=getattr(association, "short_description_en", None),
            email=association.contact_email,
            website=association.website,
            is_in_house=True,
            association=association,
            is_sample=True,
        ),
        by=staff,
        editors=[m.user for m in association.memberships.filter(role="admin")],
    )
    location = services.save_location(
        location=Location(
            uuid=_id(key, "location"),
            organization=organization,
            name="Haus der Vielfalt",
            street="Anger 1",
            postal_code="99084",
            city="Erfurt",
            district="Altstadt",
        ),
        by=staff,
        schedules=_hours(("TU", "TH"), (16, 0), (19, 0)),
    )
    services.save_service(
        service=Service(
            uuid=_id(key, "service"),
            organization=organization,
            name_de=f"Treffpunkt und Beratung: {association.name}",
            name_en=f"Meeting point and advice: {association.name}",
            description_de=association.short_description_de or "",
            service_type="other",
            languages=list(association.languages or []),
            email=association.contact_email,
        ),
        by=staff,
        locations=[location],
    )
