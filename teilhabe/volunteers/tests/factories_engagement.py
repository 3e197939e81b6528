"""Factories for volunteers' engagement: profiles, assignments, hours, trainings attended."""

import datetime

import factory
from django.utils import timezone

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.volunteers.models import (
    Assignment,
    HoursEntry,
    OpenRole,
    Training,
    TrainingEnrolment,
    TrainingTopic,
    VolunteerProfile,
)


class VolunteerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role="volunteer")
    languages = factory.LazyFunction(lambda: [{"code": "de", "level": "native"}])
    skills = "Hausaufgabenhilfe"

    @factory.post_generation
    def associations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.associations.set(extracted)


def _tomorrow_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    volunteer = factory.SubFactory(UserFactory, role="volunteer")
    title = "Hausaufgabenhilfe"
    starts_at = factory.LazyFunction(lambda: _tomorrow_at(16))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class HoursEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HoursEntry

    volunteer = factory.SubFactory(UserFactory, role="volunteer")
    day = factory.LazyFunction(timezone.localdate)
    hours = 2
    description = "Hausaufgabenhilfe"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")


class PastTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = "Kinderschutz"
    kind = "course"
    topic = factory.SubFactory(TopicFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    capacity = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEnrolment

    training = factory.SubFactory(PastTrainingFactory)
    volunteer = factory.SubFactory(UserFactory, role="volunteer")
    status = "confirmed"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenRole

    title = "Lesepatenschaft"
    kind = "recurring"
    when = "dienstags 16–18"
    is_published = True
