"""Open roles of the sample associations and a few offers to help in every status."""

from datetime import timedelta

from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.associations.models import Association

from .models import (
    ApplicationStatus,
    LanguageLevel,
    OpenRole,
    RoleKind,
    TrainingTopic,
    VolunteerApplication,
    VolunteerProfile,
)

TOPICS = {
    "child-protection": {
        "de": "Kinderschutz",
        "en": "Child protection",
        "ar": "حماية الطفل",
        "uk": "Захист дітей",
    },
    "interpreting": {
        "de": "Dolmetschen in der Beratung",
        "en": "Interpreting in counselling",
        "ar": "الترجمة الفورية في الاستشارات",
        "uk": "Усний переклад у консультуванні",
    },
}

ROLES = [
    {
        "association": "lernwerkstatt",
        "kind": RoleKind.RECURRING,
        "places": 4,
        "languages": ["de", "ar", "uk"],
        "skills": "Geduld, Mathe bis Klasse 7",
        "topics": [],
        "title": {
            "de": "Hausaufgabenhilfe für Grundschulkinder",
            "en": "Homework help for primary school children",
            "ar": "مساعدة أطفال المرحلة الابتدائية في الواجبات المدرسية",
            "uk": "Допомога з домашніми завданнями для молодших школярів",
        },
        "when": {"de": "dienstags und donnerstags 15–17 Uhr", "en": "Tue and Thu 3–5 pm"},
        "description": {
            "de": "Kinder bei den Hausaufgaben begleiten, vorlesen, Mut machen.",
            "en": "Support children with their homework, read aloud, encourage them.",
            "ar": "مرافقة الأطفال في واجباتهم المدرسية والقراءة لهم وتشجيعهم.",
            "uk": "Допомагати дітям з домашніми завданнями, читати вголос, підбадьорювати.",
        },
    },
    {
        "association": "al-nour",
        "kind": RoleKind.RECURRING,
        "places": 3,
        "languages": ["ar", "de"],
        "skills": "Arabisch und Deutsch sicher",
        "topics": ["interpreting"],
        "title": {
            "de": "Dolmetschen Arabisch–Deutsch in der Beratung",
            "en": "Arabic–German interpreting in counselling",
            "ar": "ترجمة فورية عربي–ألماني في الاستشارات",
            "uk": "Усний переклад арабська–німецька на консультаціях",
        },
        "when": {"de": "mittwochs 10–13 Uhr", "en": "Wednesdays 10 am–1 pm"},
        "description": {
            "de": "In der Sozialberatung zwischen Ratsuchenden und Beraterinnen dolmetschen.",
            "en": "Interpret between clients and counsellors in the social counselling.",
            "ar": "الترجمة بين طالبي الاستشارة والمستشارات في الاستشارة الاجتماعية.",
            "uk": "Перекладати між відвідувачами та консультантками соціальної консультації.",
        },
    },
    {
        "association": "mosty",
        "kind": RoleKind.RECURRING,
        "places": 2,
        "languages": ["uk", "ru", "de"],
        "skills": "Erfahrung mit Kleinkindern",
        "topics": ["child-protection"],
        "title": {
            "de": "Kinderbetreuung während der Deutschkurse",
            "en": "Childcare during the German courses",
            "ar": "رعاية الأطفال أثناء دورات اللغة الألمانية",
            "uk": "Догляд за дітьми під час курсів німецької мови",
        },
        "when": {"de": "montags 9–12 Uhr", "en": "Mondays 9 am–12 noon"},
        "description": {
            "de": "Mit den Kindern der Kursteilnehmenden spielen. Vorher: Kinderschutz-Schulung.",
            "en": "Play with the children of course participants. First: child protection "
            "training.",
            "ar": "اللعب مع أطفال المشاركين في الدورة. قبل ذلك: تدريب على حماية الطفل.",
            "uk": "Гратися з дітьми учасників курсу. Спочатку: тренінг із захисту дітей.",
        },
    },
    {
        "association": "dostluk",
        "kind": RoleKind.ONE_OFF,
        "places": 5,
        "languages": ["de", "tr"],
        "skills": "Handwerk, Licht, Ton",
        "topics": [],
        "title": {
            "de": "Bühnenhilfe beim Theaterfest",
            "en": "Stage help at the theatre festival",
            "ar": "المساعدة على المسرح في مهرجان المسرح",
            "uk": "Допомога на сцені під час театрального фестивалю",
        },
        "when": {"de": "Samstag, 14–22 Uhr", "en": "Saturday, 2–10 pm"},
        "description": {
            "de": "Kulissen aufbauen, Licht und Ton betreuen, Gäste begrüßen.",
            "en": "Set up scenery, look after light and sound, welcome guests.",
            "ar": "تركيب الديكور والاهتمام بالإضاءة والصوت واستقبال الضيوف.",
            "uk": "Встановлювати декорації, стежити за світлом і звуком, зустрічати гостей.",
        },
    },
    {
        "association": "brueckenbauer",
        "kind": RoleKind.RECURRING,
        "places": 2,
        "languages": ["de", "ru"],
        "skills": "Singen oder Klavier",
        "topics": [],
        "title": {
            "de": "Begleitung im Chor",
            "en": "Accompanying the choir",
            "ar": "مرافقة الجوقة",
            "uk": "Супровід хору",
        },
        "when": {"de": "freitags 18–20 Uhr", "en": "Fridays 6–8 pm"},
        "description": {
            "de": "Den Chor am Klavier begleiten oder beim Einsingen helfen.",
            "en": "Accompany the choir on the piano or help with warm-ups.",
            "ar": "مرافقة الجوقة على البيانو أو المساعدة في التمارين.",
            "uk": "Акомпанувати хору на фортепіано або допомагати з розспівкою.",
        },
    },
    {
        "association": "miteinander",
        "kind": RoleKind.ONE_OFF,
        "places": 6,
        "languages": ["de", "fa", "ar"],
        "skills": "Kochen",
        "topics": [],
        "title": {
            "de": "Kochen beim Nachbarschaftsfest",
            "en": "Cooking at the neighbourhood festival",
            "ar": "الطبخ في مهرجان الحي",
            "uk": "Куховарство на сусідському святі",
        },
        "when": {"de": "Sonntag, 11–17 Uhr", "en": "Sunday, 11 am–5 pm"},
        "description": {
            "de": "Gemeinsam Gerichte aus vielen Ländern kochen und ausgeben.",
            "en": "Cook and serve dishes from many countries together.",
            "ar": "طبخ وتقديم أطباق من بلدان كثيرة معاً.",
            "uk": "Разом готувати й роздавати страви з багатьох країн.",
        },
    },
]

