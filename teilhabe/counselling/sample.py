"""The sample counselling: the migration counselling for adult immigrants (MBE) and the refugee
service, each with counsellors who speak the languages of the city's newcomers, office hours
across the week in the counselling rooms of the house (held through its bookings), a few
future appointments under invented pseudonyms, and six months of anonymous history for the
statistics.

A second run changes nothing: services are looked up by their address, topics by their German
name, counsellors by service and person; office hours, appointments and history are only
added to a service that has none."""

import hashlib
import random
import secrets
from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.sample import ensure_user
from teilhabe.core.recurrence import centre_today
from teilhabe.rooms.models import Room

from . import services
from .models import (
    Appointment,
    CounsellingRecord,
    Counsellor,
    OfficeHours,
    OfficeHoursMode,
    Outcome,
    Service,
    Topic,
)
from .selectors import free_slots

MO, TU, WE, TH, FR = range(5)
APPOINTMENTS, WALK_IN = OfficeHoursMode.APPOINTMENTS, OfficeHoursMode.WALK_IN
SAMPLE_STAFF = "petra.lange@haus-der-vielfalt.example"

SERVICES = [
    {
        "slug": "mbe",
        "name_de": "Migrationsberatung für erwachsene Zuwanderer (MBE)",
        "name_en": "Migration counselling for adult immigrants (MBE)",
        "description_de": (
            "Beratung für Zugewanderte ab 27 Jahren in den ersten Jahren in Deutschland: "
            "Aufenthalt, Arbeit und Anerkennung von Abschlüssen, Sprachkurse, Familie, Wohnen "
            "und Krankenversicherung. Vertraulich und kostenlos."
        ),
        "description_en": (
            "Counselling for immigrants aged 27 and over in their first years in Germany: "
            "residence, work and recognition of qualifications, language courses, family, "
            "housing and health insurance. Confidential and free of charge."
        ),
        "provider": "Caritas (Beispiel)",
        "phone": "+49 361 000 1001",
        "email": "mbe@beratung.example",
        "topics": [
            ("Aufenthalt", "Residence"),
            ("Arbeit und Anerkennung", "Work and recognition"),
            ("Sprachkurse", "Language courses"),
            ("Familie", "Family"),
            ("Wohnen", "Housing"),
            ("Krankenversicherung", "Health insurance"),
        ],
        "counsellors": [
            ("mbe@haus-der-vielfalt.example", "Miriam Haddad", ["de", "ar", "en"]),
            ("sergej.wolkow@haus-der-vielfalt.example", "Sergej Wolkow", ["de", "ru", "uk"]),
            ("ayse.yilmaz@haus-der-vielfalt.example", "Ayşe Yılmaz", ["de", "tr", "en"]),
        ],
        # weekday, start, end, room, kind, minutes per appointment, counsellors (indexes)
        "office_hours": [
            (MO, "09:00", "12:00", "Beratung 1", APPOINTMENTS, 45, [0, 1]),
            (TU, "14:00", "17:00", "Beratung 3", APPOINTMENTS, 45, [0, 2]),
            (TH, "09:00", "12:00", "Beratung 3", WALK_IN, 30, [1, 2]),
            (FR, "09:00", "12:00", "Beratung 2", APPOINTMENTS, 60, [0]),
        ],
        "languages": {"ar": 24, "de": 14, "ru": 14, "uk": 18, "tr": 10, "en": 8, "fa": 6, "ro": 6},
        "volume": (34, 22),
    },
    {
        "slug": "fluechtlingsberatung",
        "name_de": "Flüchtlingssozialarbeit und Flüchtlingsberatung",
        "name_en": "Refugee service: social work and counselling for refugees",
        "description_de": (
            "Beratung für Geflüchtete und Asylsuchende: Asylverfahren und Aufenthalt, "
            "Familiennachzug, Wohnen, Arbeit, Schule und Gesundheit. Auf Wunsch mit "
            "Dolmetscherin oder Dolmetscher. Vertraulich und kostenlos."
        ),
        "description_en": (
            "Counselling for refugees and asylum seekers: the asylum procedure and residence, "
            "family reunification, housing, work, school and health. With an interpreter if "
            "you wish. Confidential and free of charge."
        ),
        "provider": "Diakonie (Beispiel)",
        "phone": "+49 361 000 2002",
        "email": "fluechtlingsberatung@beratung.example",
        "topics": [
            ("Asylverfahren und Aufenthalt", "Asylum procedure and residence"),
            ("Familiennachzug", "Family reunification"),
            ("Wohnen", "Housing"),
            ("Arbeit und Ausbildung", "Work and training"),
            ("Sprachkurse", "Language courses"),
            ("Gesundheit und Krankenversicherung", "Health and health insurance"),
        ],
        "counsellors": [
            ("parisa.rahimi@haus-der-vielfalt.example", "Parisa Rahimi", ["de", "fa", "prs"]),
            ("omar.hassan@haus-der-vielfalt.example", "Omar Hassan", ["de", "ar", "ku"]),
            ("olena.bondar@haus-der-vielfalt.example", "Olena Bondar", ["de", "uk", "ru"]),
        ],
        "office_hours": [
            (MO, "14:00", "17:00", "Beratung 2", APPOINTMENTS, 45, [0, 1]),
            (TU, "09:00", "12:00", "Beratung 2", WALK_IN, 30, [1, 2]),
            (WE, "09:00", "12:00", "Beratung 3", APPOINTMENTS, 45, [0, 2]),
            (TH, "14:00", "16:00", "Beratung 3", WALK_IN, 30, [0, 1]),
        ],
        "languages": {"ar": 26, "fa": 16, "prs": 10, "uk": 16, "ti": 8, "ku": 8, "de": 6, "so": 4},
        "volume": (26, 30),
    },
]

