"""The sample house: about 1,000 m² over three floors."""

from .models import Equipment, Room

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
            },
        )
        if created:
            room.equipment.set([by_slug[slug] for slug in equipment])
