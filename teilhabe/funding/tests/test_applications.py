"""The application pages: the lists, creating and editing, every step through the page,
illegal steps, payments and reports — and that an association sees only its own."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import ROLE_FIXTURES
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.funding import services
from teilhabe.funding.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Payment,
    ReportObligation,
)
from teilhabe.programme.tests.factories import OfferFactory

from .factories import ApplicationFactory, ProgrammeFactory

S = ApplicationStatus
pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"funding:{name}", kwargs=kwargs or None)


def as_user(client, user):
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.fixture
def application(association):
    return ApplicationFactory(association=association, title="Hausaufgabenhilfe")


def move(application, *steps, by):
    for step, details in steps:
        services.move_application(application=application, to_status=step, by=by, **details)
    return application


# --- who may see and do what ---------------------------------------------------------------------

LIST_ALLOWED = {"association_admin", "other_association_admin", "staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_the_list_is_for_association_admins_and_staff(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    response = as_user(client, user_in_role).get(url("application-list"))
    if role == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif role in LIST_ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


DETAIL_ALLOWED = {"association_admin", "staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_the_application_page_and_its_editing_only_for_its_association_and_staff(
    client, user_in_role, request, application
):
    role = request.node.callspec.params["user_in_role"]
    client = as_user(client, user_in_role)
    for name in ("application-detail", "application-edit"):
        response = client.get(url(name, pk=application.pk))
        if role == "anonymous":
            assert response.status_code == 302
        elif role in DETAIL_ALLOWED:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
    response = client.post(url("application-edit", pk=application.pk), {"title": "Geändert"})
    application.refresh_from_db()
    if role in DETAIL_ALLOWED:
        assert response.status_code == 302
        assert application.title == "Geändert"
    else:
        assert response.status_code in (302, 403)
        assert application.title == "Hausaufgabenhilfe"


CREATE_ALLOWED = {"association_admin", "other_association_admin", "staff_user", "administrator"}


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_who_may_open_the_new_application_form(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    response = as_user(client, user_in_role).get(url("application-create"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in CREATE_ALLOWED:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def test_another_associations_admin_neither_sees_nor_changes_the_application(
    client, other_association_admin, application
):
    client.force_login(other_association_admin)
    assert client.get(url("application-detail", pk=application.pk)).status_code == 403
    assert client.get(url("application-edit", pk=application.pk)).status_code == 403
    response = client.post(
        url("application-move", pk=application.pk), {"move-to_status": S.PREPARATION}
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == S.IDEA
    listing = client.get(url("application-list"))
    assert "Hausaufgabenhilfe" not in listing.content.decode()


def test_an_association_admin_lists_only_their_own_grouped_by_status(
    client, association_admin, association
):
    ApplicationFactory(association=association, title="Eigenes Projekt")
    ApplicationFactory(association=association, title="Eingereicht", status=S.SUBMITTED)
    ApplicationFactory(title="Fremdes Projekt")
    client.force_login(association_admin)
    response = client.get(url("application-list"))
    content = response.content.decode()
    assert "Eigenes Projekt" in content and "Eingereicht" in content
    assert "Fremdes Projekt" not in content
    assert 'id="status-idea"' in content and 'id="status-submitted"' in content
    assert content.index('id="status-idea"') < content.index('id="status-submitted"')


def test_staff_see_all_and_filter(client, staff_user, association):
    mine = ApplicationFactory(association=association, title="Projekt A", advisor=staff_user)
    ApplicationFactory(title="Projekt B")
    ApplicationFactory(association=association, title="Projekt C", starts_on=date(2025, 1, 1))
    client.force_login(staff_user)
    content = client.get(url("application-list")).content.decode()
    assert all(title in content for title in ("Projekt A", "Projekt B", "Projekt C"))
    content = client.get(
        url("application-list"), {"association": association.pk, "year": 2027}
    ).content.decode()
    assert "Projekt A" in content and "Projekt B" not in content and "Projekt C" not in content
    content = client.get(url("application-list"), {"advisor": staff_user.pk}).content.decode()
    assert "Projekt A" in content and "Projekt C" not in content
    move(mine, (S.PREPARATION, {}), by=staff_user)
    content = client.get(url("application-list"), {"status": S.PREPARATION}).content.decode()
    assert "Projekt A" in content and "Projekt B" not in content


def test_the_list_shows_the_money_and_the_next_report(client, association_admin, association):
    application = ApplicationFactory(
        association=association, status=S.RUNNING, amount_approved=Decimal("9600")
    )
    services.derive_obligations(application)
    Payment.objects.create(
        application=application, amount=Decimal("4000"), received_on=date.today()
    )
    Payment.objects.create(
        application=application, amount=Decimal("1000"), received_on=date.today()
    )
    client.force_login(association_admin)
    content = client.get(url("application-list")).content.decode()
    assert "5,000.00 €" in content
    first_due = application.obligations.order_by("due_on").first().due_on
    assert first_due.isoformat() in content


@pytest.mark.parametrize("viewer", ["association_admin", "staff_user"])
def test_the_list_runs_a_fixed_number_of_queries(
    client, request, association, django_assert_max_num_queries, viewer
):
    user = request.getfixturevalue(viewer)
    client.force_login(user)

    def fill(n):
        for _ in range(n):
            programme = ProgrammeFactory(deadline_kind="yearly", deadlines=[date(2024, 10, 1)])
            application = ApplicationFactory(
                association=association, programme=programme, status=S.RUNNING
            )
            services.derive_obligations(application)
            Payment.objects.create(application=application, amount=1, received_on=date.today())
            ApplicationFactory(association=association, programme=programme)

    fill(2)
    client.get(url("application-list"))  # warm up sessions and the like
    with django_assert_max_num_queries(12) as small:
        client.get(url("application-list"))
    fill(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("application-list"))
    assert response.status_code == 200


# --- creating and editing ----------------------------------------------------------------------


def creation_data(association, programme=None, **changes):
    data = {
        "association": association.pk,
        "title": "Hausaufgabenhilfe für Grundschulkinder",
        "description": "Zweimal pro Woche",
        "programme": programme.pk if programme else "",
        "starts_on": "2027-09-01",
        "ends_on": "2028-07-31",
        "total_cost": "10000",
        "amount_requested": "8000",
        "own_share_amount": "2000",
        "own_share_source": "Spenden",
    }
    data.update(changes)
    return data


def test_an_association_admin_creates_an_idea_with_the_programme_preselected(
    client, association_admin, association
):
    programme = ProgrammeFactory(title="Bildung für alle")
    client.force_login(association_admin)
    form = client.get(url("application-create") + f"?programme={programme.pk}")
    assert f'<option value="{programme.pk}" selected>' in form.content.decode()
    assert 'name="advisor"' not in form.content.decode()
    response = client.post(url("application-create"), creation_data(association, programme))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("application-detail", pk=application.pk)
    assert application.status == S.IDEA
    assert application.programme == programme
    assert application.own_share_source == "Spenden"
    assert application.events.get().by == association_admin


def test_an_association_admin_cannot_create_for_another_association(client, association_admin):
    other = AssociationFactory()
    client.force_login(association_admin)
    response = client.post(url("application-create"), creation_data(other))
    assert response.status_code == 200
    assert "association" in response.context["form"].errors
    assert not Application.objects.exists()


def test_staff_create_for_any_association_and_assign_the_advisor(client, staff_user):
    other = AssociationFactory()
    client.force_login(staff_user)
    response = client.post(url("application-create"), creation_data(other, advisor=staff_user.pk))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.association == other and application.advisor == staff_user


def test_bad_input_is_shown_next_to_the_fields_and_nothing_typed_is_lost(
    client, association_admin, association
):
    client.force_login(association_admin)
    with translation.override("en"):
        response = client.post(
            url("application-create"),
            creation_data(
                association,
                title="Lernwerkstatt",
                ends_on="2027-01-01",
                amount_requested="20000",
            ),
        )
    form = response.context["form"]
    assert response.status_code == 200
    with translation.override("en"):
        assert form.errors["ends_on"] == ["The project cannot end before it starts."]
    content = response.content.decode()
    assert 'value="Lernwerkstatt"' in content and 'value="20000"' in content
    assert not Application.objects.exists()
    with translation.override("en"):
        response = client.post(
            url("application-create"), creation_data(association, amount_requested="20000")
        )
    assert response.context["form"].errors["amount_requested"] == [
        "The amount requested cannot exceed the total cost."
    ]
    response = client.post(url("application-create"), creation_data(association, total_cost="-5"))
    assert "total_cost" in response.context["form"].errors
    assert not Application.objects.exists()


def test_editing_changes_the_details_and_links_the_associations_offers(
    client, association_admin, association, application
):
    own_offer = OfferFactory(lead_association=association, title_de="Lernhilfe")
    foreign_offer = OfferFactory()
    client.force_login(association_admin)
    data = creation_data(association, application.programme, title="Neuer Titel")
    data["offers"] = [own_offer.pk]
    response = client.post(url("application-edit", pk=application.pk), data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Neuer Titel"
    assert list(application.offers.all()) == [own_offer]
    assert application.association == association
    data["offers"] = [foreign_offer.pk]
    response = client.post(url("application-edit", pk=application.pk), data)
    assert "offers" in response.context["form"].errors
    assert list(application.offers.all()) == [own_offer]
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert "Lernhilfe" in page


def test_the_status_cannot_be_changed_by_editing(client, staff_user, application):
    client.force_login(staff_user)
    data = creation_data(application.association, application.programme, status=S.CLOSED)
    client.post(url("application-edit", pk=application.pk), data)
    application.refresh_from_db()
    assert application.status == S.IDEA


# --- the page and its steps --------------------------------------------------------------------


def post_move(client, application, to_status, **fields):
    data = {"move-to_status": to_status}
    data.update({f"move-{name}": value for name, value in fields.items()})
    with translation.override("en"):
        return client.post(url("application-move", pk=application.pk), data)


def test_every_step_through_the_page(client, staff_user, association_admin, application):
    client.force_login(association_admin)
    assert post_move(client, application, S.PREPARATION).status_code == 302
    response = post_move(client, application, S.SUBMITTED, submitted_on="2026-01-15")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.submitted_on == date(2026, 1, 15)
    response = post_move(
        client,
        application,
        S.PARTLY_APPROVED,
        decided_on="2026-03-01",
        amount_approved="7000",
        note="Bescheid vom 1. März",
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.PARTLY_APPROVED
    assert application.amount_approved == Decimal("7000")
    assert application.decided_on == date(2026, 3, 1)
    assert post_move(client, application, S.RUNNING).status_code == 302
    assert application.obligations.count() == 2  # the interim report for 2027 and the final one
    client.force_login(staff_user)
    assert post_move(client, application, S.REPORTING).status_code == 302
    for obligation in application.obligations.all():
        services.mark_report_submitted(
            obligation=obligation, submitted_on=centre_today(), by=staff_user
        )
    assert post_move(client, application, S.CLOSED).status_code == 302
    application.refresh_from_db()
    assert application.status == S.CLOSED
    steps = list(application.events.values_list("to_status", flat=True))
    assert steps == [
        S.PREPARATION,
        S.SUBMITTED,
        S.PARTLY_APPROVED,
        S.RUNNING,
        S.REPORTING,
        S.CLOSED,
    ]
    event = application.events.get(to_status=S.PARTLY_APPROVED)
    assert event.by == association_admin and event.note == "Bescheid vom 1. März"
    with translation.override("en"):
        page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert 'aria-current="step"' in page
    assert "Bescheid vom 1. März" in page
    assert page.count('data-state="done"') == 6


def test_approval_and_rejection_through_the_page(client, staff_user, application):
    client.force_login(staff_user)
    move(application, (S.PREPARATION, {}), (S.SUBMITTED, {}), by=staff_user)
    assert post_move(client, application, S.APPROVED).status_code == 302
    application.refresh_from_db()
    assert application.amount_approved == application.amount_requested
    other = ApplicationFactory(association=application.association)
    move(other, (S.PREPARATION, {}), (S.SUBMITTED, {}), by=staff_user)
    assert post_move(client, other, S.REJECTED).status_code == 302
    assert post_move(client, other, S.CLOSED).status_code == 302
    other.refresh_from_db()
    assert other.status == S.CLOSED and other.amount_approved == 0


def test_the_page_offers_only_the_next_possible_steps(client, association_admin, application):
    client.force_login(association_admin)
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert 'id="move-preparation"' in page and 'id="move-closed"' in page
    assert 'id="move-submitted"' not in page
    move(application, (S.PREPARATION, {}), by=association_admin)
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert 'id="move-submitted"' in page and 'name="move-submitted_on"' in page


def test_an_illegal_step_is_refused_with_the_message_and_nothing_changes(
    client, association_admin, application
):
    client.force_login(association_admin)
    response = post_move(client, application, S.APPROVED)
    assert response.status_code == 200
    assert "An application cannot go from “idea” to “approved”." in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.IDEA
    assert not application.events.exists()


def test_a_step_missing_what_it_needs_is_refused(client, staff_user, association):
    application = ApplicationFactory(association=association, programme=None)
    client.force_login(staff_user)
    response = post_move(client, application, S.PREPARATION)
    assert "Choose the funding programme before preparing" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.IDEA


def test_partial_approval_needs_a_smaller_amount_and_keeps_what_was_typed(
    client, staff_user, application
):
    move(application, (S.PREPARATION, {}), (S.SUBMITTED, {}), by=staff_user)
    client.force_login(staff_user)
    response = post_move(
        client, application, S.PARTLY_APPROVED, amount_approved="99999", note="zu viel"
    )
    content = response.content.decode()
    assert "For a partial approval, give the amount approved" in content
    assert 'value="99999"' in content and 'value="zu viel"' in content
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.amount_approved is None


def test_the_history_shows_who_moved_it_and_the_refusal_comes_in_the_pages_language(
    client, staff_user, application
):
    move(application, (S.PREPARATION, {}), by=staff_user)
    client.force_login(staff_user)
    with translation.override("de"):
        response = client.post(
            reverse("funding:application-move", kwargs={"pk": application.pk}),
            {"move-to_status": S.RUNNING},
        )
        with translation.override("de"):
            expected = services._("An application cannot go from “%(from)s” to “%(to)s”.") % {
                "from": S.PREPARATION.label,
                "to": S.RUNNING.label,
            }
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert staff_user.display_name in page
    assert 'data-to-status="preparation"' in page


# --- payments and reports ----------------------------------------------------------------------


@pytest.fixture
def granted(association, staff_user):
    application = ApplicationFactory(association=association, title="Bewilligt")
    return move(
        application,
        (S.PREPARATION, {}),
        (S.SUBMITTED, {}),
        (S.APPROVED, {}),
        (S.RUNNING, {}),
        by=staff_user,
    )


def test_payments_are_recorded_and_summed(client, association_admin, granted):
    client.force_login(association_admin)
    yesterday = (centre_today() - timedelta(days=1)).isoformat()
    for amount in ("3000", "1500.50"):
        response = client.post(
            url("payment-add", pk=granted.pk),
            {"payment-amount": amount, "payment-received_on": yesterday},
        )
        assert response.status_code == 302
    assert granted.payments.count() == 2
    with translation.override("en"):
        page = client.get(url("application-detail", pk=granted.pk)).content.decode()
    assert "4,500.50 €" in page


def test_a_bad_payment_is_refused(client, association_admin, granted, application):
    client.force_login(association_admin)
    tomorrow = (centre_today() + timedelta(days=1)).isoformat()
    with translation.override("en"):
        response = client.post(
            url("payment-add", pk=granted.pk),
            {"payment-amount": "100", "payment-received_on": tomorrow},
        )
    assert "Money cannot be received in the future." in response.content.decode()
    response = client.post(
        url("payment-add", pk=granted.pk),
        {"payment-amount": "-1", "payment-received_on": centre_today().isoformat()},
    )
    assert "amount" in response.context["payment_form"].errors
    with translation.override("en"):
        response = client.post(
            url("payment-add", pk=application.pk),
            {"payment-amount": "100", "payment-received_on": centre_today().isoformat()},
        )
    assert "Money can only be received for a granted application." in response.content.decode()
    assert not Payment.objects.exists()


def test_another_association_cannot_record_payments(client, other_association_admin, granted):
    client.force_login(other_association_admin)
    response = client.post(
        url("payment-add", pk=granted.pk),
        {"payment-amount": "100", "payment-received_on": centre_today().isoformat()},
    )
    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_reports_are_listed_and_marked_as_submitted(client, association_admin, granted):
    client.force_login(association_admin)
    obligations = list(granted.obligations.order_by("due_on"))
    assert [o.kind for o in obligations] == ["interim", "final"]
    page = client.get(url("application-detail", pk=granted.pk)).content.decode()
    for obligation in obligations:
        assert f'id="obligation-submit-{obligation.pk}"' in page
    interim = obligations[0]
    response = client.post(
        url("obligation-submit", pk=interim.pk),
        {f"obligation-{interim.pk}-submitted_on": centre_today().isoformat()},
    )
    assert response.status_code == 302
    interim.refresh_from_db()
    assert interim.submitted_on == centre_today()
    page = client.get(url("application-detail", pk=granted.pk)).content.decode()
    assert f'id="obligation-submit-{interim.pk}"' not in page


def test_a_report_cannot_be_submitted_in_the_future(
    client, association_admin, other_association_admin, granted
):
    final = granted.obligations.get(kind="final")
    client.force_login(association_admin)
    with translation.override("en"):
        response = client.post(
            url("obligation-submit", pk=final.pk),
            {f"obligation-{final.pk}-submitted_on": "2099-01-01"},
        )
    assert "A report cannot be submitted in the future." in response.content.decode()
    client.force_login(other_association_admin)
    response = client.post(
        url("obligation-submit", pk=final.pk),
        {f"obligation-{final.pk}-submitted_on": centre_today().isoformat()},
    )
    assert response.status_code == 403
    assert not ReportObligation.objects.filter(submitted_on__isnull=False).exists()


def test_the_page_shows_the_offers_and_the_advisor(client, association_admin, staff_user):
    association = AssociationFactory()
    MembershipFactory(association=association, user=association_admin, role="admin")
    application = ApplicationFactory(association=association, advisor=staff_user)
    client.force_login(association_admin)
    page = client.get(url("application-detail", pk=application.pk)).content.decode()
    assert staff_user.display_name in page
