"""Applications from the idea to the closing: the associations' own list and the staff's list
of all, creating and editing, the page of one application with its steps, documents, payments,
reports and advice."""

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from teilhabe.associations.models import Association
from teilhabe.core.recurrence import centre_today

from .. import selectors, services
from ..application_forms import (
    ApplicationFilterForm,
    ApplicationForm,
    DocumentForm,
    MoveForm,
    ObligationSubmitForm,
    PaymentForm,
    association_offers,
)
from ..models import (
    DECIDED,
    GRANTED,
    Application,
    ApplicationDocument,
    ApplicationStatus,
    FundingProgramme,
    ReportObligation,
)
from ..rules import administered_association_ids

S = ApplicationStatus
PER_PAGE = 50
# The steps of the progress bar; the decision is one step with three outcomes.
STEPS = [
    (S.IDEA,),
    (S.PREPARATION,),
    (S.SUBMITTED,),
    DECIDED,
    (S.RUNNING,),
    (S.REPORTING,),
    (S.CLOSED,),
]


def _may_list(user) -> bool:
    return user.has_perm("funding.view_all") or bool(administered_association_ids(user))


def _scope(user):
    """None (all) for staff, else the ids of the associations the person administers."""
    return None if user.has_perm("funding.view_all") else administered_association_ids(user)


@never_cache
@login_required
def application_list(request):
    if not _may_list(request.user):
        raise PermissionDenied
    is_staff = request.user.has_perm("funding.view_all")
    form = ApplicationFilterForm(request.GET or None) if is_staff else None
    filters = form.filters() if form is not None else {}
    applications = selectors.applications_for_list(association_ids=_scope(request.user), **filters)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    today = centre_today()
    groups: dict[str, list] = {}
    for application in page.object_list:
        application.next_date = selectors.next_date_of(application, today)
        groups.setdefault(application.status, []).append(application)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "funding/applications/list.html",
        {
            "form": form,
            "page": page,
            "groups": [(S(status).label, status, items) for status, items in groups.items()],
            "is_staff": is_staff,
            "query": query.urlencode(),
        },
    )


def _associations_for(user):
    if user.has_perm("funding.view_all"):
        return Association.objects.filter(is_active=True).order_by("name")
    return Association.objects.filter(pk__in=administered_association_ids(user)).order_by("name")


