"""Every write of funding: applications and their steps, the obligations a grant brings,
payments, documents, advice, and the reminders before every deadline."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from teilhabe.associations.models import MembershipRole
from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed
from teilhabe.core.recurrence import centre_today

from .models import (
    DECIDED,
    GRANTED,
    TRANSITIONS,
    AdviceSession,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ApplicationStatus,
    ObligationKind,
    Payment,
    ReportObligation,
    SentReminder,
)
from .selectors import next_deadline
from .validators import validate_document

S = ApplicationStatus

# --- applications ------------------------------------------------------------------------------


def create_application(*, application: Application, by) -> Application:
    """A new application (usually an idea) of an association."""
    ensure_allowed(by, "funding.add_application", application.association)
    application.status = S.IDEA
    _check_amounts(application)
    application.full_clean()
    with transaction.atomic():
        application.save()
        ApplicationEvent.objects.create(application=application, to_status=S.IDEA, by=by)
    return application


def update_application(*, application: Application, by) -> Application:
    """Save changed details (not the status: that moves only through move_application)."""
    ensure_allowed(by, "funding.change_application", application)
    stored = Application.objects.get(pk=application.pk)
    if stored.status != application.status:
        raise ValidationError(_("The status changes only through its own steps."))
    _check_amounts(application)
    application.full_clean()
    with transaction.atomic():
        application.save()
        derive_obligations(application)
    return application


def _check_amounts(application: Application) -> None:
    for name in ("total_cost", "amount_requested", "amount_approved", "own_share_amount"):
        value = getattr(application, name)
        if value is not None and value < 0:
            raise ValidationError({name: _("An amount cannot be negative.")})
    if (
        application.total_cost is not None
        and application.amount_requested is not None
        and application.amount_requested > application.total_cost
    ):
        raise ValidationError(
            {"amount_requested": _("The amount requested cannot exceed the total cost.")}
        )


def move_application(
    *, application: Application, to_status: str, by, note: str = "", **details
) -> Application:
    """Move an application one step on. Only the moves in TRANSITIONS are possible, each with
    what it needs (a programme before preparation, an amount before submission, the approved
    amount with a decision). `details` may set submitted_on, decided_on, amount_approved,
    starts_on, ends_on together with the step. The row is locked: two people clicking at once
    cannot both move it."""
    ensure_allowed(by, "funding.change_application", application)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if to_status not in TRANSITIONS[current.status]:
            raise ValidationError(
                _("An application cannot go from “%(from)s” to “%(to)s”.")
                % {"from": S(current.status).label, "to": S(to_status).label},
                code="illegal_transition",
            )
        allowed = {"submitted_on", "decided_on", "amount_approved", "starts_on", "ends_on"}
        unknown = set(details) - allowed
        if unknown:
            raise ValueError(f"not settable with a step: {sorted(unknown)}")
        for name, value in details.items():
            setattr(current, name, value)
        _require_for(current, to_status)
        from_status = current.status
        current.status = to_status
        current.full_clean()
        current.save()
        ApplicationEvent.objects.create(
            application=current, from_status=from_status, to_status=to_status, by=by, note=note
        )
        derive_obligations(current)
    application.refresh_from_db()
    return application


def _require_for(application: Application, to_status: str) -> None:
    today = centre_today()
    if to_status == S.PREPARATION and application.programme_id is None:
        raise ValidationError(_("Choose the funding programme before preparing the application."))
    if to_status == S.SUBMITTED:
        if application.programme_id is None:
            raise ValidationError(_("Choose the funding programme first."))
        if not application.amount_requested:
            raise ValidationError(_("Give the amount requested before submitting."))
        if not (application.starts_on and application.ends_on):
            raise ValidationError(_("Give the project's start and end before submitting."))
        application.submitted_on = application.submitted_on or today
    if to_status in DECIDED:
        application.decided_on = application.decided_on or today
    if to_status == S.APPROVED:
        if application.amount_approved is None:
            application.amount_approved = application.amount_requested
        if application.amount_approved < application.amount_requested:
            raise ValidationError(
                _("Less than requested was approved: choose “partly approved”."),
                code="partly",
            )
    if to_status == S.PARTLY_APPROVED and (
        application.amount_approved is None
        or not 0 < application.amount_approved < application.amount_requested
    ):
        raise ValidationError(
            _("For a partial approval, give the amount approved (less than requested)."),
            code="amount",
        )
    if to_status == S.REJECTED:
        application.amount_approved = Decimal(0)
    if to_status == S.CLOSED and application.status == S.REPORTING:
        missing = application.obligations.filter(submitted_on__isnull=True)
        if missing.exists():
            raise ValidationError(
                _("Submit every report before closing: %(reports)s are still open.")
                % {"reports": ", ".join(str(o) for o in missing)},
                code="reports_open",
            )


# --- obligations --------------------------------------------------------------------------------


def planned_obligations(application: Application) -> list[tuple[str, date, date]]:
    """(kind, period end, due date) of the reports a grant requires: an interim report for
    every calendar year that ends during the project (due so many months after the year's
    end) and the final report (Verwendungsnachweis) so many months after the project's end,
    as the programme's rules say. Pure: no writes."""
    programme = application.programme
    if (
        programme is None
        or application.status not in GRANTED
        or not (application.starts_on and application.ends_on)
    ):
        return []
    planned = []
    if programme.has_interim_reports:
        for year in range(application.starts_on.year, application.ends_on.year):
            year_end = date(year, 12, 31)
            due = _months_after(year_end, programme.interim_report_months)
            planned.append((ObligationKind.INTERIM, year_end, due))
    final_due = _months_after(application.ends_on, programme.final_report_months)
    planned.append((ObligationKind.FINAL, application.ends_on, final_due))
    return planned


