"""The centre's figures for a period: every number the dashboard, the public summary, the
annual report and the API show, read in a fixed number of queries whatever the data size
(attendance is summed in the database, grouped by day and by offer; no attendance row is
loaded into Python).

Small cells are suppressed: a breakdown cell (a week, a category, a language, an offer, the
children, women and first visits, a month of counselling, a kind of training …) that counts
1 to `SMALL_CELL` − 1 people holds None instead of its number, and shows as "fewer than 5".
Only `suppress()` decides this; the suppressed number never leaves this module, so a page,
a chart, a download or a PDF built from `Figures` cannot show it. Totals stay.

Definitions:
- *visits* are the head counts of recorded sessions (SessionAttendance.head_count), by the
  session's day; a week is an ISO week (Monday to Sunday), and a week partly outside the period
  counts only its days inside;
- the *trend* compares the period's visits with the previous period of equal length (the days
  just before it) and gives the least-squares slope of the weekly visits (visits per week per
  week);
- the *busiest offers* are the five with the most visits in the period's last week;
- *reach per language* gives each language an offer is held in all of that offer's visits
  (an offer in two languages counts in both, so the languages add up to more than the total);
- the *offers* are those with a session (not cancelled) in the period; with an association
  filter, those it leads or co-hosts;
- *volunteers* are the people with confirmed hours on a day in the period; the share with their
  own migration history counts only those who consented to give it, and is given only when at
  least `SMALL_CELL` of them did;
- *trainings* are those starting in the period; their participants the attended enrolments;
- *funds raised* are the payments received in the period;
- *counselling* counts the anonymous records of the months touching the period: appointments
  attended and walk-ins served.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from teilhabe.associations.models import Association
from teilhabe.core.cache import bump_cache_version, cache_version
from teilhabe.core.languages import language_name
from teilhabe.core.recurrence import local_datetime
from teilhabe.counselling.models import CounsellingRecord, Outcome
from teilhabe.funding.models import FunderLevel, Payment
from teilhabe.programme.models import Category, Offer, Session
from teilhabe.rooms.grid_selectors import room_occupancy
from teilhabe.volunteers.models import HoursEntry, HoursStatus, Training, VolunteerProfile

from .models import DemographyProfile, SessionAttendance

SMALL_CELL = 5
BUSIEST = 5
CACHE_SECONDS = 300
VERSION_KEY = "impact:figures:version"
FEWER_THAN = gettext_lazy("fewer than %(minimum)s")


def suppress(count: int | None, minimum: int = SMALL_CELL) -> int | None:
    """The count of a breakdown cell if at least `minimum` people are in it (or none at all),
    else None (shown as "fewer than 5"). The one place where small cells are suppressed."""
    if count is None:
        return None
    return count if count == 0 or count >= minimum else None


def suppressed_text(minimum: int = SMALL_CELL) -> str:
    return str(FEWER_THAN % {"minimum": minimum})


# --- the figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One row of a breakdown: a key, its label and its count (None: fewer than 5)."""

    key: str
    label: str
    value: int | None

    @property
    def is_suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Week:
    monday: date
    value: int | None  # visits, None: fewer than 5

    @property
    def is_suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class BusyOffer:
    slug: str
    title: str
    category: str
    value: int | None  # visits in the last week

    @property
    def is_suppressed(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class MoneyRow:
    key: str
    label: str
    amount: Decimal


@dataclass(frozen=True)
class RoomRow:
    name: str
    open_hours: float
    booked_hours: float
    share: float


@dataclass(frozen=True)
class HoursMonth:
    month: date
    volunteers: int | None  # None: fewer than 5
    hours: float | None  # None when the volunteers of the month are fewer than 5


@dataclass(frozen=True)
class TrainingRow:
    key: str
    label: str
    held: int
    participants: int | None  # None: fewer than 5


@dataclass(frozen=True)
class CounsellingMonth:
    month: date
    attended: int | None  # appointments attended; None: fewer than 5
    walk_ins: int | None  # walk-ins served; None: fewer than 5


@dataclass(frozen=True)
class Figures:
    first: date
    last: date
    association_id: int | None
    # visits
    weeks: list[Week]
    visits: int
    previous_first: date
    previous_last: date
    previous_visits: int
    change: float | None  # against the previous period: 0.1 = 10 % more; None: nothing before
    slope: float | None  # visits per week per week (least squares); None: fewer than 2 weeks
    last_week_first: date
    busiest: list[BusyOffer]
    by_category: list[Cell]
    by_language: list[Cell]
    groups: list[Cell]  # children, women, first visits
    groups_recorded: dict[str, int]  # visits for which each group was recorded
    # cooperation
    offers: int
    offers_cohosted: int
    offers_with_migrant_organisation: int
    # volunteers
    volunteers: int
    volunteer_hours: float
    hours_by_month: list[HoursMonth]
    consenting_volunteers: int
    migration_history: int | None  # None below SMALL_CELL consenting volunteers
    # trainings
    trainings: list[TrainingRow]
    trainings_held: int
    training_participants: int
    # funds
    funds: Decimal
    funds_by_level: list[MoneyRow]
    # rooms (the whole house)
    occupancy: float
    rooms: list[RoomRow] = field(default_factory=list)
    # counselling (the whole centre)
    counselling: list[CounsellingMonth] = field(default_factory=list)
    counselling_attended: int = 0
    counselling_walk_ins: int = 0

    @property
    def share_cohosted(self) -> float | None:
        return self.offers_cohosted / self.offers if self.offers else None

    @property
    def share_with_migrant_organisation(self) -> float | None:
        return self.offers_with_migrant_organisation / self.offers if self.offers else None

    @property
    def migration_history_share(self) -> float | None:
        if self.migration_history is None or not self.consenting_volunteers:
            return None
        return self.migration_history / self.consenting_volunteers

    @property
    def is_migration_history_shown(self) -> bool:
        return self.migration_history is not None

    @property
    def average_per_week(self) -> float | None:
        return self.visits / len(self.weeks) if self.weeks else None


# --- helpers ----------------------------------------------------------------------------------


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date) -> list[date]:
    """The Mondays of the ISO weeks touching [first, last]."""
    monday, mondays = monday_of(first), []
    while monday <= last:
        mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def months_between(first: date, last: date) -> list[date]:
    month, months = first.replace(day=1), []
    while month <= last:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def previous_period(first: date, last: date) -> tuple[date, date]:
    """The period of equal length just before [first, last]."""
    length = (last - first).days + 1
    return first - timedelta(days=length), first - timedelta(days=1)


