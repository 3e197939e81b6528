from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association
from teilhabe.core.models import RecurringRule


class Equipment(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100)
    floor = models.SmallIntegerField(_("floor"), help_text=_("0 is the ground floor."))
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=6, decimal_places=1, validators=[MinValueValidator(1)]
    )
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"))
    equipment = models.ManyToManyField(
        Equipment, blank=True, related_name="rooms", verbose_name=_("equipment")
    )
    is_step_free = models.BooleanField(_("step-free access"), default=False)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("set-up and clean-up time (minutes)"),
        default=0,
        help_text=_("Kept free before and after every booking of this room."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["floor", "name"]

    def __str__(self):
        return self.name


class Closure(models.Model):
    """Days on which the house (or one room) is closed: holidays, maintenance."""

    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200)
    room = models.ForeignKey(
        Room,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closures",
        verbose_name=_("room"),
        help_text=_("Empty: the whole house is closed."),
    )

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="closure_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.reason} ({self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y})"


class OpeningHours(models.Model):
    """When the house is open, per weekday (several ranges per day are allowed)."""

    weekday = models.PositiveSmallIntegerField(
        _("weekday"), validators=[MaxValueValidator(6)], help_text=_("0 is Monday.")
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="opening_hours_close_after_open"
            )
        ]

    def __str__(self):
        return f"{self.weekday}: {self.opens:%H:%M}–{self.closes:%H:%M}"


class BookingKind(models.TextChoices):
    MANUAL = "manual", _("Booking")
    SESSION = "session", _("Programme")
    OFFICE_HOURS = "office_hours", _("Office hours")
    PLANNER = "planner", _("Semester plan")


class BookingSeries(RecurringRule):
    """A recurring booking: the same rule machinery as the programme's schedules."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="series")
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_series",
        verbose_name=_("for association"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking series")
        verbose_name_plural = _("booking series")

    def __str__(self):
        return f"{self.purpose} – {self.room}"


class Booking(models.Model):
    """Who is in which room when — the one source of truth, for manual bookings, the
    programme's sessions and counselling office hours alike. On PostgreSQL an exclusion
    constraint (migration 0003) makes overlapping active bookings of a room impossible."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("for association"),
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=BookingKind, default=BookingKind.MANUAL
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    # The time the room is held, with its set-up and clean-up buffer on both sides.
    blocked_from = models.DateTimeField(editable=False)
    blocked_until = models.DateTimeField(editable=False)
    series = models.ForeignKey(
        BookingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("series"),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["room", "blocked_from", "blocked_until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M} – {self.purpose}"

    def save(self, *args, **kwargs):
        self.set_blocked_time()
        super().save(*args, **kwargs)

    def set_blocked_time(self) -> None:
        buffer = timedelta(minutes=self.room.buffer_minutes)
        self.blocked_from = self.starts_at - buffer
        self.blocked_until = self.ends_at + buffer


from .planner.models import *  # noqa: E402,F403
