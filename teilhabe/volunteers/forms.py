"""Forms of volunteers' engagement: the profile, logging hours, matching and assigning."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association
from teilhabe.core.languages import language_choices
from teilhabe.core.widgets import CheckboxGroup, DateInput, RadioGroup, TimeInput

from .models import LanguageLevel

LANGUAGE_ROWS = 5
AVAILABILITY_ROWS = 5
WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
MIGRATION_CHOICES = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("", _("I prefer not to say")),
]


class ProfileForm(forms.Form):
    """Languages with level and availability as a fixed number of rows: plain selects work
    without JavaScript and with a screen reader."""

    skills = forms.CharField(
        label=_("Skills"),
        max_length=300,
        required=False,
        help_text=_("e.g. interpreting, homework help, cooking – separated by commas"),
    )
    interests = forms.CharField(label=_("Interests"), max_length=300, required=False)
    associations = forms.ModelMultipleChoiceField(
        label=_("Associations you work with"),
        queryset=Association.objects.order_by("name"),
        required=False,
        widget=CheckboxGroup,
    )
    migration_history = forms.ChoiceField(
        label=_("Do you have your own migration history?"),
        choices=MIGRATION_CHOICES,
        required=False,
        widget=RadioGroup,
        help_text=_(
            "Voluntary. We use the answer only in anonymous statistics about who carries the "
            "house; nobody sees it beside your name. You can withdraw it at any time by "
            "choosing “I prefer not to say”, and it is then deleted."
        ),
    )

    def __init__(self, *args, profile=None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        if profile is not None:
            initial.update(_profile_initial(profile))
        super().__init__(*args, initial=initial, **kwargs)
        languages = [("", "—"), *language_choices()]
        levels = [("", "—"), *LanguageLevel.choices]
        for i in range(LANGUAGE_ROWS):
            self.fields[f"language_{i}"] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i + 1}, choices=languages, required=False
            )
            self.fields[f"level_{i}"] = forms.ChoiceField(
                label=_("Level of language %(n)s") % {"n": i + 1}, choices=levels, required=False
            )
        for i in range(AVAILABILITY_ROWS):
            self.fields[f"weekday_{i}"] = forms.ChoiceField(
                label=_("Available on (%(n)s)") % {"n": i + 1},
                choices=[("", "—"), *WEEKDAYS],
                required=False,
            )
            self.fields[f"from_{i}"] = forms.TimeField(
                label=_("from (%(n)s)") % {"n": i + 1}, required=False, widget=TimeInput
            )
            self.fields[f"to_{i}"] = forms.TimeField(
                label=_("until (%(n)s)") % {"n": i + 1}, required=False, widget=TimeInput
            )

    def clean(self):
        data = super().clean()
        languages = []
        for i in range(LANGUAGE_ROWS):
            code, level = data.get(f"language_{i}"), data.get(f"level_{i}")
            if code:
                languages.append({"code": code, "level": level or LanguageLevel.GOOD})
        availability = []
        for i in range(AVAILABILITY_ROWS):
            day, start, end = data.get(f"weekday_{i}"), data.get(f"from_{i}"), data.get(f"to_{i}")
            if day == "" or day is None:
                continue
            if not start or not end or end <= start:
                self.add_error(f"to_{i}", _("Please give a start and a later end time."))
                continue
            availability.append(
                {
                    "weekday": int(day),
                    "start": start.strftime("%H:%M"),
                    "end": end.strftime("%H:%M"),
                }
            )
        data["languages"] = languages
        data["availability"] = availability
        return data

    def profile_data(self) -> dict:
        data = self.cleaned_data
        return {
            "languages": data["languages"],
            "availability": data["availability"],
            "skills": data.get("skills", ""),
            "interests": data.get("interests", ""),
            "associations": data.get("associations"),
        }

    def migration_history_answer(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("migration_history") or "")

    def language_rows(self):
        return [(self[f"language_{i}"], self[f"level_{i}"]) for i in range(LANGUAGE_ROWS)]

    def availability_rows(self):
        return [
            (self[f"weekday_{i}"], self[f"from_{i}"], self[f"to_{i}"])
            for i in range(AVAILABILITY_ROWS)
        ]


def _profile_initial(profile) -> dict:
    from .selectors import language_entries

    initial = {
        "skills": profile.skills,
        "interests": profile.interests,
        "associations": list(profile.associations.all()) if profile.pk else [],
        "migration_history": {True: "yes", False: "no"}.get(profile.has_migration_history, ""),
    }
    for i, entry in enumerate(language_entries(profile)[:LANGUAGE_ROWS]):
        initial[f"language_{i}"] = entry["code"]
        initial[f"level_{i}"] = entry["level"]
    for i, slot in enumerate((profile.availability or [])[:AVAILABILITY_ROWS]):
        initial[f"weekday_{i}"] = str(slot.get("weekday", ""))
        initial[f"from_{i}"] = slot.get("start")
        initial[f"to_{i}"] = slot.get("end")
    return initial


class HoursForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.25, max_value=24, decimal_places=2, max_digits=4
    )
    description = forms.CharField(label=_("What did you do?"), max_length=200)
    association = forms.ModelChoiceField(
        label=_("For the association"),
        queryset=Association.objects.order_by("name"),
        required=False,
        empty_label=_("the centre itself"),
    )


class MatchForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages needed"), choices=language_choices, required=False
    )
    skills = forms.CharField(label=_("Skills needed"), max_length=300, required=False)
    day = forms.DateField(label=_("Date"), widget=DateInput, required=False)
    start = forms.TimeField(label=_("from"), widget=TimeInput, required=False)
    end = forms.TimeField(label=_("until"), widget=TimeInput, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if data.get("day") and start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class AssignForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    session = forms.IntegerField(widget=forms.HiddenInput, required=False)
    role = forms.IntegerField(widget=forms.HiddenInput, required=False)
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)
    ends_at = forms.DateTimeField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    association = forms.IntegerField(widget=forms.HiddenInput, required=False)
