from modeltranslation.translator import TranslationOptions, register

from .models import Equipment, Room


@register(Equipment)
class EquipmentTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Room)
class RoomTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}
