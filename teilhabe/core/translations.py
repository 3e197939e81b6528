"""Content in the visitor's language, or in German and marked as German when nobody has
translated it yet."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname


@dataclass(frozen=True)
class TranslatedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text


def translated(obj, field: str, language: str | None = None) -> TranslatedText:
    language = language or get_language() or settings.LANGUAGE_CODE
    own = getattr(obj, build_localized_fieldname(field, language), None)
    if own:
        return TranslatedText(own, language, False)
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    text = getattr(obj, build_localized_fieldname(field, default), None) or ""
    return TranslatedText(text, default, language != default and bool(text))


def missing_translations(obj, fields: tuple[str, ...]) -> list[str]:
    """Codes of the UI languages in which any of `fields` has no own text."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        code
        for code, _name in settings.LANGUAGES
        if code != default
        and any(
            getattr(obj, build_localized_fieldname(f, default), None)
            and not getattr(obj, build_localized_fieldname(f, code), None)
            for f in fields
        )
    ]
