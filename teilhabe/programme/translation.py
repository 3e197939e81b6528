from modeltranslation.translator import TranslationOptions, register

from .models import Category, Offer, ScheduleException


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Offer)
class OfferTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "description_html", "image_alt")
    required_languages = {"de": ("title", "summary")}


@register(ScheduleException)
class ScheduleExceptionTranslationOptions(TranslationOptions):
    fields = ("note",)
