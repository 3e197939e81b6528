"""Rooms: the rooms of the house and when each is taken — for everyone, without who booked
(except the dates of the public programme); the bookings of one's association, booked and
cancelled through the same services as the booking pages (rooms.book_for,
rooms.cancel_booking). A room already taken is answered with 409 and the service's message."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from teilhabe.core.recurrence import centre_today
from teilhabe.rooms import selectors as rooms
from teilhabe.rooms import services
from teilhabe.rooms.models import Booking, Room

from .. import selectors
from ..serializers import AvailabilitySerializer, BookingSerializer, RoomSerializer
from .base import LANG_PARAMETER, ApiView, ListView
from .programme import parse_date

WRITE_ERRORS = {
    400: OpenApiResponse(description="Invalid input: messages by field."),
    409: OpenApiResponse(description="The room is already taken then."),
}


@extend_schema(tags=["rooms"], parameters=[LANG_PARAMETER])
class RoomList(ListView):
    """The rooms of the house in use."""

    serializer_class = RoomSerializer

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(rooms.rooms_of_the_house())
        return self.get_paginated_response(RoomSerializer(page, many=True).data)


@extend_schema(
    tags=["rooms"],
    parameters=[
        LANG_PARAMETER,
        OpenApiParameter(
            "day",
            OpenApiTypes.DATE,
            OpenApiParameter.QUERY,
            description="One day (YYYY-MM-DD); today when neither day nor week is given.",
        ),
        OpenApiParameter(
            "week",
            OpenApiTypes.DATE,
            OpenApiParameter.QUERY,
            description="Any day of a week (YYYY-MM-DD): the whole week, Monday to Sunday.",
        ),
    ],
)
class RoomAvailability(ApiView):
    """When a room is taken on a day or in a week: busy times only (set-up and clean-up time
    included). Who booked is not said, except for dates of the public programme."""

    serializer_class = AvailabilitySerializer
    pagination_class = None

    def get(self, request, *args, **kwargs):
        room = get_object_or_404(Room, pk=kwargs["id"], is_active=True)
        day, week = parse_date(request, "day"), parse_date(request, "week")
        if day and week:
            raise ValidationError({"week": _("Give either a day or a week, not both.")})
        if week:
            first = week - timedelta(days=week.weekday())
            last = first + timedelta(days=6)
        else:
            first = last = day or centre_today()
        busy = selectors.busy_times(room, first, last)
        data = {"room": room.pk, "first": first, "last": last, "busy": busy}
        return Response(AvailabilitySerializer(data).data)


@extend_schema(tags=["rooms"])
class BookingList(ListView):
    """The coming bookings one may cancel (of the associations one administers; staff: all),
    and booking a room for one's association."""

    serializer_class = BookingSerializer
    permission_classes = [IsAuthenticated]
    error_field_names = {"starts_at": "start", "ends_at": "end"}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.has_perm("rooms.use_booking"):
            raise PermissionDenied()

    def get(self, request, *args, **kwargs):
        page = self.paginate_queryset(selectors.bookings_for_api(request.user))
        return self.get_paginated_response(BookingSerializer(page, many=True).data)

    @extend_schema(responses={201: BookingSerializer, **WRITE_ERRORS})
    def post(self, request, *args, **kwargs):
        serializer = BookingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        booking = services.book_room(
            room=data["room"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            purpose=data["purpose"],
            association=data.get("association"),
            by=request.user,
        )
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["rooms"], request=None, responses={200: BookingSerializer, **WRITE_ERRORS})
class BookingCancel(ApiView):
    """Cancel a booking of one's association."""

    serializer_class = BookingSerializer
    permission_classes = [IsAuthenticated]

    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(Booking.objects.select_related("room"), pk=kwargs["id"])
        if not request.user.has_perm("rooms.cancel_booking", booking):
            raise Http404  # another association's bookings are not even named
        booking = services.cancel_booking(booking=booking, by=request.user)
        return Response(BookingSerializer(booking).data)


urlpatterns = [
    path("rooms/", RoomList.as_view(), name="rooms"),
    path("rooms/<int:id>/availability/", RoomAvailability.as_view(), name="room-availability"),
    path("bookings/", BookingList.as_view(), name="bookings"),
    path("bookings/<int:id>/cancel/", BookingCancel.as_view(), name="booking-cancel"),
]
