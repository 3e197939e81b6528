from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Centre


@admin.register(Centre)
class CentreAdmin(TranslationAdmin):
    list_display = ("name", "city", "is_sample")
    search_fields = ("name", "city")

    def has_add_permission(self, request):
        return not Centre.objects.exists()
