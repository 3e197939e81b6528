"""Reads of the network directory: the public list with search and filters, a partner's page,
the referral sheet's services, the pages where staff and editors work, and the HSDS export's
data — each with what its page needs fetched up front."""

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import get_language

from teilhabe.core.json_lists import list_contains

from .models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    ServiceType,
)

SEARCH_CONFIGS = {"de": "german", "en": "english", "ar": "arabic", "ru": "russian", "tr": "turkish"}


def _schedules() -> Prefetch:
    return Prefetch("schedules", queryset=Schedule.objects.order_by("byday", "opens_at", "pk"))


def _service_prefetches() -> list:
    return [
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location")
            .prefetch_related(
                Prefetch(
                    "location__schedules",
                    queryset=Schedule.objects.order_by("byday", "opens_at", "pk"),
                ),
                Prefetch("location__phones", queryset=Phone.objects.order_by("pk")),
            )
            .order_by("location__name", "pk"),
        ),
        _schedules(),
        Prefetch("phones", queryset=Phone.objects.order_by("pk")),
        Prefetch("organization__phones", queryset=Phone.objects.order_by("pk")),
    ]


def services_to_choose() -> QuerySet[Service]:
    """Active services with their organization, for choosing what goes on a referral sheet."""
    return (
        Service.objects.filter(status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .order_by("organization__name", "name", "pk")
    )


def directory_services(
    *, text: str = "", service_type: str = "", language: str = "", district: str = ""
) -> QuerySet[Service]:
    """The public directory: active services with their organization and locations, searched
    (full text on PostgreSQL) and filtered by type, a language spoken and a district."""
    services = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related("organization")
    if service_type in ServiceType.values:
        services = services.filter(service_type=service_type)
    if language:
        services = services.filter(list_contains("languages", language))
    if district:
        services = services.filter(service_at_locations__location__district=district).distinct()
    services = services.prefetch_related(*_service_prefetches())
    if text.strip():
        return search_services(services, text.strip(), get_language() or settings.LANGUAGE_CODE)
    return services.order_by("organization__name", "name_de", "pk")


def search_services(services: QuerySet[Service], text: str, language: str) -> QuerySet[Service]:
    """The one search of the directory: PostgreSQL's full text search in the visitor's language
    and in German when on PostgreSQL, a case-insensitive match of every word elsewhere."""
    codes = sorted({language, settings.LANGUAGE_CODE})
    if settings.IS_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = query = None
        for code in codes:
            config = SEARCH_CONFIGS.get(code, "simple")
            part = (
                SearchVector(f"name_{code}", weight="A", config=config)
                + SearchVector("organization__name", weight="A", config=config)
                + SearchVector(f"description_{code}", weight="B", config=config)
                + SearchVector(f"organization__description_{code}", weight="C", config=config)
            )
            vector = part if vector is None else vector + part
            q = SearchQuery(text, search_type="websearch", config=config)
            query = q if query is None else query | q
        return (
            services.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "name_de", "pk")
        )
    condition = Q()
    for word in text.split():
        matches = Q(organization__name__icontains=word)
        for code in codes:
            matches |= (
                Q(**{f"name_{code}__icontains": word})
                | Q(**{f"description_{code}__icontains": word})
                | Q(**{f"organization__description_{code}__icontains": word})
            )
        condition &= matches
    return services.filter(condition).order_by("organization__name", "name_de", "pk")


def directory_districts() -> list[str]:
    """The districts to filter by: the configured ones and any typed in by hand."""
    from .models import district_names

    typed = Location.objects.exclude(district="").values_list("district", flat=True).distinct()
    return sorted(set(district_names()) | set(typed))


def _organization_contacts() -> list[Prefetch]:
    """An organization's phones and its locations with their opening hours and phones."""
    return [
        Prefetch("phones", queryset=Phone.objects.order_by("pk")),
        Prefetch(
            "locations",
            queryset=Location.objects.order_by("name", "pk").prefetch_related(
                _schedules(), Prefetch("phones", queryset=Phone.objects.order_by("pk"))
            ),
        ),
    ]


def organizations_for_directory(
    *, text: str = "", district: str = "", in_house: bool | None = None
) -> QuerySet[Organization]:
    """The partners of the network with their phones and locations (opening hours, phones) —
    a fixed number of queries whatever their number."""
    organizations = Organization.objects.select_related("association")
    for word in text.split():
        organizations = organizations.filter(name__icontains=word)
    if district:
        organizations = organizations.filter(locations__district=district).distinct()
    if in_house is not None:
        organizations = organizations.filter(is_in_house=in_house)
    return organizations.prefetch_related(*_organization_contacts()).order_by("name", "pk")


def organization_for_page(uuid) -> Organization:
    return (
        Organization.objects.select_related("association")
        .prefetch_related(
            *_organization_contacts(),
            Prefetch(
                "services",
                queryset=Service.objects.order_by("name_de", "pk").prefetch_related(
                    _schedules(),
                    Prefetch("phones", queryset=Phone.objects.order_by("pk")),
                    Prefetch(
                        "service_at_locations",
                        queryset=ServiceAtLocation.objects.select_related("location"),
                    ),
                ),
            ),
        )
        .get(uuid=uuid)
    )


def organization_for_editing(uuid) -> Organization:
    return Organization.objects.prefetch_related("editors").get(uuid=uuid)


def service_for_editing(uuid) -> Service:
    return Service.objects.select_related("organization").get(uuid=uuid)


def location_for_editing(uuid) -> Location:
    return Location.objects.select_related("organization").get(uuid=uuid)


def services_for_referral(uuids) -> list[Service]:
    """The chosen services, in the order chosen, skipping unknown ids."""
    found = {
        s.uuid: s
        for s in Service.objects.filter(uuid__in=list(uuids))
        .select_related("organization")
        .prefetch_related(*_service_prefetches())
    }
    seen, ordered = set(), []
    for uuid in uuids:
        if uuid in found and uuid not in seen:
            seen.add(uuid)
            ordered.append(found[uuid])
    return ordered


def organizations_for_editor(user) -> QuerySet[Organization]:
    """The organizations a person may edit: all for staff, their own for editors."""
    organizations = Organization.objects.order_by("name", "pk")
    if user.has_perm("network.add_organization"):
        return organizations
    return organizations.filter(editors=user)


def services_for_export() -> QuerySet[Service]:
    """Every service with everything the HSDS export nests in it, in a stable order."""
    return (
        Service.objects.select_related("organization")
        .prefetch_related(
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by("uuid"),
            ),
            Prefetch("schedules", queryset=Schedule.objects.order_by("uuid")),
            Prefetch("phones", queryset=Phone.objects.order_by("uuid")),
            Prefetch("organization__phones", queryset=Phone.objects.order_by("uuid")),
            Prefetch(
                "organization__locations",
                queryset=Location.objects.order_by("uuid").prefetch_related(
                    Prefetch("schedules", queryset=Schedule.objects.order_by("uuid")),
                    Prefetch("phones", queryset=Phone.objects.order_by("uuid")),
                ),
            ),
        )
        .order_by("uuid")
    )
