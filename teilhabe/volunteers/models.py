"""Volunteering: open roles anyone can apply to, volunteers' profiles, assignments, hours,
trainings with enrolment and attendance, certificates, and the community's translation help."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.associations.models import Association
from teilhabe.core.models import TimeStampedModel
from teilhabe.programme.models import Offer, RegistrationStatus, Session
from teilhabe.rooms.models import Room


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("native language")
    FLUENT = "fluent", _("fluent")
    GOOD = "good", _("good")
    BASIC = "basic", _("basic")


class VolunteerProfile(TimeStampedModel):
    """What a volunteer tells the centre about themselves, so that the right person can be
    asked for the right task."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
        verbose_name=_("person"),
    )
    # [{"code": "ar", "level": "native"}, …]
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    # [{"weekday": 0, "start": "16:00", "end": "20:00"}, …]
    availability = models.JSONField(_("available"), default=list, blank=True)
    associations = models.ManyToManyField(
        Association,
        blank=True,
        related_name="volunteers",
        verbose_name=_("associations they work with"),
    )
    # Given only if the person chooses to; used solely in aggregate statistics.
    has_migration_history = models.BooleanField(
        _("own migration history"), null=True, blank=True, default=None
    )
    migration_history_consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return str(self.user)

    @property
    def language_codes(self) -> list[str]:
        return [entry["code"] if isinstance(entry, dict) else entry for entry in self.languages]


class TrainingTopic(models.Model):
    """What a training is about (child protection, first aid, interpreting …); roles can
    require a topic before someone is assigned."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name


class RoleKind(models.TextChoices):
    ONE_OFF = "one_off", _("once")
    RECURRING = "recurring", _("regularly")


class OpenRole(TimeStampedModel):
    """A task the house looks for volunteers for ("Mitmachen")."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="open_roles",
        verbose_name=_("association"),
        help_text=_("Empty: the centre itself."),
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="open_roles",
        verbose_name=_("for the offer"),
    )
    kind = models.CharField(_("how often"), max_length=10, choices=RoleKind)
    when = models.CharField(_("when"), max_length=200, help_text=_("e.g. Tuesdays 16–18"))
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    skills = models.CharField(_("skills wanted"), max_length=300, blank=True)
    places = models.PositiveSmallIntegerField(
        _("people needed"), default=1, validators=[MinValueValidator(1)]
    )
    required_topics = models.ManyToManyField(
        TrainingTopic,
        blank=True,
        related_name="roles_requiring",
        verbose_name=_("training needed before starting"),
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("open role")
        verbose_name_plural = _("open roles")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("volunteers:role-detail", kwargs={"pk": self.pk})


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("new")
    ON_HOLD = "on_hold", _("on hold")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class VolunteerApplication(models.Model):
    """Someone offers to help, for one role or in general; after a first conversation staff or
    the association accept, decline or put it on hold, and the person is told."""

    role = models.ForeignKey(
        OpenRole,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("role"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus, default=ApplicationStatus.NEW
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_applications",
        verbose_name=_("volunteer account"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer to help")
        verbose_name_plural = _("offers to help")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="application_can_be_reached"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class AssignmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("asked")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("cancelled")


class Assignment(TimeStampedModel):
    """A volunteer asked to help at a time: at a session of an offer, in a role, or as an
    interpreter in office hours. Nobody is assigned to two places at the same time."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("volunteer"),
    )
    role = models.ForeignKey(
        OpenRole,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("role"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("date of an offer"),
    )
    title = models.CharField(_("what"), max_length=200)
    association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("association"),
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssignmentStatus, default=AssignmentStatus.PROPOSED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["volunteer", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="assignment_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.title}"


class HoursStatus(models.TextChoices):
    LOGGED = "logged", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("not confirmed")


class HoursEntry(models.Model):
    """Hours a volunteer gave; the association (or staff) confirms them."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="volunteer_hours",
        verbose_name=_("volunteer"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_hours",
        verbose_name=_("association"),
    )
    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("assignment"),
    )
    day = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(24)],
    )
    description = models.CharField(_("what"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=HoursStatus, default=HoursStatus.LOGGED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        ordering = ["-day"]

    def __str__(self):
        return f"{self.volunteer} {self.day}: {self.hours} h"


class TrainingKind(models.TextChoices):
    COURSE = "course", _("course")
    SEMINAR = "seminar", _("seminar")
    CONFERENCE = "conference", _("conference")


class Training(TimeStampedModel):
    """A course, seminar or conference for volunteers, in the house or outside."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=TrainingKind)
    topic = models.ForeignKey(
        TrainingTopic, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("topic")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    room = models.ForeignKey(
        Room, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("room in the house")
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("For trainings outside the house.")
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    capacity = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_trainings",
        verbose_name=_("organiser"),
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title


# Places and the waiting list of a training work like those of a programme offer.
EnrolmentStatus = RegistrationStatus


class TrainingEnrolment(models.Model):
    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("training")
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_enrolments",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(_("status"), max_length=10, choices=EnrolmentStatus)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "volunteer"], name="one_enrolment_each")
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.training}"


def new_verification_code() -> str:
    return secrets.token_hex(6).upper()


class CertificateKind(models.TextChoices):
    TRAINING = "training", _("training certificate")
    YEAR = "year", _("record of engagement")


class Certificate(models.Model):
    """A certificate as issued: what it says is kept, so that its verification code confirms
    exactly that text even after data changes."""

    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("volunteer"),
    )
    training = models.ForeignKey(
        Training, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("training")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=new_verification_code
    )
    content = models.JSONField(_("what it confirms"), default=dict)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not approved")


class TranslationSuggestion(models.Model):
    """A volunteer's translation of one public text field into one language; it is published
    only after the owning association or staff approve it."""

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(_("field"), max_length=50)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("translation"))
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="translation_suggestions",
        verbose_name=_("translated by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus, default=SuggestionStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation suggestion")
        verbose_name_plural = _("translation suggestions")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "language"])]

    def __str__(self):
        return f"{self.field} → {self.language}"


class InterpreterRequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    TAKEN = "taken", _("taken")
    WITHDRAWN = "withdrawn", _("withdrawn")


class InterpreterRequest(TimeStampedModel):
    """An interpreter wanted by another part of the house (the counselling office hours). It
    knows the language, the time and the place, and nothing about the person: the reference is
    opaque and only used to report back."""

    reference = models.CharField(max_length=100, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=10)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterpreterRequestStatus,
        default=InterpreterRequestStatus.OPEN,
    )
    assignment = models.OneToOneField(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpreter_request",
        verbose_name=_("assignment"),
    )

    class Meta:
        verbose_name = _("interpreter request")
        verbose_name_plural = _("interpreter requests")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "language", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="interpreter_request_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.language} {self.starts_at:%Y-%m-%d %H:%M}"
