from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed as _ensure

from .models import Association, CooperationAgreement, Membership, MembershipRole, Signature


@transaction.atomic
def create_association(*, by, **fields) -> Association:
    _ensure(by, "associations.add_association")
    association = Association(**fields)
    association.full_clean()
    association.save()
    return association


@transaction.atomic
def update_association(*, association: Association, by, **fields) -> Association:
    _ensure(by, "associations.change_association", association)
    for name, value in fields.items():
        setattr(association, name, value)
    association.full_clean()
    association.save()
    return association


@transaction.atomic
def add_member(*, association: Association, user, role: str = MembershipRole.MEMBER, by):
    _ensure(by, "associations.change_association", association)
    membership, _created = Membership.objects.update_or_create(
        user=user, association=association, defaults={"role": role}
    )
    return membership


@transaction.atomic
def publish_agreement_version(
    *, by, title: dict[str, str], text: dict[str, str], change_summary: dict[str, str] | None = None
) -> CooperationAgreement:
    """Publish a new version; every association is asked (by e-mail to its admins) to sign
    it again. Texts are given per language code; German is required."""
    _ensure(by, "associations.publish_agreement")
    if not title.get("de") or not text.get("de"):
        raise ValidationError(_("The agreement needs a German title and text."))
    # Lock the newest version row so two staff publishing at once cannot take one number.
    latest = CooperationAgreement.objects.select_for_update().order_by("-version").first()
    next_version = (latest.version if latest else 0) + 1
    agreement = CooperationAgreement(
        version=next_version, published_at=timezone.now(), published_by=by
    )
    for field, values in (("title", title), ("text", text), ("change_summary", change_summary)):
        for code, value in (values or {}).items():
            setattr(agreement, f"{field}_{code}", value)
    agreement.full_clean()
    agreement.save()
    _ask_associations_to_sign(agreement)
    return agreement


def _ask_associations_to_sign(agreement: CooperationAgreement) -> None:
    memberships = Membership.objects.filter(
        role=MembershipRole.ADMIN, association__is_active=True, user__is_active=True
    ).select_related("user", "association")
    for membership in memberships:
        send_templated_email(
            to=[membership.user.email],
            subject_template="associations/email/sign_again_subject.txt",
            body_template="associations/email/sign_again.txt",
            context={"agreement": agreement, "membership": membership},
            language=membership.user.preferred_language,
        )


@transaction.atomic
def sign_agreement(*, association: Association, by, version: int | None = None) -> Signature:
    """The association, through one of its admins, signs the version in force. A stale
    form that names an older version is refused rather than signing something unread."""
    _ensure(by, "associations.sign_agreement", association)
    current = CooperationAgreement.objects.aggregate(v=Max("version"))["v"]
    if current is None:
        raise ValidationError(_("There is no agreement to sign yet."))
    if version is not None and version != current:
        raise ValidationError(
            _("A newer version of the agreement has been published. Please read it first.")
        )
    agreement = CooperationAgreement.objects.get(version=current)
    if Signature.objects.filter(agreement=agreement, association=association).exists():
        raise ValidationError(
            _("%(name)s has already signed this version.") % {"name": association}
        )
    try:
        with transaction.atomic():
            return Signature.objects.create(
                agreement=agreement,
                association=association,
                signed_by=by,
                signatory_name=by.display_name,
                signed_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s has already signed this version.") % {"name": association}
        ) from None
