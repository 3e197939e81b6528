"""The sample ideas board: several languages, supports, one idea adopted and linked to a
sample offer, one not possible with a reason; loaded twice without changes."""

from io import StringIO

import pytest
from django.core.management import call_command

from teilhabe.core.samples import SampleContext
from teilhabe.participation import sample
from teilhabe.participation.models import Idea, IdeaStatus, Support

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(
        Idea.objects.values_list("title", "status", "updated_at")
    ), Support.objects.count()


def test_the_sample_ideas_load_twice_without_changes():
    call_command("load_sample_centre", stdout=StringIO())
    first = snapshot()
    sample.build(SampleContext(password="x"))
    assert snapshot() == first
    assert Idea.objects.count() == len(sample.IDEAS)
    assert Idea.objects.values("language").distinct().count() >= 4
    assert Support.objects.count() == sum(entry[4] for entry in sample.IDEAS)
    assert not Support.objects.exclude(contact_email="").exists()
    adopted = Idea.objects.get(title=sample.ADOPTED)
    assert adopted.adopted_by_association is not None
    assert adopted.adopted_offer.slug == sample.ADOPTED_OFFER
    assert adopted.status in (IdeaStatus.ADOPTED, IdeaStatus.REALISED)
    impossible = Idea.objects.get(title=sample.NOT_POSSIBLE)
    assert impossible.status == IdeaStatus.NOT_POSSIBLE and impossible.status_reason
