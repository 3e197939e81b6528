"""Factories of trainings, enrolments and certificates."""

from datetime import timedelta

import factory
from django.utils import timezone

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.volunteers.models import (
    EnrolmentStatus,
    Training,
    TrainingEnrolment,
    TrainingKind,
    TrainingTopic,
)


class TrainingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_de = factory.LazyAttribute(lambda o: o.name)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Training {n}")
    title_de = factory.LazyAttribute(lambda o: o.title)
    kind = TrainingKind.SEMINAR
    topic = factory.SubFactory(TrainingTopicFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    place = "Volkshochschule, Raum 12"
    capacity = 5
    is_published = True


class PastTrainingFactory(TrainingFactory):
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))


class VolunteerFactory(UserFactory):
    role = "volunteer"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEnrolment

    training = factory.SubFactory(TrainingFactory)
    volunteer = factory.SubFactory(VolunteerFactory)
    status = EnrolmentStatus.CONFIRMED
