from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from teilhabe.core.widgets import RadioGroup

from .models import Idea, IdeaStatus
from .selectors import ORDERS
from .services import MODERATION_STATUSES


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS, out of the tab order); bots fill it in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This could not be sent. Please try again."))
        return ""


class IdeaForm(HoneypotMixin, forms.Form):
    title = forms.CharField(label=_("Title of your idea"), max_length=200)
    text = forms.CharField(
        label=_("Your idea"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should the centre offer, for whom, and why? In any language."),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    proposer_name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    proposer_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you want to be told what becomes of your idea."),
    )


class SupportForm(forms.Form):
    contact_email = forms.EmailField(
        label=_("E-mail address to be told (optional)"),
        required=False,
        help_text=_("Only if you want to be told when the idea is adopted and realised."),
    )


class CommentForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    text = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class IdeaFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(IdeaStatus.choices),
    )
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("newest", _("Newest first")), ("supported", _("Most supported first"))],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        order = self.cleaned_data.get("order") or "newest"
        return {
            "status": self.cleaned_data.get("status") or "",
            "order": order if order in ORDERS else "newest",
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (value, label) for value, label in IdeaStatus.choices if value in MODERATION_STATUSES
        ],
        widget=RadioGroup,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for “not possible”; shown to everyone."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer of the centre"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to everyone on the idea's page."),
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into the idea"), queryset=Idea.objects.none())

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = targets


class AdoptForm(forms.Form):
    association = forms.ModelChoiceField(
        label=_("Adopt for the association"), queryset=None, required=False
    )

    def __init__(self, *args, associations, for_volunteer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["association"]
        field.queryset = associations
        if for_volunteer:
            field.empty_label = _("Myself, as a volunteer")
        else:
            field.required = True


class LinkOfferForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("The offer that resulted"), queryset=None)

    def __init__(self, *args, offers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
