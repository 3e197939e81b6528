import rules
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """What a person does in the centre. Association roles come from memberships."""

    PARTICIPANT = "participant", _("Participant")
    VOLUNTEER = "volunteer", _("Volunteer")
    COUNSELLOR = "counsellor", _("Counsellor")
    STAFF = "staff", _("Centre staff")
    ADMINISTRATOR = "administrator", _("Administrator")


CENTRE_STAFF_ROLES = {Role.STAFF, Role.ADMINISTRATOR}
# Apps whose data only administrators manage (accounts, security, the audit trail) …
ADMINISTRATOR_ONLY_APPS = {
    "accounts",
    "auth",
    "axes",
    "auditlog",
    "otp_totp",
    "otp_static",
    "django_celery_beat",
}
# … and apps whose content nobody reaches through a blanket role (counselling cases): access
# there comes only from the app's own object rules.
CONFIDENTIAL_APPS = {"counselling"}
MODEL_PERMISSION_PREFIXES = ("add_", "change_", "delete_", "view_")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("role", Role.PARTICIPANT)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(role=Role.ADMINISTRATOR, is_superuser=True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Login is by e-mail; only a name to be addressed by is
    asked for beside it."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=150,
        help_text=_("How the centre addresses you."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, default="de", help_text=_("For e-mails.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_staff(self) -> bool:
        """Access to the Django admin: centre staff and administrators."""
        return self.is_active and self.role in CENTRE_STAFF_ROLES

    @property
    def is_centre_staff(self) -> bool:
        return self.role in CENTRE_STAFF_ROLES

    def has_perm(self, perm, obj=None):
        """Staff hold Django's model permissions (add/change/delete/view) of the house's apps,
        administrators those of every app; all other permissions, and everything in
        confidential apps, come from the object rules alone."""
        if not self.is_active:
            return False
        app_label, _dot, codename = perm.partition(".")
        if app_label in CONFIDENTIAL_APPS:
            # Not super(): its superuser shortcut, and Django's ModelBackend, which grants a
            # superuser every model permission, would open these records wholesale.
            return rules.has_perm(perm, self, obj)
        if codename.startswith(MODEL_PERMISSION_PREFIXES):
            if self.role == Role.ADMINISTRATOR:
                return True
            if self.role == Role.STAFF and app_label not in ADMINISTRATOR_ONLY_APPS:
                return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        if self.is_active and app_label not in CONFIDENTIAL_APPS:
            if self.role == Role.ADMINISTRATOR:
                return True
            if self.role == Role.STAFF and app_label not in ADMINISTRATOR_ONLY_APPS:
                return True
        return super().has_module_perms(app_label)
