from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Centre, OutboxTask, ScheduledRun, ScheduleSync


@admin.register(Centre)
class CentreAdmin(TranslationAdmin):
    list_display = ("name", "city", "is_sample")
    search_fields = ("name", "city")

    def has_add_permission(self, request):
        return not Centre.objects.exists()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the system writes: to read (and delete), not to edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxTask)
class OutboxTaskAdmin(ReadOnlyAdmin):
    list_display = ("task_name", "created_at", "attempts", "next_attempt_at", "last_error")
    list_filter = ("task_name",)
    search_fields = ("task_name", "last_error")


@admin.register(ScheduledRun)
class ScheduledRunAdmin(ReadOnlyAdmin):
    list_display = ("name", "due_at", "sent_at", "task_name")
    list_filter = ("name",)
    search_fields = ("name", "task_name")
    date_hierarchy = "sent_at"


@admin.register(ScheduleSync)
class ScheduleSyncAdmin(ReadOnlyAdmin):
    list_display = ("name", "synced_at")
    list_filter = ("synced_at",)
    search_fields = ("name",)
