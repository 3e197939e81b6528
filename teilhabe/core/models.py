import uuid

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
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


# --- tasks that outlive a broker outage, and the scheduler's record -----------------------------


class OutboxTask(models.Model):
    """A Celery task written in the same transaction as the change that needs it, so it exists
    exactly when that change commits; deleted once the broker has taken it (core.outbox).
    `next_attempt_at` is also a lease: until then nobody else publishes the row."""

    task_id = models.UUIDField(_("task id"), default=uuid.uuid4, unique=True, editable=False)
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True)
    options = models.JSONField(_("sending options"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("failed attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("task waiting for the queue")
        verbose_name_plural = _("tasks waiting for the queue")
        ordering = ["id"]

    def __str__(self):
        return f"{self.task_name} ({self.task_id})"


class ScheduledRun(models.Model):
    """One sending of a periodic task (django-celery-beat's PeriodicTask, by name) for one due
    time. Written in the transaction that claims the run, so two beats cannot both send it."""

    name = models.CharField(_("schedule entry"), max_length=200)
    task_name = models.CharField(_("task"), max_length=200)
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    task_id = models.UUIDField(_("task id"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "due_at"], name="scheduled_run_once_per_due_time"
            )
        ]

    def __str__(self):
        return f"{self.name} @ {self.due_at:%Y-%m-%d %H:%M:%S}"


class ScheduleSync(models.Model):
    """What CELERY_BEAT_SCHEDULE said about an entry when the scheduler last wrote it into the
    database: a changed setting is written again, an edit made in the database is kept."""

    name = models.CharField(_("schedule entry"), max_length=200, unique=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    synced_at = models.DateTimeField(_("synced at"), auto_now=True)

    class Meta:
        verbose_name = _("schedule entry from the settings")
        verbose_name_plural = _("schedule entries from the settings")

    def __str__(self):
        return self.name