def least_squares_slope(values: list[float]) -> float | None:
    """The slope of the straight line that fits the values best (x = 0, 1, 2 …)."""
    count = len(values)
    if count < 2:
        return None
    mean_x = (count - 1) / 2
    mean_y = sum(values) / count
    numerator = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    denominator = sum((x - mean_x) ** 2 for x in range(count))
    return numerator / denominator


def _span(first: date, last: date):
    return local_datetime(first, time()), local_datetime(last + timedelta(days=1), time())


def association_offers(association) -> Q:
    """Offers the association leads or co-hosts (as a filter on Offer)."""
    return Q(lead_association=association) | Q(co_hosts=association)


def _offer_ids_of(association):
    return Offer.objects.filter(association_offers(association)).values("pk")


def _to_float(value) -> float:
    return float(value or 0)


# --- reads ------------------------------------------------------------------------------------


def _visits_by_day(first: date, last: date, association) -> list[dict]:
    """Visits per day between the days: one query, grouped in the database."""
    rows = SessionAttendance.objects.filter(day__gte=first, day__lte=last)
    if association is not None:
        rows = rows.filter(offer_id__in=_offer_ids_of(association))
    return list(
        rows.values("day")
        .order_by("day")
        .annotate(
            visits=Sum("head_count"),
            children_sum=Sum("children"),
            children_base=Sum("head_count", filter=Q(children__isnull=False)),
            women_sum=Sum("women"),
            women_base=Sum("head_count", filter=Q(women__isnull=False)),
            first_visits_sum=Sum("first_visits"),
            first_visits_base=Sum("head_count", filter=Q(first_visits__isnull=False)),
        )
    )


