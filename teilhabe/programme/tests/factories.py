import datetime

import factory

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.programme.models import Category, Offer, Registration, Schedule, Session


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_de = factory.Sequence(lambda n: f"Kategorie {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"angebot-{n}")
    title_de = factory.Sequence(lambda n: f"Angebot {n}")
    summary_de = "Ein Angebot im Haus."
    category = factory.SubFactory(CategoryFactory)
    lead_association = factory.SubFactory(AssociationFactory)
    languages = factory.LazyFunction(lambda: ["de"])
    status = "published"

    class Params:
        registration = factory.Trait(registration_mode="required", capacity=10)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    offer = factory.SubFactory(OfferFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=1))
    start_time = datetime.time(18, 0)
    end_time = datetime.time(19, 30)
    weekdays = factory.LazyFunction(list)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    offer = factory.SubFactory(OfferFactory)
    rule_day = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=1))
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    offer = factory.SubFactory(OfferFactory, registration=True)
    name = factory.Faker("first_name")
    email = factory.Sequence(lambda n: f"guest{n}@example.org")
    status = "confirmed"
