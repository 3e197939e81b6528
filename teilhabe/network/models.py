"""The partners of the city's integration network, modelled on Open Referral HSDS 3.0: an
organization offers services at locations, with phones, opening hours (schedules) and the
languages spoken. Every object has a stable UUID, the `id` of HSDS, used by export and import."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import TimeStampedModel

# The districts (Stadtteile) of the city: a setting; Erfurt's when the setting is absent.
DEFAULT_DISTRICTS = (
    "Altstadt",
    "Andreasvorstadt",
    "Brühlervorstadt",
    "Daberstedt",
    "Herrenberg",
    "Hochheim",
    "Ilversgehofen",
    "Johannesvorstadt",
    "Krämpfervorstadt",
    "Löbervorstadt",
    "Melchendorf",
    "Moskauer Platz",
    "Roter Berg",
    "Rieth",
    "Wiesenhügel",
)


def district_names() -> tuple[str, ...]:
    return tuple(getattr(settings, "NETWORK_DISTRICTS", DEFAULT_DISTRICTS))


class ServiceType(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    COURSES = "courses", _("Courses")
    LEGAL_HELP = "legal_help", _("Legal help")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    WORK = "work", _("Work")
    OTHER = "other", _("Other")


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")


class Weekday(models.TextChoices):
    """The iCalendar day codes HSDS uses in `byday`."""

    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


WEEKDAY_ORDER = {code: index for index, code in enumerate(Weekday.values)}


class PhoneType(models.TextChoices):
    VOICE = "voice", _("phone")
    CELL = "cell", _("mobile")
    FAX = "fax", _("fax")
    TEXT = "text", _("text messages")


class Organization(TimeStampedModel):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_in_house = models.BooleanField(
        _("in the house"), default=False, help_text=_("An association or service of the centre.")
    )
    association = models.ForeignKey(
        "associations.Association",
        verbose_name=_("association of the house"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_organizations",
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        blank=True,
        related_name="edited_network_organizations",
        help_text=_("People of this partner who may update its entry."),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ("name", "pk")

    def __str__(self):
        return self.name


class Service(TimeStampedModel):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    service_type = models.CharField(
        _("type of service"), max_length=20, choices=ServiceType.choices
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("name", "pk")

    def __str__(self):
        return self.name


class Location(TimeStampedModel):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="locations",
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    district = models.CharField(_("district"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ("name", "pk")

    def __str__(self):
        return self.name


class ServiceAtLocation(models.Model):
    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )

    class Meta:
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")
        constraints = [
            models.UniqueConstraint(fields=("service", "location"), name="network_sal_unique")
        ]

    def __str__(self):
        return f"{self.service} @ {self.location}"


class Phone(models.Model):
    """A phone number of an organization, a service or a location (exactly one)."""

    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=50)
    type = models.CharField(
        _("kind"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                name="network_phone_one_owner",
                condition=(
                    models.Q(
                        organization__isnull=False, service__isnull=True, location__isnull=True
                    )
                    | models.Q(
                        organization__isnull=True, service__isnull=False, location__isnull=True
                    )
                    | models.Q(
                        organization__isnull=True, service__isnull=True, location__isnull=False
                    )
                ),
            )
        ]

    def __str__(self):
        return self.number


class Schedule(models.Model):
    """Weekly opening hours on one weekday (HSDS: freq WEEKLY, byday, opens_at, closes_at) of a
    service or a location (exactly one)."""

    uuid = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    byday = models.CharField(_("weekday"), max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    description = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ("pk",)
        constraints = [
            models.CheckConstraint(
                name="network_schedule_one_owner",
                condition=(
                    models.Q(service__isnull=False, location__isnull=True)
                    | models.Q(service__isnull=True, location__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="network_schedule_opens_before_closing",
                condition=models.Q(opens_at__lt=models.F("closes_at")),
            ),
        ]

    def __str__(self):
        return f"{self.byday} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