def _visits_by_offer(first: date, last: date, last_week_first: date, association) -> list:
    """(offer id, visits in the period, visits in the last week): one query."""
    rows = SessionAttendance.objects.filter(day__gte=first, day__lte=last)
    if association is not None:
        rows = rows.filter(offer_id__in=_offer_ids_of(association))
    return list(
        rows.values("offer_id")
        .order_by("offer_id")
        .annotate(
            visits=Sum("head_count"),
            last_week=Sum("head_count", filter=Q(day__gte=last_week_first)),
        )
        .values_list("offer_id", "visits", "last_week")
    )


def _offers_in_period(first: date, last: date, association) -> list[dict]:
    """The offers with a session (not cancelled) in the period, with what the shares need.
    One query; whether a migrant organisation co-hosts is an EXISTS, not a join."""
    start, end = _span(first, last)
    sessions = Session.objects.filter(
        offer=OuterRef("pk"), is_cancelled=False, starts_at__gte=start, starts_at__lt=end
    )
    co_hosts = Offer.co_hosts.through.objects.filter(offer_id=OuterRef("pk"))
    offers = QuerySet(Offer).filter(Exists(sessions))
    if association is not None:
        offers = offers.filter(pk__in=_offer_ids_of(association))
    return list(
        offers.annotate(
            has_co_host=Exists(co_hosts),
            has_migrant_co_host=Exists(co_hosts.filter(association__is_migrant_organisation=True)),
        ).values(
            "pk",
            "has_co_host",
            "has_migrant_co_host",
            "lead_association__is_migrant_organisation",
        )
    )


def _offer_facts(offer_ids) -> dict[int, tuple[int, list]]:
    """{offer id: (category id, languages)} for the offers with visits. One query."""
    return {
        pk: (category_id, languages or [])
        # A plain queryset: the translated-fields manager is slow over thousands of rows.
        for pk, category_id, languages in QuerySet(Offer)
        .filter(pk__in=offer_ids)
        .values_list("pk", "category_id", "languages")
    }


def _sorted_cells(totals: dict, labels: dict) -> list[Cell]:
    """Cells most first (by the true count, so that the order is right even when a number is
    suppressed), then by label."""
    ordered = sorted(
        ((key, value) for key, value in totals.items() if value),
        key=lambda item: (-item[1], str(labels.get(item[0], item[0]))),
    )
    return [Cell(str(key), str(labels.get(key, key)), suppress(value)) for key, value in ordered]


def _volunteer_figures(first: date, last: date, association):
    entries = HoursEntry.objects.filter(status=HoursStatus.CONFIRMED, day__gte=first, day__lte=last)
    if association is not None:
        entries = entries.filter(association=association)
    totals = entries.aggregate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    months = [
        HoursMonth(
            row["month"] if isinstance(row["month"], date) else row["month"].date(),
            suppress(row["people"]),
            _to_float(row["hours"]) if suppress(row["people"]) is not None else None,
        )
        for row in entries.annotate(month=TruncMonth("day"))
        .values("month")
        .order_by("month")
        .annotate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    ]
    consent = VolunteerProfile.objects.filter(
        user__in=entries.values("volunteer"),
        migration_history_consent_at__isnull=False,
        has_migration_history__isnull=False,
    ).aggregate(
        consenting=Count("pk"),
        with_history=Count("pk", filter=Q(has_migration_history=True)),
    )
    consenting = consent["consenting"] or 0
    with_history = consent["with_history"] if consenting >= SMALL_CELL else None
    return totals["people"] or 0, _to_float(totals["hours"]), months, consenting, with_history


