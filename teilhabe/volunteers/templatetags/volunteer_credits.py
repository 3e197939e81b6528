"""Credit for the volunteers who translated a public text: {% translation_credit obj %}."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.translation import gettext as _

from teilhabe.core.languages import language_name

from ..models import SuggestionStatus, TranslationSuggestion

register = template.Library()


def _join(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


@register.simple_tag
def translation_credit(obj):
    """'Translated into Arabic and Ukrainian by volunteers of the house', or nothing; one
    query (the content type comes from Django's cache)."""
    if obj is None or getattr(obj, "pk", None) is None:
        return ""
    languages = sorted(
        set(
            TranslationSuggestion.objects.filter(
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=obj.pk,
                status=SuggestionStatus.APPROVED,
            ).values_list("language", flat=True)
        )
    )
    if not languages:
        return ""
    names = sorted(str(language_name(code)) for code in languages)
    return format_html(
        '<p class="small text-body-secondary translation-credit">{}</p>',
        _("Translated into %(languages)s by volunteers of the house") % {"languages": _join(names)},
    )
