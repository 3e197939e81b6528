from modeltranslation.translator import TranslationOptions, register

from .models import OpenRole, Training, TrainingTopic


@register(TrainingTopic)
class TrainingTopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(OpenRole)
class OpenRoleTranslationOptions(TranslationOptions):
    fields = ("title", "description", "when")
    required_languages = {"de": ("title", "when")}


@register(Training)
class TrainingTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}
