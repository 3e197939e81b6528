"""The sample funding: topics and target groups, funders at every level and about twenty
programmes — real public programme names where their facts are public, every figure otherwise
invented and every programme marked as sample data ("Beispieldaten") — and two years of
applications of the six sample associations in every state, moved through the services so that
their steps, reports and payments are real, with advice by the sample staff member.

A second run changes nothing: topics, groups, funders and programmes are looked up by their
keys, applications by association and title, advice only added to an association that has
none."""

from datetime import date, timedelta
from decimal import Decimal

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.sample import ensure_user
from teilhabe.associations.models import Association
from teilhabe.core.recurrence import centre_today
from teilhabe.programme.models import Offer

from . import services
from .models import (
    AdviceSession,
    Application,
    ApplicationStatus,
    DeadlineKind,
    Funder,
    FunderLevel,
    FundingProgramme,
    FundingTopic,
    ProgrammeDeadline,
    TargetGroup,
)

S = ApplicationStatus
SAMPLE_STAFF = "petra.lange@haus-der-vielfalt.example"
SAMPLE_NOTE = (
    "Beispieldaten: Angaben vereinfacht bzw. erfunden – vor einem Antrag beim Fördergeber prüfen."
)

TOPICS = [
    ("integration", "Integration", "Integration"),
    ("bildung", "Bildung", "Education"),
    ("demokratie", "Demokratie", "Democracy"),
    ("kultur", "Kultur", "Culture"),
    ("sport", "Sport", "Sport"),
    ("arbeit", "Arbeit und Ausbildung", "Work and training"),
    ("gesundheit", "Gesundheit", "Health"),
    ("frauen", "Frauen", "Women"),
    ("kinder-jugend", "Kinder und Jugend", "Children and youth"),
    ("senioren", "Seniorinnen und Senioren", "Older people"),
    ("sprache", "Sprache", "Language"),
    ("engagement", "Ehrenamt und Engagement", "Volunteering"),
]
GROUPS = [
    ("zugewanderte", "Zugewanderte", "Immigrants"),
    ("gefluechtete", "Geflüchtete", "Refugees"),
    ("kinder", "Kinder", "Children"),
    ("jugendliche", "Jugendliche", "Young people"),
    ("frauen", "Frauen", "Women"),
    ("familien", "Familien", "Families"),
    ("senioren", "Ältere Menschen", "Older people"),
    ("ehrenamtliche", "Ehrenamtliche", "Volunteers"),
    ("migrantenorganisationen", "Migrantenorganisationen", "Migrant organisations"),
]
FED, STATE, MUNI, EU, FOUND, OTHER = (
    FunderLevel.FEDERAL,
    FunderLevel.STATE,
    FunderLevel.MUNICIPAL,
    FunderLevel.EU,
    FunderLevel.FOUNDATION,
    FunderLevel.OTHER,
)
FUNDERS = [
    ("Bundesamt für Migration und Flüchtlinge (BAMF)", FED, "https://www.bamf.de"),
    (
        "Bundesministerium für Familie, Senioren, Frauen und Jugend (BMFSFJ)",
        FED,
        "https://www.bmfsfj.de",
    ),
    ("Europäische Kommission", EU, "https://commission.europa.eu"),
    ("Thüringer Ministerium für Soziales (Beispiel)", STATE, ""),
    ("Thüringer Staatskanzlei (Beispiel)", STATE, ""),
    ("Stadt Erfurt – Kulturdirektion (Beispiel)", MUNI, ""),
    ("Stadt Erfurt – Integrationsbeauftragte (Beispiel)", MUNI, ""),
    ("Aktion Mensch", OTHER, "https://www.aktion-mensch.de"),
    (
        "Deutsche Stiftung für Engagement und Ehrenamt",
        FOUND,
        "https://www.deutsche-stiftung-engagement-und-ehrenamt.de",
    ),
    ("Robert Bosch Stiftung", FOUND, "https://www.bosch-stiftung.de"),
    ("Bürgerstiftung Erfurt (Beispiel)", FOUND, ""),
    ("Sparkassen-Kulturstiftung (Beispiel)", FOUND, ""),
    ("Landessportbund Thüringen (Beispiel)", OTHER, ""),
    ("Europäischer Sozialfonds Plus – Landesverwaltung (Beispiel)", EU, ""),
]
ASSOC = ["association", "migrant_org", "non_profit"]
# key, title, funder (index), topics, groups, region, min, max, rate, own share, deadlines
# (kind, days as (month, day) for yearly, days ahead for fixed), months (min, max), summary
PROGRAMMES = [
    ("bamf-integrationsprojekte", "Integrationsprojekte (gemeinwesenorientiert)", 0,
     ["integration", "sprache"], ["zugewanderte", "gefluechtete"], "Deutschland",
     10000, 200000, 90, 10, (DeadlineKind.YEARLY, [(3, 31)]), (12, 36),
     "Projekte, die das Zusammenleben vor Ort stärken und Zugewanderte einbeziehen."),
    ("bamf-mo-strukturfoerderung", "Strukturförderung von Migrantenorganisationen", 0,
     ["integration", "engagement"], ["migrantenorganisationen"], "Deutschland",
     50000, 300000, 90, 10, (DeadlineKind.FIXED, [60]), (24, 36),
     "Stärkt Migrantenorganisationen als Träger der Integrationsarbeit."),
    ("demokratie-leben-partnerschaften", "„Demokratie leben!“ – Partnerschaften für Demokratie (Aktions- und Initiativfonds)", 1,
     ["demokratie", "engagement"], ["jugendliche", "zugewanderte"], "Erfurt",
     500, 5000, 100, 0, (DeadlineKind.YEARLY, [(2, 28), (6, 30), (9, 30)]), (1, 12),
     "Kleine Projekte für Demokratie, Vielfalt und gegen Menschenfeindlichkeit vor Ort."),
    ("demokratie-leben-modellprojekte", "„Demokratie leben!“ – Modellprojekte", 1,
     ["demokratie"], ["jugendliche"], "Deutschland",
     50000, 250000, 90, 10, (DeadlineKind.FIXED, [150]), (24, 48),
     "Erprobt neue Ansätze der Demokratieförderung und Extremismusprävention."),
    ("amif-integration", "Asyl-, Migrations- und Integrationsfonds (AMIF)", 2,
     ["integration", "arbeit"], ["gefluechtete", "zugewanderte"], "EU",
     100000, 1500000, 75, 25, (DeadlineKind.FIXED, [200]), (24, 36),
     "EU-Fonds für Projekte der Aufnahme und Integration von Drittstaatsangehörigen."),
    ("esf-plus-thueringen", "ESF Plus – Integration in Arbeit", 13,
     ["arbeit", "bildung"], ["zugewanderte", "frauen"], "Thüringen",
     30000, 400000, 80, 20, (DeadlineKind.YEARLY, [(10, 31)]), (12, 36),
     "Begleitet Zugewanderte in Ausbildung und Arbeit."),
    ("denk-bunt", "Thüringer Landesprogramm für Demokratie, Toleranz und Weltoffenheit „Denk Bunt“", 3,
     ["demokratie", "kultur"], ["jugendliche", "familien"], "Thüringen",
     2000, 40000, 90, 10, (DeadlineKind.YEARLY, [(11, 30)]), (6, 12),
     "Projekte für Demokratie und Weltoffenheit in Thüringen."),
    ("thueringen-integration", "Landesprogramm Integration und Teilhabe", 3,
     ["integration", "frauen"], ["zugewanderte", "frauen", "familien"], "Thüringen",
     5000, 80000, 85, 15, (DeadlineKind.YEARLY, [(1, 31)]), (12, 24),
     "Niedrigschwellige Integrationsangebote für Familien und Frauen."),
    ("thueringen-ehrenamt", "Thüringer Ehrenamtsförderung", 4,
     ["engagement"], ["ehrenamtliche"], "Thüringen",
     500, 5000, 100, 0, (DeadlineKind.ROLLING, []), (1, 12),
     "Kleine Zuschüsse für ehrenamtliche Arbeit."),
    ("erfurt-kulturfoerderung", "Kulturförderung der Stadt Erfurt", 5,
     ["kultur"], ["zugewanderte", "familien", "senioren"], "Erfurt",
     500, 15000, 70, 30, (DeadlineKind.YEARLY, [(9, 30)]), (1, 12),
     "Projektförderung für Kunst und Kultur in der Stadt."),
    ("erfurt-integrationsfonds", "Integrationsfonds der Stadt Erfurt", 6,
     ["integration", "sprache", "kinder-jugend"], ["zugewanderte", "kinder"], "Erfurt",
     500, 10000, 80, 20, (DeadlineKind.YEARLY, [(2, 29)]), (1, 12),
     "Zuschüsse für Vereine, die Zugewanderte in der Stadt unterstützen."),
    ("aktion-mensch-inklusion", "Aktion Mensch – Förderprogramm Inklusion", 7,
     ["gesundheit", "integration"], ["familien", "senioren"], "Deutschland",
     5000, 350000, 70, 30, (DeadlineKind.ROLLING, []), (6, 60),
     "Projekte für Inklusion und gleichberechtigte Teilhabe."),
    ("aktion-mensch-kinder-jugend", "Aktion Mensch – Kinder- und Jugendhilfe", 7,
     ["kinder-jugend", "bildung"], ["kinder", "jugendliche"], "Deutschland",
     5000, 150000, 80, 20, (DeadlineKind.ROLLING, []), (6, 36),
     "Projekte, die Kinder und Jugendliche stärken."),
    ("dsee-engagement", "Deutsche Stiftung für Engagement und Ehrenamt – Mikroförderung", 8,
     ["engagement"], ["ehrenamtliche", "migrantenorganisationen"], "Deutschland",
     500, 2500, 100, 0, (DeadlineKind.FIXED, [90]), (1, 12),
     "Kleine Förderungen für ehrenamtliche Strukturen, besonders im ländlichen Raum."),
    ("bosch-zusammenhalt", "Robert Bosch Stiftung – Zusammenhalt in Vielfalt", 9,
     ["integration", "demokratie"], ["zugewanderte"], "Deutschland",
     20000, 150000, 100, 0, (DeadlineKind.FIXED, [120]), (12, 36),
     "Förderung von Initiativen für Zusammenhalt in einer vielfältigen Gesellschaft."),
    ("buergerstiftung-nachbarschaft", "Nachbarschaftsfonds", 10,
     ["kinder-jugend", "bildung", "senioren"], ["kinder", "senioren", "familien"], "Erfurt",
     300, 5000, 100, 0, (DeadlineKind.YEARLY, [(4, 15), (10, 15)]), (1, 12),
     "Kleine Projekte für gute Nachbarschaft und Bildung in Erfurt."),
    ("sparkasse-kultur", "Kulturförderung für Vereine", 11,
     ["kultur"], ["familien", "jugendliche"], "Thüringen",
     500, 8000, 60, 40, (DeadlineKind.ROLLING, []), (1, 12),
     "Zuschüsse für Musik, Theater und Kulturprojekte."),
    ("lsb-integration-durch-sport", "Integration durch Sport", 12,
     ["sport", "integration"], ["zugewanderte", "frauen", "jugendliche"], "Thüringen",
     500, 10000, 90, 10, (DeadlineKind.YEARLY, [(12, 15)]), (12, 12),
     "Sportangebote, die Zugewanderte und Einheimische zusammenbringen."),
    ("bmfsfj-mehrgenerationen", "Mehrgenerationen-Projekte (Beispiel)", 1,
     ["senioren", "engagement"], ["senioren", "familien"], "Deutschland",
     5000, 40000, 80, 20, (DeadlineKind.YEARLY, [(5, 31)]), (12, 24),
     "Begegnung der Generationen und Engagement im Alter."),
    ("thueringen-sprachfoerderung", "Sprachförderung für Erwachsene (Beispiel)", 3,
     ["sprache", "bildung"], ["zugewanderte", "frauen"], "Thüringen",
     2000, 30000, 90, 10, (DeadlineKind.YEARLY, [(3, 15)]), (6, 12),
     "Ergänzende Sprachkurse neben den Integrationskursen, auch mit Kinderbetreuung."),
]  # fmt: skip

