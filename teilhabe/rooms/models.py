from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


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
