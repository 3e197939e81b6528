"""Who may do what in the network directory, for every role, and an organization's editor
against another organization's."""

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES

from .factories import LocationFactory, OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

STAFF = {"staff_user", "administrator"}
EXPECTED = {
    "network.view_directory": set(ROLE_FIXTURES),
    "network.add_organization": STAFF,
    "network.prepare_referral": STAFF,
    "network.import_hsds": STAFF,
}


@pytest.fixture
def edited_organization(association_admin):
    """A partner whose entry the association admin edits (listed as its editor)."""
    organization = OrganizationFactory()
    organization.editors.add(association_admin)
    return organization


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
@pytest.mark.parametrize("perm", sorted(EXPECTED))
def test_global_permissions_per_role(request, user_in_role, perm):
    role = next(
        name for name in ROLE_FIXTURES if request.node.callspec.params["user_in_role"] == name
    )
    assert user_in_role.has_perm(perm) is (role in EXPECTED[perm])


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_change_an_organization_per_role(request, user_in_role, edited_organization):
    role = request.node.callspec.params["user_in_role"]
    allowed = role in STAFF | {"association_admin"}
    service = ServiceFactory(organization=edited_organization)
    location = LocationFactory(organization=edited_organization)
    assert user_in_role.has_perm("network.change_organization", edited_organization) is allowed
    assert user_in_role.has_perm("network.change_organization", service) is allowed
    assert user_in_role.has_perm("network.change_organization", location) is allowed


def test_an_editor_cannot_change_another_organization(association_admin, edited_organization):
    other = OrganizationFactory()
    assert association_admin.has_perm("network.change_organization", edited_organization)
    assert not association_admin.has_perm("network.change_organization", other)
    assert not association_admin.has_perm(
        "network.change_organization", ServiceFactory(organization=other)
    )


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_edit_pages_per_role(request, client, user_in_role, edited_organization):
    role = request.node.callspec.params["user_in_role"]
    if role != "anonymous":
        client.force_login(user_in_role)
    service = ServiceFactory(organization=edited_organization)
    location = LocationFactory(organization=edited_organization)
    may_edit = role in STAFF | {"association_admin"}
    is_staff = role in STAFF
    with translation.override("en"):
        urls = {
            reverse(
                "network:organization-edit", kwargs={"uuid": edited_organization.uuid}
            ): may_edit,
            reverse("network:service-edit", kwargs={"uuid": service.uuid}): may_edit,
            reverse("network:location-edit", kwargs={"uuid": location.uuid}): may_edit,
            reverse(
                "network:service-create", kwargs={"organization": edited_organization.uuid}
            ): may_edit,
            reverse(
                "network:location-create", kwargs={"organization": edited_organization.uuid}
            ): may_edit,
            reverse("network:organization-create"): is_staff,
            reverse("network:referral-sheet"): is_staff,
            reverse("network:hsds-import"): is_staff,
            reverse("network:manage"): may_edit,
        }
    for url, allowed in urls.items():
        status = client.get(url).status_code
        if allowed:
            assert status == 200, url
        elif role == "anonymous":
            assert status == 302, url
        else:
            assert status == 403, url


def test_an_editor_gets_403_on_another_organizations_pages(client, association_admin):
    other = OrganizationFactory()
    client.force_login(association_admin)
    assert (
        client.get(reverse("network:organization-edit", kwargs={"uuid": other.uuid})).status_code
        == 403
    )
    service = ServiceFactory(organization=other)
    response = client.post(
        reverse("network:service-edit", kwargs={"uuid": service.uuid}),
        {"name_de": "Gekapert", "service_type": "other", "status": "active"},
    )
    assert response.status_code == 403
    service.refresh_from_db()
    assert service.name_de != "Gekapert"
