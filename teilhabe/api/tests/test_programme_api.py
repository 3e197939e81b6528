"""The programme API: published offers for everyone (filters, search, language, dates), an
offer's dates, categories, associations; hosts create, change, publish and take back their own
offers through the same services and rules as the website — no association changes
another's."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.programme.models import Offer
from teilhabe.programme.tests.factories import CategoryFactory, OfferFactory, SessionFactory
from teilhabe.rooms.models import Room

pytestmark = pytest.mark.django_db

OFFERS = "/api/v1/offers/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


# --- reading --------------------------------------------------------------------------------------


def test_only_published_offers_are_listed_with_their_next_dates():
    room = Room.objects.create(name_de="Saal", name_en="Hall", floor=0, area_m2=80, capacity=60)
    published = OfferFactory(title_de="Sprachcafé", title_en="Language café")
    SessionFactory(offer=published, room=room)
    SessionFactory(offer=published, is_cancelled=True)
    OfferFactory(status="draft")
    OfferFactory(status="archived")

    response = APIClient().get(OFFERS, {"lang": "en"})

    (item,) = response.json()["results"]
    assert item["slug"] == published.slug
    assert item["title"] == "Language café"
    assert item["text_language"] == "en"
    assert item["category"]["slug"] == published.category.slug
    assert item["lead_association"] == {
        "slug": published.lead_association.slug,
        "name": published.lead_association.name,
    }
    (session,) = item["next_sessions"]
    assert session["room"] == "Hall"


def test_untranslated_texts_come_in_german_and_say_so():
    OfferFactory(title_de="Nähcafé")

    response = APIClient().get(OFFERS, HTTP_ACCEPT_LANGUAGE="fa")

    (item,) = response.json()["results"]
    assert (item["title"], item["text_language"]) == ("Nähcafé", "de")
    assert APIClient().get(OFFERS, {"lang": "xx"}).status_code == 400


def test_filters_by_category_association_language_and_words():
    course = CategoryFactory(slug="course")
    host = AssociationFactory(slug="hosts")
    a = OfferFactory(title_de="Deutschkurs", category=course, languages=["de", "ar"])
    b = OfferFactory(title_de="Fahrradwerkstatt", lead_association=host, languages=["fa"])
    c = OfferFactory(title_de="Kochen", summary_de="Gemeinsam kochen und essen")
    c.co_hosts.add(host)

    assert slugs(APIClient().get(OFFERS, {"category": "course"})) == [a.slug]
    assert sorted(slugs(APIClient().get(OFFERS, {"association": "hosts"}))) == sorted(
        [b.slug, c.slug]
    )
    assert slugs(APIClient().get(OFFERS, {"language": "fa"})) == [b.slug]
    assert slugs(APIClient().get(OFFERS, {"q": "kochen"})) == [c.slug]
    assert APIClient().get(OFFERS, {"language": "nope"}).status_code == 400


def test_the_date_range_keeps_offers_with_a_date_in_it():
    soon, later = OfferFactory(), OfferFactory()
    now = timezone.now()
    SessionFactory(offer=soon, starts_at=now + timedelta(days=2))
    SessionFactory(offer=later, starts_at=now + timedelta(days=40))
    cancelled = OfferFactory()
    SessionFactory(offer=cancelled, starts_at=now + timedelta(days=2), is_cancelled=True)
    first = timezone.localdate(now) + timedelta(days=1)

    in_range = APIClient().get(
        OFFERS, {"from": first.isoformat(), "until": (first + timedelta(days=7)).isoformat()}
    )

    assert slugs(in_range) == [soon.slug]
    assert APIClient().get(OFFERS, {"from": "someday"}).status_code == 400
    assert APIClient().get(OFFERS, {"from": "2030-01-02", "until": "2030-01-01"}).status_code == 400


def test_an_offers_sessions_are_the_coming_ones_not_cancelled():
    offer = OfferFactory()
    now = timezone.now()
    coming = SessionFactory(offer=offer, starts_at=now + timedelta(days=1))
    SessionFactory(offer=offer, starts_at=now + timedelta(days=2), is_cancelled=True)
    SessionFactory(offer=offer, starts_at=now - timedelta(days=2))

    response = APIClient().get(f"{OFFERS}{offer.slug}/sessions/")

    assert [s["id"] for s in response.json()["results"]] == [coming.pk]
    draft = OfferFactory(status="draft")
    assert APIClient().get(f"{OFFERS}{draft.slug}/sessions/").status_code == 404
    assert APIClient().get(f"{OFFERS}{draft.slug}/").status_code == 404


def test_categories_and_associations_with_public_fields_only():
    CategoryFactory(slug="health", name_de="Gesundheit", name_en="Health")
    association = AssociationFactory(contact_email="info@verein.example")

    categories = APIClient().get("/api/v1/categories/", {"lang": "en"}).json()["results"]
    associations = APIClient().get("/api/v1/associations/").json()["results"]

    assert {"slug": "health", "name": "Health"} in categories
    (item,) = associations
    assert item["slug"] == association.slug
    assert item["contact_email"] == "info@verein.example"
    assert "memberships" not in item and "signatures" not in item


# --- writing --------------------------------------------------------------------------------------


def new_offer_data(association, **fields) -> dict:
    return {
        "title": "Nähcafé",
        "summary": "Zusammen nähen",
        "category": CategoryFactory().slug,
        "lead_association": association.slug,
        "languages": ["de", "tr"],
        "translations": {"en": {"title": "Sewing café"}},
        **fields,
    }


def test_an_association_admin_creates_an_offer_that_appears_after_publishing(
    association, association_admin
):
    client = token_client(association_admin)

    created = client.post(OFFERS, new_offer_data(association), format="json")

    assert created.status_code == 201, created.content
    slug = created.json()["slug"]
    assert created.json()["status"] == "draft"
    assert slugs(APIClient().get(OFFERS)) == []
    assert APIClient().get(f"{OFFERS}{slug}/").status_code == 404
    assert client.get(f"{OFFERS}{slug}/").status_code == 200  # the host sees the draft

    published = client.post(f"{OFFERS}{slug}/status/", {"status": "published"}, format="json")

    assert published.status_code == 200
    listed = APIClient().get(OFFERS, {"lang": "en"}).json()["results"]
    assert [(o["slug"], o["title"]) for o in listed] == [(slug, "Sewing café")]

    changed = client.patch(f"{OFFERS}{slug}/", {"summary": "Nähen und reden"}, format="json")
    assert changed.status_code == 200
    assert Offer.objects.get(slug=slug).summary_de == "Nähen und reden"

    client.post(f"{OFFERS}{slug}/status/", {"status": "draft"}, format="json")
    assert slugs(APIClient().get(OFFERS)) == []


def test_bad_input_is_refused_with_messages_by_field_in_the_requests_language(
    association, association_admin
):
    client = token_client(association_admin)

    response = client.post(
        OFFERS,
        new_offer_data(
            association,
            title="",
            category="no-such-category",
            languages=["xx"],
            age_min=30,
            age_max=20,
        ),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    errors = response.json()
    assert {"title", "category", "languages"} <= set(errors)
    assert "Unknown language" in errors["languages"][0]
    german = client.post(OFFERS, {}, format="json", HTTP_ACCEPT_LANGUAGE="de")
    assert german.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in german.json()["title"]
    model_check = client.post(
        OFFERS, new_offer_data(association, age_min=30, age_max=20), format="json"
    )
    assert model_check.status_code == 400
    assert Offer.objects.count() == 0


def test_a_registration_without_places_is_refused_by_the_models_check(
    association, association_admin
):
    response = token_client(association_admin).post(
        OFFERS, new_offer_data(association, registration_mode="required"), format="json"
    )

    assert response.status_code == 400
    assert Offer.objects.count() == 0


# Who may create an offer for `association`, and change and publish an offer it leads.
WRITE_EXPECTED = {
    "anonymous": (403, 403, 403),  # no session authenticator asks for a login (401)
    "participant": (403, 403, 403),
    "volunteer": (403, 403, 403),
    "counsellor": (403, 403, 403),
    "association_member": (403, 403, 403),
    "association_admin": (201, 200, 200),
    "other_association_admin": (403, 403, 403),
    "staff_user": (201, 200, 200),
    "administrator": (201, 200, 200),
}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_write_offers(request, association, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    offer = OfferFactory(lead_association=association, title_de="Vorher", status="draft")
    client = token_client(user_in_role) if user_in_role.is_authenticated else APIClient()

    created = client.post(OFFERS, new_offer_data(association), format="json")
    changed = client.patch(f"{OFFERS}{offer.slug}/", {"title": "Nachher"}, format="json")
    published = client.post(f"{OFFERS}{offer.slug}/status/", {"status": "published"})

    codes = (created.status_code, changed.status_code, published.status_code)
    expected = WRITE_EXPECTED[role]
    if expected[1] == 403:
        # A draft of another association is not even found.
        expected = (expected[0], 404, 404) if user_in_role.is_authenticated else expected
    assert codes == expected
    offer.refresh_from_db()
    if expected[1] != 200:
        assert (offer.title_de, offer.status) == ("Vorher", "draft")
        assert Offer.objects.count() == 1


def test_another_associations_published_offer_is_refused_and_unchanged(
    association, other_association_admin
):
    offer = OfferFactory(lead_association=association, title_de="Vorher")
    client = token_client(other_association_admin)

    assert client.patch(f"{OFFERS}{offer.slug}/", {"title": "X"}, format="json").status_code == 403
    assert client.post(f"{OFFERS}{offer.slug}/status/", {"status": "draft"}).status_code == 403
    handed_over = client.post(OFFERS, new_offer_data(association), format="json")
    assert handed_over.status_code == 403
    offer.refresh_from_db()
    assert (offer.title_de, offer.status) == ("Vorher", "published")


def test_an_admin_cannot_hand_an_offer_to_another_association(association, association_admin):
    offer = OfferFactory(lead_association=association)
    other = AssociationFactory()

    response = token_client(association_admin).patch(
        f"{OFFERS}{offer.slug}/", {"lead_association": other.slug}, format="json"
    )

    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.lead_association == association


def test_an_invalid_token_is_refused(association):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert client.post(OFFERS, new_offer_data(association), format="json").status_code in (401, 403)
    assert Offer.objects.count() == 0


def test_a_session_works_as_well_as_a_token(client, association, association_admin):
    client.force_login(association_admin)

    response = client.post(OFFERS, new_offer_data(association), content_type="application/json")

    assert response.status_code == 201


# --- a fixed number of queries --------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_the_offer_list_runs_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    for _index in range(count):
        offer = OfferFactory()
        offer.co_hosts.add(AssociationFactory())
        SessionFactory(offer=offer)

    with django_assert_max_num_queries(5):
        response = APIClient().get(OFFERS, {"q": "Angebot", "from": "2000-01-01"})
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [1, 5])
def test_the_other_lists_run_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    offer = OfferFactory()
    for _index in range(count):
        SessionFactory(offer=offer)
        AssociationFactory()
        CategoryFactory()

    for url in (f"{OFFERS}{offer.slug}/sessions/", "/api/v1/categories/", "/api/v1/associations/"):
        with django_assert_max_num_queries(3):
            assert APIClient().get(url).status_code == 200


def test_a_null_character_in_a_query_is_refused_not_a_server_error():
    for url in (OFFERS, "/api/v1/network/services/", "/api/v1/counselling/services/"):
        assert APIClient().get(url, {"q": "a\x00b"}).status_code == 400


def test_the_offer_page_shows_its_next_dates():
    offer = OfferFactory()
    SessionFactory(offer=offer)

    response = APIClient().get(f"{OFFERS}{offer.slug}/")

    assert response.status_code == 200
    assert len(response.json()["next_sessions"]) == 1


def test_a_null_character_in_a_slug_is_refused_not_a_server_error(association, staff_user):
    response = token_client(staff_user).post(
        OFFERS, new_offer_data(association, category="a\x00b"), format="json"
    )

    assert response.status_code == 400
    assert "category" in response.json()
