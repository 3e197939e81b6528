"""The read API of the network directory and of the volunteers' board: filters, language,
a fixed number of queries."""

import pytest
from rest_framework.test import APIClient

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.network.tests.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceFactory,
    full_service,
)
from teilhabe.volunteers.tests.factories_roles import OpenRoleFactory

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/network/services/"
ORGANIZATIONS = "/api/v1/network/organizations/"
ROLES = "/api/v1/volunteering/roles/"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_network_services_with_locations_hours_and_phones_in_the_language_asked_for():
    service = full_service(name_en="Migration counselling")
    ServiceFactory(status="inactive")

    (item,) = results(APIClient().get(SERVICES, {"lang": "en"}))

    assert item["id"] == str(service.uuid)
    assert (item["name"], item["text_language"]) == ("Migration counselling", "en")
    assert item["organization"]["name"] == service.organization.name
    (location,) = item["locations"]
    assert location["city"] == "Erfurt"
    assert location["opening_hours"] == [
        {"weekday": "TU", "opens": "09:00", "closes": "15:00", "description": ""}
    ]
    assert item["opening_hours"][0]["weekday"] == "WE"
    assert {p["number"] for p in item["phones"]} == {"+49 361 2"}


def test_network_service_filters():
    legal = full_service(service_type="legal_help", languages=["fa"])
    health = ServiceFactory(service_type="health", name_de="Gesundheitslotsen")
    LocationFactory(organization=health.organization, district="Nord")

    def ids(**params):
        return [item["id"] for item in results(APIClient().get(SERVICES, params))]

    assert ids(type="legal_help") == [str(legal.uuid)]
    assert ids(language="fa") == [str(legal.uuid)]
    assert ids(district="Altstadt") == [str(legal.uuid)]
    assert ids(q="Gesundheitslotsen") == [str(health.uuid)]
    assert APIClient().get(SERVICES, {"type": "magic"}).status_code == 400
    assert APIClient().get(SERVICES, {"language": "xx"}).status_code == 400


def test_organizations_list_filter_and_detail():
    house = OrganizationFactory(
        name="Haus der Kulturen", is_in_house=True, association=AssociationFactory()
    )
    LocationFactory(organization=house, district="Mitte")
    other = OrganizationFactory(name="Caritas")

    assert [o["name"] for o in results(APIClient().get(ORGANIZATIONS))] == [
        "Caritas",
        "Haus der Kulturen",
    ]
    in_house = results(APIClient().get(ORGANIZATIONS, {"in_house": "true"}))
    assert [o["id"] for o in in_house] == [str(house.uuid)]
    assert in_house[0]["association"] == house.association.slug
    assert [o["id"] for o in results(APIClient().get(ORGANIZATIONS, {"district": "Mitte"}))] == [
        str(house.uuid)
    ]
    assert [o["id"] for o in results(APIClient().get(ORGANIZATIONS, {"q": "cari"}))] == [
        str(other.uuid)
    ]
    assert APIClient().get(ORGANIZATIONS, {"in_house": "maybe"}).status_code == 400
    detail = APIClient().get(f"{ORGANIZATIONS}{house.uuid}/")
    assert detail.status_code == 200 and detail.json()["name"] == "Haus der Kulturen"
    missing = APIClient().get(f"{ORGANIZATIONS}00000000-0000-0000-0000-000000000000/")
    assert missing.status_code == 404


def test_published_volunteer_roles_with_filters():
    association = AssociationFactory(slug="helfer")
    role = OpenRoleFactory(association=association, title_en="Homework help", languages=["uk"])
    OpenRoleFactory(is_published=False)
    centre = OpenRoleFactory(association=None, kind="one_off")

    listed = results(APIClient().get(ROLES, {"lang": "en"}))

    assert {r["id"] for r in listed} == {role.pk, centre.pk}
    mine = next(r for r in listed if r["id"] == role.pk)
    assert (mine["title"], mine["text_language"]) == ("Homework help", "en")
    assert mine["association"] == {"slug": "helfer", "name": association.name}
    assert [r["id"] for r in results(APIClient().get(ROLES, {"association": "helfer"}))] == [
        role.pk
    ]
    assert [r["id"] for r in results(APIClient().get(ROLES, {"association": "centre"}))] == [
        centre.pk
    ]
    assert [r["id"] for r in results(APIClient().get(ROLES, {"language": "uk"}))] == [role.pk]
    assert [r["id"] for r in results(APIClient().get(ROLES, {"kind": "one_off"}))] == [centre.pk]


@pytest.mark.parametrize("count", [1, 5])
def test_the_directory_lists_run_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    for _index in range(count):
        full_service()
        OpenRoleFactory()

    with django_assert_max_num_queries(10):
        assert len(results(APIClient().get(SERVICES))) == count
    with django_assert_max_num_queries(6):
        assert len(results(APIClient().get(ORGANIZATIONS))) == count
    with django_assert_max_num_queries(4):
        assert len(results(APIClient().get(ROLES))) == count
