"""Factories and helpers for counselling tests: a service with counsellors, office hours that
hold a room, and bookings in the first free slot."""

from datetime import time, timedelta

import factory

from teilhabe.accounts.tests.factories import UserFactory
from teilhabe.core.recurrence import centre_today
from teilhabe.counselling import services
from teilhabe.counselling.models import (
    Counsellor,
    OfficeHours,
    OfficeHoursMode,
    Service,
    Topic,
)
from teilhabe.counselling.selectors import free_slots
from teilhabe.rooms.models import Room


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name_de = factory.Sequence(lambda n: f"Beratungsdienst {n}")
    name_en = factory.Sequence(lambda n: f"Counselling service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    description_de = "Beratung zu Aufenthalt, Arbeit, Familie und Wohnen."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    service = factory.SubFactory(ServiceFactory)
    name_de = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class CounsellorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Counsellor

    service = factory.SubFactory(ServiceFactory)
    user = factory.SubFactory(UserFactory, role="counsellor")
    languages = factory.LazyFunction(lambda: ["de", "en"])


def make_room(name="Beratungsraum") -> Room:
    return Room.objects.create(name_de=name, name=name, floor=1, area_m2=14, capacity=4)


def make_office_hours(
    service: Service,
    counsellors,
    *,
    mode=OfficeHoursMode.APPOINTMENTS,
    room: Room | None = None,
    starts_on=None,
    weekdays=(0, 1, 2, 3, 4),
    start=time(9),
    end=time(12),
    slot_minutes=60,
) -> OfficeHours:
    """Office hours on weekdays from tomorrow on, materialised (their rooms held)."""
    hours = OfficeHours.objects.create(
        service=service,
        mode=mode,
        room=room or make_room(f"Raum {service.slug}"),
        starts_on=starts_on or centre_today() + timedelta(days=1),
        start_time=start,
        end_time=end,
        weekdays=list(weekdays),
        slot_minutes=slot_minutes,
    )
    hours.counsellors.set(counsellors)
    services.materialise_office_hours(office_hours=[hours])
    return hours


def counselling_setup(*, languages=("de", "en"), counsellor_user=None):
    """A service with one topic, one counsellor and weekday office hours by appointment."""
    service = ServiceFactory()
    topic = TopicFactory(service=service)
    counsellor = CounsellorFactory(
        service=service,
        languages=list(languages),
        **({"user": counsellor_user} if counsellor_user else {}),
    )
    hours = make_office_hours(service, [counsellor])
    return service, topic, counsellor, hours


def book(service: Service, topic: Topic, *, slot=None, **details):
    """Book the first free slot (or the given one). Returns (appointment, token)."""
    slot = slot or free_slots([service])[service.pk][0]
    values = {
        "name": "Maryam",
        "contact": "maryam@example.org",
        "language": "fa",
        "needs_interpreter": False,
    }
    values.update(details)
    return services.book_appointment(service=service, topic=topic, slot_key=slot.key, **values)
