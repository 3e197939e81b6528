"""A city-scale data set for the benchmark, in its own PostgreSQL database.

    python -m bench.generate            # creates the database, migrates, fills it (once)
    python -m bench.generate --reset    # drops the database and builds it again

20 associations, 10 categories, 300 rooms in 20 buildings, 5,000 published offers (texts in
German, and most in English, Arabic and Ukrainian), ~30 % co-hosted, one weekly schedule
each and a year of sessions: 52 per offer, from 26 weeks ago to 26 weeks ahead. Everything
goes in with bulk_create (no services, no signals: the data set is the point, not the
workflows), in one transaction, with a fixed random seed; a second run finds the offers
there and does nothing.
"""

import argparse
import os
import random
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402
from psycopg import sql  # noqa: E402

from teilhabe.associations.models import Association  # noqa: E402
from teilhabe.core.cache import invalidate_public_pages  # noqa: E402
from teilhabe.core.models import Centre  # noqa: E402
from teilhabe.core.recurrence import CENTRE_TZ, centre_today  # noqa: E402
from teilhabe.programme.models import (  # noqa: E402
    Category,
    Offer,
    OfferStatus,
    Schedule,
    Session,
)
from teilhabe.rooms.models import Room  # noqa: E402

SEED = 20250601
ASSOCIATIONS = 20
BUILDINGS = 20
ROOMS_PER_BUILDING = 15  # 300 rooms
OFFERS = 5_000
WEEKS_BACK = 26
WEEKS_AHEAD = 26  # 52 sessions per offer
BATCH = 2_000
SLUG_PREFIX = "bench-"
STALE_AFTER_DAYS = 60

# slug, then the name in de, en, ar, uk
CATEGORIES = [
    ("language-course", "Sprachkurs", "Language course", "دورة لغة", "Мовний курс"),
    ("counselling", "Beratung", "Counselling", "استشارة", "Консультація"),
    ("culture", "Kultur", "Culture", "ثقافة", "Культура"),
    ("sport", "Sport und Bewegung", "Sport and exercise", "رياضة وحركة", "Спорт і рух"),
    ("families", "Kinder und Familien", "Children and families", "أطفال وعائلات", "Діти та сім'ї"),
    ("women", "Frauen", "Women", "نساء", "Жінки"),
    ("education", "Bildung und Beruf", "Education and work", "تعليم وعمل", "Освіта і робота"),
    ("music-dance", "Musik und Tanz", "Music and dance", "موسيقى ورقص", "Музика і танці"),
    ("cooking", "Kochen und Essen", "Cooking and food", "طبخ وطعام", "Кулінарія"),
    ("digital", "Digitales", "Digital skills", "مهارات رقمية", "Цифрові навички"),
]

