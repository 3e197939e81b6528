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
