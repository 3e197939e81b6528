"""Whole-page caching of public pages, per language, invalidated by bumping a version key
that the services which change the pages' data call."""

from django.core.cache import cache

VERSION_KEY = "public-pages:version"


def public_pages_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate_public_pages() -> None:
    """Called after commit by every service that changes what public pages show."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
