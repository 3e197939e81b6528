"""Counselling office hours. What a person says in counselling is among the most sensitive data
a city holds, so the models keep two worlds apart:

- `Appointment` holds the few personal details a booking needs (a first name or pseudonym, one
  way to be reached, the language) and the counsellor's encrypted case note. It is deleted a
  configurable time after the appointment.
- `CounsellingRecord` is its anonymous shadow (service, topic, language, month, walk-in or not,
  interpreter or not, outcome). It has no link back, outlives the appointment and feeds the
  statistics."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import RecurringRule, TimeStampedModel
from teilhabe.rooms.models import Room

from .fields import EncryptedTextField


class Service(TimeStampedModel):
    """A counselling service with office hours in the house (MBE, refugee service, …)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(
        _("provided by"), max_length=200, blank=True, help_text=_("e.g. the welfare association")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("counselling service")
        verbose_name_plural = _("counselling services")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="topics", verbose_name=_("service")
    )
    name = models.CharField(_("topic"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["service", "position", "name"]

    def __str__(self):
        return self.name


class Counsellor(models.Model):
    """A person who counsels for a service, and the languages they counsel in."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="counsellors", verbose_name=_("service")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselling_roles",
        verbose_name=_("person"),
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("counsellor")
        verbose_name_plural = _("counsellors")
        constraints = [
            models.UniqueConstraint(fields=["service", "user"], name="one_counsellor_per_service")
        ]

    def __str__(self):
        return str(self.user)


class OfficeHoursMode(models.TextChoices):
    APPOINTMENTS = "appointments", _("by appointment")
    WALK_IN = "walk_in", _("open for walk-ins")


class OfficeHours(RecurringRule, TimeStampedModel):
    """Recurring office hours of a service in a room of the house."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="office_hours", verbose_name=_("service")
    )
    mode = models.CharField(_("kind"), max_length=12, choices=OfficeHoursMode)
    room = models.ForeignKey(
        Room,
        on_delete=models.PROTECT,
        related_name="office_hours",
        verbose_name=_("room"),
    )
    counsellors = models.ManyToManyField(
        Counsellor, related_name="office_hours", verbose_name=_("counsellors")
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per appointment"),
        default=45,
        validators=[MinValueValidator(10), MaxValueValidator(180)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["service", "starts_on", "start_time"]

    def __str__(self):
        return f"{self.service} – {self.get_mode_display()}"


class OfficeHoursDate(models.Model):
    """One date of office hours, materialised for a rolling horizon; its room is held through
    the house's bookings like every other use of a room."""

    office_hours = models.ForeignKey(
        OfficeHours, on_delete=models.CASCADE, related_name="dates", verbose_name=_("office hours")
    )
    rule_day = models.DateField(_("date of the rule"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booking = models.OneToOneField(
        "rooms.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="office_hours_date",
        editable=False,
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    has_room_conflict = models.BooleanField(_("room taken"), default=False, editable=False)

    class Meta:
        verbose_name = _("office hours date")
        verbose_name_plural = _("office hours dates")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at", "office_hours"])]
        constraints = [
            models.UniqueConstraint(
                fields=["office_hours", "rule_day"], name="one_office_hours_date_per_rule_day"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="office_hours_date_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.office_hours.service} {self.starts_at:%Y-%m-%d %H:%M}"


class UnavailabilityKind(models.TextChoices):
    BLOCKED = "blocked", _("blocked (no new appointments)")
    ABSENT = "absent", _("absent (appointments are cancelled)")


class Unavailability(models.Model):
    """Time a counsellor is not available for appointments, in every service they counsel for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="counselling_unavailability",
        verbose_name=_("counsellor"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=UnavailabilityKind)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["user", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="unavailability_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class Outcome(models.TextChoices):
    BOOKED = "booked", _("booked")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not come")
    CANCELLED = "cancelled", _("cancelled")
    LEFT = "left", _("left before being called")


class CounsellingRecord(models.Model):
    """The anonymous trace of one appointment or walk-in visit: nothing in it identifies a
    person, and nothing links it back to the appointment once that is deleted."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="records", verbose_name=_("service")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("topic"),
    )
    language = models.CharField(_("language"), max_length=10)
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    is_walk_in = models.BooleanField(_("walk-in"))
    needs_interpreter = models.BooleanField(_("interpreter needed"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    days_waited = models.PositiveSmallIntegerField(
        _("days from booking to appointment"), null=True, blank=True
    )
    minutes_waited = models.PositiveSmallIntegerField(
        _("minutes waited (walk-in)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("anonymous counselling record")
        verbose_name_plural = _("anonymous counselling records")
        indexes = [models.Index(fields=["service", "month"])]

    def __str__(self):
        return f"{self.service_id} {self.month:%Y-%m} {self.outcome}"


class Appointment(models.Model):
    """A booked appointment. Everything personal in it is deleted a configurable time after
    the appointment (COUNSELLING_RETENTION_DAYS); only its anonymous record remains."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("service")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("topic")
    )
    counsellor = models.ForeignKey(
        Counsellor,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("counsellor"),
    )
    office_hours_date = models.ForeignKey(
        OfficeHoursDate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    outcome = models.CharField(_("status"), max_length=10, choices=Outcome, default=Outcome.BOOKED)
    cancelled_by_service = models.BooleanField(default=False)
    # the person: only what a booking needs
    name = models.CharField(_("first name or pseudonym"), max_length=80)
    contact = models.CharField(_("e-mail or phone"), max_length=200)
    language = models.CharField(_("preferred language"), max_length=10)
    needs_interpreter = models.BooleanField(_("interpreter needed"), default=False)
    interpreter = models.CharField(
        _("interpreter"), max_length=100, blank=True, help_text=_("Who interprets, once found.")
    )
    code = models.CharField(_("booking code"), max_length=9, unique=True)
    # The cancellation link carries a secret token; only its hash is stored.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    note = EncryptedTextField(_("case note"), blank=True, max_length=2000)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    record = models.OneToOneField(
        CounsellingRecord, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["service", "starts_at"])]
        constraints = [
            # A counsellor sees one person at a time: under parallel bookings, the database
            # refuses the second one for the same counsellor and time.
            models.UniqueConstraint(
                fields=["counsellor", "starts_at"],
                condition=~Q(outcome="cancelled"),
                name="one_appointment_per_counsellor_and_time",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            ),
        ]

    def __str__(self):
        # What the audit trail shows as the object: the code, never the person.
        return f"{self._meta.verbose_name} {self.code}"

    @property
    def is_reached_by_email(self) -> bool:
        return "@" in self.contact

    @property
    def is_active(self) -> bool:
        return self.outcome == Outcome.BOOKED


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    CALLED = "called", _("called")
    SERVED = "served", _("served")
    LEFT = "left", _("left")


class WalkInTicket(models.Model):
    """A number drawn at the front desk for open office hours. It holds no personal data: the
    waiting screen shows numbers only."""

    office_hours_date = models.ForeignKey(
        OfficeHoursDate,
        on_delete=models.CASCADE,
        related_name="tickets",
        verbose_name=_("office hours"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("topic")
    )
    language = models.CharField(_("language"), max_length=10)
    needs_interpreter = models.BooleanField(_("interpreter needed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus, default=TicketStatus.WAITING
    )
    called_by = models.ForeignKey(
        Counsellor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    called_at = models.DateTimeField(null=True, blank=True)
    record = models.OneToOneField(
        CounsellingRecord, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("waiting number")
        verbose_name_plural = _("waiting numbers")
        ordering = ["office_hours_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["office_hours_date", "number"], name="one_ticket_number_per_date"
            )
        ]

    def __str__(self):
        return str(self.number)