# The services' texts in the languages of the people who come to them (sample translations).
TRANSLATIONS = {
    "mbe": {
        "name": {
            "ar": "استشارات الهجرة للمهاجرين البالغين (MBE)",
            "fa": "مشاوره مهاجرت برای مهاجران بزرگسال (MBE)",
            "uk": "Міграційна консультація для дорослих іммігрантів (MBE)",
            "ru": "Миграционная консультация для взрослых иммигрантов (MBE)",
            "tr": "Yetişkin göçmenler için göç danışmanlığı (MBE)",
        },
        "description": {
            "ar": "استشارات للمهاجرين من عمر 27 عامًا فما فوق في سنواتهم الأولى في ألمانيا: الإقامة، العمل والاعتراف بالشهادات، دورات اللغة، الأسرة، السكن والتأمين الصحي. سرية ومجانية.",
            "fa": "مشاوره برای مهاجران ۲۷ سال به بالا در سال‌های نخست زندگی در آلمان: اقامت، کار و به رسمیت شناختن مدارک، کلاس‌های زبان، خانواده، مسکن و بیمه درمانی. محرمانه و رایگان.",
            "uk": "Консультації для іммігрантів віком від 27 років у перші роки в Німеччині: перебування, робота та визнання дипломів, мовні курси, сім'я, житло й медичне страхування. Конфіденційно й безкоштовно.",
            "ru": "Консультации для иммигрантов от 27 лет в первые годы в Германии: пребывание, работа и признание дипломов, языковые курсы, семья, жильё и медицинская страховка. Конфиденциально и бесплатно.",
            "tr": "Almanya'daki ilk yıllarında 27 yaş ve üzeri göçmenler için danışmanlık: oturum, çalışma ve diploma denkliği, dil kursları, aile, konut ve sağlık sigortası. Gizli ve ücretsiz.",
        },
    },
    "fluechtlingsberatung": {
        "name": {
            "ar": "الخدمة الاجتماعية والاستشارات للاجئين",
            "fa": "مددکاری اجتماعی و مشاوره برای پناهجویان",
            "uk": "Соціальна робота та консультації для біженців",
            "ru": "Социальная работа и консультации для беженцев",
            "tr": "Mülteciler için sosyal hizmet ve danışmanlık",
        },
        "description": {
            "ar": "استشارات للاجئين وطالبي اللجوء: إجراءات اللجوء والإقامة، لم شمل الأسرة، السكن، العمل، المدرسة والصحة. مع مترجم إن رغبت. سرية ومجانية.",
            "fa": "مشاوره برای پناهجویان و متقاضیان پناهندگی: روند پناهندگی و اقامت، پیوستن خانواده، مسکن، کار، مدرسه و سلامت. در صورت تمایل با مترجم. محرمانه و رایگان.",
            "uk": "Консультації для біженців і шукачів притулку: процедура надання притулку та перебування, возз'єднання сім'ї, житло, робота, школа та здоров'я. За бажанням — з перекладачем. Конфіденційно й безкоштовно.",
            "ru": "Консультации для беженцев и лиц, ищущих убежища: процедура убежища и пребывание, воссоединение семьи, жильё, работа, школа и здоровье. По желанию — с переводчиком. Конфиденциально и бесплатно.",
            "tr": "Mülteciler ve sığınmacılar için danışmanlık: iltica süreci ve oturum, aile birleşimi, konut, çalışma, okul ve sağlık. İsterseniz tercüman eşliğinde. Gizli ve ücretsiz.",
        },
    },
}
# Topic names by their German name: ar, fa, uk, ru, tr.
TOPIC_TRANSLATIONS = {
    "Aufenthalt": ("الإقامة", "اقامت", "Право на перебування", "Право на пребывание", "Oturum"),
    "Arbeit und Anerkennung": (
        "العمل والاعتراف بالشهادات",
        "کار و به رسمیت شناختن مدارک",
        "Робота та визнання дипломів",
        "Работа и признание дипломов",
        "Çalışma ve diploma denkliği",
    ),
    "Sprachkurse": ("دورات اللغة", "کلاس‌های زبان", "Мовні курси", "Языковые курсы", "Dil kursları"),
    "Familie": ("الأسرة", "خانواده", "Сім'я", "Семья", "Aile"),
    "Wohnen": ("السكن", "مسکن", "Житло", "Жильё", "Konut"),
    "Krankenversicherung": (
        "التأمين الصحي",
        "بیمه درمانی",
        "Медичне страхування",
        "Медицинская страховка",
        "Sağlık sigortası",
    ),
    "Asylverfahren und Aufenthalt": (
        "إجراءات اللجوء والإقامة",
        "روند پناهندگی و اقامت",
        "Процедура притулку та перебування",
        "Процедура убежища и пребывание",
        "İltica süreci ve oturum",
    ),
    "Familiennachzug": (
        "لم شمل الأسرة",
        "پیوستن خانواده",
        "Возз'єднання сім'ї",
        "Воссоединение семьи",
        "Aile birleşimi",
    ),
    "Arbeit und Ausbildung": (
        "العمل والتدريب المهني",
        "کار و آموزش حرفه‌ای",
        "Робота та професійне навчання",
        "Работа и профессиональное обучение",
        "Çalışma ve meslek eğitimi",
    ),
    "Gesundheit und Krankenversicherung": (
        "الصحة والتأمين الصحي",
        "سلامت و بیمه درمانی",
        "Здоров'я та медичне страхування",
        "Здоровье и медицинская страховка",
        "Sağlık ve sağlık sigortası",
    ),
}
OTHER_LANGUAGES = ("ar", "fa", "uk", "ru", "tr")

