"""Forms of the counsellors' desk and the front desk: the case note, blocked time and
absences, and a waiting number."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.languages import language_choices
from teilhabe.core.widgets import DateInput, RadioGroup, TimeInput, use_choice_fieldsets

from .models import OfficeHoursDate, UnavailabilityKind


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Case note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000, "dir": "auto"}),
        help_text=_(
            "Only the counsellors of this service can read it. It is stored encrypted, never "
            "exported, and deleted with the appointment."
        ),
    )


class UnavailabilityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=UnavailabilityKind.choices,
        initial=UnavailabilityKind.BLOCKED,
        widget=RadioGroup,
    )
    start_day = forms.DateField(label=_("From (date)"), widget=DateInput)
    start_time = forms.TimeField(label=_("From (time)"), widget=TimeInput)
    end_day = forms.DateField(label=_("Until (date)"), widget=DateInput)
    end_time = forms.TimeField(label=_("Until (time)"), widget=TimeInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_choice_fieldsets(self)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        tz = timezone.get_current_timezone()
        data["starts_at"] = datetime.combine(data["start_day"], data["start_time"], tzinfo=tz)
        data["ends_at"] = datetime.combine(data["end_day"], data["end_time"], tzinfo=tz)
        if data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(_("The end must be after the start."))
        return data


class TicketForm(forms.Form):
    """A waiting number for one office-hours date: nothing about the person but the topic
    (optional), the language and whether an interpreter is needed."""

    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=None, required=False, empty_label=_("— not said —")
    )
    language = forms.ChoiceField(label=_("Language"), initial="de")
    needs_interpreter = forms.BooleanField(label=_("Interpreter needed"), required=False)

    def __init__(self, *args, office_hours_date: OfficeHoursDate, **kwargs):
        kwargs.setdefault("prefix", f"date-{office_hours_date.pk}")
        super().__init__(*args, **kwargs)
        self.office_hours_date = office_hours_date
        service = office_hours_date.office_hours.service
        # the service's topics are prefetched by the selector
        topics = list(service.topics.all())
        self.fields["topic"].queryset = service.topics.all()
        self.fields["topic"].choices = [("", self.fields["topic"].empty_label)] + [
            (topic.pk, topic.name) for topic in topics
        ]
        self.fields["language"].choices = language_choices()
