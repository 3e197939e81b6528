from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.associations.models import Association
from teilhabe.associations.validators import validate_logo
from teilhabe.core.markup import render_markdown
from teilhabe.core.models import RecurringRule, TimeStampedModel
from teilhabe.rooms.models import Room


class Category(models.Model):
    """A kind of offer (counselling, language course, …); staff can add more."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class CostKind(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Fee")
    REDUCED = "reduced", _("Fee, reduced rate available")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("Just come along")
    OPEN = "open", _("Registration welcome")
    REQUIRED = "required", _("Registration required")


class RegistrationScope(models.TextChoices):
    OFFER = "offer", _("for the whole offer")
    SESSION = "session", _("for single dates")


class Offer(TimeStampedModel):
    """Something the joint programme offers, run by one association and any co-hosts."""

    slug = models.SlugField(_("address in the web"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: *emphasis*, lists and links.")
    )
    description_html = models.TextField(editable=False, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="offers", verbose_name=_("category")
    )
    lead_association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="led_offers",
        verbose_name=_("lead association"),
    )
    co_hosts = models.ManyToManyField(
        Association,
        blank=True,
        related_name="co_hosted_offers",
        verbose_name=_("co-hosting associations"),
    )
    languages = models.JSONField(_("held in"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    is_women_only = models.BooleanField(_("for women only"), default=False)
    is_for_families = models.BooleanField(_("for families"), default=False)
    is_for_children = models.BooleanField(_("for children"), default=False)
    cost_kind = models.CharField(_("cost"), max_length=10, choices=CostKind, default=CostKind.FREE)
    price = models.DecimalField(
        _("price (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    reduced_price = models.DecimalField(
        _("reduced price (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    is_step_free = models.BooleanField(_("step-free access"), default=False)
    has_childcare = models.BooleanField(_("childcare available"), default=False)
    registration_mode = models.CharField(
        _("registration"), max_length=10, choices=RegistrationMode, default=RegistrationMode.NONE
    )
    registration_scope = models.CharField(
        _("registration is"),
        max_length=10,
        choices=RegistrationScope,
        default=RegistrationScope.OFFER,
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    image = models.ImageField(
        _("image"), upload_to="offers/", blank=True, validators=[validate_logo]
    )
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus, default=OfferStatus.DRAFT
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_max__isnull=True)
                | Q(age_min__isnull=True)
                | Q(age_max__gte=models.F("age_min")),
                name="offer_age_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(registration_mode="none") | Q(capacity__isnull=False),
                name="offer_with_registration_has_places",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programme:offer-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        for code, _name in settings.LANGUAGES:
            source = getattr(self, f"description_{code}", None)
            setattr(self, f"description_html_{code}", render_markdown(source) if source else "")
        super().save(*args, **kwargs)

    @property
    def takes_registrations(self) -> bool:
        return self.status == OfferStatus.PUBLISHED and (
            self.registration_mode != RegistrationMode.NONE
        )

    @property
    def is_cohosted(self) -> bool:
        return bool(self.co_hosts.all())


class Schedule(RecurringRule):
    """When an offer takes place: a single date, or a weekly rule (on chosen weekdays, every n
    weeks, until a date or for a number of dates). Sessions are materialised from it."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("offer")
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("room"),
    )

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["starts_on", "start_time"]

    def __str__(self):
        return f"{self.offer} – {self.starts_on}"


class ExceptionKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")


class ScheduleException(models.Model):
    """One date of a schedule that does not happen as the rule says: cancelled or moved."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="exceptions", verbose_name=_("schedule")
    )
    day = models.DateField(_("date of the rule"))
    kind = models.CharField(_("what happens"), max_length=10, choices=ExceptionKind)
    moved_to = models.DateField(_("moved to"), null=True, blank=True)
    moved_start_time = models.TimeField(_("new start"), null=True, blank=True)
    moved_end_time = models.TimeField(_("new end"), null=True, blank=True)
    moved_room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("new room")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "day"], name="one_exception_per_date"),
            models.CheckConstraint(
                condition=Q(kind="cancelled") | Q(moved_to__isnull=False),
                name="moved_exception_has_a_date",
            ),
        ]

    def __str__(self):
        return f"{self.schedule}: {self.day} {self.get_kind_display()}"


class Session(models.Model):
    """One occurrence of an offer, materialised from its schedule for a rolling horizon."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("offer")
    )
    schedule = models.ForeignKey(
        Schedule,
        on_delete=models.CASCADE,
        related_name="sessions",
        null=True,
        blank=True,
        verbose_name=_("schedule"),
    )
    rule_day = models.DateField(_("date of the rule"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    is_moved = models.BooleanField(_("moved"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    # The room is held through the house's bookings, like every other use of a room.
    booking = models.OneToOneField(
        "rooms.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session",
        editable=False,
    )
    has_room_conflict = models.BooleanField(_("room taken"), default=False, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at", "offer"])]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "rule_day"], name="one_session_per_rule_day"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.offer} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def local_day(self):
        from django.utils import timezone

        return timezone.localdate(self.starts_at)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A visitor's registration for an offer or one session, with the minimum of data."""

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("offer")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("date"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    persons = models.PositiveSmallIntegerField(
        _("number of persons"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    needs_childcare = models.BooleanField(_("needs childcare"), default=False)
    needs_interpreting = models.BooleanField(_("needs interpreting"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["offer", "session", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="registration_can_be_reached"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.offer}"
