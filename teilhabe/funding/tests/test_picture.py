"""The picture of funding, checked against figures computed by hand from a small fixture."""

import io
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from teilhabe.associations.models import Association
from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.recurrence import local_datetime
from teilhabe.funding.models import ApplicationStatus, FunderLevel, Payment
from teilhabe.funding.picture import funding_picture
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory

from .factories import ApplicationFactory, FunderFactory, ProgrammeFactory

S = ApplicationStatus
FED, FOUNDATION, MUNI = FunderLevel.FEDERAL, FunderLevel.FOUNDATION, FunderLevel.MUNICIPAL
pytestmark = pytest.mark.django_db
D = Decimal


def programme_of(level):
    return ProgrammeFactory(funder=FunderFactory(level=level))


def application(association, level, status, **fields):
    return ApplicationFactory(
        association=association, programme=programme_of(level), status=status, **fields
    )


def session(offer, day, *, cancelled=False):
    starts_at = local_datetime(day, time(18))
    return SessionFactory(
        offer=offer,
        rule_day=day,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        is_cancelled=cancelled,
    )


@pytest.fixture
def fixture(association):
    """Association A (the admin's) and B; the years 2025 and 2026."""
    a, b = association, AssociationFactory(name="B-Verein")
    one = application(
        a, FED, S.RUNNING, submitted_on=date(2025, 3, 10), amount_requested=D(10000),
        total_cost=D(12500), decided_on=date(2025, 6, 1), amount_approved=D(10000),
        starts_on=date(2025, 7, 1), ends_on=date(2026, 6, 30),
    )  # fmt: skip
    two = application(
        a, FOUNDATION, S.PARTLY_APPROVED, submitted_on=date(2025, 11, 20),
        amount_requested=D(8000), decided_on=date(2026, 1, 15), amount_approved=D(5000),
        starts_on=date(2026, 2, 1), ends_on=date(2026, 12, 31),
    )  # fmt: skip
    three = application(
        a, MUNI, S.REJECTED, submitted_on=date(2026, 2, 1), amount_requested=D(3000),
        decided_on=date(2026, 4, 1), amount_approved=D(0),
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
    )  # fmt: skip
    application(b, FED, S.SUBMITTED, submitted_on=date(2026, 5, 5), amount_requested=D(20000),
                total_cost=D(25000))  # fmt: skip
    five = application(
        b, MUNI, S.CLOSED, submitted_on=date(2024, 10, 1), amount_requested=D(4000),
        decided_on=date(2025, 1, 10), amount_approved=D(4000),
        starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31),
    )  # fmt: skip
    application(a, FED, S.PREPARATION, amount_requested=D(7000))  # not submitted
    application(b, FOUNDATION, S.CLOSED, amount_requested=D(1000))  # closed as an idea
    for app, day, amount in [
        (one, date(2025, 7, 15), 6000),
        (one, date(2026, 2, 1), 4000),
        (two, date(2026, 3, 1), 2500),
        (five, date(2025, 2, 1), 4000),
        (five, date(2024, 12, 20), 999),  # before the period
    ]:
        Payment.objects.create(application=app, received_on=day, amount=D(amount))

    x = OfferFactory(lead_association=a)
    x.funding_applications.set([one, two])
    y = OfferFactory(lead_association=b)
    y.funding_applications.set([five])
    z = OfferFactory(lead_association=a)  # own means
    w = OfferFactory(lead_association=a)
    w.funding_applications.set([three])  # rejected: not funded
    session(x, date(2024, 12, 1))  # before the period
    session(x, date(2025, 6, 15))  # before the grant: own means
    session(x, date(2025, 9, 10))  # federal
    session(x, date(2026, 3, 10))  # federal and foundation
    session(x, date(2026, 8, 10))  # foundation
    session(x, date(2026, 9, 10), cancelled=True)
    session(y, date(2025, 5, 5))  # municipal
    session(y, date(2026, 1, 20))  # after the grant: own means
    session(z, date(2025, 10, 1))
    session(w, date(2026, 5, 1))
    return a, b


def money(m):
    return (m.applied, m.approved, m.received, m.decided, m.successful)


def test_the_figures_of_all_associations(fixture):
    a, b = fixture
    picture = funding_picture(first_year=2025, last_year=2026)
    assert [(year, money(m)) for year, m in picture.by_year] == [
        (2025, (D(18000), D(14000), D(10000), 2, 2)),
        (2026, (D(23000), D(5000), D(6500), 2, 1)),
    ]
    assert money(picture.total) == (D(41000), D(19000), D(16500), 4, 3)
    assert picture.total.success_rate == 0.75
    levels = dict(picture.by_level)
    assert money(levels[FED]) == (D(30000), D(10000), D(10000), 1, 1)
    assert money(levels[FOUNDATION]) == (D(8000), D(5000), D(2500), 1, 1)
    assert money(levels[MUNI]) == (D(3000), D(4000), D(4000), 2, 1)
    assert levels[MUNI].success_rate == 0.5
    assert money(levels[FunderLevel.EU]) == (0, 0, 0, 0, 0)
    associations = dict(picture.by_association)
    assert money(associations[a.name]) == (D(21000), D(15000), D(12500), 3, 2)
    assert money(associations["B-Verein"]) == (D(20000), D(4000), D(4000), 1, 1)

    assert picture.sessions_total == 8
    assert picture.sessions_funded == 4
    shares = {row.level: (row.sessions, row.share) for row in picture.shares}
    assert shares[FED] == (2, 0.25)
    assert shares[FOUNDATION] == (2, 0.25)
    assert shares[MUNI] == (1, 0.125)
    assert shares[FunderLevel.EU] == (0, 0)
    assert shares[None] == (4, 0.5)


