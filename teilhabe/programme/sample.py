"""The joint programme of the sample house: ten categories and about sixty invented offers of
the six associations, with weekly schedules, a few one-off events, exceptions and the
Christmas closure. Every name, person and event here is invented.

Runs after the rooms' sample (INSTALLED_APPS order). A second run changes nothing: offers are
looked up by slug and left as they are; schedules and exceptions are only written together
with a newly created offer."""

from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from teilhabe.associations.models import Association
from teilhabe.associations.sample import ASSOCIATIONS
from teilhabe.core.recurrence import centre_today
from teilhabe.rooms.models import Closure, Room

from . import services
from .models import (
    Category,
    CostKind,
    ExceptionKind,
    Offer,
    OfferStatus,
    RegistrationMode,
    RegistrationScope,
    Schedule,
    ScheduleException,
)

LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr", "fa")
MO, TU, WE, TH, FR, SA, SU = range(7)

# slug: name in de, en, ar, uk, ru, tr, fa
CATEGORIES = [
    (
        "counselling",
        (
            "Beratung",
            "Counselling",
            "استشارات",
            "Консультації",
            "Консультации",
            "Danışmanlık",
            "مشاوره",
        ),
    ),
    (
        "language-course",
        (
            "Sprachkurse",
            "Language courses",
            "دورات لغة",
            "Мовні курси",
            "Языковые курсы",
            "Dil kursları",
            "کلاس‌های زبان",
        ),
    ),
    (
        "integration-course",
        (
            "Integrationskurse",
            "Integration courses",
            "دورات الاندماج",
            "Інтеграційні курси",
            "Интеграционные курсы",
            "Uyum kursları",
            "دوره‌های ادغام",
        ),
    ),
    (
        "culture",
        ("Kultur", "Culture", "ثقافة", "Культура", "Культура", "Kültür", "فرهنگ"),
    ),
    (
        "homework-help",
        (
            "Hausaufgabenhilfe",
            "Homework help",
            "المساعدة في الواجبات المدرسية",
            "Допомога з домашніми завданнями",
            "Помощь с домашними заданиями",
            "Ödev yardımı",
            "کمک در تکالیف مدرسه",
        ),
    ),
    (
        "childcare",
        (
            "Kinderbetreuung",
            "Childcare",
            "رعاية الأطفال",
            "Догляд за дітьми",
            "Присмотр за детьми",
            "Çocuk bakımı",
            "نگهداری از کودکان",
        ),
    ),
    (
        "theatre",
        ("Theater", "Theatre", "مسرح", "Театр", "Театр", "Tiyatro", "تئاتر"),
    ),
    (
        "sport",
        (
            "Aerobic und Bewegung",
            "Aerobics and movement",
            "الأيروبيك والحركة",
            "Аеробіка та рух",
            "Аэробика и движение",
            "Aerobik ve hareket",
            "ایروبیک و ورزش",
        ),
    ),
    (
        "music",
        ("Musik", "Music", "موسيقى", "Музика", "Музыка", "Müzik", "موسیقی"),
    ),
    (
        "womens-club",
        (
            "Frauenclub",
            "Women's club",
            "نادي النساء",
            "Жіночий клуб",
            "Женский клуб",
            "Kadın kulübü",
            "باشگاه زنان",
        ),
    ),
]


@dataclass(frozen=True)
class Slot:
    """Where and when: a weekly rule, or (with `on`) one named date, see `_event_dates`."""

    room: str
    start: str
    end: str
    weekdays: tuple[int, ...] = ()
    every: int = 1
    on: str = ""


def weekly(room, weekdays, start, end, every=1) -> Slot:
    return Slot(room, start, end, tuple(weekdays), every)


def once(room, on, start, end) -> Slot:
    return Slot(room, start, end, on=on)


@dataclass(frozen=True)
class Entry:
    slug: str
    category: str
    lead: str
    texts: dict  # language: (title, summary); de, en, ar and uk always
    description: tuple[str, str]  # Markdown in de and en
    languages: tuple[str, ...]
    slots: tuple[Slot, ...]
    co: tuple[str, ...] = ()
    age: tuple[int | None, int | None] = (None, None)
    women: bool = False
    families: bool = False
    children: bool = False
    cost: tuple = ()  # () free; (price,) fee; (price, reduced) fee with reduced rate
    registration: tuple = ()  # () none; (mode, places[, scope])
    childcare: bool = False  # childcare in the children's room at the same time
    needs: tuple[str, ...] = ()  # equipment slugs every room of the offer must have
    contact: str = "admin"  # which person of the lead association answers
    status: str = OfferStatus.PUBLISHED
    since: str = ""  # a named first date instead of the common start (archived courses)
    count: int | None = None


REQ, OPEN = RegistrationMode.REQUIRED, RegistrationMode.OPEN
PER_DATE = RegistrationScope.SESSION

