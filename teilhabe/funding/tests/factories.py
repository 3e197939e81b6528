"""Factories for funding tests."""

from datetime import date
from decimal import Decimal

import factory

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.funding.models import (
    Application,
    ApplicationStatus,
    DeadlineKind,
    Funder,
    FunderLevel,
    FundingProgramme,
    FundingTopic,
    ProgrammeDeadline,
    TargetGroup,
)


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Stiftung {n}")
    level = FunderLevel.FOUNDATION


class FundingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingTopic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_de = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_de = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme
        skip_postgeneration_save = True

    external_id = factory.Sequence(lambda n: f"programme-{n}")
    title = factory.Sequence(lambda n: f"Förderprogramm {n}")
    funder = factory.SubFactory(FunderFactory)
    summary_de = "Fördert Projekte der Integration."
    region = "Deutschland"
    min_amount = Decimal("1000")
    max_amount = Decimal("50000")
    funding_rate = 80
    own_share = 20
    deadline_kind = DeadlineKind.ROLLING
    applicants = factory.LazyFunction(lambda: ["association", "migrant_org"])

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)

    @factory.post_generation
    def deadlines(obj, create, extracted, **kwargs):
        if create and extracted:
            for day in extracted:
                ProgrammeDeadline.objects.create(programme=obj, day=day)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    association = factory.SubFactory(AssociationFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Projekt {n}")
    status = ApplicationStatus.IDEA
    starts_on = date(2027, 3, 1)
    ends_on = date(2028, 6, 30)
    total_cost = Decimal("12000")
    amount_requested = Decimal("9600")
    own_share_amount = Decimal("2400")
    own_share_source = "Mitgliedsbeiträge"
