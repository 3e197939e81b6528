import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROLE_FIXTURES
from teilhabe.accounts.models import User
from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.volunteers import roles_services as services
from teilhabe.volunteers.models import (
    OpenRole,
    VolunteerApplication,
    VolunteerProfile,
)

from .factories_roles import OpenRoleFactory, VolunteerApplicationFactory

pytestmark = pytest.mark.django_db


# --- services ---------------------------------------------------------------------------------


def test_offer_to_help_notifies_admins_and_confirms(
    association, association_admin, django_capture_on_commit_callbacks
):
    role = OpenRoleFactory(association=association)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.offer_to_help(
            role=role,
            name="Rania",
            email="rania@example.org",
            languages=["ar", "de"],
            message="Ich helfe gern.",
            language="ar",
        )
    assert application.status == "new"
    assert application.language == "ar"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([association_admin.email, "rania@example.org"])


def test_general_offer_goes_to_staff(staff_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_to_help(name="Olga", phone="0151 123", language="uk")
    assert [message.to for message in mail.outbox] == [[staff_user.email]]


def test_offer_needs_a_way_to_reach_the_person():
    with pytest.raises(ValidationError):
        services.offer_to_help(name="Nobody")
    assert not VolunteerApplication.objects.exists()


def test_unpublished_role_takes_no_offers():
    role = OpenRoleFactory(is_published=False)
    with pytest.raises(ValidationError):
        services.offer_to_help(role=role, name="X", email="x@example.org")


def test_accept_creates_volunteer_with_profile_and_sends_link(
    association, association_admin, django_capture_on_commit_callbacks
):
    application = VolunteerApplicationFactory(
        role=OpenRoleFactory(association=association), email="New@Example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(
            application=application, status="accepted", by=association_admin
        )
    application.refresh_from_db()
    user = User.objects.get(email="new@example.org")
    assert application.status == "accepted"
    assert application.volunteer == user
    assert application.decided_by == association_admin
    assert user.role == "volunteer"
    assert not user.has_usable_password()
    assert user.preferred_language == "ar"
    profile = user.volunteer_profile
    assert profile.languages == [
        {"code": "ar", "level": "good"},
        {"code": "de", "level": "good"},
    ]
    assert list(profile.associations.all()) == [association]
    (message,) = mail.outbox
    assert message.to == ["New@Example.org"]
    assert "/ar/account/password/reset/" in message.body


def test_accept_reuses_an_existing_account(staff_user):
    existing = UserFactory(email="known@example.org", role="participant")
    application = VolunteerApplicationFactory(email="KNOWN@example.org", role=None)
    services.decide_application(application=application, status="accepted", by=staff_user)
    existing.refresh_from_db()
    assert existing.role == "volunteer"
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    assert VolunteerProfile.objects.get(user=existing).language_codes == ["ar", "de"]


def test_accept_needs_an_email(staff_user):
    application = VolunteerApplicationFactory(email="", phone="0151", role=None)
    with pytest.raises(ValidationError):
        services.decide_application(application=application, status="accepted", by=staff_user)
    application.refresh_from_db()
    assert application.status == "new"


@pytest.mark.parametrize("status", ["declined", "on_hold"])
def test_decline_and_hold_change_status_only_and_tell_the_person(
    staff_user, status, django_capture_on_commit_callbacks
):
    application = VolunteerApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(application=application, status=status, by=staff_user)
    application.refresh_from_db()
    assert application.status == status
    assert application.volunteer is None
    assert not User.objects.filter(email=application.email).exists()
    assert [message.to for message in mail.outbox] == [[application.email]]


def test_unknown_decision_is_refused(staff_user):
    with pytest.raises(ValidationError):
        services.decide_application(
            application=VolunteerApplicationFactory(), status="new", by=staff_user
        )


def test_other_association_admin_cannot_decide(other_association_admin):
    with pytest.raises(PermissionDenied):
        services.decide_application(
            application=VolunteerApplicationFactory(), status="declined", by=other_association_admin
        )


def test_association_admin_saves_role_only_for_own_association(association, association_admin):
    role = OpenRole(title_de="Hilfe", when_de="montags", kind="one_off", association=association)
    services.save_role(role=role, by=association_admin)
    assert role.pk
    foreign = OpenRole(title_de="X", when_de="y", kind="one_off", association=AssociationFactory())
    with pytest.raises(PermissionDenied):
        services.save_role(role=foreign, by=association_admin)
    centre_role = OpenRole(title_de="X", when_de="y", kind="one_off", association=None)
    with pytest.raises(PermissionDenied):
        services.save_role(role=centre_role, by=association_admin)


# --- permissions ------------------------------------------------------------------------------

MAY_MANAGE = {"association_admin", "staff_user", "administrator"}
MAY_ADD = {"association_admin", "other_association_admin", "staff_user", "administrator"}
MAY_DECIDE_GENERAL = {"staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_permission_table(request, user_in_role, association):
    name = request.node.callspec.params["user_in_role"]
    role = OpenRoleFactory(association=association)
    application = VolunteerApplicationFactory(role=role)
    general = VolunteerApplicationFactory(role=None)
    assert user_in_role.has_perm("volunteers.add_role") is (name in MAY_ADD)
    assert user_in_role.has_perm("volunteers.manage_role", role) is (name in MAY_MANAGE)
    assert user_in_role.has_perm("volunteers.decide_application", application) is (
        name in MAY_MANAGE
    )
    assert user_in_role.has_perm("volunteers.decide_application", general) is (
        name in MAY_DECIDE_GENERAL
    )


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_manage_pages_by_role(request, client, user_in_role, association):
    name = request.node.callspec.params["user_in_role"]
    role = OpenRoleFactory(association=association)
    application = VolunteerApplicationFactory(role=role)
    if name != "anonymous":
        client.force_login(user_in_role)
    urls = [
        reverse("volunteers:manage-roles"),
        reverse("volunteers:role-edit", kwargs={"pk": role.pk}),
        reverse("volunteers:application-detail", kwargs={"pk": application.pk}),
    ]
    for url in urls:
        response = client.get(url)
        if name == "anonymous":
            assert response.status_code == 302
        elif name in MAY_MANAGE:
            assert response.status_code == 200, url
        elif name == "other_association_admin" and url[-14:] == "/manage/roles/":
            assert response.status_code == 200
        else:
            assert response.status_code == 403, (name, url)


def test_application_lists_are_scoped(client, association, association_admin, staff_user):
    mine = VolunteerApplicationFactory(role=OpenRoleFactory(association=association))
    other = VolunteerApplicationFactory()
    general = VolunteerApplicationFactory(role=None)
    client.force_login(association_admin)
    page = client.get(reverse("volunteers:applications")).content.decode()
    assert mine.name in page and other.name not in page and general.name not in page
    client.force_login(staff_user)
    page = client.get(reverse("volunteers:applications")).content.decode()
    assert all(a.name in page for a in (mine, other, general))


def test_decide_through_the_page(client, association, association_admin):
    application = VolunteerApplicationFactory(role=OpenRoleFactory(association=association))
    client.force_login(association_admin)
    url = reverse("volunteers:application-detail", kwargs={"pk": application.pk})
    response = client.post(url, {"status": "on_hold"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "on_hold"


def test_create_role_through_the_page(client, association, association_admin):
    client.force_login(association_admin)
    response = client.post(
        reverse("volunteers:role-create"),
        {
            "title_de": "Lesepatenschaft",
            "association": association.pk,
            "kind": "recurring",
            "when_de": "mittwochs",
            "languages": ["de", "uk"],
            "places": 3,
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    role = OpenRole.objects.get(title_de="Lesepatenschaft")
    assert role.association == association and role.languages == ["de", "uk"]


# --- board ------------------------------------------------------------------------------------


def test_board_filters(client):
    arabic = OpenRoleFactory(title_de="Dolmetschen", languages=["ar", "de"], kind="one_off")
    ukrainian = OpenRoleFactory(title_de="Lesen", languages=["uk"], kind="recurring")
    hidden = OpenRoleFactory(title_de="Geheim", is_published=False)
    url = reverse("volunteers:board")

    page = client.get(url).content.decode()
    assert "Dolmetschen" in page and "Lesen" in page and "Geheim" not in page

    page = client.get(url, {"language": "ar"}).content.decode()
    assert "Dolmetschen" in page and "Lesen" not in page

    page = client.get(url, {"kind": "recurring"}).content.decode()
    assert "Dolmetschen" not in page and "Lesen" in page

    page = client.get(url, {"association": ukrainian.association.slug}).content.decode()
    assert "Dolmetschen" not in page and "Lesen" in page

    assert (
        client.get(reverse("volunteers:role-detail", kwargs={"pk": arabic.pk})).status_code == 200
    )
    assert (
        client.get(reverse("volunteers:role-detail", kwargs={"pk": hidden.pk})).status_code == 404
    )


def _board_queries(client, django_assert_max_num_queries, count):
    from django.core.cache import cache

    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get("/de/volunteering/").status_code == 200
    return len(captured)


def test_board_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    OpenRoleFactory.create_batch(2)
    two = _board_queries(client, django_assert_max_num_queries, 2)
    OpenRoleFactory.create_batch(18)
    twenty = _board_queries(client, django_assert_max_num_queries, 20)
    assert two == twenty
    assert twenty <= 8


# --- help form --------------------------------------------------------------------------------


def test_help_form_keeps_values_and_redirects(client, django_capture_on_commit_callbacks):
    role = OpenRoleFactory()
    url = reverse("volunteers:offer-to-help", kwargs={"pk": role.pk})
    response = client.post(url, {"name": "Farid", "message": "Ich kann Arabisch."})
    assert response.status_code == 200
    assert (
        "Farid" in response.content.decode() and "Ich kann Arabisch." in response.content.decode()
    )
    assert not VolunteerApplication.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/ar" + url[3:], {"name": "Farid", "phone": "0151 2", "languages": ["ar"]}
        )
    assert response.status_code == 302
    assert response["Location"].endswith("/ar/volunteering/thanks/")
    application = VolunteerApplication.objects.get()
    assert application.role == role and application.language == "ar"
    assert client.get(response["Location"]).status_code == 200


def test_honeypot_creates_nothing(client):
    response = client.post(
        reverse("volunteers:offer-to-help"),
        {"name": "Bot", "email": "bot@example.org", "website": "http://spam"},
    )
    assert response.status_code == 200
    assert not VolunteerApplication.objects.exists()


FIELDS = ["name", "email", "phone", "languages", "message", "website"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(st.text(max_size=60), st.lists(st.text(max_size=10), max_size=3)),
        max_size=6,
    )
)
def test_random_posts_never_fail(client, data):
    before = VolunteerApplication.objects.count()
    response = client.post(reverse("volunteers:offer-to-help"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert VolunteerApplication.objects.count() == before
    else:
        assert VolunteerApplication.objects.count() == before + 1


# --- sample data ------------------------------------------------------------------------------


def test_sample_roles_are_idempotent():
    from teilhabe.core.samples import SampleContext
    from teilhabe.volunteers.sample_roles import ROLES, build_sample_roles

    for data in ROLES:
        AssociationFactory(slug=data["association"])
    context = SampleContext(password="sample password 123")
    build_sample_roles(context)
    build_sample_roles(context)
    assert OpenRole.objects.filter(is_published=True).count() == len(ROLES)
    statuses = set(VolunteerApplication.objects.values_list("status", flat=True))
    assert statuses == {"new", "on_hold", "accepted", "declined"}
    childcare = OpenRole.objects.get(required_topics__slug="child-protection")
    assert childcare.title_ar and childcare.title_uk
    accepted = VolunteerApplication.objects.filter(status="accepted")
    assert all(a.volunteer and a.volunteer.volunteer_profile for a in accepted)