def _months_after(day: date, months: int) -> date:
    """`months` later; from the last day of a month to the last day of the target month
    (30 June + 6 months = 31 December, 31 August + 6 months = 28/29 February), as grant
    decisions count "six months after the end of the project"."""
    later = day + relativedelta(months=months)
    if (day + timedelta(days=1)).month != day.month:
        later = later + relativedelta(day=31)
    return later


def derive_obligations(application: Application) -> None:
    """Bring the stored obligations in line with the grant: new ones created, changed due
    dates updated, ones that no longer follow removed — submitted reports always stay."""
    if application.status == S.CLOSED:
        return
    planned = {(kind, end): due for kind, end, due in planned_obligations(application)}
    for obligation in application.obligations.all():
        due = planned.pop((obligation.kind, obligation.period_end), None)
        if due is None:
            if obligation.submitted_on is None:
                obligation.delete()
        elif obligation.due_on != due:
            obligation.due_on = due
            obligation.save(update_fields=["due_on"])
    for (kind, end), due in planned.items():
        ReportObligation.objects.create(
            application=application, kind=kind, period_end=end, due_on=due
        )


def mark_report_submitted(*, obligation: ReportObligation, submitted_on: date, by):
    ensure_allowed(by, "funding.change_application", obligation.application)
    if submitted_on > centre_today():
        raise ValidationError(_("A report cannot be submitted in the future."))
    obligation.submitted_on = submitted_on
    obligation.save(update_fields=["submitted_on"])
    return obligation


# --- money, documents, advice --------------------------------------------------------------------


def record_payment(*, application: Application, amount, received_on: date, by) -> Payment:
    ensure_allowed(by, "funding.record_decision", application)
    if application.status not in (*GRANTED, S.CLOSED):
        raise ValidationError(_("Money can only be received for a granted application."))
    if amount is None or amount <= 0:
        raise ValidationError(_("Give the amount received."))
    if received_on > centre_today():
        raise ValidationError(_("Money cannot be received in the future."))
    return Payment.objects.create(
        application=application, amount=amount, received_on=received_on, recorded_by=by
    )


def add_document(*, application: Application, kind: str, title: str, file, by):
    ensure_allowed(by, "funding.change_application", application)
    validate_document(file)
    document = ApplicationDocument(
        application=application, kind=kind, title=title.strip() or file.name, uploaded_by=by
    )
    document.file.save(file.name, file, save=False)
    document.full_clean()
    document.save()
    return document


def delete_document(*, document: ApplicationDocument, by) -> None:
    ensure_allowed(by, "funding.change_application", document.application)
    document.file.delete(save=False)
    document.delete()


def log_advice(*, session: AdviceSession, by) -> AdviceSession:
    ensure_allowed(by, "funding.log_advice")
    if session.application and session.application.association_id != session.association_id:
        raise ValidationError(_("This application belongs to another association."))
    if session.held_on > centre_today():
        raise ValidationError(_("Advice can only be logged once it has taken place."))
    session.advisor = session.advisor or by
    session.full_clean()
    session.save()
    return session


# --- reminders ---------------------------------------------------------------------------------


def _recipients(application: Application) -> list:
    people = [
        m.user
        for m in application.association.memberships.filter(role=MembershipRole.ADMIN)
        .select_related("user")
        .filter(user__is_active=True)
    ]
    if application.advisor and application.advisor.is_active:
        people.append(application.advisor)
    return list({p.pk: p for p in people}.values())


