"""Impact: what the centre achieves, measured. Attendance per session (a head count with an
optional breakdown, or the check-ins of registered participants), the city's demography
profile, and report jobs that build the annual report in the background."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import private_storage
from teilhabe.programme.models import Offer, Registration, Session


class AttendanceMethod(models.TextChoices):
    HEAD_COUNT = "head_count", _("head count")
    CHECK_IN = "check_in", _("check-in list")


class SessionAttendance(models.Model):
    """How many came to one session. The day and the offer are copied from the session so that
    a year's figures are read from this table alone (millions of rows at city scale)."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("date")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("offer")
    )
    day = models.DateField(_("day"))
    method = models.CharField(
        _("recorded as"),
        max_length=10,
        choices=AttendanceMethod,
        default=AttendanceMethod.HEAD_COUNT,
    )
    head_count = models.PositiveIntegerField(_("people present"))
    children = models.PositiveIntegerField(_("of them children"), null=True, blank=True)
    women = models.PositiveIntegerField(_("of them women and girls"), null=True, blank=True)
    first_visits = models.PositiveIntegerField(
        _("of them here for the first time"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        indexes = [
            models.Index(fields=["day", "offer"]),
            models.Index(fields=["offer", "day"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(children__isnull=True) | Q(children__lte=models.F("head_count")))
                & (Q(women__isnull=True) | Q(women__lte=models.F("head_count")))
                & (Q(first_visits__isnull=True) | Q(first_visits__lte=models.F("head_count"))),
                name="attendance_breakdown_within_head_count",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.head_count}"


class CheckIn(models.Model):
    """A registered participant present at a session: ticked by the host, or checked in by the
    participant through the session's QR code."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="check_ins")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="check_ins"
    )
    is_self = models.BooleanField(_("checked in themselves"), default=False)
    checked_in_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="one_check_in_per_registration"
            )
        ]

    def __str__(self):
        return f"{self.session_id}/{self.registration_id}"


class DemographyProfile(models.Model):
    """The city's demography profile, imported from a CSV in the format of the Wegweiser
    Kommune (Bertelsmann Stiftung); see docs/demography-import.md."""

    ags = models.CharField(_("municipality key (AGS)"), max_length=12)
    municipality = models.CharField(_("municipality"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))
    projected_change = models.DecimalField(
        _("projected change of the population (%)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
    )
    projection_year = models.PositiveSmallIntegerField(_("projected to"), null=True, blank=True)
    demography_type = models.PositiveSmallIntegerField(_("demography type"), null=True, blank=True)
    demography_type_name = models.CharField(_("demography type"), max_length=200, blank=True)
    share_foreign = models.DecimalField(
        _("share of foreign nationals (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    median_age = models.DecimalField(
        _("median age"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("demography profile")
        verbose_name_plural = _("demography profiles")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["ags", "year"], name="one_profile_per_year")]

    def __str__(self):
        return f"{self.municipality} {self.year}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("being made")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ReportJob(models.Model):
    """An annual report being made in the background; the page polls its progress."""

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=10)
    association = models.ForeignKey(
        "associations.Association", on_delete=models.CASCADE, null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=ReportStatus, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="reports/", storage=private_storage, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.year} {self.language} {self.status}"