def _training_figures(first: date, last: date) -> list[TrainingRow]:
    start, end = _span(first, last)
    labels = dict(Training._meta.get_field("kind").choices)
    rows = (
        Training.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .values("kind")
        .order_by("kind")
        .annotate(
            held=Count("pk", distinct=True),
            participants=Count("enrolments", filter=Q(enrolments__attended=True)),
        )
    )
    return [
        TrainingRow(row["kind"], str(labels.get(row["kind"], row["kind"])), row["held"], count)
        for row in rows
        for count in (row["participants"],)
    ]


def _fund_figures(first: date, last: date, association) -> list[MoneyRow]:
    payments = Payment.objects.filter(received_on__gte=first, received_on__lte=last)
    if association is not None:
        payments = payments.filter(application__association=association)
    labels = dict(FunderLevel.choices)
    rows = (
        payments.values("application__programme__funder__level")
        .order_by("application__programme__funder__level")
        .annotate(amount=Sum("amount"))
    )
    result = [
        MoneyRow(
            row["application__programme__funder__level"] or "",
            str(labels.get(row["application__programme__funder__level"], _("not given"))),
            row["amount"] or Decimal(0),
        )
        for row in rows
    ]
    return sorted(result, key=lambda row: (-row.amount, row.label))


def _counselling_figures(first: date, last: date) -> list[tuple[date, int, int]]:
    """(month, appointments attended, walk-ins served) for each month touching the period."""
    rows = (
        CounsellingRecord.objects.filter(month__gte=first.replace(day=1), month__lte=last)
        .values("month")
        .order_by("month")
        .annotate(
            attended=Count("pk", filter=Q(is_walk_in=False, outcome=Outcome.ATTENDED)),
            walk_ins=Count("pk", filter=Q(is_walk_in=True, outcome=Outcome.ATTENDED)),
        )
    )
    found = {row["month"]: (row["attended"], row["walk_ins"]) for row in rows}
    return [(month, *found.get(month, (0, 0))) for month in months_between(first, last)]


