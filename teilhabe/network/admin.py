"""The admin of the network directory: every model with search and filters."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Location, Organization, Phone, Schedule, Service, ServiceAtLocation


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0
    fields = ("number", "type", "description")


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0
    fields = ("byday", "opens_at", "closes_at", "description")


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    fields = ("location",)


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ("name", "is_in_house", "association", "email", "is_sample")
    list_filter = ("is_in_house", "is_sample")
    search_fields = ("name", "description", "email", "uuid")
    filter_horizontal = ("editors",)
    raw_id_fields = ("association",)
    readonly_fields = ("uuid",)
    inlines = (PhoneInline,)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    list_display = ("name", "organization", "service_type", "status")
    list_filter = ("service_type", "status", "organization__is_in_house")
    search_fields = ("name", "description", "organization__name", "uuid")
    list_select_related = ("organization",)
    raw_id_fields = ("organization",)
    readonly_fields = ("uuid",)
    inlines = (ServiceAtLocationInline, ScheduleInline, PhoneInline)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "street", "postal_code", "city", "district")
    list_filter = ("district", "city")
    search_fields = ("name", "street", "postal_code", "city", "district", "organization__name")
    list_select_related = ("organization",)
    raw_id_fields = ("organization",)
    readonly_fields = ("uuid",)
    inlines = (ScheduleInline, PhoneInline)


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(admin.ModelAdmin):
    list_display = ("service", "location")
    list_filter = ("location__district",)
    search_fields = ("service__name", "location__name", "uuid")
    list_select_related = ("service", "location")
    raw_id_fields = ("service", "location")


@admin.register(Phone)
class PhoneAdmin(admin.ModelAdmin):
    list_display = ("number", "type", "organization", "service", "location")
    list_filter = ("type",)
    search_fields = ("number", "description", "organization__name", "service__name")
    list_select_related = ("organization", "service", "location")
    raw_id_fields = ("organization", "service", "location")


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("byday", "opens_at", "closes_at", "service", "location")
    list_filter = ("byday",)
    search_fields = ("service__name", "location__name", "description")
    list_select_related = ("service", "location")
    raw_id_fields = ("service", "location")
