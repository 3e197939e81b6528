"""Interpreting: volunteers see the open interpreter requests in the languages they speak and
take or give one back; staff see all requests. Nothing about the person is shown: only the
language, the time and the place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.core.languages import language_name

from .. import interpreting


def _with_language_names(items):
    items = list(items)
    for item in items:
        item.language_label = language_name(item.language)
    return items


@never_cache
@login_required
def request_list(request):
    user = request.user
    if user.has_perm("volunteers.oversee_interpreting"):
        page = Paginator(interpreting.all_requests(), 50).get_page(request.GET.get("page"))
        return render(
            request,
            "volunteers/interpreting/overview.html",
            {"page": page, "requests": _with_language_names(page.object_list)},
        )
    if not user.has_perm("volunteers.interpret"):
        raise PermissionDenied
    languages = interpreting.spoken_languages(user)
    return render(
        request,
        "volunteers/interpreting/list.html",
        {
            "languages": [language_name(code) for code in languages],
            "open_requests": _with_language_names(
                interpreting.open_requests_for(user, languages=languages)[:100]
            ),
            "taken_requests": _with_language_names(interpreting.requests_taken_by(user)),
        },
    )


@require_POST
@login_required
def take(request, pk):
    try:
        interpreting.take_request(pk=pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you! The appointment is now among your assignments. Please be there on time."),
        )
    return redirect("volunteers:interpreting")


@require_POST
@login_required
def give_back(request, pk):
    if not request.user.has_perm("volunteers.interpret"):
        raise PermissionDenied
    try:
        interpreting.give_back_request(pk=pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("You gave the request back; it is open for others again."))
    return redirect("volunteers:interpreting")


urlpatterns = [
    path("interpreting/", request_list, name="interpreting"),
    path("interpreting/<int:pk>/take/", take, name="interpreting-take"),
    path("interpreting/<int:pk>/give-back/", give_back, name="interpreting-give-back"),
]
