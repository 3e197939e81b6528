from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

# Paths a person who still owes the second factor may reach: the 2FA pages themselves,
# logging out, assets and the health check.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")
_OPEN_URL_NAMES = ("accounts:two-factor-setup", "accounts:two-factor-verify", "accounts:logout")


class RequireTwoFactorMiddleware:
    """Staff, counsellors and administrators (TWO_FACTOR_REQUIRED_ROLES) must confirm a TOTP
    code after their password before they reach anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_open(request.path):
            return self.get_response(request)
        user = request.user
        if (
            user.is_authenticated
            and user.role in settings.TWO_FACTOR_REQUIRED_ROLES
            and not user.is_verified()
        ):
            target = (
                "accounts:two-factor-verify"
                if user_has_device(user)
                else ("accounts:two-factor-setup")
            )
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        return any(path == reverse(name) for name in _OPEN_URL_NAMES)
