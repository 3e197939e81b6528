from datetime import time

import factory

from teilhabe.network.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Partner {n}")
    description_de = "Ein Partner des Netzwerks."
    email = factory.Sequence(lambda n: f"partner{n}@example.org")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Standort {n}")
    street = "Anger 1"
    postal_code = "99084"
    city = "Erfurt"
    district = "Altstadt"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name_de = factory.Sequence(lambda n: f"Beratung {n}")
    description_de = "Beratung für alle."
    service_type = "counselling"
    languages = factory.LazyFunction(lambda: ["de", "ar"])


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.LazyAttribute(lambda o: LocationFactory(organization=o.service.organization))


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    byday = "MO"
    opens_at = time(9)
    closes_at = time(12)


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    number = "+49 361 555 0000"


def full_service(**kwargs) -> Service:
    """A service offered at a location, with hours and phones everywhere HSDS has them."""
    service = ServiceFactory(**kwargs)
    sal = ServiceAtLocationFactory(service=service)
    ScheduleFactory(location=sal.location, byday="TU", opens_at=time(9), closes_at=time(15))
    ScheduleFactory(service=service, byday="WE", opens_at=time(14), closes_at=time(16, 30))
    PhoneFactory(location=sal.location, number="+49 361 1")
    PhoneFactory(service=service, number="+49 361 2", type="cell", description="mobil")
    PhoneFactory(organization=service.organization, number="+49 361 3")
    return service
