"""Trainings: enrolment with places and a waiting list, attendance, required topics, and the
certificates with a verification code (a training certificate and a yearly record)."""

from datetime import datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.mail import send_templated_email

from .models import (
    Assignment,
    AssignmentStatus,
    Certificate,
    CertificateKind,
    EnrolmentStatus,
    HoursEntry,
    HoursStatus,
    OpenRole,
    Training,
    TrainingEnrolment,
    TrainingTopic,
)


def _lock_training(training_id: int) -> Training:
    return Training.objects.select_for_update().get(pk=training_id)


def _confirmed_count(training: Training) -> int:
    return TrainingEnrolment.objects.filter(
        training=training, status=EnrolmentStatus.CONFIRMED
    ).count()


def _notify(enrolment: TrainingEnrolment, event: str) -> None:
    volunteer = enrolment.volunteer
    if not volunteer.email:
        return
    send_templated_email(
        to=[volunteer.email],
        subject_template=f"volunteers/trainings/email/{event}_subject.txt",
        body_template=f"volunteers/trainings/email/{event}.txt",
        context={"enrolment": enrolment, "training": enrolment.training, "volunteer": volunteer},
        language=volunteer.preferred_language or "de",
    )


def _promote_waiting(training: Training) -> list[TrainingEnrolment]:
    free = training.capacity - _confirmed_count(training)
    promoted = []
    if free <= 0:
        return promoted
    waiting = TrainingEnrolment.objects.filter(
        training=training, status=EnrolmentStatus.WAITING
    ).select_related("volunteer", "training")[:free]
    for enrolment in waiting:
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.save(update_fields=["status"])
        _notify(enrolment, "promoted")
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def enrol(*, training: Training, volunteer) -> TrainingEnrolment:
    """Enrol a volunteer: a place if there is one, otherwise the waiting list. Never more
    confirmed enrolments than places, whatever runs in parallel (row lock on the training)."""
    training = _lock_training(training.pk)
    if not training.is_published:
        raise ValidationError(_("This training is not open for enrolment."))
    if training.starts_at <= timezone.now():
        raise ValidationError(_("This training has already begun."))
    _promote_waiting(training)
    existing = (
        TrainingEnrolment.objects.select_for_update()
        .filter(training=training, volunteer=volunteer)
        .first()
    )
    if existing and existing.status != EnrolmentStatus.CANCELLED:
        return existing
    free = training.capacity - _confirmed_count(training)
    status = EnrolmentStatus.CONFIRMED if free > 0 else EnrolmentStatus.WAITING
    if existing:
        # Back in after cancelling: at the end of the queue again.
        existing.delete()
    enrolment = TrainingEnrolment.objects.create(
        training=training, volunteer=volunteer, status=status
    )
    _notify(enrolment, "confirmed" if status == EnrolmentStatus.CONFIRMED else "waiting")
    return enrolment


@transaction.atomic
def cancel_enrolment(*, enrolment: TrainingEnrolment) -> list[TrainingEnrolment]:
    """Cancel; the first on the waiting list gets the place and is told. Returns those
    promoted."""
    training = _lock_training(enrolment.training_id)
    enrolment = TrainingEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.CANCELLED:
        return []
    was_confirmed = enrolment.status == EnrolmentStatus.CONFIRMED
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.save(update_fields=["status"])
    return _promote_waiting(training) if was_confirmed else []


@transaction.atomic
def record_attendance(*, training: Training, attendance: dict[int, bool], by) -> int:
    """Mark who attended (volunteer id → bool); only confirmed enrolments count. Returns the
    number of enrolments changed."""
    if not by.has_perm("volunteers.take_attendance", training):
        raise PermissionDenied
    enrolments = TrainingEnrolment.objects.select_for_update().filter(
        training=training, status=EnrolmentStatus.CONFIRMED, volunteer_id__in=list(attendance)
    )
    changed = 0
    for enrolment in enrolments:
        value = bool(attendance[enrolment.volunteer_id])
        if enrolment.attended is not value:
            enrolment.attended = value
            enrolment.save(update_fields=["attended"])
            changed += 1
    return changed


