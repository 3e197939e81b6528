"""The printed weekly programme: a PDF in each of the seven languages, Arabic and Persian set
right to left in our own fonts, nothing loaded from anywhere but our static files."""

import re
import shutil
import socket
import subprocess
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.core.models import Centre
from teilhabe.core.pdf import BASE_URL, StaticFilesOnlyFetcher, render_pdf
from teilhabe.core.recurrence import centre_today
from teilhabe.programme.selectors import week_of
from teilhabe.rooms.models import Room

from .factories import OfferFactory, SessionFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TITLES = {
    "de": "Deutschkurs für Anfänger",
    "en": "German for beginners",
    "ar": "دورة اللغة الألمانية للمبتدئين",
    "uk": "Німецька для початківців",
    "ru": "Немецкий для начинающих",
    "tr": "Yeni başlayanlar için Almanca",
    "fa": "کلاس زبان آلمانی برای مبتدیان",
}
A4_WIDTH_PT = 595.3


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: apt-get install poppler-utils")
    result = subprocess.run([tool, *args], capture_output=True, text=True, check=True)
    return result.stdout


def pdf_text(path) -> str:
    return poppler("pdftotext", "-enc", "UTF-8", str(path), "-")


def pdf_fonts(path) -> list[str]:
    lines = poppler("pdffonts", str(path)).splitlines()[2:]
    return [line.split()[0] for line in lines if line.strip()]


