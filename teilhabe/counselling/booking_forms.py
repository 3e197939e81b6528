"""Forms of the public booking: what a person seeking advice gives (and nothing more), and the
booking code with which they find their booking again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from teilhabe.core.languages import language_choices
from teilhabe.core.widgets import RadioGroup, use_choice_fieldsets

from . import services
from .models import Service

# Which field a ValidationError of services.book_appointment belongs to, by its code.
FIELD_OF_ERROR = {
    "taken": "slot",
    "no_slot": "slot",
    "invalid_contact": "contact",
    "name": "name",
    "topic": "topic",
}


class BookingForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=None,
        widget=RadioGroup,
        empty_label=None,
        error_messages={
            "required": _("Please choose a topic."),
            "invalid_choice": _("Please choose a topic of this service."),
        },
    )
    language = forms.ChoiceField(
        label=_("Your preferred language"),
        choices=language_choices,
        help_text=_("Times when a counsellor speaks your language are marked."),
    )
    # Rendered by the template as radio buttons grouped by day (see _slots.html).
    slot = forms.CharField(label=_("Time"), error_messages={"required": _("Please choose a time.")})
    name = forms.CharField(
        label=_("First name or pseudonym"),
        max_length=80,
        help_text=_("Only so that the counsellor can greet you. It need not be your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Please give a first name or a pseudonym.")},
    )
    contact = forms.CharField(
        label=_("E-mail or phone"),
        max_length=200,
        help_text=_(
            "One way to reach you: for the confirmation, a reminder, or if we must cancel."
        ),
        error_messages={"required": _("Please give an e-mail address or a phone number.")},
    )
    needs_interpreter = forms.BooleanField(label=_("I need an interpreter"), required=False)

    def __init__(self, *args, service: Service, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", get_language())
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["topic"].queryset = service.topics.all()
        self.fields["contact"].widget.attrs.update({"autocomplete": "off", "dir": "ltr"})
        use_choice_fieldsets(self)

    def clean_contact(self):
        return services.clean_contact(self.cleaned_data["contact"])

    def selected(self, name: str) -> str:
        """The value a field shows: what was typed or, before that, its initial value."""
        if self.is_bound:
            return self.data.get(name, "") or ""
        value = self.initial.get(name, "")
        return str(getattr(value, "pk", value) or "")

    def add_service_error(self, error: ValidationError) -> None:
        code = getattr(error, "code", None) or next(
            (e.code for e in getattr(error, "error_list", []) if e.code), None
        )
        self.add_error(FIELD_OF_ERROR.get(code), error)


class SlotFilterForm(forms.Form):
    """The two choices that decide which times are shown and marked (the HTMX partial)."""

    topic = forms.IntegerField(required=False)
    language = forms.ChoiceField(choices=language_choices, required=False)
    slot = forms.CharField(required=False)


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Booking code"),
        max_length=20,
        help_text=_("The code from your confirmation, for example ACD-479."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}
        ),
        error_messages={"required": _("Please enter your booking code.")},
    )

    def clean_code(self):
        return services.normalise_code(self.cleaned_data["code"])
