"""Writes of open roles ("Mitmachen") and offers to help: publish roles, receive offers, and
decide them after a first conversation."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from teilhabe.accounts.models import Role, User
from teilhabe.accounts.services import create_user
from teilhabe.associations.models import MembershipRole
from teilhabe.core.cache import invalidate_public_pages
from teilhabe.core.mail import send_templated_email
from teilhabe.core.permissions import ensure_allowed as _ensure

from .models import (
    ApplicationStatus,
    LanguageLevel,
    OpenRole,
    VolunteerApplication,
    VolunteerProfile,
)

SUPPORTED_LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr", "fa")


def _changed() -> None:
    transaction.on_commit(invalidate_public_pages)


@transaction.atomic
def save_role(*, role: OpenRole, by, required_topics=None) -> OpenRole:
    """Create or update a role (the form has put its values on the instance). Whoever saves
    must be allowed to manage the role as stored and as it will be."""
    if role.pk:
        _ensure(by, "volunteers.manage_role", OpenRole.objects.get(pk=role.pk))
    else:
        _ensure(by, "volunteers.add_role")
    _ensure(by, "volunteers.manage_role", role)
    role.full_clean()
    role.save()
    if required_topics is not None:
        role.required_topics.set(required_topics)
    _changed()
    return role


@transaction.atomic
def set_role_published(*, role: OpenRole, is_published: bool, by) -> OpenRole:
    _ensure(by, "volunteers.manage_role", role)
    role.is_published = is_published
    role.save(update_fields=["is_published", "updated_at"])
    _changed()
    return role


def _people_to_notify(role: OpenRole | None) -> list[str]:
    """The association's admins for a role of an association; centre staff otherwise (and
    when the association has no admin with an address)."""
    if role is not None and role.association_id:
        emails = list(
            User.objects.filter(
                is_active=True,
                memberships__association_id=role.association_id,
                memberships__role=MembershipRole.ADMIN,
            ).values_list("email", flat=True)
        )
        if emails:
            return emails
    return list(
        User.objects.filter(is_active=True, role__in=[Role.STAFF, Role.ADMINISTRATOR]).values_list(
            "email", flat=True
        )
    )


def _language(code: str) -> str:
    return code if code in SUPPORTED_LANGUAGES else "de"


@transaction.atomic
def offer_to_help(
    *,
    name: str,
    email: str = "",
    phone: str = "",
    languages: list[str] | None = None,
    message: str = "",
    language: str = "de",
    role: OpenRole | None = None,
) -> VolunteerApplication:
    """Anyone offers to help, for a published role or in general, with as little data as the
    first conversation needs."""
    if role is not None and not role.is_published:
        raise ValidationError(_("This role is no longer open."))
    if not (email or phone):
        raise ValidationError(_("Please give an e-mail address or a phone number."))
    application = VolunteerApplication(
        role=role,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        languages=list(languages or []),
        message=message,
        language=_language(language),
    )
    application.full_clean()
    application.save()
    context = {"application": application, "role": role, "base_url": settings.SITE_URL}
    recipients = _people_to_notify(role)
    if recipients:
        send_templated_email(
            to=recipients,
            subject_template="volunteers/email/application_received_subject.txt",
            body_template="volunteers/email/application_received.txt",
            context=context,
            language="de",
        )
    if application.email:
        send_templated_email(
            to=[application.email],
            subject_template="volunteers/email/application_confirmation_subject.txt",
            body_template="volunteers/email/application_confirmation.txt",
            context=context,
            language=application.language,
        )
    return application


def _password_link(user: User, language: str) -> str:
    with translation.override(language):
        return reverse(
            "accounts:password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )


def _volunteer_for(application: VolunteerApplication) -> tuple[User, bool]:
    """The account the accepted person uses: theirs if the address is known, else a new one
    without a password (they set it through the link in the acceptance mail)."""
    existing = (
        User.objects.filter(email__iexact=application.email).first() if application.email else None
    )
    if existing is not None:
        if existing.role == Role.PARTICIPANT:
            existing.role = Role.VOLUNTEER
            existing.save(update_fields=["role"])
        return existing, False
    if not application.email:
        raise ValidationError(
            _("To create an account we need an e-mail address. Please add one first.")
        )
    user = create_user(
        email=application.email,
        display_name=application.name,
        role=Role.VOLUNTEER,
        preferred_language=application.language,
    )
    return user, True


@transaction.atomic
def decide_application(
    *, application: VolunteerApplication, status: str, by
) -> VolunteerApplication:
    """Accept, decline or put on hold an offer to help, and tell the person in their language.
    Accepting makes them a volunteer with an account and a profile."""
    application = (
        VolunteerApplication.objects.select_for_update(of=("self",))
        .select_related("role")
        .get(pk=application.pk)
    )
    _ensure(by, "volunteers.decide_application", application)
    if status not in (
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.ON_HOLD,
    ):
        raise ValidationError(_("This decision does not exist."))
    if application.status == ApplicationStatus.ACCEPTED:
        raise ValidationError(_("This offer to help has already been accepted."))
    context = {
        "application": application,
        "role": application.role,
        "base_url": settings.SITE_URL,
    }
    if status == ApplicationStatus.ACCEPTED:
        user, is_new = _volunteer_for(application)
        profile, created = VolunteerProfile.objects.get_or_create(
            user=user,
            defaults={
                "languages": [
                    {"code": code, "level": LanguageLevel.GOOD} for code in application.languages
                ]
            },
        )
        if not created:
            known = set(profile.language_codes)
            added = [
                {"code": code, "level": LanguageLevel.GOOD}
                for code in application.languages
                if code not in known
            ]
            if added:
                profile.languages = [*profile.languages, *added]
                profile.save(update_fields=["languages", "updated_at"])
        if application.role and application.role.association_id:
            profile.associations.add(application.role.association_id)
        application.volunteer = user
        context.update(
            user=user,
            is_new_account=is_new,
            password_path=_password_link(user, application.language),
        )
    application.status = status
    application.decided_by = by
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_by", "decided_at", "volunteer"])
    if application.email:
        send_templated_email(
            to=[application.email],
            subject_template=f"volunteers/email/application_{status}_subject.txt",
            body_template=f"volunteers/email/application_{status}.txt",
            context=context,
            language=application.language,
        )
    return application
