"""No overbooking: parallel registrations and cancellations on PostgreSQL (threads, one
connection each), and the same invariants sequentially on SQLite."""

import pytest

from teilhabe.core.testing import all_in_parallel
from teilhabe.programme import services
from teilhabe.programme.models import Registration

from .factories import OfferFactory

CAPACITY = 10
VISITORS = 50


def register(offer, number):
    return services.register_for_offer(
        offer=offer, name=f"Visitor {number}", email=f"visitor{number}@example.org"
    )


def cancel(registration):
    return services.cancel_registration(registration=registration)


def confirmed_persons(offer) -> int:
    return sum(
        Registration.objects.filter(offer=offer, status="confirmed").values_list(
            "persons", flat=True
        )
    )


def waiting_in_order(offer) -> list[Registration]:
    return list(Registration.objects.filter(offer=offer, status="waiting").order_by("pk"))


def assert_registration_invariants(offer):
    registrations = list(Registration.objects.filter(offer=offer))
    assert len(registrations) == VISITORS
    assert confirmed_persons(offer) == CAPACITY
    assert sum(1 for r in registrations if r.status == "waiting") == VISITORS - CAPACITY
    # Places go first come, first served: every confirmed registration came before every
    # waiting one, and the waiting list's order (created_at) is the order of arrival (pk).
    confirmed = [r for r in registrations if r.status == "confirmed"]
    waiting = waiting_in_order(offer)
    assert max(r.created_at for r in confirmed) <= min(r.created_at for r in waiting)
    assert [r.pk for r in waiting] == [
        r.pk for r in sorted(waiting, key=lambda r: (r.created_at, r.pk))
    ]


def assert_cancellation_invariants(offer, cancelled, waiting_before, promoted_lists):
    promoted = [registration.pk for result in promoted_lists for registration in result]
    assert confirmed_persons(offer) == CAPACITY
    assert len(promoted) == len(set(promoted)) == len(cancelled)  # nobody promoted twice
    # The first ten waiting moved up, whatever order the cancellations ran in.
    assert set(promoted) == {r.pk for r in waiting_before[: len(cancelled)]}
    assert (
        Registration.objects.filter(pk__in=[r.pk for r in cancelled])
        .exclude(status="cancelled")
        .count()
        == 0
    )
    assert [r.pk for r in waiting_in_order(offer)] == [
        r.pk for r in waiting_before[len(cancelled) :]
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_and_cancellations_never_overbook():
    offer = OfferFactory(registration=True, capacity=CAPACITY)

    registrations = all_in_parallel(lambda number: register(offer, number), range(VISITORS))

    assert sorted(r.status for r in registrations).count("confirmed") == CAPACITY
    assert_registration_invariants(offer)

    waiting_before = waiting_in_order(offer)
    to_cancel = list(Registration.objects.filter(offer=offer, status="confirmed"))
    promoted_lists = all_in_parallel(cancel, to_cancel)

    assert_cancellation_invariants(offer, to_cancel, waiting_before, promoted_lists)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_of_the_same_registration_promote_once():
    offer = OfferFactory(registration=True, capacity=1)
    confirmed = register(offer, 0)
    waiting = [register(offer, number) for number in range(1, 4)]

    promoted_lists = all_in_parallel(cancel, [confirmed] * 10)

    promoted = [registration.pk for result in promoted_lists for registration in result]
    assert promoted == [waiting[0].pk]
    assert confirmed_persons(offer) == 1


@pytest.mark.django_db
def test_the_same_invariants_hold_one_after_another():
    """The SQLite path (and any single process): registrations and cancellations in a row."""
    offer = OfferFactory(registration=True, capacity=CAPACITY)
    for number in range(VISITORS):
        register(offer, number)
    assert_registration_invariants(offer)

    waiting_before = waiting_in_order(offer)
    to_cancel = list(Registration.objects.filter(offer=offer, status="confirmed"))
    promoted_lists = [cancel(registration) for registration in to_cancel]

    assert_cancellation_invariants(offer, to_cancel, waiting_before, promoted_lists)
