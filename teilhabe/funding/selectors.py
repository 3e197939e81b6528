"""Reads of funding."""

from datetime import date

from django.db.models import (
    Case,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)

from .models import (
    AdviceSession,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    DeadlineKind,
    FundingProgramme,
    Payment,
    ReportObligation,
)


def next_deadline(programme: FundingProgramme, today: date) -> date | None:
    """The next submission deadline on or after today (None for rolling programmes or when
    every fixed date has passed). Yearly deadlines repeat on the same day and month; 29
    February falls on 28 February in other years. Uses prefetched deadlines."""
    if programme.deadline_kind == DeadlineKind.ROLLING:
        return None
    days = [d.day for d in programme.deadlines.all()]
    if programme.deadline_kind == DeadlineKind.FIXED:
        return min((d for d in days if d >= today), default=None)
    candidates = []
    for day in days:
        for year in (today.year, today.year + 1):
            candidate = _same_day_in(day, year)
            if candidate >= today:
                candidates.append(candidate)
                break
    return min(candidates, default=None)


def _same_day_in(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


# --- applications and advice (the pages of the associations and of staff) -----------------------


def _amount_received():
    received = (
        Payment.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Subquery(received, output_field=DecimalField(max_digits=14, decimal_places=2))


def applications_for_list(
    *,
    association_ids=None,
    association=None,
    status: str = "",
    advisor=None,
    year: int | None = None,
) -> QuerySet[Application]:
    """Applications in the order of their steps, with what a list shows: association,
    programme and funder, advisor, the money received and the next open report
    (`next_report_due`). association_ids=None means all (staff); otherwise only those
    associations' applications. Programme deadlines are prefetched for next_deadline."""
    applications = Application.objects.all()
    if association_ids is not None:
        applications = applications.filter(association_id__in=association_ids)
    if association is not None:
        applications = applications.filter(association=association)
    if status:
        applications = applications.filter(status=status)
    if advisor is not None:
        applications = applications.filter(advisor=advisor)
    if year:
        applications = applications.filter(
            Q(starts_on__year=year) | Q(starts_on__isnull=True, created_at__year=year)
        )
    next_report = ReportObligation.objects.filter(
        application=OuterRef("pk"), submitted_on__isnull=True
    ).order_by("due_on")
    status_order = Case(
        *[When(status=value, then=Value(i)) for i, value in enumerate(ApplicationStatus.values)],
        output_field=IntegerField(),
    )
    return (
        applications.select_related("association", "programme__funder", "advisor")
        .prefetch_related("programme__deadlines")
        .annotate(
            amount_received=_amount_received(),
            next_report_due=Subquery(next_report.values("due_on")[:1]),
            status_order=status_order,
        )
        .order_by("status_order", "-created_at", "-pk")
    )


def next_date_of(application: Application, today: date) -> date | None:
    """What an association must watch next: the next open report, or, before submission, the
    programme's next deadline (uses the list's annotation and prefetched deadlines)."""
    report_due = getattr(application, "next_report_due", None)
    if report_due is not None:
        return report_due
    preparing = application.status in (ApplicationStatus.IDEA, ApplicationStatus.PREPARATION)
    if preparing and application.programme is not None:
        return next_deadline(application.programme, today)
    return None


def application_for_page(pk: int) -> Application:
    """One application with everything its page shows."""
    return (
        Application.objects.select_related("association", "programme__funder", "advisor")
        .prefetch_related(
            "programme__deadlines",
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("by")),
            Prefetch(
                "documents", queryset=ApplicationDocument.objects.select_related("uploaded_by")
            ),
            "payments",
            "obligations",
            "offers",
            Prefetch("advice_sessions", queryset=AdviceSession.objects.select_related("advisor")),
        )
        .annotate(amount_received=_amount_received())
        .get(pk=pk)
    )


def document_for_download(pk: int) -> ApplicationDocument:
    return ApplicationDocument.objects.select_related("application").get(pk=pk)


def advice_sessions_for_list(
    *,
    association_ids=None,
    association=None,
    advisor=None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[AdviceSession]:
    """Advice sessions, newest first; association_ids=None means all (staff)."""
    sessions = AdviceSession.objects.all()
    if association_ids is not None:
        sessions = sessions.filter(association_id__in=association_ids)
    if association is not None:
        sessions = sessions.filter(association=association)
    if advisor is not None:
        sessions = sessions.filter(advisor=advisor)
    if start is not None:
        sessions = sessions.filter(held_on__gte=start)
    if end is not None:
        sessions = sessions.filter(held_on__lte=end)
    return sessions.select_related("association", "application", "advisor").order_by(
        "-held_on", "-pk"
    )
