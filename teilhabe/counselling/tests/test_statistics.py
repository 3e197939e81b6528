"""The anonymous statistics: figures checked against a hand-computed set of records, the CSV
and XLSX downloads, who may see them, and a fixed number of queries."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from conftest import ROLE_FIXTURES
from teilhabe.counselling.models import CounsellingRecord, Outcome
from teilhabe.counselling.statistics import service_statistics

from .factories import CounsellorFactory, ServiceFactory, TopicFactory, counselling_setup

pytestmark = pytest.mark.django_db

PERIOD = "from=2026-01&to=2026-03"
A, W = False, True  # appointment, walk-in


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"counselling:{name}", kwargs=kwargs or None)


def record(
    service, month, topic, language, is_walk_in, interpreter, outcome, days=None, minutes=None
):
    return CounsellingRecord.objects.create(
        service=service,
        topic=topic,
        language=language,
        month=month,
        is_walk_in=is_walk_in,
        needs_interpreter=interpreter,
        outcome=outcome,
        days_waited=days,
        minutes_waited=minutes,
    )


@pytest.fixture
def figures():
    """January: 3 appointments (2 attended, 1 no-show), 1 cancelled, 2 walk-ins.
    February: 2 appointments (1 attended, 1 no-show), 1 walk-in. March: nothing.
    Plus a record of December (outside) and one of another service (never counted)."""
    service = ServiceFactory(slug="mbe")
    a = TopicFactory(service=service, name_de="Aufenthalt", name_en="Residence", position=0)
    b = TopicFactory(service=service, name_de="Arbeit", name_en="Work", position=1)
    jan, feb = date(2026, 1, 1), date(2026, 2, 1)
    rows = [
        (jan, a, "ar", A, True, Outcome.ATTENDED, 3, None),
        (jan, a, "de", A, False, Outcome.ATTENDED, 5, None),
        (jan, b, "ar", A, False, Outcome.NO_SHOW, 10, None),
        (jan, b, "fa", A, True, Outcome.CANCELLED, 1, None),
        (jan, a, "ar", W, False, Outcome.ATTENDED, None, 20),
        (jan, None, "uk", W, True, Outcome.LEFT, None, 40),
        (feb, b, "uk", A, False, Outcome.ATTENDED, 7, None),
        (feb, a, "ar", A, False, Outcome.NO_SHOW, 2, None),
        (feb, b, "ar", W, False, Outcome.ATTENDED, None, 10),
        (date(2025, 12, 1), a, "ar", A, False, Outcome.ATTENDED, 30, None),
    ]
    for row in rows:
        record(service, *row)
    other = ServiceFactory()
    record(other, jan, None, "ar", A, False, Outcome.NO_SHOW, 99, None)
    return service


def test_the_figures_match_the_hand_computed_ones(figures):
    stats = service_statistics(figures, first=date(2026, 1, 1), last=date(2026, 3, 1))
    jan, feb, mar = stats.months
    assert (jan.appointments, jan.walk_ins, jan.cancelled, jan.attended, jan.no_show) == (
        3,
        2,
        1,
        2,
        1,
    )
    assert jan.no_show_rate == pytest.approx(1 / 3)
    assert jan.median_days_waited == 5
    assert jan.median_minutes_waited == 30
    assert (feb.appointments, feb.walk_ins, feb.no_show_rate) == (2, 1, 0.5)
    assert feb.median_days_waited == 4.5
    assert feb.median_minutes_waited == 10
    assert (mar.appointments, mar.walk_ins, mar.no_show_rate, mar.median_days_waited) == (
        0,
        0,
        None,
        None,
    )
    assert (stats.appointments, stats.walk_ins, stats.cancelled) == (5, 3, 1)
    assert stats.no_show_rate == pytest.approx(0.4)
    assert stats.median_days_waited == 5
    assert stats.median_minutes_waited == 20

    by_topic = {(t.name_de if t else None): (s.appointments, s.walk_ins) for t, s in stats.by_topic}
    assert by_topic == {"Aufenthalt": (3, 1), "Arbeit": (2, 1), None: (0, 1)}
    by_language = {s.key: (s.appointments, s.walk_ins) for s in stats.by_language}
    assert by_language == {"ar": (3, 2), "de": (1, 0), "uk": (1, 1)}
    assert [s.key for s in stats.by_language] == ["ar", "uk", "de"]  # most visits first
    interpreter = {s.key: (s.appointments, s.walk_ins) for s in stats.by_interpreter}
    assert interpreter == {True: (1, 1), False: (4, 2)}


def test_the_page_shows_the_figures_and_the_next_free_slot(client, staff_user):
    service, topic, _counsellor, _hours = counselling_setup()
    record(service, date(2026, 1, 1), topic, "ar", A, False, Outcome.NO_SHOW, 4)
    record(service, date(2026, 1, 1), topic, "ar", A, False, Outcome.ATTENDED, 6)
    client.force_login(staff_user)
    page = client.get(en("statistics", slug=service.slug) + "?" + PERIOD).content.decode()
    assert "50.0 %" in page  # the no-show rate
    assert "Arabic" in page
    assert 'role="img"' in page and "<table" in page
    assert "none in the coming weeks" not in page  # the office hours have free slots
    assert "table=months&amp;format=xlsx" in page


def test_a_mistyped_period_shows_a_message_and_the_last_six_months(client, staff_user, figures):
    client.force_login(staff_user)
    response = client.get(en("statistics", slug=figures.slug) + "?from=2026-13&to=soon")
    assert response.status_code == 200
    assert "Please give months as YYYY-MM" in response.content.decode()


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_months_table_downloads_as_csv_and_xlsx(client, staff_user, figures):
    client.force_login(staff_user)
    url = en("statistics-export", slug=figures.slug) + "?table=months&" + PERIOD
    with translation.override("en"):
        response = client.get(url + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="mbe-months-2026-01-2026-03.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == ["Month", "Appointments", "Walk-ins"]
    assert rows[1] == ["2026-01", "3", "2", "1", "2", "1", "33.33", "5", "30.00"]
    assert rows[2] == ["2026-02", "2", "1", "0", "1", "1", "50.00", "4.50", "10"]
    assert rows[3][:3] == ["2026-03", "0", "0"]

    workbook = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][:6] == ["2026-01", 3, 2, 1, 2, 1]
    assert values[1][6] == pytest.approx(1 / 3)
    assert sheet.cell(row=2, column=7).number_format == "0.0%"
    assert values[2][7] == 4.5


@pytest.mark.parametrize(
    "table, expected",
    [
        ("topics", {"Residence": ["3", "1", "4"], "Work": ["2", "1", "3"]}),
        ("languages", {"Arabic": ["3", "2", "5"], "German": ["1", "0", "1"]}),
        ("interpreter", {"Interpreter needed": ["1", "1", "2"]}),
        ("overview", {"Appointments": ["5"], "Walk-ins": ["3"]}),
    ],
)
def test_the_other_tables_download_too(client, staff_user, figures, table, expected):
    client.force_login(staff_user)
    url = en("statistics-export", slug=figures.slug) + f"?table={table}&{PERIOD}"
    rows = {row[0]: row[1:] for row in _csv(client.get(url + "&format=csv"))}
    for label, values in expected.items():
        assert rows[label] == values
    sheet = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content)).active
    assert sheet.max_row == len(rows)


@pytest.mark.parametrize("query", ["table=months&format=pdf", "table=people&format=csv", ""])
def test_unknown_downloads_are_not_found(client, staff_user, figures, query):
    client.force_login(staff_user)
    assert client.get(en("statistics-export", slug=figures.slug) + "?" + query).status_code == 404


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_statistics_are_for_staff_and_the_services_counsellors(client, user_in_role, request):
    role = request.node.callspec.params["user_in_role"]
    service = ServiceFactory()
    if role == "counsellor":
        CounsellorFactory(service=service, user=user_in_role)
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    for url in (
        en("statistics", slug=service.slug),
        en("statistics-export", slug=service.slug) + "?table=months&format=csv",
        en("statistics-export", slug=service.slug) + "?table=languages&format=xlsx",
    ):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
            assert reverse("accounts:login") in response["Location"]
        else:
            allowed = role in {"counsellor", "staff_user", "administrator"}
            assert response.status_code == (200 if allowed else 403), url


def test_a_counsellor_of_another_service_does_not_see_them(client, counsellor):
    CounsellorFactory(user=counsellor)
    service = ServiceFactory()
    client.force_login(counsellor)
    assert client.get(en("statistics", slug=service.slug)).status_code == 403


def _add_records(service, topics, count):
    for n in range(count):
        record(
            service,
            date(2026, 1 + n % 3, 1),
            topics[n % len(topics)],
            ["ar", "fa", "uk", "de", "tr"][n % 5],
            n % 3 == 0,
            n % 4 == 0,
            [Outcome.ATTENDED, Outcome.NO_SHOW, Outcome.CANCELLED][n % 3],
            n % 20,
            n % 50,
        )


@pytest.mark.parametrize("export", [False, True])
def test_the_statistics_run_a_fixed_number_of_queries(
    client, staff_user, django_assert_max_num_queries, export
):
    service, topic, _counsellor, _hours = counselling_setup()
    client.force_login(staff_user)
    url = (
        en("statistics-export", slug=service.slug) + f"?table=overview&format=xlsx&{PERIOD}"
        if export
        else en("statistics", slug=service.slug) + "?" + PERIOD
    )
    _add_records(service, [topic], 3)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    topics = [topic] + [TopicFactory(service=service) for _n in range(5)]
    _add_records(service, topics, 300)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
