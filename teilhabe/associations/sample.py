"""Six invented associations — four of them migrant organisations — and the cooperation
agreement they have all signed."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.sample import ensure_user

from .models import Association, CooperationAgreement, Membership, MembershipRole, Signature

BERLIN = ZoneInfo("Europe/Berlin")

ASSOCIATIONS = [
    {
        "slug": "brueckenbauer",
        "name": "Brückenbauer e. V.",
        "is_migrant_organisation": True,
        "founding_year": 2004,
        "languages": ["de", "ru", "uk", "kk"],
        "countries_of_origin": ["RU", "KZ", "UA"],
        "short": {
            "de": "Verein von Spätaussiedlerinnen und Spätaussiedlern: Beratung, Chor und Hausaufgabenhilfe.",
            "en": "Association of late repatriates: counselling, choir and homework help.",
            "ar": "جمعية للعائدين المتأخرين من أصل ألماني: استشارات وجوقة ومساعدة في الواجبات المدرسية.",
            "uk": "Об'єднання пізніх переселенців: консультації, хор і допомога з домашніми завданнями.",
            "ru": "Объединение поздних переселенцев: консультации, хор и помощь с домашними заданиями.",
        },
        "admin": ("irina.wolf@brueckenbauer.example", "Irina Wolf", "ru"),
        "member": ("andrej.becker@brueckenbauer.example", "Andrej Becker", "de"),
    },
    {
        "slug": "al-nour",
        "name": "Al-Nour Kultur- und Bildungsverein e. V.",
        "is_migrant_organisation": True,
        "founding_year": 2016,
        "languages": ["ar", "de", "ku"],
        "countries_of_origin": ["SY", "IQ"],
        "short": {
            "de": "Von Geflüchteten aus Syrien gegründet: Sprachcafé, Frauenclub und Kulturabende.",
            "en": "Founded by refugees from Syria: language café, women's club and cultural evenings.",
            "ar": "أسسها لاجئون من سوريا: مقهى لغوي ونادٍ للنساء وأمسيات ثقافية.",
            "uk": "Заснована біженцями з Сирії: мовне кафе, жіночий клуб і культурні вечори.",
        },
        "admin": ("samira.khalil@al-nour.example", "Samira Khalil", "ar"),
        "member": ("omar.haddad@al-nour.example", "Omar Haddad", "ar"),
    },
    {
        "slug": "mosty",
        "name": "Mosty – Ukrainische Gemeinschaft e. V.",
        "is_migrant_organisation": True,
        "founding_year": 2022,
        "languages": ["uk", "ru", "de"],
        "countries_of_origin": ["UA"],
        "short": {
            "de": "Ukrainische Gemeinschaft: Kinderbetreuung, Musikunterricht und Orientierung für Neuangekommene.",
            "en": "Ukrainian community: childcare, music lessons and orientation for newcomers.",
            "uk": "Українська громада: догляд за дітьми, уроки музики та орієнтація для новоприбулих.",
            "ru": "Украинская община: присмотр за детьми, уроки музыки и ориентация для новоприбывших.",
        },
        "admin": ("oksana.bondar@mosty.example", "Oksana Bondar", "uk"),
        "member": ("taras.melnyk@mosty.example", "Taras Melnyk", "uk"),
    },
    {
        "slug": "dostluk",
        "name": "Dostluk Deutsch-Türkischer Verein e. V.",
        "is_migrant_organisation": True,
        "founding_year": 1998,
        "languages": ["tr", "de", "ku"],
        "countries_of_origin": ["TR"],
        "short": {
            "de": "Deutsch-türkischer Verein: Theatergruppe, Elterncafé und Aerobic.",
            "en": "German-Turkish association: theatre group, parents' café and aerobics.",
            "tr": "Alman-Türk derneği: tiyatro grubu, veli kafesi ve aerobik.",
            "ar": "جمعية ألمانية تركية: فرقة مسرح ومقهى للآباء والأمهات وتمارين الأيروبيك.",
        },
        "admin": ("ayse.yilmaz@dostluk.example", "Ayşe Yılmaz", "tr"),
        "member": ("mehmet.kaya@dostluk.example", "Mehmet Kaya", "tr"),
    },
    {
        "slug": "miteinander",
        "name": "Miteinander Erfurt e. V.",
        "is_migrant_organisation": False,
        "founding_year": 1992,
        "languages": ["de", "en"],
        "countries_of_origin": [],
        "short": {
            "de": "Bürgerverein für Nachbarschaft: Deutschkurse, Patenschaften und Fahrradwerkstatt.",
            "en": "Neighbourhood civic association: German courses, mentoring and a bike workshop.",
            "ar": "جمعية مدنية للجوار: دورات في اللغة الألمانية ورعاية وورشة دراجات.",
            "uk": "Громадське сусідське об'єднання: курси німецької, наставництво та велосипедна майстерня.",
        },
        "admin": ("katrin.schulz@miteinander.example", "Katrin Schulz", "de"),
        "member": ("jonas.weber@miteinander.example", "Jonas Weber", "de"),
    },
    {
        "slug": "lernwerkstatt",
        "name": "Lernwerkstatt Thüringen e. V.",
        "is_migrant_organisation": False,
        "founding_year": 2009,
        "languages": ["de", "en", "fa"],
        "countries_of_origin": [],
        "short": {
            "de": "Bildungsverein: Integrationskurse, Bewerbungstraining und Lernhilfe.",
            "en": "Education association: integration courses, job application training and tutoring.",
            "fa": "انجمن آموزشی: دوره‌های ادغام، آموزش درخواست کار و کمک درسی.",
        },
        "admin": ("thomas.richter@lernwerkstatt.example", "Thomas Richter", "de"),
        "member": ("leila.ahmadi@lernwerkstatt.example", "Leila Ahmadi", "fa"),
    },
]

AGREEMENT_TEXT_DE = """Die im Haus ansässigen Vereine vereinbaren:

