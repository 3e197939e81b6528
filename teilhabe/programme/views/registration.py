"""Registration for visitors (register, see the status, cancel by the link they were sent) and
the participant lists for the hosts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import exports, selectors, services
from ..forms import RegistrationForm
from ..models import Offer, RegistrationStatus

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@never_cache
def register(request, slug):
    try:
        offer = selectors.offer_for_registration(slug)
    except Offer.DoesNotExist:
        return render(request, "programme/registration/unavailable.html", status=404)
    form = RegistrationForm(request.POST if request.method == "POST" else None, offer=offer)
    if form.is_bound and form.is_valid():
        try:
            registration = services.register_for_offer(
                offer=offer,
                language=get_language(),
                user=request.user,
                **form.registration_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Thank you – you are registered."))
            else:
                messages.warning(
                    request,
                    _(
                        "All places are taken, so you are on the waiting list. "
                        "We tell you when a place becomes free."
                    ),
                )
            return redirect(
                "programme:registration", token=services.registration_token(registration)
            )
    return render(request, "programme/registration/register.html", {"offer": offer, "form": form})


def _registration_or_error_page(request, token):
    """The registration the link names, or the page that explains why the link does not work
    (410 for an expired link, 400 for a broken one)."""
    try:
        return services.registration_from_token(token), None
    except ValidationError as error:
        is_expired = error.code == "expired"
        page = render(
            request,
            "programme/registration/invalid_link.html",
            {"is_expired": is_expired},
            status=410 if is_expired else 400,
        )
        return None, page


@never_cache
def registration_status(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    return render(
        request,
        "programme/registration/status.html",
        {
            "registration": registration,
            "offer": registration.offer,
            "token": token,
            "waiting_position": selectors.waiting_position(registration),
        },
    )


@never_cache
def cancel(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    if request.method == "POST":
        if registration.status != RegistrationStatus.CANCELLED:
            services.cancel_registration(registration=registration)
            messages.success(request, _("Your registration is cancelled."))
        return redirect("programme:registration", token=token)
    return render(
        request,
        "programme/registration/cancel.html",
        {"registration": registration, "offer": registration.offer, "token": token},
    )


def _offer_for_hosts(request, slug) -> Offer:
    try:
        offer = selectors.offer_for_hosts(slug)
    except Offer.DoesNotExist:
        raise Http404(_("There is no such offer.")) from None
    if not request.user.has_perm("programme.view_participants", offer):
        raise PermissionDenied
    return offer


@never_cache
@login_required
def participants(request, slug):
    offer = _offer_for_hosts(request, slug)
    return render(
        request,
        "programme/registration/participants.html",
        {"offer": offer, "participants": selectors.participants_of(offer)},
    )


@never_cache
@login_required
def participants_export(request, slug, file_format):
    if file_format not in EXPORT_TYPES:
        raise Http404(_("There is no such file."))
    offer = _offer_for_hosts(request, slug)
    registrations = selectors.participants_of(offer).registrations
    if file_format == "csv":
        content = exports.participants_csv(registrations)
    else:
        content = exports.participants_xlsx(offer, registrations)
    response = HttpResponse(content, content_type=EXPORT_TYPES[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="participants-{offer.slug}.{file_format}"'
    )
    return response
