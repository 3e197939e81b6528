from modeltranslation.translator import TranslationOptions, register

from .models import Closure, Equipment, Room


@register(Equipment)
class EquipmentTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}


@register(Closure)
class ClosureTranslationOptions(TranslationOptions):
    fields = ("reason",)
    required_languages = ("de",)
