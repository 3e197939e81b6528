"""The network directory: the public, searchable list and a partner's page; the forms staff
and a partner's editors use; the referral sheet staff print for a client in the client's
language; and the HSDS download and upload."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.core.cache import cache_public_page
from teilhabe.core.languages import language_name

from .. import hsds, selectors, services
from ..forms import (
    DirectoryFilterForm,
    HsdsUploadForm,
    LocationForm,
    OrganizationForm,
    PhoneFormSet,
    ReferralForm,
    ScheduleFormSet,
    ServiceForm,
    phone_initial,
    phone_rows,
    schedule_initial,
    schedule_rows,
)
from ..models import Location, Organization, Service

SERVICES_PER_PAGE = 20
MAX_IMPORT_BYTES = 10 * 1024 * 1024


def _name_languages(services_) -> None:
    for service in services_:
        service.language_names = [language_name(code) for code in service.languages]


@cache_public_page(params=("q", "service_type", "language", "district", "page"))
def directory(request):
    form = DirectoryFilterForm(request.GET or None, districts=selectors.directory_districts())
    filters = form.filters()
    found = selectors.directory_services(**filters)
    page = Paginator(found, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    _name_languages(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    template = (
        "network/_directory_results.html"
        if request.headers.get("HX-Request")
        else "network/directory.html"
    )
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "services": page.object_list,
            "query": query.urlencode(),
            "may_refer": request.user.has_perm("network.prepare_referral"),
        },
    )


@cache_public_page
def organization_detail(request, uuid):
    try:
        organization = selectors.organization_for_page(uuid)
    except Organization.DoesNotExist:
        raise Http404 from None
    _name_languages(organization.services.all())
    return render(
        request,
        "network/organization_detail.html",
        {
            "organization": organization,
            "may_edit": request.user.has_perm("network.change_organization", organization),
        },
    )


@never_cache
@login_required
def manage(request):
    organizations = selectors.organizations_for_editor(request.user)
    may_add = request.user.has_perm("network.add_organization")
    if not may_add and not organizations.exists():
        raise PermissionDenied
    page = Paginator(organizations, 50).get_page(request.GET.get("page"))
    return render(request, "network/manage.html", {"page": page, "may_add": may_add})


@never_cache
@login_required
def organization_edit(request, uuid=None):
    is_staff = request.user.has_perm("network.add_organization")
    if uuid is None:
        if not is_staff:
            raise PermissionDenied
        organization = Organization()
    else:
        try:
            organization = selectors.organization_for_editing(uuid)
        except Organization.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm("network.change_organization", organization):
            raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = OrganizationForm(data, instance=organization, is_staff=is_staff)
    phones = PhoneFormSet(
        data,
        prefix="phones",
        initial=phone_initial(organization.phones.all()) if organization.pk else None,
    )
    if form.is_bound and form.is_valid() and phones.is_valid():
        try:
            saved = services.save_organization(
                organization=form.save(commit=False),
                by=request.user,
                editors=form.cleaned_data.get("editors") if is_staff else None,
                phones=phone_rows(phones),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect("network:organization-detail", uuid=saved.uuid)
    return render(
        request,
        "network/organization_form.html",
        {"form": form, "phones": phones, "organization": organization},
    )


def _organization_for_change(request, uuid) -> Organization:
    try:
        organization = Organization.objects.get(uuid=uuid)
    except Organization.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("network.change_organization", organization):
        raise PermissionDenied
    return organization


@never_cache
@login_required
def service_edit(request, uuid=None, organization=None):
    if uuid is None:
        service = Service(organization=_organization_for_change(request, organization))
    else:
        try:
            service = selectors.service_for_editing(uuid)
        except Service.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm("network.change_organization", service.organization):
            raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, instance=service, organization=service.organization)
    hours = ScheduleFormSet(
        data,
        prefix="hours",
        initial=schedule_initial(service.schedules.order_by("pk")) if service.pk else None,
    )
    if form.is_bound and form.is_valid() and hours.is_valid():
        try:
            services.save_service(
                service=form.save(commit=False),
                by=request.user,
                locations=list(form.cleaned_data["locations"]),
                schedules=schedule_rows(hours),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The service is saved."))
            return redirect("network:organization-detail", uuid=service.organization.uuid)
    return render(
        request, "network/service_form.html", {"form": form, "hours": hours, "service": service}
    )


@never_cache
@login_required
def location_edit(request, uuid=None, organization=None):
    if uuid is None:
        location = Location(organization=_organization_for_change(request, organization))
    else:
        try:
            location = selectors.location_for_editing(uuid)
        except Location.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm("network.change_organization", location.organization):
            raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    districts = selectors.directory_districts()
    form = LocationForm(data, instance=location, districts=districts)
    hours = ScheduleFormSet(
        data,
        prefix="hours",
        initial=schedule_initial(location.schedules.order_by("pk")) if location.pk else None,
    )
    phones = PhoneFormSet(
        data,
        prefix="phones",
        initial=phone_initial(location.phones.order_by("pk")) if location.pk else None,
    )
    if form.is_bound and form.is_valid() and hours.is_valid() and phones.is_valid():
        try:
            services.save_location(
                location=form.save(commit=False),
                by=request.user,
                schedules=schedule_rows(hours),
                phones=phone_rows(phones),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The location is saved."))
            return redirect("network:organization-detail", uuid=location.organization.uuid)
    return render(
        request,
        "network/location_form.html",
        {
            "form": form,
            "hours": hours,
            "phones": phones,
            "location": location,
            "districts": districts,
        },
    )


def _uuids(values) -> list[uuid.UUID]:
    result = []
    for value in values:
        try:
            result.append(uuid.UUID(value))
        except ValueError:
            continue
    return result


@never_cache
@login_required
def referral_sheet(request):
    """A printable sheet of the chosen services for a client, in the client's language: the
    whole page is rendered in that language (UI strings and content, German marked where a
    text is not translated)."""
    if not request.user.has_perm("network.prepare_referral"):
        raise PermissionDenied
    form = ReferralForm(request.GET or None)
    language = form.cleaned_data["language"] if form.is_valid() else translation.get_language()
    chosen = selectors.services_for_referral(_uuids(request.GET.getlist("service")))
    if not chosen:
        choices = selectors.services_to_choose()
        return render(
            request,
            "network/referral_choose.html",
            {"form": form, "services": choices, "invalid": bool(request.GET.getlist("service"))},
        )
    with translation.override(language):
        _name_languages(chosen)
        response = render(
            request,
            "network/referral_sheet.html",
            {"services": chosen, "client_language": language},
        )
    return response


def hsds_export(request):
    """The whole directory as HSDS 3.0 JSON, for anyone to download."""
    response = HttpResponse(hsds.directory_json(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hsds.json"'
    return response


@never_cache
@login_required
def hsds_import(request):
    if not request.user.has_perm("network.import_hsds"):
        raise PermissionDenied
    form = HsdsUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    report = None
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            form.add_error("file", _("The file is larger than 10 MB."))
        else:
            try:
                data = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                form.add_error("file", _("This is not a JSON file: %(error)s") % {"error": error})
            else:
                report = services.import_hsds(
                    data=data, by=request.user, dry_run=form.cleaned_data["dry_run"]
                )
    rows = []
    if report is not None:
        kinds = sorted(set(report.created) | set(report.updated))
        rows = [(kind, report.created.get(kind, 0), report.updated.get(kind, 0)) for kind in kinds]
    return render(
        request, "network/hsds_import.html", {"form": form, "report": report, "report_rows": rows}
    )


urlpatterns = [
    path("", directory, name="directory"),
    path("manage/", manage, name="manage"),
    path("organizations/new/", organization_edit, name="organization-create"),
    path("organizations/<uuid:uuid>/", organization_detail, name="organization-detail"),
    path("organizations/<uuid:uuid>/edit/", organization_edit, name="organization-edit"),
    path("organizations/<uuid:organization>/services/new/", service_edit, name="service-create"),
    path("services/<uuid:uuid>/edit/", service_edit, name="service-edit"),
    path(
        "organizations/<uuid:organization>/locations/new/",
        location_edit,
        name="location-create",
    ),
    path("locations/<uuid:uuid>/edit/", location_edit, name="location-edit"),
    path("referral/", referral_sheet, name="referral-sheet"),
    path("hsds.json", hsds_export, name="hsds-export"),
    path("hsds/import/", hsds_import, name="hsds-import"),
]
