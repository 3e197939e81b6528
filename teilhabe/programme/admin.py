"""The programme in the Django admin, for centre staff. Writes go through the same services as
the hosts' pages, so that sessions follow their schedules and the public pages are refreshed.
Sessions (materialised from schedules) and registrations (with their waiting list) are shown,
not edited by hand."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from . import services
from .models import (
    Category,
    Offer,
    OfferStatus,
    Registration,
    RegistrationStatus,
    Schedule,
    ScheduleException,
    Session,
)
from .offer_forms import WEEKDAY_CHOICES, schedule_in_words


class ScheduleAdminForm(forms.ModelForm):
    """Weekdays as checkboxes, and the service's checks shown on the form rather than as an
    error page. (No Meta: the admin builds it from its own field list.)"""

    weekdays = forms.TypedMultipleChoiceField(
        label=gettext_lazy("weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Empty for a single date."),
    )

    def _post_clean(self):
        super()._post_clean()
        try:
            services._check_schedule(self.instance)
        except ValidationError as error:
            self.add_error(None, error)


def _has_registered_dates(schedules) -> bool:
    return Registration.objects.filter(session__schedule__in=schedules).exists()


class ScheduleInline(admin.StackedInline):
    model = Schedule
    form = ScheduleAdminForm
    extra = 0
    autocomplete_fields = ("room",)
    show_change_link = True

    def has_delete_permission(self, request, obj=None):
        # Deleting a schedule deletes its dates, and with them the registrations for them.
        if obj is not None and _has_registered_dates(obj.schedules.all()):
            return False
        return super().has_delete_permission(request, obj)


class OfferAdminForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        lead = data.get("lead_association")
        if lead and lead in (data.get("co_hosts") or []):
            self.add_error("co_hosts", _("The lead association cannot also be a co-host."))
        return data


def _set_status(modeladmin, request, queryset, status: str) -> None:
    done = 0
    for offer in queryset:
        services.set_offer_status(offer=offer, status=status, by=request.user)
        done += 1
    modeladmin.message_user(
        request,
        _("%(count)s offers are now: %(status)s.")
        % {"count": done, "status": OfferStatus(status).label},
        messages.SUCCESS,
    )


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_de", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_de",)}


@admin.register(Offer)
class OfferAdmin(TranslationAdmin):
    form = OfferAdminForm
    list_display = ("title", "lead_association", "category", "status", "registration_mode")
    list_filter = (
        "status",
        "category",
        "lead_association",
        "cost_kind",
        "registration_mode",
        "is_step_free",
        "has_childcare",
        "is_women_only",
    )
    list_select_related = ("lead_association", "category")
    search_fields = ("title_de", "title_en", "summary_de", "slug", "lead_association__name")
    prepopulated_fields = {"slug": ("title_de",)}
    autocomplete_fields = ("lead_association",)
    filter_horizontal = ("co_hosts",)
    readonly_fields = ("status",)
    inlines = [ScheduleInline]
    actions = ["publish", "back_to_draft", "archive"]

    @admin.action(description=gettext_lazy("Publish"), permissions=["change"])
    def publish(self, request, queryset):
        _set_status(self, request, queryset, OfferStatus.PUBLISHED)

    @admin.action(description=gettext_lazy("Back to draft"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        _set_status(self, request, queryset, OfferStatus.DRAFT)

    @admin.action(description=gettext_lazy("Archive"), permissions=["change"])
    def archive(self, request, queryset):
        _set_status(self, request, queryset, OfferStatus.ARCHIVED)

    def save_model(self, request, obj, form, change):
        # Co-hosts are set by save_related (the form's many-to-many), schedules by
        # save_formset; both after the offer has its primary key.
        services.save_offer(offer=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Schedule:
            return super().save_formset(request, form, formset, change)
        schedules = formset.save(commit=False)
        for schedule in formset.deleted_objects:
            schedule.delete()
        for schedule in schedules:
            services.save_schedule(schedule=schedule, by=request.user)
        formset.save_m2m()
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After deleted schedules, and whatever the co-hosts changed.
        services.materialise_sessions(offers=[form.instance])


class ScheduleExceptionInline(TranslationStackedInline):
    model = ScheduleException
    extra = 0
    autocomplete_fields = ("moved_room",)


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    form = ScheduleAdminForm
    list_display = ("offer", "rule", "starts_on")
    list_filter = ("offer__status", "offer__category", "room")
    list_select_related = ("offer", "room")
    search_fields = ("offer__title_de", "offer__slug")
    autocomplete_fields = ("offer", "room")
    date_hierarchy = "starts_on"
    inlines = [ScheduleExceptionInline]

    @admin.display(description=gettext_lazy("rule"))
    def rule(self, obj):
        return schedule_in_words(obj)

    def get_actions(self, request):
        # A bulk delete would pass by the check for registered dates below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _has_registered_dates([obj]):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.save_schedule(schedule=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        exceptions = formset.save(commit=False)
        for exception in formset.deleted_objects:
            exception.delete()
        for exception in exceptions:
            services.add_schedule_exception(exception=exception, by=request.user)
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.materialise_sessions(offers=[form.instance.offer])

    def delete_model(self, request, obj):
        offer = obj.offer
        super().delete_model(request, obj)
        services.materialise_sessions(offers=[offer])


@admin.register(ScheduleException)
class ScheduleExceptionAdmin(TranslationAdmin):
    list_display = ("schedule", "day", "kind", "moved_to")
    list_filter = ("kind", "schedule__offer__category")
    list_select_related = ("schedule__offer",)
    search_fields = ("schedule__offer__title_de", "note_de")
    autocomplete_fields = ("schedule", "moved_room")
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change):
        services.add_schedule_exception(exception=obj, by=request.user)

    def delete_model(self, request, obj):
        offer = obj.schedule.offer
        super().delete_model(request, obj)
        services.materialise_sessions(offers=[offer])

    def delete_queryset(self, request, queryset):
        offers = list(Offer.objects.filter(schedules__exceptions__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        services.materialise_sessions(offers=offers)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    """Dates are made from schedules (and remade on every change): change the schedule."""

    list_display = ("offer", "starts_at", "ends_at", "room", "is_cancelled", "is_moved")
    list_filter = ("is_cancelled", "is_moved", "offer__category", "room")
    list_select_related = ("offer", "room")
    search_fields = ("offer__title_de", "offer__slug", "note")
    date_hierarchy = "starts_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations come from the registration form; cancelling one here moves the waiting
    list on as the cancellation link does."""

    list_display = ("name", "offer", "session", "persons", "status", "created_at")
    list_filter = ("status", "offer__category", "needs_childcare", "needs_interpreting", "language")
    list_select_related = ("offer", "session")
    search_fields = ("name", "email", "phone", "offer__title_de")
    date_hierarchy = "created_at"
    actions = ["cancel"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Registration._meta.fields if not field.auto_created]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=gettext_lazy("Cancel, and move the waiting list on"), permissions=["change"]
    )
    def cancel(self, request, queryset):
        cancelled = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            services.cancel_registration(registration=registration)
            cancelled += 1
        self.message_user(
            request,
            _("%(count)s registrations cancelled.") % {"count": cancelled},
            messages.SUCCESS,
        )