@never_cache
@login_required
def application_create(request):
    if not _may_list(request.user):
        raise PermissionDenied
    associations = _associations_for(request.user)
    initial = {"advisor": request.user} if request.user.has_perm("funding.view_all") else {}
    programme_id = request.GET.get("programme", "")
    if programme_id.isdigit():
        initial["programme"] = FundingProgramme.objects.filter(pk=programme_id).first()
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        associations=associations,
        choose_advisor=request.user.has_perm("funding.view_all"),
    )
    if form.is_bound and form.is_valid():
        try:
            application = services.create_application(
                application=form.save(commit=False), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application is saved as an idea."))
            return redirect("funding:application-detail", pk=application.pk)
    return render(request, "funding/applications/form.html", {"form": form, "application": None})


def _application(request, pk, perm="funding.view_application") -> Application:
    try:
        application = selectors.application_for_page(pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(perm, application):
        raise PermissionDenied
    return application


def _progress(application: Application) -> list[dict]:
    """The steps with their state: done, current, upcoming or skipped (left out on the way)."""
    # every application starts as an idea (also those imported without a history)
    visited = {S.IDEA, *(event.to_status for event in application.events.all())}
    closed = application.status == S.CLOSED
    steps = []
    for statuses in STEPS:
        if application.status in statuses:
            state, label = "current", S(application.status).label
        else:
            done = [s for s in statuses if s in visited]
            if done:
                state, label = "done", S(done[-1]).label
            else:
                state = "skipped" if closed else "upcoming"
                label = " / ".join(str(S(s).label) for s in statuses)
        steps.append({"label": label, "state": state})
    return steps


def _render_detail(request, application, **forms):
    may_change = request.user.has_perm("funding.change_application", application)
    context = {
        "application": application,
        "steps": _progress(application),
        "may_change": may_change,
        "may_record": request.user.has_perm("funding.record_decision", application),
        "may_log_advice": request.user.has_perm("funding.log_advice"),
        "may_view_advice": request.user.has_perm("funding.view_advice", application),
        "move_form": forms.get("move_form") or MoveForm(application=application),
        "document_form": forms.get("document_form") or DocumentForm(),
        "payment_form": forms.get("payment_form") or PaymentForm(),
        "is_granted": application.status in (*GRANTED, S.CLOSED),
        "next_deadline": selectors.next_date_of(application, centre_today())
        if application.status in (S.IDEA, S.PREPARATION)
        else None,
    }
    bound = forms.get("obligation_form")
    obligations = []
    for obligation in application.obligations.all():
        if obligation.submitted_on is None:
            if bound is not None and bound.obligation.pk == obligation.pk:
                obligation.form = bound
            else:
                obligation.form = ObligationSubmitForm(obligation=obligation)
        obligations.append(obligation)
    context["obligations"] = obligations
    return render(request, "funding/applications/detail.html", context)


@never_cache
@login_required
def application_detail(request, pk):
    application = _application(request, pk)
    return _render_detail(request, application)


@never_cache
@login_required
def application_edit(request, pk):
    application = _application(request, pk, perm="funding.change_application")
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        instance=application,
        offers=association_offers(application.association_id),
        choose_advisor=request.user.has_perm("funding.view_all"),
    )
    if form.is_bound and form.is_valid():
        try:
            services.save_application_details(
                application=form.save(commit=False),
                offers=form.cleaned_data["offers"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application is saved."))
            return redirect("funding:application-detail", pk=application.pk)
    return render(
        request, "funding/applications/form.html", {"form": form, "application": application}
    )


@require_POST
@login_required
def application_move(request, pk):
    application = _application(request, pk, perm="funding.change_application")
    form = MoveForm(request.POST, application=application)
    if form.is_valid():
        try:
            services.move_application(
                application=application,
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                note=form.cleaned_data["note"],
                **form.details(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The application is now “%(status)s”.")
                % {"status": S(form.cleaned_data["to_status"]).label},
            )
            return redirect("funding:application-detail", pk=pk)
    return _render_detail(request, application, move_form=form)


@require_POST
@login_required
def document_upload(request, pk):
    application = _application(request, pk, perm="funding.change_application")
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                application=application,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The document is attached."))
            return redirect("funding:application-detail", pk=pk)
    return _render_detail(request, application, document_form=form)


def _document(request, pk, perm) -> ApplicationDocument:
    try:
        document = selectors.document_for_download(pk)
    except ApplicationDocument.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm(perm, document.application):
        raise PermissionDenied
    return document


@never_cache
@login_required
def document_download(request, pk):
    document = _document(request, pk, "funding.view_application")
    name = PurePath(document.file.name).name
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def document_delete(request, pk):
    document = _document(request, pk, "funding.change_application")
    application_pk = document.application_id
    services.delete_document(document=document, by=request.user)
    messages.success(request, _("The document is deleted."))
    return redirect("funding:application-detail", pk=application_pk)


@require_POST
@login_required
def payment_add(request, pk):
    application = _application(request, pk, perm="funding.record_decision")
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            services.record_payment(
                application=application,
                amount=form.cleaned_data["amount"],
                received_on=form.cleaned_data["received_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("funding:application-detail", pk=pk)
    return _render_detail(request, application, payment_form=form)


@require_POST
@login_required
def obligation_submit(request, pk):
    obligation = get_object_or_404(ReportObligation.objects.select_related("application"), pk=pk)
    if not request.user.has_perm("funding.change_application", obligation.application):
        raise PermissionDenied
    form = ObligationSubmitForm(request.POST, obligation=obligation)
    if form.is_valid():
        try:
            services.mark_report_submitted(
                obligation=obligation,
                submitted_on=form.cleaned_data["submitted_on"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("submitted_on", error)
        else:
            messages.success(request, _("The report is marked as submitted."))
            return redirect("funding:application-detail", pk=obligation.application_id)
    application = _application(request, obligation.application_id)
    return _render_detail(request, application, obligation_form=form)


urlpatterns = [
    path("applications/", application_list, name="application-list"),
    path("applications/new/", application_create, name="application-create"),
    path("applications/<int:pk>/", application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", application_edit, name="application-edit"),
    path("applications/<int:pk>/move/", application_move, name="application-move"),
    path("applications/<int:pk>/documents/", document_upload, name="document-upload"),
    path("applications/<int:pk>/payments/", payment_add, name="payment-add"),
    path("documents/<int:pk>/", document_download, name="document-download"),
    path("documents/<int:pk>/delete/", document_delete, name="document-delete"),
    path("obligations/<int:pk>/submit/", obligation_submit, name="obligation-submit"),
]
