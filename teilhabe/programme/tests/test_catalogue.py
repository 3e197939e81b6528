import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.programme import services

from .factories import CategoryFactory, OfferFactory, SessionFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def next_weekday(weekday: int, hour: int) -> datetime.datetime:
    today = timezone.localdate()
    days = (weekday - today.weekday()) % 7 or 7
    return datetime.datetime.combine(
        today + datetime.timedelta(days=days), datetime.time(hour), tzinfo=BERLIN
    )


def offer_with_session(weekday=1, hour=18, **fields):
    offer = OfferFactory(**fields)
    starts = next_weekday(weekday, hour)
    SessionFactory(offer=offer, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    return offer


def titles(response) -> set[str]:
    return {offer.title_de for offer in response.context["page"].object_list}


@pytest.fixture
def programme():
    language = CategoryFactory(
        slug="language-course", name_de="Sprachkurs", name_en="Language course"
    )
    culture = CategoryFactory(slug="culture", name_de="Kultur", name_en="Culture")
    return {
        "german_tuesday": offer_with_session(
            1,
            18,
            title_de="Deutsch am Dienstag",
            category=language,
            languages=["de", "uk"],
            title_uk="Німецька у вівторок",
        ),
        "german_monday": offer_with_session(
            0,
            10,
            title_de="Deutsch am Montag",
            category=language,
            languages=["de", "ar"],
            cost_kind="paid",
            price=20,
        ),
        "theatre": offer_with_session(
            3,
            19,
            title_de="Theater",
            category=culture,
            languages=["de", "tr"],
            is_step_free=True,
            has_childcare=True,
            age_min=16,
        ),
        "kids": offer_with_session(
            2,
            15,
            title_de="Malen für Kinder",
            category=culture,
            languages=["ar"],
            age_min=6,
            age_max=12,
            summary_de="Bunte Bilder und Farben",
        ),
        "draft": offer_with_session(1, 18, title_de="Entwurf", category=language, status="draft"),
    }


def test_lists_published_offers_only(client, programme):
    response = client.get("/de/programme/")
    assert titles(response) == {
        "Deutsch am Dienstag",
        "Deutsch am Montag",
        "Theater",
        "Malen für Kinder",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=language-course", {"Deutsch am Dienstag", "Deutsch am Montag"}),
        ("language=uk", {"Deutsch am Dienstag"}),
        ("language=ar&language=tr", {"Deutsch am Montag", "Theater", "Malen für Kinder"}),
        ("weekday=1", {"Deutsch am Dienstag"}),
        ("time=morning", {"Deutsch am Montag"}),
        ("time=evening", {"Deutsch am Dienstag", "Theater"}),
        ("age=children", {"Deutsch am Dienstag", "Deutsch am Montag", "Malen für Kinder"}),
        ("free=on", {"Deutsch am Dienstag", "Theater", "Malen für Kinder"}),
        ("stepfree=on", {"Theater"}),
        ("childcare=on", {"Theater"}),
        ("category=language-course&weekday=1", {"Deutsch am Dienstag"}),
        ("category=culture&free=on&age=adults", {"Theater"}),
        ("q=Farben", {"Malen für Kinder"}),
        ("q=Theater&category=language-course", set()),
    ],
)
def test_filters_combine_and_live_in_the_url(client, programme, query, expected):
    assert titles(client.get(f"/de/programme/?{query}")) == expected


def test_search_finds_the_visitors_language_and_german(client, programme):
    assert titles(client.get("/uk/programme/?q=вівторок")) == {"Deutsch am Dienstag"}
    assert titles(client.get("/uk/programme/?q=Montag")) == {"Deutsch am Montag"}


@pytest.mark.postgres
def test_search_reads_the_search_indexes_instead_of_every_offer(programme):
    """The catalogue's search condition is the very expression the GIN indexes hold, so
    PostgreSQL can answer it from an index (forced here: a handful of rows would be scanned)."""
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from teilhabe.programme.models import Offer
    from teilhabe.programme.search import offer_search_vector, search_config
    from teilhabe.programme.selectors import CatalogueFilters, offers_for_catalogue

    for code in ("ar", "de"):
        matching = Offer.objects.alias(found=offer_search_vector(code)).filter(
            found=SearchQuery("Theater", search_type="websearch", config=search_config(code))
        )
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            assert f"programme_offer_search_{code}" in matching.explain()
    searched = offers_for_catalogue(CatalogueFilters(query="Theater"), "ar")
    assert {offer.title_de for offer in searched} == {"Theater"}


