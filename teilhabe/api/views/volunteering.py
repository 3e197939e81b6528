"""Volunteering: the open roles published on the board."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from teilhabe.volunteers.models import RoleKind
from teilhabe.volunteers.roles_selectors import published_roles

from ..serializers import OpenRoleSerializer
from .base import LANG_PARAMETER, ListView


@extend_schema(
    tags=["volunteering"],
    parameters=[
        LANG_PARAMETER,
        OpenApiParameter(
            "language", OpenApiTypes.STR, description="A language wanted (ISO 639 code)."
        ),
        OpenApiParameter(
            "association",
            OpenApiTypes.STR,
            description="An association's slug; \"centre\" for the centre's own roles.",
        ),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=RoleKind.values, description="How often."),
    ],
)
class RoleList(ListView):
    """Open roles for volunteers, newest first."""

    serializer_class = OpenRoleSerializer

    def get(self, request, *args, **kwargs):
        params = request.query_params
        roles = published_roles(
            language=params.get("language", "")[:10],
            association=params.get("association", "")[:80],
            kind=params.get("kind", ""),
        )
        page = self.paginate_queryset(roles)
        return self.get_paginated_response(OpenRoleSerializer(page, many=True).data)


urlpatterns = [path("volunteering/roles/", RoleList.as_view(), name="volunteer-roles")]
