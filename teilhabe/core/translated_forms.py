"""Forms with content in every language of the house: German required, the others optional,
grouped per language (rendered by templates/core/_translations_fieldset.html)."""

from django.conf import settings
from django.utils.translation import get_language_info

from .languages import language_choices

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def language_label(code: str) -> str:
    return get_language_info(code)["name_translated"]


def local_name_if_other(code: str) -> str:
    """The language's own name (العربيّة), unless the page already shows it that way."""
    info = get_language_info(code)
    return "" if info["name_local"] == info["name_translated"] else info["name_local"]


def text_direction(code: str) -> str:
    return "rtl" if code in settings.LANGUAGES_BIDI else "ltr"


def spoken_languages():
    """Every spoken language, by its name in the reader's language."""
    return sorted(language_choices(), key=lambda choice: str(choice[1]).casefold())


def translated_field_names(fields) -> list[str]:
    """The optional per-language fields: title_en, title_ar, …"""
    return [f"{field}_{code}" for code in OTHER_LANGUAGES for field in fields]


class TranslatedFieldsMixin:
    """For a ModelForm with modeltranslation fields: `translated_fields` names them,
    `translation_labels` gives each a label with %(language)s."""

    translated_fields: tuple[str, ...] = ()
    translation_labels: dict = {}

    def label_translations(self) -> None:
        for code, _name in settings.LANGUAGES:
            for field in self.translated_fields:
                form_field = self.fields[f"{field}_{code}"]
                form_field.label = self.translation_labels[field] % {
                    "language": language_label(code)
                }
                # Typed text shows in its own script and direction, whatever the page's.
                form_field.widget.attrs.update(lang=code, dir=text_direction(code))

    def translations(self) -> list[dict]:
        """One group per language beside German; open when it has text or errors."""
        groups = []
        for code in OTHER_LANGUAGES:
            fields = [self[f"{field}_{code}"] for field in self.translated_fields]
            has_text = any(field.value() for field in fields)
            groups.append(
                {
                    "code": code,
                    "label": language_label(code),
                    "name_local": local_name_if_other(code),
                    "dir": text_direction(code),
                    "fields": fields,
                    "has_text": has_text,
                    "is_open": has_text or any(field.errors for field in fields),
                }
            )
        return groups
