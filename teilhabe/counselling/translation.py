from modeltranslation.translator import TranslationOptions, register

from .models import Service, Topic


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)
