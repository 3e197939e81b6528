from django.contrib import admin

from .models import CheckIn, DemographyProfile, ReportJob, SessionAttendance


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    list_display = ("day", "offer", "head_count", "method")
    list_filter = ("method",)
    search_fields = ("offer__title",)
    date_hierarchy = "day"
    raw_id_fields = ("session", "offer")


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("session", "registration", "is_self", "checked_in_at")
    list_filter = ("is_self",)
    search_fields = ("session__offer__title",)
    raw_id_fields = ("session", "registration")


@admin.register(DemographyProfile)
class DemographyProfileAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "population", "projected_change", "demography_type")
    list_filter = ("year",)
    search_fields = ("municipality", "ags")


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ("year", "language", "association", "status", "progress", "created_at")
    list_filter = ("status", "language")
    search_fields = ("association__name",)
    readonly_fields = ("file", "error", "progress", "status")
