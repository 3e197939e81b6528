"""Forms of trainings and certificates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TrainingTopic


class TopicFilterForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=TrainingTopic.objects.order_by("slug"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("The code printed on the certificate, e.g. 3F9A1C2B7D4E."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class AttendanceForm(forms.Form):
    """One checkbox per confirmed enrolment: attended or not."""

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        for enrolment in self.enrolments:
            self.fields[f"v{enrolment.volunteer_id}"] = forms.BooleanField(
                label=enrolment.volunteer.display_name,
                required=False,
                initial=bool(enrolment.attended),
            )

    def attendance(self) -> dict[int, bool]:
        return {e.volunteer_id: self.cleaned_data[f"v{e.volunteer_id}"] for e in self.enrolments}
