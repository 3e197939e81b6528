from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core.languages import language_name

from . import selectors, services
from .forms import AgreementVersionForm, AssociationForm, SignForm
from .models import Association
from .pages import association_sections


def association_list(request):
    associations = selectors.public_associations().annotate(member_count=Count("memberships"))
    return render(request, "associations/association_list.html", {"associations": associations})


def association_detail(request, slug):
    try:
        association = selectors.association_for_page(slug)
    except Association.DoesNotExist:
        raise Http404(_("There is no association at this address.")) from None
    return render(
        request,
        "associations/association_detail.html",
        {
            "association": association,
            "language_names": [language_name(code) for code in association.languages],
            "sections": association_sections(association),
            "can_edit": request.user.has_perm("associations.change_association", association),
        },
    )


@login_required
def association_edit(request, slug):
    association = get_object_or_404(Association, slug=slug)
    if not request.user.has_perm("associations.change_association", association):
        raise PermissionDenied
    form = AssociationForm(request.POST or None, request.FILES or None, instance=association)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_association(
                association=association, by=request.user, **_changed_fields(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The association's page has been saved."))
            return redirect(association)
    return render(
        request, "associations/association_form.html", {"form": form, "association": association}
    )


def _changed_fields(form) -> dict:
    # The form has already put the cleaned values on its instance (files included).
    return {name: getattr(form.instance, name) for name in form.changed_data}


def agreement(request):
    current = selectors.current_agreement()
    context = {"agreement": current, "sign_forms": []}
    if current is not None:
        context["signatures"] = selectors.signatories_of(current)
        context["sign_forms"] = _sign_forms(request, current)
    return render(request, "associations/agreement.html", context)


def _sign_forms(request, current):
    signed = {s.association_id for s in current.signatures.all()}
    administered = selectors.associations_administered_by(request.user)
    return [
        (
            association,
            SignForm(
                initial={"association": association, "version": current.version},
                associations=administered,
                prefix=f"a{association.pk}",
            ),
        )
        for association in administered
        if association.pk not in signed
    ]


@login_required
@require_POST
def agreement_sign(request):
    current = selectors.current_agreement()
    if current is None:
        raise Http404(_("There is no agreement to sign yet."))
    administered = selectors.associations_administered_by(request.user)
    prefix = next((k.split("-")[0] for k in request.POST if k.endswith("-association")), None)
    form = SignForm(request.POST, associations=administered, prefix=prefix)
    if form.is_valid():
        try:
            services.sign_agreement(
                association=form.cleaned_data["association"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("%(name)s has signed version %(version)s of the agreement.")
                % {"name": form.cleaned_data["association"], "version": current.version},
            )
    else:
        messages.error(request, _("Please confirm that you have read the agreement."))
    return redirect("associations:agreement")


@login_required
def agreement_publish(request):
    if not request.user.has_perm("associations.publish_agreement"):
        raise PermissionDenied
    form = AgreementVersionForm(request.POST or None, initial_from=selectors.current_agreement())
    if request.method == "POST" and form.is_valid():
        try:
            new = services.publish_agreement_version(
                by=request.user,
                title=form.per_language("title"),
                text=form.per_language("text"),
                change_summary=form.per_language("change_summary"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(version)s is published. All associations are asked to sign it.")
                % {"version": new.version},
            )
            return redirect("associations:signature-overview")
    return render(request, "associations/agreement_publish.html", {"form": form})


@login_required
def signature_overview(request):
    if not request.user.has_perm("associations.view_signature_overview"):
        raise PermissionDenied
    current, rows = selectors.signature_overview()
    signed = sum(1 for row in rows if row.has_signed_current)
    return render(
        request,
        "associations/signature_overview.html",
        {"agreement": current, "rows": rows, "signed_count": signed},
    )
