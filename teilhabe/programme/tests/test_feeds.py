"""Calendar feeds, schema.org Event markup and the offers in the sitemap."""

import json
import re
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from icalendar import Calendar

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.cache import invalidate_public_pages
from teilhabe.core.models import Centre
from teilhabe.core.recurrence import centre_today
from teilhabe.programme import feed_selectors, selectors, services
from teilhabe.rooms.models import Room

from .factories import CategoryFactory, OfferFactory, ScheduleFactory, SessionFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def in_days(days: int, hour: int = 18) -> datetime:
    return local(centre_today() + timedelta(days=days), hour)


def session_on(offer, days: int, hour: int = 18, **kwargs):
    starts_at = in_days(days, hour)
    return SessionFactory(
        offer=offer,
        rule_day=starts_at.date(),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        **kwargs,
    )


def get_calendar(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def uid(session) -> str:
    return f"session-{session.pk}@127.0.0.1"


# --- the programme feed --------------------------------------------------------------------


def test_programme_feed_is_a_calendar_with_the_zone_and_one_event_per_session(client):
    offer = OfferFactory(title_de="Deutschkurs")
    room = Room.objects.create(name_de="Saal 1", floor=0, area_m2=40, capacity=30)
    sessions = [session_on(offer, 1, room=room), session_on(offer, 8), session_on(offer, -7)]
    session_on(OfferFactory(status="draft"), 2)  # not published
    session_on(offer, -60)  # long past: outside the feed's window

    response = client.get("/de/programme/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="programme.ics"'
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PUBLIC_PAGE_CACHE_SECONDS}" in response["Cache-Control"]
    assert response.has_header("ETag")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert uids(calendar) == {uid(s) for s in sessions}
    first = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid(sessions[0]))
    assert str(first["SUMMARY"]) == "Deutschkurs"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert "Saal 1" in str(first["LOCATION"])
    assert str(first["URL"]) == f"http://testserver/de/programme/offers/{offer.slug}/"
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert first.start == sessions[0].starts_at
    assert first.end == sessions[0].ends_at


def test_an_empty_programme_is_still_a_calendar_with_its_zone(client):
    calendar = get_calendar(client, "/de/programme/calendar.ics")
    assert calendar.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_uids_stay_the_same_from_one_request_to_the_next(client):
    offer = OfferFactory()
    sessions = [session_on(offer, day) for day in (1, 2, 3)]
    first = uids(get_calendar(client, "/de/programme/calendar.ics"))
    cache.clear()  # render again instead of answering from the cache
    second = uids(get_calendar(client, "/en/programme/calendar.ics"))
    third = uids(get_calendar(client, "/de/programme/calendar.ics"))
    assert first == second == third == {uid(s) for s in sessions}


def test_a_cancelled_session_stays_in_the_feed_as_cancelled(client):
    offer = OfferFactory(title_de="Nähcafé")
    cancelled = session_on(offer, 3, is_cancelled=True, note="Ostern")
    taking_place = session_on(offer, 10)
    events = {
        str(e["UID"]): e for e in get_calendar(client, "/de/programme/calendar.ics").walk("VEVENT")
    }
    assert str(events[uid(cancelled)]["STATUS"]) == "CANCELLED"
    assert "Ostern" in str(events[uid(cancelled)]["DESCRIPTION"])
    assert str(events[uid(taking_place)]["STATUS"]) == "CONFIRMED"


