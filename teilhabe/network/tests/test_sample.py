import pytest

from teilhabe.core.samples import SampleContext
from teilhabe.network import sample
from teilhabe.network.hsds import SCHEMA, export_directory
from teilhabe.network.models import Organization, Service

pytestmark = pytest.mark.django_db


def test_the_sample_network_is_marked_valid_hsds_and_loads_once(association):
    import jsonschema

    context = SampleContext(password="sample-password-123")
    sample.build(context)
    partners = Organization.objects.filter(is_in_house=False)
    assert partners.count() == 10
    assert all(o.is_sample for o in Organization.objects.all())
    in_house = Organization.objects.get(is_in_house=True)
    assert in_house.association == association
    assert Service.objects.filter(service_type="legal_help").exists()
    jsonschema.validate(
        export_directory(), SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    counts = (Organization.objects.count(), Service.objects.count())
    sample.build(context)
    assert (Organization.objects.count(), Service.objects.count()) == counts
