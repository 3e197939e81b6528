from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Closure, Equipment, Room


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


@admin.register(Closure)
class ClosureAdmin(TranslationAdmin):
    list_display = ("reason", "starts_on", "ends_on", "room")
    list_filter = ("room",)
    search_fields = ("reason",)
    date_hierarchy = "starts_on"
