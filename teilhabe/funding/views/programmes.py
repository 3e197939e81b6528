"""The programme database: the list with search and filters, a programme's page, matching a
project idea with programmes, and the staff pages that keep funders and programmes (including
the import)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.associations.models import Association
from teilhabe.core.recurrence import centre_today

from .. import matching, services
from ..imports import import_programmes
from ..models import ApplicantKind, Funder, FundingProgramme
from ..programme_forms import (
    FunderForm,
    ImportForm,
    MatchForm,
    ProgrammeFilterForm,
    ProgrammeForm,
)
from ..rules import administered_association_ids

PROGRAMMES_PER_PAGE = 25
FILTER_PARAMS = ("q", "level", "topic", "target_group", "applicant", "region", "amount", "deadline")


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied


@never_cache
@login_required
def programme_list(request):
    _require(request.user, "funding.view_programmes")
    form = ProgrammeFilterForm(
        request.GET if any(request.GET.get(name) for name in FILTER_PARAMS) else None,
        topics=matching.topics(),
        target_groups=matching.target_groups(),
        regions=matching.programme_regions(),
    )
    today = centre_today()
    programmes = matching.programmes_for_list(form.filters(), today)
    page = Paginator(programmes, PROGRAMMES_PER_PAGE).get_page(request.GET.get("page"))
    matching.attach_next_deadlines(page.object_list, today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "programmes": page.object_list,
        "query": query.urlencode(),
        "may_manage": request.user.has_perm("funding.manage_programmes"),
    }
    template = (
        "funding/programmes/_results.html"
        if request.headers.get("HX-Request")
        else "funding/programmes/list.html"
    )
    return render(request, template, context)


@never_cache
@login_required
def programme_detail(request, pk):
    _require(request.user, "funding.view_programmes")
    try:
        programme = matching.programme_for_page(pk)
    except FundingProgramme.DoesNotExist:
        raise Http404 from None
    today = centre_today()
    matching.attach_next_deadlines([programme], today)
    return render(
        request,
        "funding/programmes/detail.html",
        {
            "programme": programme,
            "today": today,
            "applicant_labels": [
                ApplicantKind(kind).label
                for kind in programme.applicants
                if kind in ApplicantKind.values
            ],
            "may_apply": bool(administered_association_ids(request.user)),
            "may_manage": request.user.has_perm("funding.manage_programmes"),
        },
    )


@never_cache
@login_required
def programme_edit(request, pk=None):
    _require(request.user, "funding.manage_programmes")
    programme = FundingProgramme() if pk is None else get_object_or_404(FundingProgramme, pk=pk)
    form = ProgrammeForm(request.POST if request.method == "POST" else None, instance=programme)
    if form.is_bound and form.is_valid():
        try:
            saved = services.save_programme(
                programme=form.save(commit=False),
                by=request.user,
                topics=form.cleaned_data["topics"],
                target_groups=form.cleaned_data["target_groups"],
                deadlines=form.cleaned_data["deadlines"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("funding:programme-detail", pk=saved.pk)
    return render(request, "funding/programmes/form.html", {"form": form, "programme": programme})


@never_cache
@login_required
def funder_list(request):
    _require(request.user, "funding.manage_programmes")
    page = Paginator(matching.funders_for_list(), 50).get_page(request.GET.get("page"))
    return render(request, "funding/programmes/funders.html", {"page": page})


@never_cache
@login_required
def funder_edit(request, pk=None):
    _require(request.user, "funding.manage_programmes")
    funder = Funder() if pk is None else get_object_or_404(Funder, pk=pk)
    form = FunderForm(request.POST if request.method == "POST" else None, instance=funder)
    if form.is_bound and form.is_valid():
        try:
            services.save_funder(funder=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The funder is saved."))
            return redirect("funding:funder-list")
    return render(request, "funding/programmes/funder_form.html", {"form": form, "funder": funder})


@never_cache
@login_required
def programme_import(request):
    _require(request.user, "funding.manage_programmes")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = import_programmes(
            upload.read(),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
            by=request.user,
        )
    return render(request, "funding/programmes/import.html", {"form": form, "report": report})


def _match_associations(user):
    if user.has_perm("funding.view_all"):
        return Association.objects.filter(is_active=True).order_by("name")
    return Association.objects.filter(pk__in=administered_association_ids(user)).order_by("name")


@never_cache
@login_required
def match(request):
    _require(request.user, "funding.view_programmes")
    associations = _match_associations(request.user)
    own = sorted(administered_association_ids(request.user))
    form = MatchForm(
        request.GET if "submitted" in request.GET else None,
        associations=associations,
        topics=matching.topics(),
        target_groups=matching.target_groups(),
        initial={"association": own[0] if own else None},
    )
    fitting = excluded = None
    if form.is_bound and form.is_valid():
        fitting, excluded = matching.match_programmes(form.idea(), centre_today())
    return render(
        request,
        "funding/programmes/match.html",
        {"form": form, "fitting": fitting, "excluded": excluded},
    )


urlpatterns = [
    path("programmes/", programme_list, name="programme-list"),
    path("programmes/new/", programme_edit, name="programme-create"),
    path("programmes/import/", programme_import, name="programme-import"),
    path("programmes/<int:pk>/", programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", programme_edit, name="programme-edit"),
    path("funders/", funder_list, name="funder-list"),
    path("funders/new/", funder_edit, name="funder-create"),
    path("funders/<int:pk>/edit/", funder_edit, name="funder-edit"),
    path("match/", match, name="match"),
]
