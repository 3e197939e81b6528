"""Trainings for volunteers (catalogue, enrolment, attendance) and certificates (PDF, issuing,
the public verification page)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.core.languages import language_name
from teilhabe.core.models import Centre
from teilhabe.core.pdf import pdf_response, render_template_to_pdf, text_direction

from .. import training_selectors as selectors
from .. import training_services as services
from ..models import Certificate, CertificateKind, EnrolmentStatus, Training, TrainingEnrolment
from ..training_forms import AttendanceForm, TopicFilterForm, VerifyForm

RTL_LANGUAGES = {"ar", "fa"}


def _may_see_catalogue(user) -> bool:
    return user.has_perm("volunteers.enrol") or user.memberships.exists()


def _is_staff(user) -> bool:
    return user.has_perm("volunteers.manage_training")


@login_required
def catalogue(request):
    if not _may_see_catalogue(request.user):
        raise PermissionDenied
    form = TopicFilterForm(request.GET or None)
    topic_slug = ""
    if form.is_bound and form.is_valid() and form.cleaned_data["topic"]:
        topic_slug = form.cleaned_data["topic"].slug
    trainings = list(selectors.trainings_for_catalogue(topic_slug=topic_slug))
    my_status = selectors.enrolment_status_by_training(request.user)
    for training in trainings:
        training.my_status = my_status.get(training.pk, "")
        training.language_label = language_name(training.language)
    return render(
        request,
        "volunteers/trainings/catalogue.html",
        {
            "form": form,
            "trainings": trainings,
            "may_enrol": request.user.has_perm("volunteers.enrol"),
        },
    )


@never_cache
@login_required
def training_detail(request, pk):
    if not _may_see_catalogue(request.user):
        raise PermissionDenied
    try:
        training = selectors.training_for_detail(pk)
    except Training.DoesNotExist:
        raise Http404 from None
    if not training.is_published and not request.user.has_perm(
        "volunteers.manage_training", training
    ):
        raise Http404
    enrolment = selectors.enrolment_of(training, request.user)
    if request.method == "POST":
        if not request.user.has_perm("volunteers.enrol"):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "enrol":
            try:
                enrolment = services.enrol(training=training, volunteer=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if enrolment.status == EnrolmentStatus.CONFIRMED:
                    messages.success(request, _("You are enrolled. Your place is confirmed."))
                else:
                    messages.warning(
                        request,
                        _(
                            "All places are taken, so you are on the waiting list. "
                            "We tell you when a place becomes free."
                        ),
                    )
        elif action == "cancel" and enrolment is not None:
            services.cancel_enrolment(enrolment=enrolment)
            messages.success(request, _("Your enrolment is cancelled."))
        return redirect("volunteers:training-detail", pk=training.pk)
    return render(
        request,
        "volunteers/trainings/detail.html",
        {
            "training": training,
            "enrolment": enrolment,
            "waiting_position": selectors.waiting_position(enrolment) if enrolment else None,
            "may_enrol": request.user.has_perm("volunteers.enrol"),
            "may_take_attendance": request.user.has_perm("volunteers.take_attendance", training),
        },
    )


@never_cache
@login_required
def attendance(request, pk):
    training = get_object_or_404(Training.objects.select_related("topic"), pk=pk)
    if not request.user.has_perm("volunteers.take_attendance", training):
        raise PermissionDenied
    enrolments = selectors.enrolments_for_attendance(training)
    form = AttendanceForm(request.POST or None, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        services.record_attendance(training=training, attendance=form.attendance(), by=request.user)
        messages.success(request, _("Attendance saved."))
        return redirect("volunteers:training-attendance", pk=training.pk)
    return render(
        request, "volunteers/trainings/attendance.html", {"training": training, "form": form}
    )


def _verification_url(code: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("volunteers:verify-code", kwargs={"code": code})


def _with_directions(content: dict) -> dict:
    """The content with the text direction of each text (`<key>_dir`): WeasyPrint has no
    dir="auto", and a Latin title in a right-to-left page would come out in the wrong order."""
    result = {}
    for key, value in content.items():
        if isinstance(value, str):
            result[f"{key}_dir"] = text_direction(value)
        elif isinstance(value, list):
            value = [
                {**item, **{f"{k}_dir": text_direction(v) for k, v in item.items()}}
                if isinstance(item, dict)
                else item
                for item in value
            ]
        result[key] = value
    return result


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """The certificate's PDF in the volunteer's language."""
    language = certificate.volunteer.preferred_language or settings.LANGUAGE_CODE
    template = (
        "volunteers/certificates/training.html"
        if certificate.kind == CertificateKind.TRAINING
        else "volunteers/certificates/year.html"
    )
    centre = Centre.current()
    with translation.override(language):
        return render_template_to_pdf(
            template,
            {
                "certificate": certificate,
                "content": _with_directions(certificate.content),
                "centre": centre,
                "centre_dir": text_direction(centre.name),
                "name_dir": text_direction(certificate.content.get("name", "")),
                "language": language,
                "is_rtl": language in RTL_LANGUAGES,
                "verification_url": _verification_url(certificate.code),
            },
        )


@login_required
def certificate_pdf(request, pk):
    try:
        certificate = selectors.certificate_with_volunteer(pk)
    except Certificate.DoesNotExist:
        raise Http404 from None
    if certificate.volunteer_id != request.user.pk and not _is_staff(request.user):
        raise PermissionDenied
    return pdf_response(
        certificate_pdf_bytes(certificate), filename=f"certificate-{certificate.code}.pdf"
    )


@require_POST
@login_required
def issue_training_certificate(request, enrolment_pk):
    enrolment = get_object_or_404(
        TrainingEnrolment.objects.select_related("training__topic", "training__room", "volunteer"),
        pk=enrolment_pk,
    )
    if enrolment.volunteer_id != request.user.pk and not _is_staff(request.user):
        raise PermissionDenied
    try:
        certificate = services.issue_training_certificate(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("volunteers:training-detail", pk=enrolment.training_id)
    return redirect("volunteers:certificate-pdf", pk=certificate.pk)


@require_POST
@login_required
def issue_year_record(request, year):
    volunteer = request.user
    other = request.GET.get("volunteer") or request.POST.get("volunteer")
    if other:
        if not _is_staff(request.user):
            raise PermissionDenied
        volunteer = get_object_or_404(get_user_model(), pk=other)
    elif not request.user.has_perm("volunteers.enrol"):
        raise PermissionDenied
    if not 2000 <= year <= 2100:
        raise Http404
    certificate = services.issue_year_record(volunteer=volunteer, year=year)
    return redirect("volunteers:certificate-pdf", pk=certificate.pk)


def _verify_page(request, code: str | None):
    form = VerifyForm({"code": code} if code is not None else (request.GET or None))
    certificate = None
    checked = False
    if form.is_bound and form.is_valid():
        checked = True
        certificate = services.verify(form.cleaned_data["code"])
    return render(
        request,
        "volunteers/trainings/verify.html",
        {
            "form": form,
            "checked": checked,
            "certificate": certificate,
            "content": certificate.content if certificate else None,
        },
        status=404 if checked and certificate is None else 200,
    )


@never_cache
def verify(request):
    return _verify_page(request, None)


@never_cache
def verify_code(request, code):
    return _verify_page(request, code)


urlpatterns = [
    path("trainings/", catalogue, name="trainings"),
    path("trainings/<int:pk>/", training_detail, name="training-detail"),
    path("trainings/<int:pk>/attendance/", attendance, name="training-attendance"),
    path("certificates/<int:pk>.pdf", certificate_pdf, name="certificate-pdf"),
    path(
        "certificates/training/<int:enrolment_pk>/",
        issue_training_certificate,
        name="issue-training-certificate",
    ),
    path("certificates/year/<int:year>/", issue_year_record, name="issue-year-record"),
    path("verify/", verify, name="verify"),
    path("verify/<str:code>/", verify_code, name="verify-code"),
]