# association, title, programme key, status reached, and when (days from today): project
# start and end, submission, decision; amounts requested and approved; the share of the
# approved amount received.
APPLICATIONS = [
    ("brueckenbauer", "Hausaufgabenhilfe für Kinder", "buergerstiftung-nachbarschaft", S.RUNNING,
     (-220, 140), -320, -250, 4800, 4800, 0.5),
    ("brueckenbauer", "Chor der Generationen", "erfurt-kulturfoerderung", S.IDEA,
     (120, 480), None, None, 3500, None, 0),
    ("al-nour", "Frauenclub: Stark im Alltag", "thueringen-integration", S.PARTLY_APPROVED,
     (40, 400), -70, -12, 18000, 12500, 0),
    ("al-nour", "Sprachcafé Arabisch–Deutsch", "erfurt-integrationsfonds", S.REPORTING,
     (-520, -45), -600, -540, 7500, 7500, 1.0),
    ("mosty", "Musikschule für Kinder aus der Ukraine", "aktion-mensch-kinder-jugend", S.SUBMITTED,
     (90, 820), -30, None, 42000, None, 0),
    ("mosty", "Ankommen in Erfurt", "bamf-integrationsprojekte", S.REJECTED,
     (-150, 580), -330, -200, 95000, None, 0),
    ("mosty", "Demokratiewerkstatt für Jugendliche", "demokratie-leben-partnerschaften",
     S.PREPARATION, (60, 300), None, None, 4500, None, 0),
    ("dostluk", "Theatergruppe „Sahne“", "sparkasse-kultur", S.CLOSED,
     (-700, -340), -760, -720, 6000, 6000, 1.0),
    ("dostluk", "Elterncafé", "denk-bunt", S.PREPARATION,
     (150, 510), None, None, 9000, None, 0),
    ("miteinander", "Patenschaften für Geflüchtete", "dsee-engagement", S.APPROVED,
     (30, 360), -60, -6, 2500, 2500, 0),
    ("miteinander", "Fahrradwerkstatt für alle", "aktion-mensch-inklusion", S.CLOSED,
     (-200, 160), -280, -230, 28000, 0, 0),
    ("lernwerkstatt", "Bewerbungstraining für zugewanderte Frauen", "esf-plus-thueringen",
     S.RUNNING, (-400, 330), -480, -420, 120000, 120000, 0.6),
    ("lernwerkstatt", "Lernhilfe digital", "aktion-mensch-kinder-jugend", S.IDEA,
     (200, 560), None, None, 25000, None, 0),
]  # fmt: skip
PATHS = {
    S.IDEA: [],
    S.PREPARATION: [S.PREPARATION],
    S.SUBMITTED: [S.PREPARATION, S.SUBMITTED],
    S.APPROVED: [S.PREPARATION, S.SUBMITTED, S.APPROVED],
    S.PARTLY_APPROVED: [S.PREPARATION, S.SUBMITTED, S.PARTLY_APPROVED],
    S.REJECTED: [S.PREPARATION, S.SUBMITTED, S.REJECTED],
    S.RUNNING: [S.PREPARATION, S.SUBMITTED, S.APPROVED, S.RUNNING],
    S.REPORTING: [S.PREPARATION, S.SUBMITTED, S.APPROVED, S.RUNNING, S.REPORTING],
}
ADVICE = [
    ("Förderprogramme für die Hausaufgabenhilfe", "Nachbarschaftsfonds und Aktion Mensch verglichen.",
     "Antrag beim Nachbarschaftsfonds stellen."),
    ("Finanzplan und Eigenanteil", "Eigenanteil aus Mitgliedsbeiträgen und bewerteter ehrenamtlicher Arbeit besprochen.",
     "Finanzplan überarbeiten und erneut vorlegen."),
    ("Verwendungsnachweis", "Aufbau des Sachberichts und zahlenmäßigen Nachweises erklärt.",
     "Belege sammeln, Entwurf bis Monatsende."),
]  # fmt: skip


