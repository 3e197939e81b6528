"""The page where an association admin or a staff member creates or revokes their API token
(a language-prefixed page: /<lang>/api/token/, mounted through page_urls.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import selectors, services


@never_cache
@login_required
def token_page(request):
    # The same people who may book rooms through the API: staff and association admins.
    if not request.user.has_perm("rooms.use_booking"):
        raise PermissionDenied
    new_key = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_token(by=request.user)
            messages.success(request, _("Your API token has been revoked."))
            return redirect("api_pages:token")
        new_key = services.create_token(by=request.user).key
    has_token = bool(new_key) or selectors.has_api_token(request.user)
    return render(request, "api/token.html", {"new_key": new_key, "has_token": has_token})


urlpatterns = [path("token/", token_page, name="token")]
