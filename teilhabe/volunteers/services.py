"""Every write of volunteers' engagement: profiles, consent to the migration-history question,
assignments, hours and reminders."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed as _ensure

from .models import (
    Assignment,
    AssignmentStatus,
    HoursEntry,
    HoursStatus,
    OpenRole,
    TrainingEnrolment,
    TrainingTopic,
    VolunteerProfile,
)

BUSY_STATUSES = (AssignmentStatus.PROPOSED, AssignmentStatus.ACCEPTED)


# --- profile ---------------------------------------------------------------------------------

PROFILE_FIELDS = ("languages", "skills", "interests", "availability")


@transaction.atomic
def update_profile(profile: VolunteerProfile, *, associations=None, **fields) -> VolunteerProfile:
    """Save what a volunteer tells about themselves. The migration-history answer is not
    changed here: it goes through set_migration_history so that consent is recorded."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean(exclude=["user"])
    profile.save()
    if associations is not None:
        profile.associations.set(associations)
    return profile


@transaction.atomic
def set_migration_history(profile: VolunteerProfile, value: bool | None) -> VolunteerProfile:
    """Record the volunteer's own answer with the time of consent; None ("prefer not to say")
    revokes the consent and clears the answer."""
    if value is None:
        profile.has_migration_history = None
        profile.migration_history_consent_at = None
    else:
        profile.has_migration_history = bool(value)
        profile.migration_history_consent_at = timezone.now()
    profile.save(update_fields=["has_migration_history", "migration_history_consent_at"])
    return profile


# --- assignments -----------------------------------------------------------------------------


def _missing_topics(volunteer, role: OpenRole) -> list[TrainingTopic]:
    """Topics the role requires that the volunteer has not completed (attended a training of
    that topic that has ended)."""
    required = list(role.required_topics.all())
    if not required:
        return []
    done = set(
        TrainingEnrolment.objects.filter(
            volunteer=volunteer,
            attended=True,
            training__topic__in=required,
            training__ends_at__lte=timezone.now(),
        ).values_list("training__topic_id", flat=True)
    )
    return [topic for topic in required if topic.pk not in done]


def missing_topics_for(volunteer, role: OpenRole) -> list:
    try:
        from .training_services import missing_topics
    except ImportError:
        return _missing_topics(volunteer, role)
    return list(missing_topics(volunteer, role))


