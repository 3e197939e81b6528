"""The annual report: staff ask for it, a Celery task (inline in tests) builds the PDF with the
centre's name, the year's visits, German or English headings, Arabic right to left; progress
ends at 100; the download is for staff only; a failing build marks the job failed."""

import shutil
import subprocess
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from conftest import ROLE_FIXTURES
from teilhabe.core.models import Centre
from teilhabe.core.recurrence import CENTRE_TZ
from teilhabe.impact import report, services
from teilhabe.impact.models import DemographyProfile, ReportJob, ReportStatus, SessionAttendance
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory

pytestmark = pytest.mark.django_db

YEAR = date.today().year - 1


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture
def year_of_visits():
    """A centre and one offer with 10 dates last year: 12 people each (120 visits)."""
    Centre(name="Haus der Vielfalt", address="Beispielstraße 1, 99084 Erfurt").save()
    offer = OfferFactory(title_de="Sprachcafé", title_en="Language café", title_ar="مقهى اللغة")
    for week in range(10):
        day = date(YEAR, 3, 2) + timedelta(weeks=week)
        starts = datetime.combine(day, time(17), tzinfo=CENTRE_TZ)
        session = SessionFactory(
            offer=offer, rule_day=day, starts_at=starts, ends_at=starts + timedelta(hours=2)
        )
        SessionAttendance.objects.create(session=session, offer=offer, day=day, head_count=12)
    DemographyProfile.objects.create(
        ags="16051000", municipality="Erfurt", year=YEAR, population=214000, source="Beispiel"
    )
    return offer


def pdf_text(job: ReportJob) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", job.file.path, "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def make(staff_user, language="en", **kwargs) -> ReportJob:
    return services.request_report(year=YEAR, language=language, by=staff_user, **kwargs)


def test_a_report_for_a_year_with_data_is_made(staff_user, year_of_visits):
    job = make(staff_user, "en")
    assert job.status == ReportStatus.DONE
    assert job.progress == 100
    assert job.finished_at is not None
    text = pdf_text(job)
    assert "Haus der Vielfalt" in text
    with translation.override("en"):
        assert number_format(120, force_grouping=True) in text
        assert f"Annual report {YEAR}" in text
    assert "The year in figures" in text
    assert "March" in text  # months in the report's language
    assert "Language café" in text  # among the busiest offers
    assert "Erfurt" in text  # the demography profile beside the figures
    assert "fewer than 5" in text  # the method note on suppression


def test_a_german_report_has_german_headings(staff_user, year_of_visits):
    text = pdf_text(make(staff_user, "de"))
    assert "März" in text
    with translation.override("de"):
        heading = translation.gettext("The year in figures")
    assert heading in text  # German once translated; the English msgid until then
    assert "Sprachcafé" in text


def test_an_arabic_report_has_arabic_text(staff_user, year_of_visits):
    job = make(staff_user, "ar")
    assert job.status == ReportStatus.DONE
    text = pdf_text(job)
    assert "مقهى اللغة" in text
    assert any("\u0600" <= char <= "\u06ff" for char in text)


def test_progress_is_recorded_at_each_stage(staff_user, year_of_visits, monkeypatch):
    seen = []
    original = report._set_progress

    def spy(job, progress, status=ReportStatus.RUNNING):
        seen.append(progress)
        original(job, progress, status)

    monkeypatch.setattr(report, "_set_progress", spy)
    job = make(staff_user)
    assert seen == sorted(seen) and len(seen) >= 4
    assert ReportJob.objects.get(pk=job.pk).progress == 100


def test_a_failing_build_marks_the_job_failed(staff_user, year_of_visits, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(report, "render_template_to_pdf", broken)
    job = make(staff_user)
    assert job.status == ReportStatus.FAILED
    assert "the printer is on fire" in job.error
    assert not job.file


def test_the_page_makes_a_report_and_polls_then_links_the_download(
    client, staff_user, year_of_visits
):
    client.force_login(staff_user)
    response = client.post(
        "/en/impact/reports/", {"year": YEAR, "language": "en", "association": ""}
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?job={job.pk}")
    page = client.get(response["Location"]).content.decode()
    assert reverse("impact:report-download", args=[job.pk]) in page
    status = client.get(reverse("impact:report-status", args=[job.pk]))
    assert status.status_code == 200 and "Download the report" in status.content.decode()
    download = client.get(reverse("impact:report-download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_running_job_polls_with_htmx(client, staff_user):
    job = ReportJob.objects.create(
        year=YEAR, language="en", requested_by=staff_user, status=ReportStatus.RUNNING, progress=35
    )
    client.force_login(staff_user)
    content = client.get(reverse("impact:report-status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in content
    assert 'value="35"' in content


def test_bad_input_rerenders_the_form(client, staff_user):
    client.force_login(staff_user)
    response = client.post("/en/impact/reports/", {"year": "1999", "language": "xx"})
    assert response.status_code == 200
    assert not ReportJob.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_page_has_a_fixed_number_of_queries(client, staff_user, django_assert_max_num_queries):
    for _n in range(15):
        ReportJob.objects.create(year=YEAR, language="de", requested_by=staff_user)
    client.force_login(staff_user)
    with django_assert_max_num_queries(12):
        assert client.get("/en/impact/reports/").status_code == 200


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_only_staff_make_and_download_reports(client, user_in_role, staff_user, year_of_visits):
    job = make(staff_user)
    if user_in_role.is_authenticated:
        client.force_login(user_in_role)
    allowed = user_in_role.is_authenticated and user_in_role.role in ("staff", "administrator")
    urls = [
        reverse("impact:reports"),
        reverse("impact:report-status", args=[job.pk]),
        reverse("impact:report-download", args=[job.pk]),
    ]
    for url in urls:
        status = client.get(url).status_code
        if allowed:
            assert status == 200, url
        else:
            assert status in (302, 403), url
    if user_in_role.is_authenticated and not allowed:
        from django.core.exceptions import PermissionDenied

        with pytest.raises(PermissionDenied):
            make(user_in_role)