PROGRAMME = [
    # --- integration courses ---------------------------------------------------------------
    Entry(
        slug="integrationskurs-vormittag",
        category="integration-course",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Integrationskurs am Vormittag mit Kinderbetreuung",
                "Deutsch bis B1 und Orientierungskurs in 700 Unterrichtsstunden – vier Vormittage pro Woche, Ihre Kinder werden nebenan betreut.",
            ),
            "en": (
                "Morning integration course with childcare",
                "German up to B1 plus the orientation course in 700 lessons – four mornings a week, with your children looked after next door.",
            ),
            "ar": (
                "دورة الاندماج الصباحية مع رعاية الأطفال",
                "اللغة الألمانية حتى المستوى B1 ودورة التوجيه في 700 حصة دراسية – أربعة أيام صباحاً في الأسبوع، ويُعتنى بأطفالك في الغرفة المجاورة.",
            ),
            "uk": (
                "Інтеграційний курс уранці з доглядом за дітьми",
                "Німецька до рівня B1 та орієнтаційний курс – 700 навчальних годин, чотири ранки на тиждень; ваші діти тим часом під наглядом у сусідній кімнаті.",
            ),
            "ru": (
                "Интеграционный курс по утрам с присмотром за детьми",
                "Немецкий до уровня B1 и ориентационный курс – 700 учебных часов, четыре утра в неделю; за вашими детьми тем временем присмотрят в соседней комнате.",
            ),
            "fa": (
                "دورهٔ ادغام صبحگاهی با نگهداری از کودکان",
                "زبان آلمانی تا سطح B1 و دورهٔ آشنایی با جامعه در ۷۰۰ ساعت درسی – چهار صبح در هفته؛ در این مدت از کودکان شما در اتاق کناری نگهداری می‌شود.",
            ),
        },
        description=(
            "Der allgemeine Integrationskurs besteht aus dem **Sprachkurs** (600 Unterrichtsstunden) und dem **Orientierungskurs** (100 Unterrichtsstunden) zu Geschichte, Politik und Alltag in Deutschland. Am Ende stehen der *Deutsch-Test für Zuwanderer* und der Test *Leben in Deutschland*.\n\nWer vom Bundesamt für Migration und Flüchtlinge (BAMF) zum Kurs berechtigt oder verpflichtet ist, nimmt in der Regel kostenfrei teil. Wir helfen beim Antrag.",
            "The general integration course consists of the **language course** (600 lessons) and the **orientation course** (100 lessons) on history, politics and everyday life in Germany. It ends with the *German test for immigrants* and the *Life in Germany* test.\n\nIf the Federal Office for Migration and Refugees (BAMF) has entitled or obliged you to take the course, you usually take part free of charge. We help with the application.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum A", (MO, TU, WE, TH), "08:30", "12:00"),),
        age=(16, None),
        registration=(REQ, 20),
        childcare=True,
        needs=("whiteboard",),
    ),
    Entry(
        slug="frauenintegrationskurs",
        category="integration-course",
        lead="lernwerkstatt",
        co=("al-nour",),
        texts={
            "de": (
                "Frauenintegrationskurs mit Kinderbetreuung",
                "Integrationskurs nur für Frauen, mit Kursleiterinnen und viel Zeit für Fragen aus dem Alltag – Ihre Kinder spielen derweil im Kinderraum.",
            ),
            "en": (
                "Integration course for women with childcare",
                "Integration course for women only, with female teachers and plenty of time for everyday questions – your children play in the children's room meanwhile.",
            ),
            "ar": (
                "دورة اندماج للنساء مع رعاية الأطفال",
                "دورة اندماج للنساء فقط، مع معلّمات ووقت كافٍ لأسئلة الحياة اليومية – وفي هذه الأثناء يلعب أطفالك في غرفة الأطفال.",
            ),
            "uk": (
                "Інтеграційний курс для жінок із доглядом за дітьми",
                "Інтеграційний курс лише для жінок, із викладачками та з часом для щоденних питань – тим часом ваші діти граються в дитячій кімнаті.",
            ),
            "ru": (
                "Интеграционный курс для женщин с присмотром за детьми",
                "Интеграционный курс только для женщин, с преподавательницами и временем для вопросов из повседневной жизни – тем временем ваши дети играют в детской комнате.",
            ),
            "fa": (
                "دورهٔ ادغام ویژهٔ زنان با نگهداری از کودکان",
                "دورهٔ ادغام فقط برای زنان، با مربیان زن و فرصت کافی برای پرسش‌های زندگی روزمره – در این مدت کودکان شما در اتاق کودک بازی می‌کنند.",
            ),
        },
        description=(
            "Der Frauenintegrationskurs umfasst 1.000 Unterrichtsstunden und lässt mehr Zeit als der allgemeine Kurs. Neben Deutsch geht es um Themen wie Kita und Schule, Gesundheit, Arbeit und Nachbarschaft.\n\nDer Kurs findet in einem Raum nur für Frauen statt. Das Frauenteam von Al-Nour begleitet den Kurs und übersetzt bei Bedarf ins Arabische.",
            "The integration course for women comprises 1,000 lessons and leaves more time than the general course. Besides German, it covers topics such as daycare and school, health, work and neighbourhood.\n\nThe course takes place in a room for women only. The Al-Nour women's team accompanies the course and translates into Arabic when needed.",
        ),
        languages=("de", "ar"),
        slots=(weekly("Seminarraum B", (MO, TU, WE, TH), "08:30", "12:00"),),
        age=(16, None),
        women=True,
        registration=(REQ, 18),
        childcare=True,
        contact="member",
    ),
    Entry(
        slug="alphabetisierungskurs",
        category="integration-course",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Integrationskurs mit Alphabetisierung",
                "Lesen und Schreiben in lateinischer Schrift lernen und dabei Deutsch sprechen – in kleiner Gruppe und im eigenen Tempo.",
            ),
            "en": (
                "Integration course with literacy training",
                "Learn to read and write in the Latin alphabet while learning to speak German – in a small group and at your own pace.",
            ),
            "ar": (
                "دورة اندماج مع تعليم القراءة والكتابة",
                "تعلّم القراءة والكتابة بالحروف اللاتينية مع تعلّم التحدث بالألمانية – في مجموعة صغيرة وبالوتيرة التي تناسبك.",
            ),
            "uk": (
                "Інтеграційний курс із навчанням грамоти",
                "Навчитися читати й писати латинкою та водночас говорити німецькою – у невеликій групі й у власному темпі.",
            ),
            "fa": (
                "دورهٔ ادغام همراه با سوادآموزی",
                "خواندن و نوشتن با خط لاتین را یاد بگیرید و هم‌زمان آلمانی صحبت کنید – در گروهی کوچک و با سرعت خودتان.",
            ),
        },
        description=(
            "Für Menschen, die nie oder nur kurz zur Schule gegangen sind oder eine andere Schrift gelernt haben. Wir arbeiten mit Bildern, Bewegung und vielen Wiederholungen.\n\n- kleine Gruppe mit höchstens 12 Teilnehmenden\n- Unterstützung auf Arabisch und Persisch\n- Kinderbetreuung im Haus",
            "For people who never or only briefly went to school, or who learned a different script. We work with pictures, movement and lots of repetition.\n\n- small group of at most 12 participants\n- support in Arabic and Persian\n- childcare in the house",
        ),
        languages=("de", "ar", "fa"),
        slots=(weekly("Seminarraum C", (TU, TH), "09:00", "11:30"),),
        age=(16, None),
        registration=(REQ, 12),
        childcare=True,
    ),
    Entry(
        slug="leben-in-deutschland-test",
        category="integration-course",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Vorbereitung auf den Test „Leben in Deutschland“",
                "Politik, Geschichte und Gesellschaft verständlich erklärt – mit Übungsfragen für den Test und für den Einbürgerungstest.",
            ),
            "en": (
                "Preparing for the “Life in Germany” test",
                "Politics, history and society explained clearly – with practice questions for the test and for the naturalisation test.",
            ),
            "ar": (
                "التحضير لاختبار „الحياة في ألمانيا“",
                "السياسة والتاريخ والمجتمع بشرح مبسّط – مع أسئلة تدريبية للاختبار ولاختبار التجنّس.",
            ),
            "uk": (
                "Підготовка до тесту «Життя в Німеччині»",
                "Політика, історія та суспільство простими словами – з тренувальними питаннями до тесту й до тесту на громадянство.",
            ),
            "fa": (
                "آمادگی برای آزمون «زندگی در آلمان»",
                "سیاست، تاریخ و جامعه به زبان ساده – همراه با پرسش‌های تمرینی برای این آزمون و آزمون تابعیت.",
            ),
        },
        description=(
            "Wir gehen die Themen des Orientierungskurses durch: Grundgesetz, Wahlen, Föderalismus, Geschichte, Religionsfreiheit und Zusammenleben. Jede Woche üben wir mit Fragen aus dem offiziellen Fragenkatalog.\n\nDer Kurs läuft fortlaufend, ein Einstieg ist jederzeit möglich. Die Teilnahme ist kostenlos; bitte melden Sie sich an, weil die Plätze begrenzt sind.",
            "We go through the topics of the orientation course: the Basic Law, elections, federalism, history, freedom of religion and living together. Each week we practise with questions from the official catalogue.\n\nThe course runs continuously; you can join at any time. Taking part is free; please register, as places are limited.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum C", (FR,), "09:30", "12:00"),),
        age=(16, None),
        registration=(REQ, 16),
        childcare=True,
        contact="member",
    ),
    Entry(
        slug="computerkurs-digital-im-alltag",
        category="integration-course",
        lead="miteinander",
        co=("lernwerkstatt",),
        texts={
            "de": (
                "Computerkurs: Digital im Alltag",
                "E-Mails schreiben, Termine online buchen, Formulare der Behörden ausfüllen und sicher im Internet bezahlen – Schritt für Schritt am eigenen Platz.",
            ),
            "en": (
                "Computer course: digital everyday life",
                "Writing e-mails, booking appointments online, filling in official forms and paying safely on the internet – step by step at your own workstation.",
            ),
            "ar": (
                "دورة حاسوب: الحياة اليومية الرقمية",
                "كتابة رسائل البريد الإلكتروني، وحجز المواعيد عبر الإنترنت، وتعبئة استمارات الدوائر الرسمية، والدفع الآمن عبر الإنترنت – خطوة بخطوة على جهازك الخاص.",
            ),
            "uk": (
                "Комп'ютерний курс: цифрові навички для щоденного життя",
                "Писати електронні листи, записуватися на прийом онлайн, заповнювати форми установ і безпечно платити в інтернеті – крок за кроком на власному робочому місці.",
            ),
            "ru": (
                "Компьютерный курс: цифровые навыки для повседневной жизни",
                "Писать электронные письма, записываться на приём онлайн, заполнять формы ведомств и безопасно платить в интернете – шаг за шагом на собственном рабочем месте.",
            ),
        },
        description=(
            "Der Kurs richtet sich an Erwachsene, die wenig Erfahrung mit Computer und Smartphone haben. Wir üben mit echten Beispielen aus dem Alltag in Deutschland:\n\n- ein E-Mail-Konto einrichten und nutzen\n- Termine beim Bürgeramt online vereinbaren\n- die Online-Portale der Agentur für Arbeit und der Ausländerbehörde\n- sichere Passwörter und Schutz vor Betrug\n\nEigenes Smartphone gern mitbringen.",
            "The course is for adults with little experience of computers and smartphones. We practise with real examples from everyday life in Germany:\n\n- setting up and using an e-mail account\n- booking appointments at the citizens' office online\n- the online portals of the employment agency and the immigration office\n- safe passwords and protection against fraud\n\nFeel free to bring your own smartphone.",
        ),
        languages=("de", "en"),
        slots=(weekly("Computerraum", (MO, WE), "17:00", "19:00"),),
        age=(18, None),
        registration=(REQ, 12),
        needs=("computers",),
        contact="member",
    ),
    Entry(
        slug="erstorientierung-ankommen",
        category="integration-course",
        lead="mosty",
        texts={
            "de": (
                "Erstorientierung: Ankommen in Erfurt",
                "Wohnung, Jobcenter, Krankenversicherung, Schule: Was in den ersten Monaten wichtig ist – erklärt auf Ukrainisch und Russisch.",
            ),
            "en": (
                "First orientation: arriving in Erfurt",
                "Housing, job centre, health insurance, school: what matters in the first months – explained in Ukrainian and Russian.",
            ),
            "ar": (
                "التوجيه الأوّلي: الوصول إلى إرفورت",
                "السكن ومركز العمل والتأمين الصحي والمدرسة: ما هو مهم في الأشهر الأولى – بالشرح باللغتين الأوكرانية والروسية.",
            ),
            "uk": (
                "Перша орієнтація: як облаштуватися в Ерфурті",
                "Житло, джобцентр, медичне страхування, школа: що важливо в перші місяці – пояснюємо українською та російською.",
            ),
            "ru": (
                "Первичная ориентация: как обустроиться в Эрфурте",
                "Жильё, джобцентр, медицинская страховка, школа: что важно в первые месяцы – объясняем на украинском и русском.",
            ),
        },
        description=(
            "Jede Woche ein Thema, das für Neuangekommene wichtig ist: Anmeldung beim Bürgeramt, Aufenthaltstitel, Jobcenter, Krankenversicherung, Kita und Schule, Mietvertrag, Mülltrennung. Eine Fachkraft erklärt, danach ist Zeit für Fragen.\n\nDie Termine bauen nicht aufeinander auf – Sie können jederzeit dazukommen.",
            "Each week a topic that matters for newcomers: registering at the citizens' office, residence permits, job centre, health insurance, daycare and school, tenancy agreements, waste separation. A specialist explains, then there is time for questions.\n\nThe sessions do not build on one another – you can join at any time.",
        ),
        languages=("uk", "ru", "de"),
        slots=(weekly("Seminarraum B", (FR,), "09:30", "11:30"),),
        age=(16, None),
        registration=(OPEN, 20),
        childcare=True,
        contact="member",
    ),
    # --- language courses ------------------------------------------------------------------
    Entry(
        slug="deutschkurs-a1-vormittag",
        category="language-course",
        lead="miteinander",
        texts={
            "de": (
                "Deutschkurs A1 am Vormittag",
                "Für alle, die ohne Vorkenntnisse anfangen oder noch auf einen Platz im Integrationskurs warten – zweimal pro Woche, mit Kinderbetreuung.",
            ),
            "en": (
                "German course A1 in the morning",
                "For everyone starting from scratch or still waiting for a place in an integration course – twice a week, with childcare.",
            ),
            "ar": (
                "دورة اللغة الألمانية A1 صباحاً",
                "لكل من يبدأ من الصفر أو ما زال ينتظر مقعداً في دورة الاندماج – مرتين في الأسبوع، مع رعاية الأطفال.",
            ),
            "uk": (
                "Курс німецької A1 уранці",
                "Для всіх, хто починає з нуля або ще чекає на місце в інтеграційному курсі – двічі на тиждень, з доглядом за дітьми.",
            ),
            "ru": (
                "Курс немецкого A1 по утрам",
                "Для всех, кто начинает с нуля или ещё ждёт места на интеграционном курсе – два раза в неделю, с присмотром за детьми.",
            ),
            "tr": (
                "Sabah A1 Almanca kursu",
                "Sıfırdan başlayan ya da hâlâ uyum kursunda yer bekleyen herkes için – haftada iki kez, çocuk bakımı ile.",
            ),
        },
        description=(
            "Ehrenamtliche Lehrkräfte von Miteinander Erfurt unterrichten nach dem Lehrwerk *Schritte plus Neu*. Wir üben vor allem Sprechen und Verstehen: sich vorstellen, einkaufen, beim Arzt, Termine vereinbaren.\n\nDer Kurs ist kostenlos. Bitte melden Sie sich an, damit wir genug Material vorbereiten können.",
            "Volunteer teachers from Miteinander Erfurt teach with the textbook *Schritte plus Neu*. We mainly practise speaking and understanding: introducing yourself, shopping, at the doctor's, making appointments.\n\nThe course is free. Please register so that we can prepare enough material.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum C", (MO, WE), "09:00", "11:30"),),
        age=(16, None),
        registration=(REQ, 16),
        childcare=True,
    ),
    Entry(
        slug="deutschkurs-a2-abend",
        category="language-course",
        lead="miteinander",
        texts={
            "de": (
                "Deutschkurs A2 am Abend",
                "Für Berufstätige und alle, die tagsüber keine Zeit haben: Grundkenntnisse festigen und sicherer sprechen, zweimal pro Woche nach Feierabend.",
            ),
            "en": (
                "German course A2 in the evening",
                "For working people and everyone who has no time during the day: consolidate the basics and speak more confidently, twice a week after work.",
            ),
            "ar": (
                "دورة اللغة الألمانية A2 مساءً",
                "للعاملين ولكل من لا يجد وقتاً خلال النهار: تثبيت المعارف الأساسية والتحدث بثقة أكبر، مرتين في الأسبوع بعد الدوام.",
            ),
            "uk": (
                "Курс німецької A2 увечері",
                "Для працівників і всіх, хто не має часу вдень: закріпити базові знання й упевненіше говорити, двічі на тиждень після роботи.",
            ),
        },
        description=(
            "Voraussetzung sind Kenntnisse auf Niveau A1. Im Mittelpunkt stehen Gespräche am Arbeitsplatz, Telefonieren und einfache Briefe.\n\nDer Kursbeitrag von 40 € gilt für das ganze Semester; mit Sozialpass, Bürgergeld oder Leistungen nach dem Asylbewerberleistungsgesetz zahlen Sie 20 €.",
            "You need A1-level knowledge. The focus is on conversations at work, phone calls and simple letters.\n\nThe course fee of €40 covers the whole semester; with a social pass, citizen's income or asylum seekers' benefits you pay €20.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum B", (TU, TH), "18:00", "19:30"),),
        age=(16, None),
        cost=("40.00", "20.00"),
        registration=(REQ, 18),
        contact="member",
    ),
    Entry(
        slug="deutschkurs-b1-abend",
        category="language-course",
        lead="miteinander",
        texts={
            "de": (
                "Deutschkurs B1 am Abend mit Kinderbetreuung",
                "Auf die B1-Prüfung vorbereiten: Briefe schreiben, Meinungen begründen, Hörtexte verstehen – montags und mittwochs am Abend.",
            ),
            "en": (
                "Evening German course B1 with childcare",
                "Prepare for the B1 exam: writing letters, giving reasons for your opinion, understanding audio texts – Monday and Wednesday evenings.",
            ),
            "ar": (
                "دورة اللغة الألمانية B1 مساءً مع رعاية الأطفال",
                "الاستعداد لامتحان B1: كتابة الرسائل، وتبرير الآراء، وفهم النصوص المسموعة – مساء يومي الاثنين والأربعاء.",
            ),
            "uk": (
                "Вечірній курс німецької B1 з доглядом за дітьми",
                "Підготовка до іспиту B1: писати листи, обґрунтовувати думку, розуміти аудіотексти – щопонеділка й щосереди ввечері.",
            ),
            "ru": (
                "Вечерний курс немецкого B1 с присмотром за детьми",
                "Подготовка к экзамену B1: писать письма, обосновывать своё мнение, понимать аудиотексты – по понедельникам и средам вечером.",
            ),
            "fa": (
                "کلاس عصرگاهی زبان آلمانی B1 با نگهداری از کودکان",
                "آمادگی برای آزمون B1: نامه‌نویسی، بیان دلیل برای نظرات و فهم متن‌های شنیداری – دوشنبه‌ها و چهارشنبه‌ها عصر.",
            ),
        },
        description=(
            "Der Kurs bereitet auf den *Deutsch-Test für Zuwanderer* (DTZ) und auf das Zertifikat B1 vor. Wir schreiben Probeprüfungen und besprechen sie gemeinsam.\n\nWährend des Kurses betreut das Team von Mosty Kinder ab einem Jahr im Kinderraum.\n\nDer Kursbeitrag beträgt 60 € für das Semester, ermäßigt 25 €.",
            "The course prepares for the *German test for immigrants* (DTZ) and the B1 certificate. We sit mock exams and go through them together.\n\nDuring the course the Mosty team looks after children from one year of age in the children's room.\n\nThe course fee is €60 for the semester, €25 reduced.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum A", (MO, WE), "18:00", "20:00"),),
        age=(16, None),
        cost=("60.00", "25.00"),
        registration=(REQ, 20),
        childcare=True,
    ),
    Entry(
        slug="sprachcafe",
        category="language-course",
        lead="al-nour",
        co=("miteinander",),
        texts={
            "de": (
                "Sprachcafé: Deutsch sprechen bei Tee und Kuchen",
                "Ohne Anmeldung, ohne Lehrbuch: Einheimische und Zugewanderte kommen ins Gespräch, an jedem Tisch mit anderen Themen.",
            ),
            "en": (
                "Language café: speaking German over tea and cake",
                "No registration, no textbook: locals and newcomers get talking, with different topics at every table.",
            ),
            "ar": (
                "مقهى اللغة: نتحدث الألمانية مع الشاي والكعك",
                "بلا تسجيل ولا كتاب مدرسي: يتبادل السكان المحليون والقادمون الجدد أطراف الحديث، ولكل طاولة موضوعها.",
            ),
            "uk": (
                "Мовне кафе: говоримо німецькою за чаєм і тістечками",
                "Без реєстрації й без підручника: місцеві та новоприбулі спілкуються, за кожним столом – своя тема.",
            ),
            "ru": (
                "Языковое кафе: говорим по-немецки за чаем с пирогом",
                "Без записи и без учебника: местные жители и приезжие общаются, за каждым столом своя тема.",
            ),
            "tr": (
                "Dil kafesi: Çay ve pasta eşliğinde Almanca konuşmak",
                "Kayıt yok, ders kitabı yok: Yerli ve göçmen komşular sohbet ediyor; her masada başka bir konu.",
            ),
            "fa": (
                "کافه زبان: آلمانی صحبت کردن با چای و کیک",
                "بدون ثبت‌نام و بدون کتاب درسی: اهالی شهر و تازه‌واردان با هم گفت‌وگو می‌کنند و سر هر میز موضوع دیگری مطرح است.",
            ),
        },
        description=(
            "Jeden Mittwoch decken wir im Café International die Tische: Menschen aus der Nachbarschaft, die Deutsch als Muttersprache sprechen, unterhalten sich mit allen, die üben möchten – egal auf welchem Niveau.\n\nTee und Kuchen gibt es gegen eine kleine Spende. Wer selbst etwas backen möchte, ist herzlich willkommen.",
            "Every Wednesday we set the tables in the Café International: native German speakers from the neighbourhood talk with everyone who wants to practise – whatever their level.\n\nTea and cake are available for a small donation. If you would like to bake something yourself, you are very welcome.",
        ),
        languages=("de", "ar", "en"),
        slots=(weekly("Café International", (WE,), "18:00", "20:00"),),
        contact="member",
    ),
    Entry(
        slug="arabisch-fuer-kinder",
        category="language-course",
        lead="al-nour",
        texts={
            "de": (
                "Arabischunterricht für Kinder",
                "Lesen und Schreiben in der Herkunftssprache: Kinder von 6 bis 14 Jahren lernen Arabisch mit Liedern, Geschichten und Spielen.",
            ),
            "en": (
                "Arabic lessons for children",
                "Reading and writing in their heritage language: children aged 6 to 14 learn Arabic with songs, stories and games.",
            ),
            "ar": (
                "دروس اللغة العربية للأطفال",
                "القراءة والكتابة بلغة الأهل: يتعلّم الأطفال من سن 6 إلى 14 سنة اللغة العربية بالأغاني والقصص والألعاب.",
            ),
            "uk": (
                "Уроки арабської для дітей",
                "Читання й письмо рідною мовою: діти від 6 до 14 років вивчають арабську з піснями, історіями та іграми.",
            ),
        },
        description=(
            "Wer zwei Sprachen gut beherrscht, lernt auch Deutsch leichter. In drei Altersgruppen lernen die Kinder das arabische Alphabet, lesen kurze Texte und schreiben erste eigene Sätze.\n\nDer Beitrag beträgt 10 € im Monat, für Geschwisterkinder und Familien mit geringem Einkommen 5 €. Niemand wird wegen Geld abgewiesen.",
            "Children who master two languages well also learn German more easily. In three age groups the children learn the Arabic alphabet, read short texts and write their first sentences.\n\nThe fee is €10 a month, €5 for siblings and families on a low income. No one is turned away for lack of money.",
        ),
        languages=("ar", "de"),
        slots=(weekly("Seminarraum A", (SA,), "10:00", "12:30"),),
        age=(6, 14),
        children=True,
        cost=("10.00", "5.00"),
        registration=(REQ, 20),
        contact="member",
    ),
    Entry(
        slug="ukrainische-samstagsschule",
        category="language-course",
        lead="mosty",
        texts={
            "de": (
                "Ukrainische Samstagsschule",
                "Ukrainisch, Literatur und Landeskunde für Kinder von 6 bis 12 Jahren – damit die Verbindung zur Sprache der Familie bleibt.",
            ),
            "en": (
                "Ukrainian Saturday school",
                "Ukrainian, literature and regional studies for children aged 6 to 12 – so that the bond with the family's language stays strong.",
            ),
            "ar": (
                "المدرسة الأوكرانية يوم السبت",
                "اللغة الأوكرانية والأدب ومعارف عن البلد للأطفال من 6 إلى 12 سنة – لتبقى الصلة بلغة العائلة قائمة.",
            ),
            "uk": (
                "Українська суботня школа",
                "Українська мова, література та українознавство для дітей від 6 до 12 років – щоб зберегти зв'язок із мовою родини.",
            ),
            "ru": (
                "Украинская субботняя школа",
                "Украинский язык, литература и страноведение для детей от 6 до 12 лет – чтобы сохранить связь с языком семьи.",
            ),
        },
        description=(
            "Ukrainische Lehrerinnen unterrichten in zwei Gruppen nach ukrainischem Lehrplan. Die Samstagsschule ergänzt den Besuch der deutschen Schule und ersetzt ihn nicht.\n\nDer Unterricht ist kostenlos; er wird von einer Stiftung gefördert.",
            "Ukrainian teachers teach two groups following the Ukrainian curriculum. The Saturday school complements attendance at a German school and does not replace it.\n\nThe lessons are free; they are funded by a foundation.",
        ),
        languages=("uk",),
        slots=(weekly("Seminarraum B", (SA,), "10:00", "13:00"),),
        age=(6, 12),
        children=True,
        registration=(REQ, 20),
    ),
    Entry(
        slug="tuerkisch-fuer-kinder",
        category="language-course",
        lead="dostluk",
        texts={
            "de": (
                "Türkischunterricht für Kinder",
                "Herkunftssprachlicher Unterricht für Kinder von 6 bis 12 Jahren: lesen, schreiben, erzählen – mit Spaß und ohne Notendruck.",
            ),
            "en": (
                "Turkish lessons for children",
                "Heritage language lessons for children aged 6 to 12: reading, writing, storytelling – with fun and without pressure of grades.",
            ),
            "ar": (
                "دروس اللغة التركية للأطفال",
                "دروس بلغة الأهل للأطفال من 6 إلى 12 سنة: قراءة وكتابة وسرد القصص – بمتعة ومن دون ضغط العلامات.",
            ),
            "uk": (
                "Уроки турецької для дітей",
                "Уроки мови походження для дітей від 6 до 12 років: читати, писати, розповідати – із задоволенням і без тиску оцінок.",
            ),
            "tr": (
                "Çocuklar için Türkçe dersi",
                "6–12 yaş arası çocuklar için anadili dersi: okuma, yazma, anlatma – eğlenerek ve not baskısı olmadan.",
            ),
        },
        description=(
            "Eine ausgebildete Grundschullehrerin unterrichtet in kleinen Gruppen. Die Kinder lesen türkische Kinderbücher, schreiben kleine Geschichten und spielen Sprachspiele.\n\nDie Teilnahme ist kostenlos.",
            "A trained primary school teacher teaches in small groups. The children read Turkish children's books, write little stories and play language games.\n\nTaking part is free.",
        ),
        languages=("tr", "de"),
        slots=(weekly("Seminarraum A", (TU,), "15:00", "16:30"),),
        age=(6, 12),
        children=True,
        registration=(REQ, 15),
        contact="member",
    ),
    # --- counselling -----------------------------------------------------------------------
    Entry(
        slug="sozialberatung-russisch",
        category="counselling",
        lead="brueckenbauer",
        texts={
            "de": (
                "Sozialberatung auf Russisch",
                "Hilfe bei Rente, Anerkennung, Behördenbriefen und Anträgen – für Spätaussiedlerinnen, Spätaussiedler und alle, die Russisch sprechen.",
            ),
            "en": (
                "Social counselling in Russian",
                "Help with pensions, recognition of qualifications, letters from authorities and applications – for late repatriates and everyone who speaks Russian.",
            ),
            "ar": (
                "استشارات اجتماعية باللغة الروسية",
                "مساعدة في شؤون التقاعد والاعتراف بالشهادات ورسائل الدوائر الرسمية والطلبات – للعائدين المتأخرين من أصل ألماني ولكل من يتحدث الروسية.",
            ),
            "uk": (
                "Соціальна консультація російською мовою",
                "Допомога з пенсією, визнанням кваліфікацій, листами від установ і заявами – для пізніх переселенців і всіх, хто розмовляє російською.",
            ),
            "ru": (
                "Социальная консультация на русском языке",
                "Помощь с пенсией, признанием квалификаций, письмами из ведомств и заявлениями – для поздних переселенцев и всех, кто говорит по-русски.",
            ),
        },
        description=(
            "Unsere Beraterin kennt die Fragen von Spätaussiedlerinnen und Spätaussiedlern aus eigener Erfahrung: Fremdrente, Anerkennung von Berufsabschlüssen, Familiennachzug, Pflegegrad.\n\nBitte bringen Sie alle Briefe und Unterlagen mit. Die Beratung ist vertraulich und kostenlos.",
            "Our counsellor knows the questions of late repatriates from her own experience: foreign pensions, recognition of vocational qualifications, family reunification, care levels.\n\nPlease bring all letters and documents with you. Counselling is confidential and free of charge.",
        ),
        languages=("ru", "de"),
        slots=(weekly("Beratung 1", (TU, TH), "10:00", "13:00"),),
        age=(18, None),
    ),
    Entry(
        slug="beratung-arabisch-kurdisch",
        category="counselling",
        lead="al-nour",
        texts={
            "de": (
                "Beratung für Geflüchtete auf Arabisch und Kurdisch",
                "Fragen zu Asylverfahren, Aufenthalt, Familiennachzug, Wohnung und Arbeit – offene Sprechstunde ohne Termin.",
            ),
            "en": (
                "Counselling for refugees in Arabic and Kurdish",
                "Questions about asylum procedures, residence, family reunification, housing and work – open office hours without an appointment.",
            ),
            "ar": (
                "استشارات للاجئين باللغتين العربية والكردية",
                "أسئلة حول إجراءات اللجوء والإقامة ولمّ الشمل والسكن والعمل – ساعات استشارة مفتوحة من دون موعد.",
            ),
            "uk": (
                "Консультації для біженців арабською та курдською",
                "Питання щодо процедури надання притулку, перебування, возз'єднання сім'ї, житла й роботи – відкриті консультаційні години без запису.",
            ),
        },
        description=(
            "Ein Team aus Ehrenamtlichen mit eigener Fluchterfahrung und einer Sozialarbeiterin berät vertraulich. Bei rechtlichen Fragen vermitteln wir an den Flüchtlingsdienst und an Anwältinnen und Anwälte.\n\nBitte bringen Sie Ihren Ausweis und die Briefe mit, um die es geht.",
            "A team of volunteers who have themselves fled their country and a social worker give confidential advice. For legal questions we refer you to the refugee service and to lawyers.\n\nPlease bring your ID and the letters in question.",
        ),
        languages=("ar", "ku", "de"),
        slots=(weekly("Beratung 1", (WE,), "14:00", "17:00"),),
        age=(18, None),
    ),
    Entry(
        slug="beratung-ukrainisch",
        category="counselling",
        lead="mosty",
        co=("brueckenbauer",),
        texts={
            "de": (
                "Beratung auf Ukrainisch: Ankommen in Erfurt",
                "Jobcenter, Aufenthaltserlaubnis, Wohnungssuche, Kita-Platz: Wir helfen bei Anträgen und begleiten bei Bedarf zu Ämtern.",
            ),
            "en": (
                "Counselling in Ukrainian: arriving in Erfurt",
                "Job centre, residence permit, finding a flat, a daycare place: we help with applications and, if needed, go with you to the authorities.",
            ),
            "ar": (
                "استشارات باللغة الأوكرانية: الاستقرار في إرفورت",
                "مركز العمل، وتصريح الإقامة، والبحث عن سكن، ومكان في الحضانة: نساعد في تقديم الطلبات ونرافقك إلى الدوائر الرسمية عند الحاجة.",
            ),
            "uk": (
                "Консультації українською: облаштування в Ерфурті",
                "Джобцентр, дозвіл на проживання, пошук житла, місце в дитсадку: допомагаємо із заявами й за потреби супроводжуємо до установ.",
            ),
            "ru": (
                "Консультации на украинском: обустройство в Эрфурте",
                "Джобцентр, вид на жительство, поиск жилья, место в детском саду: помогаем с заявлениями и при необходимости сопровождаем в ведомства.",
            ),
        },
        description=(
            "Die Beratung bieten Mosty und Brückenbauer gemeinsam an: Beraterinnen, die selbst vor einigen Jahren angekommen sind, sprechen Ukrainisch, Russisch und Deutsch.\n\nOhne Termin – bitte rechnen Sie mit kurzen Wartezeiten.",
            "Mosty and Brückenbauer offer this counselling together: counsellors who themselves arrived a few years ago speak Ukrainian, Russian and German.\n\nNo appointment needed – please expect short waiting times.",
        ),
        languages=("uk", "ru", "de"),
        slots=(weekly("Beratung 2", (MO, WE), "10:00", "13:00"),),
        age=(18, None),
    ),
    Entry(
        slug="sozialberatung-tuerkisch",
        category="counselling",
        lead="dostluk",
        texts={
            "de": (
                "Sozialberatung auf Türkisch",
                "Rat bei Fragen zu Arbeit, Rente, Kindergeld, Schulden und Behördenpost – vertraulich, kostenlos, auf Türkisch und Kurdisch.",
            ),
            "en": (
                "Social counselling in Turkish",
                "Advice on work, pensions, child benefit, debts and mail from the authorities – confidential, free, in Turkish and Kurdish.",
            ),
            "ar": (
                "استشارات اجتماعية باللغة التركية",
                "نصائح حول العمل والتقاعد وإعانة الأطفال والديون ورسائل الدوائر الرسمية – بسرية ومجاناً، باللغتين التركية والكردية.",
            ),
            "uk": (
                "Соціальна консультація турецькою мовою",
                "Поради щодо роботи, пенсії, допомоги на дітей, боргів і листів від установ – конфіденційно, безкоштовно, турецькою та курдською.",
            ),
            "tr": (
                "Türkçe sosyal danışmanlık",
                "Çalışma, emeklilik, çocuk parası, borçlar ve resmî yazışmalarla ilgili danışmanlık – gizli, ücretsiz, Türkçe ve Kürtçe.",
            ),
        },
        description=(
            "Seit über 25 Jahren berät Dostluk Familien aus der Türkei und ihre Nachbarinnen und Nachbarn. Viele Fragen lassen sich gleich klären; bei Bedarf vermitteln wir an die Schuldnerberatung, die Rentenversicherung oder die Migrationsberatung im Haus.",
            "For more than 25 years Dostluk has advised families from Turkey and their neighbours. Many questions can be settled straight away; if needed we refer you to debt counselling, the pension insurance or the migration counselling in the house.",
        ),
        languages=("tr", "ku", "de"),
        slots=(weekly("Beratung 2", (TH,), "15:00", "18:00"),),
        age=(18, None),
        contact="member",
    ),
    Entry(
        slug="beratung-persisch-dari",
        category="counselling",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Beratung auf Persisch und Dari",
                "Für Menschen aus Afghanistan und Iran: Schule, Ausbildung, Aufenthalt und Alltag – wir hören zu und suchen gemeinsam nach Lösungen.",
            ),
            "en": (
                "Counselling in Persian and Dari",
                "For people from Afghanistan and Iran: school, vocational training, residence and everyday life – we listen and look for solutions together.",
            ),
            "ar": (
                "استشارات باللغتين الفارسية والدرية",
                "للقادمين من أفغانستان وإيران: المدرسة والتدريب المهني والإقامة والحياة اليومية – نستمع إليك ونبحث معاً عن حلول.",
            ),
            "uk": (
                "Консультації перською мовою та дарі",
                "Для людей з Афганістану та Ірану: школа, професійне навчання, перебування й повсякденне життя – вислухаємо й разом шукатимемо рішення.",
            ),
            "fa": (
                "مشاوره به زبان فارسی و دری",
                "برای مهاجران افغانستانی و ایرانی: مدرسه، آموزش حرفه‌ای، اقامت و زندگی روزمره – به شما گوش می‌دهیم و با هم دنبال راه‌حل می‌گردیم.",
            ),
        },
        description=(
            "Die Sprechstunde leitet eine Sozialpädagogin der Lernwerkstatt, die Persisch spricht. Besonders junge Erwachsene beraten wir zu Schulabschluss, Ausbildung und Ausbildungsduldung.\n\nOhne Termin; auf Wunsch auch telefonisch.",
            "The office hours are run by a Persian-speaking social education worker of the Lernwerkstatt. We especially advise young adults on school leaving certificates, vocational training and toleration for the duration of training (Ausbildungsduldung).\n\nNo appointment needed; by phone on request.",
        ),
        languages=("fa", "prs", "de"),
        slots=(weekly("Beratung 3", (FR,), "10:00", "13:00"),),
        age=(16, None),
        contact="member",
    ),
    Entry(
        slug="bewerbungswerkstatt",
        category="counselling",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Bewerbungswerkstatt: Lebenslauf und Anschreiben am PC",
                "Gemeinsam Ihre Bewerbungsunterlagen erstellen, Stellenanzeigen verstehen und das Vorstellungsgespräch üben.",
            ),
            "en": (
                "Job application workshop: CV and cover letter on the computer",
                "Put together your application documents, understand job adverts and practise the job interview – together with us.",
            ),
            "ar": (
                "ورشة طلبات العمل: السيرة الذاتية ورسالة التقديم على الحاسوب",
                "نعدّ معاً ملف طلب العمل الخاص بك، ونفهم إعلانات الوظائف، ونتدرّب على مقابلة العمل.",
            ),
            "uk": (
                "Майстерня резюме: резюме та супровідний лист на комп'ютері",
                "Разом підготуємо ваші документи для пошуку роботи, розберемося в оголошеннях про вакансії та потренуємо співбесіду.",
            ),
            "fa": (
                "کارگاه درخواست کار: رزومه و نامهٔ درخواست با کامپیوتر",
                "با هم مدارک درخواست کار شما را آماده می‌کنیم، آگهی‌های شغلی را می‌فهمیم و مصاحبهٔ کاری را تمرین می‌کنیم.",
            ),
        },
        description=(
            "Alle arbeiten am eigenen Computer, ehrenamtliche Bewerbungspatinnen und -paten helfen. Bitte bringen Sie Zeugnisse und, wenn vorhanden, einen USB-Stick mit.\n\nAm Ende haben Sie einen Lebenslauf, ein Anschreiben und eine Liste passender Stellen.",
            "Everyone works at their own computer, helped by volunteer application mentors. Please bring your certificates and, if you have one, a USB stick.\n\nAt the end you will have a CV, a cover letter and a list of suitable vacancies.",
        ),
        languages=("de", "en", "fa"),
        slots=(weekly("Computerraum", (TU,), "14:00", "16:30"),),
        age=(16, None),
        registration=(OPEN, 12),
        needs=("computers",),
    ),
    Entry(
        slug="elterncafe",
        category="counselling",
        lead="dostluk",
        co=("lernwerkstatt",),
        texts={
            "de": (
                "Elterncafé: Schule und Kita in Deutschland verstehen",
                "Eltern tauschen sich aus und stellen Fragen zu Schulsystem, Elternabend, Zeugnis und Übergang aufs Gymnasium – Kinder sind willkommen.",
            ),
            "en": (
                "Parents' café: understanding school and daycare in Germany",
                "Parents share experiences and ask about the school system, parents' evenings, school reports and moving on to grammar school – children are welcome.",
            ),
            "ar": (
                "مقهى الأهل: فهم المدرسة والحضانة في ألمانيا",
                "يتبادل الأهل الخبرات ويطرحون أسئلتهم حول النظام المدرسي واجتماعات أولياء الأمور والشهادات المدرسية والانتقال إلى المدرسة الثانوية – والأطفال مرحَّب بهم.",
            ),
            "uk": (
                "Кафе для батьків: як влаштовані школа й дитсадок у Німеччині",
                "Батьки обмінюються досвідом і запитують про шкільну систему, батьківські збори, табелі та перехід до гімназії – діти теж бажані.",
            ),
            "tr": (
                "Veli kafesi: Almanya'da okulu ve kreşi anlamak",
                "Veliler deneyimlerini paylaşıyor; okul sistemi, veli toplantısı, karne ve Gymnasium'a geçiş hakkında sorular soruyor – çocuklar da gelebilir.",
            ),
        },
        description=(
            "Jeden Montag laden Dostluk und die Lernwerkstatt Eltern ins Café International ein. Oft ist eine Lehrerin, ein Schulsozialarbeiter oder eine Erzieherin zu Gast.\n\nGesprochen wird Deutsch, Türkisch und Arabisch – wir übersetzen füreinander.",
            "Every Monday Dostluk and the Lernwerkstatt invite parents to the Café International. Often a teacher, a school social worker or a nursery teacher joins as a guest.\n\nWe speak German, Turkish and Arabic – and translate for each other.",
        ),
        languages=("de", "tr", "ar"),
        slots=(weekly("Café International", (MO,), "15:00", "17:00"),),
        families=True,
    ),
    Entry(
        slug="digitale-sprechstunde",
        category="counselling",
        lead="mosty",
        texts={
            "de": (
                "Digitale Sprechstunde: Hilfe bei Online-Anträgen",
                "Kindergeld, Wohngeld, Termin bei der Ausländerbehörde: Ehrenamtliche helfen Ihnen, Online-Formulare richtig auszufüllen.",
            ),
            "en": (
                "Digital help desk: support with online applications",
                "Child benefit, housing benefit, an appointment at the immigration office: volunteers help you fill in online forms correctly.",
            ),
            "ar": (
                "ساعة المساعدة الرقمية: دعم في تقديم الطلبات عبر الإنترنت",
                "إعانة الأطفال، وإعانة السكن، وموعد في دائرة الأجانب: يساعدك متطوعون على تعبئة الاستمارات الإلكترونية بشكل صحيح.",
            ),
            "uk": (
                "Цифрова консультація: допомога з онлайн-заявами",
                "Допомога на дітей, житлова допомога, запис до відомства у справах іноземців: волонтери допоможуть правильно заповнити онлайн-форми.",
            ),
            "ru": (
                "Цифровая консультация: помощь с онлайн-заявлениями",
                "Детское пособие, жилищное пособие, запись в ведомство по делам иностранцев: волонтёры помогут правильно заполнить онлайн-формы.",
            ),
        },
        description=(
            "Bringen Sie Ihre Zugangsdaten, Ihren Ausweis und die nötigen Unterlagen mit. Wir füllen die Formulare **mit Ihnen** aus, nicht für Sie – so können Sie es beim nächsten Mal selbst.\n\nWir speichern keine Daten auf den Computern des Hauses.",
            "Bring your login details, your ID and the documents you need. We fill in the forms **with you**, not for you – so that you can do it yourself next time.\n\nWe do not store any data on the house's computers.",
        ),
        languages=("uk", "ru", "de", "en"),
        slots=(weekly("Computerraum", (TH,), "10:00", "12:00"),),
        age=(16, None),
        childcare=True,
        needs=("computers",),
        contact="member",
    ),
    Entry(
        slug="infoabend-anerkennung",
        category="counselling",
        lead="lernwerkstatt",
        co=("miteinander",),
        texts={
            "de": (
                "Infoabend: Anerkennung ausländischer Berufsabschlüsse",
                "Wer prüft meinen Abschluss, was kostet das und wer hilft bei den Kosten? Fachleute der Anerkennungsberatung beantworten Ihre Fragen.",
            ),
            "en": (
                "Information evening: recognition of foreign qualifications",
                "Who assesses my qualification, what does it cost and who helps with the costs? Experts from the recognition counselling service answer your questions.",
            ),
            "ar": (
                "أمسية إعلامية: الاعتراف بالشهادات المهنية الأجنبية",
                "من يقيّم شهادتي، وكم يكلّف ذلك، ومن يساعد في تحمّل التكاليف؟ يجيب خبراء استشارات الاعتراف بالشهادات عن أسئلتك.",
            ),
            "uk": (
                "Інформаційний вечір: визнання іноземних професійних кваліфікацій",
                "Хто перевіряє мій диплом, скільки це коштує і хто допоможе з витратами? Фахівці з консультацій щодо визнання відповідають на ваші запитання.",
            ),
            "ru": (
                "Информационный вечер: признание иностранных профессиональных квалификаций",
                "Кто проверяет мой диплом, сколько это стоит и кто поможет с расходами? Специалисты консультации по признанию ответят на ваши вопросы.",
            ),
            "fa": (
                "شب اطلاع‌رسانی: به رسمیت شناختن مدارک حرفه‌ای خارجی",
                "چه کسی مدرک من را بررسی می‌کند، هزینه‌اش چقدر است و چه کسی در پرداخت آن کمک می‌کند؟ کارشناسان مشاورهٔ ارزشیابی مدارک به پرسش‌های شما پاسخ می‌دهند.",
            ),
        },
        description=(
            "Ein Abend für Ärztinnen, Ingenieure, Pflegekräfte, Lehrerinnen, Handwerker und alle anderen mit einem Berufsabschluss aus dem Ausland. Nach einem kurzen Vortrag gibt es Zeit für Einzelfragen.\n\nBitte melden Sie sich an, die Plätze sind begrenzt. Eine Verdolmetschung ins Arabische, Ukrainische und Persische ist vorgesehen.",
            "An evening for doctors, engineers, nurses, teachers, craftspeople and everyone else with a vocational qualification from abroad. After a short talk there is time for individual questions.\n\nPlease register, places are limited. Interpreting into Arabic, Ukrainian and Persian is planned.",
        ),
        languages=("de", "ar", "uk", "fa"),
        slots=(once("Seminarraum A", "infoabend", "17:00", "19:00"),),
        age=(18, None),
        registration=(OPEN, 24, PER_DATE),
        needs=("projector",),
    ),
    # --- homework help ---------------------------------------------------------------------
    Entry(
        slug="hausaufgabenhilfe-grundschule",
        category="homework-help",
        lead="brueckenbauer",
        co=("lernwerkstatt",),
        texts={
            "de": (
                "Hausaufgabenhilfe für Grundschulkinder",
                "Von Montag bis Donnerstag nach der Schule: Ehrenamtliche helfen bei Hausaufgaben, beim Lesen und beim Einmaleins.",
            ),
            "en": (
                "Homework help for primary school children",
                "Monday to Thursday after school: volunteers help with homework, reading and times tables.",
            ),
            "ar": (
                "المساعدة في الواجبات المدرسية لأطفال المرحلة الابتدائية",
                "من الاثنين إلى الخميس بعد المدرسة: يساعد المتطوعون في الواجبات المدرسية والقراءة وجدول الضرب.",
            ),
            "uk": (
                "Допомога з домашніми завданнями для молодших школярів",
                "З понеділка по четвер після школи: волонтери допомагають із домашніми завданнями, читанням і таблицею множення.",
            ),
            "ru": (
                "Помощь с домашними заданиями для младших школьников",
                "С понедельника по четверг после школы: волонтёры помогают с домашними заданиями, чтением и таблицей умножения.",
            ),
        },
        description=(
            "Die Kinder kommen direkt nach der Schule in die Bibliothek. Zuerst werden die Hausaufgaben erledigt, danach wird gelesen oder gespielt. Ein kleiner Snack steht bereit.\n\nEine Anmeldung ist nicht nötig. Beim ersten Besuch bitten wir ein Elternteil, kurz mitzukommen.",
            "The children come straight from school to the library. First the homework gets done, then there is reading or playing. A small snack is ready.\n\nNo registration needed. On the first visit we ask a parent to come along briefly.",
        ),
        languages=("de", "ru", "uk"),
        slots=(weekly("Bibliothek", (MO, TU, WE, TH), "14:00", "16:00"),),
        age=(6, 10),
        children=True,
        contact="member",
    ),
    Entry(
        slug="lernhilfe-klasse-5-bis-10",
        category="homework-help",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Lernhilfe Mathe, Deutsch und Englisch für die Klassen 5 bis 10",
                "Lehramtsstudierende erklären, was im Unterricht zu schnell ging, und bereiten mit euch auf Klassenarbeiten vor.",
            ),
            "en": (
                "Tutoring in maths, German and English for years 5 to 10",
                "Student teachers explain what went too fast in class and help you prepare for tests.",
            ),
            "ar": (
                "دعم دراسي في الرياضيات والألمانية والإنجليزية للصفوف من الخامس إلى العاشر",
                "يشرح طلاب كليات التربية ما مرّ بسرعة في الحصة، ويساعدونكم على الاستعداد للامتحانات المدرسية.",
            ),
            "uk": (
                "Допомога з математики, німецької та англійської для 5–10 класів",
                "Студенти-педагоги пояснюють те, що на уроці пройшли надто швидко, і допомагають підготуватися до контрольних.",
            ),
            "fa": (
                "کمک درسی ریاضی، آلمانی و انگلیسی برای کلاس‌های پنجم تا دهم",
                "دانشجویان تربیت معلم آنچه را که سر کلاس خیلی سریع گذشت توضیح می‌دهند و شما را برای امتحان‌ها آماده می‌کنند.",
            ),
        },
        description=(
            "In kleinen Gruppen von drei bis vier Schülerinnen und Schülern arbeiten wir an dem, was gerade dran ist. Bringt bitte eure Hefte, Bücher und die Termine der nächsten Klassenarbeiten mit.\n\nDie Lernhilfe ist kostenlos.",
            "In small groups of three or four pupils we work on whatever is on the timetable right now. Please bring your exercise books, textbooks and the dates of your next tests.\n\nThe tutoring is free.",
        ),
        languages=("de", "fa", "en"),
        slots=(weekly("Seminarraum C", (TU, TH), "15:30", "17:30"),),
        age=(10, 16),
        children=True,
        registration=(OPEN, 15),
        contact="member",
    ),
    Entry(
        slug="hausaufgabenhilfe-arabisch",
        category="homework-help",
        lead="al-nour",
        texts={
            "de": (
                "Hausaufgabenhilfe auf Arabisch und Deutsch",
                "Wenn die Aufgabe auf Deutsch schwer zu verstehen ist: Ehrenamtliche erklären sie auf Arabisch und üben dann auf Deutsch.",
            ),
            "en": (
                "Homework help in Arabic and German",
                "When a task is hard to understand in German: volunteers explain it in Arabic and then practise it in German.",
            ),
            "ar": (
                "مساعدة في الواجبات المدرسية بالعربية والألمانية",
                "عندما يصعب فهم الواجب بالألمانية: يشرحه المتطوعون بالعربية ثم نتدرّب عليه بالألمانية.",
            ),
            "uk": (
                "Допомога з домашніми завданнями арабською та німецькою",
                "Коли завдання важко зрозуміти німецькою: волонтери пояснюють його арабською, а потім тренуються німецькою.",
            ),
        },
        description=(
            "Studierende und Schülerinnen und Schüler der Oberstufe, die selbst Arabisch sprechen, helfen Kindern und Jugendlichen in allen Fächern. Eltern können gern dabei sein und Fragen an die Schule mitbringen.",
            "University students and sixth-formers who speak Arabic themselves help children and teenagers in all subjects. Parents are welcome to stay and bring along questions for the school.",
        ),
        languages=("ar", "de"),
        slots=(weekly("Seminarraum C", (MO, WE), "15:00", "17:00"),),
        age=(6, 14),
        children=True,
        contact="member",
    ),
    Entry(
        slug="mathe-nachhilfe-kleingruppe",
        category="homework-help",
        lead="brueckenbauer",
        texts={
            "de": (
                "Mathe-Nachhilfe in Kleingruppen",
                "Ein pensionierter Mathematiklehrer übt mit höchstens fünf Schülerinnen und Schülern – von Bruchrechnung bis Abschlussprüfung.",
            ),
            "en": (
                "Maths tutoring in small groups",
                "A retired maths teacher practises with at most five pupils – from fractions to final exams.",
            ),
            "ar": (
                "دروس تقوية في الرياضيات ضمن مجموعات صغيرة",
                "مدرّس رياضيات متقاعد يتدرّب مع خمسة طلاب على الأكثر – من الكسور حتى امتحانات التخرّج.",
            ),
            "uk": (
                "Репетиторство з математики в малих групах",
                "Учитель математики на пенсії займається щонайбільше з п'ятьма учнями – від дробів до випускних іспитів.",
            ),
            "ru": (
                "Репетиторство по математике в малых группах",
                "Учитель математики на пенсии занимается не более чем с пятью учениками – от дробей до выпускных экзаменов.",
            ),
        },
        description=(
            "Viktor Braun hat 35 Jahre lang in Karaganda und Erfurt Mathematik unterrichtet. In der kleinen Gruppe bleibt Zeit für jede Frage.",
            "Viktor Braun taught maths in Karaganda and Erfurt for 35 years. In a small group there is time for every question.",
        ),
        languages=("de", "ru"),
        slots=(weekly("Vereinsbüro 3", (MO, WE), "16:00", "17:30"),),
        age=(10, 16),
        children=True,
        registration=(REQ, 5),
        contact="member",
    ),
    Entry(
        slug="lesepaten",
        category="homework-help",
        lead="miteinander",
        texts={
            "de": (
                "Lesepaten: Gemeinsam lesen lernen",
                "Eins zu eins mit einer Lesepatin oder einem Lesepaten: Kinder von 6 bis 10 Jahren lesen vor, hören zu und entdecken Bücher.",
            ),
            "en": (
                "Reading mentors: learning to read together",
                "One to one with a reading mentor: children aged 6 to 10 read aloud, listen and discover books.",
            ),
            "ar": (
                "رفقاء القراءة: نتعلّم القراءة معاً",
                "على انفراد مع رفيقة أو رفيق قراءة: يقرأ الأطفال من 6 إلى 10 سنوات بصوت عالٍ ويستمعون ويكتشفون الكتب.",
            ),
            "uk": (
                "Читацькі наставники: вчимося читати разом",
                "Сам на сам із читацькою наставницею чи наставником: діти від 6 до 10 років читають уголос, слухають і відкривають для себе книжки.",
            ),
            "ru": (
                "Наставники по чтению: учимся читать вместе",
                "Один на один с наставницей или наставником по чтению: дети от 6 до 10 лет читают вслух, слушают и открывают для себя книги.",
            ),
        },
        description=(
            "Unsere Lesepatinnen und -paten sind Ehrenamtliche aus der Nachbarschaft. In der Bibliothek gibt es Kinderbücher auf Deutsch und in vielen Herkunftssprachen – auch zum Ausleihen.",
            "Our reading mentors are volunteers from the neighbourhood. The library has children's books in German and many heritage languages – to borrow, too.",
        ),
        languages=("de",),
        slots=(weekly("Bibliothek", (FR,), "14:30", "16:00"),),
        age=(6, 10),
        children=True,
    ),
    # --- childcare -------------------------------------------------------------------------
    Entry(
        slug="kinderbetreuung-waehrend-der-kurse",
        category="childcare",
        lead="mosty",
        co=("lernwerkstatt",),
        texts={
            "de": (
                "Kinderbetreuung während der Kurse",
                "Während Mama oder Papa Deutsch lernt, spielen Kinder von 1 bis 6 Jahren mit erfahrenen Betreuerinnen im Kinderraum.",
            ),
            "en": (
                "Childcare during the courses",
                "While mum or dad learns German, children aged 1 to 6 play with experienced carers in the children's room.",
            ),
            "ar": (
                "رعاية الأطفال أثناء الدورات",
                "بينما تتعلّم الأم أو يتعلّم الأب الألمانية، يلعب الأطفال من سنة إلى 6 سنوات مع مربّيات ذوات خبرة في غرفة الأطفال.",
            ),
            "uk": (
                "Догляд за дітьми під час курсів",
                "Поки мама чи тато вчать німецьку, діти від 1 до 6 років граються з досвідченими вихователями в дитячій кімнаті.",
            ),
            "ru": (
                "Присмотр за детьми во время курсов",
                "Пока мама или папа учат немецкий, дети от 1 до 6 лет играют с опытными воспитательницами в детской комнате.",
            ),
            "fa": (
                "نگهداری از کودکان در زمان کلاس‌ها",
                "در حالی که مادر یا پدر آلمانی یاد می‌گیرند، کودکان ۱ تا ۶ ساله با مربیان باتجربه در اتاق کودک بازی می‌کنند.",
            ),
        },
        description=(
            "Die Betreuung ist für Kinder von Teilnehmenden der Integrations- und Deutschkurse und der Frauenangebote im Haus. Das Team von Mosty spricht Ukrainisch, Russisch, Deutsch und Arabisch.\n\nBitte melden Sie Ihr Kind zusammen mit dem Kurs an und bringen Sie Windeln, Wechselkleidung und einen kleinen Snack mit.",
            "The childcare is for children of participants in the integration and German courses and the women's offers in the house. The Mosty team speaks Ukrainian, Russian, German and Arabic.\n\nPlease register your child together with the course and bring nappies, spare clothes and a small snack.",
        ),
        languages=("uk", "ru", "de", "ar"),
        slots=(
            weekly("Kinderraum", (MO, TU, WE, TH), "08:15", "12:15"),
            weekly("Kinderraum", (FR,), "09:00", "12:00"),
        ),
        age=(1, 6),
        children=True,
        registration=(REQ, 15),
        needs=("childrens-furniture",),
    ),
    Entry(
        slug="kinderbetreuung-am-abend",
        category="childcare",
        lead="mosty",
        texts={
            "de": (
                "Kinderbetreuung am Abend",
                "Montags und mittwochs während des B1-Abendkurses: Spielen, Basteln und eine Gutenachtgeschichte für Kinder von 1 bis 8 Jahren.",
            ),
            "en": (
                "Evening childcare",
                "Mondays and Wednesdays during the B1 evening course: play, crafts and a bedtime story for children aged 1 to 8.",
            ),
            "ar": (
                "رعاية الأطفال مساءً",
                "يومي الاثنين والأربعاء أثناء دورة B1 المسائية: لعب وأشغال يدوية وحكاية قبل النوم للأطفال من سنة إلى 8 سنوات.",
            ),
            "uk": (
                "Вечірній догляд за дітьми",
                "Щопонеділка й щосереди під час вечірнього курсу B1: ігри, творчість і казка на ніч для дітей від 1 до 8 років.",
            ),
            "ru": (
                "Вечерний присмотр за детьми",
                "По понедельникам и средам во время вечернего курса B1: игры, поделки и сказка на ночь для детей от 1 до 8 лет.",
            ),
        },
        description=(
            "Damit auch Eltern mit kleinen Kindern abends Deutsch lernen können, betreuen zwei Erzieherinnen die Kinder im Kinderraum. Die Anmeldung erfolgt zusammen mit dem Kurs.",
            "So that parents with small children can also learn German in the evening, two nursery teachers look after the children in the children's room. You register together with the course.",
        ),
        languages=("uk", "de"),
        slots=(weekly("Kinderraum", (MO, WE), "17:45", "20:15"),),
        age=(1, 8),
        children=True,
        registration=(REQ, 12),
        needs=("childrens-furniture",),
        contact="member",
    ),
    Entry(
        slug="spielgruppe-kleinkinder",
        category="childcare",
        lead="mosty",
        texts={
            "de": (
                "Spielgruppe für Kleinkinder mit Eltern",
                "Singen, Krabbeln, Spielen: Kinder bis drei Jahre und ihre Eltern lernen sich kennen – ein guter erster Schritt vor der Kita.",
            ),
            "en": (
                "Playgroup for toddlers with their parents",
                "Singing, crawling, playing: children up to three and their parents get to know each other – a good first step before daycare.",
            ),
            "ar": (
                "مجموعة لعب للأطفال الصغار مع أهلهم",
                "غناء وحبو ولعب: يتعرّف الأطفال حتى سن الثالثة وأهلهم بعضهم على بعض – خطوة أولى جيدة قبل الحضانة.",
            ),
            "uk": (
                "Ігрова група для малюків разом із батьками",
                "Співаємо, повзаємо, граємося: малюки до трьох років і їхні батьки знайомляться – гарний перший крок перед дитсадком.",
            ),
            "ru": (
                "Игровая группа для малышей вместе с родителями",
                "Поём, ползаем, играем: малыши до трёх лет и их родители знакомятся друг с другом – хороший первый шаг перед детским садом.",
            ),
        },
        description=(
            "Eine Erzieherin begleitet die Gruppe. Eltern bleiben die ganze Zeit dabei und kommen nebenbei ins Gespräch – über Schlaf, Essen, Kita-Anmeldung und alles, was junge Familien beschäftigt.\n\nEinfach vorbeikommen, eine Anmeldung ist nicht nötig.",
            "A nursery teacher leads the group. Parents stay the whole time and get talking along the way – about sleep, food, registering for daycare and everything young families are concerned with.\n\nJust drop in, no registration needed.",
        ),
        languages=("uk", "ru", "de"),
        slots=(weekly("Kinderraum", (MO, WE), "15:00", "17:00"),),
        age=(0, 3),
        families=True,
        children=True,
        needs=("childrens-furniture",),
    ),
    Entry(
        slug="kinderclub",
        category="childcare",
        lead="dostluk",
        co=("brueckenbauer",),
        texts={
            "de": (
                "Kinderclub: Spielen, Basteln, Vorlesen",
                "Zweimal pro Woche ein Nachmittag voller Spiele, Bastelideen und Geschichten in vielen Sprachen für Kinder von 4 bis 10 Jahren.",
            ),
            "en": (
                "Children's club: play, crafts, stories",
                "Twice a week, an afternoon full of games, craft ideas and stories in many languages for children aged 4 to 10.",
            ),
            "ar": (
                "نادي الأطفال: لعب وأشغال يدوية وقراءة قصص",
                "مرتين في الأسبوع، فترة بعد الظهر مليئة بالألعاب وأفكار الأشغال اليدوية والقصص بلغات كثيرة للأطفال من 4 إلى 10 سنوات.",
            ),
            "uk": (
                "Дитячий клуб: ігри, творчість, читання вголос",
                "Двічі на тиждень – пообіддя, сповнене ігор, ідей для творчості та історій багатьма мовами для дітей від 4 до 10 років.",
            ),
            "tr": (
                "Çocuk kulübü: Oyun, el işi, masal",
                "Haftada iki kez, 4–10 yaş arası çocuklar için oyunlar, el işi fikirleri ve birçok dilde hikâyelerle dolu bir öğleden sonra.",
            ),
        },
        description=(
            "Ehrenamtliche von Dostluk und Brückenbauer gestalten den Kinderclub gemeinsam. Die Kinder können kommen und gehen, wie es passt; Kinder unter sechs Jahren bitte mit einer Begleitperson.",
            "Volunteers from Dostluk and Brückenbauer run the children's club together. Children can come and go as it suits them; children under six please with an accompanying adult.",
        ),
        languages=("de", "tr", "ru"),
        slots=(weekly("Kinderraum", (TU, TH), "15:00", "17:30"),),
        age=(4, 10),
        children=True,
        needs=("childrens-furniture",),
        contact="member",
    ),
    # --- culture ---------------------------------------------------------------------------
    Entry(
        slug="kulturabend",
        category="culture",
        lead="al-nour",
        co=("brueckenbauer", "dostluk"),
        texts={
            "de": (
                "Kulturabend: Musik und Geschichten aus aller Welt",
                "Alle zwei Wochen gestalten Menschen aus dem Haus einen Abend: Lesung, Konzert, Erzählcafé oder Vortrag – und danach Essen für alle.",
            ),
            "en": (
                "Cultural evening: music and stories from around the world",
                "Every two weeks people from the house shape an evening: a reading, a concert, a storytelling café or a talk – followed by food for everyone.",
            ),
            "ar": (
                "أمسية ثقافية: موسيقى وحكايات من أنحاء العالم",
                "كل أسبوعين يُحيي أشخاص من البيت أمسية: قراءة أدبية أو حفلة موسيقية أو مقهى حكايات أو محاضرة – يتبعها طعام للجميع.",
            ),
            "uk": (
                "Культурний вечір: музика та історії з усього світу",
                "Раз на два тижні люди з нашого дому готують вечір: читання, концерт, кафе історій чи лекцію – а потім частування для всіх.",
            ),
            "ru": (
                "Культурный вечер: музыка и истории со всего мира",
                "Раз в две недели люди из нашего дома готовят вечер: чтения, концерт, кафе историй или лекцию – а потом угощение для всех.",
            ),
            "tr": (
                "Kültür akşamı: Dünyanın dört bir yanından müzik ve hikâyeler",
                "İki haftada bir evimizden insanlar bir akşam hazırlıyor: okuma, konser, hikâye kafesi ya da sunum – ardından herkes için yemek.",
            ),
            "fa": (
                "شب فرهنگی: موسیقی و داستان‌هایی از سراسر جهان",
                "هر دو هفته یک بار افرادی از خانه یک شب را برگزار می‌کنند: کتاب‌خوانی، کنسرت، کافهٔ قصه‌گویی یا سخنرانی – و پس از آن غذا برای همه.",
            ),
        },
        description=(
            "Der Kulturabend ist die Bühne des Hauses für alle, die etwas zu zeigen oder zu erzählen haben: syrische Poesie, russische Romanzen, türkische Volkslieder, Reiseberichte aus Erfurt.\n\nDer Eintritt ist frei, Spenden für die Künstlerinnen und Künstler sind willkommen. Wer selbst einen Abend gestalten möchte, meldet sich bei Al-Nour.",
            "The cultural evening is the house's stage for everyone who has something to show or to tell: Syrian poetry, Russian romances, Turkish folk songs, travel reports from Erfurt.\n\nAdmission is free, donations for the artists are welcome. If you would like to shape an evening yourself, get in touch with Al-Nour.",
        ),
        languages=("de", "ar"),
        slots=(weekly("Saal", (FR,), "19:00", "22:00", every=2),),
        needs=("stage",),
    ),
    Entry(
        slug="kochabend-der-kulturen",
        category="culture",
        lead="dostluk",
        co=("al-nour", "mosty"),
        texts={
            "de": (
                "Kochabend der Kulturen",
                "Jede Woche kocht jemand anderes ein Gericht aus der Heimat – alle schnippeln mit, danach essen wir gemeinsam. Anmeldung für einzelne Abende.",
            ),
            "en": (
                "Cooking evening of cultures",
                "Each week someone different cooks a dish from home – everyone helps chopping, then we eat together. Register for single evenings.",
            ),
            "ar": (
                "أمسية الطبخ بين الثقافات",
                "كل أسبوع يطبخ شخص مختلف طبقاً من بلده – يشارك الجميع في التحضير، ثم نأكل معاً. التسجيل لكل أمسية على حدة.",
            ),
            "uk": (
                "Кулінарний вечір культур",
                "Щотижня хтось інший готує страву зі своєї батьківщини – усі допомагають нарізати, а потім ми разом вечеряємо. Реєстрація на окремі вечори.",
            ),
            "ru": (
                "Кулинарный вечер культур",
                "Каждую неделю кто-то другой готовит блюдо своей родины – все помогают нарезать, а потом вместе ужинаем. Запись на отдельные вечера.",
            ),
            "tr": (
                "Kültürlerin yemek akşamı",
                "Her hafta başka biri memleketinden bir yemek pişiriyor – herkes doğramaya yardım ediyor, sonra birlikte yiyoruz. Tek tek akşamlar için kayıt.",
            ),
        },
        description=(
            "Von Borschtsch über Mansaf bis Mantı: In der Küche des Café International lernen wir die Küchen unserer Nachbarinnen und Nachbarn kennen. Die Rezepte sammeln wir in einem gemeinsamen Kochbuch.\n\nDer Beitrag von 5 € (ermäßigt 2 €) deckt die Zutaten. Bitte melden Sie sich für jeden Abend einzeln an – die Küche hat Platz für 24 Personen.",
            "From borscht to mansaf to mantı: in the kitchen of the Café International we get to know the cuisines of our neighbours. We collect the recipes in a shared cookbook.\n\nThe contribution of €5 (reduced €2) covers the ingredients. Please register for each evening separately – the kitchen has room for 24 people.",
        ),
        languages=("de", "tr", "ar", "uk"),
        slots=(weekly("Café International", (TH,), "18:30", "21:00"),),
        cost=("5.00", "2.00"),
        registration=(REQ, 24, PER_DATE),
        needs=("kitchen",),
    ),
    Entry(
        slug="filmabend",
        category="culture",
        lead="miteinander",
        texts={
            "de": (
                "Filmabend: Kino der Kulturen",
                "Alle zwei Wochen ein Film aus einem anderen Land, in Originalsprache mit deutschen Untertiteln – und danach ein Gespräch bei Popcorn.",
            ),
            "en": (
                "Film night: cinema of cultures",
                "Every two weeks a film from another country, in the original language with German subtitles – followed by a conversation over popcorn.",
            ),
            "ar": (
                "أمسية الأفلام: سينما الثقافات",
                "كل أسبوعين فيلم من بلد آخر، بلغته الأصلية مع ترجمة ألمانية – يتبعه حديث مع الفشار.",
            ),
            "uk": (
                "Кіновечір: кіно різних культур",
                "Раз на два тижні – фільм з іншої країни мовою оригіналу з німецькими субтитрами, а потім розмова за попкорном.",
            ),
            "fa": (
                "شب فیلم: سینمای فرهنگ‌ها",
                "هر دو هفته یک فیلم از کشوری دیگر، به زبان اصلی با زیرنویس آلمانی – و بعد گفت‌وگو با پاپ‌کورن.",
            ),
        },
        description=(
            "Das Programm stellen Besucherinnen und Besucher selbst zusammen: Wer einen Film aus seiner Heimat zeigen möchte, schlägt ihn vor und führt in den Abend ein. Die Vorführrechte klären wir.\n\nDer Eintritt ist frei.",
            "Visitors put the programme together themselves: whoever would like to show a film from their home country suggests it and introduces the evening. We take care of the screening rights.\n\nAdmission is free.",
        ),
        languages=("de",),
        slots=(weekly("Saal", (MO,), "19:30", "22:00", every=2),),
        needs=("projector",),
        contact="member",
    ),
    Entry(
        slug="seniorentreff-samowar",
        category="culture",
        lead="brueckenbauer",
        texts={
            "de": (
                "Seniorentreff „Samowar“",
                "Alle zwei Wochen am Samstag: Tee aus dem Samowar, Gespräche auf Russisch und Deutsch, Gedichte, Lieder und Ausflugspläne.",
            ),
            "en": (
                "“Samovar” senior citizens' club",
                "Every other Saturday: tea from the samovar, conversations in Russian and German, poems, songs and plans for outings.",
            ),
            "ar": (
                "ملتقى كبار السن „سماور“",
                "يوم السبت كل أسبوعين: شاي من السماور، وأحاديث بالروسية والألمانية، وقصائد وأغانٍ وخطط للرحلات.",
            ),
            "uk": (
                "Клуб для людей старшого віку «Самовар»",
                "Щодругої суботи: чай із самовара, розмови російською та німецькою, вірші, пісні й плани екскурсій.",
            ),
            "ru": (
                "Клуб для пожилых людей «Самовар»",
                "Каждую вторую субботу: чай из самовара, разговоры на русском и немецком, стихи, песни и планы поездок.",
            ),
        },
        description=(
            "Der Treff ist ein fester Termin für ältere Spätaussiedlerinnen und Spätaussiedler und alle, die dazukommen möchten. Einmal im Monat lädt der Verein eine Referentin oder einen Referenten ein, etwa zu Pflege, Rente oder Vorsorgevollmacht.",
            "The club is a fixed date for older late repatriates and everyone who would like to join. Once a month the association invites a speaker, for example on care, pensions or lasting powers of attorney.",
        ),
        languages=("ru", "de"),
        slots=(weekly("Café International", (SA,), "15:00", "18:00", every=2),),
        age=(60, None),
    ),
    Entry(
        slug="familiensonntag",
        category="culture",
        lead="mosty",
        co=("dostluk",),
        texts={
            "de": (
                "Familiensonntag: Spielen, Basteln, Kuchen",
                "Jeden zweiten Sonntag öffnet das Café International für Familien: Bastel- und Spieltische, Kinderschminken und Kuchen vom Blech.",
            ),
            "en": (
                "Family Sunday: games, crafts, cake",
                "Every other Sunday the Café International opens for families: craft and games tables, face painting and sheet cake.",
            ),
            "ar": (
                "أحد العائلة: لعب وأشغال يدوية وكعك",
                "كل أسبوعين يوم الأحد يفتح مقهى إنترناشونال أبوابه للعائلات: طاولات للأشغال اليدوية والألعاب، ورسم على الوجوه، وكعك منزلي.",
            ),
            "uk": (
                "Сімейна неділя: ігри, творчість, пиріг",
                "Щодругої неділі Café International відчиняється для родин: столи для творчості та ігор, аквагрим і домашній пиріг.",
            ),
            "tr": (
                "Aile pazarı: Oyun, el işi, pasta",
                "İki haftada bir pazar günü Café International ailelere açılıyor: el işi ve oyun masaları, yüz boyama ve tepsi pastası.",
            ),
        },
        description=(
            "Der Familiensonntag bringt Familien aus allen Vereinen des Hauses zusammen. Jede Familie kann etwas zum Buffet mitbringen, muss aber nicht.\n\nDer Eintritt ist frei.",
            "Family Sunday brings together families from all the associations in the house. Each family can bring something for the buffet but does not have to.\n\nAdmission is free.",
        ),
        languages=("de", "uk", "tr"),
        slots=(weekly("Café International", (SU,), "15:00", "17:30", every=2),),
        families=True,
        children=True,
    ),
    Entry(
        slug="offene-fahrradwerkstatt",
        category="culture",
        lead="miteinander",
        texts={
            "de": (
                "Offene Fahrradwerkstatt",
                "Reifen flicken, Bremsen einstellen, Licht reparieren: Unter Anleitung machen Sie Ihr Fahrrad selbst wieder fit. Werkzeug ist da.",
            ),
            "en": (
                "Open bike workshop",
                "Patching tyres, adjusting brakes, fixing lights: with guidance you get your bike back in shape yourself. Tools are provided.",
            ),
            "ar": (
                "ورشة الدراجات المفتوحة",
                "ترقيع الإطارات، وضبط المكابح، وإصلاح الأضواء: بإرشاد منّا تُصلح دراجتك بنفسك. الأدوات متوفرة.",
            ),
            "uk": (
                "Відкрита велосипедна майстерня",
                "Заклеїти камеру, налаштувати гальма, полагодити фару: під наглядом ви самі приведете свій велосипед до ладу. Інструменти є.",
            ),
        },
        description=(
            "Ehrenamtliche Schrauberinnen und Schrauber zeigen, wie es geht. Gespendete Fahrräder richten wir gemeinsam her und geben sie an Menschen weiter, die eines brauchen.\n\nErsatzteile gibt es zum Selbstkostenpreis.",
            "Volunteer mechanics show you how it's done. Together we fix up donated bikes and pass them on to people who need one.\n\nSpare parts are available at cost price.",
        ),
        languages=("de", "en", "ru"),
        slots=(
            weekly("Werkstatt", (WE,), "16:00", "19:00"),
            weekly("Werkstatt", (SA,), "10:00", "13:00"),
        ),
        age=(10, None),
        contact="member",
    ),
    Entry(
        slug="lesekreis-einfache-sprache",
        category="culture",
        lead="miteinander",
        texts={
            "de": (
                "Lesekreis: Bücher in einfacher Sprache",
                "Alle zwei Wochen lesen wir gemeinsam einen Roman in einfacher Sprache und sprechen darüber – für Deutschlernende ab Niveau A2.",
            ),
            "en": (
                "Reading circle: books in plain German",
                "Every two weeks we read a novel in plain German together and talk about it – for German learners from level A2.",
            ),
            "ar": (
                "حلقة القراءة: كتب بلغة ألمانية مبسّطة",
                "كل أسبوعين نقرأ معاً رواية بلغة ألمانية مبسّطة ونتحدث عنها – لمتعلّمي الألمانية ابتداءً من المستوى A2.",
            ),
            "uk": (
                "Читацький гурток: книжки простою німецькою",
                "Раз на два тижні разом читаємо роман простою мовою й обговорюємо його – для тих, хто вивчає німецьку, від рівня A2.",
            ),
        },
        description=(
            "Wir lesen Klassiker und neue Bücher in einfacher Sprache, zum Beispiel *Tschick* oder *Die Verwandlung*. Die Bücher leiht die Bibliothek des Hauses aus.",
            "We read classics and new books in plain German, such as *Tschick* or *The Metamorphosis*. The house library lends out the books.",
        ),
        languages=("de",),
        slots=(weekly("Bibliothek", (TU,), "18:00", "19:30", every=2),),
        age=(16, None),
    ),
    Entry(
        slug="sommerfest-der-vielfalt",
        category="culture",
        lead="miteinander",
        co=("al-nour", "dostluk"),
        texts={
            "de": (
                "Sommerfest der Vielfalt",
                "Das große Fest des ganzen Hauses: Musik und Tanz auf der Bühne, Essen aus vielen Ländern, Spiele für Kinder und alle Vereine zum Kennenlernen.",
            ),
            "en": (
                "Summer festival of diversity",
                "The big festival of the whole house: music and dance on stage, food from many countries, games for children and all the associations to get to know.",
            ),
            "ar": (
                "مهرجان الصيف للتنوّع",
                "الاحتفال الكبير للبيت كله: موسيقى ورقص على المسرح، وطعام من بلدان كثيرة، وألعاب للأطفال، وفرصة للتعرّف على جميع الجمعيات.",
            ),
            "uk": (
                "Літнє свято розмаїття",
                "Велике свято всього дому: музика й танці на сцені, страви з багатьох країн, ігри для дітей і знайомство з усіма об'єднаннями.",
            ),
            "ru": (
                "Летний праздник многообразия",
                "Большой праздник всего дома: музыка и танцы на сцене, блюда из многих стран, игры для детей и знакомство со всеми объединениями.",
            ),
            "tr": (
                "Çeşitlilik yaz şenliği",
                "Bütün evin büyük şenliği: sahnede müzik ve dans, birçok ülkeden yemekler, çocuklar için oyunlar ve bütün dernekleri tanıma fırsatı.",
            ),
            "fa": (
                "جشن تابستانی گوناگونی",
                "جشن بزرگ همهٔ خانه: موسیقی و رقص روی صحنه، غذاهایی از کشورهای گوناگون، بازی برای کودکان و آشنایی با همهٔ انجمن‌ها.",
            ),
        },
        description=(
            "Im Saal, im Café und im Hof feiern alle sechs Vereine gemeinsam. Auf dem Programm stehen unter anderem:\n\n- die Theatergruppe *Bühne ohne Grenzen*\n- der Chor *Raduga* und die Musikschülerinnen und -schüler\n- Aerobic zum Mitmachen\n- eine Fahrradrallye für Kinder\n\nDer Eintritt ist frei.",
            "In the hall, the café and the courtyard all six associations celebrate together. The programme includes:\n\n- the theatre group *Stage without Borders*\n- the *Raduga* choir and the music students\n- aerobics to join in\n- a bike rally for children\n\nAdmission is free.",
        ),
        languages=("de",),
        slots=(once("Saal", "sommerfest", "14:00", "20:00"),),
        families=True,
        needs=("stage",),
    ),
    # --- theatre ---------------------------------------------------------------------------
    Entry(
        slug="theatergruppe-buehne-ohne-grenzen",
        category="theatre",
        lead="dostluk",
        co=("al-nour", "mosty"),
        texts={
            "de": (
                "Theatergruppe Bühne ohne Grenzen",
                "Junge und ältere Menschen aus acht Ländern entwickeln gemeinsam Stücke über Ankommen, Heimweh und Nachbarschaft – auf Deutsch und in ihren Sprachen.",
            ),
            "en": (
                "Theatre group Stage without Borders",
                "Young and older people from eight countries develop plays together about arriving, homesickness and neighbourhood – in German and in their own languages.",
            ),
            "ar": (
                "فرقة „مسرح بلا حدود“",
                "يطوّر شباب وكبار من ثمانية بلدان معاً مسرحيات عن الوصول والحنين إلى الوطن والجيرة – بالألمانية وبلغاتهم.",
            ),
            "uk": (
                "Театральна група «Сцена без кордонів»",
                "Молоді й старші люди з восьми країн разом створюють вистави про нове життя, тугу за домом і сусідство – німецькою та своїми мовами.",
            ),
            "ru": (
                "Театральная группа «Сцена без границ»",
                "Молодые и пожилые люди из восьми стран вместе создают спектакли о новом начале, тоске по дому и соседстве – на немецком и на своих языках.",
            ),
            "tr": (
                "Sınırsız Sahne tiyatro grubu",
                "Sekiz ülkeden genç ve yaşlı insanlar birlikte varış, sıla özlemi ve komşuluk üzerine oyunlar geliştiriyor – Almanca ve kendi dillerinde.",
            ),
            "fa": (
                "گروه تئاتر «صحنهٔ بی‌مرز»",
                "جوانان و بزرگ‌ترهایی از هشت کشور با هم نمایش‌هایی دربارهٔ رسیدن، دلتنگی برای وطن و همسایگی می‌سازند – به آلمانی و به زبان‌های خودشان.",
            ),
        },
        description=(
            "Die Theatergruppe probt zweimal pro Woche auf der Bühne im Saal. Eine Theaterpädagogin leitet die Proben; Texte, Szenen und Musik entstehen aus den Geschichten der Gruppe.\n\nNeue Mitspielerinnen und Mitspieler ab 16 Jahren sind willkommen, Erfahrung braucht niemand. Bitte melden Sie sich vorher kurz bei Dostluk.",
            "The theatre group rehearses twice a week on the stage in the hall. A drama teacher leads the rehearsals; texts, scenes and music grow out of the group's own stories.\n\nNew players aged 16 and over are welcome, no experience needed. Please get in touch with Dostluk briefly beforehand.",
        ),
        languages=("de", "tr", "ar", "uk"),
        slots=(weekly("Saal", (TU, TH), "18:00", "21:00"),),
        age=(16, None),
        registration=(OPEN, 20),
        needs=("stage",),
    ),
    Entry(
        slug="kindertheater-werkstatt",
        category="theatre",
        lead="dostluk",
        texts={
            "de": (
                "Kindertheater-Werkstatt",
                "Verkleiden, Figuren erfinden, auf der Bühne stehen: Kinder von 7 bis 12 Jahren spielen Theater und gewinnen Mut zum Sprechen.",
            ),
            "en": (
                "Children's theatre workshop",
                "Dressing up, inventing characters, standing on stage: children aged 7 to 12 act and gain the courage to speak.",
            ),
            "ar": (
                "ورشة مسرح الأطفال",
                "التنكّر وابتكار الشخصيات والوقوف على المسرح: يمثّل الأطفال من 7 إلى 12 سنة ويكتسبون الجرأة على الكلام.",
            ),
            "uk": (
                "Дитяча театральна майстерня",
                "Перевдягатися, вигадувати персонажів, виходити на сцену: діти від 7 до 12 років грають у театрі й набираються сміливості говорити.",
            ),
            "tr": (
                "Çocuk tiyatrosu atölyesi",
                "Kostüm giymek, karakterler yaratmak, sahneye çıkmak: 7–12 yaş arası çocuklar tiyatro oynuyor ve konuşma cesareti kazanıyor.",
            ),
        },
        description=(
            "Mit Spielen, Improvisation und kleinen Szenen üben die Kinder ganz nebenbei Deutsch. Zum Ende des Halbjahres zeigen sie ihr Stück beim Familiensonntag.",
            "With games, improvisation and small scenes the children practise German along the way. At the end of the half-year they show their play at Family Sunday.",
        ),
        languages=("de",),
        slots=(weekly("Saal", (WE,), "16:00", "17:30"),),
        age=(7, 12),
        children=True,
        registration=(REQ, 15),
        needs=("stage",),
        contact="member",
    ),
    Entry(
        slug="premiere-koffer-voller-geschichten",
        category="theatre",
        lead="dostluk",
        co=("al-nour",),
        texts={
            "de": (
                "Premiere: „Koffer voller Geschichten“",
                "Die Theatergruppe Bühne ohne Grenzen zeigt ihr neues Stück über das, was Menschen mitnehmen, wenn sie ihr Land verlassen. Eintritt frei, Anmeldung erbeten.",
            ),
            "en": (
                "Premiere: “A Suitcase Full of Stories”",
                "The theatre group Stage without Borders presents its new play about what people take with them when they leave their country. Free admission, please register.",
            ),
            "ar": (
                "العرض الأول: „حقيبة مليئة بالحكايات“",
                "تقدّم فرقة „مسرح بلا حدود“ مسرحيتها الجديدة عمّا يأخذه الناس معهم حين يغادرون بلادهم. الدخول مجاني، ويُرجى التسجيل.",
            ),
            "uk": (
                "Прем'єра: «Валіза, повна історій»",
                "Театральна група «Сцена без кордонів» показує нову виставу про те, що люди беруть із собою, коли залишають свою країну. Вхід вільний, просимо зареєструватися.",
            ),
            "ru": (
                "Премьера: «Чемодан, полный историй»",
                "Театральная группа «Сцена без границ» показывает новый спектакль о том, что люди берут с собой, покидая свою страну. Вход свободный, просим записаться.",
            ),
            "tr": (
                "Gala: „Hikâyelerle Dolu Bir Bavul“",
                "Sınırsız Sahne tiyatro grubu, insanların ülkelerini terk ederken yanlarına aldıklarını anlatan yeni oyununu sahneliyor. Giriş ücretsiz, lütfen kayıt yaptırın.",
            ),
            "fa": (
                "اجرای نخست: «چمدانی پر از قصه»",
                "گروه تئاتر «صحنهٔ بی‌مرز» نمایش تازهٔ خود را دربارهٔ آنچه مردم هنگام ترک کشورشان با خود می‌برند اجرا می‌کند. ورود رایگان است، لطفاً ثبت‌نام کنید.",
            ),
        },
        description=(
            "Zwölf Spielerinnen und Spieler aus Syrien, der Ukraine, der Türkei, Afghanistan und Thüringen öffnen ihre Koffer. Das Stück wird auf Deutsch gespielt, mit Liedern und Szenen auf Arabisch, Türkisch und Ukrainisch; Übertitel helfen beim Verstehen.\n\nNach der Vorstellung lädt die Gruppe zum Gespräch und zu einem kleinen Empfang ein.",
            "Twelve players from Syria, Ukraine, Turkey, Afghanistan and Thuringia open their suitcases. The play is performed in German, with songs and scenes in Arabic, Turkish and Ukrainian; surtitles help with understanding.\n\nAfter the performance the group invites you to a conversation and a small reception.",
        ),
        languages=("de", "ar", "tr", "uk"),
        slots=(once("Saal", "premiere", "19:00", "21:30"),),
        registration=(REQ, 110, PER_DATE),
        needs=("stage",),
    ),
    Entry(
        slug="theater-spielen-deutsch-sprechen",
        category="theatre",
        lead="lernwerkstatt",
        co=("dostluk",),
        texts={
            "de": (
                "Theater spielen, Deutsch sprechen",
                "Impro-Workshop für Deutschlernende: Mit Spielen und kurzen Szenen verlieren Sie die Angst vor dem Sprechen.",
            ),
            "en": (
                "Play theatre, speak German",
                "Improv workshop for German learners: with games and short scenes you lose your fear of speaking.",
            ),
            "ar": (
                "نمثّل ونتحدث الألمانية",
                "ورشة ارتجال لمتعلّمي الألمانية: بالألعاب والمشاهد القصيرة تتخلّص من الخوف من الكلام.",
            ),
            "uk": (
                "Граємо театр – говоримо німецькою",
                "Імпровізаційна майстерня для тих, хто вивчає німецьку: ігри та короткі сценки допоможуть позбутися страху говорити.",
            ),
            "fa": (
                "تئاتر بازی کنیم، آلمانی حرف بزنیم",
                "کارگاه بداهه‌پردازی برای زبان‌آموزان آلمانی: با بازی و صحنه‌های کوتاه ترس از صحبت کردن را کنار می‌گذارید.",
            ),
        },
        description=(
            "Beim Bäcker, im Amt, beim Elternabend: Wir spielen Alltagssituationen durch, bis sie sich leicht anfühlen. Fehler sind ausdrücklich erwünscht.\n\nGeeignet ab Niveau A2. Bitte bequeme Kleidung mitbringen.",
            "At the bakery, at the authorities, at the parents' evening: we play through everyday situations until they feel easy. Mistakes are explicitly welcome.\n\nSuitable from level A2. Please bring comfortable clothes.",
        ),
        languages=("de",),
        slots=(weekly("Bewegungsraum", (FR,), "10:00", "12:00"),),
        age=(16, None),
        registration=(OPEN, 16),
        childcare=True,
        contact="member",
    ),
    # --- aerobics and movement -------------------------------------------------------------
    Entry(
        slug="aerobic-fuer-alle",
        category="sport",
        lead="dostluk",
        texts={
            "de": (
                "Aerobic für alle",
                "Eine Stunde Bewegung zu Musik nach Feierabend – für alle Fitnessstufen, ohne Anmeldung.",
            ),
            "en": (
                "Aerobics for everyone",
                "An hour of exercise to music after work – for all fitness levels, no registration.",
            ),
            "ar": (
                "أيروبيك للجميع",
                "ساعة من الحركة على أنغام الموسيقى بعد العمل – لجميع مستويات اللياقة، ومن دون تسجيل.",
            ),
            "uk": (
                "Аеробіка для всіх",
                "Година руху під музику після роботи – для будь-якого рівня підготовки, без реєстрації.",
            ),
            "tr": (
                "Herkes için aerobik",
                "İş çıkışı müzik eşliğinde bir saat hareket – her kondisyon seviyesine uygun, kayıt gerekmez.",
            ),
        },
        description=(
            "Unsere Trainerin Gülay leitet die Stunde mit Aufwärmen, Aerobic-Choreografie und Dehnen. Bitte Sportschuhe, Handtuch und etwas zu trinken mitbringen.\n\nPro Stunde bitten wir um 3 €, ermäßigt 1,50 €.",
            "Our trainer Gülay leads the class with a warm-up, an aerobics routine and stretching. Please bring trainers, a towel and something to drink.\n\nWe ask for €3 per class, €1.50 reduced.",
        ),
        languages=("de", "tr"),
        slots=(weekly("Bewegungsraum", (MO, WE), "18:00", "19:00"),),
        age=(16, None),
        cost=("3.00", "1.50"),
        needs=("mirrors", "sound-system"),
        contact="member",
    ),
    Entry(
        slug="aerobic-fuer-frauen",
        category="sport",
        lead="dostluk",
        co=("al-nour",),
        texts={
            "de": (
                "Aerobic für Frauen am Vormittag",
                "Fit in den Tag: Aerobic nur für Frauen, mit Trainerin und bei geschlossenen Türen – Kinder werden in dieser Zeit im Kinderraum betreut.",
            ),
            "en": (
                "Morning aerobics for women",
                "Start the day fit: aerobics for women only, with a female trainer and behind closed doors – children are looked after in the children's room meanwhile.",
            ),
            "ar": (
                "أيروبيك صباحي للنساء",
                "ابدئي يومك بنشاط: أيروبيك للنساء فقط، مع مدرّبة وخلف أبواب مغلقة – ويُعتنى بالأطفال في غرفة الأطفال خلال ذلك.",
            ),
            "uk": (
                "Ранкова аеробіка для жінок",
                "Бадьорий початок дня: аеробіка лише для жінок, з тренеркою й за зачиненими дверима – тим часом діти під наглядом у дитячій кімнаті.",
            ),
            "tr": (
                "Kadınlar için sabah aerobiği",
                "Güne zinde başlayın: Sadece kadınlara özel aerobik, kadın eğitmen eşliğinde ve kapalı kapılar ardında – bu sırada çocuklara çocuk odasında bakılıyor.",
            ),
        },
        description=(
            "Der Kurs ist für Frauen jeden Alters und jeder Fitness. Die Fenster sind abgedunkelt und es gibt keine männlichen Zuschauer.",
            "The class is for women of every age and fitness level. The windows are screened and there are no male spectators.",
        ),
        languages=("de", "tr", "ar"),
        slots=(weekly("Bewegungsraum", (TU, TH), "10:00", "11:00"),),
        age=(16, None),
        women=True,
        childcare=True,
        needs=("mirrors", "sound-system"),
    ),
    Entry(
        slug="rueckenfit-senioren",
        category="sport",
        lead="brueckenbauer",
        texts={
            "de": (
                "Rückenfit: Gymnastik für Seniorinnen und Senioren",
                "Sanfte Übungen für Rücken, Gleichgewicht und Beweglichkeit – viele davon im Sitzen, alle zum Nachmachen zu Hause.",
            ),
            "en": (
                "Healthy back: exercise for senior citizens",
                "Gentle exercises for the back, balance and mobility – many of them seated, all easy to repeat at home.",
            ),
            "ar": (
                "ظهر سليم: تمارين رياضية لكبار السن",
                "تمارين لطيفة للظهر والتوازن والمرونة – كثير منها جلوساً، وجميعها سهلة التكرار في البيت.",
            ),
            "uk": (
                "Здорова спина: гімнастика для людей старшого віку",
                "М'які вправи для спини, рівноваги й рухливості – багато з них сидячи, усі можна повторювати вдома.",
            ),
            "ru": (
                "Здоровая спина: гимнастика для пожилых людей",
                "Мягкие упражнения для спины, равновесия и подвижности – многие сидя, все легко повторять дома.",
            ),
        },
        description=(
            "Eine Physiotherapeutin aus dem Verein leitet die Stunde auf Deutsch und Russisch. Wer die Treppe nicht schafft, meldet sich bitte – wir suchen dann gemeinsam eine Lösung.",
            "A physiotherapist from the association leads the class in German and Russian. If you cannot manage the stairs, please let us know – we will look for a solution together.",
        ),
        languages=("ru", "de"),
        slots=(weekly("Bewegungsraum", (WE,), "10:00", "11:00"),),
        age=(60, None),
        contact="member",
    ),
    Entry(
        slug="tanz-und-bewegung-jugendliche",
        category="sport",
        lead="mosty",
        texts={
            "de": (
                "Tanz und Bewegung für Jugendliche",
                "Hip-Hop, Folklore und eigene Choreografien: Jugendliche von 12 bis 17 Jahren tanzen zusammen – ganz ohne Vorkenntnisse.",
            ),
            "en": (
                "Dance and movement for teenagers",
                "Hip-hop, folk dance and your own choreographies: teenagers aged 12 to 17 dance together – no experience needed.",
            ),
            "ar": (
                "رقص وحركة لليافعين",
                "هيب هوب ورقصات شعبية وتصاميم رقص من ابتكاركم: يرقص اليافعون من 12 إلى 17 سنة معاً – من دون أي خبرة سابقة.",
            ),
            "uk": (
                "Танці та рух для підлітків",
                "Хіп-хоп, народні танці й власні хореографії: підлітки від 12 до 17 років танцюють разом – жодного досвіду не потрібно.",
            ),
            "ru": (
                "Танцы и движение для подростков",
                "Хип-хоп, народные танцы и собственные хореографии: подростки от 12 до 17 лет танцуют вместе – никакого опыта не нужно.",
            ),
        },
        description=(
            "Die Gruppe mischt Tanzstile aus der Ukraine, der Türkei und von der Straße. Auftritte gibt es beim Sommerfest und beim Kulturabend.",
            "The group mixes dance styles from Ukraine, Turkey and the street. They perform at the summer festival and the cultural evening.",
        ),
        languages=("de", "uk"),
        slots=(weekly("Bewegungsraum", (FR,), "16:30", "18:00"),),
        age=(12, 17),
        needs=("mirrors", "sound-system"),
        contact="member",
    ),
    Entry(
        slug="eltern-kind-turnen",
        category="sport",
        lead="miteinander",
        texts={
            "de": (
                "Eltern-Kind-Turnen",
                "Klettern, Balancieren, Rollen: Kinder von 2 bis 6 Jahren bewegen sich mit Mama, Papa, Oma oder Opa – samstags am Vormittag.",
            ),
            "en": (
                "Parent and child gym",
                "Climbing, balancing, rolling: children aged 2 to 6 get moving with mum, dad, grandma or grandpa – on Saturday mornings.",
            ),
            "ar": (
                "رياضة الأهل والأطفال",
                "تسلّق وتوازن ودحرجة: يتحرّك الأطفال من سنتين إلى 6 سنوات مع الأم أو الأب أو الجدة أو الجد – صباح كل سبت.",
            ),
            "uk": (
                "Гімнастика для батьків і дітей",
                "Лазити, тримати рівновагу, перекидатися: діти від 2 до 6 років рухаються разом із мамою, татом, бабусею чи дідусем – щосуботи вранці.",
            ),
        },
        description=(
            "Wir bauen jede Woche eine neue Bewegungslandschaft auf. Die Gruppe ist auf 20 Personen begrenzt – Kinder und Erwachsene zusammengezählt –, deshalb bitten wir um Anmeldung. Kinderwagen können im Erdgeschoss abgestellt werden.",
            "Every week we set up a new obstacle course. The group is limited to 20 people – children and adults counted together – so please register. Prams can be left on the ground floor.",
        ),
        languages=("de",),
        slots=(weekly("Bewegungsraum", (SA,), "10:00", "11:00"),),
        age=(2, 6),
        families=True,
        children=True,
        registration=(OPEN, 20),
    ),
    # --- music -----------------------------------------------------------------------------
    Entry(
        slug="klavierunterricht",
        category="music",
        lead="mosty",
        texts={
            "de": (
                "Klavierunterricht für Kinder und Jugendliche",
                "Eine Konzertpianistin aus Charkiw unterrichtet in Einzelstunden und kleinen Gruppen – auch Anfängerinnen und Anfänger ohne eigenes Instrument.",
            ),
            "en": (
                "Piano lessons for children and teenagers",
                "A concert pianist from Kharkiv teaches individual lessons and small groups – also beginners without an instrument of their own.",
            ),
            "ar": (
                "دروس البيانو للأطفال واليافعين",
                "عازفة بيانو محترفة من خاركيف تدرّس حصصاً فردية ولمجموعات صغيرة – وللمبتدئين أيضاً ممن لا يملكون آلة خاصة بهم.",
            ),
            "uk": (
                "Уроки фортепіано для дітей і підлітків",
                "Концертна піаністка з Харкова дає індивідуальні уроки й заняття в малих групах – також для початківців без власного інструмента.",
            ),
            "ru": (
                "Уроки фортепиано для детей и подростков",
                "Концертная пианистка из Харькова даёт индивидуальные уроки и занятия в малых группах – в том числе для начинающих без собственного инструмента.",
            ),
        },
        description=(
            "Wer zu Hause kein Instrument hat, kann zwischen den Stunden am Klavier im Musikzimmer üben.\n\nDer Beitrag beträgt 30 € im Monat, ermäßigt 10 €.",
            "Children without an instrument at home can practise on the piano in the music room between lessons.\n\nThe fee is €30 a month, €10 reduced.",
        ),
        languages=("uk", "ru", "de"),
        slots=(weekly("Musikzimmer", (MO, WE), "15:00", "18:00"),),
        age=(6, 17),
        children=True,
        cost=("30.00", "10.00"),
        registration=(REQ, 8),
        needs=("piano",),
    ),
    Entry(
        slug="gitarrengruppe-jugendliche",
        category="music",
        lead="mosty",
        texts={
            "de": (
                "Gitarrengruppe für Jugendliche",
                "Die ersten Akkorde, dann eigene Lieder: Jugendliche von 12 bis 18 Jahren lernen gemeinsam Gitarre. Leihgitarren sind vorhanden.",
            ),
            "en": (
                "Guitar group for teenagers",
                "First chords, then your own songs: teenagers aged 12 to 18 learn guitar together. Loan guitars are available.",
            ),
            "ar": (
                "مجموعة الغيتار لليافعين",
                "أولى الأكوردات ثم أغانيكم الخاصة: يتعلّم اليافعون من 12 إلى 18 سنة العزف على الغيتار معاً. تتوفر آلات غيتار للإعارة.",
            ),
            "uk": (
                "Гітарна група для підлітків",
                "Перші акорди, а потім власні пісні: підлітки від 12 до 18 років разом вчаться грати на гітарі. Є гітари, які можна позичити.",
            ),
        },
        description=(
            "Ein Musikstudent und eine ehemalige Bandmusikerin leiten die Gruppe. Gespielt wird, was die Gruppe mag – von ukrainischem Pop bis zu deutschen Liedern.",
            "A music student and a former band musician lead the group. We play what the group likes – from Ukrainian pop to German songs.",
        ),
        languages=("de", "uk"),
        slots=(weekly("Musikzimmer", (TU,), "16:00", "17:30"),),
        age=(12, 18),
        registration=(REQ, 8),
        contact="member",
    ),
    Entry(
        slug="bandura-unterricht",
        category="music",
        lead="mosty",
        texts={
            "de": (
                "Bandura-Unterricht",
                "Die Bandura ist das Nationalinstrument der Ukraine: Kinder und Erwachsene lernen, auf ihren 55 Saiten zu spielen.",
            ),
            "en": (
                "Bandura lessons",
                "The bandura is Ukraine's national instrument: children and adults learn to play its 55 strings.",
            ),
            "ar": (
                "دروس آلة الباندورا",
                "الباندورا هي الآلة الوطنية لأوكرانيا: يتعلّم الأطفال والكبار العزف على أوتارها الخمسة والخمسين.",
            ),
            "uk": (
                "Уроки гри на бандурі",
                "Бандура – національний інструмент України: діти й дорослі вчаться грати на її 55 струнах.",
            ),
            "ru": (
                "Уроки игры на бандуре",
                "Бандура – национальный инструмент Украины: дети и взрослые учатся играть на её 55 струнах.",
            ),
        },
        description=(
            "Der Verein besitzt vier Instrumente, die im Musikzimmer bleiben. Der Unterricht findet in Gruppen von höchstens vier Personen statt.\n\nDer Beitrag beträgt 20 € im Monat, ermäßigt 8 €.",
            "The association owns four instruments, which stay in the music room. Lessons are given in groups of at most four.\n\nThe fee is €20 a month, €8 reduced.",
        ),
        languages=("uk", "de"),
        slots=(weekly("Musikzimmer", (TH,), "16:00", "17:30"),),
        age=(8, None),
        cost=("20.00", "8.00"),
        registration=(REQ, 4),
        contact="member",
    ),
    Entry(
        slug="oud-unterricht",
        category="music",
        lead="al-nour",
        texts={
            "de": (
                "Oud-Unterricht für Anfängerinnen und Anfänger",
                "Die arabische Laute kennenlernen: Haltung, Anschlag, erste Maqamat und einfache Lieder – in einer kleinen Gruppe.",
            ),
            "en": (
                "Oud lessons for beginners",
                "Get to know the Arabic lute: posture, plucking, the first maqams and simple songs – in a small group.",
            ),
            "ar": (
                "دروس العود للمبتدئين",
                "تعرّف على العود: طريقة الإمساك بالآلة، والعزف بالريشة، وأولى المقامات، وأغانٍ بسيطة – في مجموعة صغيرة.",
            ),
            "uk": (
                "Уроки гри на уді для початківців",
                "Знайомство з арабською лютнею: постава, техніка гри, основи арабських ладів і прості пісні – у невеликій групі.",
            ),
        },
        description=(
            "Es unterrichtet ein Musiker aus Aleppo, der in Damaskus studiert hat. Zwei Leihinstrumente sind vorhanden.\n\nDer Beitrag beträgt 25 € im Monat.",
            "Lessons are given by a musician from Aleppo who studied in Damascus. Two loan instruments are available.\n\nThe fee is €25 a month.",
        ),
        languages=("ar", "de"),
        slots=(weekly("Musikzimmer", (FR,), "16:00", "18:00"),),
        age=(12, None),
        cost=("25.00",),
        registration=(REQ, 6),
        contact="member",
    ),
    Entry(
        slug="chor-raduga",
        category="music",
        lead="brueckenbauer",
        co=("mosty",),
        texts={
            "de": (
                "Chor „Raduga“: Lieder aus Ost und West",
                "Russische, ukrainische, kasachische und deutsche Lieder – der Chor probt jeden Montag und freut sich über neue Stimmen.",
            ),
            "en": (
                "“Raduga” choir: songs from East and West",
                "Russian, Ukrainian, Kazakh and German songs – the choir rehearses every Monday and welcomes new voices.",
            ),
            "ar": (
                "جوقة „رادوغا“: أغانٍ من الشرق والغرب",
                "أغانٍ روسية وأوكرانية وكازاخية وألمانية – تتدرّب الجوقة كل يوم اثنين وترحّب بالأصوات الجديدة.",
            ),
            "uk": (
                "Хор «Радуга»: пісні Сходу й Заходу",
                "Російські, українські, казахські та німецькі пісні – хор репетирує щопонеділка й радо вітає нові голоси.",
            ),
            "ru": (
                "Хор «Радуга»: песни Востока и Запада",
                "Русские, украинские, казахские и немецкие песни – хор репетирует каждый понедельник и рад новым голосам.",
            ),
        },
        description=(
            "Der Chor wurde 2005 von Spätaussiedlerinnen gegründet und singt heute mit Mitgliedern aus sechs Ländern, seit einigen Jahren gemeinsam mit Sängerinnen von Mosty. Notenkenntnisse sind nicht nötig.\n\nAuftritte: Kulturabende, Sommerfest, Weihnachtsmarkt.",
            "The choir was founded in 2005 by late repatriates and today sings with members from six countries, for some years now together with singers from Mosty. No need to read music.\n\nPerformances: cultural evenings, the summer festival, the Christmas market.",
        ),
        languages=("ru", "uk", "de"),
        slots=(weekly("Saal", (MO,), "17:00", "19:00"),),
    ),
    Entry(
        slug="musikalische-frueherziehung",
        category="music",
        lead="mosty",
        texts={
            "de": (
                "Musikalische Früherziehung",
                "Singen, Trommeln, Tanzen: Kinder von 3 bis 6 Jahren entdecken Rhythmus und Klang – mit Liedern aus vielen Ländern.",
            ),
            "en": (
                "Early music education",
                "Singing, drumming, dancing: children aged 3 to 6 discover rhythm and sound – with songs from many countries.",
            ),
            "ar": (
                "التربية الموسيقية المبكرة",
                "غناء وقرع على الطبول ورقص: يكتشف الأطفال من 3 إلى 6 سنوات الإيقاع والصوت – مع أغانٍ من بلدان كثيرة.",
            ),
            "uk": (
                "Раннє музичне виховання",
                "Співаємо, барабанимо, танцюємо: діти від 3 до 6 років відкривають для себе ритм і звук – з піснями з багатьох країн.",
            ),
            "ru": (
                "Раннее музыкальное развитие",
                "Поём, стучим в барабаны, танцуем: дети от 3 до 6 лет открывают для себя ритм и звук – с песнями из многих стран.",
            ),
        },
        description=(
            "Eine Musikpädagogin leitet die Gruppe. In den ersten Wochen sind Eltern gern dabei, bis die Kinder sich eingewöhnt haben.\n\nDie Plätze sind begrenzt, bitte melden Sie Ihr Kind an.",
            "A music teacher leads the group. Parents are welcome to join for the first few weeks until the children have settled in.\n\nPlaces are limited, please register your child.",
        ),
        languages=("de", "uk", "ru"),
        slots=(weekly("Musikzimmer", (SA,), "10:00", "11:00"),),
        age=(3, 6),
        families=True,
        children=True,
        registration=(REQ, 8),
        needs=("piano",),
    ),
    Entry(
        slug="vorspielnachmittag",
        category="music",
        lead="mosty",
        texts={
            "de": (
                "Vorspielnachmittag der Musikschülerinnen und Musikschüler",
                "Bandura, Oud, Gitarre und Gesang: Die Schülerinnen und Schüler aus dem Haus zeigen, was sie gelernt haben. Eintritt frei.",
            ),
            "en": (
                "Music students' recital afternoon",
                "Bandura, oud, guitar and singing: the pupils from the house show what they have learned. Free admission.",
            ),
            "ar": (
                "عصرية عروض طلاب الموسيقى",
                "باندورا وعود وغيتار وغناء: يعرض طلاب البيت ما تعلّموه. الدخول مجاني.",
            ),
            "uk": (
                "Звітний концерт учнів музичних класів",
                "Бандура, уд, гітара та спів: учні нашого дому показують, чого навчилися. Вхід вільний.",
            ),
            "ru": (
                "Отчётный концерт учеников музыкальных классов",
                "Бандура, уд, гитара и пение: ученики нашего дома показывают, чему научились. Вход свободный.",
            ),
        },
        description=(
            "Familie, Freundinnen und Freunde und alle Musikbegeisterten sind eingeladen. Nach dem Konzert gibt es Kaffee und Kuchen im Saal.",
            "Family, friends and all music lovers are invited. After the concert there is coffee and cake in the hall.",
        ),
        languages=("de",),
        slots=(once("Saal", "vorspiel", "15:00", "17:00"),),
        families=True,
        needs=("stage", "sound-system"),
    ),
    # --- women's club ----------------------------------------------------------------------
    Entry(
        slug="frauencafe-al-nour",
        category="womens-club",
        lead="al-nour",
        texts={
            "de": (
                "Frauencafé Al-Nour",
                "Ein geschützter Raum nur für Frauen: Tee, Gespräche, Ausflüge und Themen, die Frauen wichtig sind – mit Kinderbetreuung.",
            ),
            "en": (
                "Al-Nour women's café",
                "A safe space for women only: tea, conversations, outings and topics that matter to women – with childcare.",
            ),
            "ar": (
                "مقهى النساء في النور",
                "مساحة آمنة للنساء فقط: شاي وأحاديث ورحلات ومواضيع تهمّ النساء – مع رعاية الأطفال.",
            ),
            "uk": (
                "Жіноче кафе «Аль-Нур»",
                "Безпечний простір лише для жінок: чай, розмови, екскурсії та теми, важливі для жінок, – з доглядом за дітьми.",
            ),
        },
        description=(
            "Das Frauencafé ist das Herz des Frauenclubs von Al-Nour. Die Frauen bestimmen die Themen selbst: Gesundheit, Erziehung, Arbeit, Rechte von Frauen in Deutschland. Manchmal kommen Expertinnen dazu, manchmal wird einfach gekocht und gelacht.\n\nWährend des Cafés werden Kinder im Kinderraum betreut.",
            "The women's café is the heart of Al-Nour's women's club. The women choose the topics themselves: health, parenting, work, women's rights in Germany. Sometimes experts join, sometimes we simply cook and laugh.\n\nDuring the café, children are looked after in the children's room.",
        ),
        languages=("ar", "de", "ku"),
        slots=(weekly("Café International", (TU,), "10:00", "12:00"),),
        women=True,
        childcare=True,
    ),
    Entry(
        slug="internationales-frauenfruehstueck",
        category="womens-club",
        lead="dostluk",
        co=("al-nour",),
        texts={
            "de": (
                "Internationales Frauenfrühstück",
                "Jeden Freitag frühstücken Frauen aus vielen Ländern zusammen – jede bringt eine Kleinigkeit mit, alle gehen mit neuen Bekanntschaften nach Hause.",
            ),
            "en": (
                "International women's breakfast",
                "Every Friday women from many countries have breakfast together – everyone brings a little something, everyone goes home with new acquaintances.",
            ),
            "ar": (
                "فطور النساء الدولي",
                "كل يوم جمعة تتناول نساء من بلدان كثيرة الفطور معاً – كل واحدة تُحضر شيئاً بسيطاً، والجميع يعدن إلى بيوتهن بمعارف جديدة.",
            ),
            "uk": (
                "Міжнародний жіночий сніданок",
                "Щоп'ятниці жінки з різних країн снідають разом – кожна приносить щось невелике, а додому всі йдуть із новими знайомствами.",
            ),
            "tr": (
                "Uluslararası kadın kahvaltısı",
                "Her cuma birçok ülkeden kadın birlikte kahvaltı yapıyor – herkes küçük bir şey getiriyor, herkes yeni tanışıklıklarla evine dönüyor.",
            ),
        },
        description=(
            "Beim Frühstück sprechen wir Deutsch, Türkisch, Arabisch und mit Händen und Füßen. Einmal im Monat gibt es einen kurzen Input, zum Beispiel zu Vorsorgeuntersuchungen oder zum Schwimmkurs für Frauen im Stadtbad.\n\nKleinkinder werden im Kinderraum betreut.",
            "At breakfast we speak German, Turkish, Arabic and with hands and feet. Once a month there is a short input, for example on health check-ups or the women's swimming course at the public baths.\n\nToddlers are looked after in the children's room.",
        ),
        languages=("de", "tr", "ar"),
        slots=(weekly("Café International", (FR,), "09:30", "11:30"),),
        women=True,
        childcare=True,
        needs=("kitchen",),
    ),
    Entry(
        slug="frauenclub-berehynja",
        category="womens-club",
        lead="mosty",
        texts={
            "de": (
                "Ukrainischer Frauenclub „Berehynja“",
                "Frauen aus der Ukraine treffen sich zum Austausch, zum Sticken von Wyschywanka-Mustern und zu Vorträgen über das Leben in Deutschland.",
            ),
            "en": (
                "Ukrainian women's club “Berehynia”",
                "Women from Ukraine meet to talk, to embroider vyshyvanka patterns and to hear talks about life in Germany.",
            ),
            "ar": (
                "نادي النساء الأوكرانيات „بيريهينيا“",
                "تلتقي نساء من أوكرانيا لتبادل الأحاديث ولتطريز نقوش الفيشيفانكا ولحضور محاضرات عن الحياة في ألمانيا.",
            ),
            "uk": (
                "Український жіночий клуб «Берегиня»",
                "Жінки з України зустрічаються, щоб поспілкуватися, вишивати візерунки вишиванок і послухати лекції про життя в Німеччині.",
            ),
            "ru": (
                "Украинский женский клуб «Берегиня»",
                "Женщины из Украины встречаются, чтобы пообщаться, вышивать узоры вышиванок и послушать лекции о жизни в Германии.",
            ),
        },
        description=(
            "„Berehynja“ ist in der ukrainischen Tradition die Hüterin des Hauses. Der Club ist offen für alle Frauen, die Ukrainisch oder Russisch sprechen, und für alle, die die ukrainische Kultur kennenlernen möchten.",
            "In Ukrainian tradition, “Berehynia” is the guardian of the home. The club is open to all women who speak Ukrainian or Russian, and to everyone who would like to get to know Ukrainian culture.",
        ),
        languages=("uk", "ru", "de"),
        slots=(weekly("Besprechungsraum", (TH,), "18:00", "20:00"),),
        women=True,
    ),
    Entry(
        slug="frauenrunde-persisch",
        category="womens-club",
        lead="lernwerkstatt",
        texts={
            "de": (
                "Frauenrunde auf Persisch und Deutsch",
                "Frauen aus Afghanistan und Iran und ihre Nachbarinnen sprechen über Alltag, Familie, Gesundheit und eigene Pläne – mit Kinderbetreuung.",
            ),
            "en": (
                "Women's circle in Persian and German",
                "Women from Afghanistan and Iran and their neighbours talk about everyday life, family, health and their own plans – with childcare.",
            ),
            "ar": (
                "حلقة نسائية بالفارسية والألمانية",
                "نساء من أفغانستان وإيران وجاراتهن يتحدثن عن الحياة اليومية والعائلة والصحة وخططهن الخاصة – مع رعاية الأطفال.",
            ),
            "uk": (
                "Жіноче коло перською та німецькою",
                "Жінки з Афганістану та Ірану разом із сусідками говорять про повсякдення, родину, здоров'я та власні плани – з доглядом за дітьми.",
            ),
            "fa": (
                "حلقهٔ زنان به زبان فارسی و آلمانی",
                "زنان افغانستانی و ایرانی و همسایه‌هایشان دربارهٔ زندگی روزمره، خانواده، سلامت و برنامه‌های خودشان گفت‌وگو می‌کنند – با نگهداری از کودکان.",
            ),
        },
        description=(
            "Eine Sozialpädagogin der Lernwerkstatt moderiert die Runde auf Persisch und Deutsch. Was besprochen wird, bleibt im Raum.\n\nWährend der Runde werden Kinder im Kinderraum betreut.",
            "A social education worker of the Lernwerkstatt moderates the circle in Persian and German. What is said stays in the room.\n\nDuring the circle, children are looked after in the children's room.",
        ),
        languages=("fa", "prs", "de"),
        slots=(weekly("Besprechungsraum", (WE,), "10:00", "12:00"),),
        women=True,
        childcare=True,
        contact="member",
    ),
    Entry(
        slug="frauentagsfest",
        category="womens-club",
        lead="al-nour",
        co=("dostluk", "mosty"),
        texts={
            "de": (
                "Frauentagsfest: Frauen aus aller Welt feiern",
                "Zum Internationalen Frauentag laden die Frauengruppen des Hauses zu Musik, Tanz, Buffet und Geschichten starker Frauen ein – nur für Frauen und Mädchen.",
            ),
            "en": (
                "Women's Day celebration: women from around the world",
                "For International Women's Day the women's groups of the house invite you to music, dance, a buffet and stories of strong women – for women and girls only.",
            ),
            "ar": (
                "احتفال يوم المرأة: نساء من أنحاء العالم يحتفلن",
                "بمناسبة اليوم العالمي للمرأة تدعو المجموعات النسائية في البيت إلى الموسيقى والرقص والبوفيه وحكايات نساء قويات – للنساء والفتيات فقط.",
            ),
            "uk": (
                "Свято до Міжнародного жіночого дня: жінки з усього світу",
                "До Міжнародного жіночого дня жіночі групи нашого дому запрошують на музику, танці, фуршет та історії сильних жінок – лише для жінок і дівчат.",
            ),
            "ru": (
                "Праздник к Международному женскому дню: женщины со всего мира",
                "К Международному женскому дню женские группы нашего дома приглашают на музыку, танцы, фуршет и истории сильных женщин – только для женщин и девушек.",
            ),
            "tr": (
                "Kadınlar Günü şenliği: Dünyanın dört bir yanından kadınlar",
                "Dünya Kadınlar Günü için evimizin kadın grupları müziğe, dansa, açık büfeye ve güçlü kadınların hikâyelerine davet ediyor – yalnızca kadınlar ve kız çocukları için.",
            ),
            "fa": (
                "جشن روز زن: زنانی از سراسر جهان",
                "به مناسبت روز جهانی زن، گروه‌های زنان خانه به موسیقی، رقص، بوفه و قصه‌های زنان توانمند دعوت می‌کنند – فقط برای زنان و دختران.",
            ),
        },
        description=(
            "Frauencafé, Frauenfrühstück, Berehynja und die Frauenrunde gestalten den Nachmittag gemeinsam. Jede Gruppe bringt ein Gericht und einen Programmpunkt mit.\n\nMädchen jeden Alters sind willkommen.",
            "The women's café, the women's breakfast, Berehynia and the women's circle shape the afternoon together. Each group brings a dish and a programme item.\n\nGirls of all ages are welcome.",
        ),
        languages=("de", "ar", "uk", "tr", "fa"),
        slots=(once("Saal", "frauentag", "14:00", "18:00"),),
        women=True,
        needs=("sound-system",),
    ),
    # --- drafts and the archive ------------------------------------------------------------
    Entry(
        slug="gespraechskreis-vaeter",
        category="counselling",
        lead="dostluk",
        co=("lernwerkstatt",),
        texts={
            "de": (
                "Gesprächskreis für Väter",
                "Väter aus verschiedenen Ländern sprechen über Erziehung, Schule und ihre Rolle in der Familie.",
            ),
            "en": (
                "Fathers' discussion group",
                "Fathers from different countries talk about parenting, school and their role in the family.",
            ),
            "ar": (
                "حلقة نقاش للآباء",
                "آباء من بلدان مختلفة يتحدثون عن التربية والمدرسة ودورهم في العائلة.",
            ),
            "uk": (
                "Розмовний клуб для татів",
                "Тати з різних країн говорять про виховання, школу та свою роль у родині.",
            ),
        },
        description=(
            "In Planung: Wir suchen noch einen zweiten Moderator, der Arabisch spricht.",
            "Being planned: we are still looking for a second facilitator who speaks Arabic.",
        ),
        languages=("de", "tr"),
        slots=(weekly("Besprechungsraum", (FR,), "18:00", "20:00"),),
        age=(18, None),
        contact="member",
        status=OfferStatus.DRAFT,
    ),
    Entry(
        slug="schachclub",
        category="culture",
        lead="brueckenbauer",
        texts={
            "de": (
                "Schachclub für Jung und Alt",
                "Schach verbindet ohne Worte: Anfängerinnen und Profis spielen zusammen, ältere Spieler geben ihr Wissen weiter.",
            ),
            "en": (
                "Chess club for young and old",
                "Chess connects without words: beginners and experts play together, older players pass on their knowledge.",
            ),
            "ar": (
                "نادي الشطرنج للصغار والكبار",
                "الشطرنج يجمع الناس من دون كلمات: يلعب المبتدئون والمحترفون معاً، وينقل اللاعبون الأكبر سناً خبرتهم.",
            ),
            "uk": (
                "Шаховий клуб для молодих і старших",
                "Шахи об'єднують без слів: новачки й професіонали грають разом, старші гравці передають свої знання.",
            ),
            "ru": (
                "Шахматный клуб для молодых и пожилых",
                "Шахматы объединяют без слов: новички и профессионалы играют вместе, старшие игроки передают свои знания.",
            ),
        },
        description=(
            "In Planung: Der Verein sammelt noch Schachbretter und Schachuhren.",
            "Being planned: the association is still collecting chess boards and clocks.",
        ),
        languages=("de", "ru"),
        slots=(weekly("Bibliothek", (WE,), "17:00", "19:00"),),
        age=(8, None),
        contact="member",
        status=OfferStatus.DRAFT,
    ),
    Entry(
        slug="deutsch-sommerkurs-a1",
        category="language-course",
        lead="miteinander",
        texts={
            "de": (
                "Deutsch-Sommerkurs A1 (Intensivkurs)",
                "Vier Wochen Deutsch am Nachmittag in den Sommerferien – der Kurs ist abgeschlossen.",
            ),
            "en": (
                "German summer course A1 (intensive)",
                "Four weeks of German in the afternoons during the summer holidays – the course has ended.",
            ),
            "ar": (
                "دورة صيفية مكثفة في اللغة الألمانية A1",
                "أربعة أسابيع من اللغة الألمانية بعد الظهر خلال العطلة الصيفية – انتهت الدورة.",
            ),
            "uk": (
                "Літній інтенсивний курс німецької A1",
                "Чотири тижні німецької пообіді під час літніх канікул – курс завершено.",
            ),
        },
        description=(
            "Der Kurs hat im Sommer stattgefunden. Im nächsten Sommer bieten wir ihn wieder an.",
            "The course took place in the summer. We will offer it again next summer.",
        ),
        languages=("de",),
        slots=(weekly("Seminarraum B", (MO, TU, WE, TH), "12:30", "14:30"),),
        age=(16, None),
        registration=(REQ, 18),
        since="last-summer",
        count=16,
        status=OfferStatus.ARCHIVED,
    ),
]

