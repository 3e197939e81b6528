"""Advice sessions: staff log them and see all; an association sees only its own history, on
the advice page and on its application's page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.funding.models import AdviceSession

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"funding:{name}", kwargs=kwargs or None)


def advice(association, application=None, topic="Finanzplan", **kwargs):
    return AdviceSession.objects.create(
        association=association,
        application=application,
        held_on=kwargs.pop("held_on", date(2026, 1, 10)),
        topic=topic,
        **kwargs,
    )


LIST_ALLOWED = {"association_admin", "other_association_admin", "staff_user", "administrator"}
LOG_ALLOWED = {"staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_sees_the_advice_list_and_who_logs(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    for name, allowed in (("advice-list", LIST_ALLOWED), ("advice-create", LOG_ALLOWED)):
        response = client.get(url(name))
        if role == "anonymous":
            assert response.status_code == 302
            assert "/login/" in response["Location"]
        elif role in allowed:
            assert response.status_code == 200
        else:
            assert response.status_code == 403


def test_staff_log_advice_about_an_application(client, staff_user, association):
    application = ApplicationFactory(association=association, title="Sprachcafé")
    client.force_login(staff_user)
    form = client.get(url("advice-create") + f"?application={application.pk}")
    assert f'<option value="{application.pk}" selected>' in form.content.decode()
    response = client.post(
        url("advice-create"),
        {
            "association": association.pk,
            "application": application.pk,
            "held_on": centre_today().isoformat(),
            "topic": "Kosten- und Finanzierungsplan",
            "notes": "Eigenanteil über Spenden",
            "next_steps": "Angebote einholen",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("application-detail", pk=application.pk)
    session = AdviceSession.objects.get()
    assert session.advisor == staff_user
    assert session.application == application
    assert session.next_steps == "Angebote einholen"


def test_advice_without_an_application_goes_back_to_the_list(client, staff_user, association):
    client.force_login(staff_user)
    response = client.post(
        url("advice-create"),
        {"association": association.pk, "held_on": "2026-01-05", "topic": "Förderlandschaft"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("advice-list")
    assert AdviceSession.objects.get().application is None


def test_bad_advice_is_refused_next_to_the_fields_and_kept(client, staff_user, association):
    foreign = ApplicationFactory()
    client.force_login(staff_user)
    with translation.override("en"):
        response = client.post(
            url("advice-create"),
            {
                "association": association.pk,
                "application": foreign.pk,
                "held_on": (centre_today() + timedelta(days=2)).isoformat(),
                "topic": "Zukunft",
                "notes": "Notizen bleiben",
            },
        )
    form = response.context["form"]
    with translation.override("en"):
        assert form.errors["application"] == ["This application belongs to another association."]
        assert form.errors["held_on"] == ["Advice can only be logged once it has taken place."]
    assert "Notizen bleiben" in response.content.decode()
    response = client.post(url("advice-create"), {"association": association.pk})
    assert {"held_on", "topic"} <= set(response.context["form"].errors)
    assert not AdviceSession.objects.exists()


def test_an_association_sees_only_its_own_advice(
    client, association_admin, association, other_association_admin
):
    advice(association, topic="Unser Thema")
    advice(AssociationFactory(), topic="Fremdes Thema")
    client.force_login(association_admin)
    content = client.get(url("advice-list")).content.decode()
    assert "Unser Thema" in content and "Fremdes Thema" not in content
    assert 'name="association"' not in content  # no filters for associations
    assert url("advice-create") not in content
    client.force_login(other_association_admin)
    content = client.get(url("advice-list")).content.decode()
    assert "Unser Thema" not in content


def test_staff_filter_advice(client, staff_user, administrator, association):
    advice(association, topic="Thema A", advisor=staff_user, held_on=date(2026, 1, 10))
    advice(association, topic="Thema B", advisor=administrator, held_on=date(2025, 6, 1))
    advice(AssociationFactory(), topic="Thema C", advisor=staff_user, held_on=date(2026, 2, 1))
    client.force_login(staff_user)
    content = client.get(url("advice-list")).content.decode()
    assert all(topic in content for topic in ("Thema A", "Thema B", "Thema C"))
    content = client.get(url("advice-list"), {"association": association.pk}).content.decode()
    assert "Thema C" not in content and "Thema A" in content
    content = client.get(url("advice-list"), {"advisor": administrator.pk}).content.decode()
    assert "Thema B" in content and "Thema A" not in content
    content = client.get(
        url("advice-list"), {"start": "2026-01-01", "end": "2026-01-31"}
    ).content.decode()
    assert "Thema A" in content and "Thema B" not in content and "Thema C" not in content


def test_the_application_page_shows_its_advice(
    client, association_admin, association, other_association_admin
):
    application = ApplicationFactory(association=association)
    advice(association, application=application, topic="Zum Antrag", next_steps="Budget")
    advice(association, topic="Allgemein")
    client.force_login(association_admin)
    content = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert "Zum Antrag" in content and "Allgemein" not in content
    assert 'id="advice-create-link"' not in content
    client.force_login(other_association_admin)
    assert client.get(url("application-detail", pk=application.pk)).status_code == 403


def test_association_admins_cannot_log_advice(client, association_admin, association):
    client.force_login(association_admin)
    response = client.post(
        url("advice-create"),
        {"association": association.pk, "held_on": "2026-01-05", "topic": "Selbst"},
    )
    assert response.status_code == 403
    assert not AdviceSession.objects.exists()


@pytest.mark.parametrize("viewer", ["association_admin", "staff_user"])
def test_the_advice_list_runs_a_fixed_number_of_queries(
    client, request, association, staff_user, django_assert_max_num_queries, viewer
):
    client.force_login(request.getfixturevalue(viewer))

    def fill(n):
        for i in range(n):
            application = ApplicationFactory(association=association)
            advice(association, application=application, topic=f"T{i}", advisor=staff_user)

    fill(2)
    client.get(url("advice-list"))
    with django_assert_max_num_queries(12) as small:
        client.get(url("advice-list"))
    fill(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("advice-list"))
    assert response.status_code == 200
