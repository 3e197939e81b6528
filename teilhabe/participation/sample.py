"""The sample ideas board: a handful of invented ideas in several languages with supports, one
adopted by the association that runs the sample language café and linked to it, one not
possible with a reason. No sample supporter leaves an address, so no e-mail goes out.

A second run changes nothing: ideas are looked up by their title."""

from teilhabe.accounts.models import Role, User
from teilhabe.associations.models import MembershipRole
from teilhabe.programme.models import Offer

from . import services
from .models import Idea, IdeaStatus, Support

IDEAS = [
    # title, text, language, proposer, supports
    (
        "Fahrradkurs für Erwachsene",
        "Viele Frauen im Stadtteil haben nie Radfahren gelernt. Ein Kurs am Wochenende auf "
        "dem Hof wäre toll.",
        "de",
        "Amina",
        7,
    ),
    (
        "Hausaufgabenhilfe auf Ukrainisch und Deutsch",
        "Наші діти ходять до німецької школи. Допомога з домашніми завданнями двома мовами "
        "дуже допомогла б батькам.",
        "uk",
        "",
        5,
    ),
    (
        "Kochabend: Gerichte aus aller Welt",
        "Her ay bir ülkenin yemeklerini birlikte pişirelim ve tarifleri paylaşalım.",
        "tr",
        "Mehmet",
        9,
    ),
    (
        "Sprechstunde zum Mietrecht",
        "أحتاج إلى مساعدة في فهم عقد الإيجار. هل يمكن أن تكون هناك استشارة باللغة العربية؟",
        "ar",
        "",
        4,
    ),
    (
        "Mehr Gesprächsrunden zum Deutschüben",
        "Wir möchten öfter in kleinen Gruppen Deutsch sprechen, ganz ohne Prüfungsdruck.",
        "de",
        "Olena",
        12,
    ),
    (
        "Schwimmbad im Haus",
        "Ein eigenes Schwimmbad im Haus, damit Kinder schwimmen lernen können.",
        "fa",
        "",
        3,
    ),
]
ADOPTED = "Mehr Gesprächsrunden zum Deutschüben"
ADOPTED_OFFER = "sprachcafe"
NOT_POSSIBLE = "Schwimmbad im Haus"
NOT_POSSIBLE_REASON = (
    "Im Haus ist dafür kein Platz. Wir haben aber die Schwimmkurse der städtischen Bäder in "
    "die Übersicht der Angebote aufgenommen."
)


def build(context) -> None:
    staff = User.objects.filter(role=Role.STAFF, is_active=True).order_by("pk").first()
    for title, text, language, proposer, supports in IDEAS:
        if Idea.objects.filter(title=title).exists():
            continue
        idea = Idea.objects.create(
            title=title, text=text, language=language, proposer_name=proposer
        )
        Support.objects.bulk_create(
            Support(idea=idea, supporter_key=f"sample:{idea.pk}:{number}", language=language)
            for number in range(supports)
        )
        if title == NOT_POSSIBLE and staff is not None:
            services.set_idea_status(
                idea=idea,
                status=IdeaStatus.NOT_POSSIBLE,
                reason=NOT_POSSIBLE_REASON,
                by=staff,
            )
            services.answer_idea(
                idea=idea, answer="Danke für die Idee – siehe Begründung.", by=staff
            )
        if title == ADOPTED:
            _adopt(idea)


def _adopt(idea: Idea) -> None:
    offer = Offer.objects.filter(slug=ADOPTED_OFFER).select_related("lead_association").first()
    if offer is None:
        return
    association = offer.lead_association
    admin = (
        association.memberships.filter(role=MembershipRole.ADMIN, user__is_active=True)
        .select_related("user")
        .first()
    )
    if admin is None:
        return
    services.adopt_idea(idea=idea, by=admin.user, association=association)
    services.link_offer(idea=idea, offer=offer, by=admin.user)