# Dates that differ from the rule: (offer slug, weeks from now, weekday of the rule, kind,
# note by language, for a moved date: (weekday, start, end) in the same week)
EXCEPTIONS = [
    (
        "deutschkurs-a1-vormittag",
        1,
        WE,
        ExceptionKind.CANCELLED,
        {
            "de": "Fällt aus: Die Kursleiterin ist auf einer Fortbildung.",
            "en": "Cancelled: the teacher is attending a training course.",
            "ar": "أُلغي الدرس: المعلّمة تشارك في دورة تدريبية.",
            "uk": "Заняття скасовано: викладачка на підвищенні кваліфікації.",
            "ru": "Занятие отменено: преподавательница на курсах повышения квалификации.",
        },
        None,
    ),
    (
        "aerobic-fuer-alle",
        2,
        MO,
        ExceptionKind.CANCELLED,
        {
            "de": "Fällt aus, weil die Trainerin krank ist.",
            "en": "Cancelled because the trainer is ill.",
            "ar": "أُلغي التمرين لأن المدرّبة مريضة.",
            "uk": "Заняття скасовано через хворобу тренерки.",
            "tr": "Eğitmen hasta olduğu için ders iptal edildi.",
        },
        None,
    ),
    (
        "theatergruppe-buehne-ohne-grenzen",
        2,
        TH,
        ExceptionKind.MOVED,
        {
            "de": "Verlegt auf Samstagvormittag: Am Donnerstag tagt im Saal die Mitgliederversammlung.",
            "en": "Moved to Saturday morning: the general meeting is held in the hall on Thursday.",
            "ar": "نُقل الموعد إلى صباح السبت: يُعقد الاجتماع العام في القاعة يوم الخميس.",
            "uk": "Перенесено на суботу вранці: у четвер у залі проходять загальні збори.",
            "tr": "Cumartesi sabahına alındı: Perşembe günü salonda genel kurul toplantısı var.",
        },
        (SA, "10:00", "13:00"),
    ),
]

