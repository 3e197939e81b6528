"""The admin of funding: every model is there with search and filters, programmes edit their
deadlines inline, applications show their history read-only with payments and reports."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from teilhabe.funding.models import ApplicationEvent, ApplicationStatus

from .factories import ApplicationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_every_funding_model_is_registered_with_search_and_filters():
    for model in apps.get_app_config("funding").get_models():
        model_admin = admin.site._registry.get(model)
        assert model_admin is not None, model._meta.label
        assert model_admin.search_fields, model._meta.label


@pytest.mark.parametrize("model", list(apps.get_app_config("funding").get_models()))
def test_changelists_search(client, staff_user, model):
    ApplicationFactory()
    client.force_login(staff_user)
    url = reverse(f"admin:funding_{model._meta.model_name}_changelist")
    assert client.get(url, {"q": "Projekt"}).status_code == 200


def test_programme_change_page_has_its_deadlines(client, staff_user):
    programme = ProgrammeFactory(deadline_kind="fixed", deadlines=[date(2027, 3, 15)])
    client.force_login(staff_user)
    url = reverse("admin:funding_fundingprogramme_change", args=[programme.pk])
    html = client.get(url).content.decode()
    assert "2027-03-15" in html
    assert "summary_en" in html  # translated fields


def test_application_change_page_shows_history_read_only(client, staff_user):
    application = ApplicationFactory(status=ApplicationStatus.IDEA)
    ApplicationEvent.objects.create(application=application, to_status="idea", by=staff_user)
    client.force_login(staff_user)
    url = reverse("admin:funding_application_change", args=[application.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="events-0-to_status"' not in html  # read-only
    assert 'name="payments-TOTAL_FORMS"' in html
    assert 'name="obligations-TOTAL_FORMS"' in html
    assert 'name="status"' not in html  # moves only through its steps


def test_other_roles_do_not_reach_the_funding_admin(client, association_admin):
    client.force_login(association_admin)
    response = client.get(reverse("admin:funding_application_changelist"))
    assert response.status_code == 302
