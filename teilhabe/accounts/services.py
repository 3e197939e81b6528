from typing import Any

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from teilhabe.core import personal_data
from teilhabe.core.audit import scrub_audit_trail
from teilhabe.core.cache import within_limit

from .models import Role, User

PASSWORD_RESET_MAILS_PER_DAY = 3


def may_send_password_reset(email: str) -> bool:
    """At most a few reset mails a day to one address, so the form cannot flood a mailbox.
    Counted in the shared cache (Redis in production), so it holds across web processes."""
    key = f"accounts:password-reset:{email.lower()}"
    return within_limit(key, PASSWORD_RESET_MAILS_PER_DAY, 60 * 60 * 24)


@transaction.atomic
def create_user(
    *,
    email: str,
    display_name: str,
    password: str | None = None,
    role: str = Role.PARTICIPANT,
    preferred_language: str = "de",
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account with this e-mail address already exists."))
    return User.objects.create_user(
        email=email,
        password=password,
        display_name=display_name,
        role=role,
        preferred_language=preferred_language,
    )


@transaction.atomic
def update_account(*, user: User, display_name: str, preferred_language: str) -> User:
    user.display_name = display_name
    user.preferred_language = preferred_language
    user.save(update_fields=["display_name", "preferred_language"])
    return user


@transaction.atomic
def change_role(*, user: User, role: str, by: User) -> User:
    if not (by.is_active and by.role == Role.ADMINISTRATOR):
        raise ValidationError(_("Only administrators can change roles."))
    user.role = User._meta.get_field("role").clean(role, user)  # one of Role, or refused
    user.save(update_fields=["role"])
    return user


def export_account(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.display_name,
        "role": user.role,
        "preferred_language": user.preferred_language,
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "two_factor_devices": [device.name for device in devices_for_user(user, confirmed=None)],
        "login_history": [
            {"at": log.attempt_time.isoformat(), "ip_address": log.ip_address}
            for log in AccessLog.objects.filter(username__iexact=user.email)
        ],
    }


def erase_account(user: User) -> None:
    """Anonymise the account row itself; it stays so that records such as an association's
    signature keep their shape, but nothing in it points to the person any more."""
    old_email = user.email
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=old_email).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = _("Deleted user")
    user.is_active = False
    user.set_unusable_password()
    user.save()


def export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the centre holds about a person, from every app that holds any."""
    return {source.name: source.export(user) for source in personal_data.sources()}


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Erase a person's data everywhere it is held, then scrub the audit trail's copies of
    the values it recorded about them (the fact of the changes remains)."""
    others = [s for s in personal_data.sources() if s.name != "account"]
    for source in others:
        source.erase(user)
    erase_account(user)
    scrub_audit_trail(User, [user.pk])
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None)


@transaction.atomic
def start_two_factor_setup(*, user: User):
    """A fresh, unconfirmed TOTP device; earlier unconfirmed ones are discarded."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def confirm_two_factor_setup(*, user: User, device) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def disable_two_factor(*, user: User) -> None:
    from django.conf import settings

    if user.role in settings.TWO_FACTOR_REQUIRED_ROLES:
        raise ValidationError(_("Your role requires two-factor authentication."))
    for device in devices_for_user(user, confirmed=None):
        device.delete()