CLOSURE_REASON = {
    "de": "Weihnachtsferien: Das Haus ist geschlossen.",
    "en": "Christmas holidays: the house is closed.",
    "ar": "عطلة عيد الميلاد: البيت مغلق.",
    "uk": "Різдвяні канікули: дім зачинено.",
    "ru": "Рождественские каникулы: дом закрыт.",
    "tr": "Noel tatili: Ev kapalı.",
    "fa": "تعطیلات کریسمس: خانه بسته است.",
}


# --- building ------------------------------------------------------------------------------


def build(context) -> None:
    today = centre_today()
    this_monday = today - timedelta(days=today.weekday())
    first_day = this_monday - timedelta(weeks=8)
    closure = _christmas_closure(today)
    dates = _event_dates(today, this_monday, closure)
    check_programme(PROGRAMME)

    categories = _categories()
    associations = {a.slug: a for a in Association.objects.all()}
    rooms = {room.name_de: room for room in Room.objects.prefetch_related("equipment")}
    _check_rooms_fit(PROGRAMME, rooms)
    contacts = {a["slug"]: {"admin": a["admin"], "member": a["member"]} for a in ASSOCIATIONS}

    new_offers = {}
    for entry in PROGRAMME:
        if Offer.objects.filter(slug=entry.slug).exists():
            continue
        offer = _create_offer(entry, categories, associations, rooms, contacts)
        for slot in entry.slots:
            _create_schedule(offer, entry, slot, rooms, first_day, dates)
        new_offers[entry.slug] = offer
    for slug, weeks, weekday, kind, note, moved in EXCEPTIONS:
        if slug in new_offers:
            monday = _open_week(this_monday + timedelta(weeks=weeks), closure)
            _create_exception(new_offers[slug], monday + timedelta(days=weekday), kind, note, moved)

    schedules = Schedule.objects.filter(offer__slug__in=[e.slug for e in PROGRAMME])
    check_no_room_clashes(schedules, first_day)
    services.materialise_sessions()

    # A planner run for the coming semester, ready to look at (rooms.planner).
    from .planning import build_sample_round

    build_sample_round(context)


