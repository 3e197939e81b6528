from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Assignment,
    Certificate,
    HoursEntry,
    InterpreterRequest,
    OpenRole,
    Training,
    TrainingEnrolment,
    TrainingTopic,
    TranslationSuggestion,
    VolunteerApplication,
    VolunteerProfile,
)


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "skills")
    search_fields = ("user__display_name", "user__email", "skills", "interests")
    list_filter = ("associations",)
    filter_horizontal = ("associations",)
    autocomplete_fields = ("user",)


@admin.register(TrainingTopic)
class TrainingTopicAdmin(TranslationAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(OpenRole)
class OpenRoleAdmin(TranslationAdmin):
    list_display = ("title", "association", "kind", "places", "is_published")
    list_filter = ("is_published", "kind", "association")
    search_fields = ("title", "description", "skills")
    filter_horizontal = ("required_topics",)


@admin.register(VolunteerApplication)
class VolunteerApplicationAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "status", "created_at")
    list_filter = ("status", "role")
    search_fields = ("name", "email", "message")
    readonly_fields = ("created_at", "decided_at", "decided_by")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "title", "starts_at", "status")
    list_filter = ("status", "association")
    search_fields = ("title", "volunteer__display_name")
    date_hierarchy = "starts_at"
    raw_id_fields = ("session",)


@admin.register(HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ("volunteer", "day", "hours", "association", "status")
    list_filter = ("status", "association")
    search_fields = ("volunteer__display_name", "description")
    date_hierarchy = "day"


class EnrolmentInline(admin.TabularInline):
    model = TrainingEnrolment
    extra = 0
    autocomplete_fields = ("volunteer",)


@admin.register(Training)
class TrainingAdmin(TranslationAdmin):
    list_display = ("title", "kind", "topic", "starts_at", "capacity", "is_published")
    list_filter = ("kind", "topic", "is_published")
    search_fields = ("title", "description", "place")
    date_hierarchy = "starts_at"
    inlines = [EnrolmentInline]


@admin.register(TrainingEnrolment)
class TrainingEnrolmentAdmin(admin.ModelAdmin):
    list_display = ("training", "volunteer", "status", "attended")
    list_filter = ("status", "attended", "training")
    search_fields = ("training__title", "volunteer__display_name")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "kind", "volunteer", "year", "issued_at")
    list_filter = ("kind", "year")
    search_fields = ("code", "volunteer__display_name")
    readonly_fields = ("code", "content", "issued_at")


@admin.register(TranslationSuggestion)
class TranslationSuggestionAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "field", "language", "status", "created_at")
    list_filter = ("status", "language", "content_type")
    search_fields = ("text",)


@admin.register(InterpreterRequest)
class InterpreterRequestAdmin(admin.ModelAdmin):
    """Language, time and place only: nothing about the person who asked is stored here."""

    list_display = ("language", "starts_at", "place", "status")
    list_filter = ("status", "language")
    search_fields = ("place", "language")
    date_hierarchy = "starts_at"
    readonly_fields = ("reference", "assignment")
