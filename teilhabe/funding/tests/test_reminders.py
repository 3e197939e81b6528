"""Reminders before every deadline: at 14 and 3 days before, once and only once, to the
association's admins and the advisor, each in their own language."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core import mail

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.associations.tests.factories import AssociationFactory, MembershipFactory
from teilhabe.core.testing import in_parallel
from teilhabe.funding import services
from teilhabe.funding.models import (
    ApplicationStatus,
    DeadlineKind,
    ObligationKind,
    ReportObligation,
)

from .factories import ApplicationFactory, ProgrammeFactory

S = ApplicationStatus
TODAY = date(2027, 5, 3)


@pytest.fixture(autouse=True)
def _reminder_days(settings):
    settings.FUNDING_REMINDER_DAYS = [14, 3]


@pytest.fixture
def people(db):
    association = AssociationFactory()
    admin = MembershipFactory(
        association=association,
        role="admin",
        user=UserFactory(preferred_language="en", email="admin@verein.example"),
    ).user
    MembershipFactory(
        association=association,
        role="member",
        user=UserFactory(preferred_language="en", email="member@verein.example"),
    )
    advisor = UserFactory(role="staff", preferred_language="de", email="advisor@haus.example")
    return association, admin, advisor


def report_due(association, advisor, due_on):
    application = ApplicationFactory(
        association=association,
        advisor=advisor,
        status=S.RUNNING,
        amount_approved=Decimal("9600"),
    )
    return ReportObligation.objects.create(
        application=application,
        kind=ObligationKind.FINAL,
        period_end=application.ends_on,
        due_on=due_on,
    )


def run(today, capture):
    with capture(execute=True):
        return services.send_deadline_reminders(today=today)


@pytest.mark.django_db
def test_reminders_at_14_and_3_days_before_each_once(people, django_capture_on_commit_callbacks):
    association, admin, advisor = people
    due = TODAY + timedelta(days=14)
    report_due(association, advisor, due)

    sent_per_day = {}
    for offset in range(16, -2, -1):  # from 16 days before to a day after, each day twice
        day = due - timedelta(days=offset)
        sent_per_day[offset] = run(day, django_capture_on_commit_callbacks)
        assert run(day, django_capture_on_commit_callbacks) == 0, offset
    assert {offset: n for offset, n in sent_per_day.items() if n} == {14: 1, 3: 1}
    assert len(mail.outbox) == 4  # two reminders, each to the admin and the advisor
    assert sorted(m.to[0] for m in mail.outbox) == [
        "admin@verein.example",
        "admin@verein.example",
        "advisor@haus.example",
        "advisor@haus.example",
    ]


@pytest.mark.django_db
def test_each_person_gets_the_reminder_in_their_language(
    people, django_capture_on_commit_callbacks
):
    association, admin, advisor = people
    obligation = report_due(association, advisor, TODAY + timedelta(days=3))
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    by_person = {m.to[0]: m for m in mail.outbox}
    link = f"/funding/applications/{obligation.application.pk}/"
    assert f"/en{link}" in by_person["admin@verein.example"].body
    assert "Reminder" in by_person["admin@verein.example"].subject
    assert f"/de{link}" in by_person["advisor@haus.example"].body
    assert "member@verein.example" not in by_person


@pytest.mark.django_db
def test_a_deadline_first_seen_two_days_before_sends_one_reminder(
    people, django_capture_on_commit_callbacks
):
    association, admin, advisor = people
    report_due(association, advisor, TODAY + timedelta(days=2))
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    assert run(TODAY + timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_no_reminder_for_submitted_reports_or_passed_deadlines(
    people, django_capture_on_commit_callbacks
):
    association, admin, advisor = people
    obligation = report_due(association, advisor, TODAY + timedelta(days=3))
    obligation.submitted_on = TODAY
    obligation.save()
    report_due(association, advisor, TODAY - timedelta(days=1))
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_reminder_before_the_submission_deadline_of_an_application_in_preparation(
    people, django_capture_on_commit_callbacks
):
    association, admin, advisor = people
    programme = ProgrammeFactory(
        deadline_kind=DeadlineKind.FIXED, deadlines=[TODAY + timedelta(days=14)]
    )
    ApplicationFactory(
        association=association, advisor=advisor, programme=programme, status=S.PREPARATION
    )
    assert run(TODAY, django_capture_on_commit_callbacks) == 1
    assert run(TODAY, django_capture_on_commit_callbacks) == 0
    assert {m.to[0] for m in mail.outbox} == {"admin@verein.example", "advisor@haus.example"}


@pytest.mark.django_db
def test_inactive_people_get_no_reminder(people, django_capture_on_commit_callbacks):
    association, admin, advisor = people
    advisor.is_active = False
    advisor.save()
    report_due(association, advisor, TODAY + timedelta(days=3))
    run(TODAY, django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mail.outbox] == ["admin@verein.example"]


def test_the_task_runs_on_the_beat_schedule():
    tasks = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert "teilhabe.funding.tasks.send_deadline_reminders" in tasks


@pytest.mark.django_db
def test_the_task_calls_the_service(people, django_capture_on_commit_callbacks):
    from teilhabe.core.recurrence import centre_today
    from teilhabe.funding.tasks import send_deadline_reminders

    association, admin, advisor = people
    report_due(association, advisor, centre_today() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders.delay().get() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_send_each_reminder_once(people):
    association, admin, advisor = people
    for days in (3, 14, 2):
        report_due(association, advisor, TODAY + timedelta(days=days))
    results = []
    for _round in range(3):
        sent, errors = in_parallel(
            lambda _n: services.send_deadline_reminders(today=TODAY), range(4)
        )
        assert errors == [None] * 4
        results.append(sum(sent))
    assert results == [3, 0, 0]
    assert len(mail.outbox) == 6