def build(context) -> None:
    staff = User.objects.filter(email=SAMPLE_STAFF).first() or ensure_user(
        email=SAMPLE_STAFF,
        display_name="Petra Lange",
        role=Role.STAFF,
        language="de",
        password=context.password,
    )
    topics = _vocabulary(FundingTopic, TOPICS)
    groups = _vocabulary(TargetGroup, GROUPS)
    funders = [_funder(name, level, url) for name, level, url in FUNDERS]
    programmes = {spec[0]: _programme(spec, funders, topics, groups) for spec in PROGRAMMES}
    associations = {a.slug: a for a in Association.objects.all()}
    for spec in APPLICATIONS:
        association = associations.get(spec[0])
        if association is not None:
            _application(spec, association, programmes[spec[2]], staff)
    for index, association in enumerate(associations.values()):
        _advice(association, staff, index)


def _vocabulary(model, entries) -> dict:
    existing = {item.slug: item for item in model.objects.all()}
    for slug, name_de, name_en in entries:
        if slug not in existing:
            existing[slug] = model.objects.create(slug=slug, name_de=name_de, name_en=name_en)
    return existing


def _funder(name: str, level: str, url: str) -> Funder:
    funder, _created = Funder.objects.get_or_create(
        name=name, defaults={"level": level, "website": url, "notes": SAMPLE_NOTE}
    )
    return funder


