"""Staff and a partner's editors keep the entry up to date through the forms; bad input shows
a message and changes nothing."""

from datetime import time

import pytest
from django.urls import reverse

from teilhabe.network.models import Organization, Schedule, Service

from .factories import LocationFactory, OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _formset(prefix: str, rows: list[dict], fields: tuple[str, ...]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name in fields:
            data[f"{prefix}-{index}-{name}"] = row.get(name, "")
    return data


PHONE_FIELDS = ("number", "type", "description")
HOUR_FIELDS = ("byday", "opens_at", "closes_at")


def test_staff_create_a_partner_with_an_editor(client, staff_user, association_admin):
    client.force_login(staff_user)
    response = client.post(
        "/en/network/organizations/new/",
        {
            "name": "Neue Beratung",
            "description_de": "Beratung",
            "editors": [association_admin.pk],
            **_formset("phones", [{"number": "0361 1", "type": "voice"}], PHONE_FIELDS),
        },
    )
    organization = Organization.objects.get(name="Neue Beratung")
    assert response.status_code == 302
    assert list(organization.editors.all()) == [association_admin]
    assert organization.phones.get().number == "0361 1"


def test_an_editor_updates_the_entry_but_not_who_edits_it(client, association_admin, volunteer):
    organization = OrganizationFactory(is_in_house=False)
    organization.editors.add(association_admin)
    client.force_login(association_admin)
    response = client.post(
        f"/en/network/organizations/{organization.uuid}/edit/",
        {
            "name": "Umbenannt",
            "description_de": "Neu",
            "description_ar": "جديد",
            "is_in_house": "on",
            "editors": [volunteer.pk],
            **_formset("phones", [], PHONE_FIELDS),
        },
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "Umbenannt"
    assert organization.description_ar == "جديد"
    assert organization.is_in_house is False
    assert list(organization.editors.all()) == [association_admin]


def test_a_service_with_hours_and_locations(client, association_admin):
    organization = OrganizationFactory()
    organization.editors.add(association_admin)
    location = LocationFactory(organization=organization)
    client.force_login(association_admin)
    response = client.post(
        f"/en/network/organizations/{organization.uuid}/services/new/",
        {
            "name_de": "Sozialberatung",
            "description_de": "Hilfe",
            "service_type": "counselling",
            "languages": ["ar", "fa"],
            "status": "active",
            "locations": [location.pk],
            **_formset(
                "hours", [{"byday": "MO", "opens_at": "09:00", "closes_at": "12:30"}], HOUR_FIELDS
            ),
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name_de="Sozialberatung")
    assert service.languages == ["ar", "fa"]
    assert [sal.location for sal in service.service_at_locations.all()] == [location]
    assert service.schedules.get().closes_at == time(12, 30)


def test_hours_that_end_before_they_begin_are_refused_and_kept(client, staff_user):
    location = LocationFactory()
    client.force_login(staff_user)
    response = client.post(
        f"/en/network/locations/{location.uuid}/edit/",
        {
            "name": "Büro",
            "street": "Anger 2",
            "postal_code": "99084",
            "city": "Erfurt",
            "district": "Rieth",
            **_formset(
                "hours", [{"byday": "MO", "opens_at": "15:00", "closes_at": "09:00"}], HOUR_FIELDS
            ),
            **_formset("phones", [], PHONE_FIELDS),
        },
    )
    assert response.status_code == 200
    assert "Opening hours must end after they begin." in response.content.decode()
    assert 'value="Anger 2"' in response.content.decode()
    location.refresh_from_db()
    assert location.street == "Anger 1"
    assert not Schedule.objects.exists()


def test_a_service_needs_a_name(client, staff_user):
    service = ServiceFactory()
    client.force_login(staff_user)
    response = client.post(
        f"/en/network/services/{service.uuid}/edit/",
        {
            "name_de": "",
            "service_type": "courses",
            "status": "active",
            **_formset("hours", [], HOUR_FIELDS),
        },
    )
    assert response.status_code == 200
    assert "Nothing has been saved" in response.content.decode()
    service.refresh_from_db()
    assert service.service_type == "counselling"


def test_manage_lists_only_the_editors_own_organizations(client, association_admin):
    own = OrganizationFactory(name="Eigener Partner")
    own.editors.add(association_admin)
    OrganizationFactory(name="Fremder Partner")
    client.force_login(association_admin)
    page = client.get(reverse("network:manage")).content.decode()
    assert "Eigener Partner" in page
    assert "Fremder Partner" not in page


def test_the_organization_page_shows_its_services_and_locations(client):
    service = ServiceFactory(name_de="Rechtsberatung")
    LocationFactory(organization=service.organization, name="Büro am Anger", district="Rieth")
    page = client.get(f"/en/network/organizations/{service.organization.uuid}/").content.decode()
    assert "Rechtsberatung" in page
    assert "Büro am Anger" in page
    assert client.get(f"/en/network/organizations/{service.uuid}/").status_code == 404
