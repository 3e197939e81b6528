"""Filtering on JSON lists of codes (languages, weekdays) on PostgreSQL and on SQLite."""

from django.conf import settings
from django.db.models import Q


def list_contains(field: str, value) -> Q:
    if settings.IS_POSTGRES:
        return Q(**{f"{field}__contains": [value]})
    # SQLite stores the list as JSON text; a quoted code is found as a substring.
    needle = f'"{value}"' if isinstance(value, str) else str(value)
    return Q(**{f"{field}__icontains": needle})
