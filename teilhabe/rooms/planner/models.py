"""The semester planner's data: a planning round, what each recurring use of a room needs,
and where the planner (or staff by hand) put it. Imported by teilhabe/rooms/models.py, so the
models belong to the rooms app."""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association

__all__ = [
    "MAX_PREFERENCE",
    "PlanningPlacement",
    "PlanningRequest",
    "PlanningRound",
    "RoundStatus",
    "validate_persons",
    "validate_windows",
]

MAX_PREFERENCE = 10


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SOLVING = "solving", _("Being planned")
    SOLVED = "solved", _("Proposal ready")
    APPLIED = "applied", _("Applied")


class PlanningRound(models.Model):
    """One run of the semester planner: the requests collected for a period, the proposal the
    solver made for them and, once staff apply it, the bookings it became."""

    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus, default=RoundStatus.DRAFT
    )
    # solver, score, bound, is_optimal, solve_seconds, counts; while solving: started_at;
    # after a failed run: error.
    stats = models.JSONField(_("solver figures"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    solved_at = models.DateTimeField(_("planned at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("planning round")
        verbose_name_plural = _("planning rounds")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="planning_round_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_applied(self) -> bool:
        return self.status == RoundStatus.APPLIED


def _time_from_text(value) -> time:
    if isinstance(value, time):
        return value
    return time.fromisoformat(str(value))


def validate_windows(windows) -> None:
    """[{weekday 0–6, start "HH:MM", end "HH:MM" after start, preference 0–10}, …]"""
    if not isinstance(windows, list):
        raise ValidationError(_("The time windows must be a list."), code="windows")
    for window in windows:
        try:
            weekday = int(window["weekday"])
            start = _time_from_text(window["start"])
            end = _time_from_text(window["end"])
            preference = int(window.get("preference", 0))
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                _("Every time window needs a weekday, a start and an end."), code="windows"
            ) from None
        if weekday not in range(7):
            raise ValidationError(_("Weekdays must be between Monday and Sunday."), code="windows")
        if end <= start:
            raise ValidationError(_("A time window needs an end after its start."), code="windows")
        if preference not in range(MAX_PREFERENCE + 1):
            raise ValidationError(
                _("A preference is a number from 0 to %(max)s.") % {"max": MAX_PREFERENCE},
                code="windows",
            )


def validate_persons(persons) -> None:
    if not isinstance(persons, list) or not all(isinstance(p, str) for p in persons):
        raise ValidationError(_("The persons must be a list of names."), code="persons")


class PlanningRequest(models.Model):
    """What one recurring use of a room needs each week: one weekly date (an offer held on two
    weekdays is two requests)."""

    round = models.ForeignKey(
        PlanningRound,
        on_delete=models.CASCADE,
        related_name="requests",
        verbose_name=_("planning round"),
    )
    title = models.CharField(_("title"), max_length=200)
    association = models.ForeignKey(
        Association,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
        help_text=_("Empty: the house itself."),
    )
    participants = models.PositiveSmallIntegerField(
        _("expected participants"), validators=[MinValueValidator(1)]
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(16 * 60)]
    )
    equipment = models.ManyToManyField(
        "rooms.Equipment", blank=True, related_name="+", verbose_name=_("equipment needed")
    )
    needs_step_free = models.BooleanField(_("needs step-free access"), default=False)
    windows = models.JSONField(
        _("time windows"), default=list, blank=True, validators=[validate_windows]
    )
    persons = models.JSONField(
        _("people who cannot be in two places at once"),
        default=list,
        blank=True,
        validators=[validate_persons],
    )
    previous_room = models.ForeignKey(
        "rooms.Room",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room so far"),
    )
    previous_weekday = models.PositiveSmallIntegerField(
        _("weekday so far"), null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    previous_start = models.TimeField(_("start so far"), null=True, blank=True)
    # Which registered planning source the request came from (rooms.planner.sources), and the
    # id of the thing there; empty for the house's own requests, applied as booking series.
    source = models.CharField(_("source"), max_length=50, blank=True)
    source_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("planning request")
        verbose_name_plural = _("planning requests")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["round", "source", "source_id"])]

    def __str__(self):
        return self.title


class PlanningPlacement(models.Model):
    """Where a request goes in the proposal: a room, a weekday and a start — or, with no room,
    why it could not be placed."""

    request = models.OneToOneField(
        PlanningRequest,
        on_delete=models.CASCADE,
        related_name="placement",
        verbose_name=_("request"),
    )
    room = models.ForeignKey(
        "rooms.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), null=True, blank=True, validators=[MaxValueValidator(6)]
    )
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    is_manual = models.BooleanField(_("placed by hand"), default=False)
    reason_code = models.CharField(_("reason code"), max_length=50, blank=True)
    reason = models.TextField(_("why it could not be placed"), blank=True)
    blocking = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(room__isnull=True) | Q(weekday__isnull=False, start_time__isnull=False),
                name="placement_in_a_room_has_a_time",
            )
        ]

    def __str__(self):
        return f"{self.request} – {self.room or '—'}"

    @property
    def is_placed(self) -> bool:
        return self.room_id is not None

    @property
    def end_time(self) -> time | None:
        """When the weekly date ends (never past midnight)."""
        if self.start_time is None:
            return None
        minutes = self.start_time.hour * 60 + self.start_time.minute
        minutes = min(minutes + self.request.duration_minutes, 24 * 60 - 1)
        return time(minutes // 60, minutes % 60)
