"""Sample trainings for volunteers: five topics and about eight courses, seminars and
conferences over the past year and the coming months, in the house or outside, with the
sample volunteers enrolled (and attendance taken for those that are over). Every name and
event is invented.

Runs after the volunteers' sample. A second run changes nothing: topics are looked up by slug,
trainings by their German title, enrolments by training and person."""

from datetime import time, timedelta

from teilhabe.accounts.models import Role, User
from teilhabe.core.recurrence import centre_today, local_datetime
from teilhabe.rooms.models import Room

from .models import EnrolmentStatus, Training, TrainingEnrolment, TrainingKind, TrainingTopic

# slug: name in de, en, ar, uk
TOPICS = [
    (
        "intercultural-communication",
        (
            "Interkulturelle Kommunikation",
            "Intercultural communication",
            "التواصل بين الثقافات",
            "Міжкультурна комунікація",
        ),
    ),
    (
        "child-protection",
        ("Kinderschutz", "Child protection", "حماية الطفل", "Захист дітей"),
    ),
    ("first-aid", ("Erste Hilfe", "First aid", "الإسعافات الأولية", "Перша допомога")),
    (
        "interpreting-in-counselling",
        (
            "Dolmetschen in der Beratung",
            "Interpreting in counselling",
            "الترجمة الفورية في الاستشارات",
            "Усний переклад під час консультацій",
        ),
    ),
    (
        "grant-writing",
        (
            "Förderanträge schreiben",
            "Grant writing",
            "كتابة طلبات التمويل",
            "Написання грантових заявок",
        ),
    ),
]

# German title, English title, kind, topic, days from today, start, hours, room (name_de) or
# place outside, language, places
TRAININGS = [
    (
        "Kinderschutz im Ehrenamt",
        "Child protection for volunteers",
        TrainingKind.SEMINAR,
        "child-protection",
        -300,
        time(10),
        6,
        "Seminarraum A",
        "",
        "de",
        16,
    ),
    (
        "Erste-Hilfe-Kurs",
        "First aid course",
        TrainingKind.COURSE,
        "first-aid",
        -200,
        time(9),
        8,
        "",
        "DRK-Bildungszentrum, Lindenstraße 4",
        "de",
        12,
    ),
    (
        "Dolmetschen in der Beratung – Grundlagen",
        "Interpreting in counselling – the basics",
        TrainingKind.SEMINAR,
        "interpreting-in-counselling",
        -120,
        time(17),
        3,
        "Seminarraum B",
        "",
        "de",
        14,
    ),
    (
        "Fachtag Vielfalt im Ehrenamt",
        "Conference: diversity in volunteering",
        TrainingKind.CONFERENCE,
        "intercultural-communication",
        -60,
        time(10),
        7,
        "",
        "Rathaus, Großer Sitzungssaal",
        "de",
        80,
    ),
    (
        "Förderanträge für Vereine",
        "Grant applications for associations",
        TrainingKind.SEMINAR,
        "grant-writing",
        -20,
        time(18),
        3,
        "Seminarraum C",
        "",
        "de",
        15,
    ),
    (
        "Kinderschutz im Ehrenamt (Auffrischung)",
        "Child protection refresher",
        TrainingKind.SEMINAR,
        "child-protection",
        14,
        time(10),
        4,
        "Kinderraum",
        "",
        "de",
        12,
    ),
    (
        "Interkulturelle Kommunikation",
        "Intercultural communication",
        TrainingKind.COURSE,
        "intercultural-communication",
        35,
        time(17),
        3,
        "Seminarraum A",
        "",
        "en",
        18,
    ),
    (
        "Erste Hilfe am Kind",
        "First aid for children",
        TrainingKind.COURSE,
        "first-aid",
        70,
        time(9),
        8,
        "",
        "Johanniter-Akademie, Am Markt 2",
        "de",
        10,
    ),
]


def _topics() -> dict[str, TrainingTopic]:
    topics = {}
    for slug, (de, en, ar, uk) in TOPICS:
        topic, _ = TrainingTopic.objects.get_or_create(
            slug=slug,
            defaults={"name": de, "name_de": de, "name_en": en, "name_ar": ar, "name_uk": uk},
        )
        topics[slug] = topic
    return topics


def build_sample_trainings(context) -> None:
    topics = _topics()
    rooms = {room.name_de: room for room in Room.objects.all()}
    volunteers = list(User.objects.filter(role=Role.VOLUNTEER).order_by("email"))
    staff = User.objects.filter(role=Role.STAFF).order_by("pk").first()
    today = centre_today()
    for index, (
        title_de,
        title_en,
        kind,
        topic,
        offset,
        start,
        hours,
        room_name,
        place,
        language,
        capacity,
    ) in enumerate(TRAININGS):
        starts_at = local_datetime(today + timedelta(days=offset), start)
        room = rooms.get(room_name) if room_name else None
        training, created = Training.objects.get_or_create(
            title_de=title_de,
            defaults={
                "title": title_de,
                "title_en": title_en,
                "kind": kind,
                "topic": topics[topic],
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=hours),
                "room": room,
                "place": "" if room else (place or room_name),
                "language": language,
                "capacity": capacity,
                "organiser": staff,
                "is_published": True,
            },
        )
        if not created or not volunteers:
            continue
        _enrol_sample_volunteers(training, volunteers, index, is_past=offset < 0)


def _enrol_sample_volunteers(training, volunteers, index, *, is_past) -> None:
    count = min(len(volunteers), training.capacity + (2 if not is_past else 0), 3 + index * 2)
    chosen = [volunteers[(index * 5 + step) % len(volunteers)] for step in range(count)]
    for position, volunteer in enumerate(dict.fromkeys(chosen)):
        status = (
            EnrolmentStatus.CONFIRMED if position < training.capacity else EnrolmentStatus.WAITING
        )
        attended = None
        if is_past and status == EnrolmentStatus.CONFIRMED:
            attended = position % 6 != 5  # most came, a few did not
        TrainingEnrolment.objects.get_or_create(
            training=training,
            volunteer=volunteer,
            defaults={"status": status, "attended": attended},
        )