@pytest.mark.parametrize(
    ("today", "before", "after", "hours_from_utc"),
    [
        # clocks go forward on 28 March 2027, back on 31 October 2027
        (date(2027, 3, 20), date(2027, 3, 27), date(2027, 3, 29), (1, 2)),
        (date(2027, 10, 23), date(2027, 10, 30), date(2027, 11, 1), (2, 1)),
    ],
)
def test_a_weekly_course_stays_at_its_local_time_across_a_daylight_saving_change(
    client, monkeypatch, today, before, after, hours_from_utc
):
    monkeypatch.setattr(feed_selectors, "centre_today", lambda: today)
    schedule = ScheduleFactory(
        starts_on=today, weekdays=[before.weekday(), after.weekday()], start_time=time(18)
    )
    services.materialise_sessions(offers=[schedule.offer], today=today, horizon_days=14)

    response = client.get("/de/programme/calendar.ics")

    body = response.content.decode()
    assert f"DTSTART;TZID=Europe/Berlin:{before:%Y%m%d}T180000" in body
    assert f"DTSTART;TZID=Europe/Berlin:{after:%Y%m%d}T180000" in body
    starts = {e.start.date(): e.start for e in Calendar.from_ical(body).walk("VEVENT")}
    assert starts[before].hour == starts[after].hour == 18
    assert starts[before].utcoffset() == timedelta(hours=hours_from_utc[0])
    assert starts[after].utcoffset() == timedelta(hours=hours_from_utc[1])
    # the time zone definition itself knows the change, for clients that read only it
    timezone_ = Calendar.from_ical(body).walk("VTIMEZONE")[0].to_tz()
    assert datetime(2027, 3, 29, 18, tzinfo=timezone_).utcoffset() == timedelta(hours=2)
    assert datetime(2027, 3, 27, 18, tzinfo=timezone_).utcoffset() == timedelta(hours=1)


# --- category, association and offer feeds ----------------------------------------------------


def test_category_association_and_offer_feeds_hold_only_their_own_sessions(client):
    courses, meetings = CategoryFactory(slug="kurse"), CategoryFactory(slug="treffen")
    host, partner = AssociationFactory(slug="al-nour"), AssociationFactory(slug="vielfalt")
    course = OfferFactory(category=courses, lead_association=host)
    cohosted = OfferFactory(category=meetings, lead_association=partner)
    cohosted.co_hosts.add(host)
    other = OfferFactory(category=meetings, lead_association=partner)
    course_session, cohosted_session, other_session = (
        session_on(course, 1),
        session_on(cohosted, 2),
        session_on(other, 3),
    )

    def feed(url):
        return uids(get_calendar(client, url))

    assert feed("/de/programme/categories/kurse/calendar.ics") == {uid(course_session)}
    assert feed("/de/programme/categories/treffen/calendar.ics") == {
        uid(cohosted_session),
        uid(other_session),
    }
    assert feed("/de/programme/associations/al-nour/calendar.ics") == {
        uid(course_session),
        uid(cohosted_session),
    }
    assert feed(f"/de/programme/offers/{other.slug}/calendar.ics") == {uid(other_session)}
    response = client.get(f"/de/programme/offers/{other.slug}/calendar.ics")
    assert response["Content-Disposition"] == f'inline; filename="{other.slug}.ics"'


@pytest.mark.parametrize(
    "url",
    [
        "/de/programme/categories/gibt-es-nicht/calendar.ics",
        "/de/programme/associations/gibt-es-nicht/calendar.ics",
        "/de/programme/offers/gibt-es-nicht/calendar.ics",
        "/de/programme/offers/entwurf/calendar.ics",
        "/de/programme/associations/aufgeloest/calendar.ics",
    ],
)
def test_unknown_or_unpublished_scopes_answer_404(client, url):
    OfferFactory(slug="entwurf", status="draft")
    AssociationFactory(slug="aufgeloest", is_active=False)
    assert client.get(url).status_code == 404


# --- language ----------------------------------------------------------------------------------


