"""The sample funding: every status present, sample programmes marked, loaded idempotently and
quickly."""

import time
from io import StringIO

import pytest
from django.core.management import call_command

from teilhabe.core.samples import SampleContext
from teilhabe.funding import sample
from teilhabe.funding.models import (
    AdviceSession,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Funder,
    FunderLevel,
    FundingProgramme,
    Payment,
    ReportObligation,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "funders": sorted(Funder.objects.values_list("name", "level", "updated_at")),
        "programmes": sorted(FundingProgramme.objects.values_list("external_id", "updated_at")),
        "applications": sorted(
            Application.objects.values_list("association__slug", "title", "status", "updated_at")
        ),
        "events": ApplicationEvent.objects.count(),
        "obligations": sorted(
            ReportObligation.objects.values_list("application_id", "kind", "due_on", "submitted_on")
        ),
        "payments": Payment.objects.count(),
        "advice": AdviceSession.objects.count(),
        "offers": sorted(Application.offers.through.objects.values_list("pk", flat=True)),
    }


def test_the_sample_funding_loads_twice_without_changes():
    call_command("load_sample_centre", stdout=StringIO())
    first = snapshot()
    started = time.perf_counter()
    sample.build(SampleContext(password="x"))
    assert time.perf_counter() - started < 5
    assert snapshot() == first

    assert set(Application.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert Application.objects.values("association").distinct().count() == 6
    programmes = FundingProgramme.objects.all()
    assert 18 <= programmes.count() <= 25
    assert all(p.is_sample and "Beispieldaten" in p.notes for p in programmes)
    assert set(Funder.objects.values_list("level", flat=True)) == set(FunderLevel.values)
    assert 12 <= Funder.objects.count() <= 15
    assert Payment.objects.exists()
    assert ReportObligation.objects.filter(submitted_on__isnull=True).exists()
    assert AdviceSession.objects.filter(advisor__email=sample.SAMPLE_STAFF).exists()
    assert Application.offers.through.objects.exists()
    # every step went through the services: one event per step, chained
    for application in Application.objects.prefetch_related("events"):
        events = list(application.events.all())
        assert events[0].to_status == ApplicationStatus.IDEA
        assert events[-1].to_status == application.status


def test_the_sample_funding_alone_is_fast():
    call_command("load_sample_centre", stdout=StringIO())
    Application.objects.all().delete()
    started = time.perf_counter()
    sample.build(SampleContext(password="x"))
    assert time.perf_counter() - started < 5
    assert Application.objects.count() == len(sample.APPLICATIONS)