def test_htmx_gets_only_the_results_and_the_page_works_without_it(client, programme):
    partial = client.get(
        "/de/programme/?weekday=1", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    html = partial.content.decode()
    assert "<html" not in html and "Deutsch am Dienstag" in html
    full = client.get("/de/programme/?weekday=1").content.decode()
    assert "<html" in full and 'name="weekday"' in full and "Deutsch am Dienstag" in full
    assert (
        'value="1" checked' in full
        or 'checked value="1"' in full
        or ('value="1"' in full and "checked" in full)
    )


@pytest.mark.parametrize("count", [2, 25])
def test_catalogue_pages_run_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    category = CategoryFactory()
    for _ in range(count):
        offer = offer_with_session(category=category)
        offer.co_hosts.add(OfferFactory().lead_association)
    with django_assert_max_num_queries(7):
        assert client.get("/de/programme/?category=" + category.slug).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/de/programme/week/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/de/programme/today/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(offer.get_absolute_url()).status_code == 200


def test_offer_page_shows_dates_hosts_and_how_to_take_part(client):
    offer = offer_with_session(
        title_de="Frauencafé", registration_mode="required", capacity=12, is_women_only=True
    )
    co_host = OfferFactory().lead_association
    offer.co_hosts.add(co_host)
    cancelled = SessionFactory(
        offer=offer,
        starts_at=timezone.now() + datetime.timedelta(days=9),
        ends_at=timezone.now() + datetime.timedelta(days=9, hours=1),
        is_cancelled=True,
    )
    html = client.get(f"/en{offer.get_absolute_url()[3:]}").content.decode()
    assert "Frauencafé" in html
    assert co_host.name in html and offer.lead_association.name in html
    assert "Register" in html and "women only" in html
    assert "cancelled" in html
    assert cancelled.starts_at.astimezone(BERLIN).strftime("%H:%M") in html
    assert 'type="text/calendar"' in html


def test_unknown_or_draft_offer_is_404(client, programme):
    assert client.get("/de/programme/offers/gibt-es-nicht/").status_code == 404
    assert client.get(programme["draft"].get_absolute_url()).status_code == 404


def test_week_view_moves_by_week_and_marks_cancelled(client):
    offer = OfferFactory(title_de="Chor")
    starts = next_weekday(2, 17)
    SessionFactory(offer=offer, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
    later = starts + datetime.timedelta(days=7)
    SessionFactory(
        offer=offer, starts_at=later, ends_at=later + datetime.timedelta(hours=1), is_cancelled=True
    )
    week = starts.date().isoformat()
    html = client.get(f"/de/programme/week/?week={week}").content.decode()
    assert "Chor" in html
    assert "session-cancelled" not in html
    following = client.get(f"/en/programme/week/?week={later.date().isoformat()}").content.decode()
    assert "cancelled" in following
    assert client.get("/de/programme/week/?week=kaputt").status_code == 200


def test_published_changes_show_at_once_despite_the_page_cache(
    client, programme, django_capture_on_commit_callbacks
):
    assert "Neues Angebot" not in client.get("/de/programme/").content.decode()
    offer = OfferFactory(title_de="Neues Angebot", status="draft")
    staff = UserFactory(role="staff")
    with django_capture_on_commit_callbacks(execute=True):
        services.set_offer_status(offer=offer, status="published", by=staff)
    assert "Neues Angebot" in client.get("/de/programme/").content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "category", "language", "weekday", "time", "age", "free", "page", "week"]
        ),
        st.text(max_size=30),
        max_size=6,
    )
)
def test_no_query_string_breaks_the_catalogue(client, params):
    for path in ("/de/programme/", "/ar/programme/week/"):
        assert client.get(path, params).status_code == 200


def test_parameters_the_page_does_not_know_do_not_bypass_the_cache(
    client, programme, django_assert_num_queries
):
    client.get("/de/programme/?weekday=1")
    with django_assert_num_queries(0):
        assert client.get("/de/programme/?weekday=1&utm_source=x&fbclid=y").status_code == 200
