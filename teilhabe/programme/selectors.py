"""Every read of the joint programme that is more than a get()."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Membership, MembershipRole
from teilhabe.core.cache import public_pages_version
from teilhabe.core.json_lists import list_contains
from teilhabe.core.recurrence import CENTRE_TZ, centre_today

from .models import (
    Category,
    CostKind,
    Offer,
    OfferStatus,
    Registration,
    RegistrationMode,
    RegistrationStatus,
    Session,
)
from .search import offer_search_vector, search_config

TIMES_OF_DAY = {
    "morning": (time(0), time(12)),
    "afternoon": (time(12), time(17)),
    "evening": (time(17), time(23, 59, 59)),
}
NEXT_SESSIONS_ON_CARD = 3
# Cards show titles and summaries; the long texts stay in the database.
_LONG_TEXTS = [
    f"{field}_{code}"
    for field in ("description", "description_html")
    for code, _name in settings.LANGUAGES
]
AGE_GROUPS = {"children": (0, 12), "youth": (13, 17), "adults": (18, 120)}


@dataclass
class CatalogueFilters:
    query: str = ""
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)  # 0 = Monday
    times_of_day: list[str] = field(default_factory=list)
    age_group: str = ""
    free_only: bool = False
    step_free: bool = False
    childcare: bool = False
    association: str = ""


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def languages_in_use() -> set[str]:
    """The languages published offers are held in, for the catalogue's language filter. It
    reads every published offer, so it is kept as long as the public pages are (the same
    services invalidate both): every filter combination renders afresh, this need not."""
    key = f"programme:languages-in-use:{public_pages_version()}"
    used = cache.get(key)
    if used is None:
        used = set()
        for languages in published_offers().values_list("languages", flat=True):
            used.update(languages or [])
        cache.set(key, used, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return used


def published_offers() -> QuerySet[Offer]:
    return Offer.objects.filter(status=OfferStatus.PUBLISHED)


def _upcoming_sessions(offer_ref: str = "pk") -> QuerySet[Session]:
    return Session.objects.filter(
        offer=OuterRef(offer_ref), is_cancelled=False, ends_at__gte=timezone.now()
    )


def offers_for_catalogue(filters: CatalogueFilters, language: str) -> QuerySet[Offer]:
    """Published offers matching the filters, each with what the catalogue card shows and its
    next three sessions — a fixed number of queries whatever the number of offers."""
    offers = published_offers().select_related("category", "lead_association")
    if filters.categories:
        offers = offers.filter(category__slug__in=filters.categories)
    if filters.languages:
        condition = Q()
        for code in filters.languages:
            condition |= list_contains("languages", code)
        offers = offers.filter(condition)
    if filters.association:
        offers = offers.filter(
            Q(lead_association__slug=filters.association) | Q(co_hosts__slug=filters.association)
        ).distinct()
    if filters.free_only:
        offers = offers.filter(cost_kind=CostKind.FREE)
    if filters.step_free:
        offers = offers.filter(is_step_free=True)
    if filters.childcare:
        offers = offers.filter(has_childcare=True)
    if filters.age_group in AGE_GROUPS:
        low, high = AGE_GROUPS[filters.age_group]
        offers = offers.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=high),
            Q(age_max__isnull=True) | Q(age_max__gte=low),
        )
    session_filter = _session_filter(filters)
    if session_filter is not None:
        offers = offers.filter(Exists(_upcoming_sessions().filter(session_filter)))
    offers = (
        _search(offers, filters.query, language)
        if filters.query
        else offers.order_by("title", "pk")  # pk: a stable order for pages of equal titles
    )
    return offers.defer(*_LONG_TEXTS).prefetch_related(
        "co_hosts",
        Prefetch(
            "sessions",
            queryset=Session.objects.filter(ends_at__gte=timezone.now())
            .select_related("room")
            .order_by("starts_at")[:NEXT_SESSIONS_ON_CARD],
            to_attr="upcoming_sessions",
        ),
    )


def _session_filter(filters: CatalogueFilters) -> Q | None:
    condition = None
    if filters.weekdays:
        # Django's iso_week_day: Monday 1 … Sunday 7, in the current (centre's) time zone.
        condition = Q(starts_at__iso_week_day__in=[d + 1 for d in filters.weekdays])
    if filters.times_of_day:
        times = Q()
        for name in filters.times_of_day:
            start, end = TIMES_OF_DAY[name]
            times |= Q(starts_at__time__gte=start, starts_at__time__lt=end)
        condition = times if condition is None else condition & times
    return condition


def _search(offers: QuerySet[Offer], text: str, language: str) -> QuerySet[Offer]:
    """Full-text search in the visitor's language and in German."""
    fields_in = {language, settings.LANGUAGE_CODE}
    if settings.IS_POSTGRES:
        # Match with each language's indexed vector, rank only the matches.
        matches = Q()
        vector = query = None
        for code in sorted(fields_in):
            code_vector = offer_search_vector(code)
            code_query = SearchQuery(text, search_type="websearch", config=search_config(code))
            offers = offers.alias(**{f"search_{code}": code_vector})
            matches |= Q(**{f"search_{code}": code_query})
            vector = code_vector if vector is None else vector + code_vector
            query = code_query if query is None else query | code_query
        return (
            offers.filter(matches)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "title", "pk")
        )
    condition = Q()
    for code in fields_in:
        for word in text.split():
            condition |= (
                Q(**{f"title_{code}__icontains": word})
                | Q(**{f"summary_{code}__icontains": word})
                | Q(**{f"description_{code}__icontains": word})
            )
    return offers.filter(condition).order_by("title", "pk")


