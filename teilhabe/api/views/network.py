"""The network directory: the partners of the city's integration network and their services,
searched and filtered as on the directory's pages (the network app's selectors)."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from teilhabe.core.languages import language_choices
from teilhabe.network.models import Organization, ServiceType
from teilhabe.network.selectors import (
    directory_services,
    organization_for_page,
    organizations_for_directory,
)

from ..serializers import NetworkServiceSerializer, OrganizationSerializer
from .base import LANG_PARAMETER, ApiView, ListView


def _query(name, kind, description, **extra) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **extra)


@extend_schema(
    tags=["network"],
    parameters=[
        LANG_PARAMETER,
        _query("q", OpenApiTypes.STR, "Words to search for in names and descriptions."),
        _query("type", OpenApiTypes.STR, "The type of service.", enum=ServiceType.values),
        _query("language", OpenApiTypes.STR, "A language spoken (ISO 639 code)."),
        _query("district", OpenApiTypes.STR, "A district of the city where it is offered."),
    ],
)
class NetworkServiceList(ListView):
    """The active services of the network's partners."""

    serializer_class = NetworkServiceSerializer

    def get(self, request, *args, **kwargs):
        params = request.query_params
        service_type, language = params.get("type", ""), params.get("language", "")
        if service_type and service_type not in ServiceType.values:
            raise ValidationError({"type": _("Unknown type of service.")})
        if language and language not in dict(language_choices()):
            raise ValidationError({"language": _("Unknown language.")})
        services = directory_services(
            text=params.get("q", "")[:200],
            service_type=service_type,
            language=language,
            district=params.get("district", "")[:100],
        )
        page = self.paginate_queryset(services)
        return self.get_paginated_response(NetworkServiceSerializer(page, many=True).data)


@extend_schema(
    tags=["network"],
    parameters=[
        LANG_PARAMETER,
        _query("q", OpenApiTypes.STR, "Words of the organisation's name."),
        _query("district", OpenApiTypes.STR, "A district with one of its locations."),
        _query("in_house", OpenApiTypes.BOOL, "Only partners in the house (true) or outside."),
    ],
)
class OrganizationList(ListView):
    """The partners of the network with their locations and phones."""

    serializer_class = OrganizationSerializer

    def get(self, request, *args, **kwargs):
        params = request.query_params
        in_house = {"true": True, "false": False, "": None}.get(params.get("in_house", ""), "bad")
        if in_house == "bad":
            raise ValidationError({"in_house": _("Please give true or false.")})
        organizations = organizations_for_directory(
            text=params.get("q", "")[:200],
            district=params.get("district", "")[:100],
            in_house=in_house,
        )
        page = self.paginate_queryset(organizations)
        return self.get_paginated_response(OrganizationSerializer(page, many=True).data)


@extend_schema(tags=["network"], parameters=[LANG_PARAMETER])
class OrganizationDetail(ApiView):
    """One partner of the network."""

    serializer_class = OrganizationSerializer

    def get(self, request, *args, **kwargs):
        try:
            organization = organization_for_page(kwargs["uuid"])
        except Organization.DoesNotExist:
            raise Http404 from None
        return Response(OrganizationSerializer(organization).data)


urlpatterns = [
    path("network/services/", NetworkServiceList.as_view(), name="network-services"),
    path("network/organizations/", OrganizationList.as_view(), name="network-organizations"),
    path(
        "network/organizations/<uuid:uuid>/",
        OrganizationDetail.as_view(),
        name="network-organization",
    ),
]
