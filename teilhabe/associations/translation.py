from modeltranslation.translator import TranslationOptions, register

from .models import Association, CooperationAgreement


@register(Association)
class AssociationTranslationOptions(TranslationOptions):
    fields = ("short_description", "description", "description_html")
    required_languages = {"de": ("short_description",)}


@register(CooperationAgreement)
class CooperationAgreementTranslationOptions(TranslationOptions):
    fields = ("title", "text", "text_html", "change_summary")
    required_languages = {"de": ("title", "text")}