def offer_for_page(slug: str) -> Offer:
    return (
        published_offers()
        .select_related("category", "lead_association")
        .prefetch_related(
            "co_hosts",
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(ends_at__gte=timezone.now())
                .select_related("room")
                .order_by("starts_at")[:20],
                to_attr="upcoming_sessions",
            ),
        )
        .get(slug=slug)
    )


def sessions_between(
    first: date, last: date, *, category: str = "", association: str = "", offer=None
) -> QuerySet[Session]:
    """Sessions (cancelled ones included) of published offers from first to last, local dates."""
    start = datetime.combine(first, time(), tzinfo=CENTRE_TZ)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=CENTRE_TZ)
    sessions = Session.objects.filter(
        offer__status=OfferStatus.PUBLISHED, starts_at__gte=start, starts_at__lt=end
    )
    if category:
        sessions = sessions.filter(offer__category__slug=category)
    if association:
        sessions = sessions.filter(
            Q(offer__lead_association__slug=association) | Q(offer__co_hosts__slug=association)
        ).distinct()
    if offer is not None:
        sessions = sessions.filter(offer=offer)
    return sessions.select_related(
        "offer", "offer__category", "offer__lead_association", "room"
    ).order_by("starts_at", "offer__title")


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def this_week() -> tuple[date, date]:
    return week_of(centre_today())


def offers_of_association(association) -> QuerySet[Offer]:
    """The association's side of the joint programme: offers it leads or co-hosts."""
    return (
        published_offers()
        .filter(Q(lead_association=association) | Q(co_hosts=association))
        .distinct()
        .select_related("category", "lead_association")
        .prefetch_related("co_hosts")
        .order_by("category__position", "title")
    )


def next_sessions(limit: int) -> list[Session]:
    return list(
        Session.objects.filter(
            offer__status=OfferStatus.PUBLISHED, is_cancelled=False, ends_at__gte=timezone.now()
        )
        .select_related("offer", "room")
        .order_by("starts_at")[:limit]
    )


# --- registrations ---------------------------------------------------------------------------


def _confirmed_persons():
    return Coalesce(
        Sum(
            "registrations__persons",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
        ),
        0,
    )


def offer_for_registration(slug: str) -> Offer:
    """A published offer that takes registrations, with the places left and the dates still
    open for registration (`open_sessions`, each with its own places left, for offers that
    register per date). Raises Offer.DoesNotExist."""
    sessions = (
        Session.objects.filter(is_cancelled=False, starts_at__gt=timezone.now())
        .annotate(places_taken=_confirmed_persons())
        .order_by("starts_at")
    )
    offer = (
        published_offers()
        .exclude(registration_mode=RegistrationMode.NONE)
        .select_related("category", "lead_association")
        .annotate(places_taken=_confirmed_persons())
        .prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="open_sessions"))
        .get(slug=slug)
    )
    offer.places_left = max((offer.capacity or 0) - offer.places_taken, 0)
    for session in offer.open_sessions:
        session.places_left = max((offer.capacity or 0) - session.places_taken, 0)
    return offer