def test_texts_follow_the_language_of_the_url_and_fall_back_to_german(client):
    translated_offer = OfferFactory(
        title_de="Deutschkurs",
        title_ar="دورة اللغة الألمانية",
        summary_de="Für Anfänger.",
        summary_ar="للمبتدئين.",
    )
    german_only = OfferFactory(title_de="Nähcafé")
    translated_session = session_on(translated_offer, 1)
    german_session = session_on(german_only, 2)

    def events(language):
        calendar = get_calendar(client, f"/{language}/programme/calendar.ics")
        return {str(e["UID"]): e for e in calendar.walk("VEVENT")}

    arabic = events("ar")
    summary = arabic[uid(translated_session)]["SUMMARY"]
    assert str(summary) == "دورة اللغة الألمانية"
    assert summary.params["LANGUAGE"] == "ar"
    assert "للمبتدئين." in str(arabic[uid(translated_session)]["DESCRIPTION"])
    assert str(arabic[uid(translated_session)]["URL"]).startswith("http://testserver/ar/")
    fallback = arabic[uid(german_session)]["SUMMARY"]
    assert str(fallback) == "Nähcafé"
    assert fallback.params["LANGUAGE"] == "de"  # says that the text is German

    german = events("de")
    assert str(german[uid(translated_session)]["SUMMARY"]) == "Deutschkurs"
    assert "Für Anfänger." in str(german[uid(translated_session)]["DESCRIPTION"])
    english = events("en")
    assert str(english[uid(translated_session)]["SUMMARY"]) == "Deutschkurs"
    assert english[uid(translated_session)]["SUMMARY"].params["LANGUAGE"] == "de"


def test_the_category_feed_is_named_in_the_language_of_the_url(client):
    CategoryFactory(slug="beratung", name_de="Beratung", name_ar="استشارة")
    calendar = get_calendar(client, "/ar/programme/categories/beratung/calendar.ics")
    assert "استشارة" in str(calendar["X-WR-CALNAME"])
    calendar = get_calendar(client, "/de/programme/categories/beratung/calendar.ics")
    assert "Beratung" in str(calendar["X-WR-CALNAME"])


# --- queries, caching --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/de/programme/calendar.ics", "/de/programme/associations/al-nour/calendar.ics"]
)
def test_a_feed_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    host = AssociationFactory(slug="al-nour")
    room = Room.objects.create(name_de="Saal", floor=0, area_m2=40, capacity=30)

    def add_sessions(count):
        for day in range(count):
            offer = OfferFactory(lead_association=host)
            offer.co_hosts.add(AssociationFactory())
            session_on(offer, day + 1, room=room)

    counts = []
    for count in (2, 18):  # 2, then 20 sessions
        add_sessions(count)
        cache.clear()
        with django_assert_max_num_queries(4) as queries:
            calendar = get_calendar(client, url)
        counts.append(len(queries))
        assert len(calendar.walk("VEVENT")) == sum((2, 18)[: len(counts)])
    assert counts[0] == counts[1]


