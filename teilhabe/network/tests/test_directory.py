"""The public directory: search (full text on PostgreSQL), filters by type, language and
district, HTMX and plain pages, paging, and a fixed number of queries."""

import pytest

from .factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory, full_service

pytestmark = pytest.mark.django_db


def _names(response) -> str:
    return response.content.decode()


@pytest.fixture
def directory():
    legal = ServiceFactory(
        name_de="Asylrechtsberatung",
        name_en="Asylum law advice",
        description_de="Hilfe im Asylverfahren",
        service_type="legal_help",
        languages=["de", "fa"],
    )
    ServiceAtLocationFactory(
        service=legal, location=LocationFactory(organization=legal.organization, district="Rieth")
    )
    course = ServiceFactory(
        name_de="Deutschkurs am Abend",
        description_de="Sprachkurs für Berufstätige",
        service_type="courses",
        languages=["de", "uk"],
    )
    ServiceAtLocationFactory(
        service=course,
        location=LocationFactory(organization=course.organization, district="Herrenberg"),
    )
    ServiceFactory(name_de="Geschlossene Beratung", status="inactive")
    return legal, course


def test_everyone_sees_active_services(client, directory):
    page = _names(client.get("/en/network/"))
    assert "Asylrechtsberatung" not in page or "Asylum law advice" in page
    assert "Asylum law advice" in page
    assert "Deutschkurs am Abend" in page
    assert "Geschlossene Beratung" not in page


def test_content_in_the_visitors_language_with_german_marked(client, directory):
    page = _names(client.get("/en/network/"))
    assert "Asylum law advice" in page
    assert "in German – not yet translated" in page  # the course has no English name


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"service_type": "courses"}, "Deutschkurs", "Asylum law"),
        ({"language": "fa"}, "Asylum law", "Deutschkurs"),
        ({"district": "Herrenberg"}, "Deutschkurs", "Asylum law"),
        ({"q": "Sprachkurs"}, "Deutschkurs", "Asylum law"),
        ({"q": "asylverfahren"}, "Asylum law", "Deutschkurs"),
    ],
)
def test_filters_and_search(client, directory, params, shown, hidden):
    page = _names(client.get("/en/network/", params))
    assert shown in page
    assert hidden not in page


def test_unknown_filter_values_are_ignored(client, directory):
    response = client.get("/en/network/", {"service_type": "spaceflight", "language": "zz"})
    assert response.status_code == 200
    assert "Deutschkurs" in _names(response)


def test_nothing_found_says_so(client, directory):
    page = _names(client.get("/en/network/", {"q": "Raumfahrt"}))
    assert "No service matches" in page


def test_htmx_gets_only_the_results(client, directory):
    response = client.get("/en/network/", {"service_type": "courses"}, HTTP_HX_REQUEST="true")
    page = _names(response)
    assert "<html" not in page
    assert 'id="service-list"' in page
    assert "Deutschkurs" in page


def test_the_page_without_javascript_has_a_submit_button_and_labels(client, directory):
    page = _names(client.get("/en/network/"))
    assert 'type="submit"' in page
    for field in ("id_q", "id_service_type", "id_language", "id_district"):
        assert f'for="{field}"' in page


def test_paging_keeps_the_filters(client):
    for _ in range(25):
        ServiceFactory(service_type="health")
    first = _names(client.get("/en/network/", {"service_type": "health"}))
    assert "service_type=health&amp;page=2" in first
    second = client.get("/en/network/", {"service_type": "health", "page": 2})
    assert second.status_code == 200
    assert _names(second).count('class="card mb-3"') == 5


@pytest.mark.parametrize("count", [1, 15])
def test_the_directory_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    for _ in range(count):
        full_service()
    with django_assert_max_num_queries(10):
        assert client.get("/en/network/", {"language": "ar"}).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_organization_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    service = full_service()
    for _ in range(count):
        full_service(organization=service.organization)
    with django_assert_max_num_queries(10):
        assert (
            client.get(f"/en/network/organizations/{service.organization.uuid}/").status_code == 200
        )


@pytest.mark.postgres
def test_full_text_search_finds_word_forms_on_postgresql(client, directory):
    page = _names(client.get("/de/network/", {"q": "Berufstätigen"}))
    assert "Deutschkurs am Abend" in page