def _categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, names) in enumerate(CATEGORIES):
        defaults = {f"name_{code}": name for code, name in zip(LANGUAGES, names, strict=True)}
        categories[slug], _created = Category.objects.get_or_create(
            slug=slug, defaults={**defaults, "position": position * 10}
        )
    return categories


def _christmas_closure(today: date) -> Closure:
    """The house closes from Christmas Eve to New Year's Day: the coming one, or the one
    that is running on New Year's Day."""
    year = today.year - 1 if (today.month, today.day) == (1, 1) else today.year
    closure, _created = Closure.objects.get_or_create(
        starts_on=date(year, 12, 24),
        ends_on=date(year + 1, 1, 1),
        room=None,
        defaults={f"reason_{code}": text for code, text in CLOSURE_REASON.items()},
    )
    return closure


def _open_week(monday: date, closure: Closure) -> date:
    """The first Monday from `monday` on whose week does not touch the closure."""
    while monday <= closure.ends_on and monday + timedelta(days=6) >= closure.starts_on:
        monday += timedelta(weeks=1)
    return monday


def _event_dates(today: date, this_monday: date, closure: Closure) -> dict[str, date]:
    def in_weeks(weeks: int, weekday: int) -> date:
        return _open_week(this_monday + timedelta(weeks=weeks), closure) + timedelta(days=weekday)

    womens_day = date(today.year, 3, 8)
    if womens_day < today:
        womens_day = date(today.year + 1, 3, 8)
    june_30 = date(today.year, 6, 30)
    summer_festival = june_30 - timedelta(days=(june_30.weekday() - SA) % 7)
    if summer_festival < today:
        june_30 = date(today.year + 1, 6, 30)
        summer_festival = june_30 - timedelta(days=(june_30.weekday() - SA) % 7)
    summer_year = today.year if today > date(today.year, 8, 31) else today.year - 1
    july_6 = date(summer_year, 7, 6)
    return {
        "infoabend": in_weeks(2, FR),
        "premiere": in_weeks(3, SA),
        "vorspiel": in_weeks(7, SU),
        # the Saturday on or after 8 March
        "frauentag": womens_day + timedelta(days=(SA - womens_day.weekday()) % 7),
        # the last Saturday of June
        "sommerfest": summer_festival,
        # the first Monday from 6 July of the last summer
        "last-summer": july_6 + timedelta(days=(MO - july_6.weekday()) % 7),
    }