# What an offer is about, by category: de, en, ar, uk.
TOPICS = {
    "language-course": [
        ("Deutschkurs", "German course", "دورة اللغة الألمانية", "Курс німецької"),
        ("Sprachcafé", "Language café", "مقهى اللغة", "Мовне кафе"),
        ("Alphabetisierung", "Literacy class", "محو الأمية", "Курс грамотності"),
        ("Arabisch für Kinder", "Arabic for children", "العربية للأطفال", "Арабська для дітей"),
    ],
    "counselling": [
        ("Sozialberatung", "Social counselling", "استشارة اجتماعية", "Соціальна консультація"),
        ("Migrationsberatung", "Migration advice", "استشارة الهجرة", "Міграційна консультація"),
        ("Mieterberatung", "Tenancy advice", "استشارة الإيجار", "Консультація з оренди"),
        ("Schuldnerberatung", "Debt advice", "استشارة الديون", "Консультація щодо боргів"),
    ],
    "culture": [
        ("Theatergruppe", "Theatre group", "فرقة مسرح", "Театральна група"),
        ("Lesekreis", "Reading circle", "حلقة قراءة", "Читацький гурток"),
        ("Filmabend", "Film night", "أمسية سينمائية", "Кіновечір"),
        ("Kunstwerkstatt", "Art workshop", "ورشة فنية", "Мистецька майстерня"),
    ],
    "sport": [
        ("Yoga", "Yoga", "يوغا", "Йога"),
        ("Fußballtraining", "Football training", "تدريب كرة القدم", "Футбольне тренування"),
        ("Gymnastik", "Gymnastics", "جمباز", "Гімнастика"),
        ("Schwimmkurs", "Swimming course", "دورة سباحة", "Курс плавання"),
    ],
    "families": [
        ("Elterncafé", "Parents' café", "مقهى الأهل", "Кафе для батьків"),
        ("Krabbelgruppe", "Toddler group", "مجموعة الأطفال الصغار", "Група для малюків"),
        ("Hausaufgabenhilfe", "Homework help", "مساعدة في الواجبات", "Допомога з домашніми"),
        ("Familienfrühstück", "Family breakfast", "فطور عائلي", "Сімейний сніданок"),
    ],
    "women": [
        ("Frauencafé", "Women's café", "مقهى النساء", "Жіноче кафе"),
        ("Nähwerkstatt", "Sewing workshop", "ورشة خياطة", "Швейна майстерня"),
        ("Selbstverteidigung", "Self-defence", "الدفاع عن النفس", "Самооборона"),
        ("Frauenschwimmen", "Women's swimming", "سباحة للنساء", "Жіноче плавання"),
    ],
    "education": [
        ("Bewerbungstraining", "Job application training", "تدريب على التقديم", "Тренінг резюме"),
        (
            "Anerkennung von Abschlüssen",
            "Recognition of degrees",
            "معادلة الشهادات",
            "Визнання дипломів",
        ),
        (
            "Nachhilfe Mathematik",
            "Maths tutoring",
            "دروس تقوية في الرياضيات",
            "Репетитор з математики",
        ),
        ("Berufsorientierung", "Career guidance", "توجيه مهني", "Профорієнтація"),
    ],
    "music-dance": [
        ("Chor", "Choir", "جوقة", "Хор"),
        ("Trommelgruppe", "Drumming group", "مجموعة الطبول", "Група барабанщиків"),
        ("Volkstanz", "Folk dance", "رقص شعبي", "Народні танці"),
        ("Gitarrenunterricht", "Guitar lessons", "دروس الغيتار", "Уроки гітари"),
    ],
    "cooking": [
        ("Kochabend", "Cooking evening", "أمسية طبخ", "Кулінарний вечір"),
        ("Backen mit Kindern", "Baking with children", "الخبز مع الأطفال", "Випічка з дітьми"),
        (
            "Interkulturelles Buffet",
            "Intercultural buffet",
            "بوفيه متعدد الثقافات",
            "Міжкультурний фуршет",
        ),
        ("Suppenküche", "Soup kitchen", "مطبخ الحساء", "Суповий обід"),
    ],
    "digital": [
        ("Computerkurs", "Computer course", "دورة حاسوب", "Комп'ютерний курс"),
        (
            "Smartphone-Sprechstunde",
            "Smartphone help desk",
            "مساعدة الهاتف الذكي",
            "Допомога зі смартфоном",
        ),
        (
            "Online-Behördengänge",
            "Online public services",
            "الخدمات الحكومية عبر الإنترنت",
            "Онлайн-послуги",
        ),
        (
            "Programmieren für Jugendliche",
            "Coding for teens",
            "البرمجة للشباب",
            "Програмування для підлітків",
        ),
    ],
}
AUDIENCES = [
    ("für Anfängerinnen und Anfänger", "for beginners", "للمبتدئين", "для початківців"),
    ("für Fortgeschrittene", "for advanced learners", "للمتقدمين", "для досвідчених"),
    ("für Neuangekommene", "for newcomers", "للقادمين الجدد", "для новоприбулих"),
    ("für Seniorinnen und Senioren", "for older people", "لكبار السن", "для людей похилого віку"),
    ("für Jugendliche", "for young people", "للشباب", "для молоді"),
    ("für alle", "for everyone", "للجميع", "для всіх"),
]
PLACES = [
    ("im Nordviertel", "in the north quarter", "في الحي الشمالي", "у північному кварталі"),
    ("am Hafen", "by the harbour", "قرب الميناء", "біля порту"),
    ("in der Altstadt", "in the old town", "في البلدة القديمة", "у старому місті"),
    ("im Südpark", "in South Park", "في الحديقة الجنوبية", "у Південному парку"),
    ("am Marktplatz", "at the market square", "في ساحة السوق", "на ринковій площі"),
]
TEXT_LANGUAGES = ("de", "en", "ar", "uk")
SPOKEN = ["de", "en", "ar", "uk", "ru", "tr", "fa", "ku", "fr", "ro"]
TIMES = [time(h, m) for h in range(9, 21) for m in (0, 30)]


