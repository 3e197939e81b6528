"""No overbooking of trainings: parallel enrolments on PostgreSQL (threads, one connection
each)."""

import pytest

from teilhabe.core.testing import all_in_parallel
from teilhabe.volunteers import training_services as services
from teilhabe.volunteers.models import EnrolmentStatus, TrainingEnrolment

from .factories_trainings import TrainingFactory, VolunteerFactory

PLACES = 5
VOLUNTEERS = 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_enrolments_never_overbook():
    training = TrainingFactory(capacity=PLACES)
    volunteers = VolunteerFactory.create_batch(VOLUNTEERS)

    all_in_parallel(
        lambda volunteer: services.enrol(training=training, volunteer=volunteer), volunteers
    )

    enrolments = list(TrainingEnrolment.objects.filter(training=training))
    assert len(enrolments) == VOLUNTEERS
    confirmed = [e for e in enrolments if e.status == EnrolmentStatus.CONFIRMED]
    waiting = [e for e in enrolments if e.status == EnrolmentStatus.WAITING]
    assert len(confirmed) == PLACES
    assert len(waiting) == VOLUNTEERS - PLACES
    assert max(e.created_at for e in confirmed) <= min(e.created_at for e in waiting)
