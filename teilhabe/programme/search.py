"""Full-text search of offers on PostgreSQL: one weighted search vector per language, each
backed by a GIN expression index (migration 0003), so a search reads the index instead of
building the vector of every offer. The query must use exactly the indexed expression."""

from django.conf import settings
from django.contrib.postgres.search import SearchVector

# PostgreSQL text-search configurations by UI language; "simple" where PostgreSQL has none.
SEARCH_CONFIGS = {
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "ru": "russian",
    "tr": "turkish",
    "uk": "simple",
    "fa": "simple",
}


def search_config(code: str) -> str:
    return SEARCH_CONFIGS.get(code, "simple")


def offer_search_vector(code: str) -> SearchVector:
    config = search_config(code)
    return (
        SearchVector(f"title_{code}", weight="A", config=config)
        + SearchVector(f"summary_{code}", weight="B", config=config)
        + SearchVector(f"description_{code}", weight="C", config=config)
    )


def index_name(code: str) -> str:
    return f"programme_offer_search_{code}"


def searched_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
