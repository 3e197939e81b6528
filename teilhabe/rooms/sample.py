"""The sample house: about 1,000 m² over three floors, its opening hours, the set-up and
clean-up time of the hall and the café, and a summer maintenance closure of one room. (The
Christmas closure of the whole house comes with the programme's sample.)

A second run changes nothing: rooms and equipment are looked up by name, opening hours are
only entered into a house that has none, the closure is looked up by its room and dates."""

from datetime import date, time

from teilhabe.core.recurrence import centre_today

from .models import Closure, Equipment, OpeningHours, Room

EQUIPMENT = [
    ("projector", "Beamer", "Projector"),
    ("whiteboard", "Whiteboard", "Whiteboard"),
    ("piano", "Klavier", "Piano"),
    ("kitchen", "Küche", "Kitchen"),
    ("sound-system", "Musikanlage", "Sound system"),
    ("mirrors", "Spiegelwand", "Mirror wall"),
    ("computers", "Computerplätze", "Computer workstations"),
    ("childrens-furniture", "Kindermöbel", "Children's furniture"),
    ("stage", "Bühne", "Stage"),
]

# name (de, en), floor, m², capacity, step-free, equipment
ROOMS = [
    ("Saal", "Hall", 0, 180, 120, True, ["projector", "sound-system", "stage"]),
    ("Café International", "Café International", 0, 85, 40, True, ["kitchen"]),
    ("Kinderraum", "Children's room", 0, 60, 20, True, ["childrens-furniture"]),
    ("Beratung 1", "Counselling 1", 0, 16, 3, True, []),
    ("Beratung 2", "Counselling 2", 0, 16, 3, True, []),
    ("Beratung 3", "Counselling 3", 1, 16, 3, True, []),
    ("Seminarraum A", "Seminar room A", 1, 55, 24, True, ["projector", "whiteboard"]),
    ("Seminarraum B", "Seminar room B", 1, 50, 20, True, ["projector", "whiteboard"]),
    ("Seminarraum C", "Seminar room C", 1, 45, 18, True, ["whiteboard"]),
    ("Computerraum", "Computer room", 1, 48, 14, True, ["computers", "projector"]),
    ("Bewegungsraum", "Movement room", 2, 95, 25, False, ["mirrors", "sound-system"]),
    ("Musikzimmer", "Music room", 2, 40, 10, False, ["piano"]),
    ("Vereinsbüro 1", "Association office 1", 2, 30, 6, False, ["computers"]),
    ("Vereinsbüro 2", "Association office 2", 2, 30, 6, False, ["computers"]),
    ("Vereinsbüro 3", "Association office 3", 2, 28, 6, False, []),
    ("Werkstatt", "Workshop", 0, 70, 15, True, []),
    ("Besprechungsraum", "Meeting room", 1, 35, 12, True, ["projector"]),
    ("Bibliothek", "Library", 1, 75, 20, True, ["computers"]),
]


# Minutes kept free before and after every booking: chairs and stage, tables and kitchen.
BUFFER_MINUTES = {"Saal": 15, "Café International": 10}

# weekday (0 = Monday): opens, closes. The house is open whenever its programme runs: late on
# Saturdays for the theatre's premieres, on Sunday afternoons for the café and the recitals.
OPENING_HOURS = [
    *((weekday, "08:00", "22:00") for weekday in range(5)),
    (5, "09:00", "22:00"),
    (6, "14:00", "18:00"),
]

MAINTENANCE_ROOM = "Computerraum"
MAINTENANCE_REASON = {
    "de": "Wartung: Die Computer werden erneuert.",
    "en": "Maintenance: the computers are being replaced.",
    "ar": "صيانة: يجري استبدال أجهزة الحاسوب.",
    "uk": "Технічне обслуговування: комп’ютери замінюють.",
    "ru": "Техническое обслуживание: компьютеры заменяют.",
    "tr": "Bakım: Bilgisayarlar yenileniyor.",
    "fa": "تعمیرات: رایانه‌ها تعویض می‌شوند.",
}


def build(context) -> None:
    by_slug = {}
    for slug, name_de, name_en in EQUIPMENT:
        item, _created = Equipment.objects.get_or_create(
            slug=slug, defaults={"name_de": name_de, "name_en": name_en}
        )
        by_slug[slug] = item
    for name_de, name_en, floor, area, capacity, step_free, equipment in ROOMS:
        room, created = Room.objects.get_or_create(
            name_de=name_de,
            defaults={
                "name_en": name_en,
                "floor": floor,
                "area_m2": area,
                "capacity": capacity,
                "is_step_free": step_free,
                "buffer_minutes": BUFFER_MINUTES.get(name_de, 0),
            },
        )
        if created:
            room.equipment.set([by_slug[slug] for slug in equipment])
    _opening_hours()
    _summer_maintenance(centre_today())


def _opening_hours() -> None:
    if OpeningHours.objects.exists():
        return
    OpeningHours.objects.bulk_create(
        OpeningHours(
            weekday=weekday, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes)
        )
        for weekday, opens, closes in OPENING_HOURS
    )


def _summer_maintenance(today: date) -> Closure:
    """One room closed for the first two weeks of August: this summer's, until they are over,
    then next summer's."""
    year = today.year if today <= date(today.year, 8, 14) else today.year + 1
    closure, _created = Closure.objects.get_or_create(
        room=Room.objects.get(name_de=MAINTENANCE_ROOM),
        starts_on=date(year, 8, 3),
        ends_on=date(year, 8, 14),
        defaults={f"reason_{code}": text for code, text in MAINTENANCE_REASON.items()},
    )
    return closure
