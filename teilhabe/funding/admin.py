"""The admin of funding: every model with search and filters. Applications move through their
steps only on the funding pages (services.move_application), so their status and history are
read-only here; documents show their name but never a link (they are private files served by
a permission-checked view)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import (
    AdviceSession,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Funder,
    FundingProgramme,
    FundingTopic,
    Payment,
    ProgrammeDeadline,
    ReportObligation,
    SentReminder,
    TargetGroup,
)


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "website")
    list_filter = ("level",)
    search_fields = ("name", "notes")


@admin.register(FundingTopic)
class FundingTopicAdmin(TranslationAdmin):
    list_display = ("name", "slug")
    list_filter = ()
    search_fields = ("name", "slug")


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ("name", "slug")
    list_filter = ()
    search_fields = ("name", "slug")


class ProgrammeDeadlineInline(admin.TabularInline):
    model = ProgrammeDeadline
    extra = 0


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(TranslationAdmin):
    list_display = (
        "title",
        "funder",
        "region",
        "min_amount",
        "max_amount",
        "deadline_kind",
        "is_active",
    )
    list_filter = ("is_active", "funder__level", "deadline_kind", "topics", "target_groups")
    search_fields = ("external_id", "title", "funder__name", "summary", "region")
    list_select_related = ("funder",)
    filter_horizontal = ("topics", "target_groups")
    readonly_fields = ("is_sample",)
    inlines = [ProgrammeDeadlineInline]


@admin.register(ProgrammeDeadline)
class ProgrammeDeadlineAdmin(admin.ModelAdmin):
    list_display = ("programme", "day", "note")
    list_filter = ("programme__deadline_kind",)
    search_fields = ("programme__title", "note")
    list_select_related = ("programme",)
    date_hierarchy = "day"
    autocomplete_fields = ("programme",)


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    fields = ("at", "from_status", "to_status", "by", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    fields = ("received_on", "amount", "recorded_by")
    readonly_fields = ("recorded_by",)


class ObligationInline(admin.TabularInline):
    model = ReportObligation
    extra = 0
    fields = ("kind", "period_end", "due_on", "submitted_on")
    readonly_fields = ("kind", "period_end", "due_on")

    def has_add_permission(self, request, obj=None):
        return False  # derived from the grant by services.derive_obligations


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("title", "association", "programme", "status", "amount_requested", "advisor")
    list_filter = ("status", "programme__funder__level", "association")
    search_fields = ("title", "description", "association__name", "programme__title")
    list_select_related = ("association", "programme", "advisor")
    readonly_fields = ("status",)
    autocomplete_fields = ("programme", "advisor")
    filter_horizontal = ("offers",)
    inlines = [EventInline, PaymentInline, ObligationInline]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(admin.ModelAdmin):
    list_display = ("application", "from_status", "to_status", "by", "at")
    list_filter = ("to_status",)
    search_fields = ("application__title", "note")
    list_select_related = ("application", "by")
    readonly_fields = ("application", "from_status", "to_status", "by", "at", "note")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("application", "received_on", "amount")
    list_filter = ("application__programme__funder__level",)
    search_fields = ("application__title", "application__association__name")
    list_select_related = ("application",)
    date_hierarchy = "received_on"
    autocomplete_fields = ("application",)
    readonly_fields = ("recorded_by",)


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "application", "kind", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("title", "application__title")
    list_select_related = ("application",)
    fields = ("application", "kind", "title", "file_name", "uploaded_by", "uploaded_at")
    readonly_fields = ("application", "file_name", "uploaded_by", "uploaded_at")

    @admin.display(description=_("file"))
    def file_name(self, document):
        return document.file.name

    def has_add_permission(self, request):
        return False  # uploads are checked by services.add_document on the funding pages


@admin.register(ReportObligation)
class ReportObligationAdmin(admin.ModelAdmin):
    list_display = ("application", "kind", "period_end", "due_on", "submitted_on")
    list_filter = ("kind", "submitted_on")
    search_fields = ("application__title", "application__association__name")
    list_select_related = ("application",)
    date_hierarchy = "due_on"
    readonly_fields = ("application", "kind", "period_end", "due_on")


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "sent_at")
    list_filter = ("sent_at",)
    search_fields = ("key",)
    readonly_fields = ("key", "sent_at")


@admin.register(AdviceSession)
class AdviceSessionAdmin(admin.ModelAdmin):
    list_display = ("held_on", "association", "topic", "advisor")
    list_filter = ("association", "advisor")
    search_fields = ("topic", "notes", "next_steps", "association__name")
    list_select_related = ("association", "advisor")
    date_hierarchy = "held_on"
    autocomplete_fields = ("application",)