def test_a_feed_is_served_from_the_cache_until_the_programme_changes(
    client, django_assert_num_queries
):
    session = session_on(OfferFactory(), 1)
    get_calendar(client, "/de/programme/calendar.ics")
    with django_assert_num_queries(0):
        get_calendar(client, "/de/programme/calendar.ics")
    session.is_cancelled = True
    session.save()
    invalidate_public_pages()  # what every service of the programme does after a change
    event = get_calendar(client, "/de/programme/calendar.ics").walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_an_unchanged_feed_answers_304_to_a_conditional_request(client):
    session_on(OfferFactory(), 1)
    response = client.get("/de/programme/calendar.ics")
    again = client.get("/de/programme/calendar.ics", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


# --- schema.org Event markup -----------------------------------------------------------------


def render_jsonld(offer, **context) -> str:
    return render_to_string("programme/catalogue/_event_jsonld.html", {"offer": offer, **context})


def jsonld_of(html: str):
    match = re.fullmatch(
        r'\s*<script type="application/ld\+json">(?P<data>.*)</script>\s*', html, re.S
    )
    assert match, html
    return json.loads(match["data"])


def test_event_markup_lists_the_upcoming_sessions_as_schema_org_events(
    django_assert_num_queries,
):
    Centre(name="Haus der Vielfalt", city="Erfurt", address="Beispielstraße 1").save()
    host, partner = AssociationFactory(name="Al-Nour e. V."), AssociationFactory(name="Vielfalt")
    offer = OfferFactory(
        slug="deutschkurs",
        title_de="Deutschkurs",
        title_en="German course",
        summary_en="For beginners.",
        lead_association=host,
        languages=["de", "ar"],
    )
    offer.co_hosts.add(partner)
    room = Room.objects.create(name_de="Saal", name_en="Hall", floor=0, area_m2=40, capacity=30)
    scheduled = session_on(offer, 2, room=room)
    cancelled = session_on(offer, 9, is_cancelled=True)
    session_on(offer, -2)  # over

    with translation.override("en"):
        page_offer = selectors.offer_for_page("deutschkurs")
        centre = Centre.current()
        with django_assert_num_queries(0):
            events = jsonld_of(render_jsonld(page_offer, centre=centre))

    assert [e["@type"] for e in events] == ["Event", "Event"]
    first, second = events
    assert first["@context"] == "https://schema.org"
    assert first["name"] == "German course"
    assert first["description"] == "For beginners."
    assert datetime.fromisoformat(first["startDate"]) == scheduled.starts_at
    assert datetime.fromisoformat(first["endDate"]) == scheduled.ends_at
    assert first["startDate"].endswith(("+01:00", "+02:00"))  # local time with its offset
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert datetime.fromisoformat(second["startDate"]) == cancelled.starts_at
    assert second["eventStatus"] == "https://schema.org/EventCancelled"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["name"] == "Haus der Vielfalt, Hall"
    assert first["location"]["address"]["streetAddress"] == "Beispielstraße 1"
    assert first["location"]["address"]["addressLocality"] == "Erfurt"
    assert [o["name"] for o in first["organizer"]] == ["Al-Nour e. V.", "Vielfalt"]
    assert {o["@type"] for o in first["organizer"]} == {"Organization"}
    assert first["inLanguage"] == ["de", "ar"]
    assert first["isAccessibleForFree"] is True
    assert first["offers"][0]["price"] == "0"
    assert first["url"].endswith("/en/programme/offers/deutschkurs/")


def test_event_markup_cannot_be_broken_out_of_by_the_offer_text():
    offer = OfferFactory(title_de="</script><script>alert(1)</script> & <!-- Co")
    session_on(offer, 1)
    html = render_jsonld(selectors.offer_for_page(offer.slug), centre=Centre.current())
    assert html.count("</script>") == 1
    assert "<!--" not in html
    assert jsonld_of(html)[0]["name"] == "</script><script>alert(1)</script> & <!-- Co"


def test_event_markup_of_a_paid_offer_and_of_an_offer_without_dates():
    paid = OfferFactory(cost_kind="reduced", price="30.00", reduced_price="15.00")
    session_on(paid, 1)
    event = jsonld_of(render_jsonld(selectors.offer_for_page(paid.slug)))[0]
    assert event["isAccessibleForFree"] is False
    assert [o["price"] for o in event["offers"]] == ["30.00", "15.00"]
    assert {o["priceCurrency"] for o in event["offers"]} == {"EUR"}
    without_dates = OfferFactory()
    assert render_jsonld(selectors.offer_for_page(without_dates.slug)).strip() == ""


# --- sitemap -----------------------------------------------------------------------------------


def test_sitemap_lists_every_published_offer_in_every_language_with_alternates(client):
    OfferFactory(slug="deutschkurs")
    OfferFactory(slug="entwurf", status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entries = {url.find("s:loc", SITEMAP_NS).text: url for url in root.findall("s:url", SITEMAP_NS)}
    codes = {code for code, _name in settings.LANGUAGES}
    for code in codes:
        location = f"http://testserver/{code}/programme/offers/deutschkurs/"
        assert location in entries, code
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in entries[location].findall("x:link", SITEMAP_NS)
        }
        assert set(alternates) == codes | {"x-default"}
        assert alternates["ar"] == "http://testserver/ar/programme/offers/deutschkurs/"
    assert not any("entwurf" in location for location in entries)


def test_feed_window_reaches_back_four_weeks_and_half_a_year_ahead():
    first, last = feed_selectors.feed_window(date(2027, 1, 29))
    assert first == date(2027, 1, 1)
    assert last == date(2027, 7, 31)
    assert feed_selectors.feed_window(date(2027, 1, 29), whole_programme=True) == (
        date(2027, 1, 22),
        date(2027, 3, 12),
    )
