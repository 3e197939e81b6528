from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from teilhabe.core.markup import render_markdown
from teilhabe.core.models import TimeStampedModel

from .validators import validate_logo


class Association(TimeStampedModel):
    """A member association of the house (Verein)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("address in the web"), max_length=80, unique=True)
    short_description = models.CharField(_("short description"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: *emphasis*, lists and links.")
    )
    description_html = models.TextField(editable=False, blank=True)
    is_migrant_organisation = models.BooleanField(
        _("migrant organisation"),
        default=False,
        help_text=_("Founded and run by people who immigrated."),
    )
    languages = models.JSONField(_("languages used"), default=list, blank=True)
    countries_of_origin = CountryField(
        _("countries of origin of members"), multiple=True, blank=True
    )
    founding_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to="associations/logos/", blank=True, validators=[validate_logo]
    )
    is_active = models.BooleanField(_("active member of the house"), default=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("associations:association-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            source = getattr(self, f"description_{code}", None)
            setattr(self, f"description_html_{code}", render_markdown(source) if source else "")
        super().save(*args, **kwargs)


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Association admin")
    MEMBER = "member", _("Member")


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole, default=MembershipRole.MEMBER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "association"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} – {self.association} ({self.get_role_display()})"


class CooperationAgreement(models.Model):
    """One version of the cooperation agreement (Kooperationsvereinbarung). The newest
    published version is the one in force; publishing a new one asks everyone to sign again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), help_text=_("Markdown: headings, lists and emphasis."))
    text_html = models.TextField(editable=False, blank=True)
    change_summary = models.CharField(_("what changed"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreement versions")
        ordering = ["-version"]
        get_latest_by = "version"

    def __str__(self):
        return f"{self.title} ({_('version')} {self.version})"

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            source = getattr(self, f"text_{code}", None)
            setattr(self, f"text_html_{code}", render_markdown(source) if source else "")
        super().save(*args, **kwargs)


class Signature(models.Model):
    """An association's signature of one version, given in the app by one of its admins."""

    agreement = models.ForeignKey(
        CooperationAgreement,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("agreement version"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("association"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signatory_name = models.CharField(_("signed in the name of"), max_length=150)
    signed_at = models.DateTimeField(_("signed"))

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "association"], name="one_signature_per_version"
            )
        ]

    def __str__(self):
        return f"{self.association} – v{self.agreement.version}"