# Invented first names for the sample appointments: nothing here is a real person.
PSEUDONYMS = ["Beispiel-Amal", "Beispiel-Dawit", "Beispiel-Nina", "Beispiel-Reza", "Beispiel-Lena"]
HISTORY_MONTHS = 6


def build(context) -> None:
    staff = User.objects.filter(email=SAMPLE_STAFF).first() or ensure_user(
        email=SAMPLE_STAFF,
        display_name="Petra Lange",
        role=Role.STAFF,
        language="de",
        password=context.password,
    )
    for index, spec in enumerate(SERVICES):
        service = _service(spec, staff)
        topics = _topics(service, spec, staff)
        counsellors = _counsellors(service, spec, staff, context)
        _office_hours(service, spec, counsellors, staff)
        if not CounsellingRecord.objects.filter(service=service).exists():
            _history(service, spec, topics, random.Random(6100 + index))
            _appointments(service, topics, random.Random(6200 + index))
        # One login per role is printed (the MBE's first counsellor is the accounts' sample
        # counsellor); the refugee service's counsellors log in with the same password.
        if not any(role == "counsellor" for role, _email in context.logins):
            context.add_login("counsellor", spec["counsellors"][0][0])


def _service(spec: dict, staff) -> Service:
    service = Service.objects.filter(slug=spec["slug"]).first()
    if service is None:
        service = Service(
            slug=spec["slug"],
            **{
                key: spec[key]
                for key in (
                    "name_de",
                    "name_en",
                    "description_de",
                    "description_en",
                    "provider",
                    "phone",
                    "email",
                )
            },
        )
        for field, texts in TRANSLATIONS[spec["slug"]].items():
            for language, text in texts.items():
                setattr(service, f"{field}_{language}", text)
        services.save_service(service=service, by=staff)
    return service


def _topics(service: Service, spec: dict, staff) -> list[Topic]:
    existing = {t.name_de: t for t in Topic.objects.filter(service=service)}
    topics = []
    for position, (name_de, name_en) in enumerate(spec["topics"]):
        topic = existing.get(name_de)
        if topic is None:
            topic = services.save_topic(
                topic=Topic(
                    service=service,
                    name_de=name_de,
                    name_en=name_en,
                    position=position,
                    **{
                        f"name_{language}": text
                        for language, text in zip(
                            OTHER_LANGUAGES, TOPIC_TRANSLATIONS[name_de], strict=True
                        )
                    },
                ),
                by=staff,
            )
        topics.append(topic)
    return topics


def _counsellors(service: Service, spec: dict, staff, context) -> list[Counsellor]:
    counsellors = []
    for email, name, languages in spec["counsellors"]:
        user = ensure_user(
            email=email,
            display_name=name,
            role=Role.COUNSELLOR,
            language="de",
            password=context.password,
        )
        counsellor = Counsellor.objects.filter(service=service, user=user).first()
        if counsellor is None and user.role == Role.COUNSELLOR:
            counsellor = services.save_counsellor(
                counsellor=Counsellor(service=service, user=user, languages=languages), by=staff
            )
        if counsellor is not None:
            counsellors.append(counsellor)
    return counsellors


