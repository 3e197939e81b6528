from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Equipment, Room


@admin.register(Equipment)
class EquipmentAdmin(TranslationAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Room)
class RoomAdmin(TranslationAdmin):
    list_display = ("name", "floor", "area_m2", "capacity", "is_step_free", "is_active")
    list_filter = ("floor", "is_step_free", "equipment", "is_active")
    search_fields = ("name", "description")
    filter_horizontal = ("equipment",)
