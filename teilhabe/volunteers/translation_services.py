"""Translation help: the queue of public texts missing a language, volunteers' suggestions,
and their approval by the owning association or staff, which publishes them."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from teilhabe.accounts.rules import is_centre_staff
from teilhabe.associations.models import MembershipRole
from teilhabe.core.cache import invalidate_public_pages

from .models import SuggestionStatus, TranslationSuggestion, VolunteerProfile
from .translation_sources import SOURCES, TranslationSource, source_for_model, target_languages

QUEUE_PAGE_SIZE = 20


@dataclass(frozen=True)
class QueueItem:
    source: TranslationSource
    obj: Model
    field: str
    content_type_id: int

    @property
    def german(self) -> str:
        return source_text(self.obj, self.field)

    @property
    def field_label(self) -> str:
        return str(self.obj._meta.get_field(self.field).verbose_name)


def source_text(obj, field: str) -> str:
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return getattr(obj, build_localized_fieldname(field, default), None) or ""


def languages_of(user) -> list[str]:
    """The target languages `user` may translate into: those in their volunteer profile, or
    all of them for staff."""
    if not user.is_authenticated:
        return []
    targets = target_languages()
    if is_centre_staff(user):
        return targets
    try:
        spoken = VolunteerProfile.objects.get(user=user).language_codes
    except VolunteerProfile.DoesNotExist:
        return []
    return [code for code in targets if code in spoken]


def queue_for(volunteer, language: str, *, page: int | str = 1) -> Page:
    """Texts with German but without `language` that nobody has a suggestion pending for;
    one query for the pending suggestions and one per source, then paginated."""
    if language not in languages_of(volunteer):
        return Paginator([], QUEUE_PAGE_SIZE).get_page(1)
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    pending = set(
        TranslationSuggestion.objects.filter(
            language=language, status=SuggestionStatus.PENDING
        ).values_list("content_type_id", "object_id", "field")
    )
    items: list[QueueItem] = []
    for source in SOURCES:
        content_type = source.content_type()
        missing = Q()
        for field in source.fields:
            target = build_localized_fieldname(field, language)
            german = build_localized_fieldname(field, default)
            missing |= (
                ~Q(**{german: ""})
                & Q(**{f"{german}__isnull": False})
                & (Q(**{target: ""}) | Q(**{f"{target}__isnull": True}))
            )
        columns = ["pk"] if source.owner_field == "pk" else ["pk", source.owner_field]
        for field in source.fields:
            columns += [
                build_localized_fieldname(field, default),
                build_localized_fieldname(field, language),
            ]
        label_fields = _label_fields(source)
        objects = source.objects().filter(missing).only(*columns, *label_fields).order_by("pk")
        for obj in objects:
            for field in source.fields:
                if not source_text(obj, field):
                    continue
                if getattr(obj, build_localized_fieldname(field, language), None):
                    continue
                if (content_type.pk, obj.pk, field) in pending:
                    continue
                items.append(QueueItem(source, obj, field, content_type.pk))
    return Paginator(items, QUEUE_PAGE_SIZE).get_page(page)


def _label_fields(source: TranslationSource) -> list[str]:
    """The columns str(obj) needs, so that listing does not load one object at a time."""
    names = {f.name for f in source.model._meta.concrete_fields}
    if "name" in names:
        return ["name"]
    if "title" in names:
        return [build_localized_fieldname("title", lang) for lang, _n in settings.LANGUAGES]
    return []


def translatable_object(content_type_id: int, object_id: int, field: str):
    """The public object behind a translation request, or None if it cannot be translated."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    source = source_for_model(content_type.model_class())
    if source is None or field not in source.fields:
        return None
    return source.objects().filter(pk=object_id).first()


def _check_target(obj, field: str, language: str) -> TranslationSource:
    source = source_for_model(type(obj))
    if source is None or field not in source.fields:
        raise ValidationError(_("This text cannot be translated here."))
    if language not in target_languages():
        raise ValidationError(_("Texts cannot be translated into this language here."))
    return source


