from modeltranslation.translator import TranslationOptions, register

from .models import FundingProgramme, FundingTopic, TargetGroup


@register(FundingTopic)
class FundingTopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(TargetGroup)
class TargetGroupTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(FundingProgramme)
class FundingProgrammeTranslationOptions(TranslationOptions):
    fields = ("summary",)
