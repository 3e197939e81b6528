"""The planner's forms: a new round, what a request needs (with its time windows as a small
formset), and moving one placement by hand."""

from datetime import time

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from teilhabe.core.widgets import DateInput, TimeInput

from ..models import Equipment, Room
from .models import MAX_PREFERENCE, PlanningRequest, PlanningRound

WEEKDAY_CHOICES = [(number, WEEKDAYS[number]) for number in range(7)]


class RoundForm(forms.ModelForm):
    class Meta:
        model = PlanningRound
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def clean(self):
        data = super().clean()
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last <= first:
            self.add_error("ends_on", _("The last day must be after the first day."))
        return data


class PersonsField(forms.CharField):
    """Names, one a line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        names = [" ".join(line.split()) for line in (text or "").splitlines()]
        return [name for name in dict.fromkeys(names) if name]


class RequestForm(forms.ModelForm):
    persons = PersonsField(
        label=_lazy("People who cannot be in two places at once"),
        required=False,
        help_text=_lazy(
            "One name a line: course leaders, volunteers. Two requests with the same person "
            "are never planned at the same time."
        ),
    )
    equipment = forms.ModelMultipleChoiceField(
        label=_lazy("Equipment needed"),
        queryset=Equipment.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PlanningRequest
        fields = [
            "title",
            "association",
            "participants",
            "duration_minutes",
            "equipment",
            "needs_step_free",
            "persons",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].widget.attrs.update(min=1, inputmode="numeric")
        self.fields["duration_minutes"].widget.attrs.update(min=15, step=15, inputmode="numeric")
        self.fields["association"].empty_label = _("The house itself")
        if self.instance.source:
            self.fields["association"].disabled = True
            self.fields["association"].help_text = _(
                "Comes from the programme and is kept when the round is applied."
            )


class WindowForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_lazy("Weekday"), choices=WEEKDAY_CHOICES, coerce=int)
    start = forms.TimeField(label=_lazy("From"), widget=TimeInput)
    end = forms.TimeField(label=_lazy("Until"), widget=TimeInput)
    preference = forms.IntegerField(
        label=_lazy("Preference (0–10)"),
        initial=5,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_PREFERENCE)],
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_PREFERENCE, "inputmode": "numeric"}),
    )

    def has_changed(self):
        # An empty row still sends its weekday and preference: only times make it a window.
        if self.initial:
            return super().has_changed()
        return any(self[name].value() not in (None, "") for name in ("start", "end"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class BaseWindowFormSet(forms.BaseFormSet):
    def windows(self) -> list[dict]:
        """The windows as the request stores them, best first."""
        rows = [
            {
                "weekday": form.cleaned_data["weekday"],
                "start": form.cleaned_data["start"].strftime("%H:%M"),
                "end": form.cleaned_data["end"].strftime("%H:%M"),
                "preference": form.cleaned_data["preference"],
            }
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and "weekday" in form.cleaned_data
        ]
        return sorted(rows, key=lambda w: (-w["preference"], w["weekday"], w["start"]))


WindowFormSet = forms.formset_factory(
    WindowForm, formset=BaseWindowFormSet, extra=2, can_delete=True, max_num=30, validate_max=True
)


def window_initial(windows: list[dict]) -> list[dict]:
    return [
        {
            "weekday": w["weekday"],
            "start": time.fromisoformat(w["start"]),
            "end": time.fromisoformat(w["end"]),
            "preference": w.get("preference", 0),
        }
        for w in windows
    ]


class PlacementForm(forms.Form):
    room = forms.ModelChoiceField(label=_lazy("Room"), queryset=Room.objects.none())
    weekday = forms.TypedChoiceField(label=_lazy("Weekday"), choices=WEEKDAY_CHOICES, coerce=int)
    start = forms.TimeField(label=_lazy("Starts at"), widget=TimeInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(is_active=True).order_by("floor", "name")