APPLICATIONS = [
    # (role index or None, name, e-mail, phone, languages, language, status)
    (0, "Samira Haddad", "samira.haddad@beispiel.example", "", ["ar", "de"], "ar", "new"),
    (1, "Yusuf Karimi", "yusuf.karimi@beispiel.example", "", ["ar", "fa", "de"], "fa", "new"),
    (2, "Iryna Bondar", "iryna.bondar@beispiel.example", "", ["uk", "ru"], "uk", "on_hold"),
    (3, "Mehmet Aydın", "", "0151 2345678", ["tr", "de"], "tr", "declined"),
    (None, "Lea Sommer", "lea.sommer@beispiel.example", "", ["de", "en"], "de", "accepted"),
    (1, "Omar Saleh", "omar.saleh@beispiel.example", "", ["ar", "de"], "ar", "accepted"),
]


def _translated(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{code}": text for code, text in texts.items()}


def _topics() -> dict[str, TrainingTopic]:
    topics = {}
    for slug, names in TOPICS.items():
        topic, _created = TrainingTopic.objects.get_or_create(
            slug=slug, defaults={"name": names["de"], **_translated("name", names)}
        )
        topics[slug] = topic
    return topics


def build_sample_roles(context) -> None:
    topics = _topics()
    associations = {
        a.slug: a for a in Association.objects.filter(slug__in=[r["association"] for r in ROLES])
    }
    roles: list[OpenRole | None] = []
    for data in ROLES:
        association = associations.get(data["association"])
        role = OpenRole.objects.filter(
            title_de=data["title"]["de"], association=association
        ).first()
        if role is None:
            role = OpenRole(association=association)
            for field, value in {
                **_translated("title", data["title"]),
                **_translated("when", data["when"]),
                **_translated("description", data["description"]),
            }.items():
                setattr(role, field, value)
            role.title = data["title"]["de"]
            role.when = data["when"]["de"]
            role.description = data["description"]["de"]
            role.kind = data["kind"]
            role.places = data["places"]
            role.languages = data["languages"]
            role.skills = data["skills"]
            role.starts_on = timezone.localdate()
            role.is_published = True
            role.save()
            role.required_topics.set([topics[slug] for slug in data["topics"]])
        roles.append(role)

    decider = User.objects.filter(role__in=["staff", "administrator"]).order_by("pk").first()
    for index, name, email, phone, languages, language, status in APPLICATIONS:
        role = roles[index] if index is not None else None
        if VolunteerApplication.objects.filter(name=name, role=role).exists():
            continue
        application = VolunteerApplication.objects.create(
            role=role,
            name=name,
            email=email,
            phone=phone,
            languages=languages,
            message="",
            language=language,
            status=status,
        )
        if status == ApplicationStatus.NEW:
            continue
        application.decided_by = decider
        application.decided_at = timezone.now() - timedelta(days=2)
        if status == ApplicationStatus.ACCEPTED:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=context.password,
                    display_name=name,
                    role="volunteer",
                    preferred_language=language,
                )
            profile, _created = VolunteerProfile.objects.get_or_create(
                user=user,
                defaults={
                    "languages": [{"code": c, "level": LanguageLevel.GOOD} for c in languages]
                },
            )
            if role is not None and role.association_id:
                profile.associations.add(role.association_id)
            application.volunteer = user
        application.save()
