"""Advice sessions: staff log what they advised whom about and see all of it; an association
sees its own history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..application_forms import AdviceFilterForm, AdviceForm
from ..models import Application
from ..rules import administered_association_ids

PER_PAGE = 50


@never_cache
@login_required
def advice_list(request):
    user = request.user
    is_staff = user.has_perm("funding.view_all")
    if not is_staff and not administered_association_ids(user):
        raise PermissionDenied
    form = AdviceFilterForm(request.GET or None) if is_staff else None
    sessions = selectors.advice_sessions_for_list(
        association_ids=None if is_staff else administered_association_ids(user),
        **(form.filters() if form is not None else {}),
    )
    page = Paginator(sessions, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "funding/advice/list.html",
        {
            "form": form,
            "page": page,
            "is_staff": is_staff,
            "may_log": user.has_perm("funding.log_advice"),
            "query": query.urlencode(),
        },
    )


@never_cache
@login_required
def advice_create(request):
    if not request.user.has_perm("funding.log_advice"):
        raise PermissionDenied
    initial = {}
    application_id = request.GET.get("application", "")
    association_id = request.GET.get("association", "")
    if application_id.isdigit():
        application = Application.objects.filter(pk=application_id).first()
        if application is not None:
            initial.update(application=application, association=application.association_id)
    if association_id.isdigit():
        initial.setdefault("association", association_id)
    form = AdviceForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            session = services.log_advice(session=form.save(commit=False), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The advice session is logged."))
            if session.application_id:
                return redirect("funding:application-detail", pk=session.application_id)
            return redirect("funding:advice-list")
    return render(request, "funding/advice/form.html", {"form": form})


urlpatterns = [
    path("advice/", advice_list, name="advice-list"),
    path("advice/new/", advice_create, name="advice-create"),
]
