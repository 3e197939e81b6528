"""Forms of the hosts' pages: an offer with its texts in every language of the house, a
schedule (one date or a weekly rule), an exception for one date, and the status buttons.

The forms check what a person can get wrong while typing; the services check again what
must hold whoever calls them."""

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Association
from teilhabe.associations.selectors import associations_administered_by
from teilhabe.core.recurrence import centre_today
from teilhabe.core.translated_forms import (
    DEFAULT_LANGUAGE,
    TranslatedFieldsMixin,
    spoken_languages,
    translated_field_names,
)
from teilhabe.core.widgets import (
    CheckboxGroup,
    DateInput,
    RadioGroup,
    TimeInput,
    use_choice_fieldsets,
)
from teilhabe.rooms.models import Room

from .models import (
    Category,
    CostKind,
    ExceptionKind,
    Offer,
    OfferStatus,
    RegistrationMode,
    Schedule,
    ScheduleException,
)

TRANSLATED_FIELDS = ("title", "summary", "description", "image_alt")
WEEKDAY_CHOICES = [(number, WEEKDAYS[number]) for number in range(7)]


# --- offer -------------------------------------------------------------------------------------


def _translation_field_names() -> list[str]:
    return translated_field_names(TRANSLATED_FIELDS)


class OfferForm(TranslatedFieldsMixin, forms.ModelForm):
    """An offer as its hosts see it. German title and summary are required (German is the
    language every visitor can fall back on); the other languages are optional."""

    translated_fields = TRANSLATED_FIELDS

    languages = forms.MultipleChoiceField(
        label=_lazy("Held in"),
        choices=spoken_languages,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_lazy("Hold Ctrl (or Cmd) to choose several."),
    )
    co_hosts = forms.ModelMultipleChoiceField(
        label=_lazy("Co-hosting associations"),
        queryset=Association.objects.none(),
        required=False,
        widget=CheckboxGroup,
        help_text=_lazy("Other associations of the house that run this offer with you."),
    )

    class Meta:
        model = Offer
        fields = [
            "slug",
            "title_de",
            "summary_de",
            "description_de",
            "category",
            "lead_association",
            "languages",
            "age_min",
            "age_max",
            "is_women_only",
            "is_for_families",
            "is_for_children",
            "cost_kind",
            "price",
            "reduced_price",
            "is_step_free",
            "has_childcare",
            "registration_mode",
            "capacity",
            "registration_scope",
            "contact_name",
            "contact_email",
            "contact_phone",
            "image",
            "image_alt_de",
            *_translation_field_names(),
        ]
        widgets = {
            "cost_kind": RadioGroup,
            "registration_mode": RadioGroup,
            "registration_scope": RadioGroup,
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
            "price": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "reduced_price": forms.NumberInput(
                attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}
            ),
            **{
                f"summary_{code}": forms.Textarea(attrs={"rows": 2})
                for code, _name in settings.LANGUAGES
            },
            **{
                f"description_{code}": forms.Textarea(
                    attrs={"rows": 8 if code == DEFAULT_LANGUAGE else 5}
                )
                for code, _name in settings.LANGUAGES
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer = self.instance
        self._label_texts()
        self.fields["category"].queryset = Category.objects.all()
        for name in ("category", "lead_association"):
            self.fields[name].empty_label = _("Please choose")
        self._limit_hosts(user, offer)
        if offer.pk:
            # The address is in links, feeds and printed programmes: it stays as it is.
            del self.fields["slug"]
        else:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "Leave empty: it is made from the German title (like “womens-cafe”)."
            )
            self.initial.setdefault("languages", [DEFAULT_LANGUAGE])
        for name in ("age_min", "age_max", "capacity"):
            self.fields[name].widget.attrs.setdefault("inputmode", "numeric")
        self.fields["capacity"].widget.attrs["min"] = 1
        use_choice_fieldsets(self)

    def _label_texts(self) -> None:
        labels = {
            "title": _("Title (%(language)s)"),
            "summary": _("Summary (%(language)s)"),
            "description": _("Description (%(language)s)"),
            "image_alt": _("Image description (%(language)s)"),
        }
        self.translation_labels = labels
        self.label_translations()
        self.fields["summary_de"].help_text = _("One or two sentences for the programme overview.")
        self.fields["image_alt_de"].help_text = _(
            "What the image shows, for people who cannot see it."
        )
        self.fields["age_min"].help_text = _("Leave the ages empty if the offer is for all ages.")
        self.fields["price"].help_text = _("Only with a fee.")
        self.fields["reduced_price"].help_text = _("Only when a reduced rate is available.")
        self.fields["capacity"].help_text = _("Needed when people register.")

    def _limit_hosts(self, user, offer: Offer) -> None:
        if is_centre_staff(user):
            leads = Association.objects.filter(Q(is_active=True) | Q(pk=offer.lead_association_id))
        else:
            leads = associations_administered_by(user)
        self.fields["lead_association"].queryset = leads.order_by("name")
        self.fields["lead_association"].help_text = _(
            "The association that is responsible for the offer and edits it."
        )
        lead_id = offer.lead_association_id
        if not offer.pk:
            only = list(leads[:2])
            if len(only) == 1:
                lead_id = only[0].pk
                self.initial.setdefault("lead_association", lead_id)
        current = [a.pk for a in offer.co_hosts.all()] if offer.pk else []
        # The (likely) lead is not offered as its own co-host; clean() covers a changed lead.
        self.fields["co_hosts"].queryset = (
            Association.objects.filter(Q(is_active=True) | Q(pk__in=current))
            .exclude(pk=lead_id)
            .order_by("name")
        )
        if offer.pk:
            self.initial.setdefault("co_hosts", current)

    def clean(self):
        data = super().clean()
        lead = data.get("lead_association")
        if lead and lead in (data.get("co_hosts") or []):
            self.add_error("co_hosts", _("The lead association cannot also be a co-host."))
        self._clean_ages(data)
        self._clean_cost(data)
        self._clean_registration(data)
        if data.get("image") and not data.get("image_alt_de"):
            self.add_error(
                "image_alt_de", _("Please describe the image for people who cannot see it.")
            )
        return data

    def _clean_ages(self, data) -> None:
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and high < low:
            self.add_error("age_max", _("The maximum age cannot be below the minimum age."))

    def _clean_cost(self, data) -> None:
        kind = data.get("cost_kind")
        price, reduced = data.get("price"), data.get("reduced_price")
        if kind == CostKind.FREE:
            data["price"] = data["reduced_price"] = None
            return
        if kind not in (CostKind.PAID, CostKind.REDUCED):
            return
        if price is None:
            self.add_error("price", _("Please give the price."))
        elif price <= 0:
            self.add_error("price", _("A price must be more than 0. Otherwise choose “Free”."))
        if kind == CostKind.PAID:
            data["reduced_price"] = None
        elif reduced is None:
            self.add_error("reduced_price", _("Please give the reduced price."))
        elif price is not None and reduced >= price:
            self.add_error("reduced_price", _("The reduced price must be lower than the price."))
        elif reduced < 0:
            self.add_error("reduced_price", _("A price cannot be below 0."))

    def _clean_registration(self, data) -> None:
        mode = data.get("registration_mode")
        if mode == RegistrationMode.NONE:
            data["capacity"] = None
        elif mode and not data.get("capacity"):
            self.add_error("capacity", _("Please give the number of places."))

    # --- layout: the template renders these groups in order --------------------------------

    def sections(self) -> list[dict]:
        groups = [
            (
                _("About the offer (in German)"),
                ["title_de", "summary_de", "description_de", "category", "slug"],
            ),
            (_("Hosts"), ["lead_association", "co_hosts"]),
            (
                _("Who it is for"),
                [
                    "languages",
                    "age_min",
                    "age_max",
                    "is_women_only",
                    "is_for_families",
                    "is_for_children",
                ],
            ),
            (
                _("Cost and access"),
                ["cost_kind", "price", "reduced_price", "is_step_free", "has_childcare"],
            ),
            (_("Registration"), ["registration_mode", "capacity", "registration_scope"]),
            (_("Contact"), ["contact_name", "contact_email", "contact_phone"]),
            (_("Image"), ["image", "image_alt_de"]),
        ]
        return [
            {"legend": legend, "fields": [self[name] for name in names if name in self.fields]}
            for legend, names in groups
        ]


