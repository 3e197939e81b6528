"""Small cells: no figure from fewer than 5 people in any breakdown — not on the page, not in a
chart, not in a download — while the totals still count everyone; the share of volunteers with
their own migration history only from those who consented, and only from 5 of them."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from teilhabe.impact import figures
from teilhabe.programme.tests.factories import CategoryFactory, OfferFactory
from teilhabe.volunteers.models import HoursEntry
from teilhabe.volunteers.tests.factories_engagement import VolunteerProfileFactory

from .test_figures import attend

FIRST, LAST = date(2026, 3, 2), date(2026, 3, 15)  # two ISO weeks
PERIOD = {"period": "custom", "from": FIRST.isoformat(), "to": LAST.isoformat()}


def url(name, *args):
    with translation.override("en"):
        return reverse(f"impact:{name}", args=args)


@pytest.fixture
def small_world(db):
    """Category "Chess" has 4 visits (an offer in Tigrinya), "Cooking" 20; the second week
    only 3 visits."""
    chess = CategoryFactory(slug="chess", name_de="Schach", name_en="Chess")
    cooking = CategoryFactory(slug="cooking", name_de="Kochen", name_en="Cooking")
    board = OfferFactory(title_de="Schachtreff", category=chess, languages=["ti"])
    kitchen = OfferFactory(title_de="Kochtreff", category=cooking, languages=["de"])
    attend(kitchen, date(2026, 3, 3), 20, children=4, women=12)
    attend(board, date(2026, 3, 5), 1)
    attend(board, date(2026, 3, 12), 3)
    return board, kitchen


def csv_text(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_a_category_with_four_visits_shows_fewer_than_five(small_world):
    result = figures.centre_figures(FIRST, LAST)
    assert [(cell.key, cell.label, cell.value) for cell in result.by_category] == [
        (str(small_world[1].category_id), "Kochen", 20),
        (str(small_world[0].category_id), "Schach", None),
    ]
    assert [(cell.key, cell.value) for cell in result.by_language] == [("de", 20), ("ti", None)]
    assert [week.value for week in result.weeks] == [21, None]
    assert [(cell.key, cell.value) for cell in result.groups] == [
        ("children", None),
        ("women", 12),
        ("first_visits", 0),  # nobody recorded: nothing to hide
    ]
    assert result.visits == 24  # the total still counts everyone


@pytest.mark.django_db
def test_small_cells_are_words_on_the_page_and_not_drawn(client, staff_user, small_world):
    client.force_login(staff_user)
    html = client.get(url("dashboard"), PERIOD).content.decode()
    categories = re.search(r"<section[^>]*categories-heading.*?</section>", html, re.S)[0]
    assert re.search(r"<bdi>Chess</bdi></th><td class=\"num\">fewer than 5</td>", categories)
    chart = re.search(r"<svg.*?</svg>", categories, re.S)[0]
    assert "Cooking" in chart and "Chess" not in chart
    assert "1 row with fewer than 5 people is not drawn." in categories
    assert "fewer than 5" in html and "Privacy: no figure from fewer than 5 people" in html


@pytest.mark.django_db
def test_small_cells_hold_no_number_in_the_downloads(client, staff_user, small_world):
    client.force_login(staff_user)
    with translation.override("en"):
        response = client.get(
            url("dashboard-export"), {**PERIOD, "table": "categories", "format": "csv"}
        )
    rows = csv_text(response)
    assert ["Chess", "fewer than 5"] in rows
    assert not any(row[1] == "4" for row in rows[1:-1])
    assert rows[-1] == ["Total", "24"]
    response = client.get(
        url("dashboard-export"), {**PERIOD, "table": "languages", "format": "xlsx"}
    )
    values = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    tigrinya = next(row for row in values if row[0] not in ("Language", "Total", "German"))
    assert tigrinya[1] == "fewer than 5"
    weeks = csv_text(
        client.get(url("dashboard-export"), {**PERIOD, "table": "weeks", "format": "csv"})
    )
    assert weeks[2] == ["2026-W11", "fewer than 5"]
    groups = csv_text(
        client.get(url("dashboard-export"), {**PERIOD, "table": "groups", "format": "csv"})
    )
    assert [row[1] for row in groups[1:]] == ["fewer than 5", "12", "0"]


@pytest.mark.django_db
def test_the_busiest_offers_suppress_small_counts(small_world):
    result = figures.centre_figures(FIRST, LAST)
    assert [(offer.title, offer.value) for offer in result.busiest] == [("Schachtreff", None)]


@pytest.mark.django_db
def test_the_contribution_suppresses_small_counts(small_world):
    board, _kitchen = small_world
    result = figures.association_contribution(board.lead_association, FIRST, LAST)
    assert [(offer.title, offer.visits) for offer in result.offers] == [("Schachtreff", None)]
    assert result.visits == 4  # its own total stays


def _volunteer(*, history, consent, day=date(2026, 3, 4)):
    profile = VolunteerProfileFactory(
        has_migration_history=history,
        migration_history_consent_at=timezone.now() if consent else None,
    )
    HoursEntry.objects.create(
        volunteer=profile.user, day=day, hours=2, description="x", status="confirmed"
    )
    return profile


@pytest.mark.django_db
def test_the_migration_history_share_is_hidden_below_five_consenting(client, staff_user):
    for _n in range(4):
        _volunteer(history=True, consent=True)
    for _n in range(3):
        _volunteer(history=True, consent=False)  # never counted
    result = figures.centre_figures(FIRST, LAST)
    assert result.volunteers == 7
    assert result.consenting_volunteers == 4
    assert result.migration_history is None
    assert result.migration_history_share is None
    client.force_login(staff_user)
    html = client.get(url("dashboard"), PERIOD).content.decode()
    assert "not shown: fewer than 5 consented" in html

    _volunteer(history=False, consent=True)
    result = figures.centre_figures(FIRST, LAST)
    assert result.consenting_volunteers == 5
    assert result.migration_history == 4
    assert result.migration_history_share == pytest.approx(0.8)  # 4 of 5, not 7 of 8


@pytest.mark.django_db
def test_consent_of_volunteers_without_hours_in_the_period_does_not_count():
    for _n in range(5):
        _volunteer(history=True, consent=True, day=date(2025, 3, 4))
    _volunteer(history=True, consent=True)
    result = figures.centre_figures(FIRST, LAST)
    assert result.consenting_volunteers == 1
    assert result.migration_history is None


@pytest.mark.django_db
def test_the_public_summary_shows_no_small_cell(client, small_world, monkeypatch):
    from teilhabe.impact.views import dashboard

    monkeypatch.setattr(dashboard, "centre_today", lambda: LAST)
    html = client.get(url("public-summary")).content.decode()
    weeks = re.search(r"<table.*?</table>", html, re.S)[0]
    assert "fewer than 5" in weeks
    assert not re.search(r'<td class="num">[1-4]</td>', weeks)
    assert "Schach" not in html and "Chess" not in html
