"""Counselling: the public list of services and their free slots; the agenda of a service for
its counsellors (each reading logged in the audit trail); anonymous statistics for staff and
the service's counsellors."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response

from teilhabe.core.languages import language_choices
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling import selectors, services
from teilhabe.counselling.models import Service
from teilhabe.counselling.statistics import service_statistics

from ..permissions import HasObjectRule
from ..serializers import (
    AppointmentSerializer,
    PublicSlotSerializer,
    ServiceSerializer,
    StatisticsSerializer,
)
from .base import LANG_PARAMETER, LanguageMixin
from .programme import parse_date

MAX_STATISTICS_MONTHS = 60


def _active_service(slug: str) -> Service:
    return get_object_or_404(Service, slug=slug, is_active=True)


def _month(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        year, month = text.split("-")
        month = date(int(year), int(month), 1)
    except ValueError:
        raise ValidationError({name: _("Please give a month as YYYY-MM.")}) from None
    if not 1900 <= month.year <= 2999:
        raise ValidationError({name: _("Please give a month as YYYY-MM.")})
    return month


@extend_schema(tags=["counselling"], parameters=[LANG_PARAMETER])
class ServiceList(LanguageMixin, ListModelMixin, GenericAPIView):
    """The counselling services of the house, with their topics, the languages of their
    counsellors and the next free appointment."""

    serializer_class = ServiceSerializer

    def get_queryset(self):
        return selectors.active_services().order_by("name_de", "pk")

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        first_slots = {pk: slots[0] for pk, slots in selectors.free_slots(page).items() if slots}
        serializer = self.get_serializer(page, many=True, context={"next_slots": first_slots})
        return self.get_paginated_response(serializer.data)


@extend_schema(
    tags=["counselling"],
    parameters=[
        OpenApiParameter(
            "language",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            description="A language code: marks the slots with a counsellor who speaks it.",
        )
    ],
)
class SlotList(LanguageMixin, ListModelMixin, GenericAPIView):
    """The free appointment slots of a service."""

    serializer_class = PublicSlotSerializer

    def get(self, request, *args, **kwargs):
        service = _active_service(kwargs["slug"])
        language = request.query_params.get("language", "")
        if language and language not in dict(language_choices()):
            raise ValidationError({"language": _("Unknown language.")})
        page = self.paginate_queryset(selectors.free_slots([service])[service.pk])
        serializer = self.get_serializer(page, many=True, context={"language": language})
        return self.get_paginated_response(serializer.data)


@extend_schema(
    tags=["counselling"],
    parameters=[
        OpenApiParameter(
            "day",
            OpenApiTypes.DATE,
            OpenApiParameter.QUERY,
            description="The day (YYYY-MM-DD); today when left out.",
        )
    ],
)
class AppointmentList(ListModelMixin, GenericAPIView):
    """The appointments of a service on one day — only for that service's counsellors. Every
    appointment returned is logged in the audit trail as read. The case note is not part of
    the API. Only a logged-in session reaches it, not an API token: a session has passed the
    two-factor login that counsellors need, a token would bypass it."""

    authentication_classes = [SessionAuthentication]
    serializer_class = AppointmentSerializer
    permission_classes = [HasObjectRule]
    object_rule = "counselling.use_desk"

    def get(self, request, *args, **kwargs):
        service = get_object_or_404(Service, slug=kwargs["slug"])
        self.check_object_permissions(request, service)
        day = parse_date(request, "day") or centre_today()
        appointments = selectors.appointments_for_desk(service, first=day, last=day)
        page = services.open_appointments(
            appointments=self.paginate_queryset(appointments), by=request.user
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["counselling"],
    parameters=[
        LANG_PARAMETER,
        OpenApiParameter(
            "from",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            description="First month (YYYY-MM); 11 months before the last when left out.",
        ),
        OpenApiParameter(
            "until",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            description="Last month (YYYY-MM); this month when left out.",
        ),
    ],
)
class Statistics(LanguageMixin, GenericAPIView):
    """Anonymous monthly figures of a service (from the records that outlive the
    appointments) — for staff and the service's counsellors."""

    serializer_class = StatisticsSerializer
    permission_classes = [HasObjectRule]
    object_rule = "counselling.view_statistics"
    pagination_class = None

    def get(self, request, *args, **kwargs):
        service = get_object_or_404(Service, slug=kwargs["slug"])
        self.check_object_permissions(request, service)
        last = _month(request.query_params.get("until"), "until") or centre_today().replace(day=1)
        first = _month(request.query_params.get("from"), "from") or _months_before(last, 11)
        if first > last:
            raise ValidationError({"from": _("The first month must not be after the last.")})
        if (last.year - first.year) * 12 + last.month - first.month >= MAX_STATISTICS_MONTHS:
            raise ValidationError(
                {
                    "from": _("At most %(months)s months at once.")
                    % {"months": MAX_STATISTICS_MONTHS}
                }
            )
        figures = service_statistics(service, first=first, last=last, with_next_slot=False)
        return Response(self.get_serializer(figures).data)


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


urlpatterns = [
    path("counselling/services/", ServiceList.as_view(), name="counselling-services"),
    path(
        "counselling/services/<slug:slug>/slots/",
        SlotList.as_view(),
        name="counselling-slots",
    ),
    path(
        "counselling/services/<slug:slug>/appointments/",
        AppointmentList.as_view(),
        name="counselling-appointments",
    ),
    path(
        "counselling/services/<slug:slug>/statistics/",
        Statistics.as_view(),
        name="counselling-statistics",
    ),
]
