from modeltranslation.translator import TranslationOptions, register

from .models import Centre


@register(Centre)
class CentreTranslationOptions(TranslationOptions):
    fields = ("tagline",)
