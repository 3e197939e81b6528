"""The ideas board: the public list, one idea's page with supporting and comments, proposing
an idea, staff moderation, adoption by an association or a volunteer, and linking the offer
that resulted."""

import secrets

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import selectors, services
from ..forms import (
    AdoptForm,
    AnswerForm,
    CommentForm,
    IdeaFilterForm,
    IdeaForm,
    LinkOfferForm,
    MergeForm,
    StatusForm,
    SupportForm,
)
from ..models import Comment, Idea

PER_PAGE = 30
SUPPORTER_COOKIE = "idea_supporter"
SUPPORTER_SALT = "participation.supporter"
SUPPORTER_COOKIE_AGE = 2 * 365 * 24 * 60 * 60


def _language() -> str:
    return (get_language() or "de").split("-")[0]


def _client_address(request) -> str:
    return get_client_ip_address(request) or "unknown"


def _cookie_id(request) -> str:
    value = request.get_signed_cookie(SUPPORTER_COOKIE, default="", salt=SUPPORTER_SALT)
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else ""


def _may_moderate(request) -> bool:
    return request.user.has_perm("participation.moderate_idea")


def _idea(request, pk) -> Idea:
    try:
        return selectors.idea_for_page(pk, include_hidden=_may_moderate(request))
    except Idea.DoesNotExist as error:
        raise Http404 from error


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@never_cache
@require_safe
def idea_list(request):
    form = IdeaFilterForm(request.GET or None)
    ideas = selectors.ideas_for_list(
        include_hidden=_may_moderate(request), **(form.filters() if form.is_bound else {})
    )
    page = Paginator(ideas, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participation/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _render_detail(request, idea, *, status=200, **forms):
    may_moderate = _may_moderate(request)
    context = {
        "idea": idea,
        "has_supported": selectors.has_supported(
            idea,
            supporter_keys=services.supporter_keys(
                user=request.user, cookie_id=_cookie_id(request)
            ),
        ),
        "support_form": forms.get("support_form") or SupportForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "may_moderate": may_moderate,
        "may_adopt": request.user.has_perm("participation.adopt_idea", idea),
        "may_link": request.user.has_perm("participation.link_offer", idea),
    }
    if may_moderate:
        context.update(
            status_form=forms.get("status_form")
            or StatusForm(initial={"status": idea.status, "reason": idea.status_reason}),
            answer_form=forms.get("answer_form")
            or AnswerForm(initial={"answer": idea.staff_answer}),
            merge_form=forms.get("merge_form") or MergeForm(targets=selectors.merge_targets(idea)),
        )
    return render(request, "participation/detail.html", context, status=status)


@never_cache
@require_safe
def idea_detail(request, pk):
    return _render_detail(request, _idea(request, pk))


@never_cache
@require_http_methods(["GET", "POST"])
def idea_create(request):
    form = IdeaForm(
        request.POST if request.method == "POST" else None, initial={"language": _language()}
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            idea = services.propose_idea(
                title=data["title"],
                text=data["text"],
                language=data["language"],
                proposer_name=data["proposer_name"],
                proposer_email=data["proposer_email"],
                client_address=_client_address(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you! Your idea is on the board."))
            return redirect(idea)
    return render(request, "participation/create.html", {"form": form})


@never_cache
@require_POST
def idea_support(request, pk):
    idea = _idea(request, pk)
    form = SupportForm(request.POST)
    cookie_id = _cookie_id(request)
    new_cookie = "" if cookie_id or request.user.is_authenticated else secrets.token_urlsafe(24)
    message, level, status = "", messages.SUCCESS, 200
    if form.is_valid():
        try:
            created = services.support_idea(
                idea=idea,
                cookie_id=cookie_id or new_cookie,
                client_address=_client_address(request),
                user=request.user,
                contact_email=form.cleaned_data["contact_email"],
                language=_language(),
            )
        except ValidationError as error:
            message, level, status = _error_text(error), messages.ERROR, 400
        else:
            if created:
                message = _("Thank you for your support!")
            else:
                message, level = _("You have already supported this idea."), messages.INFO
            form = SupportForm()
    else:
        status = 400
    if request.headers.get("HX-Request"):
        idea.support_count = selectors.support_count(idea)
        response = render(
            request,
            "participation/_support.html",
            {
                "idea": idea,
                "support_form": form,
                "has_supported": level != messages.ERROR and status == 200,
                "support_message": message,
                "support_message_is_error": level == messages.ERROR,
            },
        )  # 200 even for a refusal: HTMX swaps only successful responses in
    elif status == 200 or message:
        if message:
            messages.add_message(request, level, message)
        response = redirect(idea)
    else:
        response = _render_detail(request, idea, status=400, support_form=form)
    if new_cookie:
        response.set_signed_cookie(
            SUPPORTER_COOKIE,
            new_cookie,
            salt=SUPPORTER_SALT,
            max_age=SUPPORTER_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@never_cache
@require_POST
def idea_comment(request, pk):
    idea = _idea(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                idea=idea,
                text=form.cleaned_data["text"],
                name=form.cleaned_data["name"],
                language=_language(),
                client_address=_client_address(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you! Your comment is published."))
            return redirect(idea)
    return _render_detail(request, idea, status=400, comment_form=form)


class _InvalidForm(Exception):
    pass


def _add_errors(form, error: ValidationError) -> None:
    """A service's errors on the form: on their field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@never_cache
@login_required
@require_POST
def idea_moderate(request, pk):
    if not _may_moderate(request):
        raise PermissionDenied
    idea = _idea(request, pk)
    action = request.POST.get("action", "")
    forms = {}
    try:
        if action in ("hide", "unhide"):
            services.hide_idea(idea=idea, hidden=action == "hide", by=request.user)
            done = _("The idea is hidden.") if action == "hide" else _("The idea is shown again.")
        elif action == "status":
            form = forms["status_form"] = StatusForm(request.POST)
            if not form.is_valid():
                raise _InvalidForm
            services.set_idea_status(
                idea=idea,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            done = _("The status is saved.")
        elif action == "answer":
            form = forms["answer_form"] = AnswerForm(request.POST)
            if not form.is_valid():
                raise _InvalidForm
            services.answer_idea(idea=idea, answer=form.cleaned_data["answer"], by=request.user)
            done = _("The answer is saved.")
        elif action == "merge":
            form = forms["merge_form"] = MergeForm(
                request.POST, targets=selectors.merge_targets(idea)
            )
            if not form.is_valid():
                raise _InvalidForm
            target = form.cleaned_data["into"]
            services.merge_idea(idea=idea, into=target, by=request.user)
            messages.success(request, _("The idea is merged; its supports moved over."))
            return redirect(target)
        else:
            messages.error(request, _("Choose what to do."))
            return redirect(idea)
    except _InvalidForm:
        return _render_detail(request, idea, status=400, **forms)
    except ValidationError as error:
        form = next(iter(forms.values()), None)
        if form is None:
            messages.error(request, _error_text(error))
            return redirect(idea)
        _add_errors(form, error)
        return _render_detail(request, idea, status=400, **forms)
    messages.success(request, done)
    return redirect(idea)


@never_cache
@login_required
@require_POST
def comment_hide(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    if not _may_moderate(request):
        raise PermissionDenied
    hidden = request.POST.get("action", "hide") != "unhide"
    services.hide_comment(comment=comment, hidden=hidden, by=request.user)
    messages.success(
        request, _("The comment is hidden.") if hidden else _("The comment is shown again.")
    )
    return redirect(comment.idea)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def idea_adopt(request, pk):
    idea = _idea(request, pk)
    if not request.user.has_perm("participation.adopt_idea", idea):
        raise PermissionDenied
    form = AdoptForm(
        request.POST if request.method == "POST" else None,
        associations=selectors.associations_for_adoption(request.user),
        for_volunteer=request.user.role == "volunteer",
    )
    if form.is_bound and form.is_valid():
        try:
            services.adopt_idea(
                idea=idea, by=request.user, association=form.cleaned_data["association"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("You adopted the idea. Thank you!"))
            return redirect(idea)
    return render(request, "participation/adopt.html", {"idea": idea, "form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def idea_link_offer(request, pk):
    idea = _idea(request, pk)
    if not request.user.has_perm("participation.link_offer", idea):
        raise PermissionDenied
    form = LinkOfferForm(
        request.POST if request.method == "POST" else None,
        offers=selectors.offers_for_linking(idea, user=request.user),
        initial={"offer": idea.adopted_offer_id},
    )
    if form.is_bound and form.is_valid():
        try:
            services.link_offer(idea=idea, offer=form.cleaned_data["offer"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The offer is linked to the idea."))
            return redirect(idea)
    return render(request, "participation/link_offer.html", {"idea": idea, "form": form})


urlpatterns = [
    path("", idea_list, name="idea-list"),
    path("new/", idea_create, name="idea-create"),
    path("<int:pk>/", idea_detail, name="idea-detail"),
    path("<int:pk>/support/", idea_support, name="idea-support"),
    path("<int:pk>/comment/", idea_comment, name="idea-comment"),
    path("<int:pk>/moderate/", idea_moderate, name="idea-moderate"),
    path("<int:pk>/adopt/", idea_adopt, name="idea-adopt"),
    path("<int:pk>/offer/", idea_link_offer, name="idea-link-offer"),
    path("comments/<int:pk>/hide/", comment_hide, name="comment-hide"),
]
