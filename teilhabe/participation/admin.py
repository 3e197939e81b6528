"""The admin of the ideas board. Supporters are only a random key and a keyed hash here:
nothing in them names a person."""

from django.contrib import admin

from .models import Comment, Idea, Support


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("name", "text", "language", "is_hidden", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "language", "is_hidden", "merged_into", "created_at")
    list_filter = ("status", "language", "is_hidden", "adopted_by_association")
    search_fields = ("title", "text", "proposer_name", "staff_answer")
    raw_id_fields = ("merged_into", "adopted_by_volunteer", "adopted_offer")
    readonly_fields = ("adopted_at", "adoption_told_at", "realisation_told_at")
    date_hierarchy = "created_at"
    inlines = [CommentInline]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ("idea", "language", "created_at")
    list_filter = ("language", "created_at")
    search_fields = ("idea__title",)
    raw_id_fields = ("idea",)
    readonly_fields = ("supporter_key", "address_hash", "created_at")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "idea", "name", "is_hidden", "created_at")
    list_filter = ("is_hidden", "language")
    search_fields = ("text", "name", "idea__title")
    raw_id_fields = ("idea",)
