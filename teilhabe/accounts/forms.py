from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from teilhabe.core.mail import send_templated_email
from teilhabe.core.models import Centre

from . import services
from .models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _("E-mail address and password do not match. Please try again."),
        "inactive": _("This account is not active."),
    }

    def clean_username(self):
        # E-mail addresses are stored in lower case and matched case-insensitively; the
        # failed-login counter (django-axes) keys on the address as authenticate() gets it,
        # so it must be normalised here, or every change of case would start a new count.
        return self.cleaned_data["username"].lower()


class AccountForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The centre writes to you in this language."),
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if self.device is None or not self.device.verify_token(token):
            raise forms.ValidationError(_("This code is not valid. Please try the current one."))
        return token


class EmailPasswordResetForm(PasswordResetForm):
    """Password reset whose e-mail is queued on the task queue in the person's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        if not services.may_send_password_reset(to_email):
            return  # the page says the same either way: nothing to learn from a flood
        # Django names the site by its host; the mail speaks of the centre by its name.
        context = {**context, "site_name": Centre.current().name}
        send_templated_email(
            to=[to_email],
            subject_template=subject_template_name,
            body_template=email_template_name,
            context=context,
            language=context["user"].preferred_language,
        )