def word_boxes(path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin) of every word on the first page."""
    html = poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-")
    return [
        (m["word"], float(m["xmin"]), float(m["xmax"]), float(m["ymin"]))
        for m in re.finditer(
            r'<word xMin="(?P<xmin>[\d.]+)" yMin="(?P<ymin>[\d.]+)" xMax="(?P<xmax>[\d.]+)" '
            r'yMax="[\d.]+">(?P<word>[^<]*)</word>',
            html,
        )
    ]


@pytest.fixture
def week():
    """A centre and this week's programme: a course every evening but Sunday (cancelled on
    Wednesday) titled in all seven languages, an untranslated café, and a course next week."""
    Centre(name="Haus der Vielfalt", address="Beispielstraße 1, 99084 Erfurt").save()
    room = Room.objects.create(name_de="Saal", name_ar="القاعة", floor=0, area_m2=40, capacity=30)
    course = OfferFactory(
        **{f"title_{code}": title for code, title in TITLES.items()},
        lead_association=AssociationFactory(name="Al-Nour e. V."),
        languages=["de", "ar", "fa"],
    )
    course.co_hosts.add(AssociationFactory(name="جمعية النور"))
    cafe = OfferFactory(title_de="Nähcafé")
    later = OfferFactory(title_de="Kurs der nächsten Woche")
    monday = week_of(centre_today())[0]
    for offset in range(6):
        day = monday + timedelta(days=offset)
        SessionFactory(
            offer=course,
            room=room,
            rule_day=day,
            starts_at=datetime.combine(day, time(18), tzinfo=BERLIN),
            ends_at=datetime.combine(day, time(19, 30), tzinfo=BERLIN),
            is_cancelled=offset == 2,
            note="Krankheit" if offset == 2 else "",
        )
    SessionFactory(
        offer=cafe,
        rule_day=monday + timedelta(days=1),
        starts_at=datetime.combine(monday + timedelta(days=1), time(10), tzinfo=BERLIN),
    )
    SessionFactory(
        offer=later,
        rule_day=monday + timedelta(days=8),
        starts_at=datetime.combine(monday + timedelta(days=8), time(10), tzinfo=BERLIN),
    )
    return monday


def get_pdf(client, url: str, tmp_path, name: str = "programme.pdf"):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(response.content)
    return response, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_weekly_programme_is_a_pdf_in_each_language(client, week, tmp_path, language):
    response, path = get_pdf(client, f"/{language}/programme/week/programme.pdf", tmp_path)
    assert response["Content-Disposition"] == (
        f'inline; filename="programme-{week.isoformat()}-{language}.pdf"'
    )
    assert "public" in response["Cache-Control"]
    text = pdf_text(path)
    assert "Haus der Vielfalt" in text
    assert text.count("Nähcafé") == 1  # German where nobody translated
    assert "Kurs der nächsten Woche" not in text
    if language not in ("ar", "fa"):
        # Right-to-left titles come out of pdftotext in visual order; checked below.
        assert text.count(TITLES[language]) == 6
    # Only our vendored Noto files (their @font-face family is "Teilhabe Noto …"): no system
    # font stood in for a missing glyph.
    fonts = pdf_fonts(path)
    assert fonts and all("+Teilhabe-Noto-" in name for name in fonts), fonts


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_and_persian_are_shaped_right_to_left_in_noto_naskh(
    client, week, tmp_path, language
):
    _response, path = get_pdf(client, f"/{language}/programme/week/programme.pdf", tmp_path)
    # Text extracted from correctly shaped glyphs maps back to the logical letters.
    text = pdf_text(path)
    assert text.count(TITLES[language]) == 6
    assert ("القاعة" if language == "ar" else "Saal") in text  # the room has no Persian name
    fonts = pdf_fonts(path)
    assert any("+Teilhabe-Noto-Naskh-Arabic" in name for name in fonts), fonts
    assert not any("DejaVu" in name or "FreeSerif" in name for name in fonts), fonts
    assert all("+Teilhabe-Noto-" in name for name in fonts), fonts
    # Right to left: the masthead's centre name sits at the right margin, and the table's
    # first column (the time) is the rightmost.
    boxes = word_boxes(path)
    masthead = min((b for b in boxes if b[0] == "Vielfalt"), key=lambda box: box[3])
    assert masthead[1] > A4_WIDTH_PT / 2
    times = [b for b in boxes if "18:00" in b[0]]
    assert times and all(box[1] > A4_WIDTH_PT * 3 / 4 for box in times)


def test_german_reads_left_to_right_and_marks_the_cancelled_date(client, week, tmp_path):
    _response, path = get_pdf(client, "/de/programme/week/programme.pdf", tmp_path)
    boxes = word_boxes(path)
    masthead = min((b for b in boxes if b[0] == "Vielfalt"), key=lambda box: box[3])
    assert masthead[2] < A4_WIDTH_PT / 2
    times = [b for b in boxes if "18:00" in b[0]]
    assert times and all(box[2] < A4_WIDTH_PT / 4 for box in times)
    text = pdf_text(path)
    for weekday in ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"):
        assert weekday in text
    assert "Sonntag" in text  # a day without dates is listed too
    with translation.override("de"):
        assert gettext("No dates on this day.") in text
        assert gettext("cancelled") in text
    assert "Krankheit" in text
    assert f"{week:%-d}. " in text


def test_the_week_parameter_picks_any_day_of_the_week(client, week, tmp_path):
    next_thursday = week + timedelta(days=10)
    _response, path = get_pdf(
        client, f"/de/programme/week/programme.pdf?week={next_thursday.isoformat()}", tmp_path
    )
    text = pdf_text(path)
    assert "Kurs der nächsten Woche" in text
    assert TITLES["de"] not in text


@pytest.mark.parametrize(
    "value", ["", "nonsense", "2026-13-45", "9999-12-31", "0001-01-01", "2026-02-30%00", "1e9"]
)
def test_a_bad_week_parameter_gives_this_week(client, week, tmp_path, value):
    _response, path = get_pdf(client, f"/de/programme/week/programme.pdf?week={value}", tmp_path)
    assert TITLES["de"] in pdf_text(path)


def test_the_pdf_is_rendered_once_per_change(client, week, tmp_path, django_assert_num_queries):
    get_pdf(client, "/de/programme/week/programme.pdf", tmp_path)
    with django_assert_num_queries(0):
        get_pdf(client, "/de/programme/week/programme.pdf?week=", tmp_path)


def test_a_document_loads_our_static_files_and_nothing_else(monkeypatch):
    fetcher = StaticFilesOnlyFetcher()
    font = fetcher(f"{BASE_URL}static/fonts/NotoSans-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font, from disk
    for url in (
        "https://example.com/tracker.png",
        "http://127.0.0.1:8000/static/css/print.css",
        "file:///etc/passwd",
        f"{BASE_URL}static/../settings.py",
        f"{BASE_URL}static/%2e%2e/settings.py",
        f"{BASE_URL}media/offers/x.png",
        "data:text/css,body{}",
    ):
        with pytest.raises(ValueError):
            fetcher(url)

    def no_network(*args, **kwargs):
        raise AssertionError("PDF rendering tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    pdf = render_pdf(
        '<link rel="stylesheet" href="https://example.com/x.css">'
        '<img src="http://example.com/x.png"><p style="background: url(//example.com/y)">'
        "Hallo</p>"
    )
    assert pdf.startswith(b"%PDF-")


def test_the_week_dates_are_in_the_title(client, week, tmp_path):
    _response, path = get_pdf(client, "/de/programme/week/programme.pdf", tmp_path)
    info = poppler("pdfinfo", str(path))
    last = week + timedelta(days=6)
    assert f"{week.day}.{week.month}.–{last.day}.{last.month}.{last.year}" in info
