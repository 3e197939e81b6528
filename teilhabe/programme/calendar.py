"""Sessions as calendar entries: the facts of a session in the visitor's language (German,
marked as such, where nobody has translated yet), as iCalendar events for the feeds and as
lines of the printed weekly programme."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Event

from teilhabe.core.ical import build_calendar
from teilhabe.core.languages import language_name
from teilhabe.core.pdf import text_direction
from teilhabe.core.recurrence import CENTRE_TZ
from teilhabe.core.translations import TranslatedText, translated

from .feed_selectors import ProgrammeDay
from .models import Session


@dataclass(frozen=True)
class SessionFacts:
    """What a calendar entry or a printed line says about one session."""

    session: Session
    title: TranslatedText
    summary: TranslatedText
    category: TranslatedText
    room: TranslatedText | None
    hosts: list[str]
    languages: list[str]
    starts_at: datetime  # in the centre's time zone
    ends_at: datetime

    @property
    def is_cancelled(self) -> bool:
        return self.session.is_cancelled

    @property
    def is_moved(self) -> bool:
        return self.session.is_moved

    @property
    def note(self) -> str:
        return self.session.note

    # The writing direction of each text, for a printed page (see core.pdf.text_direction).
    @property
    def title_dir(self) -> str:
        return text_direction(self.title.text)

    @property
    def category_dir(self) -> str:
        return text_direction(self.category.text)

    @property
    def room_dir(self) -> str:
        return text_direction(self.room.text) if self.room else "ltr"

    @property
    def note_dir(self) -> str:
        return text_direction(self.note)

    @property
    def hosts_with_dir(self) -> list[tuple[str, str]]:
        return [(host, text_direction(host)) for host in self.hosts]

    @property
    def languages_dir(self) -> str:
        return text_direction(", ".join(self.languages))


def session_facts(session: Session, language: str | None = None) -> SessionFacts:
    """Needs the session's offer, category, lead association, room and the offer's co-hosts
    loaded (feed_selectors.sessions_for_feed does that)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    offer = session.offer
    hosts = [offer.lead_association.name] + [
        host.name for host in offer.co_hosts.all() if host.pk != offer.lead_association_id
    ]
    return SessionFacts(
        session=session,
        title=translated(offer, "title", language),
        summary=translated(offer, "summary", language),
        category=translated(offer.category, "name", language),
        room=translated(session.room, "name", language) if session.room else None,
        hosts=hosts,
        languages=[language_name(code) for code in offer.languages or []],
        starts_at=timezone.localtime(session.starts_at, CENTRE_TZ),
        ends_at=timezone.localtime(session.ends_at, CENTRE_TZ),
    )


def feed_host() -> str:
    """The host part of every UID. Taken from SITE_URL, not from the request, so that a UID
    stays the same whichever name the site was reached by."""
    return urlsplit(settings.SITE_URL).hostname or "teilhabe.invalid"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{feed_host()}"


def session_event(facts: SessionFacts, *, url: str, centre, stamp: datetime | None = None) -> Event:
    """One VEVENT. SUMMARY and DESCRIPTION carry a LANGUAGE parameter, which says "de" where
    the text falls back to German.

    No SEQUENCE or LAST-MODIFIED: a session keeps no change counter or change time of its own
    (the offer's updated_at misses cancellations), and a wrong value is worse than none —
    subscribing clients replace each event by its UID on every refresh."""
    session = facts.session
    event = Event()
    event.add("UID", session_uid(session))
    event.add("DTSTAMP", stamp or timezone.now())
    event.add("DTSTART", facts.starts_at)
    event.add("DTEND", facts.ends_at)
    title = facts.title.text
    if facts.is_cancelled:
        # Several clients show cancelled events of a subscription as if they took place.
        title = _("Cancelled: %(title)s") % {"title": title}
    event.add("SUMMARY", title, parameters={"LANGUAGE": facts.title.language})
    event.add(
        "DESCRIPTION",
        _description(facts, url),
        parameters={"LANGUAGE": facts.summary.language},
    )
    location = [facts.room.text if facts.room else "", centre.name, centre.address]
    event.add("LOCATION", ", ".join(part for part in location if part))
    event.add("URL", url)
    event.add("CATEGORIES", [facts.category.text])
    event.add("STATUS", "CANCELLED" if facts.is_cancelled else "CONFIRMED")
    if facts.is_cancelled:
        event.add("TRANSP", "TRANSPARENT")
    return event


def _description(facts: SessionFacts, url: str) -> str:
    lines = []
    if facts.is_cancelled:
        lines.append(_("This date is cancelled."))
    elif facts.is_moved:
        lines.append(_("This date has been moved."))
    if facts.note:
        lines.append(facts.note)
    if lines:
        lines.append("")
    lines.append(facts.summary.text)
    lines.append("")
    lines.append(_("Hosted by: %(hosts)s") % {"hosts": ", ".join(facts.hosts)})
    if facts.languages:
        lines.append(_("Held in: %(languages)s") % {"languages": ", ".join(facts.languages)})
    lines.append(url)
    return "\n".join(lines)


def sessions_calendar(
    sessions: Iterable[Session],
    *,
    name: str,
    feed_id: str,
    first: date,
    last: date,
    centre,
    absolute_url: Callable[[str], str],
    url: str = "",
) -> bytes:
    """The serialised VCALENDAR of `sessions` in the active language. `absolute_url` turns a
    path into a full URL (request.build_absolute_uri)."""
    language = get_language() or settings.LANGUAGE_CODE
    stamp = timezone.now().replace(microsecond=0)
    offer_urls: dict[int, str] = {}
    events = []
    for session in sessions:
        if session.offer_id not in offer_urls:
            offer_urls[session.offer_id] = absolute_url(session.offer.get_absolute_url())
        facts = session_facts(session, language)
        events.append(
            session_event(facts, url=offer_urls[session.offer_id], centre=centre, stamp=stamp)
        )
    calendar = build_calendar(
        events,
        name=name,
        uid=f"{feed_id}@{feed_host()}",
        first=first,
        last=last,
        language=language,
        url=url,
    )
    return calendar.to_ical()


def printed_week(days: Iterable[ProgrammeDay], language: str | None = None) -> list[dict]:
    """The week for the printed programme: each day with the facts of its sessions."""
    return [
        {"day": day.day, "sessions": [session_facts(s, language) for s in day.sessions]}
        for day in days
    ]
