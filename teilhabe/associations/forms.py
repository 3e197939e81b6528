from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from teilhabe.core.languages import language_choices
from teilhabe.core.translated_forms import language_label

from .models import Association


class AssociationForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages used"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    countries_of_origin = forms.MultipleChoiceField(
        label=_("Countries of origin of members"),
        choices=lambda: list(countries),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Association
        fields = [
            "name",
            "short_description_de",
            "short_description_en",
            "description_de",
            "description_en",
            "is_migrant_organisation",
            "languages",
            "countries_of_origin",
            "founding_year",
            "contact_email",
            "contact_phone",
            "website",
            "logo",
        ]
        labels = {
            "short_description_de": _("Short description (German)"),
            "short_description_en": _("Short description (English)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
        }

    def clean_founding_year(self):
        from django.utils import timezone

        year = self.cleaned_data.get("founding_year")
        if year is not None and not 1800 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Please give a year between 1800 and this year."))
        return year


class AgreementVersionForm(forms.Form):
    """A new version of the agreement, with its text in every UI language (German required)."""

    def __init__(self, *args, initial_from=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            required = code == settings.LANGUAGE_CODE
            language = language_label(code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": language},
                max_length=200,
                required=required,
                initial=getattr(initial_from, f"title_{code}", "") if initial_from else "",
            )
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": language},
                widget=forms.Textarea(attrs={"rows": 12 if required else 5}),
                required=required,
                initial=getattr(initial_from, f"text_{code}", "") if initial_from else "",
            )
            self.fields[f"change_summary_{code}"] = forms.CharField(
                label=_("What changed (%(language)s)") % {"language": language},
                max_length=300,
                required=False,
            )

    def per_language(self, field: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{field}_{code}", "")
            for code, _name in settings.LANGUAGES
            if self.cleaned_data.get(f"{field}_{code}")
        }

    def language_groups(self):
        return [
            {
                "code": code,
                "label": language_label(code),
                "fields": [self[f"{f}_{code}"] for f in ("title", "text", "change_summary")],
            }
            for code, _name in settings.LANGUAGES
        ]


class SignForm(forms.Form):
    association = forms.ModelChoiceField(
        queryset=Association.objects.none(), widget=forms.HiddenInput
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read this version and sign it in the name of the association."),
    )

    def __init__(self, *args, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations
