import factory

from teilhabe.associations.tests.factories import AssociationFactory
from teilhabe.volunteers.models import OpenRole, TrainingTopic, VolunteerApplication


class TrainingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingTopic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_de = factory.Sequence(lambda n: f"Thema {n}")


class OpenRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenRole

    title_de = factory.Sequence(lambda n: f"Aufgabe {n}")
    title_en = factory.Sequence(lambda n: f"Role {n}")
    description_de = "Wir freuen uns über Hilfe."
    association = factory.SubFactory(AssociationFactory)
    kind = "recurring"
    when_de = "dienstags 16–18 Uhr"
    languages = factory.LazyFunction(lambda: ["de", "ar"])
    places = 2
    is_published = True


class VolunteerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerApplication

    role = factory.SubFactory(OpenRoleFactory)
    name = factory.Sequence(lambda n: f"Helfende Person {n}")
    email = factory.Sequence(lambda n: f"helper{n}@example.org")
    languages = factory.LazyFunction(lambda: ["ar", "de"])
    message = "Ich möchte helfen."
    language = "ar"
