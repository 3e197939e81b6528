"""The programme database pages: who may see and change them, search on SQLite and
PostgreSQL, the filters, the staff forms, and a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from conftest import ROLE_FIXTURES
from teilhabe.core.recurrence import centre_today
from teilhabe.funding.matching import ProgrammeFilters, programmes_for_list
from teilhabe.funding.models import DeadlineKind, Funder, FunderLevel, FundingProgramme

from .factories import FunderFactory, FundingTopicFactory, ProgrammeFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db

LIST = "/en/funding/programmes/"
MAY_READ = {"association_admin", "other_association_admin", "staff_user", "administrator"}
MAY_MANAGE = {"staff_user", "administrator"}


def _titles(**filters) -> list[str]:
    return [p.title for p in programmes_for_list(ProgrammeFilters(**filters), centre_today())]


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_pages_by_role(request, client, user_in_role):
    name = request.node.callspec.params["user_in_role"]
    programme = ProgrammeFactory()
    if name != "anonymous":
        client.force_login(user_in_role)
    reading = [
        reverse("funding:programme-list"),
        reverse("funding:programme-detail", kwargs={"pk": programme.pk}),
        reverse("funding:match"),
    ]
    managing = [
        reverse("funding:programme-create"),
        reverse("funding:programme-edit", kwargs={"pk": programme.pk}),
        reverse("funding:funder-list"),
        reverse("funding:funder-create"),
        reverse("funding:funder-edit", kwargs={"pk": programme.funder.pk}),
        reverse("funding:programme-import"),
    ]
    for urls, allowed in ((reading, MAY_READ), (managing, MAY_MANAGE)):
        for url in urls:
            response = client.get(url)
            if name == "anonymous":
                assert response.status_code == 302, url
                assert "login" in response["Location"]
            else:
                assert response.status_code == (200 if name in allowed else 403), url


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_staff_change_programmes(request, client, user_in_role):
    name = request.node.callspec.params["user_in_role"]
    funder = FunderFactory()
    if name != "anonymous":
        client.force_login(user_in_role)
    client.post(
        reverse("funding:programme-create"),
        {
            "external_id": "neu",
            "title": "Neu",
            "funder": funder.pk,
            "deadline_kind": "rolling",
            "final_report_months": 6,
            "interim_report_months": 4,
            "is_active": "on",
        },
    )
    client.post(reverse("funding:funder-edit", kwargs={"pk": funder.pk}), {"name": "X"})
    assert FundingProgramme.objects.filter(external_id="neu").exists() is (name in MAY_MANAGE)


# --- search ------------------------------------------------------------------------------------


@pytest.fixture
def searchable():
    ProgrammeFactory(
        title="Lernen vor Ort",
        funder=FunderFactory(name="Stiftung Bildung"),
        summary_de="Hausaufgabenhilfe und Lernpaten für Kinder aus eingewanderten Familien.",
    )
    ProgrammeFactory(
        title="Demokratie leben!",
        funder=FunderFactory(name="Bundesministerium für Familie"),
        summary_de="Projekte gegen Extremismus.",
    )
    ProgrammeFactory(
        title="Sport im Quartier",
        funder=FunderFactory(name="Landessportbund"),
        summary_de="",
        summary_en="Sports clubs open their doors for newcomers.",
    )


def test_search_in_title_funder_and_summary(searchable):
    assert _titles(text="Lernen") == ["Lernen vor Ort"]
    assert _titles(text="Bundesministerium") == ["Demokratie leben!"]
    assert _titles(text="Hausaufgabenhilfe") == ["Lernen vor Ort"]
    assert _titles(text="newcomers") == ["Sport im Quartier"]
    assert _titles(text="Lernpaten Kinder") == ["Lernen vor Ort"]
    assert _titles(text="Zirkus") == []


@pytest.mark.postgres
def test_postgres_search_finds_german_word_forms(searchable):
    # the German configuration stems: "Kind" finds "Kinder", "Familien" finds "Familie"
    assert _titles(text="Kind") == ["Lernen vor Ort"]
    assert _titles(text="Familien") == ["Demokratie leben!", "Lernen vor Ort"] or _titles(
        text="Familien"
    ) == ["Lernen vor Ort", "Demokratie leben!"]
    assert _titles(text="Extremismus -Kinder") == ["Demokratie leben!"]


def test_search_page_keeps_the_query(client, staff_user, searchable):
    client.force_login(staff_user)
    response = client.get(LIST, {"q": "Hausaufgabenhilfe"})
    html = response.content.decode()
    assert "Lernen vor Ort" in html and "Demokratie leben!" not in html
    assert 'value="Hausaufgabenhilfe"' in html


# --- filters -----------------------------------------------------------------------------------


def test_filters():
    today = centre_today()
    education = FundingTopicFactory(slug="education")
    children = TargetGroupFactory(slug="children")
    ProgrammeFactory(
        title="A federal education programme",
        funder=FunderFactory(level=FunderLevel.FEDERAL),
        topics=[education],
        target_groups=[children],
        applicants=["association"],
        region="Deutschland",
        min_amount=Decimal("5000"),
        max_amount=Decimal("50000"),
        deadline_kind=DeadlineKind.FIXED,
        deadlines=[today + timedelta(days=20)],
    )
    ProgrammeFactory(
        title="B foundation rolling",
        applicants=["migrant_org"],
        region="Erfurt",
        min_amount=None,
        max_amount=Decimal("3000"),
    )
    ProgrammeFactory(
        title="C yearly in autumn",
        applicants=["association"],
        funder=FunderFactory(level=FunderLevel.STATE),
        region="Thüringen",
        min_amount=Decimal("1000"),
        max_amount=None,
        deadline_kind=DeadlineKind.YEARLY,
        deadlines=[(today + timedelta(days=100)).replace(year=2020)],
    )
    ProgrammeFactory(title="D inactive", is_active=False)
    assert _titles() == [
        "A federal education programme",
        "B foundation rolling",
        "C yearly in autumn",
    ]
    assert _titles(level="federal") == ["A federal education programme"]
    assert _titles(topic="education") == ["A federal education programme"]
    assert _titles(target_group="children") == ["A federal education programme"]
    assert _titles(applicant="migrant_org") == ["B foundation rolling"]
    assert _titles(region="Erfurt") == ["B foundation rolling"]
    assert _titles(amount=Decimal("2000")) == ["B foundation rolling", "C yearly in autumn"]
    assert _titles(amount=Decimal("8000")) == [
        "A federal education programme",
        "C yearly in autumn",
    ]
    assert _titles(amount=Decimal("500")) == ["B foundation rolling"]
    assert _titles(deadline="rolling") == ["B foundation rolling"]
    assert _titles(deadline="30") == ["A federal education programme"]
    assert _titles(deadline="180") == ["A federal education programme", "C yearly in autumn"]


def test_filter_page_ignores_bad_values_and_shows_rows(client, association_admin):
    ProgrammeFactory(
        title="Kultur macht stark",
        funder=FunderFactory(name="BMBF", level=FunderLevel.FEDERAL),
        min_amount=Decimal("1000"),
        max_amount=Decimal("50000"),
        funding_rate=90,
        own_share=10,
        deadline_kind=DeadlineKind.FIXED,
        deadlines=[centre_today() + timedelta(days=10)],
    )
    client.force_login(association_admin)
    response = client.get(LIST, {"level": "galactic", "amount": "viel", "topic": "x"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kultur macht stark" in html
    assert "BMBF" in html and "federal (Bund)" in html
    assert "1,000–50,000 €" in html
    assert "90 %" in html and "10 %" in html
    assert (centre_today() + timedelta(days=10)).strftime("%m/%d/%Y") in html


def test_htmx_request_gets_only_the_results(client, staff_user):
    ProgrammeFactory(title="Teilhabe vor Ort")
    client.force_login(staff_user)
    response = client.get(LIST, {"q": "Teilhabe"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Teilhabe vor Ort" in html
    assert "<html" not in html and 'id="programme-table"' in html


def test_list_is_paginated_and_keeps_the_filters(client, staff_user):
    ProgrammeFactory.create_batch(30, region="Erfurt")
    client.force_login(staff_user)
    response = client.get(LIST, {"region": "Erfurt"})
    html = response.content.decode()
    assert "region=Erfurt&amp;page=2" in html
    assert client.get(LIST, {"region": "Erfurt", "page": 2}).status_code == 200


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST, {"deadline": "365"}).status_code == 200
    return len(captured)


def test_list_runs_a_fixed_number_of_queries(client, staff_user, django_assert_max_num_queries):
    topic = FundingTopicFactory(slug="education")
    group = TargetGroupFactory(slug="children")

    def make(n):
        ProgrammeFactory.create_batch(
            n,
            topics=[topic],
            target_groups=[group],
            deadline_kind=DeadlineKind.YEARLY,
            deadlines=[date(2020, 5, 1), date(2020, 11, 1)],
        )

    client.force_login(staff_user)
    make(2)
    _list_queries(client)  # warm up: the session and the permissions are read once
    few = _list_queries(client)
    make(20)
    many = _list_queries(client)
    assert few == many
    with django_assert_max_num_queries(many):
        client.get(LIST, {"deadline": "365"})


# --- detail ------------------------------------------------------------------------------------


def test_detail_shows_everything(client, association_admin):
    programme = ProgrammeFactory(
        title="Lernen vor Ort",
        summary_de="Nur auf Deutsch.",
        url="https://example.org/lernen",
        deadline_kind=DeadlineKind.YEARLY,
        deadlines=[date(2020, 3, 15)],
        min_months=6,
        max_months=24,
        applicants=["association"],
        topics=[FundingTopicFactory(slug="education")],
    )
    client.force_login(association_admin)
    html = client.get(f"/en/funding/programmes/{programme.pk}/").content.decode()
    assert "Lernen vor Ort" in html and "Nur auf Deutsch." in html
    assert "in German – not yet translated" in html
    assert "https://example.org/lernen" in html
    assert "6 to 24 months" in html
    assert "registered association (e.V.)" in html
    assert "Education" in html
    assert "15 March" in html
    try:
        create_url = reverse("funding:application-create")
    except NoReverseMatch:
        create_url = None
    if create_url:
        assert f"{create_url}?programme={programme.pk}" in html
        assert "Start an application" in html


def test_staff_do_not_get_the_start_button_but_edit(client, staff_user):
    programme = ProgrammeFactory()
    client.force_login(staff_user)
    html = client.get(f"/en/funding/programmes/{programme.pk}/").content.decode()
    assert "Start an application" not in html
    assert reverse("funding:programme-edit", kwargs={"pk": programme.pk}) in html


def test_unknown_programme_is_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/en/funding/programmes/999999/").status_code == 404


# --- staff forms -------------------------------------------------------------------------------


def _programme_data(funder, **changes):
    data = {
        "external_id": "lernen-vor-ort",
        "title": "Lernen vor Ort",
        "funder": funder.pk,
        "summary_de": "Lernhilfe",
        "region": "Thüringen",
        "min_amount": "1000",
        "max_amount": "25000",
        "funding_rate": "80",
        "own_share": "20",
        "deadline_kind": "fixed",
        "deadlines": "2027-03-15\n15.09.2027\n",
        "final_report_months": "6",
        "interim_report_months": "4",
        "applicants": ["association", "migrant_org"],
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_staff_create_and_edit_a_programme(client, staff_user):
    funder = FunderFactory()
    topic = FundingTopicFactory(slug="education")
    client.force_login(staff_user)
    response = client.post(
        reverse("funding:programme-create"), _programme_data(funder, topics=[topic.pk])
    )
    programme = FundingProgramme.objects.get(external_id="lernen-vor-ort")
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:programme-detail", kwargs={"pk": programme.pk})
    assert [d.day for d in programme.deadlines.all()] == [date(2027, 3, 15), date(2027, 9, 15)]
    assert list(programme.topics.all()) == [topic]
    assert programme.applicants == ["association", "migrant_org"]
    edit = reverse("funding:programme-edit", kwargs={"pk": programme.pk})
    assert "2027-03-15" in client.get(edit).content.decode()
    client.post(edit, _programme_data(funder, deadlines="2028-01-10", title="Neu"))
    programme.refresh_from_db()
    assert programme.title == "Neu"
    assert [d.day for d in programme.deadlines.all()] == [date(2028, 1, 10)]
    assert list(programme.topics.all()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadlines": "2027-03-15\nsoon"}, "“soon” is not a date"),
        ({"min_amount": "30000"}, "The maximum amount cannot be below the minimum amount."),
        ({"funding_rate": "0"}, "greater than or equal to 1"),
        (
            {"deadline_kind": "rolling"},
            "A programme with deadlines cannot take applications any time",
        ),
    ],
)
def test_bad_programme_input_is_explained_and_kept(client, staff_user, changes, message):
    funder = FunderFactory()
    client.force_login(staff_user)
    response = client.post("/en/funding/programmes/new/", _programme_data(funder, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Lernen vor Ort"' in html
    assert not FundingProgramme.objects.exists()


def test_staff_create_and_edit_a_funder(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("funding:funder-create"), {"name": "Aktion Mensch", "level": "foundation"}
    )
    assert response.status_code == 302
    funder = Funder.objects.get(name="Aktion Mensch")
    client.post(
        reverse("funding:funder-edit", kwargs={"pk": funder.pk}),
        {"name": "Aktion Mensch e. V.", "level": "other"},
    )
    funder.refresh_from_db()
    assert (funder.name, funder.level) == ("Aktion Mensch e. V.", "other")
    html = client.get("/en/funding/funders/").content.decode()
    assert "Aktion Mensch e. V." in html


def test_duplicate_funder_name_is_explained(client, staff_user):
    FunderFactory(name="Aktion Mensch")
    client.force_login(staff_user)
    response = client.post("/en/funding/funders/new/", {"name": "Aktion Mensch", "level": "other"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()


def test_funder_list_runs_a_fixed_number_of_queries(client, staff_user):
    client.force_login(staff_user)
    FunderFactory.create_batch(2)
    client.get("/en/funding/funders/")  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get("/en/funding/funders/")
    for funder in FunderFactory.create_batch(20):
        ProgrammeFactory(funder=funder)
    with CaptureQueriesContext(connection) as many:
        client.get("/en/funding/funders/")
    assert len(few) == len(many)
