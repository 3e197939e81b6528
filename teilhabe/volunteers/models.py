from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import TimeStampedModel


class VolunteerProfile(TimeStampedModel):
    """What a volunteer tells the centre about themselves, so that the right person can be
    asked for the right task."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("person"),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    associations = models.ManyToManyField(
        "associations.Association",
        blank=True,
        related_name="volunteers",
        verbose_name=_("associations they work with"),
    )

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return str(self.user)
