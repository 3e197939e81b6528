from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

CENTRE_CACHE_KEY = "core:centre"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Centre(models.Model):
    """The one centre this installation runs (a singleton row)."""

    name = models.CharField(_("name"), max_length=200, default="Teilhabe")
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Marks every page as showing invented sample data."),
    )

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centre")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CENTRE_CACHE_KEY)

    @classmethod
    def current(cls) -> "Centre":
        centre = cache.get(CENTRE_CACHE_KEY)
        if centre is None:
            centre = cls.objects.filter(pk=1).first() or cls()
            cache.set(CENTRE_CACHE_KEY, centre, 300)
        return centre
