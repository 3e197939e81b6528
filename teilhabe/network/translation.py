from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Service


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("de",)