def overlapping_assignments(volunteer, starts_at, ends_at, *, exclude_pk=None):
    qs = Assignment.objects.filter(
        volunteer=volunteer,
        status__in=BUSY_STATUSES,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs


def _lock_volunteer(volunteer):
    return get_user_model().objects.select_for_update().get(pk=volunteer.pk)


def _mail(assignment: Assignment, event: str) -> None:
    volunteer = assignment.volunteer
    if not volunteer.email:
        return
    send_templated_email(
        to=[volunteer.email],
        subject_template=f"volunteers/email/assignment_{event}_subject.txt",
        body_template=f"volunteers/email/assignment_{event}.txt",
        context={"assignment": assignment, "volunteer": volunteer},
        language=volunteer.preferred_language or settings.LANGUAGE_CODE,
    )


@transaction.atomic
def assign(
    volunteer,
    *,
    session=None,
    role: OpenRole | None = None,
    starts_at,
    ends_at,
    title: str = "",
    association=None,
    by,
) -> Assignment:
    """Ask a volunteer to help at a time. Refused when they are already asked or booked
    elsewhere then, or when the role needs a training they have not completed."""
    if association is None and role is not None:
        association = role.association
    if association is None and session is not None:
        association = session.offer.lead_association
    _ensure(by, "volunteers.assign", association)
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."))
    volunteer = _lock_volunteer(volunteer)
    if overlapping_assignments(volunteer, starts_at, ends_at).exists():
        raise ValidationError(
            _("%(name)s is already assigned elsewhere at this time.") % {"name": volunteer}
        )
    if role is not None:
        missing = missing_topics_for(volunteer, role)
        if missing:
            raise ValidationError(
                _("%(name)s has not yet completed the training needed: %(topics)s")
                % {"name": volunteer, "topics": ", ".join(str(t) for t in missing)}
            )
    if not title:
        if session is not None:
            title = str(session.offer)
        elif role is not None:
            title = role.title
    assignment = Assignment.objects.create(
        volunteer=volunteer,
        session=session,
        role=role,
        title=title[:200],
        association=association,
        starts_at=starts_at,
        ends_at=ends_at,
        assigned_by=by,
    )
    _mail(assignment, "proposed")
    return assignment


@transaction.atomic
def respond(assignment: Assignment, accept: bool, *, by) -> Assignment:
    """The volunteer accepts or declines being asked."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if by.pk != assignment.volunteer_id:
        raise PermissionDenied(_("You are not allowed to do this."))
    if assignment.status not in BUSY_STATUSES:
        raise ValidationError(_("This assignment can no longer be answered."))
    assignment.status = AssignmentStatus.ACCEPTED if accept else AssignmentStatus.DECLINED
    assignment.save(update_fields=["status", "updated_at"])
    return assignment


@transaction.atomic
def cancel_assignment(assignment: Assignment, *, by) -> Assignment:
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if by.pk != assignment.volunteer_id:
        _ensure(by, "volunteers.assign", assignment.association)
    if assignment.status == AssignmentStatus.CANCELLED:
        return assignment
    assignment.status = AssignmentStatus.CANCELLED
    assignment.save(update_fields=["status", "updated_at"])
    _mail(assignment, "cancelled")
    return assignment


def send_assignment_reminders(*, now=None) -> int:
    """Remind volunteers of accepted assignments starting within REMINDER_HOURS, once each."""
    now = now or timezone.now()
    until = now + timedelta(hours=settings.REMINDER_HOURS)
    sent = 0
    with transaction.atomic():
        due = (
            Assignment.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=AssignmentStatus.ACCEPTED,
                reminded_at__isnull=True,
                starts_at__gt=now,
                starts_at__lte=until,
            )
            .select_related("volunteer")
        )
        for assignment in due:
            assignment.reminded_at = now
            assignment.save(update_fields=["reminded_at"])
            _mail(assignment, "reminder")
            sent += 1
    return sent


# --- hours -----------------------------------------------------------------------------------


@transaction.atomic
def log_hours(volunteer, day, hours, description: str, association=None) -> HoursEntry:
    entry = HoursEntry(
        volunteer=volunteer,
        day=day,
        hours=Decimal(str(hours)),
        description=description,
        association=association,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def hours_from_assignment(assignment: Assignment) -> HoursEntry | None:
    """For an accepted assignment that is over, log its duration once."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != AssignmentStatus.ACCEPTED or assignment.ends_at > timezone.now():
        return None
    existing = HoursEntry.objects.filter(assignment=assignment).first()
    if existing:
        return existing
    seconds = (assignment.ends_at - assignment.starts_at).total_seconds()
    hours = (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    hours = min(max(hours, Decimal("0.25")), Decimal("24"))
    return HoursEntry.objects.create(
        volunteer_id=assignment.volunteer_id,
        association=assignment.association,
        assignment=assignment,
        day=timezone.localdate(assignment.starts_at),
        hours=hours,
        description=assignment.title[:200],
    )


def _decide_hours(entry: HoursEntry, by, status: str) -> HoursEntry:
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    _ensure(by, "volunteers.confirm_hours", entry)
    entry.status = status
    entry.confirmed_by = by
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return entry


@transaction.atomic
def confirm_hours(entry: HoursEntry, *, by) -> HoursEntry:
    return _decide_hours(entry, by, HoursStatus.CONFIRMED)


@transaction.atomic
def reject_hours(entry: HoursEntry, *, by) -> HoursEntry:
    return _decide_hours(entry, by, HoursStatus.REJECTED)