def _office_hours(service: Service, spec: dict, counsellors: list[Counsellor], staff) -> None:
    if OfficeHours.objects.filter(service=service).exists() or not counsellors:
        return
    rooms = {room.name_de: room for room in Room.objects.filter(name_de__startswith="Beratung")}
    for weekday, start, end, room_name, mode, minutes, staffed_by in spec["office_hours"]:
        room = rooms.get(room_name)
        if room is None:
            continue
        hours = OfficeHours(
            service=service,
            mode=mode,
            room=room,
            starts_on=centre_today(),
            start_time=time.fromisoformat(start),
            end_time=time.fromisoformat(end),
            weekdays=[weekday],
            slot_minutes=minutes,
        )
        try:
            services.save_office_hours(
                office_hours=hours,
                counsellors=[counsellors[i] for i in staffed_by if i < len(counsellors)],
                by=staff,
            )
        except ValidationError:
            continue  # the room is taken in this house's programme: leave these hours out


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _history(service: Service, spec: dict, topics: list[Topic], rng: random.Random) -> None:
    """Six months of anonymous records: appointments with their outcome and the days from
    booking, walk-ins with their minutes waited; more in autumn and winter, a summer dip."""
    this_month = centre_today().replace(day=1)
    topic_weights = {topic: 6 - min(position, 4) for position, topic in enumerate(topics)}
    appointments_per_month, walk_ins_per_month = spec["volume"]
    records = []
    for back in range(HISTORY_MONTHS, 0, -1):
        index = this_month.year * 12 + this_month.month - 1 - back
        month = this_month.replace(year=index // 12, month=index % 12 + 1)
        season = 0.75 if month.month in (7, 8) else 1.15 if month.month in (10, 11, 1) else 1.0
        for is_walk_in, base in ((False, appointments_per_month), (True, walk_ins_per_month)):
            for _n in range(round(base * season * rng.uniform(0.8, 1.2))):
                language = _weighted(rng, spec["languages"])
                interpreter = language != "de" and rng.random() < 0.22
                if is_walk_in:
                    outcome = Outcome.LEFT if rng.random() < 0.08 else Outcome.ATTENDED
                    days, minutes = None, min(int(rng.gammavariate(2.2, 12)) + 2, 150)
                else:
                    outcome = _weighted(
                        rng, {Outcome.ATTENDED: 78, Outcome.NO_SHOW: 12, Outcome.CANCELLED: 10}
                    )
                    days, minutes = min(int(rng.gammavariate(2.0, 4.5)) + 1, 60), None
                records.append(
                    CounsellingRecord(
                        service=service,
                        topic=_weighted(rng, topic_weights),
                        language=language,
                        month=month,
                        is_walk_in=is_walk_in,
                        needs_interpreter=interpreter,
                        outcome=outcome,
                        days_waited=days,
                        minutes_waited=minutes,
                    )
                )
    CounsellingRecord.objects.bulk_create(records)


def _appointments(service: Service, topics: list[Topic], rng: random.Random) -> None:
    """A few booked appointments in the coming weeks, under invented pseudonyms and with
    example addresses only. Made directly (the booking service would mail the people)."""
    slots = free_slots([service])[service.pk]
    if not slots:
        return
    today = centre_today()
    chosen = slots[:: max(1, len(slots) // len(PSEUDONYMS))][: len(PSEUDONYMS)]
    for number, slot in enumerate(chosen):
        counsellor = slot.counsellors[0]
        language = rng.choice(counsellor.languages or ["de"])
        topic = rng.choice(topics)
        with transaction.atomic():
            record = CounsellingRecord.objects.create(
                service=service,
                topic=topic,
                language=language,
                month=timezone.localdate(slot.starts_at).replace(day=1),
                is_walk_in=False,
                needs_interpreter=False,
                outcome=Outcome.BOOKED,
                days_waited=(timezone.localdate(slot.starts_at) - today).days,
            )
            name = PSEUDONYMS[number]
            Appointment.objects.create(
                service=service,
                topic=topic,
                counsellor=counsellor,
                office_hours_date_id=slot.office_hours_date_id,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                name=name,
                contact=f"{name.lower()}@beispiel.example",
                language=language,
                code=_sample_code(),
                token_hash=hashlib.sha256(secrets.token_bytes(24)).hexdigest(),
                record=record,
            )


def _sample_code() -> str:
    """A booking code that is not yet taken (drawn like the real ones)."""
    while True:
        code = services._new_code()
        if not Appointment.objects.filter(code=code).exists():
            return code
