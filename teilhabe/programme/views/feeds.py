"""Calendar feeds (iCalendar) of the programme, of a category, an association and an offer, and
the printed weekly programme (PDF) — each in the language of its URL.

Both are cached whole per language and host under the public pages' version key, which the
programme's services bump on every change: a calendar client polling every few minutes or a
stack of printed weeks costs one rendering per change, not one per request."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from teilhabe.core.cache import public_pages_version
from teilhabe.core.ical import calendar_response
from teilhabe.core.models import Centre
from teilhabe.core.pdf import pdf_response, render_template_to_pdf, text_direction
from teilhabe.core.recurrence import centre_today
from teilhabe.core.translations import translated

from .. import feed_selectors
from ..calendar import printed_week, sessions_calendar
from ..weeks import requested_week

# A week more than ten years away is not a programme anybody prints; it is a typo or a probe.


def _cache_key(request, *parts) -> str:
    return ":".join(
        ["programme", str(public_pages_version()), request.get_host(), get_language(), *parts]
    )


def _get_or_404(lookup: Callable, slug: str):
    try:
        return lookup(slug)
    except ObjectDoesNotExist:
        raise Http404 from None


def _feed(request, *, key: str, filename: str, title: Callable[[Centre], str], **scope):
    """Render (or take from the cache) the feed of the sessions in `scope`."""
    cache_key = _cache_key(request, "feed", key)
    content = cache.get(cache_key)
    if content is None:
        centre = Centre.current()
        first, last = feed_selectors.feed_window(whole_programme=not scope)
        content = sessions_calendar(
            feed_selectors.sessions_for_feed(first, last, **scope),
            name=title(centre),
            feed_id=f"feed-{key}",
            first=first,
            last=last,
            centre=centre,
            absolute_url=request.build_absolute_uri,
            url=request.build_absolute_uri(reverse("programme:offer-list")),
        )
        cache.set(cache_key, content, settings.PUBLIC_PAGE_CACHE_SECONDS)
    return calendar_response(
        request, content, filename=filename, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS
    )


@require_safe
def programme_feed(request):
    return _feed(
        request,
        key="programme",
        filename="programme.ics",
        title=lambda centre: _("%(centre)s – programme") % {"centre": centre.name},
    )


@require_safe
def category_feed(request, slug):
    category = _get_or_404(feed_selectors.category_for_feed, slug)
    name = translated(category, "name").text
    return _feed(
        request,
        key=f"category:{slug}",
        filename=f"{slug}.ics",
        title=lambda centre: f"{centre.name} – {name}",
        category=slug,
    )


@require_safe
def association_feed(request, slug):
    association = _get_or_404(feed_selectors.association_for_feed, slug)
    return _feed(
        request,
        key=f"association:{slug}",
        filename=f"{slug}.ics",
        title=lambda centre: f"{centre.name} – {association.name}",
        association=slug,
    )


@require_safe
def offer_feed(request, slug):
    offer = _get_or_404(feed_selectors.offer_for_feed, slug)
    return _feed(
        request,
        key=f"offer:{slug}",
        filename=f"{slug}.ics",
        title=lambda centre: translated(offer, "title").text,
        offer=offer,
    )


def weekly_pdf(request):
    monday = requested_week(request.GET.get("week"))
    language = get_language()
    cache_key = _cache_key(request, "week-pdf", monday.isoformat())
    content = cache.get(cache_key)
    if content is None:
        centre = Centre.current()
        context = {
            "centre": centre,
            "centre_dir": text_direction(centre.name),
            "first": monday,
            "last": monday + timedelta(days=6),
            "days": printed_week(feed_selectors.week_programme(monday), language),
            "language": language,
            "is_rtl": get_language_bidi(),
            "online_url": request.build_absolute_uri(reverse("programme:week")),
            "printed_on": centre_today(),
        }
        content = render_template_to_pdf("programme/print/week.html", context)
        cache.set(cache_key, content, settings.PUBLIC_PAGE_CACHE_SECONDS)
    response = pdf_response(content, filename=f"programme-{monday.isoformat()}-{language}.pdf")
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_CACHE_SECONDS)
    return response
