import factory
from django.utils import timezone

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.associations.models import (
    Association,
    CooperationAgreement,
    Membership,
    Signature,
)


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Verein {n} e. V.")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    short_description_de = "Ein Verein im Haus."
    is_migrant_organisation = True
    languages = factory.LazyFunction(lambda: ["de", "ar"])
    founding_year = 2010


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    role = "member"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationAgreement

    version = factory.Sequence(lambda n: n + 1)
    title_de = "Kooperationsvereinbarung"
    text_de = "Wir arbeiten **zusammen**."
    published_at = factory.LazyFunction(timezone.now)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    agreement = factory.SubFactory(AgreementFactory)
    association = factory.SubFactory(AssociationFactory)
    signatory_name = "Someone"
    signed_at = factory.LazyFunction(timezone.now)