def waiting_position(registration: Registration) -> int | None:
    """Place in the waiting list (1 = next to move up), or None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk),
        offer_id=registration.offer_id,
        session_id=registration.session_id,
        status=RegistrationStatus.WAITING,
    )
    return ahead.count() + 1


def offer_for_hosts(slug: str) -> Offer:
    """Any offer, whatever its status, for its hosts' pages. Raises Offer.DoesNotExist."""
    return Offer.objects.select_related("lead_association").get(slug=slug)


@dataclass
class ParticipantGroup:
    session: Session | None  # None for registrations for the whole offer
    registrations: list[Registration]
    confirmed_persons: int = 0
    waiting_persons: int = 0
    places_left: int = 0


@dataclass
class Participants:
    offer: Offer
    registrations: list[Registration]  # confirmed first, then waiting, by date
    groups: list[ParticipantGroup]
    cancelled_count: int


def participants_of(offer: Offer) -> Participants:
    """Who registered (confirmed and waiting; cancelled ones only counted), grouped by date —
    two queries whatever the number of registrations."""
    registrations = list(
        Registration.objects.filter(offer=offer)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session")
        .order_by(
            F("session__starts_at").asc(nulls_first=True),
            Case(When(status=RegistrationStatus.CONFIRMED, then=0), default=1),
            "created_at",
            "pk",
        )
    )
    cancelled = Registration.objects.filter(
        offer=offer, status=RegistrationStatus.CANCELLED
    ).count()
    groups: dict[int | None, ParticipantGroup] = {}
    for registration in registrations:
        group = groups.setdefault(
            registration.session_id, ParticipantGroup(registration.session, [])
        )
        group.registrations.append(registration)
        if registration.status == RegistrationStatus.CONFIRMED:
            group.confirmed_persons += registration.persons
        else:
            group.waiting_persons += registration.persons
    for group in groups.values():
        group.places_left = max((offer.capacity or 0) - group.confirmed_persons, 0)
    return Participants(offer, registrations, list(groups.values()), cancelled)


# --- hosts ------------------------------------------------------------------------------------

STATUS_ORDER = {OfferStatus.DRAFT: 0, OfferStatus.PUBLISHED: 1, OfferStatus.ARCHIVED: 2}


def offers_managed_by(user, *, status: str = "") -> QuerySet[Offer]:
    """The offers a person may change (`can_change`) or, as a co-host, see; with what the list
    shows — a fixed number of queries whatever the number of offers."""
    now = timezone.now()
    offers = Offer.objects.all()
    if is_centre_staff(user):
        offers = offers.annotate(can_change=Value(True))
    else:
        administered = Membership.objects.filter(user=user, role=MembershipRole.ADMIN)
        ids = administered.values("association_id")
        co_hosted = Offer.co_hosts.through.objects.filter(association_id__in=ids)
        offers = offers.filter(
            Q(lead_association_id__in=ids) | Q(pk__in=co_hosted.values("offer_id"))
        ).annotate(
            can_change=Exists(administered.filter(association_id=OuterRef("lead_association_id")))
        )
    if status:
        offers = offers.filter(status=status)
    upcoming = Session.objects.filter(offer=OuterRef("pk"), starts_at__gte=now, is_cancelled=False)
    return (
        offers.select_related("category", "lead_association")
        .prefetch_related("co_hosts")
        .annotate(
            status_rank=Case(
                *[When(status=value, then=Value(rank)) for value, rank in STATUS_ORDER.items()],
                output_field=IntegerField(),
            ),
            next_starts_at=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
            upcoming_count=Coalesce(
                Subquery(
                    upcoming.order_by().values("offer").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            ),
        )
        .order_by("status_rank", "title_de", "pk")
    )
