from django.conf import settings
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django.urls import reverse
from django_otp import user_has_device

# Paths a person who still owes the second factor may reach: the 2FA pages themselves,
# logging out, assets, the health checks and the metrics.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz", "/metrics", "/i18n/")
_OPEN_URL_NAMES = ("accounts:two-factor-setup", "accounts:two-factor-verify", "accounts:logout")


def redirect_with_next(url_name: str, next_path: str) -> HttpResponseRedirect:
    """Redirect to a two-factor page that sends the person on to `next_path` afterwards."""
    query = QueryDict(mutable=True)
    query["next"] = next_path
    return HttpResponseRedirect(f"{resolve_url(url_name)}?{query.urlencode(safe='/')}")


class RequireTwoFactorMiddleware:
    """After their password, people must confirm a TOTP code before they reach anything else:
    those who have switched two-factor authentication on, and everyone in a role of
    TWO_FACTOR_REQUIRED_ROLES (staff, counsellors, administrators), who must first set it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._is_open(request.path):
            if user_has_device(user):
                return redirect_with_next("accounts:two-factor-verify", request.get_full_path())
            if user.role in settings.TWO_FACTOR_REQUIRED_ROLES:
                return redirect_with_next("accounts:two-factor-setup", request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        return any(path == reverse(name) for name in _OPEN_URL_NAMES)
