"""The directory's filters and the forms staff and a partner's editors use for its entry, its
services (with their hours) and locations (with their hours and phones), and the HSDS upload."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import User
from teilhabe.core.translated_forms import (
    TranslatedFieldsMixin,
    spoken_languages,
    translated_field_names,
)
from teilhabe.core.widgets import CheckboxGroup, TimeInput

from .models import Location, Organization, PhoneType, Service, ServiceType, Weekday


class DirectoryFilterForm(forms.Form):
    """The directory's search and filters; unknown values are ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    service_type = forms.ChoiceField(label=_("Type of service"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"
        self.fields["service_type"].choices = [("", _("any"))] + list(ServiceType.choices)
        self.fields["language"].choices = [("", _("any"))] + list(spoken_languages())
        self.fields["district"].choices = [("", _("any"))] + [(d, d) for d in districts]

    def filters(self) -> dict[str, str]:
        # A NUL character cannot be searched for (PostgreSQL refuses it): it is dropped.
        values = {"text": (self.data.get("q") or "").replace("\x00", "")[:200]}
        for name in ("service_type", "language", "district"):
            value = self.data.get(name, "")
            if value in dict(self.fields[name].choices):
                values[name] = value
        return values


class OrganizationForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("description",)
    translation_labels = {"description": _("Description (%(language)s)")}

    class Meta:
        model = Organization
        fields = [
            "name",
            "description_de",
            "email",
            "website",
            "is_in_house",
            "association",
            "editors",
            *translated_field_names(("description",)),
        ]
        widgets = {
            f"description_{code}": forms.Textarea(attrs={"rows": 4})
            for code, _name in settings.LANGUAGES
        }

    def __init__(self, *args, is_staff=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_translations()
        if is_staff:
            self.fields["editors"].queryset = User.objects.filter(is_active=True).order_by(
                "display_name", "pk"
            )
            self.fields["editors"].widget.attrs["size"] = 8
        else:
            for name in ("is_in_house", "association", "editors"):
                del self.fields[name]


class ServiceForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("name", "description")
    translation_labels = {
        "name": _("Name (%(language)s)"),
        "description": _("Description (%(language)s)"),
    }
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=spoken_languages,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Where it is offered"),
        queryset=Location.objects.none(),
        required=False,
        widget=CheckboxGroup,
    )

    class Meta:
        model = Service
        fields = [
            "name_de",
            "description_de",
            "service_type",
            "languages",
            "url",
            "email",
            "status",
            *translated_field_names(("name", "description")),
        ]
        widgets = {
            f"description_{code}": forms.Textarea(attrs={"rows": 4})
            for code, _name in settings.LANGUAGES
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_translations()
        self.fields["name_de"].required = True
        self.fields["locations"].queryset = organization.locations.order_by("name", "pk")
        if self.instance.pk:
            self.fields["locations"].initial = [
                sal.location_id for sal in self.instance.service_at_locations.all()
            ]


class LocationForm(forms.ModelForm):
    district = forms.CharField(
        label=_("District"),
        required=False,
        max_length=100,
        help_text=_("Choose from the list or type another."),
    )

    class Meta:
        model = Location
        fields = ["name", "street", "postal_code", "city", "district"]

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].widget.attrs["list"] = "district-choices"
        self.districts = districts
        if not self.instance.pk and not self.initial.get("city"):
            self.initial["city"] = getattr(settings, "NETWORK_CITY", "Erfurt")


class ScheduleRowForm(forms.Form):
    byday = forms.ChoiceField(label=_("Weekday"), choices=[("", "—")] + list(Weekday.choices))
    opens_at = forms.TimeField(label=_("Opens at"), widget=TimeInput)
    closes_at = forms.TimeField(label=_("Closes at"), widget=TimeInput)

    def clean(self):
        data = super().clean()
        if data.get("opens_at") and data.get("closes_at") and data["opens_at"] >= data["closes_at"]:
            raise forms.ValidationError(_("Opening hours must end after they begin."))
        return data


class PhoneRowForm(forms.Form):
    number = forms.CharField(
        label=_("Phone number"), max_length=50, widget=forms.TextInput(attrs={"type": "tel"})
    )
    type = forms.ChoiceField(label=_("Kind"), choices=PhoneType.choices, initial=PhoneType.VOICE)
    description = forms.CharField(label=_("Note"), max_length=200, required=False)


ScheduleFormSet = forms.formset_factory(ScheduleRowForm, extra=2, can_delete=True)
PhoneFormSet = forms.formset_factory(PhoneRowForm, extra=1, can_delete=True)


def schedule_rows(formset) -> list[tuple]:
    return [
        (f.cleaned_data["byday"], f.cleaned_data["opens_at"], f.cleaned_data["closes_at"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def phone_rows(formset) -> list[tuple]:
    return [
        (f.cleaned_data["number"], f.cleaned_data["type"], f.cleaned_data.get("description", ""))
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def schedule_initial(schedules) -> list[dict]:
    return [{"byday": s.byday, "opens_at": s.opens_at, "closes_at": s.closes_at} for s in schedules]


def phone_initial(phones) -> list[dict]:
    return [{"number": p.number, "type": p.type, "description": p.description} for p in phones]


class ReferralForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the client"), choices=settings.LANGUAGES)


class HsdsUploadForm(forms.Form):
    file = forms.FileField(label=_("HSDS file (JSON)"))
    dry_run = forms.BooleanField(
        label=_("Only check the file, change nothing"), required=False, initial=True
    )
