"""What the person is told: confirmation, cancellation and reminder, by e-mail in their language
or by text message through the configured gateway (locmem, http, or off)."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.utils import timezone

from teilhabe.core import sms
from teilhabe.counselling import services
from teilhabe.counselling.models import Appointment

from .factories import book, counselling_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return counselling_setup(languages=("de", "fa"))


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Book, cancel or remind, and send what the change queued once it is committed."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def remind(appointment, run_on_commit):
    return run_on_commit(
        services.send_appointment_reminders, now=appointment.starts_at - timedelta(hours=3)
    )


# --- e-mail ------------------------------------------------------------------------------------


def test_confirmation_mail_in_english_has_code_link_details_and_contact(setup, run_on_commit):
    service, topic, _counsellor, _hours = setup
    service.email = "mbe@example.org"
    service.phone = "0351 1234"
    service.save()
    appointment, token = run_on_commit(book, service, topic, language="en")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maryam@example.org"]
    assert message.subject == f"Your appointment is booked – code {appointment.code}"
    body = message.body
    assert "Hello Maryam," in body
    assert f"/en/counselling/booking/{token}/" in body
    assert service.name_en in body and topic.name_en in body
    start = timezone.localtime(appointment.starts_at)
    assert f"{start:%H:%M}–" in body
    assert f"{start.day}, {start.year}" in body  # English: "Nov. 30, 2026"
    assert appointment.office_hours_date.room.name in body
    assert "mbe@example.org" in body and "0351 1234" in body
    assert "90 days after the appointment" in body
    assert "{%" not in body and "{{" not in body


def test_confirmation_mail_in_german(setup, run_on_commit):
    service, topic, _counsellor, _hours = setup
    appointment, token = run_on_commit(book, service, topic, language="de")
    message = mail.outbox[0]
    assert appointment.code in message.subject
    assert f"/de/counselling/booking/{token}/" in message.body
    assert service.name_de in message.body and topic.name_de in message.body
    start = timezone.localtime(appointment.starts_at)
    german_months = [
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ]  # fmt: skip
    assert f"{start.day}. {german_months[start.month - 1]} {start.year}" in message.body
    assert f"{start:%H:%M}" in message.body


def test_a_language_without_pages_gets_german_mail(setup, run_on_commit):
    service, topic, _counsellor, _hours = setup
    _appointment, token = run_on_commit(book, service, topic, language="ti")
    assert f"/de/counselling/booking/{token}/" in mail.outbox[0].body


def test_cancellation_mails_by_the_person_and_by_the_service(setup, run_on_commit):
    service, topic, counsellor, _hours = setup
    first, _token = run_on_commit(book, service, topic, language="en")
    run_on_commit(services.cancel_by_person, appointment=first)
    assert mail.outbox[-1].subject == f"Your appointment {first.code} is cancelled"
    assert f"/en/counselling/{service.slug}/book/" in mail.outbox[-1].body

    second, _token = run_on_commit(book, service, topic, language="en")
    run_on_commit(services.cancel_by_service, appointment=second, by=counsellor.user)
    assert mail.outbox[-1].subject == f"We have to cancel your appointment {second.code}"
    assert "cannot be there" in mail.outbox[-1].body


def test_reminder_is_sent_once_and_only_once(setup, run_on_commit):
    service, topic, _counsellor, _hours = setup
    appointment, _token = run_on_commit(book, service, topic, language="en")
    mail.outbox.clear()

    assert remind(appointment, run_on_commit) == 1
    assert remind(appointment, run_on_commit) == 0

    assert len(mail.outbox) == 1
    start = timezone.localtime(appointment.starts_at)
    assert mail.outbox[0].subject == f"Reminder: your counselling appointment at {start:%H:%M}"
    assert "/en/counselling/booking/" in mail.outbox[0].body
    assert Appointment.objects.get().reminded_at is not None


def test_no_reminder_for_a_cancelled_appointment(setup, run_on_commit):
    service, topic, _counsellor, _hours = setup
    appointment, _token = run_on_commit(book, service, topic)
    services.cancel_by_person(appointment=appointment)
    mail.outbox.clear()
    assert remind(appointment, run_on_commit) == 0
    assert mail.outbox == []


# --- text messages -----------------------------------------------------------------------------


def test_confirmation_and_reminder_by_sms_through_locmem(setup, run_on_commit, settings):
    settings.SMS_BACKEND = "locmem"
    service, topic, _counsellor, _hours = setup
    appointment, token = run_on_commit(
        book, service, topic, contact="+49 170 1234567", language="en"
    )
    assert mail.outbox == []
    assert len(sms.outbox) == 1
    assert sms.outbox[0]["to"] == "+49 170 1234567"
    assert appointment.code in sms.outbox[0]["text"]
    assert token in sms.outbox[0]["text"]

    remind(appointment, run_on_commit)
    remind(appointment, run_on_commit)

    assert len(sms.outbox) == 2
    text = sms.outbox[1]["text"]
    start = timezone.localtime(appointment.starts_at)
    assert text.startswith("Reminder")
    assert appointment.code in text and f"{start:%H:%M}" in text
    assert "/en/counselling/booking/" in text


def test_no_sms_when_no_gateway_is_configured(setup, run_on_commit, settings):
    settings.SMS_BACKEND = "off"
    service, topic, _counsellor, _hours = setup
    appointment, _token = run_on_commit(book, service, topic, contact="+49 170 1234567")
    remind(appointment, run_on_commit)
    assert sms.outbox == []
    assert mail.outbox == []
    # the reminder is still claimed: the service calls the person instead
    assert Appointment.objects.get().reminded_at is not None


class _Gateway(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):  # the name http.server calls
        length = int(self.headers["Content-Length"])
        self.received.append(
            {
                "authorization": self.headers["Authorization"],
                "content_type": self.headers["Content-Type"],
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    _Gateway.received = []
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _Gateway.received
    server.shutdown()
    server.server_close()


def test_reminder_by_sms_through_the_http_gateway(setup, run_on_commit, settings, gateway):
    url, received = gateway
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = url
    settings.SMS_GATEWAY_TOKEN = "s3cret-token"
    settings.SMS_SENDER = "Haus"
    service, topic, _counsellor, _hours = setup
    appointment, _token = run_on_commit(
        book, service, topic, contact="+49 170 7654321", language="de"
    )
    remind(appointment, run_on_commit)

    assert len(received) == 2  # the confirmation and the reminder
    reminder = received[1]
    assert reminder["authorization"] == "Bearer s3cret-token"
    assert reminder["content_type"] == "application/json"
    assert reminder["body"]["to"] == "+49 170 7654321"
    assert reminder["body"]["sender"] == "Haus"
    assert appointment.code in reminder["body"]["text"]
    assert "/de/counselling/booking/" in reminder["body"]["text"]
    assert sms.outbox == []