def _claim(key: str) -> bool:
    """True for the one caller that records the reminder first (a unique key in the
    database), so a reminder goes out once even when two schedulers run."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key)
        return True
    except IntegrityError:
        return False


def _due_reminders(today: date):
    """(application, what, due date, key) for every deadline within a reminder threshold."""
    thresholds = sorted(settings.FUNDING_REMINDER_DAYS)
    horizon = today + timedelta(days=max(thresholds, default=0))
    open_obligations = ReportObligation.objects.filter(
        submitted_on__isnull=True, due_on__gte=today, due_on__lte=horizon
    ).select_related("application__association", "application__advisor", "application__programme")
    for obligation in open_obligations:
        yield (
            obligation.application,
            ObligationKind(obligation.kind).label,
            obligation.due_on,
            (f"obligation:{obligation.pk}:{obligation.due_on}"),
        )
    preparing = Application.objects.filter(
        status__in=(S.IDEA, S.PREPARATION), programme__isnull=False
    ).select_related("association", "advisor", "programme")
    for application in preparing.prefetch_related("programme__deadlines"):
        deadline = next_deadline(application.programme, today)
        if deadline is not None and deadline <= horizon:
            yield (
                application,
                _lazy("submission deadline"),
                deadline,
                (f"deadline:{application.pk}:{deadline}"),
            )


def send_deadline_reminders(*, today: date | None = None) -> int:
    """Remind the association's admins and the advisor before every deadline, at each of
    FUNDING_REMINDER_DAYS days before it — once per deadline and threshold (the nearest one
    reached; thresholds already passed when a deadline appears are not sent late)."""
    today = today or centre_today()
    thresholds = sorted(settings.FUNDING_REMINDER_DAYS)
    sent = 0
    for application, what, due, key in _due_reminders(today):
        days_left = (due - today).days
        reached = [d for d in thresholds if days_left <= d]
        if not reached:
            continue
        if not _claim(f"{key}:{min(reached)}"):
            continue
        for threshold in reached:  # the larger thresholds count as done as well
            _claim(f"{key}:{threshold}")
        for person in _recipients(application):
            language = person.preferred_language or settings.LANGUAGE_CODE
            with translation.override(language):
                link = settings.SITE_URL + reverse(
                    "funding:application-detail", kwargs={"pk": application.pk}
                )
                what_text = str(what)
            send_templated_email(
                to=[person.email],
                subject_template="funding/email/reminder_subject.txt",
                body_template="funding/email/reminder.txt",
                context={
                    "application": application,
                    "what": what_text,
                    "due": due,
                    "days_left": days_left,
                    "link": link,
                    "person": person,
                },
                language=language,
            )
        sent += 1
    return sent


# --- the programme database ----------------------------------------------------------------------


def save_funder(*, funder, by):
    """Create or change a funder. `by` is the person (staff); None only for trusted callers
    that run without a person (the import command)."""
    if by is not None:
        ensure_allowed(by, "funding.manage_programmes")
    funder.full_clean()
    funder.save()
    return funder


def save_programme(*, programme, by, topics=None, target_groups=None, deadlines=None):
    """Create or change a funding programme with its topics, target groups and submission
    deadlines (each None: leave as it is). One transaction: a programme is never half saved.
    `by` as in save_funder. Used by the staff pages and by the import."""
    from .models import DeadlineKind, ProgrammeDeadline

    if by is not None:
        ensure_allowed(by, "funding.manage_programmes")
    errors = {}
    low, high = programme.min_amount, programme.max_amount
    if low is not None and high is not None and low > high:
        errors["max_amount"] = _("The maximum amount cannot be below the minimum amount.")
    if (
        programme.min_months is not None
        and programme.max_months is not None
        and programme.min_months > programme.max_months
    ):
        errors["max_months"] = _("The longest duration cannot be below the shortest duration.")
    if deadlines and programme.deadline_kind == DeadlineKind.ROLLING:
        errors["deadline_kind"] = _(
            "A programme with deadlines cannot take applications any time: choose fixed or "
            "yearly dates."
        )
    if errors:
        raise ValidationError(errors)
    programme.full_clean()
    with transaction.atomic():
        programme.save()
        if topics is not None:
            programme.topics.set(topics)
        if target_groups is not None:
            programme.target_groups.set(target_groups)
        if deadlines is not None:
            days = set(deadlines)
            programme.deadlines.exclude(day__in=days).delete()
            existing = set(programme.deadlines.values_list("day", flat=True))
            ProgrammeDeadline.objects.bulk_create(
                ProgrammeDeadline(programme=programme, day=day) for day in sorted(days - existing)
            )
    return programme


# --- the details of an application together with the offers it finances --------------------------


def save_application_details(*, application: Application, offers, by) -> Application:
    """update_application and the association's offers the grant finances, in one
    transaction (offers of other associations are refused)."""
    from django.db.models import Q

    from teilhabe.programme.models import Offer

    offers = list(offers)
    association_id = application.association_id
    own = set(
        Offer.objects.filter(
            Q(lead_association_id=association_id) | Q(co_hosts__id=association_id),
            pk__in=[offer.pk for offer in offers],
        ).values_list("pk", flat=True)
    )
    if any(offer.pk not in own for offer in offers):
        raise ValidationError({"offers": _("Only the association's own offers can be linked.")})
    with transaction.atomic():
        update_application(application=application, by=by)
        application.offers.set(offers)
    return application
