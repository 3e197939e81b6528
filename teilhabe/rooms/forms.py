"""Forms of the booking pages: a booking (one date or a weekly rule, as the programme's
schedules have them) and the free-room finder.

The forms check what a person can get wrong while typing; the services check again what must
hold whoever calls them (permissions, conflicts, opening hours and closures)."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Association
from teilhabe.associations.selectors import associations_administered_by
from teilhabe.core.recurrence import Occurrence, Recurrence, centre_today
from teilhabe.core.widgets import (
    CheckboxGroup,
    DateInput,
    RadioGroup,
    TimeInput,
    use_choice_fieldsets,
)

from . import selectors
from .models import Equipment, Room

MAX_DATES = 400
WEEKDAY_CHOICES = [(number, WEEKDAYS[number]) for number in range(7)]
ONCE, WEEKLY = "once", "weekly"
# What the booking form and the finder hand each other in a link.
WHEN_FIELDS = (
    "starts_on",
    "start_time",
    "end_time",
    "repeat",
    "weekdays",
    "interval_weeks",
    "until",
    "count",
)


def room_label(room: Room) -> str:
    """“Seminar room A · 24 people · floor 1 · step-free”."""
    parts = [
        str(room),
        ngettext("%(count)s person", "%(count)s people", room.capacity) % {"count": room.capacity},
        _("ground floor") if room.floor == 0 else _("floor %(floor)s") % {"floor": room.floor},
    ]
    if room.is_step_free:
        parts.append(_("step-free"))
    return " · ".join(parts)


# --- when: one date or a weekly rule -----------------------------------------------------------


class WhenForm(forms.Form):
    """A date and a time, once or every (few) week(s) on some weekdays until a date or for a
    number of dates — the rule machinery of the programme's schedules."""

    starts_on = forms.DateField(label=_lazy("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_lazy("From"), widget=TimeInput)
    end_time = forms.TimeField(label=_lazy("Until"), widget=TimeInput)
    repeat = forms.ChoiceField(
        label=_lazy("How often?"),
        choices=[(ONCE, _lazy("Once")), (WEEKLY, _lazy("Every week or every few weeks"))],
        widget=RadioGroup,
        initial=ONCE,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_lazy("On these weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=CheckboxGroup(inline=True),
    )
    interval_weeks = forms.IntegerField(
        label=_lazy("Every how many weeks?"),
        help_text=_lazy("1: every week, 2: every other week."),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        widget=forms.NumberInput(attrs={"min": 1, "max": 52, "inputmode": "numeric"}),
    )
    until = forms.DateField(label=_lazy("Last date"), required=False, widget=DateInput)
    count = forms.IntegerField(
        label=_lazy("Or: number of dates"),
        required=False,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DATES)],
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_DATES, "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].help_text = _("For a weekly booking: the first date.")
        self.fields["until"].help_text = _("Give a last date or a number of dates.")
        self.occurrences: list[Occurrence] = []
        use_choice_fieldsets(self)

    @property
    def has_field_errors(self) -> bool:
        return any(name != NON_FIELD_ERRORS for name in self.errors)

    @property
    def is_once(self) -> bool:
        return self.cleaned_data.get("repeat") != WEEKLY

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first = data.get("starts_on")
        if first and first < centre_today():
            self.add_error("starts_on", _("This date is in the past."))
        if data.get("repeat") == WEEKLY:
            self._clean_rule(data)
        else:
            data.update(weekdays=[], interval_weeks=1, until=None, count=None)
        if not self.errors:
            self.occurrences = self.recurrence().occurrences(first, data.get("until") or date.max)
            self._clean_dates()
        return data

    def _clean_rule(self, data) -> None:
        data["weekdays"] = sorted(set(data.get("weekdays") or []))
        data["interval_weeks"] = data.get("interval_weeks") or 1
        if "weekdays" not in self.errors and not data["weekdays"]:
            self.add_error("weekdays", _("Choose at least one weekday."))
        first, until, count = data.get("starts_on"), data.get("until"), data.get("count")
        if until and first and until < first:
            self.add_error("until", _("The last date cannot be before the first date."))
        if until and count:
            self.add_error("count", _("Give either a last date or a number of dates, not both."))
        elif not until and not count and "until" not in self.errors and "count" not in self.errors:
            self.add_error("until", _("Give a last date or a number of dates."))

    def _clean_dates(self) -> None:
        if not self.occurrences:
            self.add_error("weekdays", _("This rule gives no dates."))
        elif len(self.occurrences) > MAX_DATES:
            self.add_error(
                "until", _("At most %(count)s dates at once, please.") % {"count": MAX_DATES}
            )
        elif self.occurrences[0].starts_at < timezone.now():
            self.add_error("start_time", _("This time has already passed."))

    def recurrence(self) -> Recurrence:
        data = self.cleaned_data
        return Recurrence(
            starts_on=data["starts_on"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            weekdays=tuple(data["weekdays"]),
            interval_weeks=data["interval_weeks"],
            until=data["until"],
            count=data["count"],
        )

    def when_query(self) -> dict:
        """The date and rule as they go into a link to the other form."""
        data = self.cleaned_data
        query = {
            "starts_on": data["starts_on"].isoformat(),
            "start_time": data["start_time"].strftime("%H:%M"),
            "end_time": data["end_time"].strftime("%H:%M"),
            "repeat": data["repeat"],
        }
        if data["repeat"] == WEEKLY:
            query["weekdays"] = [str(day) for day in data["weekdays"]]
            query["interval_weeks"] = data["interval_weeks"]
            if data["until"]:
                query["until"] = data["until"].isoformat()
            if data["count"]:
                query["count"] = data["count"]
        return query

    @classmethod
    def initial_from(cls, query) -> dict:
        """Initial values from a link's query string, for the fields this form has."""
        initial = {}
        for name, field in cls.base_fields.items():
            if getattr(field.widget, "allow_multiple_selected", False):
                values = query.getlist(name)
                if values:
                    initial[name] = values
            elif query.get(name):
                initial[name] = query.get(name)
        return initial

    def when_sections(self) -> list[dict]:
        return [
            {
                "legend": _("When"),
                "fields": [self[n] for n in ("starts_on", "start_time", "end_time", "repeat")],
            },
            {
                "legend": _("Repetition (only for weekly bookings)"),
                "fields": [self[n] for n in ("weekdays", "interval_weeks", "until", "count")],
                "id": "repetition",
            },
        ]


# --- booking -----------------------------------------------------------------------------------


class BookingForm(WhenForm):
    room = forms.ModelChoiceField(label=_lazy("Room"), queryset=Room.objects.none())
    association = forms.ModelChoiceField(
        label=_lazy("For association"), queryset=Association.objects.none()
    )
    purpose = forms.CharField(
        label=_lazy("Purpose"),
        max_length=200,
        help_text=_lazy("Shown to the house, for example “Board meeting” or “Choir rehearsal”."),
    )
    people = forms.IntegerField(
        label=_lazy("Number of people (optional)"),
        required=False,
        validators=[MinValueValidator(1)],
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        help_text=_lazy("Helps to find another room if this one is taken."),
    )

    field_order = ["room", "association", "purpose", "people", *WHEN_FIELDS]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(is_active=True).order_by("floor", "name")
        self.fields["room"].label_from_instance = room_label
        self.fields["room"].empty_label = _("Please choose")
        association = self.fields["association"]
        if is_centre_staff(user):
            association.queryset = Association.objects.filter(is_active=True).order_by("name")
            association.required = False
            association.empty_label = _("The house itself (no association)")
        else:
            association.queryset = associations_administered_by(user)
            association.empty_label = _("Please choose")
            only = list(association.queryset[:2])
            if len(only) == 1:
                self.initial.setdefault("association", only[0].pk)

    def clean(self):
        data = super().clean()
        room, people = data.get("room"), data.get("people")
        if room and people and people > room.capacity:
            self.add_error(
                "people",
                ngettext(
                    "%(room)s holds at most %(count)s person.",
                    "%(room)s holds at most %(count)s people.",
                    room.capacity,
                )
                % {"room": room, "count": room.capacity},
            )
        return data

    def finder_query(self) -> dict:
        """The finder's link for the same dates and size (the room's, unless people were
        given), and what was typed so far, so that it comes back with the chosen room."""
        data = self.cleaned_data
        query = {
            **self.when_query(),
            "people": data.get("people") or data["room"].capacity,
            "purpose": data["purpose"],
        }
        if data.get("association"):
            query["association"] = data["association"].pk
        return query

    def sections(self) -> list[dict]:
        return [
            {
                "legend": _("Room and purpose"),
                "fields": [self[n] for n in ("room", "association", "purpose", "people")],
            },
            *self.when_sections(),
        ]


# --- finder ------------------------------------------------------------------------------------


class FinderForm(WhenForm):
    """“A room for 15 people, step-free, with a projector, Tuesday 18–20, every week until
    July”. What the booking form had typed (purpose, association) rides along unseen, so that
    the room chosen here goes back to it."""

    people = forms.IntegerField(
        label=_lazy("Number of people"),
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
    )
    step_free = forms.BooleanField(label=_lazy("Step-free access"), required=False)
    equipment = forms.ModelMultipleChoiceField(
        label=_lazy("Equipment"),
        queryset=Equipment.objects.none(),
        to_field_name="slug",
        required=False,
        widget=CheckboxGroup,
    )
    purpose = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    association = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    field_order = ["people", "step_free", "equipment", *WHEN_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipment"].queryset = Equipment.objects.order_by("name")
        self.fields["equipment"].help_text = _("Only rooms with all of it.")
        self.closed: dict = {}

    def _clean_dates(self) -> None:
        """Days on which the whole house is closed are left out (and listed); the time has to
        lie within the opening hours."""
        super()._clean_dates()
        if self.errors:
            return
        self.closed = selectors.closed_days(None, [o.day for o in self.occurrences])
        self.occurrences = [o for o in self.occurrences if o.day not in self.closed]
        if not self.occurrences:
            self.add_error("starts_on", _("The house is closed on every one of these dates."))
            return
        hours = selectors.opening_hours_by_weekday()
        for occurrence in self.occurrences:
            problem = selectors.opening_hours_problem(
                occurrence.starts_at, occurrence.ends_at, hours
            )
            if problem:
                self.add_error("start_time", problem)
                return

    def intervals(self) -> list[tuple[datetime, datetime]]:
        return [(o.starts_at, o.ends_at) for o in self.occurrences]

    def booking_query(self, room: Room) -> dict:
        data = self.cleaned_data
        query = {"room": room.pk, "people": data["people"], **self.when_query()}
        if data.get("purpose"):
            query["purpose"] = data["purpose"]
        if data.get("association"):
            query["association"] = data["association"]
        return query

    def sections(self) -> list[dict]:
        return [
            {
                "legend": _("What the room needs"),
                "fields": [self[n] for n in ("people", "step_free", "equipment")],
            },
            *self.when_sections(),
        ]
