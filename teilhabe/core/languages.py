"""The languages people in the centre speak: Django's list plus languages of many people who
arrived in Germany in recent years that Django does not list."""

from functools import lru_cache

from django.conf import global_settings
from django.utils.translation import get_language, gettext_noop, override
from django.utils.translation import gettext_lazy as _

EXTRA_LANGUAGES = [
    ("prs", gettext_noop("Dari")),
    ("ps", gettext_noop("Pashto")),
    ("ti", gettext_noop("Tigrinya")),
    ("so", gettext_noop("Somali")),
    ("kmr", gettext_noop("Kurmanji")),
    ("ku", gettext_noop("Kurdish")),
    ("sq", gettext_noop("Albanian")),
    ("am", gettext_noop("Amharic")),
    ("ur", gettext_noop("Urdu")),
]
_extra_names = {code: _(name) for code, name in EXTRA_LANGUAGES}


def language_choices():
    """(code, translated name) for every spoken language, sorted by code."""
    seen = {}
    for code, name in global_settings.LANGUAGES:
        if "-" in code and code.split("-")[0] in dict(global_settings.LANGUAGES):
            continue
        seen[code] = _(name)
    seen.update(_extra_names)
    return sorted(seen.items())


def language_name(code: str) -> str:
    return _names_in(get_language() or "de").get(code, code)


@lru_cache(maxsize=16)
def _names_in(ui_language: str) -> dict[str, str]:
    """Language names in one UI language, built once: feeds name languages per event."""
    with override(ui_language):
        return {code: str(name) for code, name in language_choices()}
