from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .recurrence import Recurrence

CENTRE_CACHE_KEY = "core:centre"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class RecurringRule(models.Model):
    """A single date or a weekly rule (on chosen weekdays, every n weeks, until a date or for a
    number of dates), stored as a rule and expanded by `core.recurrence`."""

    starts_on = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    weekdays = models.JSONField(
        _("weekdays"), default=list, blank=True, help_text=_("Empty for a single date.")
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("every … weeks"), default=1, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    until = models.DateField(_("until"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("number of dates"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )

    class Meta:
        abstract = True

    @property
    def recurrence(self) -> Recurrence:
        return Recurrence(
            starts_on=self.starts_on,
            start_time=self.start_time,
            end_time=self.end_time,
            weekdays=tuple(self.weekdays or ()),
            interval_weeks=self.interval_weeks,
            until=self.until,
            count=self.count,
        )


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


def private_storage():
    """The storage of files that only permitted people download, through a view (see
    STORAGES["private"]); a callable, so that tests and deployments can swap it."""
    from django.core.files.storage import storages

    return storages["private"]
