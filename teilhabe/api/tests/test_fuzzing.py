"""Schemathesis fuzzes the API from its own OpenAPI schema: generated requests for every
operation (reads anonymously, writes with a staff member's token, valid and deliberately
invalid ones) must never end in a server error (5xx), and every documented answer to a valid
request must match its schema. Few examples per operation, so that the whole run takes well
under a minute; no mark, so it runs in every `make test`."""

from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from teilhabe.associations.tests.factories import MembershipFactory
from teilhabe.network.tests.factories import full_service
from teilhabe.programme.tests.factories import OfferFactory, SessionFactory
from teilhabe.rooms.models import Booking, Room
from teilhabe.volunteers.tests.factories_roles import OpenRoleFactory

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES = 20
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def api_schema():
    # The WSGI handler would close the test's database connection after each request (the
    # test client keeps it open the same way: by leaving these signals out).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def some_data(staff_user):
    room = Room.objects.create(name_de="Saal", floor=0, area_m2=80, capacity=60)
    offer = OfferFactory(slug="sprachcafe")
    SessionFactory(offer=offer, room=room)
    MembershipFactory(association=offer.lead_association, role="admin")
    OpenRoleFactory()
    booking = Booking.objects.create(
        room=room,
        association=offer.lead_association,
        purpose="Probe",
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
    )
    service = full_service()
    known = {"slug": offer.slug, "id": room.pk, "uuid": str(service.organization.uuid)}
    return Token.objects.create(user=staff_user).key, known, booking


def _operations(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert operations
    return operations


def _fuzz(operation, headers: dict, known: dict, mode=GenerationMode.POSITIVE) -> None:
    """Random path values (mostly not found), then the path values of the data there is."""
    names = {p.name for p in operation.path_parameters}
    _run(operation, headers, mode=mode)
    if names:
        known_values = {name: known[name] for name in names if name in known}
        _run(operation, headers, known_values, mode=mode)


def _run(operation, headers: dict, path_parameters: dict | None = None, *, mode) -> None:
    # Invalid input (negative mode) only has to be refused without a server error; its
    # answers are not in the schema.
    checks = CHECKS if mode == GenerationMode.POSITIVE else [not_a_server_error]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    try:
        run()
    except Unsatisfiable:
        # Nothing of the request can be made invalid (no body, path values fixed).
        if mode == GenerationMode.POSITIVE:
            raise


def test_every_read_survives_fuzzing_and_answers_as_documented(api_schema, some_data):
    reads = [op for op in _operations(api_schema) if op.method.upper() == "GET"]

    assert len(reads) >= 10
    token, known, _booking = some_data
    for operation in reads:
        _fuzz(operation, {}, known)
        if "bookings" in operation.path or "counselling" in operation.path:
            _fuzz(operation, {"Authorization": f"Token {token}"}, known)


def test_every_write_survives_fuzzing_with_a_staff_token(api_schema, some_data):
    writes = [op for op in _operations(api_schema) if op.method.upper() != "GET"]

    assert writes
    token, known, booking = some_data
    for operation in writes:
        path_values = {**known, "id": booking.pk} if "bookings" in operation.path else known
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, {"Authorization": f"Token {token}"}, path_values, mode)
