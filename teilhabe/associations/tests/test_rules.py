"""Each permission of the app, over every role."""

import pytest

from conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db

EXPECTED = {
    # role: (change own association, sign for it, publish agreement, see signature overview)
    "anonymous": (False, False, False, False),
    "participant": (False, False, False, False),
    "volunteer": (False, False, False, False),
    "counsellor": (False, False, False, False),
    "association_member": (False, False, False, False),
    "association_admin": (True, True, False, False),
    "other_association_admin": (False, False, False, False),
    "staff_user": (True, False, True, True),
    "administrator": (True, False, True, True),
}


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(ROLE_FIXTURES)


@pytest.mark.parametrize("user_in_role", ROLE_FIXTURES, indirect=True)
def test_association_permissions(request, association, user_in_role):
    role = request.node.callspec.params["user_in_role"]
    actual = (
        user_in_role.has_perm("associations.change_association", association),
        user_in_role.has_perm("associations.sign_agreement", association),
        user_in_role.has_perm("associations.publish_agreement"),
        user_in_role.has_perm("associations.view_signature_overview"),
    )
    assert actual == EXPECTED[role]
