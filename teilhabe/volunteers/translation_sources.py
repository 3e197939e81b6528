"""The public texts volunteers may translate: which objects, which fields, and which
association owns them (its admins approve translations; staff approve everything)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from teilhabe.associations.models import Association
from teilhabe.programme.models import Offer, OfferStatus

from .models import OpenRole


@dataclass(frozen=True)
class TranslationSource:
    model: type[Model]
    fields: tuple[str, ...]
    objects: Callable[[], QuerySet]
    # The attribute holding the owning association's id; None on an object: staff only.
    owner_field: str

    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def owner_id(self, obj) -> int | None:
        return getattr(obj, self.owner_field)

    def owned_by(self, association_ids) -> QuerySet:
        return self.objects().filter(**{f"{self.owner_field}__in": association_ids})

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


SOURCES: list[TranslationSource] = [
    TranslationSource(
        model=Offer,
        fields=("title", "summary", "description"),
        objects=lambda: Offer.objects.filter(status=OfferStatus.PUBLISHED),
        owner_field="lead_association_id",
    ),
    TranslationSource(
        model=Association,
        fields=("short_description", "description"),
        objects=lambda: Association.objects.filter(is_active=True),
        owner_field="pk",
    ),
    TranslationSource(
        model=OpenRole,
        fields=("title", "description", "when"),
        objects=lambda: OpenRole.objects.filter(is_published=True),
        owner_field="association_id",
    ),
]

# Fields written in Markdown: the text area is larger for them.
MULTILINE_FIELDS = {"description"}


def source_for_model(model) -> TranslationSource | None:
    for source in SOURCES:
        if source.model is model or isinstance(model, source.model):
            return source
    return None


def source_for_content_type(content_type: ContentType) -> TranslationSource | None:
    return source_for_model(content_type.model_class())


def target_languages() -> list[str]:
    """The UI languages into which content can be translated (all but the source, German)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [code for code, _name in settings.LANGUAGES if code != default]
