import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from . import selectors, services
from .forms import (
    AccountForm,
    DeleteAccountForm,
    EmailAuthenticationForm,
    EmailPasswordResetForm,
    TokenForm,
)
from .middleware import redirect_with_next


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = EmailPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def account(request):
    user = request.user
    form = AccountForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.update_account(
            user=user,
            display_name=form.cleaned_data["display_name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your details have been saved."))
        return redirect("accounts:account")
    context = {
        "form": form,
        "memberships": selectors.memberships_of(user),
        "has_two_factor": user_has_device(user),
    }
    return render(request, "accounts/account.html", context)


@never_cache  # personal data: no shared or browser cache may keep a copy
@login_required
def export_data(request):
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="teilhabe-my-data-{stamp}.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})


@login_required
def two_factor_setup(request):
    if not request.user.is_verified() and user_has_device(request.user):
        # Replacing the authenticator app takes a code from the current one first; else the
        # password alone would be enough to enrol a new app and pass the second factor.
        return redirect_with_next(
            "accounts:two-factor-verify", _safe_next(request) or request.get_full_path()
        )
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if request.method == "GET" or device is None:
        device = services.start_two_factor_setup(user=request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        services.confirm_two_factor_setup(user=request.user, device=device)
        otp_login(request, device)
        messages.success(request, _("Two-factor authentication is now switched on."))
        return redirect(_safe_next(request) or "accounts:account")
    svg = _qr_svg(device.config_url)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": svg, "secret": _base32_secret(device)},
    )


@login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None, device=None)
    if request.method == "POST":
        device = match_token(request.user, request.POST.get("token", "").strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request) or "accounts:account")
        form = TokenForm(request.POST, device=None)
        form.is_valid()
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@require_POST
def two_factor_disable(request):
    try:
        services.disable_two_factor(user=request.user)
        messages.success(request, _("Two-factor authentication is switched off."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("accounts:account")


def _safe_next(request) -> str | None:
    target = request.GET.get("next") or request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def _qr_svg(data: str) -> str:
    import io

    out = io.BytesIO()
    write_qrcode_image(data, out)
    svg = out.getvalue().decode()
    return svg[svg.find("<svg") :]


def _base32_secret(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
