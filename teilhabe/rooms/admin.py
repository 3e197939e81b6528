from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Booking,
    BookingSeries,
    Closure,
    Equipment,
    OpeningHours,
    PlanningPlacement,
    PlanningRequest,
    PlanningRound,
    Room,
)


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


@admin.register(OpeningHours)
class OpeningHoursAdmin(admin.ModelAdmin):
    list_display = ("weekday", "opens", "closes")
    list_filter = ("weekday",)
    search_fields = ("weekday",)


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ("starts_at", "ends_at", "is_cancelled")
    readonly_fields = ("starts_at", "ends_at")
    can_delete = False


@admin.register(BookingSeries)
class BookingSeriesAdmin(admin.ModelAdmin):
    list_display = ("purpose", "room", "association", "starts_on", "until")
    list_filter = ("room", "association")
    search_fields = ("purpose", "room__name", "association__name")
    inlines = [BookingInline]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = (
        "room",
        "starts_at",
        "ends_at",
        "purpose",
        "association",
        "kind",
        "is_cancelled",
    )
    list_filter = ("kind", "is_cancelled", "room__floor", "room", "association")
    search_fields = ("purpose", "room__name", "association__name")
    date_hierarchy = "starts_at"
    readonly_fields = ("blocked_from", "blocked_until", "series", "created_by", "created_at")

    def get_readonly_fields(self, request, obj=None):
        # An existing booking can only be cancelled here; moving it is a new booking.
        if obj is not None:
            return [*self.readonly_fields, "room", "starts_at", "ends_at", "kind"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Writes go through the service, so the admin cannot double-book a room either.
        from . import services

        if change:
            super().save_model(request, obj, form, change)
            return
        services.book_room(
            room=obj.room,
            starts_at=obj.starts_at,
            ends_at=obj.ends_at,
            purpose=obj.purpose,
            association=obj.association,
            by=request.user,
            kind=obj.kind,
        )


class PlanningRequestInline(admin.TabularInline):
    model = PlanningRequest
    extra = 0
    fields = ("title", "association", "participants", "duration_minutes", "needs_step_free")
    show_change_link = True


@admin.register(PlanningRound)
class PlanningRoundAdmin(admin.ModelAdmin):
    """Rounds are planned on the planner's pages; the admin shows them for reference."""

    list_display = ("name", "starts_on", "ends_on", "status", "solved_at", "applied_at")
    list_filter = ("status",)
    search_fields = ("name",)
    readonly_fields = ("status", "stats", "solved_at", "applied_at")
    inlines = [PlanningRequestInline]


@admin.register(PlanningRequest)
class PlanningRequestAdmin(admin.ModelAdmin):
    list_display = ("title", "round", "association", "participants", "duration_minutes")
    list_filter = ("round", "association", "needs_step_free")
    search_fields = ("title", "association__name")


@admin.register(PlanningPlacement)
class PlanningPlacementAdmin(admin.ModelAdmin):
    list_display = ("request", "room", "weekday", "start_time", "is_manual")
    list_filter = ("request__round", "room", "weekday", "is_manual")
    search_fields = ("request__title", "room__name")
    readonly_fields = ("request",)