def centre_figures(first: date, last: date, association=None) -> Figures:
    """Every figure of the centre between the days (both included); with an association, of
    the offers it leads or co-hosts (visits, offers), its volunteers' hours and its funds —
    trainings, rooms and counselling stay those of the whole centre. A fixed number of
    queries (about 16) whatever the data size."""
    previous_first, previous_last = previous_period(first, last)
    last_week_first = max(first, monday_of(last))

    # Visits per day over both periods (the weeks, the trend, who came) and per offer in the
    # period: two queries grouped in the database.
    by_day = _visits_by_day(previous_first, last, association)
    by_offer = _visits_by_offer(first, last, last_week_first, association)
    week_totals = dict.fromkeys(weeks_between(first, last), 0)
    visits = previous_visits = 0
    group_totals = {"children": 0, "women": 0, "first_visits": 0}
    group_bases = dict.fromkeys(group_totals, 0)
    for row in by_day:
        if row["day"] < first:
            previous_visits += row["visits"] or 0
            continue
        visits += row["visits"] or 0
        week_totals[monday_of(row["day"])] += row["visits"] or 0
        for key in group_totals:
            group_totals[key] += row[f"{key}_sum"] or 0
            group_bases[key] += row[f"{key}_base"] or 0
    weeks = [Week(monday, suppress(value)) for monday, value in week_totals.items()]
    change = (visits - previous_visits) / previous_visits if previous_visits else None
    slope = least_squares_slope(list(week_totals.values()))
    group_labels = {
        "children": _("Children"),
        "women": _("Women and girls"),
        "first_visits": _("Here for the first time"),
    }
    groups = [Cell(key, group_labels[key], suppress(group_totals[key])) for key in group_totals]

    # The busiest offers of the last week, the reach per category and per language.
    facts = _offer_facts([offer_id for offer_id, _visits, _week in by_offer])
    categories = {category.pk: str(category.name) for category in Category.objects.all()}
    per_category: dict = defaultdict(int)
    per_language: dict = defaultdict(int)
    for offer_id, offer_visits, _week in by_offer:
        category_id, languages = facts.get(offer_id, (None, []))
        per_category[category_id] += offer_visits or 0
        for code in dict.fromkeys(languages or ["-"]):
            per_language[code] += offer_visits or 0
    language_labels = {code: language_name(code) for code in per_language}
    language_labels["-"] = _("not given")
    top = sorted(
        ((offer_id, week) for offer_id, _visits, week in by_offer if week),
        key=lambda item: (-item[1], item[0]),
    )[:BUSIEST]
    top_offers = Offer.objects.select_related("category").in_bulk([pk for pk, _week in top])
    busiest = [
        BusyOffer(
            top_offers[pk].slug,
            str(top_offers[pk].title),
            str(top_offers[pk].category.name),
            suppress(week),
        )
        for pk, week in top
        if pk in top_offers
    ]

    # The cooperation between associations.
    offers = _offers_in_period(first, last, association)
    cohosted = sum(1 for offer in offers if offer["has_co_host"])
    with_migrants = sum(
        1
        for offer in offers
        if offer["lead_association__is_migrant_organisation"] or offer["has_migrant_co_host"]
    )

    people, hours, hours_by_month, consenting, with_history = _volunteer_figures(
        first, last, association
    )
    trainings = _training_figures(first, last)
    funds_by_level = _fund_figures(first, last, association)
    occupancy = room_occupancy(first, last)
    counselling = _counselling_figures(first, last)

    return Figures(
        first=first,
        last=last,
        association_id=getattr(association, "pk", None),
        weeks=weeks,
        visits=visits,
        previous_first=previous_first,
        previous_last=previous_last,
        previous_visits=previous_visits,
        change=change,
        slope=slope,
        last_week_first=last_week_first,
        busiest=busiest,
        by_category=_sorted_cells(per_category, categories),
        by_language=_sorted_cells(per_language, language_labels),
        groups=groups,
        groups_recorded=group_bases,
        offers=len(offers),
        offers_cohosted=cohosted,
        offers_with_migrant_organisation=with_migrants,
        volunteers=people,
        volunteer_hours=hours,
        hours_by_month=hours_by_month,
        consenting_volunteers=consenting,
        migration_history=with_history,
        trainings=[
            TrainingRow(row.key, row.label, row.held, suppress(row.participants))
            for row in trainings
        ],
        trainings_held=sum(row.held for row in trainings),
        training_participants=sum(row.participants for row in trainings),
        funds=sum((row.amount for row in funds_by_level), Decimal(0)),
        funds_by_level=funds_by_level,
        occupancy=occupancy.share,
        rooms=[
            RoomRow(str(item.room.name), item.open_hours, item.booked_hours, item.share)
            for item in occupancy.rooms
        ],
        counselling=[
            CounsellingMonth(month, suppress(attended), suppress(walk_ins))
            for month, attended, walk_ins in counselling
        ],
        counselling_attended=sum(attended for _month, attended, _walk_ins in counselling),
        counselling_walk_ins=sum(walk_ins for _month, _attended, walk_ins in counselling),
    )


# --- caching ----------------------------------------------------------------------------------


def figures_version() -> int:
    return cache_version(VERSION_KEY)


def attendance_changed() -> None:
    """Call after recording or changing attendance (on commit): the cached figures are made
    anew. Other data (hours, payments …) reach the figures within CACHE_SECONDS."""
    bump_cache_version(VERSION_KEY)


def cached_centre_figures(first: date, last: date, association=None) -> Figures:
    """`centre_figures`, kept for a few minutes per period, association and language (the
    labels are translated); a new attendance record makes it anew."""
    key = (
        f"impact:figures:{figures_version()}:{first.isoformat()}:{last.isoformat()}:"
        f"{getattr(association, 'pk', '-')}:{get_language() or '-'}"
    )
    figures = cache.get(key)
    if figures is None:
        figures = centre_figures(first, last, association)
        cache.set(key, figures, CACHE_SECONDS)
    return figures