def _create_offer(entry, categories, associations, rooms, contacts) -> Offer:
    email, name, _language = contacts[entry.lead][entry.contact]
    offer = Offer(
        slug=entry.slug,
        category=categories[entry.category],
        lead_association=associations[entry.lead],
        languages=list(entry.languages),
        age_min=entry.age[0],
        age_max=entry.age[1],
        is_women_only=entry.women,
        is_for_families=entry.families,
        is_for_children=entry.children,
        is_step_free=all(rooms[slot.room].is_step_free for slot in entry.slots),
        has_childcare=entry.childcare,
        contact_name=name,
        contact_email=email,
        status=entry.status,
    )
    for code, (title, summary) in entry.texts.items():
        setattr(offer, f"title_{code}", title)
        setattr(offer, f"summary_{code}", summary)
    description_de, description_en = entry.description
    upstairs = sorted({rooms[s.room].floor for s in entry.slots if not rooms[s.room].is_step_free})
    if upstairs:
        floor = upstairs[0]
        description_de += f"\n\n**Hinweis:** Der Raum liegt im {floor}. Obergeschoss und ist nicht stufenlos erreichbar."
        description_en += f"\n\n**Please note:** the room is on floor {floor} and cannot be reached without steps."
    offer.description_de, offer.description_en = description_de, description_en
    if entry.cost:
        offer.cost_kind = CostKind.REDUCED if len(entry.cost) == 2 else CostKind.PAID
        offer.price = Decimal(entry.cost[0])
        offer.reduced_price = Decimal(entry.cost[1]) if len(entry.cost) == 2 else None
    if entry.registration:
        offer.registration_mode = entry.registration[0]
        offer.capacity = entry.registration[1]
        if len(entry.registration) > 2:
            offer.registration_scope = entry.registration[2]
    offer.full_clean()
    offer.save()
    offer.co_hosts.set([associations[slug] for slug in entry.co])
    return offer


