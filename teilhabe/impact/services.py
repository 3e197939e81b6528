"""Every write of impact: attendance of sessions (a head count, a check-in list, or a
participant checking in through the session's QR code)."""

from datetime import date

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.outbox import send_now
from teilhabe.core.permissions import ensure_allowed
from teilhabe.core.recurrence import CENTRE_TZ, centre_today
from teilhabe.programme.models import Registration, Session

from .figures import attendance_changed
from .models import AttendanceMethod, CheckIn, ReportJob, SessionAttendance
from .selectors import registrations_of_session

CHECK_IN_SALT = "impact.check-in"

# --- attendance -------------------------------------------------------------------------------


def session_day(session: Session) -> date:
    """The date of a session in the centre's time zone (what attendance is counted under)."""
    return timezone.localdate(session.starts_at, timezone=CENTRE_TZ)


def ensure_recordable(session: Session) -> None:
    """Refuse attendance for a cancelled date or one still to come (today is fine)."""
    if session.is_cancelled:
        raise ValidationError(
            _("This date was cancelled: there is no attendance to record."), code="cancelled"
        )
    if session_day(session) > centre_today():
        raise ValidationError(
            _("This date is still to come: attendance can be recorded from its day on."),
            code="future",
        )


def _locked_attendance(session: Session, method: str) -> SessionAttendance:
    """The session's attendance row, created if need be, locked until the transaction ends: every
    write to one session's attendance queues here (PostgreSQL row lock; SQLite serialises all
    writers anyway), so parallel check-ins all count."""
    attendance, _created = SessionAttendance.objects.get_or_create(
        session=session,
        defaults={
            "offer_id": session.offer_id,
            "day": session_day(session),
            "method": method,
            "head_count": 0,
        },
    )
    return SessionAttendance.objects.select_for_update().get(pk=attendance.pk)


def _check_count(name: str, value, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise ValidationError({name: _("Please enter a number.")})
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: _("Please enter a whole number.")}) from None
    if number < 0:
        raise ValidationError({name: _("The number cannot be negative.")})
    return number


