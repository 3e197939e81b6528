from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Association, CooperationAgreement, Membership, Signature


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Association)
class AssociationAdmin(TranslationAdmin):
    list_display = ("name", "is_migrant_organisation", "founding_year", "is_active")
    list_filter = ("is_migrant_organisation", "is_active")
    search_fields = ("name", "short_description", "contact_email")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "association", "role", "created_at")
    list_filter = ("role", "association")
    search_fields = ("user__display_name", "user__email", "association__name")
    autocomplete_fields = ("user", "association")


@admin.register(CooperationAgreement)
class CooperationAgreementAdmin(TranslationAdmin):
    list_display = ("version", "title", "published_at", "published_by")
    search_fields = ("title", "text")
    readonly_fields = ("published_at", "published_by")

    def has_add_permission(self, request):
        # New versions are published through the staff page, which asks everyone to sign.
        return False


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ("association", "agreement", "signatory_name", "signed_at")
    list_filter = ("agreement", "association")
    search_fields = ("association__name", "signatory_name")
    readonly_fields = ("agreement", "association", "signed_by", "signatory_name", "signed_at")

    def has_add_permission(self, request):
        return False
