"""Whole-page caching of public pages, per language, invalidated by bumping a version key
that the services which change the pages' data call."""

import hashlib

from django.core.cache import cache

VERSION_KEY = "public-pages:version"
# Keys whose bump invalidates cached entries: a cache that missed a bump while unreachable
# replays these (and only these) once it answers again (core.cache_backends).
VERSION_KEYS: set[str] = {VERSION_KEY}


def cache_version(key: str) -> int:
    """The current version of a family of cache entries (part of their keys)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, 1, timeout=None)
        version = cache.get(key, 1)
    return version


def bump_cache_version(key: str) -> None:
    """Makes every entry keyed with the old version unreachable (they expire on their own)."""
    VERSION_KEYS.add(key)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def public_pages_version() -> int:
    return cache_version(VERSION_KEY)


def invalidate_public_pages() -> None:
    """Called after commit by every service that changes what public pages show."""
    bump_cache_version(VERSION_KEY)


def within_limit(key: str, limit: int, seconds: int) -> bool:
    """Counts one more action under `key` in a window of `seconds` (in the shared cache, so the
    limit holds across web processes); whether it is within `limit`. Fails open with the cache."""
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def cache_public_page(view=None, *, params: tuple[str, ...] = ()):
    """Cache a public page whole, per language (the path holds it) and per value of the query
    parameters the page understands (`params`) — others cannot make a new cache entry — for
    anonymous visitors; HTMX partials apart from full pages. The services that change the
    page's data bump the version, so nobody sees a stale page for longer than a commit."""
    if view is None:
        return lambda function: cache_public_page(function, params=params)

    from functools import wraps

    from django.conf import settings
    from django.contrib.messages import get_messages
    from django.http import HttpResponse

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if len(get_messages(request)):
            return view(request, *args, **kwargs)
        partial = "p" if request.headers.get("HX-Request") else "f"
        query = sorted(
            (name, value) for name in params for value in request.GET.getlist(name) if value
        )
        fingerprint = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
        key = f"page:{public_pages_version()}:{partial}:{fingerprint}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
        response["Vary"] = "HX-Request, Cookie"
        return response

    return wrapper