def _programme(spec, funders, topics, groups) -> FundingProgramme:
    (key, title, funder, topic_slugs, group_slugs, region, low, high, rate, own, deadlines,
     months, summary) = spec  # fmt: skip
    programme = FundingProgramme.objects.filter(external_id=key).first()
    if programme is not None:
        return programme
    kind, days = deadlines
    programme = FundingProgramme(
        external_id=key,
        title=title,
        funder=funders[funder],
        summary_de=f"{summary} (Beispieldaten)",
        summary_en="Sample data: see the German summary.",
        applicants=ASSOC,
        region=region,
        min_amount=Decimal(low),
        max_amount=Decimal(high),
        funding_rate=rate,
        own_share=own,
        deadline_kind=kind,
        min_months=months[0],
        max_months=months[1],
        url=funders[funder].website,
        notes=SAMPLE_NOTE,
        is_sample=True,
    )
    programme.full_clean()
    programme.save()
    programme.topics.set([topics[slug] for slug in topic_slugs])
    programme.target_groups.set([groups[slug] for slug in group_slugs])
    today = centre_today()
    for day in days:
        if kind == DeadlineKind.YEARLY:
            month, day_of_month = day
            when = date(2024, month, day_of_month)  # a leap year: 29 February is possible
        else:
            when = today + timedelta(days=day)
        ProgrammeDeadline.objects.create(programme=programme, day=when)
    return programme


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _application(spec, association, programme, staff) -> None:
    (_slug, title, _key, status, (start, end), submitted, decided, requested, approved,
     received) = spec  # fmt: skip
    if Application.objects.filter(association=association, title=title).exists():
        return
    today = centre_today()
    requested = Decimal(requested)
    own = requested * Decimal(programme.own_share or 0) / (100 - (programme.own_share or 0))
    application = services.create_application(
        application=Application(
            association=association,
            programme=programme,
            title=title,
            description=f"{title} – ein Projekt von {association.name} (Beispieldaten).",
            advisor=staff,
            starts_on=_month_start(today + timedelta(days=start)),
            ends_on=_month_end(today + timedelta(days=end)),
            amount_requested=requested,
            total_cost=(requested + own).quantize(Decimal("1")),
            own_share_amount=own.quantize(Decimal("1")),
            own_share_source="Mitgliedsbeiträge, Spenden und bewertete ehrenamtliche Arbeit",
        ),
        by=staff,
    )
    path = list(PATHS.get(status, []))
    if status == S.CLOSED:
        path = (
            PATHS[S.REPORTING] if approved else PATHS[S.REJECTED]
        )  # closed after the reports, or after a rejection
    for step in path:
        details = {}
        if step == S.SUBMITTED:
            details["submitted_on"] = today + timedelta(days=submitted)
        if step in (S.APPROVED, S.PARTLY_APPROVED, S.REJECTED):
            details["decided_on"] = today + timedelta(days=decided)
        if step in (S.APPROVED, S.PARTLY_APPROVED):
            details["amount_approved"] = Decimal(approved)
        services.move_application(application=application, to_status=step, by=staff, **details)
        if step == S.RUNNING and received:
            _payments(application, Decimal(approved) * Decimal(str(received)), staff, today)
    if status in (S.REPORTING, S.CLOSED):
        for obligation in application.obligations.all():
            if obligation.due_on < today or status == S.CLOSED or obligation.kind == "interim":
                services.mark_report_submitted(
                    obligation=obligation,
                    submitted_on=min(obligation.due_on - timedelta(days=10), today),
                    by=staff,
                )
    if status == S.CLOSED:
        services.move_application(application=application, to_status=S.CLOSED, by=staff)
    if application.status in (S.APPROVED, S.RUNNING, S.REPORTING, S.CLOSED) and approved:
        offers = Offer.objects.filter(lead_association=association).order_by("pk")[:2]
        application.offers.add(*offers)


