"""Open roles ("Mitmachen"): the public board, offering to help, and the pages where staff and
associations manage roles and decide offers to help."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from teilhabe.core.cache import cache_public_page
from teilhabe.core.languages import language_name

from .. import roles_selectors as selectors
from .. import roles_services as services
from ..models import ApplicationStatus, OpenRole, VolunteerApplication
from ..roles_forms import BoardFilterForm, DecisionForm, OfferToHelpForm, RoleForm

ROLES_PER_PAGE = 20


@cache_public_page(params=("language", "association", "kind", "page"))
def board(request):
    form = BoardFilterForm(request.GET or None, associations=selectors.board_associations())
    roles = selectors.published_roles(**form.filters())
    page = Paginator(roles, ROLES_PER_PAGE).get_page(request.GET.get("page"))
    _name_languages(page.object_list)
    template = (
        "volunteers/roles/_board_results.html"
        if request.headers.get("HX-Request")
        else "volunteers/roles/board.html"
    )
    return render(request, template, {"form": form, "page": page, "roles": page.object_list})


def _name_languages(roles) -> None:
    for role in roles:
        role.language_names = [language_name(code) for code in role.languages]


@cache_public_page
def role_detail(request, pk):
    try:
        role = selectors.published_role(pk)
    except OpenRole.DoesNotExist:
        raise Http404(_("This role is not open.")) from None
    _name_languages([role])
    return render(request, "volunteers/roles/detail.html", {"role": role})


@never_cache
def offer_to_help(request, pk=None):
    role = None
    if pk is not None:
        try:
            role = selectors.published_role(pk)
        except OpenRole.DoesNotExist:
            raise Http404(_("This role is not open.")) from None
    form = OfferToHelpForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.offer_to_help(role=role, language=get_language(), **form.application_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("volunteers:thanks")
    return render(request, "volunteers/roles/offer_to_help.html", {"form": form, "role": role})


def thanks(request):
    return render(request, "volunteers/roles/thanks.html")


def _may_manage_roles(user) -> bool:
    return user.has_perm("volunteers.add_role")


@never_cache
@login_required
def manage_roles(request):
    if not _may_manage_roles(request.user):
        raise PermissionDenied
    roles = selectors.roles_for_manager(request.user)
    page = Paginator(roles, 50).get_page(request.GET.get("page"))
    return render(request, "volunteers/roles/manage_roles.html", {"page": page})


@never_cache
@login_required
def role_edit(request, pk=None):
    if pk is None:
        if not request.user.has_perm("volunteers.add_role"):
            raise PermissionDenied
        role = OpenRole()
    else:
        try:
            role = selectors.role_for_manager(pk)
        except OpenRole.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm("volunteers.manage_role", role):
            raise PermissionDenied
    form = RoleForm(
        request.POST if request.method == "POST" else None, instance=role, user=request.user
    )
    if form.is_bound and form.is_valid():
        try:
            services.save_role(
                role=form.save(commit=False),
                by=request.user,
                required_topics=form.cleaned_data["required_topics"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role is saved."))
            return redirect("volunteers:manage-roles")
    return render(request, "volunteers/roles/role_form.html", {"form": form, "role": role})


@never_cache
@login_required
def applications(request):
    if not _may_manage_roles(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    items = selectors.applications_for_manager(request.user, status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/roles/applications.html",
        {"page": page, "status": status, "statuses": ApplicationStatus.choices},
    )


@never_cache
@login_required
def application_detail(request, pk):
    try:
        application = selectors.application_for_manager(pk)
    except VolunteerApplication.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("volunteers.decide_application", application):
        raise PermissionDenied
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.decide_application(
                application=application, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision is saved and the person is told."))
            return redirect("volunteers:application-detail", pk=pk)
    return render(
        request,
        "volunteers/roles/application_detail.html",
        {
            "application": application,
            "form": form,
            "language_names": [language_name(code) for code in application.languages],
            "language_for_messages": language_name(application.language),
        },
    )


urlpatterns = [
    path("", board, name="board"),
    path("roles/<int:pk>/", role_detail, name="role-detail"),
    path("roles/<int:pk>/help/", offer_to_help, name="offer-to-help"),
    path("help/", offer_to_help, name="offer-to-help"),
    path("thanks/", thanks, name="thanks"),
    path("manage/roles/", manage_roles, name="manage-roles"),
    path("manage/roles/new/", role_edit, name="role-create"),
    path("manage/roles/<int:pk>/", role_edit, name="role-edit"),
    path("manage/applications/", applications, name="applications"),
    path("manage/applications/<int:pk>/", application_detail, name="application-detail"),
]
