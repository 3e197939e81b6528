"""What every API view shares: the language of translated content (?lang= or
Accept-Language), and the errors of the apps' services as HTTP answers — a validation error as
400 with messages by field (in the request's language), a refusal as 403, a room already taken
as 409."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin

from teilhabe.rooms.services import BookingConflict

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="Language of translated texts (otherwise the Accept-Language header; German "
    "where no translation exists).",
    enum=[code for code, _name in settings.LANGUAGES],
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def as_api_error(error: DjangoValidationError, field_names: dict[str, str] | None = None):
    """A service's ValidationError as DRF's: a conflict about a room as 409, otherwise 400 with
    the messages by field (the model's field names mapped to the API's by `field_names`)."""
    if isinstance(error, BookingConflict):
        return Conflict({"detail": error.messages[0]})
    names = field_names or {}
    if hasattr(error, "error_dict"):
        detail: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            key = "non_field_errors" if name == "__all__" else names.get(name, name)
            detail.setdefault(key, []).extend(str(m) for m in messages)
        return ValidationError(detail)
    return ValidationError({"non_field_errors": [str(m) for m in error.messages]})


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        # PostgreSQL cannot compare text with a NUL character: refuse it before any query.
        for name, values in request.query_params.lists():
            if any("\x00" in value for value in values) or "\x00" in name:
                raise ValidationError(
                    {name.replace("\x00", ""): _("Null characters are not allowed.")}
                )
        language = request.query_params.get("lang")
        if language:
            if language not in dict(settings.LANGUAGES):
                raise ValidationError({"lang": _("Unknown language.")})
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)


class ServiceErrorsMixin:
    """Turns Django's ValidationError raised by a service into a 400 (or 409) answer."""

    error_field_names: dict[str, str] = {}

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = as_api_error(exc, self.error_field_names)
        return super().handle_exception(exc)


class ApiView(ServiceErrorsMixin, LanguageMixin, GenericAPIView):
    """The base of the API's views."""


class ListView(ListModelMixin, ApiView):
    """A paginated list: the mixin tells the schema that the answer is a page of items."""