class OfferStatusForm(forms.Form):
    status = forms.ChoiceField(choices=OfferStatus.choices)


# --- schedule ----------------------------------------------------------------------------------


class ScheduleForm(forms.ModelForm):
    """One date, or a weekly rule. A weekly rule may end on a date, after a number of dates, or
    not at all: then its dates are added continuously for the coming months."""

    ONCE, WEEKLY = "once", "weekly"

    repeat = forms.ChoiceField(
        label=_lazy("How often?"),
        choices=[(ONCE, _lazy("Once")), (WEEKLY, _lazy("Every week or every few weeks"))],
        widget=RadioGroup,
        initial=WEEKLY,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_lazy("On these weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=CheckboxGroup(inline=True),
    )

    class Meta:
        model = Schedule
        fields = [
            "starts_on",
            "start_time",
            "end_time",
            "room",
            "weekdays",
            "interval_weeks",
            "until",
            "count",
        ]
        widgets = {
            "starts_on": DateInput,
            "until": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
        }

    def __init__(self, *args, offer: Offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.offer = offer
        fields = self.fields
        fields["starts_on"].help_text = _("For a single date: the date itself.")
        fields["room"].queryset = Room.objects.filter(is_active=True).order_by("floor", "name")
        fields["room"].empty_label = _("No room in the house")
        fields["interval_weeks"].required = False
        fields["interval_weeks"].label = _("Every how many weeks?")
        fields["interval_weeks"].help_text = _("1: every week, 2: every other week.")
        fields["until"].label = _("Last date (optional)")
        fields["count"].label = _("Or: number of dates (optional)")
        fields["count"].help_text = _(
            "Leave both empty and the dates continue: the programme always shows the coming months."
        )
        for name in ("interval_weeks", "count"):
            fields[name].validators.append(MinValueValidator(1))
            fields[name].widget.attrs.update(min=1, inputmode="numeric")
        use_choice_fieldsets(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        first = data.get("starts_on")
        if data.get("repeat") == self.ONCE:
            data.update(weekdays=[], interval_weeks=1, until=None, count=None)
            if first and first < centre_today():
                self.add_error("starts_on", _("This date is in the past."))
            return data
        data["weekdays"] = sorted(set(data.get("weekdays") or []))
        data["interval_weeks"] = data.get("interval_weeks") or 1
        if "weekdays" not in self.errors and not data["weekdays"]:
            self.add_error("weekdays", _("Choose at least one weekday."))
        until, count = data.get("until"), data.get("count")
        if until and first and until < first:
            self.add_error("until", _("The last date cannot be before the first date."))
        if until and count:
            self.add_error("count", _("Give either a last date or a number of dates, not both."))
        return data

    def sections(self) -> list[dict]:
        return [
            {
                "legend": _("When and where"),
                "fields": [
                    self[n] for n in ("repeat", "starts_on", "start_time", "end_time", "room")
                ],
            },
            {
                "legend": _("Repetition (only for weekly dates)"),
                "fields": [self[n] for n in ("weekdays", "interval_weeks", "until", "count")],
            },
        ]


class ExceptionForm(forms.ModelForm):
    """One date of a schedule that does not take place as planned: cancelled, or moved."""

    kind = forms.ChoiceField(
        label=_lazy("What happens?"),
        choices=ExceptionKind.choices,
        widget=RadioGroup(inline=True),
        initial=ExceptionKind.CANCELLED,
    )
    note = forms.CharField(
        label=_lazy("Note for visitors (optional)"),
        max_length=200,
        required=False,
        help_text=_lazy("For example: “Holiday” or “In the big hall this time”."),
    )

    class Meta:
        model = ScheduleException
        fields = [
            "schedule",
            "day",
            "kind",
            "moved_to",
            "moved_start_time",
            "moved_end_time",
            "moved_room",
        ]
        widgets = {
            "day": DateInput,
            "moved_to": DateInput,
            "moved_start_time": TimeInput,
            "moved_end_time": TimeInput,
        }

    def __init__(self, *args, offer: Offer, schedules=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        schedule_field = fields["schedule"]
        schedule_field.queryset = Schedule.objects.filter(offer=offer).select_related("room")
        schedule_field.label = _("Which schedule?")
        schedule_field.label_from_instance = schedule_in_words
        schedule_field.empty_label = None
        if schedules is not None and len(schedules) == 1:
            self.initial.setdefault("schedule", schedules[0].pk)
        fields["day"].label = _("Date")
        fields["day"].help_text = _("The date as the schedule has it.")
        fields["moved_to"].label = _("Moved to (date)")
        fields["moved_start_time"].label = _("New start (optional)")
        fields["moved_end_time"].label = _("New end (optional)")
        fields["moved_room"].label = _("New room (optional)")
        fields["moved_room"].queryset = Room.objects.filter(is_active=True).order_by(
            "floor", "name"
        )
        fields["moved_room"].empty_label = _("Same room")
        fields["moved_start_time"].help_text = _("Empty: the usual times.")
        use_choice_fieldsets(self)

    def clean(self):
        data = super().clean()
        schedule, day = data.get("schedule"), data.get("day")
        if schedule and day:
            if not schedule.recurrence.days(day, day):
                self.add_error("day", _("The schedule has no date on this day."))
            elif day < centre_today():
                self.add_error("day", _("This date is in the past."))
            elif schedule.exceptions.filter(day=day).exists():
                self.add_error("day", _("This date has already been cancelled or moved."))
        if data.get("kind") == ExceptionKind.MOVED:
            self._clean_move(data, schedule)
        else:
            data.update(moved_to=None, moved_start_time=None, moved_end_time=None, moved_room=None)
        # One note, shown as typed in every language: it goes into the German field, which
        # every other language falls back on.
        self.instance.note_de = data.get("note", "")
        return data

    def _clean_move(self, data, schedule) -> None:
        moved_to = data.get("moved_to")
        if not moved_to:
            if "moved_to" not in self.errors:
                self.add_error("moved_to", _("Please give the new date."))
        elif moved_to < centre_today():
            self.add_error("moved_to", _("This date is in the past."))
        if schedule is None:
            return
        start = data.get("moved_start_time") or schedule.start_time
        end = data.get("moved_end_time") or schedule.end_time
        if end <= start:
            self.add_error("moved_end_time", _("The end must be after the start."))

    def sections(self) -> list[dict]:
        return [
            {
                "legend": _("Which date"),
                "fields": [self[n] for n in ("schedule", "day", "kind", "note")],
            },
            {
                "legend": _("Only when moved"),
                "fields": [
                    self[n]
                    for n in ("moved_to", "moved_start_time", "moved_end_time", "moved_room")
                ],
            },
        ]


# --- a schedule in words -----------------------------------------------------------------------


def _weekday_names(numbers) -> str:
    return ", ".join(str(WEEKDAYS[n]) for n in sorted(numbers))


def schedule_in_words(schedule: Schedule) -> str:
    """“Every week on Tuesday, Thursday, 18:00–19:30, from 3 March 2026 until 30 June 2026”."""
    times = f"{time_format(schedule.start_time)}–{time_format(schedule.end_time)}"
    first = date_format(schedule.starts_on, "DATE_FORMAT")
    if not schedule.weekdays:
        text = _("Once on %(date)s, %(times)s") % {"date": first, "times": times}
    else:
        interval = schedule.interval_weeks or 1
        text = ngettext(
            "Every week on %(weekdays)s, %(times)s, from %(first)s",
            "Every %(interval)s weeks on %(weekdays)s, %(times)s, from %(first)s",
            interval,
        ) % {
            "interval": interval,
            "weekdays": _weekday_names(schedule.weekdays),
            "times": times,
            "first": first,
        }
        if schedule.until:
            text += " " + _("until %(date)s") % {"date": date_format(schedule.until, "DATE_FORMAT")}
        elif schedule.count:
            text += ", " + ngettext(
                "%(count)s date in all", "%(count)s dates in all", schedule.count
            ) % {"count": schedule.count}
        else:
            text += ", " + _("without end")
    if schedule.room_id:
        text += " · " + str(schedule.room)
    return text
