"""No overbooking of trainings: parallel enrolments on PostgreSQL (threads, one connection
each)."""

import threading

import pytest
from django.db import connection

from teilhabe.volunteers import training_services as services
from teilhabe.volunteers.models import EnrolmentStatus, TrainingEnrolment

from .factories_trainings import TrainingFactory, VolunteerFactory

PLACES = 5
VOLUNTEERS = 30


def in_parallel(function, arguments):
    """Run function(argument) for each argument in its own thread, all starting together."""
    barrier = threading.Barrier(len(arguments))
    results, errors = [None] * len(arguments), []

    def run(index, argument):
        try:
            barrier.wait(timeout=30)
            results[index] = function(argument)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, argument))
        for index, argument in enumerate(arguments)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    if errors:
        raise errors[0]
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_enrolments_never_overbook():
    training = TrainingFactory(capacity=PLACES)
    volunteers = VolunteerFactory.create_batch(VOLUNTEERS)

    in_parallel(
        lambda volunteer: services.enrol(training=training, volunteer=volunteer), volunteers
    )

    enrolments = list(TrainingEnrolment.objects.filter(training=training))
    assert len(enrolments) == VOLUNTEERS
    confirmed = [e for e in enrolments if e.status == EnrolmentStatus.CONFIRMED]
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    assert len(confirmed) == PLACES
    assert len(waiting) == VOLUNTEERS - PLACES
    assert max(e.created_at for e in confirmed) <= min(e.created_at for e in waiting)
