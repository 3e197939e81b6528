"""Deadlines derived from a grant (interim and final reports) and the next submission deadline
of a programme."""

from datetime import date
from decimal import Decimal

import pytest

from teilhabe.funding import services
from teilhabe.funding.models import ApplicationStatus, DeadlineKind, ObligationKind
from teilhabe.funding.selectors import next_deadline

from .factories import ApplicationFactory, ProgrammeFactory

S = ApplicationStatus
INTERIM, FINAL = ObligationKind.INTERIM, ObligationKind.FINAL
pytestmark = pytest.mark.django_db


def grant(starts_on, ends_on, **programme):
    programme = ProgrammeFactory(
        final_report_months=programme.pop("final_report_months", 6),
        interim_report_months=programme.pop("interim_report_months", 4),
        has_interim_reports=programme.pop("has_interim_reports", True),
    )
    return ApplicationFactory(
        programme=programme,
        status=S.RUNNING,
        starts_on=starts_on,
        ends_on=ends_on,
        amount_approved=Decimal("9600"),
    )


def stored(application):
    return sorted(
        application.obligations.values_list("kind", "period_end", "due_on", "submitted_on"),
        key=lambda row: row[2],
    )


def test_a_project_over_two_years_has_an_interim_and_a_final_report():
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    assert services.planned_obligations(application) == [
        (INTERIM, date(2027, 12, 31), date(2028, 4, 30)),
        (FINAL, date(2028, 6, 30), date(2028, 12, 31)),
    ]
    services.derive_obligations(application)
    assert stored(application) == [
        (INTERIM, date(2027, 12, 31), date(2028, 4, 30), None),
        (FINAL, date(2028, 6, 30), date(2028, 12, 31), None),
    ]


def test_a_project_within_one_calendar_year_has_only_the_final_report():
    application = grant(date(2027, 1, 1), date(2027, 12, 31))
    assert services.planned_obligations(application) == [
        (FINAL, date(2027, 12, 31), date(2028, 6, 30))
    ]


def test_a_programme_without_interim_reports():
    application = grant(date(2027, 3, 1), date(2029, 6, 30), has_interim_reports=False)
    assert [kind for kind, _end, _due in services.planned_obligations(application)] == [FINAL]


def test_three_calendar_years_give_two_interim_reports():
    application = grant(date(2026, 9, 1), date(2028, 8, 31), interim_report_months=3)
    assert services.planned_obligations(application)[:2] == [
        (INTERIM, date(2026, 12, 31), date(2027, 3, 31)),
        (INTERIM, date(2027, 12, 31), date(2028, 3, 31)),
    ]


@pytest.mark.parametrize(
    ("ends_on", "due"),
    [
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 6, 30), date(2027, 12, 31)),  # month end to month end
        (date(2027, 6, 15), date(2027, 12, 15)),
    ],
)
def test_the_final_report_is_due_months_after_the_end_at_the_months_last_day(ends_on, due):
    application = grant(date(ends_on.year, 1, 1), ends_on)
    assert services.planned_obligations(application)[-1] == (FINAL, ends_on, due)


@pytest.mark.parametrize("status", [S.IDEA, S.PREPARATION, S.SUBMITTED, S.REJECTED])
def test_no_reports_before_a_grant(status):
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    application.status = status
    assert services.planned_obligations(application) == []


def test_changing_the_end_date_moves_the_due_date(staff_user):
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    services.derive_obligations(application)
    application.ends_on = date(2028, 9, 30)
    services.update_application(application=application, by=staff_user)
    assert stored(application) == [
        (INTERIM, date(2027, 12, 31), date(2028, 4, 30), None),
        (FINAL, date(2028, 9, 30), date(2029, 3, 31), None),
    ]


def test_a_longer_grace_period_moves_the_due_date_of_the_same_report():
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    services.derive_obligations(application)
    final = application.obligations.get(kind=FINAL)
    application.programme.final_report_months = 9
    application.programme.save()
    services.derive_obligations(application)
    final.refresh_from_db()  # the same row, its due date moved
    assert final.due_on == date(2029, 3, 31)


def test_submitted_reports_are_kept_when_the_grant_changes(staff_user):
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    services.derive_obligations(application)
    interim = application.obligations.get(kind=INTERIM)
    services.mark_report_submitted(
        obligation=interim, submitted_on=date(2025, 4, 20), by=staff_user
    )
    application.starts_on = date(2028, 1, 1)  # no longer spans a year's end
    services.update_application(application=application, by=staff_user)
    assert stored(application) == [
        (INTERIM, date(2027, 12, 31), date(2028, 4, 30), date(2025, 4, 20)),
        (FINAL, date(2028, 6, 30), date(2028, 12, 31), None),
    ]


def test_open_reports_that_no_longer_follow_are_removed(staff_user):
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    services.derive_obligations(application)
    application.starts_on = date(2028, 1, 1)
    services.update_application(application=application, by=staff_user)
    assert [row[0] for row in stored(application)] == [FINAL]


def test_deriving_twice_changes_nothing():
    application = grant(date(2027, 3, 1), date(2028, 6, 30))
    services.derive_obligations(application)
    first = list(application.obligations.values_list("pk", "due_on"))
    services.derive_obligations(application)
    assert list(application.obligations.values_list("pk", "due_on")) == first


# --- the next submission deadline -----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 10), date(2027, 3, 1)),
        (date(2027, 3, 1), date(2027, 3, 1)),  # the day itself still counts
        (date(2027, 3, 2), date(2027, 9, 15)),
        (date(2027, 9, 16), None),  # every fixed date has passed
    ],
)
def test_next_fixed_deadline(today, expected):
    programme = ProgrammeFactory(
        deadline_kind=DeadlineKind.FIXED, deadlines=[date(2027, 9, 15), date(2027, 3, 1)]
    )
    assert next_deadline(programme, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 10), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 10, 31)),
        (date(2027, 11, 1), date(2028, 3, 31)),  # next year's
    ],
)
def test_next_yearly_deadline(today, expected):
    programme = ProgrammeFactory(
        deadline_kind=DeadlineKind.YEARLY, deadlines=[date(2020, 3, 31), date(2021, 10, 31)]
    )
    assert next_deadline(programme, today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 10), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2028, 2, 29)),
        (date(2028, 2, 29), date(2028, 2, 29)),
    ],
)
def test_a_yearly_deadline_on_29_february(today, expected):
    programme = ProgrammeFactory(deadline_kind=DeadlineKind.YEARLY, deadlines=[date(2024, 2, 29)])
    assert next_deadline(programme, today) == expected


def test_a_rolling_programme_has_no_deadline():
    programme = ProgrammeFactory(deadline_kind=DeadlineKind.ROLLING, deadlines=[date(2027, 3, 1)])
    assert next_deadline(programme, date(2027, 1, 1)) is None