@transaction.atomic
def suggest(*, obj, field: str, language: str, text: str, by) -> TranslationSuggestion:
    """A volunteer's translation, kept pending until the owner or staff approve it."""
    _check_target(obj, field, language)
    if language not in languages_of(by):
        raise ValidationError(
            _("You can suggest translations only into languages listed in your profile.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Please write the translation."))
    content_type = ContentType.objects.get_for_model(type(obj))
    if (
        TranslationSuggestion.objects.select_for_update()
        .filter(
            content_type=content_type,
            object_id=obj.pk,
            field=field,
            language=language,
            status=SuggestionStatus.PENDING,
        )
        .exists()
    ):
        raise ValidationError(_("Someone has already suggested a translation of this text."))
    return TranslationSuggestion.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        field=field,
        language=language,
        text=text,
        translator=by,
    )


def _pending_for_review(suggestion: TranslationSuggestion, by) -> TranslationSuggestion:
    if not by.has_perm("volunteers.review_translation", suggestion):
        raise PermissionDenied
    locked = TranslationSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        raise ValidationError(_("This suggestion has already been reviewed."))
    return locked


@transaction.atomic
def approve(*, suggestion: TranslationSuggestion, by) -> TranslationSuggestion:
    """Publish the translation: write it into the object's field in that language (saving
    the object normally, so Markdown is rendered) and refresh the public pages."""
    suggestion = _pending_for_review(suggestion, by)
    model = suggestion.content_type.model_class()
    source = source_for_model(model)
    if source is None or suggestion.field not in source.fields:
        raise ValidationError(_("This text cannot be translated here."))
    obj = model.objects.select_for_update().get(pk=suggestion.object_id)
    setattr(obj, build_localized_fieldname(suggestion.field, suggestion.language), suggestion.text)
    obj.save()
    suggestion.status = SuggestionStatus.APPROVED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    transaction.on_commit(invalidate_public_pages)
    return suggestion


@transaction.atomic
def reject(*, suggestion: TranslationSuggestion, by, reason: str = "") -> TranslationSuggestion:
    """Decline a suggestion; the text goes back into the queue. The model has no place for
    the reason, so it is sent to the translator by e-mail when they have an address."""
    suggestion = _pending_for_review(suggestion, by)
    suggestion.status = SuggestionStatus.REJECTED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    translator = suggestion.translator
    if translator is not None and translator.email:
        from teilhabe.core.mail import send_templated_email

        send_templated_email(
            to=[translator.email],
            subject_template="volunteers/translations/email/rejected_subject.txt",
            body_template="volunteers/translations/email/rejected_body.txt",
            context={"suggestion": suggestion, "reason": reason, "person": translator},
            language=translator.preferred_language or settings.LANGUAGE_CODE,
        )
    return suggestion


def suggestions_to_review(user) -> list[TranslationSuggestion]:
    """Pending suggestions `user` may approve, each with `.target` (the object) and
    `.german` (the source text); one query for the suggestions and one per source."""
    pending = TranslationSuggestion.objects.filter(status=SuggestionStatus.PENDING)
    if not is_centre_staff(user):
        admin_of = list(
            user.memberships.filter(role=MembershipRole.ADMIN).values_list(
                "association_id", flat=True
            )
        )
        if not admin_of:
            return []
        allowed = Q(pk__in=[])
        for source in SOURCES:
            allowed |= Q(
                content_type=source.content_type(),
                object_id__in=source.owned_by(admin_of).values("pk"),
            )
        pending = pending.filter(allowed)
    suggestions = list(pending.select_related("translator").order_by("created_at"))
    by_type: dict[int, set[int]] = {}
    for suggestion in suggestions:
        by_type.setdefault(suggestion.content_type_id, set()).add(suggestion.object_id)
    targets = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for obj in model.objects.filter(pk__in=ids):
            targets[(content_type_id, obj.pk)] = obj
    result = []
    for suggestion in suggestions:
        target = targets.get((suggestion.content_type_id, suggestion.object_id))
        if target is None:
            continue
        suggestion.target = target
        suggestion.german = source_text(target, suggestion.field)
        result.append(suggestion)
    return result


def may_review(user, suggestion: TranslationSuggestion) -> bool:
    """Staff, or admins of the association that owns the suggestion's text."""
    if not user.is_authenticated or suggestion is None:
        return False
    if is_centre_staff(user):
        return True
    source = source_for_model(suggestion.content_type.model_class())
    if source is None:
        return False
    admin_of = user.memberships.filter(role=MembershipRole.ADMIN).values("association_id")
    return source.owned_by(admin_of).filter(pk=suggestion.object_id).exists()
