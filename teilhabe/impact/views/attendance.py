"""Recording attendance on a phone: the host's list of today's (and the last week's) dates,
the head count or check-in list of one date with its QR code, and the participant's own
check-in through that code."""

import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import Association
from teilhabe.core.recurrence import centre_today
from teilhabe.programme.models import RegistrationMode, Session

from .. import selectors, services
from ..attendance_forms import CheckInListForm, HeadCountForm

RECORD = "impact.record_attendance"


def _session_or_404(session_pk: int) -> Session:
    try:
        return selectors.session_for_attendance(session_pk)
    except Session.DoesNotExist:
        raise Http404 from None


def _session_to_record(request, session_pk: int) -> Session:
    session = _session_or_404(session_pk)
    if not request.user.has_perm(RECORD, session):
        raise PermissionDenied
    return session


def _takes_registrations(session: Session) -> bool:
    return session.offer.registration_mode != RegistrationMode.NONE


def _qr_svg(url: str, *, large: bool = False) -> str:
    """The QR code as inline SVG (no style attributes: the CSP allows none); large for
    printing, shrinking to the screen's width."""
    out = io.BytesIO()
    qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        border=2,
        box_size=20 if large else 10,
    ).save(out)
    svg = out.getvalue().decode()
    svg = svg[svg.find("<svg") :].replace(' id="qr-path"', "")
    return svg.replace("<svg ", '<svg class="img-fluid" ', 1) if large else svg


def _check_in_url(request, session: Session) -> str:
    token = services.check_in_token(session)
    return request.build_absolute_uri(reverse("impact:check-in", kwargs={"token": token}))


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@never_cache
@login_required
def attendance_today(request):
    if not request.user.has_perm(RECORD):
        raise PermissionDenied
    is_staff = is_centre_staff(request.user)
    association_id = request.GET.get("association", "")
    association_id = int(association_id) if is_staff and association_id.isdigit() else None
    sessions = selectors.sessions_for_attendance(request.user, association_id=association_id)
    context = {
        "sessions": sessions,
        "open_sessions": [s for s in sessions if s.recorded is None],
        "recorded_sessions": [s for s in sessions if s.recorded is not None],
        "is_staff": is_staff,
        "associations": list(Association.objects.order_by("name")) if is_staff else [],
        "association_id": association_id,
        "today": centre_today(),
    }
    return render(request, "impact/attendance/today.html", context)


@never_cache
@login_required
def attendance_record(request, session_pk):
    session = _session_to_record(request, session_pk)
    with_list = _takes_registrations(session)
    registrations = selectors.check_in_list(session) if with_list else []
    form_class = CheckInListForm if with_list else HeadCountForm
    options = {"registrations": registrations} if with_list else {}
    try:
        services.ensure_recordable(session)
        refusal = ""
    except ValidationError as error:
        refusal = _error_text(error)

    if request.method == "POST" and request.POST.get("step") in ("-1", "1"):
        # − and +: the same form back, unsaved, one up or down (a whole page without
        # JavaScript; with HTMX only the number is swapped).
        form = form_class.stepped(request.POST, int(request.POST["step"]), **options)
    elif request.method == "POST" and not refusal:
        form = form_class(request.POST, **options)
        if form.is_valid():
            try:
                attendance = services.record_attendance(
                    session=session, by=request.user, **form.attendance_values()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Attendance recorded: %(count)s people at %(offer)s.")
                    % {"count": attendance.head_count, "offer": session.offer},
                )
                return redirect("impact:attendance-today")
    elif with_list:
        form = form_class(
            initial=form_class.initial_for(session.recorded, registrations), **options
        )
    else:
        form = form_class(initial=form_class.initial_for(session.recorded), **options)

    context = {
        "session": session,
        "form": form,
        "with_list": with_list,
        "refusal": refusal,
        "day": services.session_day(session),
    }
    if with_list and not session.is_cancelled:
        context["qr_svg"] = _qr_svg(_check_in_url(request, session))
    return render(request, "impact/attendance/record.html", context)


@never_cache
@login_required
def attendance_qr(request, session_pk):
    """A page to print and put up at the door: the date's QR code for self check-in."""
    session = _session_to_record(request, session_pk)
    if session.is_cancelled:
        raise Http404
    url = _check_in_url(request, session)
    context = {
        "session": session,
        "day": services.session_day(session),
        "qr_svg": _qr_svg(url, large=True),
        "check_in_url": url,
    }
    return render(request, "impact/attendance/qr.html", context)


@never_cache
def check_in(request, token):
    try:
        session = services.session_from_check_in_token(token)
    except ValidationError as error:
        return render(
            request,
            "impact/attendance/check_in_invalid.html",
            {"message": _error_text(error)},
            status=404,
        )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    checked_in = False
    if request.method == "POST":
        try:
            _check_in, created = services.self_check_in(session=session, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            checked_in = True
            if created:
                messages.success(request, _("Welcome! You are checked in."))
            else:
                messages.info(request, _("You were already checked in."))
    registration = services.registration_for_self_check_in(session, request.user)
    if registration is not None and not checked_in:
        checked_in = selectors.is_checked_in(session, registration)
    context = {
        "session": session,
        "registration": registration,
        "checked_in": checked_in,
        "day": services.session_day(session),
    }
    return render(request, "impact/attendance/check_in.html", context)


urlpatterns = [
    path("attendance/", attendance_today, name="attendance-today"),
    path("attendance/<int:session_pk>/", attendance_record, name="attendance-record"),
    path("attendance/<int:session_pk>/qr/", attendance_qr, name="attendance-qr"),
    path("check-in/<str:token>/", check_in, name="check-in"),
]
