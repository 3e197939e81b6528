"""The annual report (made in the background by a Celery task, the page polling its progress
with HTMX, the PDF downloaded from the private storage) and the upload of the city's
demography profile. Staff only."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.core.recurrence import centre_today

from .. import services
from ..demography import MAX_FILE_BYTES, import_demography
from ..figures import associations_for_filter
from ..models import ReportJob, ReportStatus

RECENT_JOBS = 10
FIRST_YEAR = 2020


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


def _language_choices():
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    language = forms.ChoiceField(label=gettext_lazy("Language of the report"))
    association = forms.ModelChoiceField(
        label=gettext_lazy("Association (optional)"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("The whole centre"),
        help_text=gettext_lazy("Only the offers this association leads or co-hosts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = centre_today().year
        self.fields["year"].choices = [(y, str(y)) for y in range(this_year, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = this_year - 1
        self.fields["language"].choices = _language_choices()
        self.fields["association"].queryset = associations_for_filter()


class DemographyForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file from the Wegweiser Kommune"),
        help_text=gettext_lazy(
            "Semicolons between the columns, decimal commas; one row per municipality and year."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Please upload a .csv file."), code="format")
        if file.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is too large (at most 2 MB)."), code="size")
        return file


def _job(request, pk) -> ReportJob:
    _require(request.user, "impact.make_report")
    try:
        return ReportJob.objects.select_related("association").get(pk=pk)
    except ReportJob.DoesNotExist:
        raise Http404 from None


@never_cache
@login_required
def reports(request):
    _require(request.user, "impact.make_report")
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={"language": request.LANGUAGE_CODE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.request_report(
                year=form.cleaned_data["year"],
                language=form.cleaned_data["language"],
                association=form.cleaned_data["association"],
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The report is being made."))
            return redirect(f"{reverse('impact:reports')}?job={job.pk}")
    current = None
    if request.GET.get("job", "").isdigit():
        current = (
            ReportJob.objects.select_related("association")
            .filter(pk=int(request.GET["job"]))
            .first()
        )
    languages = dict(_language_choices())
    jobs = list(ReportJob.objects.select_related("association")[:RECENT_JOBS])
    for job in jobs:
        job.language_label = languages.get(job.language, job.language)
    return render(
        request,
        "impact/reports/reports.html",
        {"form": form, "current": current, "jobs": jobs},
    )


@never_cache
@login_required
def report_status(request, pk):
    job = _job(request, pk)
    return render(
        request,
        "impact/reports/_status.html",
        {"job": job},
    )


@never_cache
@login_required
def report_download(request, pk):
    job = _job(request, pk)
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=PurePath(job.file.name).name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def demography_import(request):
    _require(request.user, "impact.import_demography")
    form = DemographyForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_demography(upload.read(), filename=upload.name, by=request.user)
    return render(
        request, "impact/reports/demography_import.html", {"form": form, "report": report}
    )


urlpatterns = [
    path("reports/", reports, name="reports"),
    path("reports/<int:pk>/status/", report_status, name="report-status"),
    path("reports/<int:pk>/download/", report_download, name="report-download"),
    path("demography/import/", demography_import, name="demography-import"),
]
