"""Funding advice: the funders and their programmes, the associations' applications from idea to
final report, the obligations a grant brings (interim and final reports), reminders and the
advice the centre's staff give."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.associations.models import Association
from teilhabe.core.models import TimeStampedModel, private_storage
from teilhabe.programme.models import Offer


class FunderLevel(models.TextChoices):
    FEDERAL = "federal", _("federal (Bund)")
    STATE = "state", _("state (Land)")
    MUNICIPAL = "municipal", _("municipal (Kommune)")
    EU = "eu", _("European Union")
    FOUNDATION = "foundation", _("foundation (Stiftung)")
    OTHER = "other", _("other")


class Funder(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(_("level"), max_length=12, choices=FunderLevel)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingTopic(models.Model):
    """What a programme funds (integration, education, democracy, …): the vocabulary that
    matching compares with a project idea."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("funding topic")
        verbose_name_plural = _("funding topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApplicantKind(models.TextChoices):
    REGISTERED_ASSOCIATION = "association", _("registered association (e.V.)")
    MIGRANT_ORGANISATION = "migrant_org", _("migrant organisation")
    NON_PROFIT = "non_profit", _("other non-profit organisation")
    INITIATIVE = "initiative", _("initiative without legal form")
    MUNICIPALITY = "municipality", _("municipality")


class DeadlineKind(models.TextChoices):
    FIXED = "fixed", _("fixed dates")
    YEARLY = "yearly", _("the same dates every year")
    ROLLING = "rolling", _("any time (rolling)")


class FundingProgramme(TimeStampedModel):
    """A funding programme (Förderprogramm) of a funder."""

    external_id = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Stable key of the programme, used to update it by import."),
    )
    title = models.CharField(_("title"), max_length=300)
    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    summary = models.TextField(_("summary"), blank=True)
    topics = models.ManyToManyField(
        FundingTopic, blank=True, related_name="programmes", verbose_name=_("topics")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="programmes", verbose_name=_("target groups")
    )
    applicants = models.JSONField(
        _("who may apply"), default=list, blank=True, help_text=_("Kinds of applicants.")
    )
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("e.g. Deutschland, Thüringen, Erfurt")
    )
    min_amount = models.DecimalField(
        _("minimum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_amount = models.DecimalField(
        _("maximum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_rate = models.PositiveSmallIntegerField(
        _("funding rate (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of the eligible costs the funder pays."),
    )
    own_share = models.PositiveSmallIntegerField(
        _("own share required (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Eigenanteil: share of the costs the association must bring itself."),
    )
    deadline_kind = models.CharField(
        _("deadlines"), max_length=10, choices=DeadlineKind, default=DeadlineKind.ROLLING
    )
    min_months = models.PositiveSmallIntegerField(
        _("shortest duration (months)"), null=True, blank=True
    )
    max_months = models.PositiveSmallIntegerField(
        _("longest duration (months)"), null=True, blank=True
    )
    # The obligations a grant of this programme brings.
    final_report_months = models.PositiveSmallIntegerField(
        _("final report due (months after the end)"),
        default=6,
        validators=[MaxValueValidator(36)],
    )
    has_interim_reports = models.BooleanField(
        _("interim report for every year that ends during the project"), default=True
    )
    interim_report_months = models.PositiveSmallIntegerField(
        _("interim report due (months after the year's end)"),
        default=4,
        validators=[MaxValueValidator(12)],
    )
    url = models.URLField(_("link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False, editable=False)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__isnull=True)
                | Q(max_amount__isnull=True)
                | Q(min_amount__lte=models.F("max_amount")),
                name="programme_min_amount_not_above_max",
            )
        ]

    def __str__(self):
        return self.title


class ProgrammeDeadline(models.Model):
    """A submission deadline; for programmes with yearly deadlines the date's day and month
    repeat every year."""

    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.CASCADE, related_name="deadlines"
    )
    day = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("submission deadline")
        verbose_name_plural = _("submission deadlines")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "day"], name="one_deadline_per_day")
        ]

    def __str__(self):
        return f"{self.programme} {self.day}"


class ApplicationStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PREPARATION = "preparation", _("in preparation")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", pgettext_lazy("funding application", "approved")
    PARTLY_APPROVED = "partly", _("partly approved")
    REJECTED = "rejected", _("rejected")
    RUNNING = "running", _("running")
    REPORTING = "reporting", _("reporting")
    CLOSED = "closed", pgettext_lazy("funding application", "closed")


S = ApplicationStatus
# The only moves an application can make (services.move_application enforces them).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDEA: (S.PREPARATION, S.CLOSED),
    S.PREPARATION: (S.SUBMITTED, S.IDEA, S.CLOSED),
    S.SUBMITTED: (S.APPROVED, S.PARTLY_APPROVED, S.REJECTED),
    S.APPROVED: (S.RUNNING,),
    S.PARTLY_APPROVED: (S.RUNNING,),
    S.REJECTED: (S.CLOSED,),
    S.RUNNING: (S.REPORTING,),
    S.REPORTING: (S.CLOSED,),
    S.CLOSED: (),
}
GRANTED = (S.APPROVED, S.PARTLY_APPROVED, S.RUNNING, S.REPORTING)
DECIDED = (S.APPROVED, S.PARTLY_APPROVED, S.REJECTED)


class Application(TimeStampedModel):
    """An association's application to a funding programme, from the idea to the closing of
    the grant."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="funding_applications",
        verbose_name=_("association"),
    )
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("funding programme"),
    )
    title = models.CharField(_("project"), max_length=200)
    description = models.TextField(_("what the project does"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus, default=ApplicationStatus.IDEA
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_applications",
        verbose_name=_("advised by"),
    )
    starts_on = models.DateField(_("project starts"), null=True, blank=True)
    ends_on = models.DateField(_("project ends"), null=True, blank=True)
    total_cost = models.DecimalField(
        _("total cost (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_requested = models.DecimalField(
        _("amount requested (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_approved = models.DecimalField(
        _("amount approved (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    own_share_amount = models.DecimalField(
        _("own share (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    own_share_source = models.CharField(
        _("where the own share comes from"),
        max_length=300,
        blank=True,
        help_text=_("e.g. membership fees, donations, volunteer work valued in money"),
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decision on"), null=True, blank=True)
    offers = models.ManyToManyField(
        Offer,
        blank=True,
        related_name="funding_applications",
        verbose_name=_("offers of the programme it finances"),
    )

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["association", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="application_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class ApplicationEvent(models.Model):
    """One step of an application: who moved it from where to where, and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=ApplicationStatus, blank=True)
    to_status = models.CharField(max_length=12, choices=ApplicationStatus)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Payment(models.Model):
    """Money received for a grant (several instalments are common)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="payments")
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(
        _("amount (€)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("payment received")
        verbose_name_plural = _("payments received")
        ordering = ["received_on"]

    def __str__(self):
        return f"{self.received_on} {self.amount}"


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("application form")
    BUDGET = "budget", _("budget plan")
    DECISION = "decision", _("decision letter")
    REPORT = "report", _("report")
    OTHER = "other", _("other")


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="funding/%Y/", storage=private_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class ObligationKind(models.TextChoices):
    INTERIM = "interim", _("interim report")
    FINAL = "final", _("final report (Verwendungsnachweis)")


class ReportObligation(models.Model):
    """A report a grant requires, with its due date derived from the grant's dates and the
    programme's rules."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ObligationKind)
    period_end = models.DateField(_("covers the time until"))
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("report obligation")
        verbose_name_plural = _("report obligations")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "period_end"], name="one_obligation_per_period"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"


class SentReminder(models.Model):
    """A reminder that went out: the unique key makes sure each is sent once and only once,
    even with two schedulers running."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class AdviceSession(models.Model):
    """Staff advised an association: about what, and what comes next."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="advice_sessions",
        verbose_name=_("association"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_sessions",
        verbose_name=_("application"),
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="advice_given",
        verbose_name=_("advisor"),
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("what was advised"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advice session")
        verbose_name_plural = _("advice sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.topic}"