def database_url_parts() -> dict:
    db = settings.DATABASES["default"]
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
        "dbname": db["NAME"],
    }


def ensure_database(*, reset: bool) -> None:
    """Create the benchmark database if it is missing (and drop it first with --reset)."""
    if not settings.IS_POSTGRES:
        sys.exit("The benchmark needs PostgreSQL: set BENCH_DATABASE_URL=postgres://…")
    parts = database_url_parts()
    name = parts.pop("dbname")
    with psycopg.connect(**parts, dbname="postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reset:
            print(f"Dropping database {name} …")
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            print(f"Creating database {name} …")
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def texts(rng: random.Random, topic, audience, place, number: int) -> dict:
    """Title, summary and description in the four text languages; English, Arabic and
    Ukrainian are missing for some offers, so the catalogue shows its German fallback."""
    values = {}
    present = {"de": True, "en": rng.random() < 0.8, "ar": rng.random() < 0.5}
    present["uk"] = rng.random() < 0.5
    for index, code in enumerate(TEXT_LANGUAGES):
        if not present[code]:
            continue
        title = f"{topic[index]} {audience[index]} {place[index]}"
        if code == "de":
            summary = f"{topic[0]} {audience[0]}, Gruppe {number}: offen, kostenlos oder günstig."
            description = (
                f"Wir treffen uns jede Woche {place[0]}. {topic[0]} {audience[0]} – "
                f"bitte bringen Sie gute Laune mit. Gruppe {number}."
            )
        elif code == "en":
            summary = f"{topic[1]} {audience[1]}, group {number}: open to all."
            description = f"We meet every week {place[1]}. Group {number}, all welcome."
        elif code == "ar":
            summary = f"{topic[2]} {audience[2]}، المجموعة {number}"
            description = f"نلتقي كل أسبوع {place[2]}. المجموعة {number}."
        else:
            summary = f"{topic[3]} {audience[3]}, група {number}"
            description = f"Зустрічаємося щотижня {place[3]}. Група {number}."
        values[f"title_{code}"] = title[:200]
        values[f"summary_{code}"] = summary[:300]
        values[f"description_{code}"] = description
        # Rendered once at save in the application; stored here the same way.
        values[f"description_html_{code}"] = f"<p>{description}</p>"
    return values


def build_associations(rng: random.Random) -> list[Association]:
    words = ["Brücke", "Nachbarn", "Zukunft", "Miteinander", "Heimat", "Begegnung", "Vielfalt"]
    origins = ["SY", "UA", "TR", "AF", "IQ", "ER", "RU", "PL", "RO", "VN", "IR", "ER"]
    associations = []
    for n in range(1, ASSOCIATIONS + 1):
        word = words[n % len(words)]
        associations.append(
            Association(
                name=f"{word} {n} e. V.",
                slug=f"{SLUG_PREFIX}verein-{n}",
                short_description_de=f"Verein {word} {n}: Beratung, Kurse und Begegnung.",
                short_description_en=f"Association {word} {n}: advice, courses and meeting.",
                is_migrant_organisation=rng.random() < 0.7,
                languages=rng.sample(SPOKEN, rng.randint(1, 4)),
                countries_of_origin=sorted(set(rng.sample(origins, rng.randint(1, 3)))),
                founding_year=rng.randint(1975, 2023),
                contact_email=f"kontakt@verein-{n}.example",
            )
        )
    return Association.objects.bulk_create(associations)


def build_rooms(rng: random.Random) -> list[Room]:
    rooms = []
    for house in range(1, BUILDINGS + 1):
        for number in range(1, ROOMS_PER_BUILDING + 1):
            rooms.append(
                Room(
                    name_de=f"Haus {house} – Raum {number}",
                    name_en=f"House {house} – Room {number}",
                    floor=(number - 1) // 5,
                    area_m2=Decimal(rng.randint(15, 180)),
                    capacity=rng.randint(4, 120),
                    is_step_free=rng.random() < 0.7,
                )
            )
    return Room.objects.bulk_create(rooms, batch_size=BATCH)


def offer_fields(rng: random.Random, n: int, category_slug: str) -> dict:
    topic = rng.choice(TOPICS[category_slug])
    audience = rng.choice(AUDIENCES)
    place = rng.choice(PLACES)
    fields = texts(rng, topic, audience, place, n)
    languages = rng.sample(SPOKEN, rng.randint(1, 3))
    if "de" not in languages and rng.random() < 0.7:
        languages.insert(0, "de")
    cost = rng.choices(["free", "paid", "reduced"], weights=[60, 25, 15])[0]
    price = Decimal(rng.randint(2, 60)) if cost != "free" else None
    mode = rng.choices(["none", "open", "required"], weights=[50, 30, 20])[0]
    ages = rng.choices([(None, None), (6, 12), (13, 17), (18, None)], weights=[50, 20, 10, 20])[0]
    fields.update(
        slug=f"{SLUG_PREFIX}angebot-{n}",
        languages=languages,
        age_min=ages[0],
        age_max=ages[1],
        is_women_only=category_slug == "women" or rng.random() < 0.03,
        is_for_families=category_slug == "families" or rng.random() < 0.1,
        is_for_children=ages == (6, 12),
        cost_kind=cost,
        price=price,
        reduced_price=(price / 2).quantize(Decimal("0.01")) if cost == "reduced" else None,
        is_step_free=rng.random() < 0.6,
        has_childcare=rng.random() < 0.2,
        registration_mode=mode,
        registration_scope=rng.choice(["offer", "session"]),
        capacity=rng.randint(6, 40) if mode != "none" else None,
        contact_name=f"Kontakt {n}",
        contact_email=f"angebot-{n}@verein.example",
        status=OfferStatus.PUBLISHED,
    )
    return fields


def build_offers(rng, categories, associations) -> list[Offer]:
    offers = []
    for n in range(1, OFFERS + 1):
        category = rng.choice(categories)
        offers.append(
            Offer(
                category=category,
                lead_association=rng.choice(associations),
                **offer_fields(rng, n, category.slug),
            )
        )
    offers = Offer.objects.bulk_create(offers, batch_size=BATCH)
    through = Offer.co_hosts.through
    links = []
    for offer in offers:
        if rng.random() < 0.3:
            others = [a for a in associations if a.pk != offer.lead_association_id]
            for host in rng.sample(others, rng.choice([1, 1, 2])):
                links.append(through(offer_id=offer.pk, association_id=host.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    return offers


def build_schedules(rng, offers, rooms, first_monday: date) -> list[Schedule]:
    schedules = []
    for offer in offers:
        weekday = rng.choices(range(7), weights=[16, 16, 16, 16, 16, 12, 8])[0]
        start = rng.choice(TIMES)
        minutes = rng.choice([60, 90, 120])
        end = (datetime.combine(date.min, start) + timedelta(minutes=minutes)).time()
        schedules.append(
            Schedule(
                offer=offer,
                starts_on=first_monday + timedelta(days=weekday),
                start_time=start,
                end_time=end,
                weekdays=[weekday],
                interval_weeks=1,
                count=WEEKS_BACK + WEEKS_AHEAD,
                room=rng.choice(rooms),
            )
        )
    return Schedule.objects.bulk_create(schedules, batch_size=BATCH)


def build_sessions(rng, schedules) -> int:
    """Week by week, as materialisation over the months would have written them."""
    total = 0
    for week in range(WEEKS_BACK + WEEKS_AHEAD):
        batch = []
        for schedule in schedules:
            day = schedule.starts_on + timedelta(weeks=week)
            batch.append(
                Session(
                    offer_id=schedule.offer_id,
                    schedule=schedule,
                    rule_day=day,
                    starts_at=datetime.combine(day, schedule.start_time, tzinfo=CENTRE_TZ),
                    ends_at=datetime.combine(day, schedule.end_time, tzinfo=CENTRE_TZ),
                    room_id=schedule.room_id,
                    is_cancelled=rng.random() < 0.02,
                )
            )
        Session.objects.bulk_create(batch, batch_size=BATCH)
        total += len(batch)
    return total


def generate() -> None:
    rng = random.Random(SEED)
    today = centre_today()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS_BACK)
    steps = []

    def step(label, started):
        steps.append((label, clock.perf_counter() - started))
        print(f"  {label:<28} {steps[-1][1]:6.1f} s", flush=True)

    with transaction.atomic():
        started = clock.perf_counter()
        Centre(
            name="Teilhabe – Benchmark",
            city="Großstadt",
            tagline_de=f"Benchmark-Datensatz vom {today.isoformat()}",
        ).save()
        categories = Category.objects.bulk_create(
            [
                Category(
                    slug=slug,
                    name_de=de,
                    name_en=en,
                    name_ar=ar,
                    name_uk=uk,
                    position=position,
                )
                for position, (slug, de, en, ar, uk) in enumerate(CATEGORIES)
            ]
        )
        associations = build_associations(rng)
        rooms = build_rooms(rng)
        step(f"{len(associations)} associations, {len(rooms)} rooms", started)
        started = clock.perf_counter()
        offers = build_offers(rng, categories, associations)
        step(f"{len(offers):,} offers", started)
        started = clock.perf_counter()
        schedules = build_schedules(rng, offers, rooms, first_monday)
        step(f"{len(schedules):,} schedules", started)
        started = clock.perf_counter()
        count = build_sessions(rng, schedules)
        step(f"{count:,} sessions", started)
    started = clock.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("VACUUM ANALYZE", started)


def data_set_age_days() -> int | None:
    """Days since the data set was made (the date is in the centre's tagline)."""
    centre = Centre.objects.filter(pk=1).first()
    stamp = (centre.tagline_de or "").rsplit(" ", 1)[-1] if centre else ""
    try:
        return (centre_today() - date.fromisoformat(stamp)).days
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reset", action="store_true", help="drop the database and rebuild")
    args = parser.parse_args()

    began = clock.perf_counter()
    ensure_database(reset=args.reset)
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as error:
        sys.exit(
            f"{error}\nThe data set's schema does not fit the migrations any more (were they "
            "renamed?): rebuild it with `python -m bench.generate --reset`."
        )
    print(
        f"Migrated {settings.DATABASES['default']['NAME']} in {clock.perf_counter() - began:.1f} s"
    )

    present = Offer.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if present == OFFERS:
        print(f"The data set is there ({present:,} offers, {Session.objects.count():,} sessions).")
        age = data_set_age_days()
        if age is not None and age > STALE_AFTER_DAYS:
            print(
                f"It was made {age} days ago, so fewer of its sessions lie ahead: "
                "`python -m bench.generate --reset` builds it afresh."
            )
        return
    if present:
        sys.exit(
            f"The data set is incomplete ({present:,} of {OFFERS:,} offers): "
            "run `python -m bench.generate --reset`."
        )
    print("Generating the city-scale data set (fixed seed) …")
    generate()
    invalidate_public_pages()
    print(f"Done in {clock.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