def _completed_topic_ids(volunteer, now=None) -> set[int]:
    now = now or timezone.now()
    return set(
        TrainingEnrolment.objects.filter(
            volunteer=volunteer, attended=True, training__ends_at__lte=now
        ).values_list("training__topic_id", flat=True)
    )


def has_completed_topic(volunteer, topic: TrainingTopic) -> bool:
    """A topic is completed when the volunteer attended a training of it that has ended."""
    return topic.pk in _completed_topic_ids(volunteer)


def missing_topics(volunteer, role: OpenRole) -> list[TrainingTopic]:
    """The topics a role requires that the volunteer has not yet completed."""
    done = _completed_topic_ids(volunteer)
    return [topic for topic in role.required_topics.all() if topic.pk not in done]


def _hours(value) -> str:
    value = Decimal(value or 0).quantize(Decimal("0.01"))
    return f"{value.normalize():f}"


@transaction.atomic
def issue_training_certificate(*, enrolment: TrainingEnrolment) -> Certificate:
    """A certificate for an attended training; what it confirms is stored with it."""
    if enrolment.attended is not True or enrolment.status != EnrolmentStatus.CONFIRMED:
        raise ValidationError(_("A certificate is issued only for a training attended."))
    training = enrolment.training
    hours = Decimal((training.ends_at - training.starts_at).total_seconds()) / Decimal(3600)
    local_start = timezone.localtime(training.starts_at)
    local_end = timezone.localtime(training.ends_at)
    content = {
        "name": enrolment.volunteer.display_name,
        "training": training.title,
        "kind": training.kind,
        "topic": training.topic.name,
        "starts_on": local_start.date().isoformat(),
        "ends_on": local_end.date().isoformat(),
        "hours": _hours(hours),
        "place": training.room.name if training.room_id else training.place,
    }
    return Certificate.objects.create(
        kind=CertificateKind.TRAINING,
        volunteer=enrolment.volunteer,
        training=training,
        content=content,
    )


@transaction.atomic
def issue_year_record(*, volunteer, year: int) -> Certificate:
    """A record of a year's engagement: confirmed hours, accepted assignments, attended
    trainings — stored as issued."""
    tz = timezone.get_current_timezone()
    first = timezone.make_aware(datetime(year, 1, 1), tz)
    after = timezone.make_aware(datetime.combine(datetime(year + 1, 1, 1).date(), time()), tz)
    hours = HoursEntry.objects.filter(
        volunteer=volunteer, status=HoursStatus.CONFIRMED, day__year=year
    ).aggregate(total=Sum("hours"))["total"]
    assignments = list(
        Assignment.objects.filter(
            volunteer=volunteer,
            status=AssignmentStatus.ACCEPTED,
            starts_at__gte=first,
            starts_at__lt=after,
        ).order_by("starts_at")
    )
    trainings = list(
        TrainingEnrolment.objects.filter(
            volunteer=volunteer,
            attended=True,
            status=EnrolmentStatus.CONFIRMED,
            training__starts_at__gte=first,
            training__starts_at__lt=after,
        )
        .select_related("training__topic")
        .order_by("training__starts_at")
    )
    content = {
        "name": volunteer.display_name,
        "year": year,
        "hours": _hours(hours),
        "assignment_count": len(assignments),
        "assignments": [
            {"title": a.title, "date": timezone.localtime(a.starts_at).date().isoformat()}
            for a in assignments
        ],
        "trainings": [
            {
                "title": e.training.title,
                "topic": e.training.topic.name,
                "date": timezone.localtime(e.training.starts_at).date().isoformat(),
            }
            for e in trainings
        ],
    }
    return Certificate.objects.create(
        kind=CertificateKind.YEAR, volunteer=volunteer, year=year, content=content
    )


def verify(code: str) -> Certificate | None:
    """The certificate with this code, or None."""
    code = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not code or len(code) > 16:
        return None
    return Certificate.objects.filter(code=code).first()