# --- one association's contribution -----------------------------------------------------------


@dataclass(frozen=True)
class ContributedOffer:
    slug: str
    title: str
    is_lead: bool
    sessions: int
    visits: int | None  # None: fewer than 5


@dataclass(frozen=True)
class Contribution:
    association_id: int
    first: date
    last: date
    offers_led: int
    offers_cohosted: int
    offers_with_partners: int  # led offers that other associations co-host
    visits: int
    visits_led: int
    visits_cohosted: int
    volunteers: int
    volunteer_hours: float
    offers: list[ContributedOffer]


def association_contribution(association, first: date, last: date) -> Contribution:
    """The association's side of the cooperation: the offers it leads and co-hosts that have a
    session in the period (or visits recorded in it), their sessions and visits, and its
    volunteers' confirmed hours. Four queries."""
    start, end = _span(first, last)
    sessions = Session.objects.filter(
        offer=OuterRef("pk"), is_cancelled=False, starts_at__gte=start, starts_at__lt=end
    )
    attendance = SessionAttendance.objects.filter(
        offer=OuterRef("pk"), day__gte=first, day__lte=last
    )
    offers = list(
        Offer.objects.filter(pk__in=_offer_ids_of(association))
        .filter(Exists(sessions) | Exists(attendance))
        .annotate(
            has_partners=Exists(
                Offer.co_hosts.through.objects.filter(offer_id=OuterRef("pk")).exclude(
                    association_id=association.pk
                )
            )
        )
    )
    offers.sort(key=lambda offer: (str(offer.title).casefold(), offer.pk))
    session_counts = dict(
        Session.objects.filter(
            offer__in=[offer.pk for offer in offers],
            is_cancelled=False,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .values("offer_id")
        .order_by("offer_id")
        .annotate(count=Count("pk"))
        .values_list("offer_id", "count")
    )
    visit_counts = dict(
        SessionAttendance.objects.filter(
            offer__in=[offer.pk for offer in offers], day__gte=first, day__lte=last
        )
        .values("offer_id")
        .order_by("offer_id")
        .annotate(visits=Sum("head_count"))
        .values_list("offer_id", "visits")
    )
    hours = HoursEntry.objects.filter(
        association=association, status=HoursStatus.CONFIRMED, day__gte=first, day__lte=last
    ).aggregate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    led = [offer for offer in offers if offer.lead_association_id == association.pk]
    cohosted = [offer for offer in offers if offer.lead_association_id != association.pk]
    return Contribution(
        association_id=association.pk,
        first=first,
        last=last,
        offers_led=len(led),
        offers_cohosted=len(cohosted),
        offers_with_partners=sum(1 for offer in led if offer.has_partners),
        visits=sum(visit_counts.values()),
        visits_led=sum(visit_counts.get(offer.pk, 0) for offer in led),
        visits_cohosted=sum(visit_counts.get(offer.pk, 0) for offer in cohosted),
        volunteers=hours["people"] or 0,
        volunteer_hours=_to_float(hours["hours"]),
        offers=[
            ContributedOffer(
                offer.slug,
                str(offer.title),
                offer.lead_association_id == association.pk,
                session_counts.get(offer.pk, 0),
                suppress(visit_counts.get(offer.pk, 0)),
            )
            for offer in offers
        ],
    )


# --- beside the figures -----------------------------------------------------------------------


def newest_demography_profile() -> DemographyProfile | None:
    return DemographyProfile.objects.order_by("-year", "-imported_at").first()


def associations_for_filter():
    return Association.objects.filter(is_active=True).order_by("name").only("pk", "name", "slug")


def active_associations_count() -> int:
    return Association.objects.filter(is_active=True).count()
