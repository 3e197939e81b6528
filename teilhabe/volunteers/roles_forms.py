from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.associations.models import Association, MembershipRole
from teilhabe.core.languages import language_choices
from teilhabe.core.widgets import CheckboxGroup, DateInput, use_choice_fieldsets
from teilhabe.programme.models import Offer

from .models import ApplicationStatus, OpenRole, RoleKind, TrainingTopic

LANGUAGE_HELP = _("Hold Ctrl (or Cmd) to choose several.")


class BoardFilterForm(forms.Form):
    """The board's filters; unknown values are ignored, never an error page."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    association = forms.ChoiceField(label=_("Association"), required=False)
    kind = forms.ChoiceField(
        label=_("How often"),
        required=False,
        choices=[("", _("any"))] + list(RoleKind.choices),
    )

    def __init__(self, *args, associations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("any"))] + list(language_choices())
        self.fields["association"].choices = [
            ("", _("any")),
            ("centre", _("The centre itself")),
        ] + [(a.slug, a.name) for a in associations]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {
                name: self.data.get(name, "")
                for name in ("language", "association", "kind")
                if self.data.get(name, "") in dict(self.fields[name].choices)
            }
        return {name: value for name, value in self.cleaned_data.items() if value}


class OfferToHelpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=LANGUAGE_HELP,
    )
    message = forms.CharField(
        label=_("What would you like to do? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        template_name="programme/registration/honeypot_field.html",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Please give your name."))
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("Your message could not be sent. Please try again."))
        has_contact = cleaned.get("email") or cleaned.get("phone", "").strip()
        if not has_contact and not self.has_error("email") and not self.has_error("phone"):
            self.add_error("email", _("Please give an e-mail address or a phone number."))
        return cleaned

    def application_data(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data.get("email", ""),
            "phone": data.get("phone", "").strip(),
            "languages": data.get("languages", []),
            "message": data.get("message", ""),
        }


class RoleForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages wanted"),
        choices=language_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=LANGUAGE_HELP,
    )
    required_topics = forms.ModelMultipleChoiceField(
        label=_("Training needed before starting"),
        queryset=TrainingTopic.objects.all(),
        required=False,
        widget=CheckboxGroup,
    )

    class Meta:
        model = OpenRole
        fields = [
            "title_de",
            "title_en",
            "title_ar",
            "title_uk",
            "description_de",
            "description_en",
            "description_ar",
            "description_uk",
            "association",
            "offer",
            "kind",
            "when_de",
            "when_en",
            "starts_on",
            "ends_on",
            "languages",
            "skills",
            "places",
            "is_published",
        ]
        labels = {
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "title_ar": _("Title (Arabic)"),
            "title_uk": _("Title (Ukrainian)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "description_ar": _("Description (Arabic)"),
            "description_uk": _("Description (Ukrainian)"),
            "when_de": _("When (German)"),
            "when_en": _("When (English)"),
        }
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "description_de": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
            "description_uk": forms.Textarea(attrs={"rows": 4, "lang": "uk"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["when_de"].required = True
        self.fields["title_ar"].widget.attrs.update(dir="rtl", lang="ar")
        if self.instance.pk:
            self.initial["required_topics"] = list(
                self.instance.required_topics.values_list("pk", flat=True)
            )
        if user.is_centre_staff:
            associations = Association.objects.order_by("name")
            offers = Offer.objects.order_by("title")
        else:
            administered = user.memberships.filter(role=MembershipRole.ADMIN).values(
                "association_id"
            )
            associations = Association.objects.filter(pk__in=administered).order_by("name")
            offers = Offer.objects.filter(lead_association_id__in=administered).order_by("title")
            self.fields["association"].required = True
            self.fields["association"].empty_label = None
        self.fields["association"].queryset = associations
        self.fields["offer"].queryset = offers
        use_choice_fieldsets(self)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end must not be before the start."))
        return cleaned


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ApplicationStatus.ACCEPTED, _("Accept")),
            (ApplicationStatus.ON_HOLD, _("Put on hold")),
            (ApplicationStatus.DECLINED, _("Decline")),
        ],
    )
