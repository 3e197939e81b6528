"""What every API view shares: the language of translated content (?lang= or
Accept-Language)."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description="Language of translated texts (otherwise the Accept-Language header; German "
    "where no translation exists).",
    enum=[code for code, _name in settings.LANGUAGES],
)


class LanguageMixin:
    def initial(self, request, *args, **kwargs):
        language = request.query_params.get("lang")
        if language:
            if language not in dict(settings.LANGUAGES):
                raise ValidationError({"lang": "Unknown language."})
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)
