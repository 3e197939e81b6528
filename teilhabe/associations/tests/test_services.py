import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from teilhabe.associations import selectors, services
from teilhabe.associations.models import CooperationAgreement, Signature

from .factories import AgreementFactory, AssociationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "title": {"de": "Vereinbarung", "en": "Agreement"},
    "text": {"de": "Wir arbeiten **zusammen**.", "en": "We work **together**."},
}


def test_staff_publish_versions_that_count_up_and_render_markdown_once(staff_user):
    first = services.publish_agreement_version(by=staff_user, **TEXTS)
    second = services.publish_agreement_version(
        by=staff_user, **TEXTS, change_summary={"de": "Neu: Raumregeln"}
    )
    assert (first.version, second.version) == (1, 2)
    assert second.text_html_de == "<p>Wir arbeiten <strong>zusammen</strong>.</p>"
    assert second.text_html_en == "<p>We work <strong>together</strong>.</p>"
    assert second.published_by == staff_user
    assert selectors.current_agreement() == second


@pytest.mark.parametrize(
    "user_in_role",
    ["participant", "volunteer", "counsellor", "association_admin", "association_member"],
    indirect=True,
)
def test_only_staff_may_publish(user_in_role):
    with pytest.raises(PermissionDenied):
        services.publish_agreement_version(by=user_in_role, **TEXTS)
    assert not CooperationAgreement.objects.exists()


def test_a_version_needs_german_text(staff_user):
    with pytest.raises(ValidationError):
        services.publish_agreement_version(
            by=staff_user, title={"en": "Agreement"}, text={"en": "Text"}
        )
    assert not CooperationAgreement.objects.exists()


def test_publishing_asks_every_association_admin_to_sign_in_their_language(
    staff_user, django_capture_on_commit_callbacks
):
    arabic = MembershipFactory(role="admin", user__preferred_language="ar")
    german = MembershipFactory(role="admin", user__preferred_language="de")
    MembershipFactory(role="member")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agreement_version(by=staff_user, **TEXTS)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([arabic.user.email, german.user.email])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "1" in by_recipient[arabic.user.email].subject
    assert by_recipient[arabic.user.email].subject != by_recipient[german.user.email].subject


def test_association_admin_signs_the_current_version(association, association_admin):
    AgreementFactory(version=1)
    current = AgreementFactory(version=2)
    signature = services.sign_agreement(association=association, by=association_admin)
    assert signature.agreement == current
    assert signature.signed_by == association_admin
    assert signature.signatory_name == association_admin.display_name


def test_signing_twice_is_refused_with_a_message(association, association_admin):
    AgreementFactory()
    services.sign_agreement(association=association, by=association_admin)
    with translation.override("en"), pytest.raises(ValidationError, match="already signed"):
        services.sign_agreement(association=association, by=association_admin)
    assert Signature.objects.count() == 1


def test_signing_a_version_that_was_replaced_meanwhile_is_refused(association, association_admin):
    AgreementFactory(version=1)
    AgreementFactory(version=2)
    with translation.override("en"), pytest.raises(ValidationError, match="newer version"):
        services.sign_agreement(association=association, by=association_admin, version=1)
    assert not Signature.objects.exists()


def test_nothing_to_sign_before_a_first_version(association, association_admin):
    with pytest.raises(ValidationError):
        services.sign_agreement(association=association, by=association_admin)


@pytest.mark.parametrize(
    "user_in_role",
    ["association_member", "other_association_admin", "staff_user", "participant"],
    indirect=True,
)
def test_only_the_associations_own_admin_signs(association, user_in_role):
    AgreementFactory()
    with pytest.raises(PermissionDenied):
        services.sign_agreement(association=association, by=user_in_role)


def test_a_new_version_asks_everyone_to_sign_again(staff_user, association, association_admin):
    services.publish_agreement_version(by=staff_user, **TEXTS)
    services.sign_agreement(association=association, by=association_admin)
    other = AssociationFactory()
    _current, rows = selectors.signature_overview()
    assert {row.association: row.has_signed_current for row in rows} == {
        association: True,
        other: False,
    }
    services.publish_agreement_version(by=staff_user, **TEXTS)
    current, rows = selectors.signature_overview()
    assert current.version == 2
    by_association = {row.association: row for row in rows}
    assert not by_association[association].has_signed_current
    assert by_association[association].latest.agreement.version == 1
    assert by_association[other].latest is None


def test_association_admin_updates_only_their_own_association(
    association, association_admin, other_association_admin
):
    services.update_association(
        association=association, by=association_admin, short_description_de="Neu"
    )
    association.refresh_from_db()
    assert association.short_description_de == "Neu"
    with pytest.raises(PermissionDenied):
        services.update_association(
            association=association, by=other_association_admin, short_description_de="X"
        )


def test_staff_update_any_association(association, staff_user):
    services.update_association(
        association=association, by=staff_user, description_de="Mit *Betonung*"
    )
    association.refresh_from_db()
    assert association.description_html_de == "<p>Mit <em>Betonung</em></p>"


def test_an_invalid_update_changes_nothing(association, staff_user):
    with pytest.raises(ValidationError):
        services.update_association(association=association, by=staff_user, website="kein-link")
    association.refresh_from_db()
    assert association.website == ""
