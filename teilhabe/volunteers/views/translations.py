"""Translation help: volunteers translate public texts into their languages; the owning
association or staff approve the translations before they are published."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from teilhabe.core.languages import language_name

from .. import translation_services as services
from ..models import SuggestionStatus, TranslationSuggestion
from ..translation_sources import MULTILINE_FIELDS, source_for_model

RTL_LANGUAGES = {"ar", "fa"}


class TranslationForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Translation"), widget=forms.Textarea)

    def __init__(self, *args, language: str, multiline: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update(
            {
                "lang": language,
                "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
                "rows": 10 if multiline else 2,
                "class": "form-control",
            }
        )


class ReviewForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])
    reason = forms.CharField(required=False, max_length=1000)


def _require(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _language_entry(code):
    return {
        "code": code,
        "name": language_name(code),
        "dir": "rtl" if code in RTL_LANGUAGES else "ltr",
    }


@login_required
def translate_queue(request):
    _require(request, "volunteers.translate")
    languages = services.languages_of(request.user)
    language = request.GET.get("language") or (languages[0] if languages else "")
    if languages and language not in languages:
        raise Http404(_("You do not translate into this language."))
    page = services.queue_for(request.user, language, page=request.GET.get("page", 1))
    return render(
        request,
        "volunteers/translations/queue.html",
        {
            "languages": [_language_entry(code) for code in languages],
            "language": _language_entry(language) if language else None,
            "page": page,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def translate_text(request, ct, pk, field, language):
    _require(request, "volunteers.translate")
    obj = services.translatable_object(ct, pk, field)
    if obj is None:
        raise Http404(_("There is no such text to translate."))
    if language not in services.languages_of(request.user):
        raise PermissionDenied
    form = TranslationForm(
        request.POST if request.method == "POST" else None,
        language=language,
        multiline=field in MULTILINE_FIELDS,
    )
    if form.is_bound and form.is_valid():
        try:
            services.suggest(
                obj=obj,
                field=field,
                language=language,
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you – your translation is waiting for approval."))
            return redirect(f"{reverse('volunteers:translate-queue')}?language={language}")
    source = source_for_model(type(obj))
    return render(
        request,
        "volunteers/translations/text.html",
        {
            "obj": obj,
            "source_label": source.label,
            "field_label": obj._meta.get_field(field).verbose_name,
            "german": services.source_text(obj, field),
            "language": _language_entry(language),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def translate_review(request):
    _require(request, "volunteers.review_translation")
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please choose whether to approve or not."))
            return redirect("volunteers:translate-review")
        suggestion = get_object_or_404(
            TranslationSuggestion.objects.select_related("content_type"),
            pk=form.cleaned_data["suggestion"],
            status=SuggestionStatus.PENDING,
        )
        _require(request, "volunteers.review_translation", suggestion)
        try:
            if form.cleaned_data["decision"] == "approve":
                services.approve(suggestion=suggestion, by=request.user)
                messages.success(request, _("The translation is published."))
            else:
                services.reject(
                    suggestion=suggestion, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The translation was not approved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("volunteers:translate-review")
    suggestions = services.suggestions_to_review(request.user)
    for suggestion in suggestions:
        suggestion.language_entry = _language_entry(suggestion.language)
        suggestion.field_label = suggestion.target._meta.get_field(suggestion.field).verbose_name
    return render(request, "volunteers/translations/review.html", {"suggestions": suggestions})


urlpatterns = [
    path("translate/", translate_queue, name="translate-queue"),
    path(
        "translate/<int:ct>/<int:pk>/<str:field>/<str:language>/",
        translate_text,
        name="translate-text",
    ),
    path("translate/review/", translate_review, name="translate-review"),
]