def test_the_figures_of_one_association(fixture):
    a, _b = fixture
    picture = funding_picture(first_year=2025, last_year=2026, association_id=a.pk)
    assert money(picture.total) == (D(21000), D(15000), D(12500), 3, 2)
    assert [name for name, _m in picture.by_association] == [a.name]
    assert picture.sessions_total == 6
    shares = {row.level: row.sessions for row in picture.shares}
    assert (shares[FED], shares[FOUNDATION], shares[MUNI], shares[None]) == (2, 2, 0, 3)


def test_a_year_without_anything(fixture):
    picture = funding_picture(first_year=2030, last_year=2030)
    assert money(picture.total) == (0, 0, 0, 0, 0)
    assert picture.total.success_rate is None
    assert picture.sessions_total == 0
    assert all(row.share is None for row in picture.shares)


# --- the page and the downloads -------------------------------------------------------------


def get(client, user, url):
    client.force_login(user)
    with translation.override("en"):
        return client.get(url)


def test_staff_see_all_and_may_pick_an_association(client, staff_user, fixture):
    a, _b = fixture
    response = get(client, staff_user, "/en/funding/picture/?from=2025&to=2026")
    assert response.status_code == 200
    assert response.context["scope"].association is None
    content = response.content.decode()
    assert "B-Verein" in content
    assert 'role="img"' in content  # the charts
    assert "Success rate" in content
    assert "75.0 %" in content
    response = get(client, staff_user, f"/en/funding/picture/?from=2025&to=2026&association={a.pk}")
    assert response.context["scope"].association == a
    assert "B-Verein" not in response.content.decode().split('class="lead"')[1]


def test_an_association_admin_sees_only_their_own(client, association_admin, fixture):
    a, b = fixture
    for query in ("", f"&association={b.pk}"):
        response = get(client, association_admin, f"/en/funding/picture/?from=2025&to=2026{query}")
        assert response.status_code == 200
        assert response.context["scope"].association == a
        assert "B-Verein" not in response.content.decode()
    response = get(
        client,
        association_admin,
        f"/en/funding/picture/export/?table=associations&format=csv&from=2025&to=2026"
        f"&association={b.pk}",
    )
    assert "B-Verein" not in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("user_in_role", "status"),
    [
        ("participant", 403),
        ("volunteer", 403),
        ("counsellor", 403),
        ("association_member", 403),
        ("association_admin", 200),
        ("staff_user", 200),
        ("administrator", 200),
    ],
    indirect=["user_in_role"],
)
def test_who_may_see_the_picture(client, user_in_role, status):
    assert get(client, user_in_role, "/en/funding/picture/").status_code == status
    assert (
        get(client, user_in_role, "/en/funding/picture/export/?table=years&format=csv").status_code
        == status
    )


@pytest.mark.parametrize(
    "query", ["from=abcd", "from=2027&to=2020", "from=1990&to=2026", "from=2001&to=2026"]
)
def test_bad_years_show_a_message_not_an_error(client, staff_user, query):
    response = get(client, staff_user, f"/en/funding/picture/?{query}")
    assert response.status_code == 200
    assert response.context["scope"].message


def test_every_table_downloads_as_csv_and_xlsx(client, staff_user, fixture):
    for table in ("years", "levels", "associations", "detail", "share"):
        csv = get(
            client,
            staff_user,
            f"/en/funding/picture/export/?table={table}&format=csv&from=2025&to=2026",
        )
        assert csv.status_code == 200
        assert csv["Content-Type"].startswith("text/csv")
        xlsx = get(
            client,
            staff_user,
            f"/en/funding/picture/export/?table={table}&format=xlsx&from=2025&to=2026",
        )
        assert xlsx.status_code == 200
        assert f"funding-{table}-2025-2026.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active  # the share of the programme
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Funder level", "Sessions", "Share of all sessions")
    assert ("not funded / own means", 4, 0.5) in rows
    years = get(
        client, staff_user, "/en/funding/picture/export/?table=years&format=xlsx&from=2025&to=2026"
    )
    rows = list(load_workbook(io.BytesIO(years.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("2025", 18000, 14000, 10000, 2, 2, 1)
    assert rows[3] == ("All years", 41000, 19000, 16500, 4, 3, 0.75)
    csv = get(
        client, staff_user, "/en/funding/picture/export/?table=years&format=csv&from=2025&to=2026"
    ).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Year;Applied for (€);Approved (€)")
    assert (
        get(client, staff_user, "/en/funding/picture/export/?table=x&format=csv").status_code == 404
    )
    assert (
        get(client, staff_user, "/en/funding/picture/export/?table=years&format=pdf").status_code
        == 404
    )


def test_the_page_runs_a_fixed_number_of_queries(
    client, staff_user, fixture, django_assert_max_num_queries
):
    client.force_login(staff_user)
    url = "/en/funding/picture/?from=2025&to=2026"
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for number in range(6):
        association = Association.objects.create(name=f"Mehr {number}", slug=f"mehr-{number}")
        app = application(
            association, FED, S.RUNNING, submitted_on=date(2025, 3, 1),
            decided_on=date(2025, 5, 1), amount_approved=D(9600),
            starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31),
        )  # fmt: skip
        Payment.objects.create(application=app, received_on=date(2025, 6, 1), amount=D(100))
        offer = OfferFactory(lead_association=association)
        offer.funding_applications.set([app])
        session(offer, date(2025, 6, 2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["sections"][2]["table"].rows) == 8
