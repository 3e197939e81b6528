from django.contrib import admin

from .models import VolunteerProfile


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "skills")
    search_fields = ("user__display_name", "user__email", "skills")
    list_filter = ("associations",)
    filter_horizontal = ("associations",)
    autocomplete_fields = ("user",)
