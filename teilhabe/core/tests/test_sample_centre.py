from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from teilhabe.accounts.models import Role, User
from teilhabe.associations.models import Association, CooperationAgreement, Membership, Signature
from teilhabe.core.models import Centre
from teilhabe.rooms.models import Room
from teilhabe.volunteers.models import VolunteerProfile


def load() -> str:
    out = StringIO()
    call_command("load_sample_centre", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "users": sorted(User.objects.values_list("email", "role", "display_name")),
        "associations": sorted(Association.objects.values_list("slug", "name", "updated_at")),
        "memberships": Membership.objects.count(),
        "signatures": sorted(Signature.objects.values_list("association__slug", "signed_at")),
        "rooms": sorted(Room.objects.values_list("name_de", "area_m2", "capacity")),
        "volunteers": sorted(VolunteerProfile.objects.values_list("user__email", "languages")),
        "agreements": CooperationAgreement.objects.count(),
    }


@pytest.mark.django_db
def test_sample_centre_matches_the_model_centre_and_loads_idempotently():
    output = load()
    first = snapshot()
    load()
    assert snapshot() == first

    assert Centre.current().is_sample
    associations = Association.objects.all()
    assert associations.count() == 6
    assert associations.filter(is_migrant_organisation=True).count() == 4
    agreement = CooperationAgreement.objects.get()
    assert Signature.objects.filter(agreement=agreement).count() == 6
    assert User.objects.filter(role=Role.STAFF).count() == 2
    volunteers = VolunteerProfile.objects.all()
    assert 35 <= volunteers.count() <= 45
    assert len({tuple(v.language_codes) for v in volunteers}) >= 5
    total_area = sum((room.area_m2 for room in Room.objects.all()), Decimal(0))
    assert Decimal(900) <= total_area <= Decimal(1100)
    assert Room.objects.filter(is_step_free=True).exists()
    assert Room.objects.filter(equipment__isnull=False).exists()

    for role in (
        "administrator",
        "staff",
        "counsellor",
        "participant",
        "volunteer",
        "association admin",
        "association member",
    ):
        assert f"  {role} " in output, role
    assert "password for all" in output


@pytest.mark.django_db
def test_every_sample_login_works(client, settings):
    output = load()
    emails = [line.split()[-1] for line in output.splitlines() if "@" in line]
    assert len(emails) == 7
    for email in emails:
        response = client.post(
            "/de/account/login/", {"username": email, "password": settings.SAMPLE_PASSWORD}
        )
        assert response.status_code == 302, email
        assert client.session.get("_auth_user_id"), email
        client.post("/de/account/logout/")
