"""schema.org Event markup (JSON-LD) for an offer's page: one Event per upcoming session, so
that search engines and calendar tools can show the dates, in the page's language."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from teilhabe.core.models import Centre
from teilhabe.core.recurrence import CENTRE_TZ
from teilhabe.core.translations import translated
from teilhabe.programme.models import CostKind

register = template.Library()

SCHEMA = "https://schema.org"
MAX_EVENTS = 20

# The characters json_script escapes: inside <script> nothing can then close the element or
# open a comment, whatever the offer's text holds.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dumps_for_script(data) -> SafeString:
    """JSON that is safe inside <script type="application/ld+json">, like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))


def _absolute_url_builder(context):
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri
    # An absolute URL (an image in an S3 bucket) stays as it is.
    return lambda path: path if "://" in path else f"{settings.SITE_URL}{path}"


def _upcoming_sessions(offer) -> list:
    """The sessions the page's selector prefetched (selectors.offer_for_page), or, on a page
    that did not, one query for them."""
    sessions = getattr(offer, "upcoming_sessions", None)
    if sessions is None:
        sessions = (
            offer.sessions.filter(ends_at__gte=timezone.now())
            .select_related("room")
            .order_by("starts_at")[:MAX_EVENTS]
        )
    return list(sessions)[:MAX_EVENTS]


def _place(centre, session, language: str) -> dict:
    name = centre.name
    if session.room is not None:
        name = f"{centre.name}, {translated(session.room, 'name', language).text}"
    place = {"@type": "Place", "name": name}
    address = {"@type": "PostalAddress"}
    if centre.address:
        address["streetAddress"] = centre.address
    if centre.city:
        address["addressLocality"] = centre.city
    if len(address) > 1:
        place["address"] = address
    return place


def _price_offers(offer, url: str) -> list[dict]:
    def price_offer(price, name=None) -> dict:
        data = {"@type": "Offer", "url": url, "priceCurrency": "EUR", "price": str(price)}
        if name:
            data["name"] = name
        return data

    if offer.cost_kind == CostKind.FREE:
        return [price_offer("0")]
    offers = []
    if offer.price is not None:
        offers.append(price_offer(offer.price))
    if offer.reduced_price is not None:
        offers.append(price_offer(offer.reduced_price, name=str(CostKind.REDUCED.label)))
    return offers or [{"@type": "Offer", "url": url}]


def offer_events(offer, *, centre, absolute_url, language: str | None = None) -> list[dict]:
    """schema.org Events of the offer's upcoming sessions (cancelled ones with their status).
    Needs the offer's lead association, co-hosts and upcoming sessions with rooms loaded."""
    language = language or get_language() or settings.LANGUAGE_CODE
    url = absolute_url(offer.get_absolute_url())
    title = translated(offer, "title", language)
    summary = translated(offer, "summary", language)
    hosts = [offer.lead_association] + [
        a for a in offer.co_hosts.all() if a.pk != offer.lead_association_id
    ]
    organizers = [
        {"@type": "Organization", "name": a.name, "url": absolute_url(a.get_absolute_url())}
        for a in hosts
    ]
    common = {
        "name": title.text,
        "description": summary.text,
        "url": url,
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "organizer": organizers if len(organizers) > 1 else organizers[0],
        "isAccessibleForFree": offer.cost_kind == CostKind.FREE,
        "offers": _price_offers(offer, url),
    }
    if offer.languages:
        common["inLanguage"] = offer.languages if len(offer.languages) > 1 else offer.languages[0]
    if offer.image:
        common["image"] = absolute_url(offer.image.url)
    if offer.age_min is not None or offer.age_max is not None:
        low = offer.age_min if offer.age_min is not None else 0
        common["typicalAgeRange"] = f"{low}-{offer.age_max if offer.age_max is not None else ''}"
    events = []
    for session in _upcoming_sessions(offer):
        event = {
            "@context": SCHEMA,
            "@type": "Event",
            "@id": f"{url}#session-{session.pk}",
            **common,
            "startDate": timezone.localtime(session.starts_at, CENTRE_TZ).isoformat(),
            "endDate": timezone.localtime(session.ends_at, CENTRE_TZ).isoformat(),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "location": _place(centre, session, language),
        }
        if session.is_cancelled:
            event["eventStatus"] = f"{SCHEMA}/EventCancelled"
        elif session.is_moved:
            event["eventStatus"] = f"{SCHEMA}/EventRescheduled"
            event["previousStartDate"] = session.rule_day.isoformat()
        events.append(event)
    return events


@register.simple_tag(takes_context=True)
def offer_events_jsonld(context, offer) -> SafeString:
    """The offer's upcoming sessions as a JSON-LD array of schema.org Events, escaped for a
    <script> element; empty when the offer has no upcoming session."""
    centre = context.get("centre") or Centre.current()
    events = offer_events(offer, centre=centre, absolute_url=_absolute_url_builder(context))
    return dumps_for_script(events) if events else mark_safe("")