def _time(text: str) -> time:
    return time.fromisoformat(text)


def _create_schedule(offer, entry, slot, rooms, first_day, dates) -> Schedule:
    if slot.on:
        starts_on = dates[slot.on]
    elif entry.since:
        starts_on = dates[entry.since]
    else:
        starts_on = first_day
    schedule = Schedule(
        offer=offer,
        starts_on=starts_on,
        start_time=_time(slot.start),
        end_time=_time(slot.end),
        weekdays=list(slot.weekdays),
        interval_weeks=slot.every,
        count=entry.count,
        room=rooms[slot.room],
    )
    schedule.full_clean()
    schedule.save()
    return schedule


def _create_exception(offer, day, kind, note, moved) -> None:
    exception = ScheduleException(schedule=offer.schedules.get(), day=day, kind=kind)
    if moved:
        moved_weekday, start, end = moved
        exception.moved_to = day + timedelta(days=moved_weekday - day.weekday())
        exception.moved_start_time = _time(start)
        exception.moved_end_time = _time(end)
    for code, text in note.items():
        setattr(exception, f"note_{code}", text)
    exception.full_clean()
    exception.save()


# --- checks --------------------------------------------------------------------------------


class SampleProgrammeError(ValueError):
    """The sample programme contradicts itself or the sample house."""


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def check_programme(entries) -> None:
    """What the data must say before anything is written: unique slugs, the four languages,
    women-only women's club, and childcare only where the children's room runs at the time."""
    slugs = [e.slug for e in entries]
    if len(slugs) != len(set(slugs)):
        raise SampleProgrammeError("Two sample offers share a slug.")
    childcare = [
        (day, _minutes(s.start), _minutes(s.end))
        for e in entries
        if e.category == "childcare" and e.status == OfferStatus.PUBLISHED
        for s in e.slots
        for day in s.weekdays
    ]
    for entry in entries:
        missing = {"de", "en", "ar", "uk"} - set(entry.texts)
        if missing:
            raise SampleProgrammeError(f"{entry.slug}: no title in {sorted(missing)}.")
        if entry.category == "womens-club" and not entry.women:
            raise SampleProgrammeError(f"{entry.slug}: the women's club is for women only.")
        if entry.lead in entry.co:
            raise SampleProgrammeError(f"{entry.slug}: the lead cannot co-host.")
        if entry.childcare:
            for slot in entry.slots:
                start, end = _minutes(slot.start), _minutes(slot.end)
                for day in slot.weekdays or (None,):
                    if not any(d == day and s <= start and end <= e for d, s, e in childcare):
                        raise SampleProgrammeError(
                            f"{entry.slug}: childcare promised but the children's room is "
                            f"not staffed on day {day} {slot.start}–{slot.end}."
                        )