def _check_breakdown(head_count: int, breakdown: dict[str, int | None]) -> None:
    errors = {
        name: _("This cannot be more than the %(count)s people present.") % {"count": head_count}
        for name, value in breakdown.items()
        if value is not None and value > head_count
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_attendance(
    *,
    session: Session,
    head_count: int | None = None,
    children: int | None = None,
    women: int | None = None,
    first_visits: int | None = None,
    checked_in: list[int] | None = None,
    walk_ins: int = 0,
    by,
) -> SessionAttendance:
    """Record (or correct) how many came to a session, in one transaction.

    A head count: `head_count` people present. A check-in list (`checked_in` given, the ids of
    the session's confirmed registrations present): the head count is the persons of those
    registrations plus `walk_ins`, people who came without registering; `head_count` is not
    used. The check-ins stored are exactly the list (self check-ins on it are kept as such).
    The optional breakdown (children, women and girls, first visits) is at most the head
    count. `by=None` is the system itself (sample data, imports): no permission check."""
    if by is not None:
        ensure_allowed(by, "impact.record_attendance", session)
    ensure_recordable(session)
    breakdown = {
        "children": _check_count("children", children),
        "women": _check_count("women", women),
        "first_visits": _check_count("first_visits", first_visits),
    }
    if checked_in is None:
        method = AttendanceMethod.HEAD_COUNT
        total = _check_count("head_count", head_count, required=True)
        present: dict[int, Registration] = {}
    else:
        method = AttendanceMethod.CHECK_IN
        wanted = {int(pk) for pk in checked_in}
        present = {r.pk: r for r in registrations_of_session(session).filter(pk__in=wanted)}
        if len(present) != len(wanted):
            raise ValidationError(
                {"checked_in": _("Someone on the list is not registered for this date.")}
            )
        extra = _check_count("walk_ins", walk_ins) or 0
        total = sum(r.persons for r in present.values()) + extra
    _check_breakdown(total, breakdown)

    attendance = _locked_attendance(session, method)
    attendance.method = method
    attendance.head_count = total
    attendance.children = breakdown["children"]
    attendance.women = breakdown["women"]
    attendance.first_visits = breakdown["first_visits"]
    attendance.recorded_by = by
    attendance.save()
    if checked_in is not None:
        CheckIn.objects.filter(session=session).exclude(registration_id__in=present).delete()
        have = set(
            CheckIn.objects.filter(session=session).values_list("registration_id", flat=True)
        )
        CheckIn.objects.bulk_create(
            CheckIn(session=session, registration_id=pk) for pk in present if pk not in have
        )
    transaction.on_commit(attendance_changed)
    return attendance


# --- QR self check-in -------------------------------------------------------------------------


def check_in_token(session: Session) -> str:
    """The signed value in a session's QR code: it names the session and its date, and is
    accepted on that date only."""
    return signing.Signer(salt=CHECK_IN_SALT).sign(f"{session.pk}.{session_day(session):%Y%m%d}")


def session_from_check_in_token(token: str) -> Session:
    """The session a QR code names, if the code is genuine and today is the session's date.
    Raises ValidationError (code `invalid`, `expired` or `cancelled`)."""
    invalid = ValidationError(_("This check-in code is not valid."), code="invalid")
    try:
        pk, day = signing.Signer(salt=CHECK_IN_SALT).unsign(token).split(".")
        session = Session.objects.select_related("offer").get(pk=int(pk))
    except (signing.BadSignature, ValueError, Session.DoesNotExist):
        raise invalid from None
    if day != f"{session_day(session):%Y%m%d}":
        raise invalid  # the date has been moved since the code was made
    if session_day(session) != centre_today():
        raise ValidationError(
            _("This check-in code is valid on the day of the date only."), code="expired"
        )
    if session.is_cancelled:
        raise ValidationError(_("This date was cancelled."), code="cancelled")
    return session


def registration_for_self_check_in(session: Session, user) -> Registration | None:
    """The person's confirmed registration for the session (or the whole offer): made while
    logged in, or under the e-mail address of their account."""
    if not user.is_authenticated:
        return None
    return _own_registrations(session, user).order_by("pk").first()


@transaction.atomic
def self_check_in(*, session: Session, user) -> tuple[CheckIn, bool]:
    """A registered participant checks in through the session's QR code: once only (a second
    call returns the first check-in and False); the head count grows by the registration's
    persons, counted right however many check in at the same moment."""
    ensure_recordable(session)
    if session_day(session) != centre_today():
        raise ValidationError(_("Checking in is open on the day of the date only."), code="day")
    registration = registration_for_self_check_in(session, user)
    if registration is None:
        raise ValidationError(
            _("We did not find a registration of yours for this date."), code="no_registration"
        )
    attendance = _locked_attendance(session, AttendanceMethod.CHECK_IN)
    existing = (
        CheckIn.objects.filter(session=session, registration__in=_own_registrations(session, user))
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing, False
    check_in = CheckIn.objects.create(session=session, registration=registration, is_self=True)
    SessionAttendance.objects.filter(pk=attendance.pk).update(
        head_count=F("head_count") + registration.persons
    )
    transaction.on_commit(attendance_changed)
    return check_in, True


def _own_registrations(session: Session, user) -> QuerySet[Registration]:
    mine = Q(user=user)
    if user.email:
        mine |= Q(user__isnull=True, email__iexact=user.email)
    return registrations_of_session(session).filter(mine)


# --- the annual report ------------------------------------------------------------------------


def request_report(*, year: int, language: str, association=None, by) -> ReportJob:
    """Queue the annual report of `year` in `language` (optionally for one association): a
    ReportJob whose PDF the Celery task builds in the background (always the task; in tests it
    runs at once). While the broker is down the task waits in the outbox (core.outbox)."""
    from .tasks import build_annual_report

    ensure_allowed(by, "impact.make_report")
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Please choose one of the languages offered.")})
    if not 2000 <= int(year) <= centre_today().year:
        raise ValidationError({"year": _("Please choose a year up to this one.")})
    job = ReportJob.objects.create(
        year=year, language=language, association=association, requested_by=by
    )
    send_now(build_annual_report, job.pk)
    job.refresh_from_db()
    return job
