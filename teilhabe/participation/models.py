"""The ideas board: ideas for new offers or activities proposed by anyone, supported with one
click, commented on, moderated by staff and adopted by an association or a volunteer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association
from teilhabe.core.models import TimeStampedModel
from teilhabe.programme.models import Offer


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    DISCUSSION = "discussion", _("Under discussion")
    ADOPTED = "adopted", _("Adopted")
    REALISED = "realised", _("Realised")
    NOT_POSSIBLE = "not_possible", _("Not possible")


OPEN_STATUSES = (IdeaStatus.NEW, IdeaStatus.DISCUSSION)
SUPPORTABLE_STATUSES = (IdeaStatus.NEW, IdeaStatus.DISCUSSION, IdeaStatus.ADOPTED)


class Idea(TimeStampedModel):
    """An idea for a new offer or activity, in the language it was written in."""

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("idea"), max_length=5000)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    proposer_name = models.CharField(_("name"), max_length=150, blank=True)
    proposer_email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Only if you want to be told what becomes of the idea."),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=IdeaStatus, default=IdeaStatus.NEW
    )
    status_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    staff_answer = models.TextField(_("answer of the centre"), max_length=5000, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("merged into"),
    )
    adopted_by_association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_ideas",
        verbose_name=_("adopted by association"),
    )
    adopted_by_volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_ideas",
        limit_choices_to={"role": "volunteer"},
        verbose_name=_("adopted by volunteer"),
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("resulting offer"),
    )
    adoption_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    realisation_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["is_hidden", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_possible") | ~Q(status_reason=""),
                name="idea_not_possible_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(adopted_by_association__isnull=True)
                | Q(adopted_by_volunteer__isnull=True),
                name="idea_adopted_by_one",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=models.F("pk")),
                name="idea_not_merged_into_itself",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:idea-detail", kwargs={"pk": self.pk})

    @property
    def text_direction(self) -> str:
        return "rtl" if self.language in settings.LANGUAGES_BIDI else "ltr"

    @property
    def is_adopted(self) -> bool:
        return (
            self.adopted_by_association_id is not None or self.adopted_by_volunteer_id is not None
        )

    @property
    def is_supportable(self) -> bool:
        return (
            self.status in SUPPORTABLE_STATUSES and not self.merged_into_id and not self.is_hidden
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES and not self.merged_into_id and not self.is_hidden


class Support(models.Model):
    """One person's support of an idea. The supporter is a random id from a signed cookie
    (or "user:<id>" for a logged-in person); the client address only as a keyed hash per idea
    (it cannot be compared across ideas). An e-mail address only if they want to be told."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idea")
    )
    supporter_key = models.CharField(max_length=80, editable=False)
    address_hash = models.CharField(max_length=64, blank=True, editable=False)
    contact_email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Only if you want to be told when the idea is adopted and realised."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "supporter_key"], name="support_once_per_supporter"
            )
        ]
        indexes = [models.Index(fields=["idea", "address_hash"])]

    def __str__(self):
        return f"{self.idea} ({self.created_at:%Y-%m-%d})"


class Comment(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea")
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    text = models.TextField(_("comment"), max_length=3000)
    language = models.CharField(
        _("written in"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def text_direction(self) -> str:
        return "rtl" if self.language in settings.LANGUAGES_BIDI else "ltr"
