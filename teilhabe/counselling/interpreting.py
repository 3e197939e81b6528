"""Interpreters for appointments come from the volunteers, an app above this one: it registers
a broker here. The broker learns the language, the time and the place — nothing about the
person — under an opaque reference, and reports back through `interpreter_found`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class InterpreterRequest:
    reference: str
    language: str
    starts_at: datetime
    ends_at: datetime
    place: str


@dataclass(frozen=True)
class Broker:
    request: Callable[[InterpreterRequest], None]
    withdraw: Callable[[str], None]


_brokers: list[Broker] = []


def register(*, request: Callable[[InterpreterRequest], None], withdraw: Callable[[str], None]):
    _brokers.append(Broker(request=request, withdraw=withdraw))


def reference_of(appointment) -> str:
    return f"counselling-appointment:{appointment.pk}"


def request_for(appointment) -> None:
    room = appointment.office_hours_date.room if appointment.office_hours_date else None
    place = appointment.service.name_de or appointment.service.name
    request = InterpreterRequest(
        reference=reference_of(appointment),
        language=appointment.language,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        place=f"{place}, {room.name}" if room else place,
    )
    for broker in _brokers:
        broker.request(request)


def withdraw_for(appointment) -> None:
    if not appointment.needs_interpreter:
        return
    for broker in _brokers:
        broker.withdraw(reference_of(appointment))


def interpreter_found(reference: str, name: str) -> None:
    """Called by a broker when a volunteer takes (name) or gives back ("") a request."""
    from .models import Appointment

    prefix, _colon, pk = reference.partition(":")
    if prefix == "counselling-appointment" and pk.isdigit():
        Appointment.objects.filter(pk=int(pk)).update(interpreter=name[:100])
