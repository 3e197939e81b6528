"""The dashboard, its downloads, the public summary and the contribution page: every figure
shown as computed by hand, permissions for every role, fixed query counts."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import ROLE_FIXTURES
from teilhabe.impact.models import DemographyProfile
from teilhabe.impact.views.dashboard import TABLES, requested_period
from teilhabe.programme.tests.factories import OfferFactory

from .test_figures import FIRST, LAST, attend, build_world

PERIOD = {"period": "custom", "from": FIRST.isoformat(), "to": LAST.isoformat()}


@pytest.fixture
def world(db):
    return build_world()


def url(name, *args):
    with translation.override("en"):
        return reverse(f"impact:{name}", args=args)


def rows_of(html: str, caption_start: str) -> list[list[str]]:
    """The rows (header cell and data cells, as text) of the table whose caption starts so."""
    tables = re.findall(r"<table.*?</table>", html, re.S)
    table = next(t for t in tables if re.search(rf"<caption[^>]*>{re.escape(caption_start)}", t))
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


# --- every figure on the page -----------------------------------------------------------------


@pytest.mark.django_db
def test_every_figure_on_the_dashboard(client, staff_user, world):
    DemographyProfile.objects.create(
        ags="05315000",
        municipality="Köln",
        year=2023,
        population=1084831,
        projected_change=Decimal("2.1"),
        projection_year=2040,
        demography_type=9,
        demography_type_name="Wirtschaftlich starke Großstadt",
    )
    client.force_login(staff_user)
    response = client.get(url("dashboard"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()

    assert rows_of(html, "Key figures") == [
        ["Visits", "110"],
        ["Visits in the previous period (Dec. 8, 2025 to Jan. 4, 2026)", "30"],
        ["Change against the previous period (%)", "+266.7 %"],
        ["Trend: change of the weekly visits per week", "+1.8"],
        ["Average visits per week", "27.5"],
        ["Offers with a date in the period", "4"],
        ["Offers co-hosted by several associations (%)", "50.0 %"],
        ["Offers with a migrant organisation among the hosts (%)", "50.0 %"],
        ["Volunteers with confirmed hours", "6"],
        ["Confirmed volunteer hours", "16"],
        ["Volunteers with their own migration history (% of those who consented)", "60.0 %"],
        ["Trainings held", "2"],
        ["Training participants (attended)", "9"],
        ["Funds received (€)", "1,500.50 €"],
        ["Room occupancy (% of opening hours)", "1.0 %"],
        ["Counselling appointments attended", "11"],
        ["Counselling walk-ins served", "3"],
    ]
    assert [row[1] for row in rows_of(html, "Visits per week")] == ["30", "21", "24", "35", "110"]
    assert rows_of(html, "The busiest offers of the last week") == [
        ["Sprachcafé", "Language", "25"],
        ["Deutschkurs", "Language", "7"],
        ["Fußball", "Sport", "fewer than 5"],
    ]
    assert rows_of(html, "Reach per category") == [
        ["Language", "89"],
        ["Sport", "17"],
        ["Culture", "fewer than 5"],
        ["Total", "110"],
    ]
    assert rows_of(html, "Reach per language") == [
        ["German", "93"],
        ["Arabic", "72"],
        ["Persian", "17"],
        ["Total", "110"],
    ]
    assert rows_of(html, "Who came") == [
        ["Children", "7", "35"],
        ["Women and girls", "18", "35"],
        ["Here for the first time", "fewer than 5", "20"],
    ]
    assert rows_of(html, "Cooperation between associations") == [
        ["All", "4", "100.0 %"],
        ["Co-hosted by several associations", "2", "50.0 %"],
        ["With a migrant organisation among the hosts", "2", "50.0 %"],
    ]
    assert rows_of(html, "Volunteers and their hours") == [
        ["January 2026", "6", "16"],
        ["Period", "6", "16"],
    ]
    assert rows_of(html, "Trainings for volunteers") == [
        ["course", "1", "fewer than 5"],
        ["seminar", "1", "6"],
        ["Total", "2", "9"],
    ]
    assert rows_of(html, "Funds received per funder level") == [
        ["federal (Bund)", "1,000.00 €"],
        ["foundation (Stiftung)", "500.50 €"],
        ["Total", "1,500.50 €"],
    ]
    assert rows_of(html, "Room occupancy") == [
        ["Hall", "392", "4", "1.0 %"],
        ["The house", "", "", "1.0 %"],
    ]
    assert rows_of(html, "Counselling") == [
        ["January 2026", "6", "fewer than 5"],
        ["February 2026", "5", "0"],
        ["Total", "11", "3"],
    ]
    # every figure also as a chart with a text summary, and the city beside the figures
    assert html.count('<svg class="bar-chart" role="img"') == len(TABLES) - 1
    assert html.count('class="chart-summary"') == len(TABLES) - 1
    assert "110 visits in 4 weeks, 27.5 a week on average; +266.7 % against" in html
    assert "Köln" in html and "1,084,831" in html and "Wirtschaftlich starke Großstadt" in html
    assert 'id="privacy-note"' in html


@pytest.mark.django_db
def test_the_association_filter(client, staff_user, world):
    client.force_login(staff_user)
    response = client.get(url("dashboard"), {**PERIOD, "association": world.lead.slug})
    html = response.content.decode()
    assert rows_of(html, "Key figures")[0] == ["Visits", "93"]
    assert [row[1] for row in rows_of(html, "Visits per week")] == ["30", "15", "16", "32", "93"]
    assert f"?table=weeks&amp;format=csv&amp;{'period=custom'}" in html
    assert f"association={world.lead.slug}" in html


@pytest.mark.django_db
def test_bad_input_shows_a_message_and_this_year(client, staff_user):
    client.force_login(staff_user)
    response = client.get(url("dashboard"), {"period": "custom", "from": "2026-13-01"})
    assert response.status_code == 200
    assert "Please give both days as dates" in response.content.decode()
    response = client.get(url("dashboard"), {"association": "no-such"})
    assert "There is no such association" in response.content.decode()


def test_presets():
    today = date(2026, 5, 20)
    from teilhabe.impact.views.dashboard import preset_period

    assert preset_period("this-year", today) == (date(2026, 1, 1), today)
    assert preset_period("last-year", today) == (date(2025, 1, 1), date(2025, 12, 31))
    assert preset_period("last-12-months", today) == (date(2025, 5, 21), today)
    period = requested_period({"period": "custom", "from": "2020-01-01", "to": "2026-01-01"})
    assert (period.last - period.first).days + 1 == 5 * 366
    assert period.message


# --- downloads --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_table_downloads_as_csv_and_xlsx(client, staff_user, world):
    client.force_login(staff_user)
    for table in TABLES:
        response = client.get(url("dashboard-export"), {**PERIOD, "table": table, "format": "csv"})
        assert response.status_code == 200, table
        assert response["Content-Type"].startswith("text/csv")
        response = client.get(url("dashboard-export"), {**PERIOD, "table": table, "format": "xlsx"})
        assert response.status_code == 200, table
        load_workbook(io.BytesIO(response.content))
    response = client.get(url("dashboard-export"), {**PERIOD, "table": "nope", "format": "csv"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_csv_holds_the_figures(client, staff_user, world):
    client.force_login(staff_user)
    with translation.override("en"):
        response = client.get(
            url("dashboard-export"), {**PERIOD, "table": "categories", "format": "csv"}
        )
    assert csv_rows(response) == [
        ["Category", "Visits"],
        ["Language", "89"],
        ["Sport", "17"],
        ["Culture", "fewer than 5"],
        ["Total", "110"],
    ]
    response = client.get(url("dashboard-export"), {**PERIOD, "table": "weeks", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Week", "Visits"],
        ["2026-W02", 30],
        ["2026-W03", 21],
        ["2026-W04", 24],
        ["2026-W05", 35],
        ["Total", 110],
    ]


# --- permissions ------------------------------------------------------------------------------

STAFF = {"staff_user", "administrator"}
OWN_PEOPLE = STAFF | {"association_admin", "association_member"}


def _get(client, user, address, params=None):
    if user.is_authenticated:
        client.force_login(user)
    return client.get(address, params or {})


def _allowed(response) -> bool:
    assert response.status_code in (200, 302, 403), response.status_code
    return response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_dashboard_and_downloads_are_for_staff(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    assert _allowed(_get(client, user_in_role, url("dashboard"))) == (role in STAFF)
    response = client.get(url("dashboard-export"), {"table": "weeks", "format": "csv"})
    assert _allowed(response) == (role in STAFF)


@pytest.mark.django_db
@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_contribution_is_for_staff_and_the_associations_people(
    client, user_in_role, association, request
):
    role = request.node.callspec.params["user_in_role"]
    address = url("contribution", association.slug)
    assert _allowed(_get(client, user_in_role, address)) == (role in OWN_PEOPLE)
    response = client.get(url("contribution-export", association.slug), {"table": "offers"})
    if role in OWN_PEOPLE:
        assert response.status_code == 404  # no format given: no such download
    else:
        assert not _allowed(response)
    response = client.get(
        url("contribution-export", association.slug), {"table": "offers", "format": "csv"}
    )
    assert _allowed(response) == (role in OWN_PEOPLE)


@pytest.mark.django_db
@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_the_public_summary_is_for_everyone(client, user_in_role):
    assert _get(client, user_in_role, url("public-summary")).status_code == 200


# --- the contribution page --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_contribution_page(client, world):
    from teilhabe.associations.tests.factories import MembershipFactory

    member = MembershipFactory(association=world.lead, role="member").user
    client.force_login(member)
    response = client.get(url("contribution", world.lead.slug), PERIOD)
    html = response.content.decode()
    assert rows_of(html, "Its contribution") == [
        ["Offers it leads", "3"],
        ["… of them co-hosted with other associations", "2"],
        ["Offers of other associations it co-hosts", "0"],
        ["Visits to its offers", "93"],
        ["… to the offers it leads", "93"],
        ["… to the offers it co-hosts", "0"],
        ["Volunteers with confirmed hours", "1"],
        ["Confirmed volunteer hours", "5"],
    ]
    assert rows_of(html, "Its offers") == [
        ["Deutschkurs", "leads", "2", "17"],
        ["Sprachcafé", "leads", "4", "72"],
        ["Theater", "leads", "1", "fewer than 5"],
        ["Total", "", "7", "93"],
    ]
    response = client.get(url("contribution", world.partner.slug), PERIOD)
    assert response.status_code == 403


# --- the public summary -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_public_summary_shows_this_years_safe_figures(client, world, monkeypatch):
    from teilhabe.impact.views import dashboard

    monkeypatch.setattr(dashboard, "centre_today", lambda: LAST)
    response = client.get(url("public-summary"))
    html = response.content.decode()
    assert response.status_code == 200
    # this year so far: 1 January to 1 February 2026 (the weeks from 29 December)
    assert "Visits</dt><dd" in html
    numbers = dict(re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", html))
    assert numbers["Visits"] == "110"
    assert numbers["Offers with a date this year"] == "4"
    assert numbers["Offers co-hosted by several associations"] == "50.0 %"
    assert numbers["Offers with a migrant organisation among the hosts"] == "50.0 %"
    assert numbers["Volunteers"] == "6"
    assert numbers["Hours they gave"] == "16"
    assert numbers["Associations in the house"] == "4"
    # nothing that is not suppressed-safe: no busiest offers, no categories
    assert "Sprachcafé" not in html and "Funds" not in html
    # cached whole for anonymous visitors
    attend(world.offers["B"], date(2026, 1, 8), 10)
    assert client.get(url("public-summary")).content == response.content


# --- query counts -----------------------------------------------------------------------------


def _grow():
    for n in range(15):
        offer = OfferFactory(languages=["de", "tr"])
        for day in (date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 30)):
            attend(offer, day, 6 + n)


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_the_data(
    client, staff_user, world, django_assert_max_num_queries
):
    client.force_login(staff_user)
    client.get(url("dashboard"), PERIOD)
    _grow()
    cache.clear()
    client.force_login(staff_user)
    with django_assert_max_num_queries(30):
        response = client.get(url("dashboard"), PERIOD)
    assert response.status_code == 200


@pytest.mark.django_db
def test_contribution_and_summary_queries_do_not_grow(
    client, staff_user, world, django_assert_max_num_queries
):
    _grow()
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        assert client.get(url("contribution", world.lead.slug), PERIOD).status_code == 200
    client.logout()
    with django_assert_max_num_queries(25):
        assert client.get(url("public-summary")).status_code == 200
