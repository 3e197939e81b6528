"""The state machine of an application: only the moves in TRANSITIONS, each with what it needs,
and every move recorded once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.funding import services
from teilhabe.funding.models import (
    TRANSITIONS,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    ReportObligation,
)

from .factories import ApplicationFactory

S = ApplicationStatus
pytestmark = pytest.mark.django_db
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


def reachable_from_idea() -> set[str]:
    seen, todo = {S.IDEA.value}, [S.IDEA.value]
    while todo:
        for nxt in TRANSITIONS[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def details_for(to_status: str) -> dict:
    """What a move may carry so that nothing but the transition itself can refuse it."""
    if to_status == S.PARTLY_APPROVED:
        return {"amount_approved": Decimal("5000")}
    return {}


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_a_move_is_possible_exactly_when_it_is_a_transition(from_status, to_status, staff_user):
    granted = from_status in (S.APPROVED, S.RUNNING, S.REPORTING)
    application = ApplicationFactory(
        status=from_status,
        amount_approved=Decimal("9600") if granted else None,
        submitted_on=date(2027, 1, 15) if from_status != S.IDEA else None,
    )
    if from_status == S.PARTLY_APPROVED:
        application.amount_approved = Decimal("5000")
        application.save()
    before = Application.objects.values().get(pk=application.pk)
    events = ApplicationEvent.objects.filter(application=application).count()

    if to_status in TRANSITIONS[from_status]:
        services.move_application(
            application=application, to_status=to_status, by=staff_user, **details_for(to_status)
        )
        application.refresh_from_db()
        assert application.status == to_status
        event = ApplicationEvent.objects.filter(application=application).last()
        assert (event.from_status, event.to_status, event.by) == (
            from_status,
            to_status,
            staff_user,
        )
        assert ApplicationEvent.objects.filter(application=application).count() == events + 1
    else:
        with pytest.raises(ValidationError) as refused:
            services.move_application(
                application=application,
                to_status=to_status,
                by=staff_user,
                **details_for(to_status),
            )
        assert refused.value.code == "illegal_transition"
        assert Application.objects.values().get(pk=application.pk) == before
        assert ApplicationEvent.objects.filter(application=application).count() == events


# --- random walks ---------------------------------------------------------------------------

SUBMIT_REPORTS = "submit-reports"
STEPS = st.lists(
    st.tuples(
        st.sampled_from([*S.values, SUBMIT_REPORTS]),
        st.sampled_from([None, Decimal("4000"), Decimal("9600"), Decimal("12000")]),
    ),
    max_size=14,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_any_sequence_of_attempts_keeps_status_and_history_consistent(steps, staff_user):
    template = ApplicationFactory()  # its association and programme, saved
    application = services.create_application(
        application=Application(
            association=template.association,
            programme=template.programme,
            title="Hausaufgabenhilfe",
            starts_on=date(2027, 3, 1),
            ends_on=date(2028, 6, 30),
            total_cost=Decimal("12000"),
            amount_requested=Decimal("9600"),
        ),
        by=staff_user,
    )
    reachable = reachable_from_idea()
    moves = 0
    for step, amount in steps:
        before = application.status
        if step == SUBMIT_REPORTS:
            for obligation in ReportObligation.objects.filter(application=application):
                services.mark_report_submitted(
                    obligation=obligation, submitted_on=date(2025, 1, 1), by=staff_user
                )
            continue
        details = (
            {"amount_approved": amount}
            if amount is not None
            and step
            in (
                S.APPROVED,
                S.PARTLY_APPROVED,
            )
            else {}
        )
        try:
            services.move_application(
                application=application, to_status=step, by=staff_user, **details
            )
        except ValidationError:
            application.refresh_from_db()
            assert application.status == before
        else:
            assert step in TRANSITIONS[before]
            assert application.status == step
            moves += 1
        assert application.status in reachable

    events = list(ApplicationEvent.objects.filter(application=application).order_by("at", "pk"))
    assert len(events) == moves + 1
    assert (events[0].from_status, events[0].to_status) == ("", S.IDEA)
    for previous, event in zip(events, events[1:], strict=False):
        assert event.from_status == previous.to_status
        assert event.to_status in TRANSITIONS[event.from_status]
    assert events[-1].to_status == application.status


# --- what each step needs -------------------------------------------------------------------


def test_preparation_needs_a_programme(staff_user):
    application = ApplicationFactory(programme=None)
    with pytest.raises(ValidationError):
        services.move_application(application=application, to_status=S.PREPARATION, by=staff_user)
    assert Application.objects.get(pk=application.pk).status == S.IDEA


@pytest.mark.parametrize(
    "missing", [{"amount_requested": None}, {"starts_on": None}, {"ends_on": None}]
)
def test_submission_needs_the_amount_and_the_dates(staff_user, missing):
    application = ApplicationFactory(status=S.PREPARATION, **missing)
    with pytest.raises(ValidationError):
        services.move_application(application=application, to_status=S.SUBMITTED, by=staff_user)
    assert Application.objects.get(pk=application.pk).status == S.PREPARATION


def test_submission_records_the_day(staff_user):
    application = ApplicationFactory(status=S.PREPARATION)
    services.move_application(
        application=application,
        to_status=S.SUBMITTED,
        by=staff_user,
        submitted_on=date(2026, 11, 30),
    )
    assert application.submitted_on == date(2026, 11, 30)


def test_approval_without_an_amount_approves_the_amount_requested(staff_user):
    application = ApplicationFactory(status=S.SUBMITTED)
    services.move_application(application=application, to_status=S.APPROVED, by=staff_user)
    assert application.amount_approved == application.amount_requested
    assert application.decided_on is not None


def test_less_than_requested_is_a_partial_approval(staff_user):
    application = ApplicationFactory(status=S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        services.move_application(
            application=application,
            to_status=S.APPROVED,
            by=staff_user,
            amount_approved=Decimal("5000"),
        )
    assert refused.value.code == "partly"
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    services.move_application(
        application=application,
        to_status=S.PARTLY_APPROVED,
        by=staff_user,
        amount_approved=Decimal("5000"),
    )
    assert application.status == S.PARTLY_APPROVED
    assert application.amount_approved == Decimal("5000")


@pytest.mark.parametrize("amount", [None, Decimal("0"), Decimal("9600"), Decimal("10000")])
def test_a_partial_approval_needs_an_amount_below_the_request(staff_user, amount):
    application = ApplicationFactory(status=S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        services.move_application(
            application=application,
            to_status=S.PARTLY_APPROVED,
            by=staff_user,
            amount_approved=amount,
        )
    assert refused.value.code == "amount"
    stored = Application.objects.get(pk=application.pk)
    assert (stored.status, stored.amount_approved) == (S.SUBMITTED, None)


def test_rejection_approves_nothing(staff_user):
    application = ApplicationFactory(status=S.SUBMITTED)
    services.move_application(application=application, to_status=S.REJECTED, by=staff_user)
    assert application.amount_approved == 0


def test_a_reporting_application_closes_only_with_every_report_submitted(staff_user):
    application = ApplicationFactory(status=S.RUNNING, amount_approved=Decimal("9600"))
    services.move_application(application=application, to_status=S.REPORTING, by=staff_user)
    reports = list(application.obligations.all())
    assert len(reports) == 2  # interim 2027 and final
    services.mark_report_submitted(
        obligation=reports[0], submitted_on=date(2025, 4, 1), by=staff_user
    )
    with pytest.raises(ValidationError) as refused:
        services.move_application(application=application, to_status=S.CLOSED, by=staff_user)
    assert refused.value.code == "reports_open"
    assert Application.objects.get(pk=application.pk).status == S.REPORTING
    services.mark_report_submitted(
        obligation=reports[1], submitted_on=date(2025, 4, 1), by=staff_user
    )
    services.move_application(application=application, to_status=S.CLOSED, by=staff_user)
    assert application.status == S.CLOSED


def test_only_the_association_and_staff_move_an_application(
    association, association_admin, other_association_admin
):
    application = ApplicationFactory(association=association)
    with pytest.raises(PermissionDenied):
        services.move_application(
            application=application, to_status=S.PREPARATION, by=other_association_admin
        )
    services.move_application(
        application=application, to_status=S.PREPARATION, by=association_admin
    )
    assert application.status == S.PREPARATION