def _payments(application, total: Decimal, staff, today: date) -> None:
    """The grant in two instalments: at the start and half-way (as far as that has come)."""
    first = min(application.starts_on + timedelta(days=14), today)
    middle = application.starts_on + (application.ends_on - application.starts_on) / 2
    if middle <= today:
        services.record_payment(
            application=application, amount=(total / 2).quantize(Decimal("0.01")),
            received_on=first, by=staff,
        )  # fmt: skip
        services.record_payment(
            application=application, amount=(total / 2).quantize(Decimal("0.01")),
            received_on=middle, by=staff,
        )  # fmt: skip
    else:
        services.record_payment(
            application=application, amount=total.quantize(Decimal("0.01")),
            received_on=first, by=staff,
        )  # fmt: skip


def _advice(association, staff, index: int) -> None:
    if AdviceSession.objects.filter(association=association).exists():
        return
    today = centre_today()
    application = association.funding_applications.order_by("pk").first()
    for number, (topic, notes, next_steps) in enumerate(ADVICE[: 1 + index % 3]):
        services.log_advice(
            session=AdviceSession(
                association=association,
                application=application if number == 0 else None,
                held_on=today - timedelta(days=30 + 45 * number + 7 * index),
                topic=topic,
                notes=notes,
                next_steps=next_steps,
            ),
            by=staff,
        )