def _check_rooms_fit(entries, rooms) -> None:
    for entry in entries:
        for slot in entry.slots:
            room = rooms.get(slot.room)
            if room is None:
                raise SampleProgrammeError(f"{entry.slug}: no room {slot.room!r} in the house.")
            if entry.registration and entry.registration[1] > room.capacity:
                raise SampleProgrammeError(
                    f"{entry.slug}: {entry.registration[1]} places, but {room} holds "
                    f"{room.capacity}."
                )
            equipment = {item.slug for item in room.equipment.all()}
            if not set(entry.needs) <= equipment:
                raise SampleProgrammeError(
                    f"{entry.slug}: {room} lacks {sorted(set(entry.needs) - equipment)}."
                )


def check_no_room_clashes(schedules, first_day: date, weeks: int = 60) -> None:
    """Raise if two schedules would use one room at the same time.

    Two checks: weekly rules whose periods overlap must not share a room, weekday and time
    (whatever their week interval – the stricter rule the room planner will enforce); and
    every concrete date (one-off events and moved dates included, cancelled ones left out)
    over `weeks` weeks from `first_day` must have its room to itself."""
    schedules = list(schedules.select_related("offer", "room").prefetch_related("exceptions"))
    far = first_day + timedelta(weeks=weeks)
    recurring = [s for s in schedules if s.weekdays and s.room_id]
    for index, a in enumerate(recurring):
        a_last = _last_day(a) or far
        for b in recurring[index + 1 :]:
            b_last = _last_day(b) or far
            if (
                a.room_id == b.room_id
                and set(a.weekdays) & set(b.weekdays)
                and a.start_time < b.end_time
                and b.start_time < a.end_time
                and a.starts_on <= b_last
                and b.starts_on <= a_last
            ):
                raise SampleProgrammeError(f"Room clash in {a.room}: {a.offer} and {b.offer}.")
    last = max([far, *(s.starts_on for s in schedules)])
    by_room: dict[int, list] = {}
    for schedule in schedules:
        first = min(first_day, schedule.starts_on)
        for plan in services.planned_sessions(schedule, first, last, closures=[]):
            if plan.room_id and not plan.is_cancelled:
                by_room.setdefault(plan.room_id, []).append(
                    (plan.starts_at, plan.ends_at, schedule)
                )
    for dates in by_room.values():
        dates.sort(key=lambda item: item[0])
        for (_s1, end1, one), (start2, _e2, two) in zip(dates, dates[1:], strict=False):
            if start2 < end1:
                raise SampleProgrammeError(
                    f"Room clash in {one.room} on {start2:%d.%m.%Y %H:%M}: "
                    f"{one.offer} and {two.offer}."
                )


def _last_day(schedule: Schedule) -> date | None:
    if schedule.until:
        return schedule.until
    if schedule.count:
        days = schedule.recurrence.days(
            schedule.starts_on, schedule.starts_on + timedelta(weeks=60)
        )
        return days[-1] if days else schedule.starts_on
    return None