1. **Über die eigenen Belange hinaus** setzen wir uns für das gemeinsame Programm des Hauses ein.
2. Wir **planen Angebote gemeinsam** und laden die anderen Vereine zur Mitwirkung ein.
3. Eingewanderte Menschen sind bei uns **nicht nur Ratsuchende**, sondern gestalten mit –
   gleichberechtigt mit Einheimischen.
4. Wir **teilen Räume fair** und halten Buchungen ein.
5. Wir machen unsere Angebote **transparent** im gemeinsamen Programm sichtbar.
"""
AGREEMENT_TEXT_EN = """The associations resident in the house agree:

1. **Beyond our own concerns** we work for the joint programme of the house.
2. We **plan offers together** and invite the other associations to take part.
3. People who immigrated are **not only clients** with us but shape the programme – as equals
   with locals.
4. We **share rooms fairly** and keep to bookings.
5. We make our offers **transparently** visible in the joint programme.
"""
AGREEMENT_TEXT_AR = """تتفق الجمعيات المقيمة في البيت على ما يلي:

1. نعمل **أبعد من شؤوننا الخاصة** من أجل البرنامج المشترك للبيت.
2. **نخطط للعروض معاً** وندعو الجمعيات الأخرى إلى المشاركة.
3. المهاجرون عندنا **ليسوا مجرد طالبي مشورة**، بل يشاركون في التشكيل على قدم المساواة مع السكان المحليين.
4. **نتقاسم الغرف بإنصاف** ونلتزم بالحجوزات.
5. نجعل عروضنا **مرئية بشفافية** في البرنامج المشترك.
"""


def build(context) -> None:
    staff = User.objects.filter(role=Role.STAFF).order_by("pk").first()
    associations = []
    for index, data in enumerate(ASSOCIATIONS):
        association = Association.objects.filter(slug=data["slug"]).first()
        if association is None:
            association = Association(slug=data["slug"])
            association.name = data["name"]
            association.is_migrant_organisation = data["is_migrant_organisation"]
            association.founding_year = data["founding_year"]
            association.languages = data["languages"]
            association.countries_of_origin = data["countries_of_origin"]
            association.contact_email = f"info@{data['slug']}.example"
            for code, text in data["short"].items():
                setattr(association, f"short_description_{code}", text)
            association.description_de = (
                f"{data['short']['de']}\n\nWir sind Mitglied im Haus seit "
                f"{max(data['founding_year'], 2010)} und haben die Kooperationsvereinbarung "
                "unterzeichnet."
            )
            association.description_en = (
                f"{data['short']['en']}\n\nWe have been a member of the house since "
                f"{max(data['founding_year'], 2010)} and have signed the cooperation agreement."
            )
            association.save()
        associations.append(association)
        for (email, name, language), role in (
            (data["admin"], MembershipRole.ADMIN),
            (data["member"], MembershipRole.MEMBER),
        ):
            user = ensure_user(
                email=email,
                display_name=name,
                role=Role.PARTICIPANT,
                language=language,
                password=context.password,
            )
            Membership.objects.get_or_create(
                user=user, association=association, defaults={"role": role}
            )
            if index == 0:
                context.add_login(f"association {role}", email)

    agreement = CooperationAgreement.objects.filter(version=1).first()
    if agreement is None:
        agreement = CooperationAgreement(
            version=1,
            published_at=datetime(2016, 3, 1, 10, 0, tzinfo=BERLIN),
            published_by=staff,
        )
        agreement.title_de = "Kooperationsvereinbarung des Hauses"
        agreement.title_en = "Cooperation agreement of the house"
        agreement.title_ar = "اتفاقية التعاون في البيت"
        agreement.text_de = AGREEMENT_TEXT_DE
        agreement.text_en = AGREEMENT_TEXT_EN
        agreement.text_ar = AGREEMENT_TEXT_AR
        agreement.save()
    for index, association in enumerate(associations):
        admin = (
            Membership.objects.filter(association=association, role=MembershipRole.ADMIN)
            .select_related("user")
            .first()
        )
        Signature.objects.get_or_create(
            agreement=agreement,
            association=association,
            defaults={
                "signed_by": admin.user,
                "signatory_name": admin.user.display_name,
                "signed_at": max(
                    datetime(2016, 3, 15 + index, 12, 0, tzinfo=BERLIN), agreement.published_at
                )
                if association.founding_year < 2022
                else timezone.make_aware(datetime(2022, 9, 1, 12, 0), BERLIN),
            },
        )
