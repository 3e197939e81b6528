"""Trainings: enrolment with places and a waiting list, attendance, required topics, the
certificates and their public verification."""

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import ROLE_FIXTURES
from teilhabe.volunteers import training_services as services
from teilhabe.volunteers.models import (
    Assignment,
    Certificate,
    EnrolmentStatus,
    HoursEntry,
    OpenRole,
    TrainingEnrolment,
)

from .factories_trainings import (
    EnrolmentFactory,
    PastTrainingFactory,
    TrainingFactory,
    TrainingTopicFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_fills_places_then_waiting_list_then_promotes(
    django_capture_on_commit_callbacks,
):
    training = TrainingFactory(capacity=2)
    volunteers = VolunteerFactory.create_batch(4)
    enrolments = [services.enrol(training=training, volunteer=v) for v in volunteers]
    assert [e.status for e in enrolments] == ["confirmed", "confirmed", "waiting", "waiting"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_enrolment(enrolment=enrolments[0])
    assert [e.pk for e in promoted] == [enrolments[2].pk]
    enrolments[2].refresh_from_db()
    enrolments[3].refresh_from_db()
    assert enrolments[2].status == EnrolmentStatus.CONFIRMED
    assert enrolments[3].status == EnrolmentStatus.WAITING
    assert [m.to for m in mail.outbox] == [[volunteers[2].email]]


def test_enrolling_twice_keeps_one_enrolment():
    training = TrainingFactory(capacity=2)
    volunteer = VolunteerFactory()
    first = services.enrol(training=training, volunteer=volunteer)
    second = services.enrol(training=training, volunteer=volunteer)
    assert first.pk == second.pk
    assert TrainingEnrolment.objects.filter(training=training).count() == 1


def test_cancelling_a_waiting_enrolment_promotes_nobody():
    training = TrainingFactory(capacity=1)
    services.enrol(training=training, volunteer=VolunteerFactory())
    waiting = services.enrol(training=training, volunteer=VolunteerFactory())
    assert services.cancel_enrolment(enrolment=waiting) == []


def test_no_enrolment_in_a_past_or_unpublished_training():
    with pytest.raises(ValidationError):
        services.enrol(training=PastTrainingFactory(), volunteer=VolunteerFactory())
    with pytest.raises(ValidationError):
        services.enrol(training=TrainingFactory(is_published=False), volunteer=VolunteerFactory())


def test_enrolment_sends_a_confirmation(django_capture_on_commit_callbacks):
    training = TrainingFactory(title="Erste Hilfe", title_de="Erste Hilfe")
    volunteer = VolunteerFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(training=training, volunteer=volunteer)
    assert mail.outbox[-1].subject == "Enrolment confirmed: Erste Hilfe"


# --- required topics -------------------------------------------------------------------------


def test_a_topic_counts_once_attended_and_over():
    topic = TrainingTopicFactory(slug="child-protection")
    role = OpenRole.objects.create(
        title="Kinderbetreuung", title_de="Kinderbetreuung", kind="recurring", when="Di"
    )
    role.required_topics.add(topic)
    volunteer = VolunteerFactory()
    assert services.missing_topics(volunteer, role) == [topic]

    future = EnrolmentFactory(training=TrainingFactory(topic=topic), volunteer=volunteer)
    future.attended = True
    future.save()
    assert not services.has_completed_topic(volunteer, topic)  # not over yet

    past = EnrolmentFactory(
        training=PastTrainingFactory(topic=topic), volunteer=volunteer, attended=False
    )
    assert not services.has_completed_topic(volunteer, topic)  # did not attend
    past.attended = True
    past.save()
    assert services.has_completed_topic(volunteer, topic)
    assert services.missing_topics(volunteer, role) == []


# --- attendance ------------------------------------------------------------------------------


def test_organiser_records_attendance_of_confirmed_only():
    organiser = VolunteerFactory()
    training = PastTrainingFactory(organiser=organiser, capacity=1)
    present = EnrolmentFactory(training=training)
    waiting = EnrolmentFactory(training=training, status=EnrolmentStatus.WAITING)
    changed = services.record_attendance(
        training=training,
        attendance={present.volunteer_id: True, waiting.volunteer_id: True},
        by=organiser,
    )
    assert changed == 1
    present.refresh_from_db()
    waiting.refresh_from_db()
    assert present.attended is True
    assert waiting.attended is None


def test_someone_else_cannot_record_attendance():
    training = PastTrainingFactory()
    with pytest.raises(PermissionDenied):
        services.record_attendance(training=training, attendance={}, by=VolunteerFactory())


def test_attendance_page_saves_checkboxes(client):
    organiser = VolunteerFactory()
    training = PastTrainingFactory(organiser=organiser)
    there, absent = EnrolmentFactory(training=training), EnrolmentFactory(training=training)
    client.force_login(organiser)
    url = reverse("volunteers:training-attendance", kwargs={"pk": training.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {f"v{there.volunteer_id}": "on"})
    assert response.status_code == 302
    there.refresh_from_db()
    absent.refresh_from_db()
    assert (there.attended, absent.attended) == (True, False)


# --- certificates ----------------------------------------------------------------------------


def test_certificate_only_for_attended():
    enrolment = EnrolmentFactory(training=PastTrainingFactory(), attended=False)
    with pytest.raises(ValidationError):
        services.issue_training_certificate(enrolment=enrolment)


def test_training_certificate_snapshot_and_pdf(client, tmp_path):
    volunteer = VolunteerFactory(display_name="Olena Kovalenko")
    training = PastTrainingFactory(title="Kinderschutz", title_de="Kinderschutz")
    enrolment = EnrolmentFactory(training=training, volunteer=volunteer, attended=True)
    client.force_login(volunteer)
    response = client.post(
        reverse("volunteers:issue-training-certificate", kwargs={"enrolment_pk": enrolment.pk})
    )
    certificate = Certificate.objects.get()
    assert response.url == reverse("volunteers:certificate-pdf", kwargs={"pk": certificate.pk})
    assert certificate.content["name"] == "Olena Kovalenko"
    assert certificate.content["training"] == "Kinderschutz"
    assert certificate.content["hours"] == "3"

    response = client.get(response.url)
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response) if response.streaming else response.content
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert certificate.code in text
    assert "Olena Kovalenko" in text
    assert "/verify/" in text


def test_certificate_pdf_in_arabic(tmp_path):
    from teilhabe.volunteers.views.trainings import certificate_pdf_bytes

    volunteer = VolunteerFactory(preferred_language="ar", display_name="Amina Haddad")
    enrolment = EnrolmentFactory(training=PastTrainingFactory(), volunteer=volunteer, attended=True)
    certificate = services.issue_training_certificate(enrolment=enrolment)
    text = pdf_text(certificate_pdf_bytes(certificate), tmp_path)
    assert certificate.code in text


def test_another_volunteer_cannot_see_a_certificate(client):
    enrolment = EnrolmentFactory(training=PastTrainingFactory(), attended=True)
    certificate = services.issue_training_certificate(enrolment=enrolment)
    client.force_login(VolunteerFactory())
    url = reverse("volunteers:certificate-pdf", kwargs={"pk": certificate.pk})
    assert client.get(url).status_code == 403


def test_year_record_sums_only_confirmed_hours_of_that_year():
    volunteer = VolunteerFactory()
    for day, hours, status in [
        (date(2025, 3, 1), "2.5", "confirmed"),
        (date(2025, 11, 30), "4", "confirmed"),
        (date(2025, 6, 1), "10", "logged"),
        (date(2025, 7, 1), "7", "rejected"),
        (date(2024, 12, 31), "8", "confirmed"),
        (date(2026, 1, 1), "9", "confirmed"),
    ]:
        HoursEntry.objects.create(
            volunteer=volunteer, day=day, hours=Decimal(hours), description="Hilfe", status=status
        )
    HoursEntry.objects.create(
        volunteer=VolunteerFactory(), day=date(2025, 5, 1), hours=5, status="confirmed"
    )
    start = datetime(2025, 5, 5, 10, tzinfo=UTC)
    Assignment.objects.create(
        volunteer=volunteer,
        title="Sprachcafé",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status="accepted",
    )
    Assignment.objects.create(
        volunteer=volunteer,
        title="Abgesagt",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        status="declined",
    )
    certificate = services.issue_year_record(volunteer=volunteer, year=2025)
    assert certificate.content["hours"] == "6.5"
    assert certificate.content["assignment_count"] == 1
    assert certificate.content["assignments"] == [{"title": "Sprachcafé", "date": "2025-05-05"}]


def test_staff_issues_a_year_record_for_a_volunteer(client, staff_user, tmp_path):
    volunteer = VolunteerFactory()
    client.force_login(staff_user)
    url = reverse("volunteers:issue-year-record", kwargs={"year": 2025})
    response = client.post(f"{url}?volunteer={volunteer.pk}")
    certificate = Certificate.objects.get()
    assert certificate.volunteer == volunteer
    assert response.status_code == 302
    pdf = client.get(response.url)
    assert certificate.code in pdf_text(pdf.content, tmp_path)


def test_a_volunteer_cannot_issue_a_record_for_someone_else(client, volunteer):
    other = VolunteerFactory()
    client.force_login(volunteer)
    url = reverse("volunteers:issue-year-record", kwargs={"year": 2025})
    assert client.post(f"{url}?volunteer={other.pk}").status_code == 403
    assert not Certificate.objects.exists()


# --- verification ----------------------------------------------------------------------------


def test_verification_page_shows_the_certificate_for_a_real_code(client):
    volunteer = VolunteerFactory(display_name="Olena Kovalenko", email="olena@example.org")
    enrolment = EnrolmentFactory(
        training=PastTrainingFactory(title="Erste Hilfe", title_de="Erste Hilfe"),
        volunteer=volunteer,
        attended=True,
    )
    certificate = services.issue_training_certificate(enrolment=enrolment)
    response = client.get(reverse("volunteers:verify-code", kwargs={"code": certificate.code}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Olena Kovalenko" in page
    assert "Erste Hilfe" in page
    assert "olena@example.org" not in page

    response = client.get(reverse("volunteers:verify"), {"code": certificate.code.lower()})
    assert "Olena Kovalenko" in response.content.decode()


def test_verification_page_shows_nothing_for_a_wrong_code(client):
    enrolment = EnrolmentFactory(
        training=PastTrainingFactory(),
        volunteer=VolunteerFactory(display_name="Olena K"),
        attended=True,
    )
    services.issue_training_certificate(enrolment=enrolment)
    response = client.get(reverse("volunteers:verify-code", kwargs={"code": "000000000000"}))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Olena K" not in page
    assert 'id="verification-result"' in page


def test_verification_form_without_code(client):
    assert client.get(reverse("volunteers:verify")).status_code == 200


# --- pages and permissions -------------------------------------------------------------------

CATALOGUE_ACCESS = {
    "anonymous": 302,
    "participant": 403,
    "volunteer": 200,
    "counsellor": 403,
    "association_member": 200,
    "association_admin": 200,
    "other_association_admin": 200,
    "staff_user": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_catalogue_access(client, request, role):
    user = request.getfixturevalue(role)
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("volunteers:trainings"))
    assert response.status_code == CATALOGUE_ACCESS[role]


PERMISSIONS = {
    # role: (manage_training, enrol, take_attendance) on a training organised by someone else
    "anonymous": (False, False, False),
    "participant": (False, False, False),
    "volunteer": (False, True, False),
    "counsellor": (False, False, False),
    "association_member": (False, False, False),
    "association_admin": (False, False, False),
    "other_association_admin": (False, False, False),
    "staff_user": (True, True, True),
    "administrator": (True, True, True),
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_training_permissions(request, role):
    user = request.getfixturevalue(role)
    training = TrainingFactory(organiser=VolunteerFactory())
    assert (
        user.has_perm("volunteers.manage_training", training),
        user.has_perm("volunteers.enrol"),
        user.has_perm("volunteers.take_attendance", training),
    ) == PERMISSIONS[role]


def test_the_organiser_manages_their_training():
    organiser = VolunteerFactory()
    training = TrainingFactory(organiser=organiser)
    assert organiser.has_perm("volunteers.manage_training", training)
    assert organiser.has_perm("volunteers.take_attendance", training)


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_attendance_page_access(client, request, role):
    user = request.getfixturevalue(role)
    training = PastTrainingFactory(organiser=VolunteerFactory())
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("volunteers:training-attendance", kwargs={"pk": training.pk}))
    expected = 302 if role == "anonymous" else 200 if PERMISSIONS[role][2] else 403
    assert response.status_code == expected


def test_enrol_and_cancel_through_the_page(client, volunteer):
    training = TrainingFactory(capacity=1)
    client.force_login(volunteer)
    url = reverse("volunteers:training-detail", kwargs={"pk": training.pk})
    assert client.post(url, {"action": "enrol"}).status_code == 302
    assert TrainingEnrolment.objects.get().status == "confirmed"
    assert 'value="cancel"' in client.get(url).content.decode()
    client.post(url, {"action": "cancel"})
    assert TrainingEnrolment.objects.get().status == "cancelled"


def test_association_member_sees_but_cannot_enrol(client, association_member):
    training = TrainingFactory()
    client.force_login(association_member)
    url = reverse("volunteers:training-detail", kwargs={"pk": training.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "enrol"}).status_code == 403


def test_catalogue_shows_upcoming_published_with_places_left(client, volunteer):
    topic = TrainingTopicFactory(slug="first-aid")
    shown = TrainingFactory(title="Erste Hilfe", title_de="Erste Hilfe", topic=topic, capacity=3)
    EnrolmentFactory(training=shown)
    TrainingFactory(title="Unveröffentlicht", title_de="Unveröffentlicht", is_published=False)
    PastTrainingFactory(title="Vorbei", title_de="Vorbei")
    other = TrainingFactory(title="Anträge schreiben", title_de="Anträge schreiben")
    client.force_login(volunteer)
    page = client.get(reverse("volunteers:trainings")).content.decode()
    assert "Erste Hilfe" in page and "Anträge schreiben" in page
    assert "Unveröffentlicht" not in page and "Vorbei" not in page
    page = client.get(reverse("volunteers:trainings"), {"topic": "first-aid"}).content.decode()
    assert "Erste Hilfe" in page and other.title not in page


def test_catalogue_runs_a_fixed_number_of_queries(client, volunteer, django_assert_max_num_queries):
    def load():
        client.get(reverse("volunteers:trainings"))

    TrainingFactory.create_batch(2)
    client.force_login(volunteer)
    load()  # warm caches (session, centre)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        load()
    for training in TrainingFactory.create_batch(10):
        EnrolmentFactory(training=training)
        EnrolmentFactory(training=training, volunteer=volunteer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        load()


# --- sample ----------------------------------------------------------------------------------


def test_sample_trainings_are_idempotent():
    from teilhabe.volunteers.models import Training, TrainingTopic
    from teilhabe.volunteers.sample_trainings import TRAININGS, build_sample_trainings

    VolunteerFactory.create_batch(12)
    build_sample_trainings(None)
    counts = (
        TrainingTopic.objects.count(),
        Training.objects.count(),
        TrainingEnrolment.objects.count(),
    )
    build_sample_trainings(None)
    assert counts == (
        TrainingTopic.objects.count(),
        Training.objects.count(),
        TrainingEnrolment.objects.count(),
    )
    assert counts[0] == 5 and counts[1] == len(TRAININGS)
    assert TrainingEnrolment.objects.filter(attended=True).exists()
    assert not TrainingEnrolment.objects.filter(
        attended__isnull=False, training__starts_at__gt=timezone.now()
    ).exists()
    for training in Training.objects.all():
        assert training.enrolments.filter(status="confirmed").count() <= training.capacity
