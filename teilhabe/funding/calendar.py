"""The deadlines of funding: submission deadlines of the programmes that applications in the
making aim at, and the interim and final reports that grants require — as a list by month for
the calendar page and as an iCalendar feed for staff (whose calendar apps cannot log in, so
the feed's address carries a signed token of the staff member)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Event

from teilhabe.core.ical import build_calendar

from .models import Application, ApplicationStatus, ObligationKind, ReportObligation
from .rules import administered_association_ids
from .selectors import next_deadline

S = ApplicationStatus
FEED_SALT = "teilhabe.funding.deadlines-feed"
SUBMISSION = "submission"


@dataclass(frozen=True)
class Deadline:
    """One deadline: a programme's submission deadline an application aims at, or a report
    due."""

    day: date
    kind: str  # "submission", "interim" or "final"
    application: Application
    is_overdue: bool
    obligation_pk: int | None = None

    @property
    def label(self) -> str:
        if self.kind == SUBMISSION:
            return _("Submission deadline")
        return str(ObligationKind(self.kind).label)

    @property
    def uid(self) -> str:
        """Stable across refreshes: the same deadline keeps its UID in every calendar app."""
        host = urlsplit(settings.SITE_URL).hostname or "teilhabe.invalid"
        if self.obligation_pk is not None:
            return f"funding-report-{self.obligation_pk}@{host}"
        return f"funding-submission-{self.application.pk}-{self.day:%Y%m%d}@{host}"


def can_see_deadlines(user) -> bool:
    return user.has_perm("funding.view_all") or bool(administered_association_ids(user))


def _visible(applications: QuerySet, user, prefix: str = "") -> QuerySet:
    if user.has_perm("funding.view_all"):
        return applications
    return applications.filter(
        **{f"{prefix}association_id__in": administered_association_ids(user)}
    )


def deadlines_for(user, *, today: date, until: date | None = None) -> list[Deadline]:
    """Every open deadline the person may see (staff: all; an association's admin: their
    associations'), in date order: reports not yet submitted (overdue ones too) and the next
    submission deadline of every application in idea or preparation. Three queries."""
    applications = _visible(
        Application.objects.filter(status__in=(S.IDEA, S.PREPARATION), programme__isnull=False),
        user,
    ).select_related("association", "programme__funder", "advisor")
    deadlines = []
    for application in applications.prefetch_related("programme__deadlines"):
        day = next_deadline(application.programme, today)
        if day is not None and (until is None or day <= until):
            deadlines.append(Deadline(day, SUBMISSION, application, is_overdue=False))
    reports = _visible(
        ReportObligation.objects.filter(submitted_on__isnull=True).exclude(
            application__status=S.CLOSED
        ),
        user,
        prefix="application__",
    ).select_related(
        "application__association", "application__programme__funder", "application__advisor"
    )
    if until is not None:
        reports = reports.filter(due_on__lte=until)
    for report in reports:
        deadlines.append(
            Deadline(
                report.due_on,
                report.kind,
                report.application,
                is_overdue=report.due_on < today,
                obligation_pk=report.pk,
            )
        )
    deadlines.sort(key=lambda d: (d.day, d.application.association.name, d.application.title))
    return deadlines


def by_month(deadlines: Iterable[Deadline]) -> list[tuple[date, list[Deadline]]]:
    """(first day of the month, its deadlines), in order."""
    return [
        (month, list(items))
        for month, items in groupby(deadlines, key=lambda d: d.day.replace(day=1))
    ]


# --- the feed ----------------------------------------------------------------------------------


def feed_token(user) -> str:
    return signing.Signer(salt=FEED_SALT).sign(str(user.pk))


def user_for_feed(token: str):
    """The staff member whose token it is, or None (a bad token, or a person who is no longer
    active staff: the feed closes when the role ends)."""
    try:
        pk = int(signing.Signer(salt=FEED_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not user.has_perm("funding.view_all"):
        return None
    return user


def deadline_event(deadline: Deadline, *, url: str, stamp, summary_prefix: str = "") -> Event:
    application = deadline.application
    event = Event()
    event.add("UID", deadline.uid)
    event.add("DTSTAMP", stamp)
    event.add("DTSTART", deadline.day)  # a date: an all-day event
    event.add("DTEND", deadline.day + timedelta(days=1))
    event.add(
        "SUMMARY",
        f"{summary_prefix}{deadline.label}: {application.title} ({application.association.name})",
    )
    lines = []
    if application.programme:
        lines.append(
            _("Funding programme: %(programme)s (%(funder)s)")
            % {
                "programme": application.programme.title,
                "funder": application.programme.funder.name,
            }
        )
    if application.advisor:
        lines.append(_("Advised by: %(name)s") % {"name": application.advisor.display_name})
    lines.append(url)
    event.add("DESCRIPTION", "\n".join(lines))
    event.add("URL", url)
    event.add("TRANSP", "TRANSPARENT")
    event.add("CATEGORIES", [_("Funding")])
    return event


def deadlines_calendar(
    deadlines: list[Deadline], *, today: date, absolute_url: Callable[[str], str], user
) -> bytes:
    language = get_language() or settings.LANGUAGE_CODE
    stamp = timezone.now().replace(microsecond=0)
    host = urlsplit(settings.SITE_URL).hostname or "teilhabe.invalid"
    events = []
    for deadline in deadlines:
        url = absolute_url(
            reverse("funding:application-detail", kwargs={"pk": deadline.application.pk})
        )
        prefix = _("Overdue: ") if deadline.is_overdue else ""
        events.append(deadline_event(deadline, url=url, stamp=stamp, summary_prefix=prefix))
    days = [d.day for d in deadlines] or [today]
    calendar = build_calendar(
        events,
        name=_("Funding deadlines"),
        uid=f"funding-deadlines-{user.pk}@{host}",
        first=min(days),
        last=max(days),
        language=language,
        url=absolute_url(reverse("funding:deadlines")),
    )
    return calendar.to_ical()


def upcoming_count(user, *, today: date, days: int = 30) -> tuple[int, int]:
    """(deadlines within `days`, of which overdue) for the home page."""
    deadlines = deadlines_for(user, today=today, until=today + timedelta(days=days))
    return len(deadlines), sum(1 for d in deadlines if d.is_overdue)
