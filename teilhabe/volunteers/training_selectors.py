"""Reads for trainings and certificates."""

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from .models import (
    Certificate,
    EnrolmentStatus,
    Training,
    TrainingEnrolment,
    TrainingTopic,
)


def _with_places(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        confirmed_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.CONFIRMED))
    ).annotate(places_left=F("capacity") - F("confirmed_count"))


def trainings_for_catalogue(*, topic_slug: str = "", now=None) -> QuerySet[Training]:
    """Published trainings yet to begin, with the places left (`places_left`)."""
    now = now or timezone.now()
    queryset = Training.objects.filter(is_published=True, starts_at__gt=now)
    if topic_slug:
        queryset = queryset.filter(topic__slug=topic_slug)
    return _with_places(queryset.select_related("topic", "room")).order_by("starts_at", "pk")


def topics() -> QuerySet[TrainingTopic]:
    return TrainingTopic.objects.order_by("slug")


def enrolment_status_by_training(user) -> dict[int, str]:
    """training id → the user's enrolment status (one query)."""
    if not user.is_authenticated:
        return {}
    return dict(
        TrainingEnrolment.objects.filter(volunteer=user)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .values_list("training_id", "status")
    )


def training_for_detail(pk: int) -> Training:
    return _with_places(Training.objects.select_related("topic", "room", "organiser")).get(pk=pk)


def enrolment_of(training: Training, user) -> TrainingEnrolment | None:
    if not user.is_authenticated:
        return None
    return TrainingEnrolment.objects.filter(training=training, volunteer=user).first()


def waiting_position(enrolment: TrainingEnrolment) -> int | None:
    if enrolment.status != EnrolmentStatus.WAITING:
        return None
    return (
        TrainingEnrolment.objects.filter(
            training_id=enrolment.training_id, status=EnrolmentStatus.WAITING
        )
        .filter(
            Q(created_at__lt=enrolment.created_at)
            | Q(created_at=enrolment.created_at, pk__lt=enrolment.pk)
        )
        .count()
        + 1
    )


def enrolments_for_attendance(training: Training) -> QuerySet[TrainingEnrolment]:
    return (
        TrainingEnrolment.objects.filter(training=training, status=EnrolmentStatus.CONFIRMED)
        .select_related("volunteer")
        .order_by("volunteer__display_name", "pk")
    )


def certificates_of(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(volunteer=user).order_by("-issued_at")


def certificate_with_volunteer(pk: int) -> Certificate:
    return Certificate.objects.select_related("volunteer").get(pk=pk)
