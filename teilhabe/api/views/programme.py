"""The programme: published offers (filtered, searched, in the language asked for), an offer's
coming dates, categories and associations for everyone; creating, changing and publishing or
taking back offers for the hosts who may change them on the website (programme.add_offer,
programme.change_offer)."""

from datetime import date

from django.http import Http404
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from teilhabe.associations.selectors import public_associations
from teilhabe.core.languages import language_choices
from teilhabe.programme import selectors as programme
from teilhabe.programme import services
from teilhabe.programme.models import Offer, OfferStatus

from .. import selectors
from ..serializers import (
    AssociationSerializer,
    CategorySerializer,
    OfferDetailSerializer,
    OfferSerializer,
    OfferStatusSerializer,
    OfferWriteSerializer,
    SessionSerializer,
)
from .base import LANG_PARAMETER, ApiView, ListView

ERRORS = {400: OpenApiResponse(description="Invalid input: messages by field.")}


def _query(name: str, kind, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_date(request, name: str) -> date | None:
    """A day (YYYY-MM-DD) from the query, within years the calendar arithmetic can handle."""
    text = request.query_params.get(name)
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: _("Please give a date as YYYY-MM-DD.")}) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            {
                name: _("Please give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    return day


@extend_schema(
    tags=["programme"],
    parameters=[
        LANG_PARAMETER,
        _query("category", OpenApiTypes.STR, "A category's slug."),
        _query("association", OpenApiTypes.STR, "An association's slug (lead or co-host)."),
        _query("language", OpenApiTypes.STR, "A language the offer is held in (ISO 639)."),
        _query("q", OpenApiTypes.STR, "Words to search for in title, summary and description."),
        _query("from", OpenApiTypes.DATE, "Only offers with a date on or after this day."),
        _query("until", OpenApiTypes.DATE, "Only offers with a date on or before this day."),
    ],
)
class OfferList(ListView):
    """Published offers of the joint programme, with their next dates."""

    serializer_class = OfferSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    error_field_names = OfferWriteSerializer.MODEL_FIELDS

    def get_serializer_class(self):
        return OfferWriteSerializer if self.request.method == "POST" else OfferSerializer

    def get(self, request, *args, **kwargs):
        params = request.query_params
        language = params.get("language", "")
        if language and language not in dict(language_choices()):
            raise ValidationError({"language": _("Unknown language.")})
        first, last = parse_date(request, "from"), parse_date(request, "until")
        if first and last and first > last:
            raise ValidationError({"from": _("The first day must not be after the last.")})
        filters = programme.CatalogueFilters(
            query=params.get("q", "").strip()[:200],
            categories=[params["category"]] if params.get("category") else [],
            languages=[language] if language else [],
            association=params.get("association", ""),
        )
        offers = selectors.offers_for_api(filters, get_language(), first=first, last=last)
        page = self.paginate_queryset(offers)
        return self.get_paginated_response(OfferSerializer(page, many=True).data)

    @extend_schema(
        request=OfferWriteSerializer,
        responses={201: OfferDetailSerializer, **ERRORS},
        parameters=[LANG_PARAMETER],
    )
    def post(self, request, *args, **kwargs):
        """Create an offer (as a draft) for an association one administers; staff for any."""
        serializer = OfferWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        offer = Offer()
        co_hosts = serializer.apply_to(offer)
        offer = services.save_offer(offer=offer, by=request.user, co_hosts=co_hosts)
        return Response(OfferDetailSerializer(offer).data, status=status.HTTP_201_CREATED)


def _offer_for(request, slug: str, *, change: bool) -> Offer:
    """A published offer for everyone; any offer for those who may change it. An offer the
    person may not see is not found; one they may see but not change is refused (403)."""
    try:
        offer = programme.offer_for_page(slug) if not change else None
    except Offer.DoesNotExist:
        offer = None
    if offer is not None:
        return offer
    try:
        offer = programme.offer_for_hosts(slug)
    except Offer.DoesNotExist:
        raise Http404 from None
    may_change = request.user.has_perm("programme.change_offer", offer)
    if offer.status != OfferStatus.PUBLISHED and not may_change:
        raise Http404
    if change and not may_change:
        from rest_framework.exceptions import PermissionDenied

        raise PermissionDenied()
    return offer


@extend_schema(tags=["programme"], parameters=[LANG_PARAMETER])
class OfferDetail(ApiView):
    """One offer: published for everyone; drafts only for those who may change it."""

    serializer_class = OfferDetailSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    error_field_names = OfferWriteSerializer.MODEL_FIELDS

    def get(self, request, *args, **kwargs):
        offer = _offer_for(request, kwargs["slug"], change=False)
        return Response(OfferDetailSerializer(offer).data)

    @extend_schema(request=OfferWriteSerializer, responses={200: OfferDetailSerializer, **ERRORS})
    def patch(self, request, *args, **kwargs):
        """Change some fields of an offer."""
        offer = _offer_for(request, kwargs["slug"], change=True)
        serializer = OfferWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        co_hosts = serializer.apply_to(offer)
        offer = services.save_offer(offer=offer, by=request.user, co_hosts=co_hosts)
        return Response(OfferDetailSerializer(offer).data)


@extend_schema(
    tags=["programme"],
    request=OfferStatusSerializer,
    responses={200: OfferDetailSerializer, **ERRORS},
    parameters=[LANG_PARAMETER],
)
class OfferStatusView(ApiView):
    """Publish an offer, or take it back (draft) or archive it."""

    serializer_class = OfferStatusSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def post(self, request, *args, **kwargs):
        offer = _offer_for(request, kwargs["slug"], change=True)
        serializer = OfferStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        offer = services.set_offer_status(
            offer=offer, status=serializer.validated_data["status"], by=request.user
        )
        return Response(OfferDetailSerializer(offer).data)


@extend_schema(tags=["programme"], parameters=[LANG_PARAMETER])
class SessionList(ListView):
    """The coming dates of a published offer, without the cancelled ones."""

    serializer_class = SessionSerializer

    def get(self, request, *args, **kwargs):
        try:
            offer = programme.published_offers().get(slug=kwargs["slug"])
        except Offer.DoesNotExist:
            raise Http404 from None
        page = self.paginate_queryset(selectors.upcoming_sessions_of(offer))
        return self.get_paginated_response(SessionSerializer(page, many=True).data)


@extend_schema(tags=["programme"], parameters=[LANG_PARAMETER])
class CategoryList(ListView):
    """The categories of offers."""

    serializer_class = CategorySerializer

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(programme.categories().order_by("position", "slug"))
        return self.get_paginated_response(CategorySerializer(page, many=True).data)


@extend_schema(tags=["programme"], parameters=[LANG_PARAMETER])
class AssociationList(ListView):
    """The member associations of the house, with what their public pages show."""

    serializer_class = AssociationSerializer

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(public_associations())
        return self.get_paginated_response(AssociationSerializer(page, many=True).data)


urlpatterns = [
    path("offers/", OfferList.as_view(), name="offers"),
    path("offers/<slug:slug>/", OfferDetail.as_view(), name="offer"),
    path("offers/<slug:slug>/status/", OfferStatusView.as_view(), name="offer-status"),
    path("offers/<slug:slug>/sessions/", SessionList.as_view(), name="offer-sessions"),
    path("categories/", CategoryList.as_view(), name="categories"),
    path("associations/", AssociationList.as_view(), name="associations"),
]
