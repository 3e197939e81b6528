"""Forms of the joint programme for visitors: registration for an offer or one of its dates."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy as _

from .models import RegistrationScope

MAX_PERSONS = 10
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")

CONSENT_TEXT = _(
    "I agree that my details are stored to handle this registration and are shown to the "
    "associations that run this offer. I can cancel my registration at any time with the link "
    "I receive."
)


def session_label(session) -> str:
    """“Tuesday, 3 March 2026, 18:00 – 19:30”, in the centre's time and the active language,
    and whether the date is full."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    label = "{}, {}, {} – {}".format(
        date_format(starts, "l"),
        date_format(starts, "DATE_FORMAT"),
        time_format(starts, "H:i"),
        time_format(ends, "H:i"),
    )
    if getattr(session, "places_left", 1) <= 0:
        label = "{} ({})".format(label, _("full – waiting list"))
    return label


class RegistrationForm(forms.Form):
    """A visitor's registration: the minimum the host needs, and consent to store it.

    `offer` comes from selectors.offer_for_registration (with `open_sessions`): for offers that
    register per date the visitor chooses one of those dates."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("We send the confirmation and a link to cancel here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        help_text=_("If you have no e-mail address: the host calls you if something changes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel", "dir": "ltr"}
        ),
    )
    persons = forms.IntegerField(
        label=_("Number of persons"),
        initial=1,
        min_value=1,
        max_value=MAX_PERSONS,
        help_text=_("Including yourself and any children."),
    )
    needs_childcare = forms.BooleanField(label=_("I need childcare"), required=False)
    needs_interpreting = forms.BooleanField(label=_("I need an interpreter"), required=False)
    note = forms.CharField(
        label=_("Note for the host"),
        required=False,
        max_length=300,
        help_text=_("For example which language you need interpreting into."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree, so that we can register you.")},
    )
    # Honeypot: hidden from people (and screen readers); bots fill in every field.
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        template_name="programme/registration/honeypot_field.html",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        limit = min(MAX_PERSONS, offer.capacity or MAX_PERSONS)
        self.fields["persons"] = forms.IntegerField(
            label=self.fields["persons"].label,
            help_text=self.fields["persons"].help_text,
            initial=1,
            min_value=1,
            max_value=limit,
            error_messages={
                "min_value": _("Please register at least one person."),
                "max_value": _("At most %(limit_value)s persons can register at once."),
            },
        )
        if offer.registration_scope == RegistrationScope.SESSION:
            self.sessions = {str(s.pk): s for s in offer.open_sessions}
            self.fields["session"] = forms.ChoiceField(
                label=_("Date"),
                choices=[("", _("Please choose a date"))]
                + [(pk, session_label(s)) for pk, s in self.sessions.items()],
                error_messages={
                    "required": _("Please choose a date."),
                    "invalid_choice": _("This date is no longer open. Please choose another."),
                },
            )
            self.order_fields(["session"])

    def clean_phone(self):
        # Arabic-Indic and Persian digits become 0–9, so that every host can dial the number.
        phone = "".join(
            str(unicodedata.decimal(c)) if c.isdecimal() else c
            for c in " ".join(self.cleaned_data["phone"].split())
        )
        if phone and (not PHONE_CHARACTERS.match(phone) or sum(c.isdigit() for c in phone) < 5):
            raise ValidationError(
                _("Please write the phone number with digits only, for example +49 170 1234567.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("Your registration could not be sent. Please try again."))
        has_contact = cleaned.get("email") or cleaned.get("phone")
        if not has_contact and not self.has_error("email") and not self.has_error("phone"):
            self.add_error(
                "email",
                _("Please give an e-mail address or a phone number, so the host can reach you."),
            )
        return cleaned

    def registration_data(self) -> dict:
        """Keyword arguments for services.register_for_offer."""
        data = self.cleaned_data
        return {
            "session": self.sessions[data["session"]] if "session" in data else None,
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "persons": data["persons"],
            "needs_childcare": data["needs_childcare"],
            "needs_interpreting": data["needs_interpreting"],
            "note": data["note"],
        }
